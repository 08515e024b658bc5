//! The rubric: techniques, anti-patterns, procedure, stages and timing rules, as data.
//!
//! Trainers edit `assets/rubric.ron`; the engine applies it and `jiedai check` validates it.

use crate::model::Effect;
use crate::text::{Lang, Text};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Rubric {
    pub version: u32,
    pub techniques: Vec<Technique>,
    pub anti_patterns: Vec<AntiPattern>,
    /// Procedural acts a scenario can expect (registration, time limits, representatives, …).
    pub procedures: Vec<ProcedureAct>,
    /// The stairway a visitor climbs, in order (heard → acknowledged → rapport).
    pub stages: Vec<Stage>,
    /// A technique that lands only once the visitor has reached a stage.
    pub gates: Vec<Gate>,
    /// Timing rules: the same words count differently at different moments.
    pub rules: Vec<Rule>,
    /// How agitation spreads through a collective visit.
    pub crowd: Crowd,
    /// The free-text analyser's shared word lists.
    pub analyser: AnalyserLexicons,
    pub scoring: Scoring,
    /// Practice hints: what to aim for next, by the last stage the visitor has reached.
    #[serde(default)]
    pub hints: Vec<StageHint>,
}

/// The hint shown in practice when the visitor's last reached stage is `after` (`None`: no
/// stage reached yet), unless the step has an author's hint of its own.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct StageHint {
    #[serde(default)]
    pub after: Option<String>,
    pub text: Text,
    pub guidance: Vec<String>,
}

/// Patterns in each language. Chinese patterns match anywhere; English ones on word boundaries,
/// ignoring case.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Lexicon {
    #[serde(default)]
    pub zh: Vec<String>,
    #[serde(default)]
    pub en: Vec<String>,
}

