//! The report as tables: CSV for Excel and WPS (UTF-8 with a byte-order mark so that Chinese
//! opens intact, one header row, one row per trainee, scenario and measure), and Markdown.

use super::{Report, Stats, display_name};
use crate::Lang;
use std::fmt::Write;

/// A CSV field, quoted when it needs to be. A field that a spreadsheet would read as a
/// formula is prefixed with an apostrophe.
fn field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_owned()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

struct Row<'a> {
    trainee: &'a str,
    scenario: &'a str,
    title: &'a str,
    measure: &'a str,
    name: &'a str,
    stats: &'a Stats,
    rate: String,
}

fn rows(r: &Report, lang: Lang) -> Vec<Row<'_>> {
    let all = lang.pick("（全部）", "(all)");
    let overall = lang.pick("总分", "Overall");
    let mut out = Vec::new();
    for t in &r.trainees {
        if t.visits == 0 {
            continue;
        }
        let rate = t
            .first_visit
            .map_or_else(String::new, |x| x.percent.to_string());
        let name = display_name(&t.name, lang);
        out.push(Row {
            trainee: name,
            scenario: "",
            title: all,
            measure: "overall",
            name: overall,
            stats: &t.overall,
            rate: rate.clone(),
        });
        for x in &t.techniques {
            out.push(Row {
                trainee: name,
                scenario: "",
                title: all,
                measure: &x.id,
                name: x.name.get(lang),
                stats: &x.stats,
                rate: rate.clone(),
            });
        }
        for s in &t.scenarios {
            out.push(Row {
                trainee: name,
                scenario: &s.id,
                title: s.title.get(lang),
                measure: "overall",
                name: overall,
                stats: &s.overall,
                rate: String::new(),
            });
            for x in &s.techniques {
                out.push(Row {
                    trainee: name,
                    scenario: &s.id,
                    title: s.title.get(lang),
                    measure: &x.id,
                    name: x.name.get(lang),
                    stats: &x.stats,
                    rate: String::new(),
                });
            }
        }
    }
    out
}

/// The report as CSV.
pub fn csv(r: &Report, lang: Lang) -> String {
    let mut out = String::from("\u{feff}");
    let head = if lang == Lang::Zh {
        [
            "学员",
            "剧本编号",
            "剧本",
            "指标编号",
            "指标",
            "次数",
            "平均",
            "首次",
            "最好",
            "最近",
            "初访化解率%",
        ]
    } else {
        [
            "trainee",
            "scenario_id",
            "scenario",
            "measure_id",
            "measure",
            "attempts",
            "average",
            "first",
            "best",
            "latest",
            "first_visit_resolved_pct",
        ]
    };
    out.push_str(&head.join(","));
    out.push_str("\r\n");
    for row in rows(r, lang) {
        let cells = [
            field(row.trainee),
            field(row.scenario),
            field(row.title),
            field(row.measure),
            field(row.name),
            row.stats.attempts.to_string(),
            row.stats.average.to_string(),
            row.stats.first.to_string(),
            row.stats.best.to_string(),
            row.stats.latest.to_string(),
            row.rate,
        ];
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// The report as Markdown.
pub fn markdown(r: &Report, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# {}\n",
        lang.pick("接待训练报告", "Reception training report")
    );
    let _ = writeln!(
        out,
        "{}\n",
        if zh {
            format!("共 {} 次接待，{} 名学员。", r.visits, r.group.len())
        } else {
            format!("{} visits by {} trainees.", r.visits, r.group.len())
        }
    );
    if !r.group.is_empty() {
        let _ = writeln!(out, "## {}\n", lang.pick("全组", "The group"));
        let _ = writeln!(
            out,
            "| {} |\n|---|---:|---:|---:|---:|---:|",
            lang.pick(
                "学员 | 次数 | 首次 | 最近 | 变化 | 初访化解率",
                "Trainee | Visits | First | Latest | Change | First visits resolved"
            )
        );
        for g in &r.group {
            let rate = g
                .first_visit
                .map_or_else(|| "—".to_owned(), |x| format!("{}%", x.percent));
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {:+} | {rate} |",
                cell(display_name(&g.name, lang)),
                g.visits,
                g.first,
                g.latest,
                g.change
            );
        }
        out.push('\n');
    }
    for t in r.trainees.iter().filter(|t| t.visits > 0) {
        let _ = writeln!(out, "## {}\n", cell(display_name(&t.name, lang)));
        let _ = writeln!(
            out,
            "| {} |\n|---|---:|---:|---:|---:|---:|",
            lang.pick(
                "技巧 | 次数 | 平均 | 首次 | 最好 | 最近",
                "Technique | Times | Average | First | Best | Latest"
            )
        );
        for x in &t.techniques {
            let s = &x.stats;
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} |",
                cell(x.name.get(lang)),
                s.attempts,
                s.average,
                s.first,
                s.best,
                s.latest
            );
        }
        out.push('\n');
        let _ = writeln!(
            out,
            "| {} |\n|---|---:|---:|---:|---:|---:|",
            lang.pick(
                "剧本 | 次数 | 平均 | 首次 | 最好 | 最近",
                "Scenario | Times | Average | First | Best | Latest"
            )
        );
        for sc in &t.scenarios {
            let s = &sc.overall;
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} |",
                cell(sc.title.get(lang)),
                s.attempts,
                s.average,
                s.first,
                s.best,
                s.latest
            );
        }
        if !t.anti_patterns.is_empty() {
            let list: Vec<String> = t
                .anti_patterns
                .iter()
                .map(|a| format!("{} ({})", a.name.get(lang), a.turns))
                .collect();
            let _ = writeln!(
                out,
                "\n{}{}",
                lang.pick("最常见的问题：", "Most common problems: "),
                list.join(", ")
            );
        }
        if let Some(f) = &t.focus {
            let _ = writeln!(
                out,
                "\n{}{}（{}）",
                lang.pick("下一步重点：", "Work on next: "),
                f.name.get(lang),
                f.advice.get(lang)
            );
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::{Scope, build, tests::sample};
    use super::*;
    use crate::rubric::Rubric;

    #[test]
    fn csv_has_a_bom_one_header_and_quoted_fields() {
        let mut vs = sample();
        vs[0].trainee = "王, \"五\"".into();
        vs[1].trainee = "=SUM(A1)".into();
        let r = build(&vs, vec![], &Rubric::builtin(), Scope::default());
        let c = csv(&r, Lang::Zh);
        assert!(c.starts_with("\u{feff}学员,剧本编号,"), "{c}");
        assert_eq!(c.matches("学员,").count(), 1);
        assert!(c.contains("\"王, \"\"五\"\"\""), "{c}");
        assert!(c.contains("'=SUM(A1)"), "{c}");
        let cols = c.lines().next().unwrap().split(',').count();
        // Every row without quoted commas has as many cells as the header.
        for line in c.lines().filter(|l| !l.contains('"')) {
            assert_eq!(line.split(',').count(), cols, "{line}");
        }
        assert!(
            c.contains("李四,,（全部）,overall,总分,2,65,40,90,90,50"),
            "{c}"
        );
    }

    #[test]
    fn markdown_has_the_group_and_each_trainee() {
        let r = build(&sample(), vec![], &Rubric::builtin(), Scope::default());
        let m = markdown(&r, Lang::En);
        assert!(m.contains("| 李四 | 2 | 40 | 90 | +50 | 50% |"), "{m}");
        assert!(m.contains("## 张三"), "{m}");
    }
}
