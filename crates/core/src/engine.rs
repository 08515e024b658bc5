//! The session engine: runs a scenario turn by turn from choices or typed replies.
//!
//! Deterministic for a seed: the same seed and the same replies give the same visit. The whole
//! state is plain data ([`SessionState`]), so a session can be saved, resumed and rewound.

use crate::analyse::{Analyser, Finding};
use crate::explore::{self, Par};
use crate::judge::{self, Judge};
use crate::model::{Feedback, Outcome, Reply, Scenario, Step, Turn};
use crate::rubric::Rubric;
use crate::state::{Assessment, VisitorState, apply};
use crate::step::{self, Landing};
use crate::text::Text;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

pub use crate::step::MAX_BRANCH_HOPS;

/// Turns after which a session stops when the scenario sets no `max_turns`.
pub const DEFAULT_MAX_TURNS: u32 = 200;

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum EngineError {
    #[error("the visit is over")]
    Over,
    #[error("option {0} does not exist here (choose 1–{1})")]
    NoSuchOption(usize, usize),
    #[error("this step expects a choice, not typed text")]
    ExpectsChoice,
    #[error("this step expects typed text, not a choice")]
    ExpectsText,
    #[error("the reply is empty")]
    EmptyReply,
    #[error("the scenario has no step `{0}`")]
    MissingStep(String),
    #[error("this snapshot belongs to scenario `{0}`")]
    WrongScenario(String),
    #[error("replaying the saved replies failed at turn {0}: {1}")]
    Replay(usize, String),
    #[error("an exam has no hints and no going back")]
    Exam,
    #[error("there is no turn {0} to go back to (1–{1})")]
    NoSuchTurn(usize, usize),
}

/// A practice hint taken at a turn.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HintUse {
    pub turn: u32,
    pub step: String,
}

/// A hint as shown.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Hint {
    pub text: Text,
    pub guidance: Vec<String>,
    /// Points it takes from the overall score (0 when this turn's hint was already paid for).
    pub cost: u32,
}

/// How the trainee answered.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Response {
    /// An option, by its 0-based index.
    Choice(usize),
    Text(String),
}

/// One turn of the visit, as the debrief and the reports show it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TurnRecord {
    pub turn: u32,
    pub step: String,
    pub speaker: Option<String>,
    pub line_id: Option<String>,
    pub line: Text,
    pub cue: Option<Text>,
    pub response: Response,
    /// The options in the order they were shown (indices into the step's options); empty
    /// for a typed step.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub shown: Vec<usize>,
    /// The option's id or the route's id.
    pub choice_id: String,
    /// What the trainee said (the option's text, or what they typed).
    pub said: Text,
    /// The analyser's findings (typed replies only).
    pub findings: Vec<Finding>,
    pub assessment: Assessment,
    pub before: VisitorState,
    pub after: VisitorState,
    pub feedback: Option<Feedback>,
    pub next: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum EndReason {
    /// An ending step was reached.
    Ending,
    /// The turn limit stopped the visit.
    TurnLimit,
    /// Branches kept jumping without settling on a step.
    BranchLoop,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EndInfo {
    pub step: String,
    pub outcome: Option<Outcome>,
    pub debrief: Text,
    pub reason: EndReason,
}

/// The whole state of a session: serialise it to save, deserialise to resume.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SessionState {
    pub scenario_id: String,
    pub seed: u64,
    /// The step awaiting the trainee's reply (or the ending).
    pub step: String,
    /// The picked variant of the step's line.
    pub line: Option<usize>,
    pub state: VisitorState,
    pub turn: u32,
    pub transcript: Vec<TurnRecord>,
    pub end: Option<EndInfo>,
    /// Steps jumped through by branches on the way to `step`.
    pub hops: Vec<String>,
    /// An exam: no hints, no going back (practice otherwise).
    #[serde(default)]
    pub exam: bool,
    /// Practice hints taken, one per turn at most.
    #[serde(default)]
    pub hints: Vec<HintUse>,
    /// Turns answered again after going back, in the order they were retried.
    #[serde(default)]
    pub retried: Vec<u32>,
}

