//! The trainee's progress, read from the history: each scenario's attempts and scores, each
//! technique's average over the recent visits against the earlier ones, and the technique to
//! work on next with the rubric's advice and guidance sections.

use crate::history::{self, Record};
use crate::model::Outcome;
use crate::rubric::Rubric;
use crate::{Lang, Text};
use serde::Serialize;
use std::fmt::Write;

#[derive(Clone, Debug, Serialize)]
pub struct Progress {
    pub visits: usize,
    /// Seconds since the Unix epoch of the first and the last visit.
    pub first: Option<u64>,
    pub last: Option<u64>,
    /// How many of the latest visits count as recent.
    pub recent: usize,
    /// Most recently practised first.
    pub scenarios: Vec<ScenarioProgress>,
    /// In the rubric's order.
    pub techniques: Vec<TechniqueProgress>,
    /// The technique with the lowest recent average.
    pub focus: Option<Focus>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ScenarioProgress {
    pub id: String,
    pub title: Text,
    pub attempts: usize,
    pub first: u32,
    pub best: u32,
    pub latest: u32,
    pub latest_outcome: Option<Outcome>,
}

#[derive(Clone, Debug, Serialize)]
pub struct TechniqueProgress {
    pub id: String,
    pub name: Text,
    /// Mean 0–100 over the recent visits that scored it.
    pub recent: Option<u32>,
    /// Mean over the visits before those.
    pub earlier: Option<u32>,
    /// Visits that scored it, in all.
    pub scored: usize,
}

#[derive(Clone, Debug, Serialize)]
pub struct Focus {
    pub technique: String,
    pub name: Text,
    pub score: u32,
    pub advice: Text,
    pub guidance: Vec<String>,
}

fn mean(xs: impl Iterator<Item = u32>) -> Option<u32> {
    let (sum, n) = xs.fold((0u64, 0u64), |(s, n), x| (s + u64::from(x), n + 1));
    (n > 0).then(|| ((sum as f64) / (n as f64)).round() as u32)
}

/// The progress in `records` (any order); the last `recent` visits count as recent.
pub fn progress(records: &[Record], rubric: &Rubric, recent: usize) -> Progress {
    let mut sorted: Vec<&Record> = records.iter().collect();
    sorted.sort_by_key(|r| r.finished);
    let split = sorted.len().saturating_sub(recent.max(1));
    let (earlier, latest) = sorted.split_at(split);

    let mut scenarios: Vec<ScenarioProgress> = Vec::new();
    for r in &sorted {
        match scenarios.iter_mut().find(|s| s.id == r.scenario) {
            Some(s) => {
                s.attempts += 1;
                s.best = s.best.max(r.overall);
                s.latest = r.overall;
                s.latest_outcome = r.outcome;
            }
            None => scenarios.push(ScenarioProgress {
                id: r.scenario.clone(),
                title: Text::pair(&r.title_zh, &r.title_en),
                attempts: 1,
                first: r.overall,
                best: r.overall,
                latest: r.overall,
                latest_outcome: r.outcome,
            }),
        }
    }
    let last_seen = |id: &str| {
        sorted
            .iter()
            .rposition(|r| r.scenario == id)
            .unwrap_or_default()
    };
    scenarios.sort_by_key(|s| std::cmp::Reverse(last_seen(&s.id)));

    let techniques: Vec<TechniqueProgress> = rubric
        .techniques
        .iter()
        .map(|t| {
            let of = |rs: &[&Record]| {
                mean(
                    rs.iter()
                        .filter_map(|r| r.techniques.get(&t.id).copied())
                        .collect::<Vec<_>>()
                        .into_iter(),
                )
            };
            TechniqueProgress {
                id: t.id.clone(),
                name: t.name.clone(),
                recent: of(latest),
                earlier: of(earlier),
                scored: sorted
                    .iter()
                    .filter(|r| r.techniques.contains_key(&t.id))
                    .count(),
            }
        })
        .collect();
    let focus = techniques
        .iter()
        .filter_map(|t| Some((t, t.recent?)))
        .min_by_key(|(_, score)| *score)
        .and_then(|(t, score)| {
            let tech = rubric.technique(&t.id)?;
            Some(Focus {
                technique: t.id.clone(),
                name: t.name.clone(),
                score,
                advice: tech.advice.clone(),
                guidance: tech.guidance.clone(),
            })
        });
    Progress {
        visits: sorted.len(),
        first: sorted.first().map(|r| r.finished),
        last: sorted.last().map(|r| r.finished),
        recent: latest.len(),
        scenarios,
        techniques,
        focus,
    }
}

/// The report for people, in `lang`.
pub fn render_text(p: &Progress, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let mut out = String::new();
    if p.visits == 0 {
        out.push_str(lang.pick(
            "还没有练习记录：在应用里完成一次接待后会记下来。\n",
            "No practice recorded yet: a visit is recorded when it ends in the app.\n",
        ));
        return out;
    }
    let span = match (p.first, p.last) {
        (Some(a), Some(b)) => format!("{} — {} UTC", history::date(a), history::date(b)),
        _ => String::new(),
    };
    let _ = writeln!(
        out,
        "{}",
        if zh {
            format!(
                "练习记录：共 {} 次接待，{} 个剧本（{span}）",
                p.visits,
                p.scenarios.len()
            )
        } else {
            format!(
                "Practice: {} visits, {} scenarios ({span})",
                p.visits,
                p.scenarios.len()
            )
        }
    );
    out.push('\n');
    let _ = writeln!(
        out,
        "{}",
        lang.pick(
            "次数  首次  最好  最近  剧本（最近一次的结果）",
            "times first  best  last  scenario (last outcome)",
        )
    );
    for s in &p.scenarios {
        let outcome = s
            .latest_outcome
            .map(|o| o.label().get(lang).to_owned())
            .unwrap_or_else(|| lang.pick("未结束", "not finished").to_owned());
        let _ = writeln!(
            out,
            "{:>4}  {:>4}  {:>4}  {:>4}  {}（{outcome}）",
            s.attempts,
            s.first,
            s.best,
            s.latest,
            s.title.get(lang),
        );
    }
    out.push('\n');
    let _ = writeln!(
        out,
        "{}",
        if zh {
            format!("各项技巧：最近 {} 次的平均分（之前的平均分）", p.recent)
        } else {
            format!(
                "Techniques: average over the last {} visits (before them)",
                p.recent
            )
        }
    );
    for t in p.techniques.iter().filter(|t| t.scored > 0) {
        let score = |x: Option<u32>| x.map_or_else(|| "—".to_owned(), |v| v.to_string());
        let _ = writeln!(
            out,
            "{:>5}  ({:>3})  {}",
            score(t.recent),
            score(t.earlier),
            t.name.get(lang)
        );
    }
    if let Some(f) = &p.focus {
        out.push('\n');
        let secs: Vec<String> = f.guidance.iter().map(|g| format!("§{g}")).collect();
        let _ = writeln!(
            out,
            "{}",
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
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn rec(scenario: &str, at: u64, overall: u32, scores: &[(&str, u32)]) -> Record {
        Record {
            scenario: scenario.into(),
            title_zh: format!("剧本{scenario}"),
            title_en: format!("Scenario {scenario}"),
            finished: at,
            overall,
            outcome: Some(Outcome::Referred),
            turns: 8,
            seed: 1,
            techniques: scores
                .iter()
                .map(|(k, v)| ((*k).to_owned(), *v))
                .collect::<BTreeMap<_, _>>(),
        }
    }

    #[test]
    fn scenarios_techniques_and_the_weakest_point() {
        let rubric = Rubric::builtin();
        let records = vec![
            rec("b", 300, 70, &[("listening", 90), ("empathy", 40)]),
            rec("a", 100, 50, &[("listening", 50), ("empathy", 20)]),
            rec("a", 200, 80, &[("listening", 70), ("empathy", 60)]),
            rec("b", 400, 60, &[("listening", 100)]),
        ];
        let p = progress(&records, &rubric, 2);
        assert_eq!(p.visits, 4);
        assert_eq!((p.first, p.last), (Some(100), Some(400)));
        // Most recently practised first; first, best and latest by time, not by file order.
        assert_eq!(p.scenarios[0].id, "b");
        let a = &p.scenarios[1];
        assert_eq!((a.attempts, a.first, a.best, a.latest), (2, 50, 80, 80));
        let t = |id: &str| p.techniques.iter().find(|t| t.id == id).unwrap();
        assert_eq!(t("listening").recent, Some(95));
        assert_eq!(t("listening").earlier, Some(60));
        assert_eq!(t("empathy").recent, Some(40), "only visits that scored it");
        assert_eq!(t("empathy").scored, 3);
        let f = p.focus.as_ref().unwrap();
        assert_eq!((f.technique.as_str(), f.score), ("empathy", 40));
        assert!(!f.guidance.is_empty());
        let text = render_text(&p, Lang::Zh);
        assert!(text.contains("共 4 次接待，2 个剧本"), "{text}");
        assert!(
            text.contains("下一步重点：共情（最近平均 40 分）"),
            "{text}"
        );
        assert!(render_text(&p, Lang::En).contains("Work on next: Empathy"));
    }

    #[test]
    fn an_empty_history_says_so() {
        let p = progress(&[], &Rubric::builtin(), 5);
        assert_eq!(p.visits, 0);
        assert!(p.focus.is_none());
        assert!(render_text(&p, Lang::En).contains("No practice recorded yet"));
    }
}
