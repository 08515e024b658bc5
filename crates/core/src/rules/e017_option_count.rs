//! E017 — a choice with fewer than 2 or more than 5 options (none at all is E009).

use super::{Checks, Code, Explanation, Rule};
use crate::diag::{Severity, Template};
use crate::model::{Scenario, Turn};
use crate::validate::Ctx;

const CODE: Code = Code::E017;

pub const OPTION_COUNT: Template = Template::new(
    CODE,
    "option-count",
    "步骤 `{step}` 有 {count} 个选项，应为 2–5 个",
    "step `{step}` has {count} options; a choice needs 2–5",
);

pub static RULE: Rule = Rule {
    code: CODE,
    severity: Severity::Error,
    name: "option-count",
    docs: Explanation {
        title: ("选项数量不对", "wrong number of options"),
        what: (
            "选择题需要 2 到 5 个选项。",
            "A choice needs 2 to 5 options.",
        ),
        why: (
            "一个选项不算选择，太多则无法用数字键选择。",
            "One option is no choice; more than five cannot be picked with the number keys.",
        ),
        example: "Choose(options: [Reply(…)])",
        fix: "Choose(options: [Reply(…), Reply(…)])",
    },
    templates: &[OPTION_COUNT],
    checks: Checks {
        scenario: Some(check),
        ..Checks::NONE
    },
};

fn check(c: &mut Ctx<Scenario>) {
    for step in &c.value().steps {
        if let Turn::Choose { options, .. } = &step.turn
            && !options.is_empty()
            && !(2..=5).contains(&options.len())
        {
            let pos = Some(c.locator().step(&step.id));
            c.push(
                c.diag(pos, &OPTION_COUNT)
                    .arg("step", &step.id)
                    .arg("count", options.len()),
            );
        }
    }
}
