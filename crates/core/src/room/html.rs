//! The group session's summary as one self-contained, printable HTML hand-out: no scripts, no
//! files from elsewhere, charts as inline SVG. As in the reports, every chart carries
//! `data-chart` and every mark `data-value`, so a test can read what is drawn.

use super::{Summary, SummaryStep};
use crate::Lang;
use crate::report::esc;
use std::fmt::Write;

const STYLE: &str = "
body { font-family: 'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', 'Microsoft YaHei', sans-serif;
       margin: 2rem auto; max-width: 60rem; color: #1b1f24; line-height: 1.5; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.25rem; border-bottom: 2px solid #c8ccd2; padding-bottom: 0.2rem; margin-top: 2rem; }
h3 { font-size: 1.05rem; margin: 1.2rem 0 0.3rem; }
.meta, .why { color: #57606a; }
.line { font-size: 1.05rem; }
ol.options { padding-left: 0; list-style: none; }
ol.options li { margin: 0.15rem 0; }
.chosen { font-weight: bold; }
.best { color: #1a7f37; }
.anti { color: #b42318; }
svg { display: block; margin: 0.3rem 0 0.8rem; }
svg text { font-size: 12px; fill: #1b1f24; }
.step { break-inside: avoid; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } }
";

/// Bar length for the whole scale, in pixels.
const SCALE: f32 = 420.0;
const LABEL: u32 = 60;
const ROOM: &str = "#1f6feb";
const OTHER: &str = "#9aa4b1";
const GOOD: &str = "#1a7f37";

/// The letter of the option at place `k` as the room saw it.
pub fn letter(k: usize) -> char {
    (b'A' + (k % 26) as u8) as char
}

fn votes_chart(out: &mut String, s: &SummaryStep, lang: Lang) {
    let total: u32 = s.options.iter().map(|o| o.votes).sum();
    let h = 18 * s.options.len() as u32 + 8;
    let w = LABEL + SCALE as u32 + 70;
    let _ = write!(
        out,
        r#"<svg data-chart="votes-{}" data-total="{total}" width="{w}" height="{h}" viewBox="0 0 {w} {h}" role="img"><title>{}</title>"#,
        s.turn,
        esc(lang.pick("举手分布", "Show of hands")),
    );
    for (k, o) in s.options.iter().enumerate() {
        let y = 4 + 18 * k as u32;
        let share = if total == 0 {
            0.0
        } else {
            o.votes as f32 / total as f32
        };
        let colour = if Some(k) == s.chosen { ROOM } else { OTHER };
        let mark = match (Some(k) == s.best, Some(k) == s.chosen) {
            (true, true) => " ★▶",
            (true, false) => " ★",
            (false, true) => " ▶",
            _ => "",
        };
        let _ = write!(
            out,
            r#"<text x="0" y="{ty}">{}{mark}</text><rect data-value="{}" data-share="{share:.4}" x="{LABEL}" y="{y}" width="{bw:.1}" height="12" fill="{colour}"><title>{} {}</title></rect><text x="{tx:.1}" y="{ty}">{}</text>"#,
            letter(k),
            o.votes,
            letter(k),
            o.votes,
            o.votes,
            ty = y + 11,
            bw = SCALE * share,
            tx = LABEL as f32 + SCALE * share + 6.0,
        );
    }
    out.push_str("</svg>");
}

fn technique_chart(out: &mut String, s: &Summary, lang: Lang) {
    let rows: Vec<(&str, u32)> = s
        .debrief
        .techniques
        .iter()
        .filter_map(|t| Some((t.name.get(lang), t.score?)))
        .collect();
    if rows.is_empty() {
        return;
    }
    let label = 150;
    let h = 20 * rows.len() as u32 + 8;
    let w = label + SCALE as u32 + 50;
    let _ = write!(
        out,
        r#"<svg data-chart="techniques" width="{w}" height="{h}" viewBox="0 0 {w} {h}" role="img"><title>{}</title>"#,
        esc(lang.pick("各项技巧得分", "Score per technique")),
    );
    for (k, (name, v)) in rows.iter().enumerate() {
        let y = 4 + 20 * k as u32;
        let colour = if *v >= 70 { GOOD } else { ROOM };
        let _ = write!(
            out,
            r#"<text x="0" y="{ty}">{}</text><rect data-value="{v}" x="{label}" y="{y}" width="{bw:.1}" height="13" fill="{colour}"><title>{} {v}</title></rect><text x="{tx:.1}" y="{ty}">{v}</text>"#,
            esc(name),
            esc(name),
            ty = y + 11,
            bw = SCALE * *v as f32 / 100.0,
            tx = label as f32 + SCALE * *v as f32 / 100.0 + 6.0,
        );
    }
    out.push_str("</svg>");
}

fn names(s: &Summary, ids: &[String], lang: Lang) -> String {
    let sep = lang.pick("、", ", ");
    let v: Vec<String> = ids
        .iter()
        .map(|id| {
            s.debrief
                .techniques
                .iter()
                .find(|t| &t.id == id)
                .map_or_else(|| id.clone(), |t| t.name.get(lang).to_owned())
        })
        .collect();
    if v.is_empty() {
        lang.pick("（无）", "(none)").to_owned()
    } else {
        esc(&v.join(sep))
    }
}

fn step(out: &mut String, s: &SummaryStep, lang: Lang) {
    let _ = write!(
        out,
        r#"<div class="step"><h3>{} {}</h3><p class="line">{}</p>"#,
        esc(lang.pick("第", "Turn")),
        if lang == Lang::Zh {
            format!("{} 步", s.turn)
        } else {
            s.turn.to_string()
        },
        esc(s.line.get(lang)),
    );
    if let Some(t) = &s.typed {
        let _ = write!(
            out,
            r#"<p class="chosen">{}：{}</p>"#,
            esc(lang.pick("全班拟定的答复", "The room's typed reply")),
            esc(t)
        );
    }
    if !s.options.is_empty() {
        votes_chart(out, s, lang);
        out.push_str(r#"<ol class="options">"#);
        for (k, o) in s.options.iter().enumerate() {
            let mut class = Vec::new();
            if Some(k) == s.chosen {
                class.push("chosen");
            }
            if Some(k) == s.best {
                class.push("best");
            }
            if !o.anti_patterns.is_empty() {
                class.push("anti");
            }
            let tag = match (Some(k) == s.best, Some(k) == s.chosen) {
                (true, true) => lang.pick("（最佳；全班所选）", " (best; the room's choice)"),
                (true, false) => lang.pick("（最佳）", " (best)"),
                (false, true) => lang.pick("（全班所选）", " (the room's choice)"),
                _ => "",
            };
            let hands = if lang == Lang::Zh {
                format!("{} 票", o.votes)
            } else {
                format!("{} hands", o.votes)
            };
            let _ = write!(
                out,
                r#"<li class="{}">{}. {} — {hands}{}</li>"#,
                class.join(" "),
                letter(k),
                esc(o.text.get(lang)),
                esc(tag),
            );
        }
        out.push_str("</ol>");
    }
    if let Some(fb) = &s.feedback {
        let secs: Vec<String> = s.guidance.iter().map(|g| format!("§{g}")).collect();
        let _ = write!(
            out,
            r#"<p class="why">{} {}</p>"#,
            esc(fb.get(lang)),
            esc(&secs.join(" "))
        );
    }
    if !s.what_ifs.is_empty() {
        let tried: Vec<String> = s
            .what_ifs
            .iter()
            .map(|id| {
                s.options
                    .iter()
                    .position(|o| &o.id == id)
                    .map_or_else(|| id.clone(), |k| letter(k).to_string())
            })
            .collect();
        let _ = write!(
            out,
            r#"<p class="meta">{}：{}</p>"#,
            esc(lang.pick("课上推演过的其他选项", "Other options played out in class")),
            esc(&tried.join(lang.pick("、", ", ")))
        );
    }
    out.push_str("</div>");
}

/// The summary as one HTML page in `lang`.
pub fn html(s: &Summary, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let mut out = String::new();
    let heading = lang.pick("课堂演练小结", "Group session summary");
    let d = &s.debrief;
    let _ = write!(
        out,
        r#"<!DOCTYPE html><html lang="{}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{} · {}</title><style>{STYLE}</style></head><body><h1>{}</h1><p class="meta">{} · {}</p>"#,
        if zh { "zh-CN" } else { "en" },
        esc(heading),
        esc(s.title.get(lang)),
        esc(heading),
        esc(s.title.get(lang)),
        esc(&s.scenario),
    );
    let steps = s.steps.len();
    let _ = write!(
        out,
        "<p>{}</p>",
        esc(&if zh {
            format!(
                "全班共答 {steps} 步，其中 {} 步选了当时最好的答复；总分 {}，沟通技巧 {}。",
                s.best_taken(),
                d.overall,
                d.soft_skills
            )
        } else {
            format!(
                "The room answered {steps} steps, {} of them with the best reply the step offered; overall {}, communication {}.",
                s.best_taken(),
                d.overall,
                d.soft_skills
            )
        })
    );
    if !s.finished {
        let _ = write!(
            out,
            r#"<p class="anti">{}</p>"#,
            esc(lang.pick(
                "本次演练在来访结束前停止，以下只含已答的步骤。",
                "The session stopped before the visit ended; what follows covers the steps answered."
            ))
        );
    } else if !d.ending.get(lang).is_empty() {
        let _ = write!(out, r#"<p class="why">{}</p>"#, esc(d.ending.get(lang)));
    }
    let _ = write!(
        out,
        "<h2>{}</h2><p>{}：{}</p><p>{}：{}</p>",
        esc(lang.pick("按技巧看", "By technique")),
        esc(lang.pick("做得好", "Done well")),
        names(s, &s.well, lang),
        esc(lang.pick("需改进", "To work on")),
        names(s, &s.poorly, lang),
    );
    technique_chart(&mut out, s, lang);
    for a in &d.advice {
        let secs: Vec<String> = a.guidance.iter().map(|g| format!("§{g}")).collect();
        let _ = write!(
            out,
            r#"<p class="why">{} {}</p>"#,
            esc(a.text.get(lang)),
            esc(&secs.join(" "))
        );
    }
    let _ = write!(
        out,
        "<h2>{}</h2><p class=\"meta\">{}</p>",
        esc(lang.pick("全班的路径", "The room's path")),
        esc(lang.pick(
            "★ 当时最好的选项　▶ 全班所选　条形为举手比例",
            "★ the best option at that moment   ▶ the room's choice   bars: share of hands"
        )),
    );
    for st in &s.steps {
        step(&mut out, st, lang);
    }
    if !s.best_path.is_empty() {
        let _ = write!(
            out,
            "<h2>{}</h2><ol>",
            esc(lang.pick(
                "参考路径：每步都选最好的答复",
                "For comparison: the best reply at every step"
            ))
        );
        for b in &s.best_path {
            let _ = write!(out, "<li>{}</li>", esc(b.said.get(lang)));
        }
        out.push_str("</ol>");
        if s.best_path_typed {
            let _ = write!(
                out,
                r#"<p class="meta">{}</p>"#,
                esc(lang.pick(
                    "之后是需要打字答复的一步：最好的答复由全班来写。",
                    "Then comes a typed step: the best reply there is the room's to write."
                ))
            );
        }
    }
    out.push_str("</body></html>");
    out
}
