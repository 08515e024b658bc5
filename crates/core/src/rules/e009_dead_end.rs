//! E009 — a step that is not an ending has no option or route.

use super::{Checks, Code, Explanation, Rule};
use crate::diag::{Severity, Template};
use crate::model::{Scenario, Turn};
use crate::validate::Ctx;

const CODE: Code = Code::E009;

pub const DEAD_END: Template = Template::new(
    CODE,
    "dead-end",
    "步骤 `{step}` 没有选项，又不是结局",
    "step `{step}` has no options and is not an ending",
);
pub const ADD_OPTIONS: Template = Template::new(
    CODE,
    "add-options",
    "加上 2–5 个选项，或改成 turn: End(outcome: …, debrief: …)",
    "add 2–5 options, or make it turn: End(outcome: …, debrief: …)",
);

pub static RULE: Rule = Rule {
    code: CODE,
    severity: Severity::Error,
    name: "dead-end",
    docs: Explanation {
        title: ("无路可走的步骤", "step with no way on"),
        what: (
            "不是结局的步骤却没有任何选项或路线。",
            "A step that is not an ending has no option or route.",
        ),
        why: ("学员会卡在这里。", "The trainee would be stuck here."),
        example: "turn: Choose(options: [])",
        fix: "turn: End(outcome: Referred, debrief: \"…\")",
    },
    templates: &[DEAD_END, ADD_OPTIONS],
    checks: Checks {
        scenario: Some(check),
        ..Checks::NONE
    },
};

fn check(c: &mut Ctx<Scenario>) {
    for step in &c.value().steps {
        if let Turn::Choose { options, .. } = &step.turn
            && options.is_empty()
        {
            let pos = Some(c.locator().step(&step.id));
            c.push(
                c.diag(pos, &DEAD_END)
                    .arg("step", &step.id)
                    .with_hint(&ADD_OPTIONS),
            );
        }
    }
}
