//! E010 — no ending can be reached from the start.

use super::{Checks, Code, Explanation, Rule};
use crate::diag::{Severity, Template};
use crate::model::Scenario;
use crate::validate::Ctx;

const CODE: Code = Code::E010;

pub const NO_ENDING: Template = Template::new(
    CODE,
    "no-ending",
    "从开始步骤到不了任何结局",
    "no ending can be reached from the start",
);
pub const ADD_ENDING: Template = Template::new(
    CODE,
    "add-ending",
    "至少要有一个 turn: End(…) 的步骤，并有路径通向它",
    "add a step with turn: End(…) and a path to it",
);

pub static RULE: Rule = Rule {
    code: CODE,
    severity: Severity::Error,
    name: "no-ending",
    docs: Explanation {
        title: ("没有可到达的结局", "no reachable ending"),
        what: (
            "从开始步骤出发到不了任何结局。",
            "No ending can be reached from the start.",
        ),
        why: (
            "会话永远结束不了，也就没有总结。",
            "The session could never end, so there would be no debrief.",
        ),
        example: "a → b → a",
        fix: "a → b → end",
    },
    templates: &[NO_ENDING, ADD_ENDING],
    checks: Checks {
        scenario: Some(check),
        ..Checks::NONE
    },
};

fn check(c: &mut Ctx<Scenario>) {
    let stuck = c.reach().is_some_and(|r| !r.to_end[r.start]);
    if stuck {
        let s = c.value();
        let pos = c.at("start", &s.start, 0);
        c.push(c.diag(pos, &NO_ENDING).with_hint(&ADD_ENDING));
    }
}