/// What the trainee sees now.
pub struct View<'a> {
    pub step: &'a Step,
    pub speaker: Option<&'a str>,
    pub line_id: Option<&'a str>,
    pub line: Option<&'a Text>,
    pub cue: Option<&'a Text>,
    /// The order to show a choice step's options in, as indices into `step`'s options.
    pub order: Vec<usize>,
}

impl View<'_> {
    /// The options in the order shown, each with its index in the file.
    pub fn options(&self) -> Vec<(usize, &Reply)> {
        match &self.step.turn {
            Turn::Choose { options, .. } => self
                .order
                .iter()
                .filter_map(|&i| options.get(i).map(|o| (i, o)))
                .collect(),
            _ => Vec::new(),
        }
    }
}

pub struct Session {
    scenario: Arc<Scenario>,
    rubric: Arc<Rubric>,
    analyser: Arc<Analyser>,
    par: Arc<Par>,
    st: SessionState,
}

impl Session {
    pub fn new(
        scenario: Arc<Scenario>,
        rubric: Arc<Rubric>,
        seed: u64,
    ) -> Result<Session, EngineError> {
        let analyser = Arc::new(Analyser::new(&rubric));
        let par = Arc::new(explore::par(&scenario, &rubric));
        Session::with_parts(scenario, rubric, analyser, par, seed)
    }

    /// For hosts that keep one analyser and one par per scenario.
    pub fn with_parts(
        scenario: Arc<Scenario>,
        rubric: Arc<Rubric>,
        analyser: Arc<Analyser>,
        par: Arc<Par>,
        seed: u64,
    ) -> Result<Session, EngineError> {
        let st = SessionState {
            scenario_id: scenario.id.clone(),
            seed,
            step: scenario.start.clone(),
            line: None,
            state: VisitorState::initial(&scenario),
            turn: 0,
            transcript: Vec::new(),
            end: None,
            hops: Vec::new(),
            exam: false,
            hints: Vec::new(),
            retried: Vec::new(),
        };
        let mut s = Session {
            scenario,
            rubric,
            analyser,
            par,
            st,
        };
        let start = s.scenario.start.clone();
        s.enter(&start)?;
        Ok(s)
    }

    /// Resumes a saved session.
    pub fn restore(
        scenario: Arc<Scenario>,
        rubric: Arc<Rubric>,
        saved: SessionState,
    ) -> Result<Session, EngineError> {
        if saved.scenario_id != scenario.id {
            return Err(EngineError::WrongScenario(saved.scenario_id));
        }
        if scenario.step(&saved.step).is_none() {
            return Err(EngineError::MissingStep(saved.step));
        }
        let mut s = Session::new(scenario, rubric, saved.seed)?;
        s.st = saved;
        Ok(s)
    }

    /// The same scenario from its start with the same seed and parts: a fresh line through it.
    pub fn restart(&self) -> Result<Session, EngineError> {
        Session::with_parts(
            self.scenario.clone(),
            self.rubric.clone(),
            self.analyser.clone(),
            self.par.clone(),
            self.st.seed,
        )
    }

    /// Makes this visit an exam: no hints, no going back. Set before the first reply.
    pub fn set_exam(&mut self, exam: bool) {
        self.st.exam = exam;
    }

    pub fn is_exam(&self) -> bool {
        self.st.exam
    }

