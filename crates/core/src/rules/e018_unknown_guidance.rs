//! E018 — a guidance id that is not a section of the outline, in a scenario or the rubric.

use super::{Checks, Code, Explanation, Rule};
use crate::diag::{Pos, Severity, Template};
use crate::guidance;
use crate::model::{Scenario, Turn};
use crate::rubric::Rubric;
use crate::validate::Ctx;

const CODE: Code = Code::E018;

pub const NO_SECTION: Template = Template::new(
    CODE,
    "no-section",
    "指南中没有章节 `{section}`",
    "no guidance section `{section}`",
);
pub const SECTIONS: Template = Template::new(
    CODE,
    "sections",
    "sections: {sections}",
    "sections: {sections}",
);

pub static RULE: Rule = Rule {
    code: CODE,
    severity: Severity::Error,
    name: "unknown-guidance",
    docs: Explanation {
        title: ("未知的指南章节", "unknown guidance section"),
        what: (
            "guidance 中的章节 id 不在指南提纲中。",
            "A guidance id is not a section of the outline.",
        ),
        why: (
            "反馈要能指回指南原文。",
            "Feedback must point back to the guidance.",
        ),
        example: "guidance: [\"3.4\"]",
        fix: "guidance: [\"3.3.2\"]",
    },
    templates: &[NO_SECTION, SECTIONS],
    checks: Checks {
        scenario: Some(check),
        rubric: Some(check_rubric),
        ..Checks::NONE
    },
};

fn check(c: &mut Ctx<Scenario>) {
    let s = c.value();
    let mut found: Vec<(Option<Pos>, &str)> = Vec::new();
    for step in &s.steps {
        match &step.turn {
            Turn::Choose { options, .. } => {
                for o in options {
                    for g in o.feedback.iter().flat_map(|f| &f.guidance) {
                        if !guidance::is_section(g) {
                            let pos = c.at("steps/turn/options/feedback/guidance", g, 0);
                            found.push((pos, g));
                        }
                    }
                }
            }
            Turn::Free {
                routes, otherwise, ..
            } => {
                for r in routes.iter().chain(std::iter::once(&**otherwise)) {
                    for g in r.feedback.iter().flat_map(|f| &f.guidance) {
                        if !guidance::is_section(g) {
                            found.push((c.locator().find_str(g), g));
                        }
                    }
                }
            }
            Turn::End { .. } => {}
        }
    }
    for g in &s.guidance {
        if !guidance::is_section(g) {
            found.push((c.at("guidance", g, 0), g));
        }
    }
    let sections: Vec<&str> = guidance::SECTIONS.iter().map(|s| s.0).collect();
    let sections = sections.join(", ");
    for (pos, g) in found {
        c.push(
            c.diag(pos, &NO_SECTION)
                .arg("section", g)
                .arg("sections", &sections)
                .with_hint(&SECTIONS),
        );
    }
}

fn check_rubric(c: &mut Ctx<Rubric>) {
    let r = c.value();
    let mut ids: Vec<&str> = Vec::new();
    for t in &r.techniques {
        ids.extend(t.guidance.iter().map(String::as_str));
    }
    for t in &r.anti_patterns {
        ids.extend(t.guidance.iter().map(String::as_str));
    }
    for t in &r.procedures {
        ids.extend(t.guidance.iter().map(String::as_str));
    }
    for g in &r.gates {
        ids.extend(g.guidance.iter().map(String::as_str));
    }
    for g in &r.rules {
        ids.extend(g.guidance.iter().map(String::as_str));
    }
    for g in ids {
        if !guidance::is_section(g) {
            let pos = c.locator().find_str(g);
            c.push(c.diag(pos, &NO_SECTION).arg("section", g));
        }
    }
}
