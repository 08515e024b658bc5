//! W102 — an ending linked in the step graph that the state model never reaches.
//!
//! Runs the explorer, so it runs last and only on scenarios without errors, when the host
//! asks for it (`jiedai check` does; the app at start-up does not).

use super::{Checks, Code, Explanation, Rule};
use crate::diag::{Severity, Template};
use crate::model::Scenario;
use crate::validate::Ctx;

const CODE: Code = Code::W102;

pub const NEVER_REACHED: Template = Template::new(
    CODE,
    "never-reached",
    "按情绪和信任的变化，结局 `{step}` 永远到不了",
    "the state model never reaches the ending `{step}`",
);
pub const CHECK_CONDITIONS: Template = Template::new(
    CODE,
    "check-conditions",
    "检查通向它的分支条件和选项的 effect",
    "check the branch conditions and the effects of the options leading there",
);

pub static RULE: Rule = Rule {
    code: CODE,
    severity: Severity::Warning,
    name: "ending-never-reached",
    docs: Explanation {
        title: (
            "按状态模型永远到不了的结局",
            "ending the state model never reaches",
        ),
        what: (
            "在步骤图上相连，但情绪和信任的变化使它的条件永远不成立。",
            "Linked in the graph, but the state never satisfies the condition that leads there.",
        ),
        why: (
            "作者以为学员会看到它，实际看不到。",
            "The author expects trainees to see it; they never will.",
        ),
        example: "branches: [Branch(when: AgitationAtLeast(101), next: \"storm_out\")]",
        fix: "branches: [Branch(when: AgitationAtLeast(80), next: \"storm_out\")]",
    },
    templates: &[NEVER_REACHED, CHECK_CONDITIONS],
    checks: Checks {
        state_model: Some(check),
        ..Checks::NONE
    },
};

fn check(c: &mut Ctx<Scenario>) {
    let Ok(report) = crate::explore::explore(c.value(), c.rubric) else {
        return;
    };
    for e in report.endings.iter().filter(|e| !e.reachable) {
        let pos = Some(c.locator().step(&e.step));
        c.push(
            c.diag(pos, &NEVER_REACHED)
                .arg("step", &e.step)
                .with_hint(&CHECK_CONDITIONS),
        );
    }
}
