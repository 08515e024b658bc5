//! W103 — a learning objective that no option or route exercises.

use super::{Checks, Code, Explanation, Rule};
use crate::diag::{Severity, Template};
use crate::model::{Cond, Scenario, Turn};
use crate::validate::Ctx;
use std::collections::HashSet;

const CODE: Code = Code::W103;

pub const UNUSED: Template = Template::new(
    CODE,
    "unused",
    "学习目标 `{objective}` 没有任何选项练到",
    "objective `{objective}` is exercised by no option or route",
);

pub static RULE: Rule = Rule {
    code: CODE,
    severity: Severity::Warning,
    name: "objective-unused",
    docs: Explanation {
        title: ("学习目标没有被练到", "objective not exercised"),
        what: (
            "objectives 中的技巧没有任何选项或路线使用。",
            "An objective technique is used by no option or route.",
        ),
        why: (
            "剧本声称训练它，却无从评分。",
            "The scenario claims to train it but cannot score it.",
        ),
        example: "objectives: [\"firmness\"]  // no option tags firmness",
        fix: "Reply(…, tags: [\"firmness\"], …)",
    },
    templates: &[UNUSED],
    checks: Checks {
        scenario: Some(check),
        ..Checks::NONE
    },
};

fn check(c: &mut Ctx<Scenario>) {
    let s = c.value();
    let mut used: HashSet<String> = HashSet::new();
    for step in &s.steps {
        match &step.turn {
            Turn::Choose { options, .. } => options
                .iter()
                .for_each(|o| used.extend(o.tags.iter().cloned())),
            Turn::Free {
                routes, expects, ..
            } => {
                used.extend(expects.iter().cloned());
                for w in routes.iter().filter_map(|r| r.when.as_ref()) {
                    w.visit(&mut |leaf| {
                        if let Cond::Used(t) = leaf {
                            used.insert(t.clone());
                        }
                    });
                }
            }
            Turn::End { .. } => {}
        }
    }
    for o in s.objectives.iter().filter(|o| !used.contains(*o)) {
        let pos = c.at("objectives", o, 0);
        c.push(c.diag(pos, &UNUSED).arg("objective", o));
    }
}
