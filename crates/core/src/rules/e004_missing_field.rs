//! E004 — missing required field.
//!
//! Detected while parsing (`load::parse`), and here for a scenario without visitors, which
//! parses (`visitors: []`) but cannot be played.

use super::{Checks, Code, Explanation, Rule};
use crate::diag::{Severity, Template};
use crate::model::Scenario;
use crate::source::TokenKind;
use crate::validate::Ctx;

const CODE: Code = Code::E004;

pub const MISSING_FIELD: Template = Template::new(
    CODE,
    "missing-field",
    "`{outer}` 缺少必填字段 `{field}`",
    "`{outer}` is missing the required field `{field}`",
);
pub const ADD_FIELD: Template = Template::new(
    CODE,
    "add-field",
    "在这个结构里加上 `{field}: …`",
    "add `{field}: …` to this structure",
);
pub const NO_VISITOR: Template = Template::new(
    CODE,
    "no-visitor",
    "至少需要一位来访人",
    "at least one visitor is needed",
);

pub static RULE: Rule = Rule {
    code: CODE,
    severity: Severity::Error,
    name: "missing-field",
    docs: Explanation {
        title: ("缺少必填字段", "missing required field"),
        what: (
            "结构缺少一个必填字段。",
            "A structure lacks a field it must have.",
        ),
        why: (
            "缺了它，剧本无法运行。",
            "Without it the scenario cannot run.",
        ),
        example: "Step(id: \"a\", lines: […])",
        fix: "Step(id: \"a\", lines: […], turn: Choose(options: […]))",
    },
    templates: &[MISSING_FIELD, ADD_FIELD, NO_VISITOR],
    checks: Checks {
        scenario: Some(check),
        ..Checks::NONE
    },
};

fn check(c: &mut Ctx<Scenario>) {
    if c.value().visitors.is_empty() {
        let pos = c
            .locator()
            .find_nth(TokenKind::Field, "", "visitors", 0);
        c.push(c.diag(pos, &NO_VISITOR));
    }
}
