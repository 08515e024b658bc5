//! E016 — a line, option, route or visitor id used twice in one scenario, or a rubric id
//! (technique, anti-pattern, procedure, stage) used twice in the rubric.

use super::{Checks, Code, Explanation, Rule};
use crate::diag::{Severity, Template};
use crate::model::{Scenario, Turn};
use crate::rubric::Rubric;
use crate::validate::Ctx;
use std::collections::{HashMap, HashSet};

const CODE: Code = Code::E016;

pub const DUPLICATE: Template =
    Template::new(CODE, "duplicate", "id `{id}` 重复", "duplicate id `{id}`");
pub const UNIQUE: Template = Template::new(
    CODE,
    "unique",
    "台词、选项、路线和来访人的 id 在一个剧本内必须唯一",
    "line, option, route and visitor ids must be unique within a scenario",
);

pub static RULE: Rule = Rule {
    code: CODE,
    severity: Severity::Error,
    name: "duplicate-id",
    docs: Explanation {
        title: ("id 重复", "duplicate id"),
        what: (
            "同一剧本中台词、选项、路线或来访人的 id 重复。",
            "A line, option, route or visitor id is used twice in one scenario.",
        ),
        why: (
            "记录和翻译靠这些 id 对应。",
            "Records and translations refer to them by id.",
        ),
        example: "Reply(id: \"a\", …), Reply(id: \"a\", …)",
        fix: "Reply(id: \"a\", …), Reply(id: \"b\", …)",
    },
    templates: &[DUPLICATE, UNIQUE],
    checks: Checks {
        scenario: Some(check),
        rubric: Some(check_rubric),
        ..Checks::NONE
    },
};

fn check(c: &mut Ctx<Scenario>) {
    let s = c.value();
    // Lines, options, routes and visitors share one id space per scenario.
    let mut ids: Vec<(&str, &str)> = s
        .visitors
        .iter()
        .map(|v| ("visitors/id", v.id.as_str()))
        .collect();
    for step in &s.steps {
        ids.extend(step.lines.iter().map(|l| ("steps/lines/id", l.id.as_str())));
        match &step.turn {
            Turn::Choose { options, .. } => ids.extend(
                options
                    .iter()
                    .map(|o| ("steps/turn/options/id", o.id.as_str())),
            ),
            Turn::Free {
                routes, otherwise, ..
            } => {
                ids.extend(
                    routes
                        .iter()
                        .map(|r| ("steps/turn/routes/id", r.id.as_str())),
                );
                ids.push(("steps/turn/otherwise/id", otherwise.id.as_str()));
            }
            Turn::End { .. } => {}
        }
    }
    let mut seen: HashMap<(&str, &str), usize> = HashMap::new();
    let mut names: HashSet<&str> = HashSet::new();
    for (path, id) in ids {
        let n = seen.entry((path, id)).or_default();
        if !names.insert(id) {
            let pos = c.at(path, id, *n);
            c.push(c.diag(pos, &DUPLICATE).arg("id", id).with_hint(&UNIQUE));
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
    for (path, ids) in [
        ("techniques/id", &techniques),
        ("anti_patterns/id", &antis),
        ("procedures/id", &procs),
        ("stages/id", &stages),
    ] {
        let mut seen = HashSet::new();
        let mut n: HashMap<&str, usize> = HashMap::new();
        for id in ids.iter() {
            let k = n.entry(id).or_default();
            if !seen.insert(*id) {
                let pos = c.at(path, id, *k);
                c.push(c.diag(pos, &DUPLICATE).arg("id", id));
            }
            *k += 1;
        }
    }
}
