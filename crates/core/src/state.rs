//! The visitor's state and how a reply changes it, under the rubric's gates, rules and crowd.
//!
//! The session engine and the explorer both step through these functions, so what `explore`
//! reports is what a trainee can meet.

use crate::model::{Cond, Effect, Scenario};
use crate::rubric::Rubric;
use serde::{Deserialize, Serialize};

/// Everything about the visitor(s) that a reply can change.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct VisitorState {
    /// The addressed visitor's agitation, 0–100.
    pub agitation: i32,
    /// Trust in the officer, 0–100.
    pub trust: i32,
    /// How many of the rubric's stages the visitor has reached (0 = none).
    pub stage: usize,
    /// Collective visits: each member's agitation (named visitors first). Empty otherwise.
    pub members: Vec<i32>,
    /// Procedural acts performed so far, as a bit set over the rubric's procedures.
    pub done: u64,
}

impl VisitorState {
    pub fn initial(s: &Scenario) -> VisitorState {
        let mut members = Vec::new();
        if let Some(g) = &s.group {
            let size = (g.size as usize).clamp(s.visitors.len(), 60);
            for i in 0..size {
                let a = s
                    .visitors
                    .get(i)
                    .and_then(|v| v.agitation)
                    .unwrap_or(if i == 0 { s.initial.agitation } else { g.mood });
                members.push(a.clamp(0, 100));
            }
        }
        VisitorState {
            agitation: s.initial.agitation.clamp(0, 100),
            trust: s.initial.trust.clamp(0, 100),
            stage: 0,
            members,
            done: 0,
        }
    }

    /// The crowd's mood: the mean of its members, or the lead's agitation without a crowd.
    pub fn group_mood(&self) -> i32 {
        if self.members.is_empty() {
            self.agitation
        } else {
            (self.members.iter().sum::<i32>() as f32 / self.members.len() as f32).round() as i32
        }
    }

    pub fn is_done(&self, rubric: &Rubric, procedure: &str) -> bool {
        rubric
            .procedures
            .iter()
            .position(|p| p.id == procedure)
            .is_some_and(|i| i < 64 && self.done & (1 << i) != 0)
    }

    /// A mood word for the visitor's presence.
    pub fn mood(&self) -> Mood {
        match self.agitation {
            a if a >= 70 => Mood::Angry,
            a if a >= 40 => Mood::Tense,
            _ => Mood::Calm,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mood {
    Calm,
    Tense,
    Angry,
}

/// What a reply did, before the rubric judges its timing.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Facts {
    pub techniques: Vec<String>,
    pub anti_patterns: Vec<String>,
    pub procedures: Vec<String>,
    /// The author's effect (choices) or the route's (free text).
    pub effect: Effect,
    /// Typed replies also take the rubric's per-technique effects.
    pub typed: bool,
}

/// Points for one technique at one turn.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Points {
    pub technique: String,
    pub points: f32,
    /// Why: the technique itself, an anti-pattern id, or `premature`.
    pub cause: String,
}

/// The rubric's judgement of one reply at one moment.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Assessment {
    /// Techniques that landed.
    pub credited: Vec<String>,
    /// Techniques used too early (a gate's stage not reached).
    pub premature: Vec<String>,
    /// Anti-patterns, including those a gate added.
    pub anti_patterns: Vec<String>,
    pub procedures: Vec<String>,
    pub points: Vec<Points>,
    /// Rubric rules that fired.
    pub rules: Vec<String>,
    pub effect: Effect,
}

impl Assessment {
    /// Net points of the turn, all techniques together.
    pub fn net(&self) -> f32 {
        self.points.iter().map(|p| p.points).sum()
    }
    pub fn net_for(&self, technique: &str) -> f32 {
        self.points
            .iter()
            .filter(|p| p.technique == technique)
            .map(|p| p.points)
            .sum()
    }
}

fn dedup(v: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for x in v {
        if !out.contains(x) {
            out.push(x.clone());
        }
    }
    out
}

