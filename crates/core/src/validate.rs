//! Runs the semantic checks of [`crate::rules`] on a parsed scenario or rubric. Every problem
//! is reported, sorted by place.

use crate::diag::{Diagnostic, Pos, Template};
use crate::load::{Loaded, LoadedScenario};
use crate::model::Scenario;
use crate::rubric::Rubric;
use crate::rules::reach::Reach;
use crate::source::{Locator, TokenKind};
use std::cell::OnceCell;

/// W105's measure, used by `jiedai stats`.
pub use crate::rules::w105_best_is_longest as giveaway;
/// W106.
pub use crate::rules::w106_gated_anti as gated_anti;

/// Where a diagnostic goes when its place cannot be found.
pub const ORIGIN: Pos = Pos { line: 1, column: 1 };

/// What a rule's check sees: the parsed file with its locator, the rubric, and the
/// diagnostics found so far.
pub struct Ctx<'a, T> {
    pub loaded: &'a Loaded<T>,
    pub rubric: &'a Rubric,
    out: Vec<Diagnostic>,
    reach: OnceCell<Option<Reach>>,
}

impl<'a, T> Ctx<'a, T> {
    fn new(loaded: &'a Loaded<T>, rubric: &'a Rubric) -> Self {
        Ctx {
            loaded,
            rubric,
            out: Vec::new(),
            reach: OnceCell::new(),
        }
    }

    /// The parsed value (scenario or rubric).
    pub fn value(&self) -> &'a T {
        &self.loaded.value
    }

    pub fn locator(&self) -> &'a Locator {
        &self.loaded.locator
    }

    /// The place of the `nth` string `value` at field path `path`.
    pub fn at(&self, path: &str, value: &str, nth: usize) -> Option<Pos> {
        self.loaded
            .locator
            .find_nth(TokenKind::Str, path, value, nth)
    }

    /// A diagnostic in this file at `pos` (the file's start when it is not found).
    pub fn diag(&self, pos: Option<Pos>, template: &'static Template) -> Diagnostic {
        Diagnostic::new(&self.loaded.path, pos.unwrap_or(ORIGIN), template)
    }

    pub fn push(&mut self, d: Diagnostic) {
        self.out.push(d);
    }

    pub fn has_errors(&self) -> bool {
        self.out.iter().any(Diagnostic::is_error)
    }

    fn finish(mut self) -> Vec<Diagnostic> {
        self.out.sort_by_key(|d| (d.pos.line, d.pos.column));
        self.out
    }
}

impl Ctx<'_, Scenario> {
    /// Reachability on the step graph, ignoring conditions; `None` when the start step does
    /// not exist (E007 reports that).
    pub fn reach(&self) -> Option<&Reach> {
        self.reach
            .get_or_init(|| Reach::of(&self.loaded.value))
            .as_ref()
    }
}

/// Every semantic problem of one scenario (duplicate scenario ids across files are `check`'s).
pub fn validate_scenario(ls: &LoadedScenario, rubric: &Rubric) -> Vec<Diagnostic> {
    validate_scenario_with(ls, rubric, true)
}

/// As [`validate_scenario`]; `state_model` runs the explorer for W102, which a host that only
/// needs to know what is playable (the app at start-up) may skip.
pub fn validate_scenario_with(
    ls: &LoadedScenario,
    rubric: &Rubric,
    state_model: bool,
) -> Vec<Diagnostic> {
    let mut c = Ctx::new(ls, rubric);
    for check in crate::rules::scenario_checks() {
        check(&mut c);
    }
    if state_model && !c.has_errors() {
        for check in crate::rules::state_model_checks() {
            check(&mut c);
        }
    }
    c.finish()
}

/// Checks a rubric: ids unique and cross-referenced, ranges sane, guidance ids real.
pub fn validate_rubric(lr: &Loaded<Rubric>) -> Vec<Diagnostic> {
    let mut c = Ctx::new(lr, &lr.value);
    for check in crate::rules::rubric_checks() {
        check(&mut c);
    }
    c.finish()
}
