//! E015 — a collective visit with fewer than five visitors.

use super::{Checks, Code, Explanation, Rule};
use crate::diag::{Severity, Template};
use crate::model::{Scenario, VisitorType};
use crate::source::TokenKind;
use crate::validate::Ctx;

const CODE: Code = Code::E015;

pub const TOO_FEW: Template = Template::new(
    CODE,
    "too-few",
    "集体访至少 5 人，这里只有 {size} 人",
    "a collective visit has at least 5 people; this one has {size}",
);
pub const SET_GROUP: Template = Template::new(
    CODE,
    "set-group",
    "设置 group: Some((size: 5 以上, mood: …))，或改用其他来访类型",
    "set group: Some((size: 5 or more, mood: …)), or choose another visitor type",
);

pub static RULE: Rule = Rule {
    code: CODE,
    severity: Severity::Error,
    name: "small-collective",
    docs: Explanation {
        title: ("集体访人数不足5人", "collective visit with fewer than five"),
        what: (
            "集体访的 group.size 必须不少于 5。",
            "A collective visit needs group.size of at least 5.",
        ),
        why: (
            "五人以上才属于集体访，处理方式也不同。",
            "Five or more people is what makes a collective visit, and it is handled differently.",
        ),
        example: "visitor_type: Collective, group: Some((size: 3, mood: 60))",
        fix: "group: Some((size: 8, mood: 60))",
    },
    templates: &[TOO_FEW, SET_GROUP],
    checks: Checks {
        scenario: Some(check),
        ..Checks::NONE
    },
};

fn check(c: &mut Ctx<Scenario>) {
    let s = c.value();
    if s.visitor_type != VisitorType::Collective {
        return;
    }
    let size = s.group.as_ref().map_or(s.visitors.len() as u32, |g| g.size);
    if size < 5 {
        let loc = c.locator();
        let pos = loc
            .find_nth(TokenKind::Num, "group/size", &size.to_string(), 0)
            .or_else(|| loc.find_nth(TokenKind::Field, "", "visitor_type", 0));
        c.push(c.diag(pos, &TOO_FEW).arg("size", size).with_hint(&SET_GROUP));
    }
}
