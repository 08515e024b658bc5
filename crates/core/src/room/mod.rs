//! A group session: a trainer at a projector takes a room of new staff through a scenario.
//!
//! The room sees the briefing, then at each step the visitor's line, then the options (lettered
//! A, B, C… in the visit's shuffled order) while a discussion timer runs. The trainer records the
//! room's show of hands and plays the room's choice (or a typed reply the room proposes); the
//! reveal shows the visitor's reaction and why. At any step the trainer can play another option
//! aside ("what if"), follow it as far as the room wants, and return to the room's own line
//! exactly where it was. Afterwards [`Room::summary`] gives the room's path with its votes beside
//! the best option of each step, and [`html`] renders it as a hand-out.
//!
//! Plain data and the engine only: the app's presenter screens are one host of it.

mod html;

pub use html::{html, letter};

use crate::engine::{EngineError, Response, Session, SessionState, TurnRecord};
use crate::judge;
use crate::model::{Scenario, Turn};
use crate::rubric::Rubric;
use crate::score::{self, Debrief};
use crate::step;
use crate::text::Text;
use serde::{Deserialize, Serialize};

/// Where the room is in the current step.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Phase {
    /// The case file, before the first line.
    Briefing,
    /// The visitor's line and state; the options are not shown yet.
    Line,
    /// The options (or, at a typed step, the reply box) with the discussion timer and votes.
    Options,
    /// The visitor's reaction to the reply given, with the change in state and why.
    Reveal,
    /// The visit has ended; the summary follows.
    Over,
}

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum RoomError {
    #[error("no option has more hands than every other: pick one")]
    NoMajority,
    #[error("this step is answered by typing the room's reply")]
    NeedsText,
    #[error("this step is answered by choosing an option")]
    NeedsChoice,
    #[error("there is no option {0} here")]
    NoSuchOption(usize),
    #[error("not now: {0}")]
    NotNow(&'static str),
    #[error(transparent)]
    Engine(#[from] EngineError),
}

/// The discussion timer: set once per session, restarted at each step's options, pausable.
#[derive(Clone, Debug, PartialEq)]
pub struct Timer {
    /// Seconds of discussion per step.
    pub set: u32,
    /// Seconds left (below zero once the time is up: the overrun).
    pub left: f32,
    pub running: bool,
}

impl Timer {
    pub fn new(secs: u32) -> Timer {
        Timer {
            set: secs,
            left: secs as f32,
            running: false,
        }
    }
    pub fn restart(&mut self) {
        self.left = self.set as f32;
        self.running = self.set > 0;
    }
    pub fn toggle(&mut self) {
        self.running = !self.running;
    }
    pub fn tick(&mut self, secs: f32) {
        if self.running {
            self.left -= secs;
        }
    }
    pub fn is_up(&self) -> bool {
        self.set > 0 && self.left <= 0.0
    }
    /// Changes the time per step (and what is left of this one) by `secs`, never below 0.
    pub fn adjust(&mut self, secs: i32) {
        self.set = (self.set as i32 + secs).max(0) as u32;
        self.left = (self.left + secs as f32).max(0.0);
    }
    /// As the room reads it: 1:30, or −0:12 once over.
    pub fn label(&self) -> String {
        let s = self.left.abs().ceil() as u32;
        let sign = if self.left < -0.5 { "−" } else { "" };
        format!("{sign}{}:{:02}", s / 60, s % 60)
    }
}

/// A step the room answered on its own line.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RoomTurn {
    pub turn: u32,
    /// Hands per option in the order shown (empty at a typed step).
    pub votes: Vec<u32>,
    /// Options played aside at this step, by id, in the order they were tried.
    pub what_ifs: Vec<String>,
}

/// A what-if in progress: the room's line, kept whole until the trainer returns to it.
#[derive(Clone, Debug)]
struct Aside {
    room: SessionState,
    phase: Phase,
    votes: Vec<u32>,
    /// The room's turn (1-based) the what-if branches from, and the option it tries.
    turn: u32,
    option: String,
}

pub struct Room {
    session: Session,
    phase: Phase,
    votes: Vec<u32>,
    turns: Vec<RoomTurn>,
    /// What-ifs tried at the current step before the room answered it.
    pending: Vec<String>,
    aside: Option<Aside>,
    pub timer: Timer,
}

impl Room {
    /// A session for the room on `session`'s scenario, `discussion` seconds per step (0: no
    /// timer).
    pub fn new(session: Session, discussion: u32) -> Room {
        Room {
            session,
            phase: Phase::Briefing,
            votes: Vec::new(),
            turns: Vec::new(),
            pending: Vec::new(),
            aside: None,
            timer: Timer::new(discussion),
        }
    }

    /// The session on screen: the room's own, or the what-if being shown.
    pub fn session(&self) -> &Session {
        &self.session
    }
    pub fn phase(&self) -> Phase {
        self.phase
    }
    /// Hands per option of the current step, in the order shown.
    pub fn votes(&self) -> &[u32] {
        &self.votes
    }
    /// The steps the room has answered on its own line.
    pub fn turns(&self) -> &[RoomTurn] {
        &self.turns
    }
    /// The what-if being shown: the room's turn it branches from and the option's id.
    pub fn what_if(&self) -> Option<(u32, &str)> {
        self.aside.as_ref().map(|a| (a.turn, a.option.as_str()))
    }

    /// The options of the current step in the order shown (empty unless a choice step).
    fn shown(&self) -> Vec<usize> {
        self.session.view().map(|v| v.order).unwrap_or_default()
    }
    fn is_typed_step(&self) -> bool {
        self.session
            .view()
            .is_some_and(|v| matches!(v.step.turn, Turn::Free { .. }))
    }

    /// The option the room's hands point to (its place in the order shown): the one with more
    /// hands than any other.
    pub fn majority(&self) -> Option<usize> {
        let max = *self.votes.iter().max()?;
        if max == 0 || self.votes.iter().filter(|&&v| v == max).count() > 1 {
            return None;
        }
        self.votes.iter().position(|&v| v == max)
    }

    /// The clicker's "next": briefing → line → options → (the room's choice by its hands) →
    /// reveal → the next line, until the visit is over.
    pub fn advance(&mut self) -> Result<Phase, RoomError> {
        match self.phase {
            Phase::Briefing => self.phase = self.after_reveal(),
            Phase::Line => {
                self.votes = vec![0; self.shown().len()];
                self.timer.restart();
                self.phase = Phase::Options;
            }
            Phase::Options => {
                if self.is_typed_step() {
                    return Err(RoomError::NeedsText);
                }
                let k = self.majority().ok_or(RoomError::NoMajority)?;
                self.pick(k)?;
            }
            Phase::Reveal => self.phase = self.after_reveal(),
            Phase::Over => {}
        }
        Ok(self.phase)
    }

    fn after_reveal(&self) -> Phase {
        if self.session.is_over() {
            Phase::Over
        } else {
            Phase::Line
        }
    }

    /// The clicker's "back": one screen back. From a reveal it takes the reply back (the room
    /// answers the step again, its hands kept); in a what-if, back past its start returns to
    /// the room's line.
    pub fn back(&mut self) -> Result<Phase, RoomError> {
        let answered = self.session.transcript().len();
        match self.phase {
            Phase::Briefing => {}
            Phase::Line if answered == 0 => self.phase = Phase::Briefing,
            Phase::Line => self.phase = Phase::Reveal,
            Phase::Options => {
                self.timer.running = false;
                self.phase = Phase::Line;
            }
            Phase::Over if answered > 0 => self.phase = Phase::Reveal,
            Phase::Over => {}
            Phase::Reveal => {
                if self
                    .aside
                    .as_ref()
                    .is_some_and(|a| answered <= a.turn as usize)
                {
                    self.return_to_room()?;
                    return Ok(self.phase);
                }
                self.session.back_to(answered)?;
                let own = if self.aside.is_none() {
                    self.turns.pop()
                } else {
                    None
                };
                match own {
                    Some(t) => {
                        self.votes = t.votes;
                        self.pending = t.what_ifs;
                    }
                    None => self.votes = vec![0; self.shown().len()],
                }
                self.phase = Phase::Options;
            }
        }
        Ok(self.phase)
    }

    /// One hand more (or fewer) for the option at place `k` in the order shown.
    pub fn vote(&mut self, k: usize, delta: i32) -> Result<(), RoomError> {
        if self.phase != Phase::Options {
            return Err(RoomError::NotNow(
                "votes are taken while the options are shown",
            ));
        }
        if self.is_typed_step() {
            return Err(RoomError::NeedsText);
        }
        let v = self.votes.get_mut(k).ok_or(RoomError::NoSuchOption(k))?;
        *v = (*v as i32 + delta).clamp(0, 999) as u32;
        Ok(())
    }

    /// Plays the option at place `k` in the order shown as the room's reply.
    pub fn pick(&mut self, k: usize) -> Result<(), RoomError> {
        if self.phase != Phase::Options {
            return Err(RoomError::NotNow("the options are not shown"));
        }
        if self.is_typed_step() {
            return Err(RoomError::NeedsText);
        }
        let i = *self.shown().get(k).ok_or(RoomError::NoSuchOption(k))?;
        self.answer(Response::Choice(i))
    }

    /// Plays the reply the room proposes at a typed step.
    pub fn propose(&mut self, text: &str) -> Result<(), RoomError> {
        if self.phase != Phase::Options {
            return Err(RoomError::NotNow("the reply box is not shown"));
        }
        if !self.is_typed_step() {
            return Err(RoomError::NeedsChoice);
        }
        let text = text.trim();
        if text.is_empty() {
            return Err(EngineError::EmptyReply.into());
        }
        self.answer(Response::Text(text.to_owned()))
    }

    fn answer(&mut self, r: Response) -> Result<(), RoomError> {
        let turn = self.session.respond(r)?.turn;
        self.timer.running = false;
        if self.aside.is_none() {
            self.turns.push(RoomTurn {
                turn,
                votes: std::mem::take(&mut self.votes),
                what_ifs: std::mem::take(&mut self.pending),
            });
        }
        self.phase = Phase::Reveal;
        Ok(())
    }

    /// What if the room had said the option at place `k` instead: played aside from the
    /// current step (while the options are shown) or from the step just revealed. The room's
    /// line is kept whole; [`Room::return_to_room`] goes back to it.
    pub fn try_other(&mut self, k: usize) -> Result<(), RoomError> {
        if self.aside.is_some() {
            return Err(RoomError::NotNow("a what-if is already being shown"));
        }
        let answered = self.session.transcript().len();
        let (turn, from_reveal) = match self.phase {
            Phase::Options => (answered as u32 + 1, false),
            Phase::Reveal if answered > 0 => (answered as u32, true),
            _ => {
                return Err(RoomError::NotNow(
                    "a what-if starts at the options or a reveal",
                ));
            }
        };
        let saved = Aside {
            room: self.session.snapshot(),
            phase: self.phase,
            votes: self.votes.clone(),
            turn,
            option: String::new(),
        };
        if from_reveal {
            self.session.back_to(answered)?;
        }
        let shown = self.shown();
        let step = self.session.view().map(|v| v.step);
        let picked = match step.map(|s| &s.turn) {
            Some(Turn::Choose { options, .. }) => shown.get(k).and_then(|&i| options.get(i)),
            Some(Turn::Free { .. }) => {
                self.session.resume(saved.room)?;
                return Err(RoomError::NeedsChoice);
            }
            _ => None,
        };
        let Some(option) = picked.map(|o| o.id.clone()) else {
            self.session.resume(saved.room)?;
            return Err(RoomError::NoSuchOption(k));
        };
        let i = shown[k];
        if let Err(e) = self.session.respond(Response::Choice(i)) {
            self.session.resume(saved.room)?;
            return Err(e.into());
        }
        if from_reveal {
            if let Some(t) = self.turns.last_mut() {
                t.what_ifs.push(option.clone());
            }
        } else {
            self.pending.push(option.clone());
        }
        self.aside = Some(Aside { option, ..saved });
        self.timer.running = false;
        self.phase = Phase::Reveal;
        Ok(())
    }

    /// Ends the what-if and puts the room back exactly where it was: its step, its hands.
    pub fn return_to_room(&mut self) -> Result<(), RoomError> {
        let a = self
            .aside
            .take()
            .ok_or(RoomError::NotNow("no what-if is being shown"))?;
        self.session.resume(a.room)?;
        self.phase = a.phase;
        self.votes = a.votes;
        Ok(())
    }

    /// The room's own line, whether or not a what-if is on screen.
    pub fn room_state(&self) -> &SessionState {
        self.aside
            .as_ref()
            .map_or(self.session.state(), |a| &a.room)
    }

    /// The session's summary: the room's path with its hands beside the best option of each
    /// step, what the room did well and poorly by technique, and the best path through the
    /// scenario for comparison.
    pub fn summary(&self) -> Summary {
        let st = self.room_state();
        let sc = self.session.scenario();
        let rubric = self.session.rubric();
        let debrief = score::debrief(sc, rubric, self.session.par(), st);
        let steps = st
            .transcript
            .iter()
            .map(|rec| {
                let votes = self
                    .turns
                    .iter()
                    .find(|t| t.turn == rec.turn)
                    .cloned()
                    .unwrap_or(RoomTurn {
                        turn: rec.turn,
                        votes: Vec::new(),
                        what_ifs: Vec::new(),
                    });
                summarise_turn(sc, rubric, rec, &votes)
            })
            .collect();
        let (well, poorly) = judged_techniques(&debrief);
        let (best_path, best_path_typed) = best_path(&self.session);
        Summary {
            scenario: sc.id.clone(),
            title: sc.title.clone(),
            steps,
            best_path,
            best_path_typed,
            finished: st.end.is_some(),
            well,
            poorly,
            debrief,
        }
    }
}

/// Writes the summary's hand-out into `dir` as `<scenario>-<date>.html` (UTC), never over an
/// existing file, through a temporary file so that a full disk leaves no half page. Returns
/// the file written.
pub fn write_html(
    dir: &std::path::Path,
    s: &Summary,
    lang: crate::Lang,
    at_ms: u64,
) -> std::io::Result<std::path::PathBuf> {
    std::fs::create_dir_all(dir)?;
    let stamp: String = crate::report::date(at_ms)
        .chars()
        .map(|c| if c.is_ascii_digit() { c } else { '-' })
        .collect();
    let safe: String = s
        .scenario
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let html = html(s, lang);
    for n in 1..1000 {
        let name = if n == 1 {
            format!("{safe}-{stamp}.html")
        } else {
            format!("{safe}-{stamp}-{n}.html")
        };
        let path = dir.join(name);
        if path.exists() {
            continue;
        }
        let tmp = dir.join(format!(".{safe}-{stamp}-{n}.tmp"));
        std::fs::write(&tmp, &html)?;
        // hard_link refuses an existing name: a file that appeared meanwhile is never replaced.
        let linked = std::fs::hard_link(&tmp, &path);
        let _ = std::fs::remove_file(&tmp);
        match linked {
            Ok(()) => return Ok(path),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::new(
        std::io::ErrorKind::AlreadyExists,
        "too many summaries of this session in this minute",
    ))
}

/// One option as the summary shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SummaryOption {
    pub id: String,
    pub text: Text,
    pub votes: u32,
    /// Net points it brought (or would have brought) from the room's state at that step.
    pub points: f32,
    pub anti_patterns: Vec<String>,
}

/// A step the room answered.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SummaryStep {
    pub turn: u32,
    pub step: String,
    pub line: Text,
    /// The options in the order shown, each with the room's hands (empty at a typed step).
    pub options: Vec<SummaryOption>,
    /// The room's reply: its place in `options`, or the typed text.
    pub chosen: Option<usize>,
    pub typed: Option<String>,
    /// The best option from the room's state at that moment (its place in `options`).
    pub best: Option<usize>,
    /// What the room's reply brought, and the most the step offered.
    pub points: f32,
    pub best_points: f32,
    pub what_ifs: Vec<String>,
    pub feedback: Option<Text>,
    pub guidance: Vec<String>,
}

