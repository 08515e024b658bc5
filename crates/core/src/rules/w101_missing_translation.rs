//! W101 — a text has only Chinese or only English, in a scenario or the rubric.

use super::{Checks, Code, Explanation, Rule, texts};
use crate::diag::{Severity, Template};
use crate::model::Scenario;
use crate::rubric::Rubric;
use crate::text::Lang;
use crate::validate::Ctx;

const CODE: Code = Code::W101;

pub const NO_CHINESE: Template = Template::new(
    CODE,
    "no-chinese",
    "{what} 缺少中文",
    "the {what} has no Chinese translation",
);
pub const NO_ENGLISH: Template = Template::new(
    CODE,
    "no-english",
    "{what} 缺少英文",
    "the {what} has no English translation",
);
pub const BOTH: Template = Template::new(
    CODE,
    "both",
    "(zh: \"…\", en: \"…\")",
    "(zh: \"…\", en: \"…\")",
);
/// In the rubric.
pub const RUBRIC: Template = Template::new(
    CODE,
    "rubric",
    "`{id}` 的 {field} 缺少翻译",
    "the {field} of `{id}` lacks a translation",
);

pub static RULE: Rule = Rule {
    code: CODE,
    severity: Severity::Warning,
    name: "missing-translation",
    docs: Explanation {
        title: ("缺少翻译", "missing translation"),
        what: (
            "文字只有中文或只有英文。",
            "A text has only Chinese or only English.",
        ),
        why: (
            "界面会退回另一种语言显示。",
            "The app falls back to the other language.",
        ),
        example: "text: \"您好\"",
        fix: "text: (zh: \"您好\", en: \"Hello\")",
    },
    templates: &[NO_CHINESE, NO_ENGLISH, BOTH, RUBRIC],
    checks: Checks {
        scenario: Some(check),
        rubric: Some(check_rubric),
        ..Checks::NONE
    },
};

fn check(c: &mut Ctx<Scenario>) {
    for (t, what) in texts::of(c.value()) {
        // An empty text is E020's.
        if texts::is_empty(t) {
            continue;
        }
        let template = match t.missing() {
            Some(Lang::Zh) => &NO_CHINESE,
            Some(Lang::En) => &NO_ENGLISH,
            None => continue,
        };
        let pos = c.locator().find_str(texts::any(t));
        c.push(c.diag(pos, template).arg("what", what).with_hint(&BOTH));
    }
}

fn check_rubric(c: &mut Ctx<Rubric>) {
    for t in &c.value().techniques {
        for (name, text) in [
            ("name", &t.name),
            ("summary", &t.summary),
            ("advice", &t.advice),
        ] {
            if t.name.missing().is_some() || text.missing().is_some() {
                let pos = c.locator().find_str(texts::any(text));
                c.push(
                    c.diag(pos, &RUBRIC)
                        .arg("id", &t.id)
                        .arg("field", name),
                );
            }
        }
    }
}
