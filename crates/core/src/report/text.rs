//! The report for a terminal, in the reader's language.

use super::{Report, Stats, TraineeReport, date, display_name};
use crate::Lang;
use std::fmt::Write;

fn stats_row(s: &Stats) -> String {
    format!(
        "{:>4}  {:>4}  {:>4}  {:>4}  {:>4}",
        s.attempts, s.average, s.first, s.best, s.latest
    )
}

fn trainee(out: &mut String, t: &TraineeReport, lang: Lang) {
    let zh = lang == Lang::Zh;
    let span = match (t.first, t.last) {
        (Some(a), Some(b)) => format!("{} — {} UTC", date(a), date(b)),
        _ => String::new(),
    };
    let name = display_name(&t.name, lang);
    let _ = writeln!(
        out,
        "{}",
        if zh {
            format!(
                "【{name}】共 {} 次接待，{} 个剧本（{span}）",
                t.visits,
                t.scenarios.len()
            )
        } else {
            format!(
                "[{name}] {} visits, {} scenarios ({span})",
                t.visits,
                t.scenarios.len()
            )
        }
    );
    if t.abandoned > 0 {
        let _ = writeln!(
            out,
            "{}",
            if zh {
                format!("  另有 {} 次中途离开，未计分", t.abandoned)
            } else {
                format!("  and {} left before the end, not scored", t.abandoned)
            }
        );
    }
    if let Some(r) = t.first_visit {
        let _ = writeln!(
            out,
            "{}",
            if zh {
                format!(
                    "  初信初访一次性化解率：{}%（{}/{}）",
                    r.percent, r.resolved, r.of
                )
            } else {
                format!(
                    "  First visits resolved on the spot: {}% ({}/{})",
                    r.percent, r.resolved, r.of
                )
            }
        );
    }
    let head = lang.pick(
        "  次数  平均  首次  最好  最近  ",
        "  times  avg first  best  last  ",
    );
    let _ = writeln!(out, "\n{head}{}", lang.pick("剧本", "scenario"));
    for s in &t.scenarios {
        let outcome = s
            .latest_outcome
            .map(|o| o.label().get(lang).to_owned())
            .unwrap_or_else(|| lang.pick("未结束", "not finished").to_owned());
        let _ = writeln!(
            out,
            "  {}  {}（{outcome}）",
            stats_row(&s.overall),
            s.title.get(lang)
        );
    }
    if !t.techniques.is_empty() {
        let _ = writeln!(out, "\n{head}{}", lang.pick("技巧", "technique"));
        for x in &t.techniques {
            let _ = writeln!(out, "  {}  {}", stats_row(&x.stats), x.name.get(lang));
        }
    }
    if !t.anti_patterns.is_empty() {
        let list: Vec<String> = t
            .anti_patterns
            .iter()
            .map(|a| {
                if zh {
                    format!("{}（{} 次）", a.name.get(lang), a.turns)
                } else {
                    format!("{} ({}×)", a.name.get(lang), a.turns)
                }
            })
            .collect();
        let _ = writeln!(
            out,
            "\n  {}{}",
            lang.pick("最常见的问题：", "Most common problems: "),
            list.join(lang.pick("、", ", "))
        );
    }
    if let Some(f) = &t.focus {
        let secs: Vec<String> = f.guidance.iter().map(|g| format!("§{g}")).collect();
        let _ = writeln!(
            out,
            "  {}",
            if zh {
                format!(
                    "下一步重点：{}（最近平均 {} 分）。{} 参见指南 {}",
                    f.name.get(lang),
                    f.score,
                    f.advice.get(lang),
                    secs.join(" ")
                )
            } else {
                format!(
                    "Work on next: {} (recent average {}). {} See the guidance {}",
                    f.name.get(lang),
                    f.score,
                    f.advice.get(lang),
                    secs.join(" ")
                )
            }
        );
    }
}

/// The whole report as text.
pub fn text(r: &Report, lang: Lang) -> String {
    let mut out = String::new();
    if r.visits == 0 {
        out.push_str(lang.pick(
            "还没有练习记录：在应用里或用 play 完成一次接待后会记下来。\n",
            "No practice recorded yet: a visit is recorded when it ends in the app or in play.\n",
        ));
        return out;
    }
    if r.group.len() > 1 {
        let _ = writeln!(
            out,
            "{}",
            lang.pick(
                "全组：首次与最近一次接待的总分",
                "The group: overall score of the first and the latest visit"
            )
        );
        let _ = writeln!(
            out,
            "{}",
            lang.pick(
                "  次数  首次  最近  变化  初访化解  学员",
                "  times first  last change first-visit  trainee"
            )
        );
        for g in &r.group {
            let rate = g
                .first_visit
                .map_or_else(|| "—".to_owned(), |r| format!("{}%", r.percent));
            let _ = writeln!(
                out,
                "  {:>4}  {:>4}  {:>4}  {:>+4}  {:>8}  {}",
                g.visits,
                g.first,
                g.latest,
                g.change,
                rate,
                display_name(&g.name, lang)
            );
        }
        out.push('\n');
    }
    for (i, t) in r.trainees.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        trainee(&mut out, t, lang);
    }
    for s in &r.skipped {
        let _ = writeln!(
            out,
            "\n{} {}: {}",
            lang.pick("未能读取的记录", "unreadable record"),
            s.id,
            s.why
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::{Scope, build, tests::sample};
    use crate::Lang;
    use crate::rubric::Rubric;

    #[test]
    fn text_names_everyone_and_the_next_step() {
        let r = build(&sample(), vec![], &Rubric::builtin(), Scope::default());
        let zh = super::text(&r, Lang::Zh);
        assert!(zh.contains("【张三】共 4 次接待，2 个剧本"), "{zh}");
        assert!(zh.contains("初信初访一次性化解率：50%（1/2）"), "{zh}");
        assert!(zh.contains("下一步重点：共情"), "{zh}");
        assert!(zh.contains("全组"), "{zh}");
        let en = super::text(&r, Lang::En);
        assert!(en.contains("[李四] 2 visits, 1 scenarios"), "{en}");
        let empty = build(&[], vec![], &Rubric::builtin(), Scope::default());
        assert!(super::text(&empty, Lang::En).contains("No practice recorded yet"));
    }
}
