//! E003 — unknown field.
//!
//! Detected while parsing, in `load::parse`.

use super::{Checks, Code, Explanation, Rule};
use crate::diag::{Severity, Template};

const CODE: Code = Code::E003;

pub const UNKNOWN_FIELD: Template = Template::new(
    CODE,
    "unknown-field",
    "`{outer}` 中没有字段 `{found}`",
    "unknown field `{found}` in `{outer}`",
);
pub const DID_YOU_MEAN: Template = Template::new(
    CODE,
    "did-you-mean",
    "是不是想写 `{suggestion}`？可用字段：{expected}",
    "did you mean `{suggestion}`? expected one of: {expected}",
);
pub const EXPECTED: Template = Template::new(
    CODE,
    "expected",
    "可用字段：{expected}",
    "expected one of: {expected}",
);

pub static RULE: Rule = Rule {
    code: CODE,
    severity: Severity::Error,
    name: "unknown-field",
    docs: Explanation {
        title: ("未知字段", "unknown field"),
        what: (
            "结构里出现了格式中没有的字段名，通常是拼写错误。",
            "A field name the format does not have, usually a typo.",
        ),
        why: (
            "拼错的字段会被悄悄忽略，剧本就不是作者想的样子。",
            "A misspelt field would be silently ignored and the scenario would not be what its author meant.",
        ),
        example: "Reply(id: \"a\", text: \"…\", feedbak: …)",
        fix: "Reply(id: \"a\", text: \"…\", feedback: …)",
    },
    templates: &[UNKNOWN_FIELD, DID_YOU_MEAN, EXPECTED],
    checks: Checks::NONE,
};
