//! Plain-text renderings for the terminal: diagnostics in the style of rustc, the briefing and
//! the debrief.

use crate::diag::{Code, Diagnostic, Severity};
use crate::guidance;
use crate::model::Scenario;
use crate::score::Debrief;
use crate::source::Locator;
use crate::text::Lang;
use std::fmt::Write;

/// `path:line:col: error[E007]: message`, the source line, a caret, and the hint.
pub fn diagnostic(d: &Diagnostic, source: Option<&Locator>, lang: Lang) -> String {
    let sev = match (d.severity, lang) {
        (Severity::Error, Lang::Zh) => "错误",
        (Severity::Error, Lang::En) => "error",
        (Severity::Warning, Lang::Zh) => "警告",
        (Severity::Warning, Lang::En) => "warning",
    };
    let mut out = format!(
        "{}:{}:{}: {}[{}]: {}\n",
        d.file.display(),
        d.pos.line,
        d.pos.column,
        sev,
        d.code.as_str(),
        d.message
    );
    if let Some(loc) = source {
        let line = loc.line_text(d.pos.line);
        if !line.is_empty() {
            let num = d.pos.line.to_string();
            let pad = " ".repeat(num.len());
            let shown: String = line.chars().take(160).collect();
            let caret_at: usize = line
                .chars()
                .take(d.pos.column.saturating_sub(1))
                .map(width)
                .sum();
            let _ = writeln!(
                out,
                "{pad} |\n{num} | {shown}\n{pad} | {}^",
                " ".repeat(caret_at.min(160))
            );
        }
    }
    if let Some(h) = &d.hint {
        let _ = writeln!(out, "  = {}: {h}", lang.pick("提示", "hint"));
    }
    out
}

/// Display width: CJK characters take two columns.
fn width(c: char) -> usize {
    if crate::text::is_cjk(c) { 2 } else { 1 }
}

pub fn explain(code: Code, lang: Lang) -> String {
    let e = code.explain();
    let p = |pair: (&str, &str)| lang.pick(pair.0, pair.1).to_owned();
    format!(
        "{} {}\n\n{}\n  {}\n\n{}\n  {}\n\n{}\n  {}\n\n{}\n  {}\n",
        code.as_str(),
        p(e.title),
        lang.pick("检查什么", "What it checks"),
        p(e.what),
        lang.pick("为什么重要", "Why it matters"),
        p(e.why),
        lang.pick("示例", "Example"),
        e.example,
        lang.pick("改成", "Use instead"),
        e.fix
    )
}

pub fn briefing(s: &Scenario, lang: Lang) -> String {
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
