//! E008 — a step that no path from the start leads to.

use super::{Checks, Code, Explanation, Rule};
use crate::diag::{Severity, Template};
use crate::model::Scenario;
use crate::validate::Ctx;
use std::collections::HashSet;

const CODE: Code = Code::E008;

pub const UNREACHABLE: Template = Template::new(
    CODE,
    "unreachable",
    "从开始步骤到不了步骤 `{step}`",
    "step `{step}` cannot be reached from the start",
);
pub const LINK_IT: Template = Template::new(
    CODE,
    "link-it",
    "让某个选项、路线或分支的 next 指向它，或删掉它",
    "point some option, route or branch at it, or remove it",
);

pub static RULE: Rule = Rule {
    code: CODE,
    severity: Severity::Error,
    name: "unreachable",
    docs: Explanation {
        title: ("步骤无法到达", "unreachable step"),
        what: (
            "从开始步骤出发，任何选择都到不了这一步。",
            "No path from the start step leads here.",
        ),
        why: (
            "写了却永远用不上，通常是漏了一条跳转。",
            "Written but never used: usually a missing link.",
        ),
        example: "Step(id: \"orphan\", …)  // nothing has next: \"orphan\"",
        fix: "Reply(…, next: \"orphan\")",
    },
    templates: &[UNREACHABLE, LINK_IT],
    checks: Checks {
        scenario: Some(check),
        ..Checks::NONE
    },
};

fn check(c: &mut Ctx<Scenario>) {
    let s = c.value();
    let Some(reach) = c.reach() else {
        return;
    };
    // A duplicated id (E006) is reported once.
    let mut first: HashSet<&str> = HashSet::new();
    let found: Vec<&str> = s
        .steps
        .iter()
        .enumerate()
        .filter(|&(i, st)| !reach.from_start[i] && first.insert(st.id.as_str()))
        .map(|(_, st)| st.id.as_str())
        .collect();
    for id in found {
        let pos = Some(c.locator().step(id));
        c.push(
            c.diag(pos, &UNREACHABLE)
                .arg("step", id)
                .with_hint(&LINK_IT),
        );
    }
}
