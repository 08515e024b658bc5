//! E005 — a value of the wrong type or an unknown variant.
//!
//! Detected while parsing, in `load::parse`.

use super::{Checks, Code, Explanation, Rule};
use crate::diag::{Severity, Template};

const CODE: Code = Code::E005;

pub const NO_VARIANT: Template = Template::new(
    CODE,
    "no-variant",
    "`{outer}` 没有取值 `{found}`",
    "`{outer}` has no variant `{found}`",
);
pub const DID_YOU_MEAN: Template = Template::new(
    CODE,
    "did-you-mean",
    "是不是想写 `{suggestion}`？可选：{expected}",
    "did you mean `{suggestion}`? expected one of: {expected}",
);
pub const EXPECTED: Template = Template::new(
    CODE,
    "expected",
    "可选：{expected}",
    "expected one of: {expected}",
);
pub const INVALID_VALUE: Template = Template::new(
    CODE,
    "invalid-value",
    "值不符合格式：{error}",
    "invalid value: {error}",
);
pub const INVALID_VALUE_HINT: Template = Template::new(
    CODE,
    "invalid-value-hint",
    "对照 docs/scenario-format.md 检查这个字段的写法",
    "compare this field with docs/scenario-format.md",
);

pub static RULE: Rule = Rule {
    code: CODE,
    severity: Severity::Error,
    name: "bad-value",
    docs: Explanation {
        title: ("值的类型不对", "wrong type of value"),
        what: (
            "字段的值类型不对，或枚举值不存在（例如 outcome 的取值）。",
            "A value has the wrong type, or names a variant that does not exist (e.g. an outcome).",
        ),
        why: (
            "引擎无法理解这个值。",
            "The engine cannot interpret the value.",
        ),
        example: "outcome: Solved",
        fix: "outcome: Resolved",
    },
    templates: &[
        NO_VARIANT,
        DID_YOU_MEAN,
        EXPECTED,
        INVALID_VALUE,
        INVALID_VALUE_HINT,
    ],
    checks: Checks::NONE,
};
