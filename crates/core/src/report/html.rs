//! The report as one self-contained, printable HTML file: no scripts, no fonts or images from
//! elsewhere, the charts drawn as inline SVG. Every chart carries `data-chart` and every mark
//! `data-value`, so a test (and a screen reader, through the titles) can read what is drawn.

use super::{Report, TraineeReport, date, display_name};
use crate::Lang;
use std::fmt::Write;

pub fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c => o.push(c),
        }
    }
    o
}

const STYLE: &str = "
body { font-family: 'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', 'Microsoft YaHei', sans-serif;
       margin: 2rem auto; max-width: 60rem; color: #1b1f24; line-height: 1.5; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.25rem; border-bottom: 2px solid #c8ccd2; padding-bottom: 0.2rem; margin-top: 2.2rem; }
h3 { font-size: 1.05rem; margin-bottom: 0.3rem; }
.meta { color: #57606a; }
table { border-collapse: collapse; margin: 0.6rem 0 1rem; }
th, td { border: 1px solid #d0d7de; padding: 0.25rem 0.6rem; }
th { background: #f3f4f6; text-align: left; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
svg { display: block; margin: 0.4rem 0 1rem; }
svg text { font-size: 12px; fill: #1b1f24; }
.legend span { display: inline-block; margin-right: 1rem; }
.sw { display: inline-block; width: 0.8rem; height: 0.8rem; vertical-align: middle; margin-right: 0.3rem; }
.trainee { break-before: page; }
.trainee:first-of-type { break-before: auto; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } svg, table { break-inside: avoid; } }
";

const FIRST: &str = "#9aa4b1";
const LATEST: &str = "#1f6feb";

/// Paired horizontal bars (first, latest) on a 0–100 scale.
fn pair_bars(out: &mut String, chart: &str, rows: &[(String, u32, u32)], lang: Lang) {
    let label_w = 180.0;
    let bar_w = 420.0;
    let row_h = 34.0;
    let h = 24.0 + row_h * rows.len() as f64;
    let _ = write!(
        out,
        r#"<svg data-chart="{chart}" width="{w}" height="{h}" viewBox="0 0 {w} {h}" role="img"><title>{t}</title>"#,
        w = label_w + bar_w + 60.0,
        t = esc(lang.pick("首次与最近（0–100）", "First and latest (0–100)")),
    );
    for tick in [0, 25, 50, 75, 100] {
        let x = label_w + bar_w * f64::from(tick) / 100.0;
        let _ = write!(
            out,
            r##"<line x1="{x}" y1="4" x2="{x}" y2="{y2}" stroke="#e1e4e8"/><text x="{x}" y="{ty}" text-anchor="middle">{tick}</text>"##,
            y2 = h - 16.0,
            ty = h - 2.0,
        );
    }
    for (i, (label, first, latest)) in rows.iter().enumerate() {
        let y = 6.0 + row_h * i as f64;
        let _ = write!(
            out,
            r#"<text x="{lx}" y="{ty}" text-anchor="end">{l}</text>"#,
            lx = label_w - 8.0,
            ty = y + 18.0,
            l = esc(label),
        );
        for (j, (v, color, what)) in [
            (*first, FIRST, lang.pick("首次", "first")),
            (*latest, LATEST, lang.pick("最近", "latest")),
        ]
        .into_iter()
        .enumerate()
        {
            let bw = bar_w * f64::from(v.min(100)) / 100.0;
            let by = y + 2.0 + 13.0 * j as f64;
            let _ = write!(
                out,
                r#"<rect class="bar" data-value="{v}" x="{label_w}" y="{by}" width="{bw:.1}" height="11" fill="{color}"><title>{l} {what} {v}</title></rect><text x="{tx:.1}" y="{tty}">{v}</text>"#,
                l = esc(label),
                tx = label_w + bw + 4.0,
                tty = by + 10.0,
            );
        }
    }
    out.push_str("</svg>");
}

/// The overall score of each visit in order, as a line with points.
fn trend(out: &mut String, chart: &str, points: &[(u64, u32)], lang: Lang) {
    let (w, h, left, top, bottom) = (600.0, 200.0, 36.0, 10.0, 26.0);
    let plot_w = w - left - 10.0;
    let plot_h = h - top - bottom;
    let _ = write!(
        out,
        r#"<svg data-chart="{chart}" width="{w}" height="{h}" viewBox="0 0 {w} {h}" role="img"><title>{t}</title>"#,
        t = esc(lang.pick("每次接待的总分", "Overall score of each visit")),
    );
    for tick in [0, 50, 100] {
        let y = top + plot_h * (1.0 - f64::from(tick) / 100.0);
        let _ = write!(
            out,
            r##"<line x1="{left}" y1="{y}" x2="{x2}" y2="{y}" stroke="#e1e4e8"/><text x="{tx}" y="{ty}" text-anchor="end">{tick}</text>"##,
            x2 = w - 10.0,
            tx = left - 4.0,
            ty = y + 4.0,
        );
    }
    let n = points.len().max(1);
    let xy = |i: usize, v: u32| {
        let x = if n == 1 {
            left + plot_w / 2.0
        } else {
            left + plot_w * i as f64 / (n - 1) as f64
        };
        (x, top + plot_h * (1.0 - f64::from(v.min(100)) / 100.0))
    };
    let path: Vec<String> = points
        .iter()
        .enumerate()
        .map(|(i, (_, v))| {
            let (x, y) = xy(i, *v);
            format!("{x:.1},{y:.1}")
        })
        .collect();
    let _ = write!(
        out,
        r#"<polyline points="{}" fill="none" stroke="{LATEST}" stroke-width="2"/>"#,
        path.join(" ")
    );
    for (i, (at, v)) in points.iter().enumerate() {
        let (x, y) = xy(i, *v);
        let _ = write!(
            out,
            r#"<circle class="point" data-value="{v}" cx="{x:.1}" cy="{y:.1}" r="4" fill="{LATEST}"><title>{d} {v}</title></circle>"#,
            d = esc(&date(*at)),
        );
    }
    let _ = write!(
        out,
        r#"<text x="{left}" y="{ty}">1</text><text x="{tx}" y="{ty}" text-anchor="end">{n}</text>"#,
        ty = h - 6.0,
        tx = w - 10.0,
    );
    out.push_str("</svg>");
}

fn legend(out: &mut String, lang: Lang) {
    let _ = write!(
        out,
        r#"<p class="legend"><span><i class="sw" style="background:{FIRST}"></i>{}</span><span><i class="sw" style="background:{LATEST}"></i>{}</span></p>"#,
        esc(lang.pick("首次", "First")),
        esc(lang.pick("最近", "Latest")),
    );
}

fn trainee(out: &mut String, t: &TraineeReport, idx: usize, lang: Lang) {
    let zh = lang == Lang::Zh;
    let _ = write!(
        out,
        r#"<section class="trainee"><h2>{}</h2><p class="meta">{}</p>"#,
        esc(display_name(&t.name, lang)),
        esc(&if zh {
            format!(
                "{} 次接待，{} 个剧本；总分首次 {}，最好 {}，最近 {}，平均 {}",
                t.visits,
                t.scenarios.len(),
                t.overall.first,
                t.overall.best,
                t.overall.latest,
                t.overall.average
            )
        } else {
            format!(
                "{} visits, {} scenarios; overall first {}, best {}, latest {}, average {}",
                t.visits,
                t.scenarios.len(),
                t.overall.first,
                t.overall.best,
                t.overall.latest,
                t.overall.average
            )
        })
    );
    if let Some(r) = t.first_visit {
        let _ = write!(
            out,
            "<p>{}</p>",
            esc(&if zh {
                format!(
                    "初信初访一次性化解率：{}%（{}/{}）",
                    r.percent, r.resolved, r.of
                )
            } else {
                format!(
                    "First visits resolved on the spot: {}% ({}/{})",
                    r.percent, r.resolved, r.of
                )
            })
        );
    }
    let _ = write!(
        out,
        "<h3>{}</h3>",
        esc(lang.pick("总分走势", "Overall score over time"))
    );
    trend(out, &format!("trend-{idx}"), &t.trend, lang);
    if !t.techniques.is_empty() {
        let _ = write!(
            out,
            "<h3>{}</h3>",
            esc(lang.pick("各项技巧：首次与最近", "Techniques: first and latest"))
        );
        legend(out, lang);
        let rows: Vec<(String, u32, u32)> = t
            .techniques
            .iter()
            .map(|x| (x.name.get(lang).to_owned(), x.stats.first, x.stats.latest))
            .collect();
        pair_bars(out, &format!("techniques-{idx}"), &rows, lang);
        let _ = write!(
            out,
            "<table><tr><th>{}</th></tr>",
            lang.pick(
                "技巧</th><th>次数</th><th>平均</th><th>首次</th><th>最好</th><th>最近",
                "Technique</th><th>Times</th><th>Average</th><th>First</th><th>Best</th><th>Latest"
            )
        );
        for x in &t.techniques {
            let s = &x.stats;
            let _ = write!(
                out,
                r#"<tr><td>{}</td><td class="n">{}</td><td class="n">{}</td><td class="n">{}</td><td class="n">{}</td><td class="n">{}</td></tr>"#,
                esc(x.name.get(lang)),
                s.attempts,
                s.average,
                s.first,
                s.best,
                s.latest
            );
        }
        out.push_str("</table>");
    }
    let _ = write!(
        out,
        "<h3>{}</h3><table><tr><th>{}</th></tr>",
        esc(lang.pick("剧本", "Scenarios")),
        lang.pick(
            "剧本</th><th>次数</th><th>平均</th><th>首次</th><th>最好</th><th>最近</th><th>最近结果",
            "Scenario</th><th>Times</th><th>Average</th><th>First</th><th>Best</th><th>Latest</th><th>Latest outcome"
        )
    );
    for sc in &t.scenarios {
        let s = &sc.overall;
        let _ = write!(
            out,
            r#"<tr><td>{}</td><td class="n">{}</td><td class="n">{}</td><td class="n">{}</td><td class="n">{}</td><td class="n">{}</td><td>{}</td></tr>"#,
            esc(sc.title.get(lang)),
            s.attempts,
            s.average,
            s.first,
            s.best,
            s.latest,
            esc(&sc
                .latest_outcome
                .map(|o| o.label().get(lang).to_owned())
                .unwrap_or_default())
        );
    }
    out.push_str("</table>");
    if !t.anti_patterns.is_empty() {
        let _ = write!(
            out,
            "<h3>{}</h3><ul>",
            esc(lang.pick("最常见的问题", "Most common problems"))
        );
        for a in &t.anti_patterns {
            let _ = write!(
                out,
                "<li>{}</li>",
                esc(&if zh {
                    format!(
                        "{}：{} 次（{} 次接待）",
                        a.name.get(lang),
                        a.turns,
                        a.visits
                    )
                } else {
                    format!(
                        "{}: {} times ({} visits)",
                        a.name.get(lang),
                        a.turns,
                        a.visits
                    )
                })
            );
        }
        out.push_str("</ul>");
    }
    if let Some(f) = &t.focus {
        let secs: Vec<String> = f.guidance.iter().map(|g| format!("§{g}")).collect();
        let _ = write!(
            out,
            "<p><strong>{}</strong>{}</p>",
            esc(lang.pick("下一步重点：", "Work on next: ")),
            esc(&format!(
                "{} ({}) — {} {}",
                f.name.get(lang),
                f.score,
                f.advice.get(lang),
                secs.join(" ")
            ))
        );
    }
    out.push_str("</section>");
}

/// The whole report as an HTML document.
pub fn html(r: &Report, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let mut out = String::new();
    let title = lang.pick("接待训练报告", "Reception training report");
    let _ = write!(
        out,
        r#"<!DOCTYPE html><html lang="{}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{}</title><style>{STYLE}</style></head><body><h1>{}</h1>"#,
        if zh { "zh-CN" } else { "en" },
        esc(title),
        esc(title),
    );
    let mut scope = vec![if zh {
        format!("共 {} 次接待，{} 名学员", r.visits, r.group.len())
    } else {
        format!("{} visits by {} trainees", r.visits, r.group.len())
    }];
    if let (Some(a), Some(b)) = (r.first, r.last) {
        scope.push(format!("{} — {} UTC", date(a), date(b)));
    }
    if let Some(s) = &r.scope.scenario {
        scope.push(format!("{}{s}", lang.pick("剧本：", "scenario: ")));
    }
    if let Some(s) = &r.scope.since {
        scope.push(format!("{}{s}", lang.pick("起始：", "since: ")));
    }
    scope.push(format!(
        "{}{}",
        lang.pick("生成于 ", "made "),
        date(r.generated)
    ));
    let _ = write!(out, r#"<p class="meta">{}</p>"#, esc(&scope.join(" · ")));
    if r.visits == 0 {
        let _ = write!(
            out,
            "<p>{}</p>",
            esc(lang.pick("没有符合条件的练习记录。", "No visits match."))
        );
    }
    if r.group.len() > 1 {
        let _ = write!(
            out,
            "<h2>{}</h2>",
            esc(lang.pick(
                "全组：首次与最近一次接待的总分",
                "The group: overall score of the first and the latest visit"
            ))
        );
        legend(&mut out, lang);
        let rows: Vec<(String, u32, u32)> = r
            .group
            .iter()
            .map(|g| (display_name(&g.name, lang).to_owned(), g.first, g.latest))
            .collect();
        pair_bars(&mut out, "group", &rows, lang);
        let _ = write!(
            out,
            "<table><tr><th>{}</th></tr>",
            lang.pick(
                "学员</th><th>次数</th><th>首次</th><th>最近</th><th>变化</th><th>初访化解率",
                "Trainee</th><th>Visits</th><th>First</th><th>Latest</th><th>Change</th><th>First visits resolved"
            )
        );
        for g in &r.group {
            let _ = write!(
                out,
                r#"<tr><td>{}</td><td class="n">{}</td><td class="n">{}</td><td class="n">{}</td><td class="n">{:+}</td><td class="n">{}</td></tr>"#,
                esc(display_name(&g.name, lang)),
                g.visits,
                g.first,
                g.latest,
                g.change,
                g.first_visit
                    .map_or_else(|| "—".to_owned(), |x| format!("{}%", x.percent))
            );
        }
        out.push_str("</table>");
    }
    for (i, t) in r.trainees.iter().filter(|t| t.visits > 0).enumerate() {
        trainee(&mut out, t, i, lang);
    }
    out.push_str("</body></html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::super::{Scope, build, tests::sample};
    use super::*;
    use crate::rubric::Rubric;

    #[test]
    fn html_is_self_contained_escaped_and_carries_its_figures() {
        let mut vs = sample();
        vs[4].trainee = "<b>李四</b>".into();
        vs[5].trainee = "<b>李四</b>".into();
        let r = build(&vs, vec![], &Rubric::builtin(), Scope::default());
        let h = html(&r, Lang::Zh);
        assert!(!h.contains("<b>李四"), "names are escaped");
        assert!(h.contains("&lt;b&gt;李四"));
        assert!(!h.contains("<script") && !h.contains("src=") && !h.contains("href="));
        assert!(h.contains(r#"data-chart="group""#));
        assert!(h.contains(r#"data-chart="trend-0""#));
        assert!(h.contains(r#"data-chart="techniques-0""#));
        // The group's first and latest: 张三 50 → 60, 李四 40 → 90.
        for v in [50, 60, 40, 90] {
            assert!(h.contains(&format!(r#"data-value="{v}""#)), "{v}");
        }
    }
}