/// A step of the best path: the best option at each choice step from the start.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BestStep {
    pub step: String,
    pub said: Text,
    pub points: f32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub scenario: String,
    pub title: Text,
    pub steps: Vec<SummaryStep>,
    /// The best option at each step from the start, until the end or a typed step.
    pub best_path: Vec<BestStep>,
    /// The best path stops at a typed step: from there on the best reply is the room's to write.
    pub best_path_typed: bool,
    /// The visit reached an ending (a session can be ended before it does).
    pub finished: bool,
    /// Technique ids the room used well and poorly.
    pub well: Vec<String>,
    pub poorly: Vec<String>,
    pub debrief: Debrief,
}

impl Summary {
    /// Steps where the room's reply matched the best the step offered.
    pub fn best_taken(&self) -> usize {
        self.steps
            .iter()
            .filter(|s| s.points >= s.best_points - 0.05)
            .count()
    }
}

/// A technique counts as done well at 70 and above, poorly below 50 or when it lapsed.
fn judged_techniques(d: &Debrief) -> (Vec<String>, Vec<String>) {
    let mut well = Vec::new();
    let mut poorly = Vec::new();
    for t in &d.techniques {
        match t.score {
            Some(s) if s >= 70 && t.lapses == 0 => well.push(t.id.clone()),
            Some(s) if s < 50 || t.lapses > 0 => poorly.push(t.id.clone()),
            None if t.lapses > 0 => poorly.push(t.id.clone()),
            _ => {}
        }
    }
    (well, poorly)
}

