//! E006 — two steps share one id.

use super::{Checks, Code, Explanation, Rule};
use crate::diag::{Severity, Template};
use crate::model::Scenario;
use crate::validate::{Ctx, ORIGIN};
use std::collections::HashMap;

const CODE: Code = Code::E006;

pub const DUPLICATE: Template = Template::new(
    CODE,
    "duplicate",
    "步骤 id `{id}` 重复",
    "duplicate step id `{id}`",
);
pub const FIRST_USED: Template = Template::new(
    CODE,
    "first-used",
    "第一次出现在 {line}:{column}；给其中一个改名",
    "first used at {line}:{column}; rename one of them",
);

pub static RULE: Rule = Rule {
    code: CODE,
    severity: Severity::Error,
    name: "duplicate-step",
    docs: Explanation {
        title: ("步骤 id 重复", "duplicate step id"),
        what: ("两个步骤用了同一个 id。", "Two steps share one id."),
        why: (
            "跳转、记录和报告都靠 id 找步骤，重复会指错地方。",
            "Jumps, records and reports find steps by id; a duplicate points to the wrong one.",
        ),
        example: "Step(id: \"greet\", …), Step(id: \"greet\", …)",
        fix: "Step(id: \"greet\", …), Step(id: \"greet_again\", …)",
    },
    templates: &[DUPLICATE, FIRST_USED],
    checks: Checks {
        scenario: Some(check),
        ..Checks::NONE
    },
};

fn check(c: &mut Ctx<Scenario>) {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for step in &c.value().steps {
        let n = seen.entry(step.id.as_str()).or_default();
        if *n > 0 {
            let pos = c.at("steps/id", &step.id, *n);
            let first = c.at("steps/id", &step.id, 0).unwrap_or(ORIGIN);
            c.push(
                c.diag(pos, &DUPLICATE)
                    .arg("id", &step.id)
                    .arg("line", first.line)
                    .arg("column", first.column)
                    .with_hint(&FIRST_USED),
            );
        }
        *n += 1;
    }
}
