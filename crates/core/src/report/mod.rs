//! Reports over the records: per trainee and per scenario the attempts and the average, first,
//! best and latest score per technique, the first-visit resolution rate, the most common
//! anti-patterns and what to work on next; and, for a trainer, the group view (every trainee,
//! first attempt against latest). One [`Report`] is built from the visits, and each format
//! renders it: `text` (the default), `csv`, `html`, `md`, `json` (serde).

mod html;
mod tables;
mod text;

pub use html::{esc, html};
pub use tables::{csv, markdown};
pub use text::text;

use crate::model::Outcome;
use crate::records::{Skipped, Visit};
use crate::rubric::Rubric;
use crate::text::Text;
use serde::Serialize;
use std::collections::BTreeMap;

/// How many of a trainee's latest visits count as recent for "what to work on next".
pub const RECENT: usize = 5;

/// What the report covers, as asked.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Scope {
    pub trainee: Option<String>,
    pub scenario: Option<String>,
    /// `YYYY-MM-DD`.
    pub since: Option<String>,
    /// Where the records came from (a file or a server).
    pub source: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct Report {
    pub scope: Scope,
    /// Milliseconds since the Unix epoch.
    pub generated: u64,
    pub visits: usize,
    pub first: Option<u64>,
    pub last: Option<u64>,
    /// By name; visits kept before names were asked are under the empty name.
    pub trainees: Vec<TraineeReport>,
    /// Every trainee's first attempt at anything against their latest.
    pub group: Vec<GroupRow>,
    /// Per scenario, over all trainees.
    pub scenarios: Vec<ScenarioSummary>,
    /// Stored visits that could not be read.
    pub skipped: Vec<Skipped>,
}

/// First, best, latest and average of a series in time order.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Stats {
    pub attempts: usize,
    pub average: u32,
    pub first: u32,
    pub best: u32,
    pub latest: u32,
}

