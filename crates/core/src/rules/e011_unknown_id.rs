//! E011 — a technique, anti-pattern or procedure id that the rubric does not define, in a
//! scenario (tags, conditions, objectives) or in the rubric's own cross-references.

use super::{Checks, Code, Explanation, Rule};
use crate::diag::{Severity, Template, did_you_mean};
use crate::model::{Cond, Scenario, Turn};
use crate::rubric::Rubric;
use crate::validate::Ctx;
use std::collections::HashMap;

const CODE: Code = Code::E011;

pub const UNKNOWN_TECHNIQUE: Template = Template::new(
    CODE,
    "unknown-technique",
    "评分规则中没有技巧 `{id}`",
    "unknown technique id `{id}`",
);
pub const UNKNOWN_ANTI_PATTERN: Template = Template::new(
    CODE,
    "unknown-anti-pattern",
    "评分规则中没有反模式 `{id}`",
    "unknown anti-pattern id `{id}`",
);
pub const UNKNOWN_PROCEDURE: Template = Template::new(
    CODE,
    "unknown-procedure",
    "评分规则中没有程序 `{id}`",
    "unknown procedure id `{id}`",
);
pub const DID_YOU_MEAN: Template = Template::new(
    CODE,
    "did-you-mean",
    "是不是想写 `{suggestion}`？（{known}）",
    "did you mean `{suggestion}`? ({known})",
);
pub const KNOWN: Template = Template::new(CODE, "known", "{known}", "{known}");
/// In the rubric itself.
pub const UNDEFINED: Template = Template::new(
    CODE,
    "undefined",
    "未定义的 id `{id}`",
    "undefined id `{id}`",
);

pub static RULE: Rule = Rule {
    code: CODE,
    severity: Severity::Error,
    name: "unknown-id",
    docs: Explanation {
        title: (
            "未知的技巧、反模式或程序 id",
            "unknown technique, anti-pattern or procedure id",
        ),
        what: (
            "标签或条件里的 id 不在评分规则（rubric）中。",
            "An id in a tag or condition is not in the rubric.",
        ),
        why: (
            "评分引擎无法为它计分。",
            "The scoring engine cannot score it.",
        ),
        example: "tags: [\"empathie\"]",
        fix: "tags: [\"empathy\"]",
    },
    templates: &[
        UNKNOWN_TECHNIQUE,
        UNKNOWN_ANTI_PATTERN,
        UNKNOWN_PROCEDURE,
        DID_YOU_MEAN,
        KNOWN,
        UNDEFINED,
    ],
    checks: Checks {
        scenario: Some(check),
        rubric: Some(check_rubric),
        ..Checks::NONE
    },
};

fn check(c: &mut Ctx<Scenario>) {
    let (s, r) = (c.value(), c.rubric);
    let techniques: Vec<&str> = r.techniques.iter().map(|t| t.id.as_str()).collect();
    let antis: Vec<&str> = r.anti_patterns.iter().map(|t| t.id.as_str()).collect();
    let procs: Vec<&str> = r.procedures.iter().map(|t| t.id.as_str()).collect();
    let (tech, anti, proc_) = (
        (&techniques, &UNKNOWN_TECHNIQUE),
        (&antis, &UNKNOWN_ANTI_PATTERN),
        (&procs, &UNKNOWN_PROCEDURE),
    );
    type Kind<'k> = (&'k Vec<&'k str>, &'static Template);
    let mut items: Vec<(&str, String, Kind)> = Vec::new();
    for o in &s.objectives {
        items.push(("objectives", o.clone(), tech));
    }
    for p in &s.procedure {
        items.push(("procedure", p.clone(), proc_));
    }
    for step in &s.steps {
        let mut conds: Vec<(&str, &Cond)> = step
            .branches
            .iter()
            .map(|b| ("steps/branches/when", &b.when))
            .collect();
        match &step.turn {
            Turn::Choose { options, .. } => {
                for o in options {
                    items.extend(o.tags.iter().map(|t| ("steps/turn/options/tags", t.clone(), tech)));
                    items.extend(o.anti.iter().map(|t| ("steps/turn/options/anti", t.clone(), anti)));
                    items.extend(
                        o.procedure
                            .iter()
                            .map(|t| ("steps/turn/options/procedure", t.clone(), proc_)),
                    );
                }
            }
            Turn::Free {
                routes, expects, ..
            } => {
                items.extend(expects.iter().map(|t| ("steps/turn/expects", t.clone(), tech)));
                conds.extend(
                    routes
                        .iter()
                        .filter_map(|r| r.when.as_ref().map(|w| ("steps/turn/routes/when", w))),
                );
            }
            Turn::End { .. } => {}
        }
        for (path, cond) in conds {
            cond.visit(&mut |leaf| match leaf {
                Cond::Used(t) => items.push((path, t.clone(), tech)),
                Cond::Committed(t) => items.push((path, t.clone(), anti)),
                Cond::Done(t) => items.push((path, t.clone(), proc_)),
                _ => {}
            });
        }
    }
    let mut counted: HashMap<(&str, String), usize> = HashMap::new();
    for (path, id, (known, template)) in items {
        let n = counted.entry((path, id.clone())).or_default();
        if !known.contains(&id.as_str()) {
            let pos = c.at(path, &id, *n);
            let d = c
                .diag(pos, template)
                .arg("id", &id)
                .arg("known", known.join(", "));
            c.push(match did_you_mean(&id, known.iter().copied()) {
                Some(m) => d.arg("suggestion", m).with_hint(&DID_YOU_MEAN),
                None => d.with_hint(&KNOWN),
            });
        }
        *n += 1;
    }
}

fn check_rubric(c: &mut Ctx<Rubric>) {
    let r = c.value();
    let techniques: Vec<&str> = r.techniques.iter().map(|t| t.id.as_str()).collect();
    let antis: Vec<&str> = r.anti_patterns.iter().map(|t| t.id.as_str()).collect();
    let procs: Vec<&str> = r.procedures.iter().map(|t| t.id.as_str()).collect();
    let stages: Vec<&str> = r.stages.iter().map(|t| t.id.as_str()).collect();
    let mut refs: Vec<(&str, &Vec<&str>)> = Vec::new();
    for a in &r.anti_patterns {
        refs.extend(a.against.iter().map(|t| (t.as_str(), &techniques)));
    }
    for s in &r.stages {
        refs.extend(s.reached_by.iter().map(|t| (t.as_str(), &techniques)));
    }
    for g in &r.gates {
        refs.push((g.technique.as_str(), &techniques));
        refs.push((g.stage.as_str(), &stages));
        refs.extend(g.anti_pattern.iter().map(|a| (a.as_str(), &antis)));
    }
    for rule in &r.rules {
        refs.extend(
            rule.used
                .iter()
                .chain(&rule.lacking)
                .map(|t| (t.as_str(), &techniques)),
        );
        refs.extend(
            rule.stage_at_least
                .iter()
                .chain(&rule.stage_below)
                .map(|t| (t.as_str(), &stages)),
        );
    }
    refs.push((r.crowd.seats_representatives.as_str(), &procs));
    refs.push((r.scoring.open_question_technique.as_str(), &techniques));
    refs.push((r.scoring.restating_technique.as_str(), &techniques));
    refs.push((r.scoring.courtesy_technique.as_str(), &techniques));
    refs.push((r.scoring.empty_politeness.as_str(), &antis));
    for (id, known) in refs {
        if !known.contains(&id) {
            let pos = c.locator().find_str(id);
            c.push(c.diag(pos, &UNDEFINED).arg("id", id));
        }
    }
}
