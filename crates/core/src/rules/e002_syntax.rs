//! E002 — RON syntax error, or nesting too deep to read.
//!
//! Detected while parsing, in `load::parse`.

use super::{Checks, Code, Explanation, Rule};
use crate::diag::{Severity, Template};

const CODE: Code = Code::E002;

pub const SYNTAX: Template = Template::new(
    CODE,
    "syntax",
    "RON 语法错误：{error}",
    "RON syntax error: {error}",
);
pub const SYNTAX_HINT: Template = Template::new(
    CODE,
    "syntax-hint",
    "检查这一处附近的括号、逗号和引号",
    "check the brackets, commas and quotes around here",
);
pub const TOO_DEEP: Template = Template::new(
    CODE,
    "too-deep",
    "嵌套超过 {limit} 层",
    "nesting deeper than {limit} levels",
);
pub const TOO_DEEP_HINT: Template = Template::new(
    CODE,
    "too-deep-hint",
    "剧本不需要这么深的括号嵌套；文件可能已损坏",
    "no scenario needs brackets this deep; the file may be damaged",
);

pub static RULE: Rule = Rule {
    code: CODE,
    severity: Severity::Error,
    name: "syntax",
    docs: Explanation {
        title: ("RON 语法错误", "RON syntax error"),
        what: (
            "文件不是合法的 RON：括号不配对、缺逗号、字符串未闭合等。",
            "The file is not valid RON: unbalanced brackets, a missing comma, an unclosed string.",
        ),
        why: (
            "语法错误之后的内容都无法读取。",
            "Nothing after a syntax error can be read.",
        ),
        example: "steps: [ Step(id: \"a\" turn: …) ]",
        fix: "steps: [ Step(id: \"a\", turn: …) ]",
    },
    templates: &[SYNTAX, SYNTAX_HINT, TOO_DEEP, TOO_DEEP_HINT],
    checks: Checks::NONE,
};