    /// Practice: goes back to just before turn `turn` (1-based) so that it is answered again;
    /// the turn is marked as retried and hints already taken still count.
    pub fn back_to(&mut self, turn: usize) -> Result<(), EngineError> {
        if self.st.exam {
            return Err(EngineError::Exam);
        }
        let n = self.st.transcript.len();
        if turn == 0 || turn > n {
            return Err(EngineError::NoSuchTurn(turn, n));
        }
        let (hints, mut retried) = (self.st.hints.clone(), self.st.retried.clone());
        self.rewind(turn - 1)?;
        if !retried.contains(&(turn as u32)) {
            retried.push(turn as u32);
        }
        self.st.hints = hints;
        self.st.retried = retried;
        Ok(())
    }

    /// Practice: the hint for the step at hand: the step's own, or the rubric's for the last
    /// stage the visitor has reached. The first at each turn costs the rubric's hint cost.
    pub fn hint(&mut self) -> Result<Hint, EngineError> {
        if self.st.exam {
            return Err(EngineError::Exam);
        }
        if self.st.end.is_some() {
            return Err(EngineError::Over);
        }
        let step = self
            .scenario
            .step(&self.st.step)
            .ok_or_else(|| EngineError::MissingStep(self.st.step.clone()))?;
        let reached = self
            .st
            .state
            .stage
            .checked_sub(1)
            .and_then(|i| self.rubric.stages.get(i))
            .map(|s| s.id.as_str());
        let stage_hint = self
            .rubric
            .hints
            .iter()
            .find(|h| h.after.as_deref() == reached);
        let (text, guidance) = match (&step.hint, stage_hint) {
            (Some(t), h) => (t.clone(), h.map(|h| h.guidance.clone()).unwrap_or_default()),
            (None, Some(h)) => (h.text.clone(), h.guidance.clone()),
            (None, None) => (Text::default(), Vec::new()),
        };
        let turn = self.st.turn + 1;
        let paid = self.st.hints.iter().any(|h| h.turn == turn);
        if !paid {
            self.st.hints.push(HintUse {
                turn,
                step: step.id.clone(),
            });
        }
        Ok(Hint {
            text,
            guidance,
            cost: if paid {
                0
            } else {
                self.rubric.scoring.hint_cost
            },
        })
    }

    /// The same visit on an edited version of its scenario: the replies so far replayed from
    /// the start (a choice by its option's id, a typed reply as typed), as far as the edited
    /// file allows. Returns the new session and, when the replay had to stop early, the turn
    /// it stopped before (the step or option of that turn no longer exists).
    pub fn carry_over(
        &self,
        scenario: Arc<Scenario>,
        rubric: Arc<Rubric>,
        analyser: Arc<Analyser>,
        par: Arc<Par>,
    ) -> Result<(Session, Option<u32>), EngineError> {
        let mut fresh = Session::with_parts(scenario, rubric, analyser, par, self.st.seed)?;
        fresh.st.exam = self.st.exam;
        fresh.st.hints = self.st.hints.clone();
        fresh.st.retried = self.st.retried.clone();
        for rec in &self.st.transcript {
            let same_step = fresh.st.step == rec.step;
            let response = match (&rec.response, fresh.view().map(|v| &v.step.turn)) {
                (Response::Choice(_), Some(Turn::Choose { options, .. })) if same_step => options
                    .iter()
                    .position(|o| o.id == rec.choice_id)
                    .map(Response::Choice),
                (Response::Text(t), Some(Turn::Free { .. })) if same_step => {
                    Some(Response::Text(t.clone()))
                }
                _ => None,
            };
            let Some(r) = response else {
                return Ok((fresh, Some(rec.turn)));
            };
            if fresh.respond(r).is_err() {
                return Ok((fresh, Some(rec.turn)));
            }
        }
        Ok((fresh, None))
    }

    /// Replays the first `turns` replies from the start: rewinding to any earlier turn.
    pub fn rewind(&mut self, turns: usize) -> Result<(), EngineError> {
        let replies: Vec<Response> = self
            .st
            .transcript
            .iter()
            .take(turns)
            .map(|t| t.response.clone())
            .collect();
        let mut fresh = Session::with_parts(
            self.scenario.clone(),
            self.rubric.clone(),
            self.analyser.clone(),
            self.par.clone(),
            self.st.seed,
        )?;
        fresh.st.exam = self.st.exam;
        for (i, r) in replies.into_iter().enumerate() {
            fresh
                .respond(r)
                .map_err(|e| EngineError::Replay(i + 1, e.to_string()))?;
        }
        *self = fresh;
        Ok(())
    }

