//! E012 — a state value or change out of range, in a scenario or in the rubric.

use super::{Checks, Code, Explanation, Rule};
use crate::diag::{Pos, Severity, Template};
use crate::model::{Cond, Effect, Scenario, Turn};
use crate::rubric::Rubric;
use crate::source::{Locator, TokenKind};
use crate::validate::Ctx;

const CODE: Code = Code::E012;

pub const LEVEL: Template = Template::new(
    CODE,
    "level",
    "状态值 {value} 超出 0–100",
    "state value {value} is outside 0–100",
);
pub const CHANGE: Template = Template::new(
    CODE,
    "change",
    "变化量 {value} 超出 −100–100",
    "change {value} is outside −100…100",
);
/// In the rubric: a share that must lie in 0–1.
pub const SHARE: Template = Template::new(
    CODE,
    "share",
    "{field} 应在 0–1 之间",
    "{field} must lie in 0–1",
);
/// In the rubric: a negative penalty.
pub const NEGATIVE_PENALTY: Template = Template::new(
    CODE,
    "negative-penalty",
    "`{id}` 的扣分不能为负",
    "the penalty of `{id}` cannot be negative",
);

pub static RULE: Rule = Rule {
    code: CODE,
    severity: Severity::Error,
    name: "out-of-range",
    docs: Explanation {
        title: ("状态值超出范围", "state value out of range"),
        what: (
            "情绪值和信任值在 0–100 之间，变化量在 −100–100 之间。",
            "Agitation and trust lie in 0–100, changes in −100…100.",
        ),
        why: (
            "超出范围的值说明写错了。",
            "A value outside the range is a mistake.",
        ),
        example: "initial: (agitation: 150, trust: 20)",
        fix: "initial: (agitation: 90, trust: 20)",
    },
    templates: &[LEVEL, CHANGE, SHARE, NEGATIVE_PENALTY],
    checks: Checks {
        scenario: Some(check),
        rubric: Some(check_rubric),
        ..Checks::NONE
    },
};

fn check(c: &mut Ctx<Scenario>) {
    let s = c.value();
    let mut levels: Vec<(&str, i32)> = vec![
        ("initial/agitation", s.initial.agitation),
        ("initial/trust", s.initial.trust),
    ];
    if let Some(g) = &s.group {
        levels.push(("group/mood", g.mood));
    }
    levels.extend(
        s.visitors
            .iter()
            .filter_map(|v| v.agitation.map(|a| ("visitors/agitation", a))),
    );
    let mut deltas: Vec<(&str, Effect)> = Vec::new();
    for step in &s.steps {
        let mut conds: Vec<&Cond> = step.branches.iter().map(|b| &b.when).collect();
        match &step.turn {
            Turn::Choose { options, .. } => deltas.extend(
                options
                    .iter()
                    .map(|o| ("steps/turn/options/effect", o.effect)),
            ),
            Turn::Free {
                routes, otherwise, ..
            } => {
                deltas.extend(
                    routes
                        .iter()
                        .map(|r| ("steps/turn/routes/effect", r.effect)),
                );
                deltas.push(("steps/turn/otherwise/effect", otherwise.effect));
                conds.extend(routes.iter().filter_map(|r| r.when.as_ref()));
            }
            Turn::End { .. } => {}
        }
        for cond in conds {
            cond.visit(&mut |leaf| {
                if let Cond::AgitationAtLeast(v)
                | Cond::AgitationBelow(v)
                | Cond::TrustAtLeast(v)
                | Cond::TrustBelow(v)
                | Cond::GroupAtLeast(v)
                | Cond::GroupBelow(v) = leaf
                    && !(0..=100).contains(v)
                {
                    levels.push(("", *v));
                }
            });
        }
    }
    for (path, v) in levels {
        if !(0..=100).contains(&v) {
            let pos = find_num(c.locator(), path, v);
            c.push(c.diag(pos, &LEVEL).arg("value", v));
        }
    }
    for (path, e) in deltas {
        for (field, v) in [
            ("agitation", e.agitation),
            ("trust", e.trust),
            ("group", e.group),
        ] {
            if !(-100..=100).contains(&v) {
                let pos = find_num(c.locator(), &format!("{path}/{field}"), v);
                c.push(c.diag(pos, &CHANGE).arg("value", v));
            }
        }
    }
}

/// The first number `v` at `path` (anywhere when `path` is empty).
fn find_num(loc: &Locator, path: &str, v: i32) -> Option<Pos> {
    let text = v.to_string();
    loc.tokens
        .iter()
        .find(|t| {
            t.kind == TokenKind::Num
                && (path.is_empty() || loc.path(t) == path)
                && loc.value(t).trim_start_matches('+') == text
        })
        .map(|t| loc.pos(t.offset))
}

fn check_rubric(c: &mut Ctx<Rubric>) {
    let r = c.value();
    for (v, what) in [
        (r.crowd.spread, "spread"),
        (r.crowd.seated_calm, "seated_calm"),
        (r.crowd.bystander, "bystander"),
        (r.analyser.echo_share, "echo_share"),
        (r.scoring.procedure_share, "procedure_share"),
    ] {
        if !(0.0..=1.0).contains(&v) {
            let pos = c.locator().find_nth(TokenKind::Field, "", what, 0);
            c.push(c.diag(pos, &SHARE).arg("field", what));
        }
    }
    for a in &r.anti_patterns {
        if a.penalty < 0.0 {
            let pos = c.locator().find_str(&a.id);
            c.push(c.diag(pos, &NEGATIVE_PENALTY).arg("id", &a.id));
        }
    }
}
