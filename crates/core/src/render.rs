//! Plain-text renderings for the terminal: the briefing and the debrief. Diagnostics render
//! themselves ([`crate::diag::Diagnostic::render_plain`]); the CLI adds the source snippet.

use crate::guidance;
use crate::model::Scenario;
use crate::score::Debrief;
use crate::text::Lang;
use std::fmt::Write;

/// The case file; the teaching with it unless it is held back (an exam).
pub fn briefing(s: &Scenario, lang: Lang, teaching: bool) -> String {
    let mut out = format!("== {} ==\n", s.title.get(lang));
    let _ = writeln!(
        out,
        "{} · {} · {} {}\n",
        s.visitor_type.label().get(lang),
        s.difficulty.label().get(lang),
        s.minutes,
        lang.pick("分钟", "min")
    );
    let _ = writeln!(out, "{}\n", s.briefing.get(lang).trim());
    if let Some(t) = s.teaching.as_ref().filter(|_| teaching) {
        let _ = writeln!(out, "{}\n", t.get(lang).trim());
    }
    for v in &s.visitors {
        let mut who = v.name.get(lang).to_owned();
        if let Some(a) = v.age {
            let _ = match lang {
                Lang::Zh => write!(who, "，{a}岁"),
                Lang::En => write!(who, ", {a}"),
            };
        }
        if let Some(o) = &v.occupation {
            let _ = write!(who, "{}{}", lang.pick("，", ", "), o.get(lang));
        }
        let _ = writeln!(out, "  · {who}");
    }
    if let Some(g) = &s.group {
        let _ = writeln!(
            out,
            "  · {}{}",
            lang.pick("来访总人数：", "People in the group: "),
            g.size
        );
    }
    out
}

pub fn debrief(d: &Debrief, lang: Lang) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "\n==== {} ====", lang.pick("复盘", "Debrief"));
    let outcome = d
        .outcome
        .map(|o| o.label().get(lang).to_owned())
        .unwrap_or_else(|| lang.pick("未完成", "not finished").into());
    let _ = writeln!(out, "{}: {outcome}", lang.pick("结果", "Outcome"));
    if !d.ending.is_empty() {
        let _ = writeln!(out, "{}", d.ending.get(lang).trim());
    }
    if d.resolved_first_visit {
        let _ = writeln!(
            out,
            "{}",
            lang.pick("✓ 初访一次性化解", "✓ Resolved at the first visit")
        );
    }
    let _ = writeln!(out, "\n{}: {}/100", lang.pick("总分", "Overall"), d.overall);
    if d.exam {
        let _ = writeln!(out, "{}", lang.pick("（考核模式）", "(exam)"));
    }
    if d.hints > 0 {
        let _ = writeln!(
            out,
            "{}",
            match lang {
                Lang::Zh => format!("  使用提示 {} 次，扣 {} 分", d.hints, d.hint_cost),
                Lang::En => format!("  {} hints used, {} points off", d.hints, d.hint_cost),
            }
        );
    }
    if !d.retried.is_empty() {
        let turns: Vec<String> = d.retried.iter().map(|t| t.to_string()).collect();
        let _ = writeln!(
            out,
            "{}{}",
            lang.pick("  重答过的轮次：", "  Turns answered again: "),
            turns.join(", ")
        );
    }
    if let (Some(w), false) = (d.weakest, d.exam) {
        let _ = writeln!(
            out,
            "{}",
            match lang {
                Lang::Zh => format!("  失分最多的是第 {w} 轮：练习时可以从这一轮重来（:back {w}）"),
                Lang::En => format!("  Turn {w} cost most: in practice, retry from it (:back {w})"),
            }
        );
    }
    if let Some(p) = d.procedure_score {
        let _ = writeln!(
            out,
            "  {}: {}   {}: {}",
            lang.pick("沟通技巧", "Soft skills"),
            d.soft_skills,
            lang.pick("程序规范", "Procedure"),
            p
        );
    }
    let _ = writeln!(out);
    for t in &d.techniques {
        let Some(score) = t.score else { continue };
        let bar = "█".repeat((score as usize).div_ceil(10))
            + &"░".repeat(10 - (score as usize).div_ceil(10));
        let star = if t.objective { "*" } else { " " };
        let _ = writeln!(out, " {star}{:<10} {bar} {score:>3}", t.name.get(lang));
    }
    if !d.procedure.is_empty() {
        let _ = writeln!(out, "\n{}", lang.pick("程序要求：", "Procedure:"));
        for p in &d.procedure {
            let mark = if p.turn.is_some() { "✓" } else { "✗" };
            let _ = writeln!(out, "  {mark} {} — {}", p.name.get(lang), p.basis.get(lang));
        }
    }
    let moment = |out: &mut String, title: &str, ms: &[crate::score::Moment]| {
        if ms.is_empty() {
            return;
        }
        let _ = writeln!(out, "\n{title}");
        for m in ms {
            let secs: Vec<String> = m
                .guidance
                .iter()
                .map(|g| {
                    format!(
                        "§{g} {}",
                        guidance::title(g)
                            .map(|t| t.get(lang).to_owned())
                            .unwrap_or_default()
                    )
                })
                .collect();
            let _ = writeln!(
                out,
                "  [{} {}] “{}”",
                lang.pick("第", "turn"),
                m.turn,
                m.said.get(lang)
            );
            let _ = writeln!(out, "      {}", m.why.get(lang));
            if !secs.is_empty() {
                let _ = writeln!(out, "      {}", secs.join("; "));
            }
        }
    };
    moment(
        &mut out,
        lang.pick("做得好的时刻：", "Best moments:"),
        &d.best,
    );
    moment(
        &mut out,
        lang.pick("需要改进的时刻：", "Moments to improve:"),
        &d.worst,
    );
    if !d.advice.is_empty() {
        let _ = writeln!(out, "\n{}", lang.pick("下次可以这样做：", "Next time:"));
        for a in &d.advice {
            let secs: Vec<String> = a.guidance.iter().map(|g| format!("§{g}")).collect();
            let _ = writeln!(out, "  → {} ({})", a.text.get(lang), secs.join(", "));
        }
    }
    out
}
