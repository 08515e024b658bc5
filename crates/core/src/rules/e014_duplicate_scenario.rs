//! E014 — two files declare the same scenario id. A check across the files of one run.

use super::{Checks, Code, Explanation, Rule};
use crate::diag::{Diagnostic, Pos, Severity, Template};
use crate::load::LoadedScenario;
use crate::source::TokenKind;
use std::collections::HashMap;

const CODE: Code = Code::E014;

pub const DUPLICATE: Template = Template::new(
    CODE,
    "duplicate",
    "剧本 id `{id}` 已在 {other} 中使用",
    "scenario id `{id}` is already used by {other}",
);
pub const UNIQUE: Template = Template::new(
    CODE,
    "unique",
    "每个剧本的 id 必须唯一",
    "every scenario needs its own id",
);

pub static RULE: Rule = Rule {
    code: CODE,
    severity: Severity::Error,
    name: "duplicate-scenario",
    docs: Explanation {
        title: ("剧本 id 重复", "duplicate scenario id"),
        what: (
            "两个文件的剧本 id 相同。",
            "Two files declare the same scenario id.",
        ),
        why: (
            "记录和报告用 id 区分剧本。",
            "Records and reports tell scenarios apart by id.",
        ),
        example: "a.ron: id: \"wages\"   b.ron: id: \"wages\"",
        fix: "b.ron: id: \"wages_group\"",
    },
    templates: &[DUPLICATE, UNIQUE],
    checks: Checks {
        library: Some(check),
        ..Checks::NONE
    },
};

fn check(scenarios: &[LoadedScenario]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut first: HashMap<&str, &LoadedScenario> = HashMap::new();
    for ls in scenarios {
        match first.get(ls.value.id.as_str()) {
            Some(prev) => {
                let pos = ls
                    .locator
                    .find_nth(TokenKind::Str, "id", &ls.value.id, 0)
                    .unwrap_or(Pos { line: 1, column: 1 });
                out.push(
                    Diagnostic::new(&ls.path, pos, &DUPLICATE)
                        .arg("id", &ls.value.id)
                        .arg("other", prev.path.display())
                        .with_hint(&UNIQUE),
                );
            }
            None => {
                first.insert(&ls.value.id, ls);
            }
        }
    }
    out
}
