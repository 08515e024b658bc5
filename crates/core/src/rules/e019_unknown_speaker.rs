//! E019 — a step's speaker is not one of the visitors.

use super::{Checks, Code, Explanation, Rule};
use crate::diag::{Severity, Template, did_you_mean};
use crate::model::Scenario;
use crate::validate::Ctx;
use std::collections::HashMap;

const CODE: Code = Code::E019;

pub const UNKNOWN_SPEAKER: Template = Template::new(
    CODE,
    "unknown-speaker",
    "说话人 `{speaker}` 不在 visitors 中",
    "speaker `{speaker}` is not one of the visitors",
);
pub const DID_YOU_MEAN: Template = Template::new(
    CODE,
    "did-you-mean",
    "是不是想写 `{suggestion}`？",
    "did you mean `{suggestion}`?",
);
pub const VISITORS: Template = Template::new(
    CODE,
    "visitors",
    "visitors: {visitors}",
    "visitors: {visitors}",
);

pub static RULE: Rule = Rule {
    code: CODE,
    severity: Severity::Error,
    name: "unknown-speaker",
    docs: Explanation {
        title: ("未知的说话人", "unknown speaker"),
        what: (
            "speaker 不是 visitors 中的 id。",
            "A speaker is not a visitor id.",
        ),
        why: (
            "界面不知道是谁在说话。",
            "The app would not know who speaks.",
        ),
        example: "speaker: Some(\"li\")",
        fix: "visitors: [Visitor(id: \"li\", …)]",
    },
    templates: &[UNKNOWN_SPEAKER, DID_YOU_MEAN, VISITORS],
    checks: Checks {
        scenario: Some(check),
        ..Checks::NONE
    },
};

fn check(c: &mut Ctx<Scenario>) {
    let s = c.value();
    let ids: Vec<&str> = s.visitors.iter().map(|v| v.id.as_str()).collect();
    let mut n: HashMap<&str, usize> = HashMap::new();
    for step in &s.steps {
        let Some(sp) = &step.speaker else {
            continue;
        };
        let k = n.entry(sp.as_str()).or_default();
        if !ids.contains(&sp.as_str()) {
            let pos = c.at("steps/speaker", sp, *k);
            let d = c.diag(pos, &UNKNOWN_SPEAKER).arg("speaker", sp);
            c.push(match did_you_mean(sp, ids.iter().copied()) {
                Some(m) => d.arg("suggestion", m).with_hint(&DID_YOU_MEAN),
                None => d.arg("visitors", ids.join(", ")).with_hint(&VISITORS),
            });
        }
        *k += 1;
    }
}