/// One answered turn as the summary (and the reveal) shows it: the options in the order shown
/// with `room`'s hands, each judged from the state the reply was given in, the best among them.
pub fn summarise_turn(
    sc: &Scenario,
    rubric: &Rubric,
    rec: &TurnRecord,
    room: &RoomTurn,
) -> SummaryStep {
    let step = sc.step(&rec.step);
    let mut options = Vec::new();
    let mut chosen = None;
    let mut typed = None;
    if let Some(Turn::Choose { options: all, .. }) = step.map(|s| &s.turn) {
        let speaker = step.map_or(0, |s| step::speaker_index(sc, s));
        let order: Vec<usize> = if rec.shown.is_empty() {
            (0..all.len()).collect()
        } else {
            rec.shown.clone()
        };
        for (k, &i) in order.iter().enumerate() {
            let Some(o) = all.get(i) else { continue };
            let p = judge::preview(rubric, &rec.before, o, speaker);
            if o.id == rec.choice_id {
                chosen = Some(options.len());
            }
            options.push(SummaryOption {
                id: o.id.clone(),
                text: o.text.clone(),
                votes: room.votes.get(k).copied().unwrap_or(0),
                points: p.assessment.net(),
                anti_patterns: p.assessment.anti_patterns.clone(),
            });
        }
    }
    if let Response::Text(t) = &rec.response {
        typed = Some(t.clone());
    }
    let best = match step.map(|s| &s.turn) {
        Some(Turn::Choose { options: all, .. }) => {
            let order: Vec<usize> = if rec.shown.is_empty() {
                (0..all.len()).collect()
            } else {
                rec.shown.clone()
            };
            let speaker = step.map_or(0, |s| step::speaker_index(sc, s));
            judge::best_shown(rubric, &rec.before, all, &order, speaker)
        }
        _ => None,
    };
    let points = rec.assessment.net();
    let best_points = points + judge::turn_cost(rubric, sc, rec);
    SummaryStep {
        turn: rec.turn,
        step: rec.step.clone(),
        line: rec.line.clone(),
        options,
        chosen,
        typed,
        best,
        points,
        best_points,
        what_ifs: room.what_ifs.clone(),
        feedback: rec.feedback.as_ref().map(|f| f.text.clone()),
        guidance: rec
            .feedback
            .as_ref()
            .map(|f| f.guidance.clone())
            .unwrap_or_default(),
    }
}

/// The best option at each step, from the start with the session's seed, until the visit ends
/// or a typed step comes (whose best reply is the room's to write).
fn best_path(session: &Session) -> (Vec<BestStep>, bool) {
    let Ok(mut s) = session.restart() else {
        return (Vec::new(), false);
    };
    let mut out = Vec::new();
    for _ in 0..crate::engine::DEFAULT_MAX_TURNS {
        if s.is_over() {
            break;
        }
        let Some(v) = s.view() else { break };
        let Turn::Choose { options, .. } = &v.step.turn else {
            return (out, matches!(v.step.turn, Turn::Free { .. }));
        };
        let order: Vec<usize> = (0..options.len()).collect();
        let speaker = step::speaker_index(s.scenario(), v.step);
        let best = judge::best_shown(s.rubric(), &s.state().state, options, &order, speaker);
        let Some(i) = best else { break };
        let Ok(rec) = s.respond(Response::Choice(i)) else {
            break;
        };
        out.push(BestStep {
            step: rec.step.clone(),
            said: rec.said.clone(),
            points: rec.assessment.net(),
        });
    }
    (out, false)
}
