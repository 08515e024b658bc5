//! W106 — an option lists an anti-pattern that the rubric's gates add.
//!
//! **What it does.** Warns when an option's `anti` names an anti-pattern that a gate of the
//! rubric adds from the visitor's state (`law_first`, `route_first`).
//!
//! **Why it matters.** Timing is judged in one place: the gate turns an explanation given to
//! an agitated, unacknowledged visitor into law first, and leaves the same words alone once the
//! visitor is calm. Written by hand, the label is charged whatever the moment, and the rule
//! lives in two places that can disagree.
//!
//! **Use instead.** Tag what the words do (`tags: ["explanation"]`) and let the gate decide.

use super::{Checks, Code, Explanation, Rule};
use crate::diag::{Severity, Template};
use crate::model::{Scenario, Turn};
use crate::validate::Ctx;

const CODE: Code = Code::W106;

pub const GATED_ANTI: Template = Template::new(
    CODE,
    "gated-anti",
    "选项 `{option}` 手写了 `{anti}`，它由评分规则的时机关口按来访人状态判定",
    "option `{option}` lists `{anti}`, which the rubric's gates add from the visitor's state",
);
pub const TAG_INSTEAD: Template = Template::new(
    CODE,
    "tag-instead",
    "从 anti 中去掉 `{anti}`，在 tags 中标 `{technique}`",
    "drop `{anti}` from anti and tag `{technique}`",
);

pub static RULE: Rule = Rule {
    code: CODE,
    severity: Severity::Warning,
    name: "gated-anti",
    docs: Explanation {
        title: (
            "手写了由时机关口判定的问题",
            "anti-pattern that a gate adds",
        ),
        what: (
            "选项的 anti 里写了 law_first 或 route_first，而这两项由评分规则按来访人的情绪和阶段判定。",
            "An option's anti lists law_first or route_first, which the rubric's gates decide from the visitor's agitation and stage.",
        ),
        why: (
            "时机只在一处判定：手写的标签不论时机都扣分，规则就有了两处互相矛盾的来源。",
            "Timing is judged in one place; a hand-written label is charged whatever the moment, and the rule then lives in two places.",
        ),
        example: "Reply(id: \"law\", text: \"根据条例……\", tags: [\"explanation\"], anti: [\"law_first\"])",
        fix: "Reply(id: \"law\", text: \"根据条例……\", tags: [\"explanation\"])",
    },
    templates: &[GATED_ANTI, TAG_INSTEAD],
    checks: Checks {
        scenario: Some(check),
        ..Checks::NONE
    },
};

fn check(c: &mut Ctx<Scenario>) {
    let gated: Vec<(&str, &str)> = c
        .rubric
        .gates
        .iter()
        .filter_map(|g| g.anti_pattern.as_deref().map(|a| (a, g.technique.as_str())))
        .collect();
    for step in &c.value().steps {
        let Turn::Choose { options, .. } = &step.turn else {
            continue;
        };
        for o in options {
            for a in &o.anti {
                if let Some((_, tech)) = gated.iter().find(|(g, _)| g == a) {
                    let pos = c.at("steps/turn/options/id", &o.id, 0);
                    c.push(
                        c.diag(pos, &GATED_ANTI)
                            .arg("option", &o.id)
                            .arg("anti", a)
                            .arg("technique", tech)
                            .with_hint(&TAG_INSTEAD),
                    );
                }
            }
        }
    }
}
