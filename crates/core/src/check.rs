//! Checking files and folders of scenarios (and the rubric): the core of `jiedai check` and of
//! the app's library loading.

use crate::diag::{Code, Diagnostic, Pos, msg};
use crate::load::{LoadedScenario, load_str, looks_like_rubric};
use crate::model::Scenario;
use crate::rubric::Rubric;
use crate::source::read_text;
use crate::text::Lang;
use crate::validate::{validate_rubric, validate_scenario_with};
use std::collections::HashMap;
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
pub fn collect(paths: &[PathBuf], lang: Lang) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut diags = Vec::new();
    let origin = Pos { line: 1, column: 1 };
    for p in paths {
        if p.is_dir() {
            let before = files.len();
            walk(p, &mut files, &mut diags, lang, 0);
            if files.len() == before {
                diags.push(
                    Diagnostic::new(
                        Code::E001,
                        p,
                        origin,
                        msg(
                            lang,
                            "这个文件夹里没有剧本（*.ron）".into(),
                            "no scenarios (*.ron) in this folder".into(),
                        ),
                    )
                    .hint(lang.pick(
                        "剧本是扩展名为 .ron 的文件；参见 docs/scenario-format.md",
                        "scenarios are files ending in .ron; see docs/scenario-format.md",
                    )),
                );
            }
        } else if p.exists() {
            files.push(p.clone());
        } else {
            diags.push(Diagnostic::new(
                Code::E001,
                p,
                origin,
                msg(lang, "路径不存在".into(), "no such file or folder".into()),
            ));
        }
    }
    (files, diags)
}

fn walk(
    dir: &Path,
    files: &mut Vec<PathBuf>,
    diags: &mut Vec<Diagnostic>,
    lang: Lang,
    depth: usize,
) {
    if depth > 16 {
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            diags.push(Diagnostic::new(
                Code::E001,
                dir,
                Pos { line: 1, column: 1 },
                msg(
                    lang,
                    format!("无法读取文件夹：{e}"),
                    format!("cannot read the folder: {e}"),
                ),
            ));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            walk(&p, files, diags, lang, depth + 1);
        } else if p.extension().is_some_and(|e| e == "ron") {
            files.push(p);
        }
    }
}

/// Checks every file under `paths` against `rubric`. Rubric files found among them are checked
/// as rubrics.
pub fn check_paths(paths: &[PathBuf], rubric: &Rubric, lang: Lang) -> CheckReport {
    check_paths_with(paths, rubric, lang, true)
}

/// As [`check_paths`]; without `state_model` the explorer's warning (W102) is not computed.
pub fn check_paths_with(
    paths: &[PathBuf],
    rubric: &Rubric,
    lang: Lang,
    state_model: bool,
) -> CheckReport {
    let (files, mut diagnostics) = collect(paths, lang);
    let mut report = CheckReport {
        files: files.clone(),
        ..CheckReport::default()
    };
    for f in &files {
        let text = match read_text(f, lang) {
            Ok(t) => t,
            Err(d) => {
                diagnostics.push(d);
                continue;
            }
        };
        if looks_like_rubric(&text) {
            match load_str::<Rubric>(f, text, lang) {
                Ok(lr) => diagnostics.extend(validate_rubric(&lr, lang)),
                Err(d) => diagnostics.push(d),
            }
            continue;
        }
        match load_str::<Scenario>(f, text, lang) {
            Ok(ls) => {
                diagnostics.extend(validate_scenario_with(&ls, rubric, lang, state_model));
                report.scenarios.push(ls);
            }
            Err(d) => diagnostics.push(d),
        }
    }
    // The same scenario id in two files.
    let mut first: HashMap<&str, &LoadedScenario> = HashMap::new();
    for ls in &report.scenarios {
        match first.get(ls.value.id.as_str()) {
            Some(prev) => {
                let pos = ls
                    .locator
                    .find_nth(crate::source::TokenKind::Str, "id", &ls.value.id, 0)
                    .unwrap_or(Pos { line: 1, column: 1 });
                diagnostics.push(
                    Diagnostic::new(
                        Code::E014,
                        &ls.path,
                        pos,
                        msg(
                            lang,
                            format!(
                                "剧本 id `{}` 已在 {} 中使用",
                                ls.value.id,
                                prev.path.display()
                            ),
                            format!(
                                "scenario id `{}` is already used by {}",
                                ls.value.id,
                                prev.path.display()
                            ),
                        ),
                    )
                    .hint(lang.pick("每个剧本的 id 必须唯一", "every scenario needs its own id")),
                );
            }
            None => {
                first.insert(&ls.value.id, ls);
            }
        }
    }
    report.diagnostics = diagnostics;
    report
}
