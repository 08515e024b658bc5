//! Checking files and folders of scenarios (and the rubric): the core of `jiedai check` and of
//! the app's library loading.

use crate::diag::{Diagnostic, Pos};
use crate::load::{LoadedScenario, load_str, looks_like_rubric};
use crate::model::Scenario;
use crate::rubric::Rubric;
use crate::rules::e001_unreadable as e001;
use crate::source::read_text;
use crate::validate::{validate_rubric, validate_scenario_with};
use std::path::{Path, PathBuf};

#[derive(Default)]
pub struct CheckReport {
    /// Files looked at, in order.
    pub files: Vec<PathBuf>,
    pub diagnostics: Vec<Diagnostic>,
    /// Scenarios that parsed (with or without semantic errors).
    pub scenarios: Vec<LoadedScenario>,
}

impl CheckReport {
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }
    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }
    /// Scenarios whose file has no error: safe to play.
    pub fn playable(&self) -> Vec<&LoadedScenario> {
        self.scenarios
            .iter()
            .filter(|s| {
                !self
                    .diagnostics
                    .iter()
                    .any(|d| d.is_error() && d.file == s.path)
            })
            .collect()
    }
}

/// Expands paths to `.ron` files (folders recursively, sorted). Missing paths and folders
/// without scenarios become diagnostics.
pub fn collect(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut diags = Vec::new();
    let origin = Pos { line: 1, column: 1 };
    for p in paths {
        if p.is_dir() {
            let before = files.len();
            walk(p, &mut files, &mut diags, 0);
            if files.len() == before {
                diags.push(
                    Diagnostic::new(p, origin, &e001::NO_SCENARIOS)
                        .with_hint(&e001::NO_SCENARIOS_HINT),
                );
            }
        } else if p.exists() {
            files.push(p.clone());
        } else {
            diags.push(Diagnostic::new(p, origin, &e001::NO_SUCH_PATH));
        }
    }
    (files, diags)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>, diags: &mut Vec<Diagnostic>, depth: usize) {
    if depth > 16 {
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            diags.push(
                Diagnostic::new(dir, Pos { line: 1, column: 1 }, &e001::CANNOT_READ_FOLDER)
                    .arg("error", e),
            );
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            walk(&p, files, diags, depth + 1);
        } else if p.extension().is_some_and(|e| e == "ron") {
            files.push(p);
        }
    }
}

/// Checks every file under `paths` against `rubric`. Rubric files found among them are checked
/// as rubrics.
pub fn check_paths(paths: &[PathBuf], rubric: &Rubric) -> CheckReport {
    check_paths_with(paths, rubric, true)
}

/// As [`check_paths`]; without `state_model` the explorer's warning (W102) is not computed.
pub fn check_paths_with(paths: &[PathBuf], rubric: &Rubric, state_model: bool) -> CheckReport {
    let (files, mut diagnostics) = collect(paths);
    let mut report = CheckReport {
        files: files.clone(),
        ..CheckReport::default()
    };
    for f in &files {
        let text = match read_text(f) {
            Ok(t) => t,
            Err(d) => {
                diagnostics.push(d);
                continue;
            }
        };
        if looks_like_rubric(&text) {
            match load_str::<Rubric>(f, text) {
                Ok(lr) => diagnostics.extend(validate_rubric(&lr)),
                Err(d) => diagnostics.push(d),
            }
            continue;
        }
        match load_str::<Scenario>(f, text) {
            Ok(ls) => {
                diagnostics.extend(validate_scenario_with(&ls, rubric, state_model));
                report.scenarios.push(ls);
            }
            Err(d) => diagnostics.push(d),
        }
    }
    // Rules across files (the same scenario id in two files).
    for check in crate::rules::library_checks() {
        diagnostics.extend(check(&report.scenarios));
    }
    report.diagnostics = diagnostics;
    report
}
