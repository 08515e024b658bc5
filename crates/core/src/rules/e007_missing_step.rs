//! E007 — a `next`, `start` or branch names a step that does not exist.

use super::{Checks, Code, Explanation, Rule};
use crate::diag::{Severity, Template, did_you_mean};
use crate::model::{Scenario, Turn};
use crate::validate::Ctx;
use std::collections::{HashMap, HashSet};

const CODE: Code = Code::E007;

pub const NO_STEP: Template = Template::new(
    CODE,
    "no-step",
    "没有 id 为 `{target}` 的步骤",
    "no step has the id `{target}`",
);
pub const DID_YOU_MEAN: Template = Template::new(
    CODE,
    "did-you-mean",
    "是不是想写 `{suggestion}`？",
    "did you mean `{suggestion}`?",
);

pub static RULE: Rule = Rule {
    code: CODE,
    severity: Severity::Error,
    name: "missing-step",
    docs: Explanation {
        title: ("引用了不存在的步骤", "reference to a missing step"),
        what: (
            "next、start 或分支指向的步骤不存在。",
            "A next, start or branch names a step that does not exist.",
        ),
        why: (
            "走到这里时会话无处可去。",
            "The session would have nowhere to go.",
        ),
        example: "next: \"clam_down\"",
        fix: "next: \"calm_down\"",
    },
    templates: &[NO_STEP, DID_YOU_MEAN],
    checks: Checks {
        scenario: Some(check),
        ..Checks::NONE
    },
};

fn check(c: &mut Ctx<Scenario>) {
    let s = c.value();
    let ids: Vec<&str> = s.steps.iter().map(|s| s.id.as_str()).collect();
    let known: HashSet<&str> = ids.iter().copied().collect();
    let mut refs: Vec<(&str, &str)> = vec![("start", s.start.as_str())];
    for step in &s.steps {
        refs.extend(
            step.branches
                .iter()
                .map(|b| ("steps/branches/next", b.next.as_str())),
        );
        match &step.turn {
            Turn::Choose { options, .. } => refs.extend(
                options
                    .iter()
                    .map(|o| ("steps/turn/options/next", o.next.as_str())),
            ),
            Turn::Free {
                routes, otherwise, ..
            } => {
                refs.extend(
                    routes
                        .iter()
                        .map(|r| ("steps/turn/routes/next", r.next.as_str())),
                );
                refs.push(("steps/turn/otherwise/next", otherwise.next.as_str()));
            }
            Turn::End { .. } => {}
        }
    }
    let mut counted: HashMap<(&str, &str), usize> = HashMap::new();
    for (path, target) in refs {
        let n = counted.entry((path, target)).or_default();
        if !known.contains(target) {
            let pos = c.at(path, target, *n);
            let mut d = c.diag(pos, &NO_STEP).arg("target", target);
            if let Some(m) = did_you_mean(target, ids.iter().copied()) {
                d = d.arg("suggestion", m).with_hint(&DID_YOU_MEAN);
            }
            c.push(d);
        }
        *n += 1;
    }
}