impl Stats {
    fn of(xs: &[u32]) -> Option<Stats> {
        let (&first, &latest) = (xs.first()?, xs.last()?);
        let sum: u64 = xs.iter().map(|&x| u64::from(x)).sum();
        Some(Stats {
            attempts: xs.len(),
            average: ((sum as f64) / (xs.len() as f64)).round() as u32,
            first,
            best: xs.iter().copied().max().unwrap_or(first),
            latest,
        })
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct TechniqueStats {
    pub id: String,
    pub name: Text,
    pub stats: Stats,
    /// (ended, score) in time order, for the trend chart.
    pub series: Vec<(u64, u32)>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ScenarioStats {
    pub id: String,
    pub title: Text,
    pub overall: Stats,
    pub techniques: Vec<TechniqueStats>,
    pub latest_outcome: Option<Outcome>,
}

/// First visits settled on the spot, of first visits played to the end.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Rate {
    pub resolved: usize,
    pub of: usize,
    pub percent: u32,
}

impl Rate {
    fn of(resolved: usize, of: usize) -> Option<Rate> {
        (of > 0).then(|| Rate {
            resolved,
            of,
            percent: ((resolved as f64) * 100.0 / (of as f64)).round() as u32,
        })
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct AntiCount {
    pub id: String,
    pub name: Text,
    /// Turns that committed it.
    pub turns: u32,
    /// Visits with at least one.
    pub visits: usize,
}

#[derive(Clone, Debug, Serialize)]
pub struct Focus {
    pub technique: String,
    pub name: Text,
    pub score: u32,
    pub advice: Text,
    pub guidance: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct TraineeReport {
    pub name: String,
    pub visits: usize,
    pub abandoned: usize,
    pub first: Option<u64>,
    pub last: Option<u64>,
    pub overall: Stats,
    /// (ended, overall) in time order.
    pub trend: Vec<(u64, u32)>,
    pub first_visit: Option<Rate>,
    /// Over every scenario, in the rubric's order; only techniques that were scored.
    pub techniques: Vec<TechniqueStats>,
    /// Most recently practised first.
    pub scenarios: Vec<ScenarioStats>,
    /// Most common first, at most five.
    pub anti_patterns: Vec<AntiCount>,
    /// The technique with the lowest average over the recent visits.
    pub focus: Option<Focus>,
}

#[derive(Clone, Debug, Serialize)]
pub struct GroupRow {
    pub name: String,
    pub visits: usize,
    pub first: u32,
    pub latest: u32,
    pub change: i64,
    pub first_visit: Option<Rate>,
    pub weakest: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ScenarioSummary {
    pub id: String,
    pub title: Text,
    pub trainees: usize,
    pub overall: Stats,
}

/// Finished visits count; abandoned ones are counted apart and scored nowhere.
fn scored(v: &Visit) -> bool {
    v.status == crate::records::Status::Finished
}

fn techniques_of(vs: &[&Visit], rubric: &Rubric) -> Vec<TechniqueStats> {
    rubric
        .techniques
        .iter()
        .filter_map(|t| {
            let series: Vec<(u64, u32)> = vs
                .iter()
                .filter_map(|v| Some((v.ended, *v.techniques.get(&t.id)?)))
                .collect();
            let xs: Vec<u32> = series.iter().map(|x| x.1).collect();
            Some(TechniqueStats {
                id: t.id.clone(),
                name: t.name.clone(),
                stats: Stats::of(&xs)?,
                series,
            })
        })
        .collect()
}

fn trainee(name: &str, all: &[&Visit], rubric: &Rubric) -> TraineeReport {
    let vs: Vec<&Visit> = all.iter().copied().filter(|v| scored(v)).collect();
    let overall: Vec<u32> = vs.iter().map(|v| v.overall).collect();
    let mut order: Vec<String> = Vec::new();
    for v in vs.iter().rev() {
        if !order.contains(&v.scenario) {
            order.push(v.scenario.clone());
        }
    }
    let scenarios = order
        .iter()
        .filter_map(|id| {
            let of: Vec<&Visit> = vs.iter().copied().filter(|v| &v.scenario == id).collect();
            let last = of.last()?;
            Some(ScenarioStats {
                id: id.clone(),
                title: last.title.clone(),
                overall: Stats::of(&of.iter().map(|v| v.overall).collect::<Vec<_>>())?,
                techniques: techniques_of(&of, rubric),
                latest_outcome: last.outcome,
            })
        })
        .collect();
    let mut anti: BTreeMap<&str, (u32, usize)> = BTreeMap::new();
    for v in &vs {
        for (id, n) in &v.anti_patterns {
            let e = anti.entry(id).or_default();
            e.0 += n;
            e.1 += 1;
        }
    }
    let mut anti: Vec<AntiCount> = anti
        .into_iter()
        .map(|(id, (turns, visits))| AntiCount {
            id: id.to_owned(),
            name: rubric
                .anti_pattern(id)
                .map_or_else(|| Text::pair(id, id), |a| a.name.clone()),
            turns,
            visits,
        })
        .collect();
    anti.sort_by(|a, b| b.turns.cmp(&a.turns).then(a.id.cmp(&b.id)));
    anti.truncate(5);
    let recent = &vs[vs.len().saturating_sub(RECENT)..];
    let focus = techniques_of(recent, rubric)
        .into_iter()
        .min_by_key(|t| t.stats.average)
        .and_then(|t| {
            let tech = rubric.technique(&t.id)?;
            Some(Focus {
                technique: t.id,
                name: t.name,
                score: t.stats.average,
                advice: tech.advice.clone(),
                guidance: tech.guidance.clone(),
            })
        });
    let firsts: Vec<&&Visit> = vs.iter().filter(|v| v.first_visit).collect();
    TraineeReport {
        name: name.to_owned(),
        visits: vs.len(),
        abandoned: all.len() - vs.len(),
        first: all.first().map(|v| v.ended),
        last: all.last().map(|v| v.ended),
        overall: Stats::of(&overall).unwrap_or_default(),
        trend: vs.iter().map(|v| (v.ended, v.overall)).collect(),
        first_visit: Rate::of(
            firsts.iter().filter(|v| v.resolved_first_visit).count(),
            firsts.len(),
        ),
        techniques: techniques_of(&vs, rubric),
        scenarios,
        anti_patterns: anti,
        focus,
    }
}

/// The report over `visits` (any order).
pub fn build(visits: &[Visit], skipped: Vec<Skipped>, rubric: &Rubric, scope: Scope) -> Report {
    let mut sorted: Vec<&Visit> = visits.iter().collect();
    sorted.sort_by(|a, b| a.ended.cmp(&b.ended).then(a.id.cmp(&b.id)));
    let mut by: BTreeMap<&str, Vec<&Visit>> = BTreeMap::new();
    for v in &sorted {
        by.entry(&v.trainee).or_default().push(v);
    }
    let trainees: Vec<TraineeReport> = by
        .iter()
        .map(|(name, vs)| trainee(name, vs, rubric))
        .collect();
    let group = trainees
        .iter()
        .filter(|t| t.visits > 0)
        .map(|t| GroupRow {
            name: t.name.clone(),
            visits: t.visits,
            first: t.overall.first,
            latest: t.overall.latest,
            change: i64::from(t.overall.latest) - i64::from(t.overall.first),
            first_visit: t.first_visit,
            weakest: t.focus.as_ref().map(|f| f.technique.clone()),
        })
        .collect();
    let mut ids: Vec<&str> = Vec::new();
    for v in &sorted {
        if !ids.contains(&v.scenario.as_str()) {
            ids.push(&v.scenario);
        }
    }
    let scenarios = ids
        .iter()
        .filter_map(|id| {
            let of: Vec<&&Visit> = sorted
                .iter()
                .filter(|v| v.scenario == *id && scored(v))
                .collect();
            let mut who: Vec<&str> = of.iter().map(|v| v.trainee.as_str()).collect();
            who.sort_unstable();
            who.dedup();
            Some(ScenarioSummary {
                id: (*id).to_owned(),
                title: of.last()?.title.clone(),
                trainees: who.len(),
                overall: Stats::of(&of.iter().map(|v| v.overall).collect::<Vec<_>>())?,
            })
        })
        .collect();
    Report {
        scope,
        generated: crate::records::now_ms(),
        visits: sorted.len(),
        first: sorted.first().map(|v| v.ended),
        last: sorted.last().map(|v| v.ended),
        trainees,
        group,
        scenarios,
        skipped,
    }
}

/// A trainee's name as reports show it.
pub fn display_name(name: &str, lang: crate::Lang) -> &str {
    if name.is_empty() {
        lang.pick("（未署名）", "(no name)")
    } else {
        name
    }
}

/// `YYYY-MM-DD HH:MM` (UTC) of milliseconds since the Unix epoch.
pub fn date(ms: u64) -> String {
    crate::history::date(ms / 1000)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::records::{FORMAT, Mode, Status, new_id};

    pub fn visit(
        trainee: &str,
        scenario: &str,
        at: u64,
        overall: u32,
        scores: &[(&str, u32)],
    ) -> Visit {
        Visit {
            format: FORMAT,
            id: new_id(at),
            trainee: trainee.into(),
            scenario: scenario.into(),
            title: Text::pair(format!("剧本{scenario}"), format!("Scenario {scenario}")),
            scenario_hash: "0".repeat(16),
            first_visit: scenario == "a",
            mode: Mode::Practice,
            status: Status::Finished,
            seed: 1,
            started: at,
            ended: at,
            outcome: Some(Outcome::Referred),
            resolved_first_visit: scenario == "a" && overall >= 70,
            overall,
            techniques: scores.iter().map(|(k, v)| ((*k).to_owned(), *v)).collect(),
            anti_patterns: BTreeMap::from([("cold".to_owned(), 1)]),
            turns: 8,
            path: vec![],
            transcript: vec![],
            debrief: None,
        }
    }

    pub fn sample() -> Vec<Visit> {
        vec![
            visit("张三", "b", 300, 70, &[("listening", 90), ("empathy", 40)]),
            visit("张三", "a", 100, 50, &[("listening", 50), ("empathy", 20)]),
            visit("张三", "a", 200, 80, &[("listening", 70), ("empathy", 60)]),
            visit("张三", "b", 400, 60, &[("listening", 100)]),
            visit("李四", "a", 150, 40, &[("listening", 30)]),
            visit("李四", "a", 450, 90, &[("listening", 95)]),
        ]
    }

    #[test]
    fn per_trainee_per_scenario_and_the_group() {
        let rubric = Rubric::builtin();
        let r = build(&sample(), vec![], &rubric, Scope::default());
        assert_eq!(r.visits, 6);
        let z = r.trainees.iter().find(|t| t.name == "张三").unwrap();
        assert_eq!(z.visits, 4);
        // Most recently practised first; first, best and latest by time, not by input order.
        assert_eq!(z.scenarios[0].id, "b");
        let a = &z.scenarios[1].overall;
        assert_eq!(
            (a.attempts, a.first, a.best, a.latest, a.average),
            (2, 50, 80, 80, 65)
        );
        let l = z.techniques.iter().find(|t| t.id == "listening").unwrap();
        assert_eq!(
            (l.stats.first, l.stats.best, l.stats.latest),
            (50, 100, 100)
        );
        assert_eq!(l.stats.average, 78);
        let e = z.techniques.iter().find(|t| t.id == "empathy").unwrap();
        assert_eq!(e.stats.attempts, 3, "only visits that scored it");
        assert_eq!(
            z.first_visit,
            Some(Rate {
                resolved: 1,
                of: 2,
                percent: 50
            })
        );
        assert_eq!(z.anti_patterns[0].turns, 4);
        assert_eq!(z.focus.as_ref().unwrap().technique, "empathy");
        let g: Vec<(&str, u32, u32, i64)> = r
            .group
            .iter()
            .map(|g| (g.name.as_str(), g.first, g.latest, g.change))
            .collect();
        assert_eq!(g, vec![("张三", 50, 60, 10), ("李四", 40, 90, 50)]);
        let a = r.scenarios.iter().find(|s| s.id == "a").unwrap();
        assert_eq!((a.trainees, a.overall.attempts), (2, 4));
    }

    #[test]
    fn abandoned_visits_are_counted_but_not_scored() {
        let mut vs = sample();
        vs[0].status = Status::Abandoned;
        vs[0].overall = 0;
        let r = build(&vs, vec![], &Rubric::builtin(), Scope::default());
        let z = r.trainees.iter().find(|t| t.name == "张三").unwrap();
        assert_eq!((z.visits, z.abandoned), (3, 1));
        assert_eq!(z.overall.best, 80);
    }
}
