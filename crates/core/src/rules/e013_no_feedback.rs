//! E013 — an option or route has no feedback.

use super::{Checks, Code, Explanation, Rule};
use crate::diag::{Severity, Template};
use crate::model::{Scenario, Turn};
use crate::validate::Ctx;

const CODE: Code = Code::E013;

pub const NO_FEEDBACK: Template = Template::new(
    CODE,
    "no-feedback",
    "选项 `{option}` 没有反馈",
    "option `{option}` has no feedback",
);
pub const ADD_FEEDBACK: Template = Template::new(
    CODE,
    "add-feedback",
    "feedback: (text: (zh: \"…\", en: \"…\"), guidance: [\"3.2\"])",
    "feedback: (text: (zh: \"…\", en: \"…\"), guidance: [\"3.2\"])",
);

pub static RULE: Rule = Rule {
    code: CODE,
    severity: Severity::Error,
    name: "no-feedback",
    docs: Explanation {
        title: ("选项缺少反馈", "option without feedback"),
        what: (
            "选项或路线没有 feedback。",
            "An option or route has no feedback.",
        ),
        why: (
            "学员需要知道为什么好或为什么不好，并看到指南出处。",
            "The trainee needs to know why, with the guidance section.",
        ),
        example: "Reply(id: \"a\", text: \"…\", next: \"b\")",
        fix: "Reply(id: \"a\", text: \"…\", feedback: (text: \"…\", guidance: [\"3.2\"]), next: \"b\")",
    },
    templates: &[NO_FEEDBACK, ADD_FEEDBACK],
    checks: Checks {
        scenario: Some(check),
        ..Checks::NONE
    },
};

fn check(c: &mut Ctx<Scenario>) {
    for step in &c.value().steps {
        let mut missing: Vec<(&str, &str)> = Vec::new();
        match &step.turn {
            Turn::Choose { options, .. } => missing.extend(
                options
                    .iter()
                    .filter(|o| o.feedback.is_none())
                    .map(|o| ("steps/turn/options/id", o.id.as_str())),
            ),
            Turn::Free {
                routes, otherwise, ..
            } => {
                missing.extend(
                    routes
                        .iter()
                        .filter(|r| r.feedback.is_none())
                        .map(|r| ("steps/turn/routes/id", r.id.as_str())),
                );
                if otherwise.feedback.is_none() {
                    missing.push(("steps/turn/otherwise/id", otherwise.id.as_str()));
                }
            }
            Turn::End { .. } => {}
        }
        for (path, id) in missing {
            let pos = c.at(path, id, 0);
            c.push(
                c.diag(pos, &NO_FEEDBACK)
                    .arg("option", id)
                    .with_hint(&ADD_FEEDBACK),
            );
        }
    }
}
