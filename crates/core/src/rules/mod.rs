//! Every rule of `jiedai check`, one per file.
//!
//! A rule file holds the rule's code, severity and documentation (a [`Rule`]), the templates of
//! its messages ([`Template`](crate::diag::Template)) and its check. Rules found while a file is
//! read or parsed (E001–E005) keep their detection where reading and parsing happen
//! (`source.rs`, `load.rs`, `check.rs`), which build their diagnostics with the rule file's
//! templates.
//!
//! **Adding a rule.** Write `rules/e021_some_name.rs` with `pub static RULE: Rule`, its
//! templates and its check (see [`e007_missing_step`] for a short one); add one line to the
//! registry below; add the fixture `tests/fixtures/invalid/E021-some-name.ron`, its expected
//! place in `crates/core/tests/fixtures.rs`, and bless its golden file with
//! `JIEDAI_BLESS=1 cargo test -p jiedai-core --test golden`.

use crate::diag::Severity;
use crate::load::LoadedScenario;
use crate::model::Scenario;
use crate::rubric::Rubric;
use crate::validate::Ctx;

/// What a rule checks, why it matters, an example and the fix (ruff's pattern); the pairs are
/// (Chinese, English).
#[derive(Clone, Copy, Debug)]
pub struct Explanation {
    pub title: (&'static str, &'static str),
    pub what: (&'static str, &'static str),
    pub why: (&'static str, &'static str),
    pub example: &'static str,
    pub fix: &'static str,
}

/// A scenario check, a rubric check, or a check across the scenarios of one run.
pub type ScenarioCheck = fn(&mut Ctx<'_, Scenario>);
pub type RubricCheck = fn(&mut Ctx<'_, Rubric>);
pub type LibraryCheck = fn(&[LoadedScenario]) -> Vec<crate::diag::Diagnostic>;

/// Where a rule looks. A rule found while reading or parsing has none of these.
#[derive(Clone, Copy, Debug)]
pub struct Checks {
    /// Runs on every parsed scenario.
    pub scenario: Option<ScenarioCheck>,
    /// Runs on a scenario without errors, after the others, when the host asks for the state
    /// model (it explores every state, which costs time).
    pub state_model: Option<ScenarioCheck>,
    /// Runs on a rubric file.
    pub rubric: Option<RubricCheck>,
    /// Runs once on all the scenarios of a check.
    pub library: Option<LibraryCheck>,
}

impl Checks {
    pub const NONE: Checks = Checks {
        scenario: None,
        state_model: None,
        rubric: None,
        library: None,
    };
}

/// One rule: its code, severity, documentation, messages and checks.
#[derive(Debug)]
pub struct Rule {
    pub code: Code,
    pub severity: Severity,
    /// A short kebab-case name (`missing-step`).
    pub name: &'static str,
    pub docs: Explanation,
    /// Every message and hint the rule can give.
    pub templates: &'static [crate::diag::Template],
    pub checks: Checks,
}

macro_rules! registry {
    ($($code:ident => $module:ident,)*) => {
        $(pub mod $module;)*

        /// The stable code of a rule; [`Code::rule`] gives the rule itself.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code {
            $($code,)*
        }

        const COUNT: usize = [$(stringify!($code)),*].len();

        impl Code {
            /// Every code, in order.
            pub const ALL: [Code; COUNT] = [$(Code::$code,)*];

            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$code => stringify!($code),)*
                }
            }

            pub fn rule(self) -> &'static Rule {
                match self {
                    $(Code::$code => &$module::RULE,)*
                }
            }
        }

        /// Every rule, in the order of their codes: the one list of them.
        pub static RULES: [&Rule; COUNT] = [$(&$module::RULE,)*];
    };
}

registry! {
    E001 => e001_unreadable,
    E002 => e002_syntax,
    E003 => e003_unknown_field,
    E004 => e004_missing_field,
    E005 => e005_bad_value,
    E006 => e006_duplicate_step,
    E007 => e007_missing_step,
    E008 => e008_unreachable,
    E009 => e009_dead_end,
    E010 => e010_no_ending,
    E011 => e011_unknown_id,
    E012 => e012_out_of_range,
    E013 => e013_no_feedback,
    E014 => e014_duplicate_scenario,
    E015 => e015_small_collective,
    E016 => e016_duplicate_id,
    E017 => e017_option_count,
    E018 => e018_unknown_guidance,
    E019 => e019_unknown_speaker,
    E020 => e020_empty_text,
    W101 => w101_missing_translation,
    W102 => w102_ending_never_reached,
    W103 => w103_objective_unused,
    W104 => w104_dead_loop,
    W105 => w105_best_is_longest,
    W106 => w106_gated_anti,
}

/// Step-graph reachability shared by E008, E010 and W104.
pub mod reach;
/// The texts of a scenario, shared by E020 and W101.
pub mod texts;

impl Code {
    pub fn parse(s: &str) -> Option<Code> {
        let s = s.trim().to_ascii_uppercase();
        Code::ALL.into_iter().find(|c| c.as_str() == s)
    }

    pub fn severity(self) -> Severity {
        self.rule().severity
    }

    /// What the rule checks, why it matters, an example and the fix.
    pub fn explain(self) -> &'static Explanation {
        &self.rule().docs
    }
}

/// The rules with a check of each kind, for the validators.
pub(crate) fn scenario_checks() -> impl Iterator<Item = ScenarioCheck> {
    RULES.iter().filter_map(|r| r.checks.scenario)
}

pub(crate) fn state_model_checks() -> impl Iterator<Item = ScenarioCheck> {
    RULES.iter().filter_map(|r| r.checks.state_model)
}

pub(crate) fn rubric_checks() -> impl Iterator<Item = RubricCheck> {
    RULES.iter().filter_map(|r| r.checks.rubric)
}

pub(crate) fn library_checks() -> impl Iterator<Item = LibraryCheck> {
    RULES.iter().filter_map(|r| r.checks.library)
}
