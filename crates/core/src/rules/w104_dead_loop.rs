//! W104 — steps that lead to each other and never to an ending (when some ending is
//! reachable at all; otherwise E010 says so).

use super::{Checks, Code, Explanation, Rule};
use crate::diag::{Severity, Template};
use crate::model::Scenario;
use crate::validate::Ctx;

const CODE: Code = Code::W104;

pub const LOOP: Template = Template::new(
    CODE,
    "loop",
    "这些步骤互相跳转却到不了结局：{steps}",
    "these steps loop without reaching an ending: {steps}",
);

pub static RULE: Rule = Rule {
    code: CODE,
    severity: Severity::Warning,
    name: "dead-loop",
    docs: Explanation {
        title: ("走不出去的循环", "dead loop"),
        what: (
            "一组步骤互相跳转，却到不了任何结局。",
            "A set of steps that lead to each other and never to an ending.",
        ),
        why: ("学员进去就出不来。", "A trainee who enters cannot leave."),
        example: "a → b → a",
        fix: "b → end",
    },
    templates: &[LOOP],
    checks: Checks {
        scenario: Some(check),
        ..Checks::NONE
    },
};

fn check(c: &mut Ctx<Scenario>) {
    let s = c.value();
    let Some(r) = c.reach() else {
        return;
    };
    if !r.to_end[r.start] {
        return;
    }
    let stuck: Vec<&str> = (0..s.steps.len())
        .filter(|&i| r.from_start[i] && !r.to_end[i] && !r.succ[i].is_empty())
        .map(|i| s.steps[i].id.as_str())
        .collect();
    if let Some(first) = stuck.first() {
        let pos = Some(c.locator().step(first));
        c.push(c.diag(pos, &LOOP).arg("steps", stuck.join(", ")));
    }
}