impl Lexicon {
    pub fn get(&self, lang: Lang) -> &[String] {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
    pub fn len(&self) -> usize {
        self.zh.len() + self.en.len()
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Technique {
    pub id: String,
    pub name: Text,
    /// What the guidance asks, in one line.
    pub summary: Text,
    pub guidance: Vec<String>,
    /// What to try next time when this technique scored low.
    pub advice: Text,
    /// Effect on the visitor when a typed reply shows this technique.
    #[serde(default)]
    pub effect: Effect,
    #[serde(default)]
    pub lexicon: Lexicon,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AntiPattern {
    pub id: String,
    pub name: Text,
    pub summary: Text,
    pub guidance: Vec<String>,
    pub advice: Text,
    /// Points taken from each technique in `against`.
    pub penalty: f32,
    pub against: Vec<String>,
    /// Effect on the visitor when a typed reply commits it.
    #[serde(default)]
    pub effect: Effect,
    #[serde(default)]
    pub lexicon: Lexicon,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ProcedureAct {
    pub id: String,
    pub name: Text,
    pub summary: Text,
    /// The regulation it rests on, e.g. "《信访工作条例》第二十条 / 2022 Reg Art 20".
    pub basis: Text,
    pub guidance: Vec<String>,
    #[serde(default)]
    pub lexicon: Lexicon,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Stage {
    pub id: String,
    pub name: Text,
    /// Reached when a reply shows any of these (and the stage before is reached).
    #[serde(default)]
    pub reached_by: Vec<String>,
    /// …and trust is at least this.
    #[serde(default)]
    pub min_trust: i32,
}

/// `technique` lands only when the visitor has reached `stage`, if agitation is at least
/// `agitation_at_least`. Otherwise it is premature: it earns no credit, counts as `anti_pattern`
/// when one is named, and has `effect`.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Gate {
    pub technique: String,
    pub stage: String,
    pub agitation_at_least: i32,
    #[serde(default)]
    pub anti_pattern: Option<String>,
    #[serde(default)]
    pub effect: Effect,
    pub guidance: Vec<String>,
}

/// A timing rule: when a reply and the moment match, an extra effect on the visitor.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    pub id: String,
    pub name: Text,
    /// The reply shows all of these techniques.
    #[serde(default)]
    pub used: Vec<String>,
    /// …and none of these.
    #[serde(default)]
    pub lacking: Vec<String>,
    /// The visitor had reached this stage before the reply.
    #[serde(default)]
    pub stage_at_least: Option<String>,
    /// The visitor had not reached this stage before the reply.
    #[serde(default)]
    pub stage_below: Option<String>,
    #[serde(default)]
    pub agitation_at_least: Option<i32>,
    pub effect: Effect,
    pub guidance: Vec<String>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Crowd {
    /// A member at or above this agitation is shouting and raises the others.
    pub shout_at: i32,
    /// Share of the gap to the loudest member that others close each turn (0–1).
    pub spread: f32,
    /// Share of the gap to the representatives' calm that others close once seated (0–1).
    pub seated_calm: f32,
    /// Share of the reply's effect that reaches members who were not addressed (0–1).
    pub bystander: f32,
    /// The procedure id whose performance seats the representatives.
    pub seats_representatives: String,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AnalyserLexicons {
    /// Words that cancel a finding right after them (不, 没, don't, not …).
    pub negators: Lexicon,
    /// Phrases that look like a pattern but are not (不管怎样 is not 不管). They shadow shorter
    /// matches that overlap them.
    pub neutral: Lexicon,
    pub open_questions: Lexicon,
    pub closed_questions: Lexicon,
    /// Markers of restating ("您的意思是", "so you're saying").
    pub restating: Lexicon,
    /// Politeness words; alone they are not respect.
    pub politeness: Lexicon,
    /// Share of the reply's words that must echo the visitor's last line to count as restating.
    pub echo_share: f32,
    /// Contrast words (但是, but): what comes after them can take back what came before.
    #[serde(default)]
    pub contrast: Lexicon,
    /// Techniques a contrast takes back (我理解，但是…) unless the reply goes on to one of
    /// `kept_by` after the contrast.
    #[serde(default)]
    pub retracted_by_contrast: Vec<String>,
    #[serde(default)]
    pub kept_by: Vec<String>,
    /// Anti-patterns that void the procedural acts named in their own clause (去找法院 said
    /// to get rid of the visitor is no court referral).
    #[serde(default)]
    pub voids_procedures: Vec<String>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Scoring {
    /// Weight of a scenario's objectives in the soft-skills score (others weigh 1).
    pub objective_weight: f32,
    /// Share of the overall score that the procedure track carries when a scenario expects any.
    pub procedure_share: f32,
    /// Credit for one well-timed use of a technique.
    pub credit: f32,
    /// Technique used by an open question.
    pub open_question_technique: String,
    /// Technique credited for restating the visitor's words.
    pub restating_technique: String,
    /// A technique that, alone in a short reply, is courtesy without substance.
    pub courtesy_technique: String,
    /// Anti-pattern for courtesy formulas with nothing else in a short reply.
    pub empty_politeness: String,
    /// Points taken from the overall score for each practice hint used.
    #[serde(default = "default_hint_cost")]
    pub hint_cost: u32,
}

fn default_hint_cost() -> u32 {
    3
}

/// The rubric shipped with jiedai (`assets/rubric.ron`), compiled in as the default.
pub const BUILTIN_RUBRIC: &str = include_str!("../../../assets/rubric.ron");

impl Rubric {
    pub fn technique(&self, id: &str) -> Option<&Technique> {
        self.techniques.iter().find(|t| t.id == id)
    }
    pub fn anti_pattern(&self, id: &str) -> Option<&AntiPattern> {
        self.anti_patterns.iter().find(|t| t.id == id)
    }
    pub fn procedure(&self, id: &str) -> Option<&ProcedureAct> {
        self.procedures.iter().find(|t| t.id == id)
    }
    pub fn stage_index(&self, id: &str) -> Option<usize> {
        self.stages.iter().position(|s| s.id == id)
    }
    pub fn technique_ids(&self) -> Vec<&str> {
        self.techniques.iter().map(|t| t.id.as_str()).collect()
    }
    /// The built-in rubric. It is checked by the test suite, so parsing cannot fail at run time.
    pub fn builtin() -> Rubric {
        ron::from_str(BUILTIN_RUBRIC).expect("the built-in rubric is valid (tested)")
    }
}