/// Judges a reply at the moment `before`.
pub fn assess(rubric: &Rubric, before: &VisitorState, facts: &Facts) -> Assessment {
    let mut a = Assessment {
        procedures: dedup(&facts.procedures),
        effect: facts.effect,
        ..Assessment::default()
    };
    let mut anti = dedup(&facts.anti_patterns);
    for t in dedup(&facts.techniques) {
        let gate = rubric.gates.iter().find(|g| {
            g.technique == t
                && before.agitation >= g.agitation_at_least
                && rubric
                    .stage_index(&g.stage)
                    .is_some_and(|i| before.stage <= i)
        });
        match gate {
            Some(g) => {
                a.premature.push(t.clone());
                a.effect = a.effect + g.effect;
                match &g.anti_pattern {
                    Some(ap) if !anti.contains(ap) => anti.push(ap.clone()),
                    Some(_) => {}
                    None => a.points.push(Points {
                        technique: t.clone(),
                        points: -rubric.scoring.credit,
                        cause: "premature".into(),
                    }),
                }
            }
            None => {
                a.points.push(Points {
                    technique: t.clone(),
                    points: rubric.scoring.credit,
                    cause: t.clone(),
                });
                if facts.typed
                    && let Some(tech) = rubric.technique(&t)
                {
                    a.effect = a.effect + tech.effect;
                }
                a.credited.push(t);
            }
        }
    }
    for id in &anti {
        if let Some(ap) = rubric.anti_pattern(id) {
            for t in &ap.against {
                a.points.push(Points {
                    technique: t.clone(),
                    points: -ap.penalty,
                    cause: id.clone(),
                });
            }
            if facts.typed {
                a.effect = a.effect + ap.effect;
            }
        }
    }
    a.anti_patterns = anti;
    for rule in &rubric.rules {
        let stage_ok = |id: &Option<String>, want_reached: bool| match id {
            None => true,
            Some(s) => rubric
                .stage_index(s)
                .is_some_and(|i| (before.stage > i) == want_reached),
        };
        if rule.used.iter().all(|t| a.credited.contains(t))
            && !rule.used.is_empty()
            && !rule.lacking.iter().any(|t| facts.techniques.contains(t))
            && stage_ok(&rule.stage_at_least, true)
            && stage_ok(&rule.stage_below, false)
            && rule
                .agitation_at_least
                .is_none_or(|v| before.agitation >= v)
        {
            a.effect = a.effect + rule.effect;
            a.rules.push(rule.id.clone());
        }
    }
    a
}

/// The state after a judged reply. `speaker` is the addressed member in a collective visit.
pub fn apply(
    rubric: &Rubric,
    before: &VisitorState,
    a: &Assessment,
    speaker: usize,
) -> VisitorState {
    let mut s = before.clone();
    let clamp = |v: i32| v.clamp(0, 100);
    // In a crowd, the reply lands on the member it addresses, whoever spoke last.
    if let Some(&m) = s.members.get(speaker) {
        s.agitation = m;
    }
    s.agitation = clamp(s.agitation + a.effect.agitation + a.effect.group);
    s.trust = clamp(s.trust + a.effect.trust);
    for p in &a.procedures {
        if let Some(i) = rubric.procedures.iter().position(|x| &x.id == p)
            && i < 64
        {
            s.done |= 1 << i;
        }
    }
    if !s.members.is_empty() {
        let c = &rubric.crowd;
        let speaker = speaker.min(s.members.len() - 1);
        for (i, m) in s.members.iter_mut().enumerate() {
            if i == speaker {
                *m = s.agitation;
            } else {
                let share = (a.effect.agitation as f32 * c.bystander).round() as i32;
                *m = clamp(*m + share + a.effect.group);
            }
        }
        // Shouting spreads: everyone closes part of the gap to the loudest member.
        let loudest = *s.members.iter().max().unwrap_or(&0);
        if loudest >= c.shout_at {
            for m in s.members.iter_mut() {
                *m = clamp(*m + ((loudest - *m) as f32 * c.spread).round() as i32);
            }
        }
        // Seated representatives calm the rest.
        if s.is_done(rubric, &c.seats_representatives) {
            let reps = s.members.len().min(5);
            let calm = (s.members[..reps].iter().sum::<i32>() as f32 / reps as f32).round() as i32;
            for m in s.members[reps..].iter_mut() {
                *m = clamp(*m - ((*m - calm) as f32 * c.seated_calm).round() as i32);
            }
        }
        s.agitation = s.members[speaker];
    }
    // Climb the stairway: each stage needs the one before.
    while let Some(st) = rubric.stages.get(s.stage) {
        let by = st.reached_by.is_empty() || st.reached_by.iter().any(|t| a.credited.contains(t));
        if by && s.trust >= st.min_trust {
            s.stage += 1;
        } else {
            break;
        }
    }
    s
}

/// Evaluates a condition on the state, and on the reply's judgement where there is one.
pub fn holds(cond: &Cond, rubric: &Rubric, s: &VisitorState, reply: Option<&Assessment>) -> bool {
    match cond {
        Cond::AgitationAtLeast(v) => s.agitation >= *v,
        Cond::AgitationBelow(v) => s.agitation < *v,
        Cond::TrustAtLeast(v) => s.trust >= *v,
        Cond::TrustBelow(v) => s.trust < *v,
        Cond::GroupAtLeast(v) => s.group_mood() >= *v,
        Cond::GroupBelow(v) => s.group_mood() < *v,
        Cond::Used(t) => reply.is_some_and(|a| a.credited.contains(t)),
        Cond::Committed(t) => reply.is_some_and(|a| a.anti_patterns.contains(t)),
        Cond::Done(p) => s.is_done(rubric, p),
        Cond::All(v) => v.iter().all(|c| holds(c, rubric, s, reply)),
        Cond::Any(v) => v.iter().any(|c| holds(c, rubric, s, reply)),
        Cond::Not(c) => !holds(c, rubric, s, reply),
    }
}
