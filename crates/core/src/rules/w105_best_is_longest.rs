//! W105 — the best option is also the longest in most of a scenario's choice steps.
//!
//! **What it does.** For each choice step it finds the option the rubric values most (judged
//! at a calm moment with the visitor acknowledged, so that timing gates do not decide it) and
//! the longest option (characters of the Chinese text); it warns when they are the same option
//! in more than half of the scenario's choice steps.
//!
//! **Why it matters.** Trainees learn what a scenario rewards. When the good reply is the long
//! one by habit, "always pick the longest" passes the visit without any judgement, and the
//! score stops measuring the skill.
//!
//! **Use instead.** Write wrong options as long, fluent and plausible as the good one: a
//! lecture on the regulations, a string of promises, a defensive explanation, a warm opening
//! spoiled by a threat.

use super::{Checks, Code, Explanation, Rule};
use crate::diag::{Severity, Template};
use crate::model::{Scenario, Turn};
use crate::rubric::Rubric;
use crate::validate::Ctx;

const CODE: Code = Code::W105;

/// The share above which the warning is given.
pub const LIMIT: f32 = 0.5;

pub const BEST_IS_LONGEST: Template = Template::new(
    CODE,
    "best-is-longest",
    "{steps} 个选择步骤中有 {longest} 个的最佳选项也是最长的选项",
    "in {longest} of {steps} choice steps the best option is also the longest",
);
pub const WRITE_LONG_WRONG_OPTIONS: Template = Template::new(
    CODE,
    "write-long-wrong-options",
    "把错误选项写得和正确选项一样长、一样像样：照本宣科讲条例、一连串许诺、辩解",
    "write wrong options as long and plausible as the good one: a lecture on the rules, a string of promises, a defence",
);

pub static RULE: Rule = Rule {
    code: CODE,
    severity: Severity::Warning,
    name: "best-is-longest",
    docs: Explanation {
        title: ("最佳选项总是最长的", "best option is the longest"),
        what: (
            "超过一半的选择步骤里，评分最高的选项同时也是字数最多的选项。",
            "In more than half of the choice steps the best-scoring option is also the longest.",
        ),
        why: (
            "学员只要每次选最长的就能过关，分数就不再衡量判断力。",
            "Always picking the longest passes the visit, so the score no longer measures judgement.",
        ),
        example: "Reply(id: \"a\", text: \"您先坐，慢慢说，我都记下来，再帮您一起理清楚。\", tags: [\"listening\"]) vs Reply(id: \"b\", text: \"不归我们管。\", anti: [\"buck_passing\"])",
        fix: "Reply(id: \"b\", text: \"这个事情我们这儿确实没有办法，您还是去找一下相关部门，他们会按规定处理的，我们也是按程序办事。\", anti: [\"buck_passing\"])",
    },
    templates: &[BEST_IS_LONGEST, WRITE_LONG_WRONG_OPTIONS],
    checks: Checks {
        scenario: Some(check),
        ..Checks::NONE
    },
};

/// Choice steps, and how many of them have their best option as their longest.
pub fn best_is_longest(s: &Scenario, r: &Rubric) -> (usize, usize) {
    let (mut steps, mut longest) = (0, 0);
    for step in &s.steps {
        let Turn::Choose { options, .. } = &step.turn else {
            continue;
        };
        let Some(best) = crate::judge::best_option(r, options) else {
            continue;
        };
        steps += 1;
        let len = |i: usize| options[i].text.get(crate::Lang::Zh).chars().count();
        let max = (0..options.len()).map(len).max().unwrap_or(0);
        if len(best) == max {
            longest += 1;
        }
    }
    (steps, longest)
}

fn check(c: &mut Ctx<Scenario>) {
    let s = c.value();
    let (steps, longest) = best_is_longest(s, c.rubric);
    if steps >= 2 && longest as f32 > LIMIT * steps as f32 {
        let pos = c.at("id", &s.id, 0);
        c.push(
            c.diag(pos, &BEST_IS_LONGEST)
                .arg("steps", steps)
                .arg("longest", longest)
                .with_hint(&WRITE_LONG_WRONG_OPTIONS),
        );
    }
}
