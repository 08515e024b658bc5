//! The scenario model: what a RON scenario file can say.
//!
//! Every struct rejects unknown fields, so a typo in a scenario fails loudly with a suggestion.

use crate::text::Text;
use serde::{Deserialize, Serialize};

/// One visitor scenario, as written by a trainer in `scenarios/*.ron`.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Stable id, unique across the library (records and reports refer to it).
    pub id: String,
    pub title: Text,
    /// The case file: what an officer at the window knows before the visitor sits down.
    pub briefing: Text,
    /// The teaching that goes with the case (the policy points, the task): shown with the case
    /// file in practice, and kept for the debrief in an exam.
    #[serde(default)]
    pub teaching: Option<Text>,
    pub visitor_type: VisitorType,
    pub difficulty: Difficulty,
    /// Estimated minutes for one play-through.
    pub minutes: u32,
    /// Technique ids from the rubric that this scenario trains.
    #[serde(default)]
    pub objectives: Vec<String>,
    /// Section ids of the guidance outline (e.g. "3.3.1").
    #[serde(default)]
    pub guidance: Vec<String>,
    /// The people at the window. The first one speaks unless a step names another.
    pub visitors: Vec<Visitor>,
    /// A collective visit's crowd: its size and mood.
    #[serde(default)]
    pub group: Option<Group>,
    /// The lead visitor's emotional state when the visit starts.
    pub initial: Mood,
    /// Procedural acts the trainee is expected to perform (rubric procedure ids).
    #[serde(default)]
    pub procedure: Vec<String>,
    /// The first step.
    pub start: String,
    pub steps: Vec<Step>,
    /// Turns after which the session stops (a guard against endless loops).
    #[serde(default)]
    pub max_turns: Option<u32>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize, Serialize)]
pub enum VisitorType {
    /// 初访: a first visit.
    FirstVisit,
    /// 上访老户: a long-term repeat petitioner.
    RepeatPetitioner,
    /// 集体访: five or more people on one matter.
    Collective,
    /// An agitated visitor.
    Agitated,
    /// A visitor threatening or taking extreme action.
    ExtremeAction,
    /// A matter that belongs elsewhere (court, another department).
    Referral,
    /// A short lesson in the controls and the scoring.
    Tutorial,
}

impl VisitorType {
    pub const ALL: [VisitorType; 7] = [
        VisitorType::FirstVisit,
        VisitorType::RepeatPetitioner,
        VisitorType::Collective,
        VisitorType::Agitated,
        VisitorType::ExtremeAction,
        VisitorType::Referral,
        VisitorType::Tutorial,
    ];