    pub fn state(&self) -> &SessionState {
        &self.st
    }
    pub fn snapshot(&self) -> SessionState {
        self.st.clone()
    }
    /// Puts the session back to a state taken from it with [`Session::snapshot`]: a what-if
    /// played aside, then the visit's own line resumed exactly where it was.
    pub fn resume(&mut self, saved: SessionState) -> Result<(), EngineError> {
        if saved.scenario_id != self.scenario.id {
            return Err(EngineError::WrongScenario(saved.scenario_id));
        }
        if self.scenario.step(&saved.step).is_none() {
            return Err(EngineError::MissingStep(saved.step));
        }
        self.st = saved;
        Ok(())
    }
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }
    pub fn rubric(&self) -> &Rubric {
        &self.rubric
    }
    pub fn analyser(&self) -> &Analyser {
        &self.analyser
    }
    pub fn par(&self) -> &Par {
        &self.par
    }
    pub fn is_over(&self) -> bool {
        self.st.end.is_some()
    }
    pub fn transcript(&self) -> &[TurnRecord] {
        &self.st.transcript
    }

    pub fn view(&self) -> Option<View<'_>> {
        let step = self.scenario.step(&self.st.step)?;
        let line = self.st.line.and_then(|i| step.lines.get(i));
        Some(View {
            step,
            speaker: step::speaker_id(&self.scenario, step),
            line_id: line.map(|l| l.id.as_str()),
            line: line.map(|l| &l.text),
            cue: step.cue.as_ref(),
            order: self.order(step),
        })
    }

    /// The display order of the current choice step's options for this visit.
    fn order(&self, step: &Step) -> Vec<usize> {
        match &step.turn {
            Turn::Choose { options, pinned } => {
                step::option_order(self.st.seed, &step.id, self.st.turn, options.len(), *pinned)
            }
            _ => Vec::new(),
        }
    }

    /// What picking option `i` (file index) of the current step would bring, without
    /// picking it: for the classroom's notes.
    pub fn preview(&self, i: usize) -> Option<judge::Preview> {
        let step = self.scenario.step(&self.st.step)?;
        let Turn::Choose { options, .. } = &step.turn else {
            return None;
        };
        let o = options.get(i)?;
        Some(judge::preview(
            &self.rubric,
            &self.st.state,
            o,
            step::speaker_index(&self.scenario, step),
        ))
    }

    /// Answers the current step.
    pub fn respond(&mut self, response: Response) -> Result<&TurnRecord, EngineError> {
        if self.st.end.is_some() {
            return Err(EngineError::Over);
        }
        let step = self
            .scenario
            .step(&self.st.step)
            .ok_or_else(|| EngineError::MissingStep(self.st.step.clone()))?
            .clone();
        let before = self.st.state.clone();
        let speaker_idx = step::speaker_index(&self.scenario, &step);
        let line_text = self
            .st
            .line
            .and_then(|i| step.lines.get(i))
            .map(|l| l.text.clone())
            .unwrap_or_default();
        let shown = self.order(&step);
        let (choice_id, said, findings, assessment, feedback, next) = match (&step.turn, &response)
        {
            (Turn::Choose { options, .. }, Response::Choice(i)) => {
                let o: &Reply = options
                    .get(*i)
                    .ok_or(EngineError::NoSuchOption(i + 1, options.len()))?;
                (
                    o.id.clone(),
                    o.text.clone(),
                    Vec::new(),
                    judge::choice(&self.rubric, &before, o),
                    o.feedback.clone(),
                    o.next.clone(),
                )
            }
            (
                Turn::Free {
                    routes, otherwise, ..
                },
                Response::Text(t),
            ) => {
                if t.trim().is_empty() {
                    return Err(EngineError::EmptyReply);
                }
                let typed = Judge::new(&self.rubric, &self.analyser).typed(
                    &before,
                    t,
                    &line_text,
                    self.st.turn + 1,
                );
                let mut a = typed.assessment;
                let route = judge::pick_route(&self.rubric, &before, &a, routes, otherwise);
                a.effect = a.effect + route.effect;
                (
                    route.id.clone(),
                    Text::zh(t.clone()),
                    typed.findings,
                    a,
                    route.feedback.clone(),
                    route.next.clone(),
                )
            }
            (Turn::Choose { .. }, Response::Text(_)) => return Err(EngineError::ExpectsChoice),
            (Turn::Free { .. }, Response::Choice(_)) => return Err(EngineError::ExpectsText),
            (Turn::End { .. }, _) => return Err(EngineError::Over),
        };
        let after = apply(&self.rubric, &before, &assessment, speaker_idx);
        self.st.turn += 1;
        self.st.state = after.clone();
        let record = TurnRecord {
            turn: self.st.turn,
            step: step.id.clone(),
            speaker: step::speaker_id(&self.scenario, &step).map(str::to_owned),
            line_id: self
                .st
                .line
                .and_then(|i| step.lines.get(i))
                .map(|l| l.id.clone()),
            line: line_text,
            cue: step.cue.clone(),
            response,
            shown,
            choice_id,
            said,
            findings,
            assessment,
            before,
            after,
            feedback,
            next: next.clone(),
        };
        self.st.transcript.push(record);
        let limit = self.scenario.max_turns.unwrap_or(DEFAULT_MAX_TURNS);
        if self.st.turn >= limit {
            self.st.end = Some(EndInfo {
                step: next,
                outcome: None,
                debrief: Text::pair(
                    "练习达到回合上限，已停止。",
                    "The visit reached its turn limit and was stopped.",
                ),
                reason: EndReason::TurnLimit,
            });
        } else {
            self.enter(&next)?;
        }
        Ok(self.st.transcript.last().expect("just pushed"))
    }

    /// Enters a step: follows branches, picks the line variant, notes an ending.
    fn enter(&mut self, id: &str) -> Result<(), EngineError> {
        let from = self
            .scenario
            .step_index(id)
            .ok_or_else(|| EngineError::MissingStep(id.to_owned()))?;
        let ids = |v: &[usize]| -> Vec<String> {
            v.iter()
                .map(|&i| self.scenario.steps[i].id.clone())
                .collect()
        };
        match step::land(&self.scenario, &self.rubric, from, &self.st.state) {
            Landing::Missing(m) => Err(EngineError::MissingStep(m)),
            Landing::At { step: at, hops } => {
                self.st.hops = ids(&hops);
                let step = &self.scenario.steps[at];
                self.st.step = step.id.clone();
                self.st.line =
                    step::pick_line(self.st.seed, &step.id, self.st.turn, step.lines.len());
                if let Turn::End { outcome, debrief } = &step.turn {
                    self.st.end = Some(EndInfo {
                        step: step.id.clone(),
                        outcome: Some(*outcome),
                        debrief: debrief.clone(),
                        reason: EndReason::Ending,
                    });
                }
                Ok(())
            }
            Landing::Loop { at, hops } => {
                self.st.hops = ids(&hops);
                let id = self.scenario.steps[at].id.clone();
                self.st.step = id.clone();
                self.st.end = Some(EndInfo {
                    step: id,
                    outcome: None,
                    debrief: Text::pair(
                        "剧本的分支一直在跳转，练习已停止。",
                        "The scenario's branches kept jumping; the visit was stopped.",
                    ),
                    reason: EndReason::BranchLoop,
                });
                Ok(())
            }
        }
    }
}
