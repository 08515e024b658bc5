//! E020 — a title, line, option or feedback text is empty.

use super::{Checks, Code, Explanation, Rule, texts};
use crate::diag::{Severity, Template};
use crate::model::Scenario;
use crate::validate::Ctx;

const CODE: Code = Code::E020;

pub const EMPTY: Template = Template::new(
    CODE,
    "empty",
    "{what} 的文字为空",
    "the {what} text is empty",
);

pub static RULE: Rule = Rule {
    code: CODE,
    severity: Severity::Error,
    name: "empty-text",
    docs: Explanation {
        title: ("必填文字为空", "empty text"),
        what: (
            "标题、台词、选项或反馈的文字为空。",
            "A title, line, option or feedback text is empty.",
        ),
        why: (
            "空文字在界面上什么也显示不出来。",
            "Empty text shows nothing.",
        ),
        example: "text: \"\"",
        fix: "text: \"您好，请坐。\"",
    },
    templates: &[EMPTY],
    checks: Checks {
        scenario: Some(check),
        ..Checks::NONE
    },
};

fn check(c: &mut Ctx<Scenario>) {
    for (t, what) in texts::of(c.value()) {
        if texts::is_empty(t) {
            let pos = c.locator().find_str(texts::any(t));
            c.push(c.diag(pos, &EMPTY).arg("what", what));
        }
    }
}