    pub fn label(self) -> Text {
        let (zh, en) = match self {
            VisitorType::FirstVisit => ("初次来访", "First visit"),
            VisitorType::RepeatPetitioner => ("上访老户", "Long-term repeat petitioner"),
            VisitorType::Collective => ("集体访", "Collective visit"),
            VisitorType::Agitated => ("情绪激动", "Agitated visitor"),
            VisitorType::ExtremeAction => ("过激行为", "Extreme action"),
            VisitorType::Referral => ("依法导引", "Referral"),
            VisitorType::Tutorial => ("入门教程", "Tutorial"),
        };
        Text::pair(zh, en)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
pub enum Difficulty {
    Beginner,
    Intermediate,
    Advanced,
}

impl Difficulty {
    pub fn label(self) -> Text {
        let (zh, en) = match self {
            Difficulty::Beginner => ("入门", "Beginner"),
            Difficulty::Intermediate => ("进阶", "Intermediate"),
            Difficulty::Advanced => ("高级", "Advanced"),
        };
        Text::pair(zh, en)
    }
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Visitor {
    pub id: String,
    pub name: Text,
    #[serde(default)]
    pub age: Option<u32>,
    #[serde(default)]
    pub occupation: Option<Text>,
    #[serde(default)]
    pub background: Option<Text>,
    /// This member's own starting agitation (0–100); the scenario's initial agitation otherwise.
    #[serde(default)]
    pub agitation: Option<i32>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    /// Everyone who came, named or not. A collective visit has at least five.
    pub size: u32,
    /// The crowd's starting agitation, 0–100.
    pub mood: i32,
}

/// The emotional state a visit starts from.
#[derive(Clone, Copy, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Mood {
    pub agitation: i32,
    pub trust: i32,
}

/// One beat of the visit: the visitor speaks, then the trainee answers.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub id: String,
    /// Who speaks (a visitor id); the first visitor otherwise.
    #[serde(default)]
    pub speaker: Option<String>,
    /// The visitor's line; with several, one is picked with the session's seed.
    #[serde(default)]
    pub lines: Vec<Line>,
    /// A stage cue: what the visitor does (拍桌子, sits down, others murmur).
    #[serde(default)]
    pub cue: Option<Text>,
    /// For the trainer: what the step teaches and what to watch. The app shows it in classroom
    /// mode, after the room has answered.
    #[serde(default)]
    pub note: Option<Text>,
    /// A practice hint for this step, shown (at a cost) instead of the rubric's stage hint.
    #[serde(default)]
    pub hint: Option<Text>,
    /// Checked on entering the step, before the line: the first that holds redirects the visit.
    #[serde(default)]
    pub branches: Vec<Branch>,
    pub turn: Turn,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Line {
    pub id: String,
    pub text: Text,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Branch {
    pub when: Cond,
    pub next: String,
}

/// The trainee's turn at a step.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub enum Turn {
    /// Pick one of 2–5 replies.
    Choose {
        options: Vec<Reply>,
        /// Show the options in the file's order instead of shuffling them per visit (a
        /// tutorial step that teaches the keys).
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        pinned: bool,
    },
    /// Type a reply; the analyser's findings pick the route.
    Free {
        #[serde(default)]
        prompt: Option<Text>,
        /// Techniques this moment calls for (used by the debrief when they are missing).
        #[serde(default)]
        expects: Vec<String>,
        /// Tried in order; the first whose condition holds is taken.
        #[serde(default)]
        routes: Vec<Route>,
        /// Taken when no route holds.
        otherwise: Box<Route>,
    },
    /// The visit ends here.
    End { outcome: Outcome, debrief: Text },
}

/// One reply the trainee can pick.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Reply {
    pub id: String,
    pub text: Text,
    /// Techniques this reply exercises.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Anti-patterns this reply commits.
    #[serde(default)]
    pub anti: Vec<String>,
    /// Procedural acts this reply performs.
    #[serde(default)]
    pub procedure: Vec<String>,
    /// Change to the visitor's state, before the rubric's timing rules.
    #[serde(default)]
    pub effect: Effect,
    /// Why this reply is good or bad, citing the guidance. Required.
    #[serde(default)]
    pub feedback: Option<Feedback>,
    pub next: String,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Route {
    pub id: String,
    /// Absent on the fallback route.
    #[serde(default)]
    pub when: Option<Cond>,
    #[serde(default)]
    pub effect: Effect,
    #[serde(default)]
    pub feedback: Option<Feedback>,
    pub next: String,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Feedback {
    pub text: Text,
    #[serde(default)]
    pub guidance: Vec<String>,
}

/// A change to the visitor's state. Values are deltas in −100…100.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Effect {
    #[serde(default)]
    pub agitation: i32,
    #[serde(default)]
    pub trust: i32,
    /// Applied to the whole crowd of a collective visit.
    #[serde(default)]
    pub group: i32,
}

impl std::ops::Add for Effect {
    type Output = Effect;
    fn add(self, o: Effect) -> Effect {
        Effect {
            agitation: self.agitation + o.agitation,
            trust: self.trust + o.trust,
            group: self.group + o.group,
        }
    }
}

impl Effect {
    pub fn is_zero(&self) -> bool {
        *self == Effect::default()
    }
}

/// A condition on the visitor's state or on the trainee's reply.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Deserialize, Serialize)]
pub enum Cond {
    AgitationAtLeast(i32),
    AgitationBelow(i32),
    TrustAtLeast(i32),
    TrustBelow(i32),
    /// The crowd's mood (collective visits).
    GroupAtLeast(i32),
    GroupBelow(i32),
    /// The reply exercised this technique (free-text routes).
    Used(String),
    /// The reply committed this anti-pattern (free-text routes).
    Committed(String),
    /// This procedural act has been performed at some turn so far.
    Done(String),
    All(Vec<Cond>),
    Any(Vec<Cond>),
    Not(Box<Cond>),
}

impl Cond {
    /// Calls `f` on every leaf condition.
    pub fn visit(&self, f: &mut impl FnMut(&Cond)) {
        match self {
            Cond::All(v) | Cond::Any(v) => v.iter().for_each(|c| c.visit(f)),
            Cond::Not(c) => c.visit(f),
            leaf => f(leaf),
        }
    }

    /// The techniques and anti-patterns this condition asserts positively (not under `Not`).
    pub fn positive_uses(&self, techniques: &mut Vec<String>, anti: &mut Vec<String>) {
        match self {
            Cond::Used(t) => techniques.push(t.clone()),
            Cond::Committed(a) => anti.push(a.clone()),
            Cond::All(v) => v.iter().for_each(|c| c.positive_uses(techniques, anti)),
            // Any: the first alternative stands for the route.
            Cond::Any(v) => {
                if let Some(c) = v.first() {
                    c.positive_uses(techniques, anti)
                }
            }
            _ => {}
        }
    }
}

/// How a visit ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize, Serialize)]
pub enum Outcome {
    /// Settled at this visit.
    Resolved,
    /// Handed to the responsible body, with follow-up.
    Referred,
    /// The visitor leaves unsatisfied.
    Unsatisfied,
    /// Escalates: a group visit, a skip-level visit.
    Escalated,
    /// Someone's safety was put at risk.
    SafetyIncident,
}

impl Outcome {
    pub const ALL: [Outcome; 5] = [
        Outcome::Resolved,
        Outcome::Referred,
        Outcome::Unsatisfied,
        Outcome::Escalated,
        Outcome::SafetyIncident,
    ];

    pub fn label(self) -> Text {
        let (zh, en) = match self {
            Outcome::Resolved => ("当场化解", "Resolved at this visit"),
            Outcome::Referred => ("依法转交并跟进", "Referred with hand-off and follow-up"),
            Outcome::Unsatisfied => ("不满离开", "Left unsatisfied"),
            Outcome::Escalated => ("矛盾升级", "Escalated"),
            Outcome::SafetyIncident => ("发生安全事件", "Safety incident"),
        };
        Text::pair(zh, en)
    }

    /// A good outcome for the trainee.
    pub fn is_good(self) -> bool {
        matches!(self, Outcome::Resolved | Outcome::Referred)
    }

    pub fn colour(self) -> &'static str {
        match self {
            Outcome::Resolved => "#2e7d32",
            Outcome::Referred => "#1565c0",
            Outcome::Unsatisfied => "#f9a825",
            Outcome::Escalated => "#e65100",
            Outcome::SafetyIncident => "#b71c1c",
        }
    }
}

impl Scenario {
    pub fn step(&self, id: &str) -> Option<&Step> {
        self.steps.iter().find(|s| s.id == id)
    }

    pub fn step_index(&self, id: &str) -> Option<usize> {
        self.steps.iter().position(|s| s.id == id)
    }

    pub fn visitor(&self, id: &str) -> Option<&Visitor> {
        self.visitors.iter().find(|v| v.id == id)
    }

    pub fn is_collective(&self) -> bool {
        self.visitor_type == VisitorType::Collective
    }
}

impl Step {
    /// The step ids this step can lead to: branches, replies, routes.
    pub fn successors(&self) -> Vec<&str> {
        let mut out: Vec<&str> = self.branches.iter().map(|b| b.next.as_str()).collect();
        match &self.turn {
            Turn::Choose { options, .. } => out.extend(options.iter().map(|o| o.next.as_str())),
            Turn::Free {
                routes, otherwise, ..
            } => {
                out.extend(routes.iter().map(|r| r.next.as_str()));
                out.push(otherwise.next.as_str());
            }
            Turn::End { .. } => {}
        }
        out
    }

    pub fn is_end(&self) -> bool {
        matches!(self.turn, Turn::End { .. })
    }
}
