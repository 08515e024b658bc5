//! Every shipped scenario: clean under `check --deny-warnings`, every ending reachable, and its
//! best path played through the engine ends well and outscores its worst path on the
//! scenario's objectives.

mod common;
use common::*;
use jiedai_core::check::check_paths;
use jiedai_core::engine::{Response, Session};
use jiedai_core::explore::{PathStep, explore, extremes};
use jiedai_core::model::{Cond, Scenario, Turn};
use jiedai_core::rubric::Rubric;
use jiedai_core::score::Debrief;
use std::sync::Arc;

/// A typed reply that shows what a route's condition asks for.
fn reply_for(r: &Rubric, cond: Option<&Cond>) -> String {
    let mut techniques = Vec::new();
    let mut anti = Vec::new();
    if let Some(c) = cond {
        c.positive_uses(&mut techniques, &mut anti);
    }
    let mut parts: Vec<String> = Vec::new();
    for t in &techniques {
        if let Some(p) = r.technique(t).and_then(|x| x.lexicon.zh.first()) {
            parts.push(p.clone());
        }
    }
    for a in &anti {
        let lex = r
            .anti_pattern(a)
            .and_then(|x| x.lexicon.zh.first())
            .or_else(|| {
                // Anti-patterns a gate adds (law first) are shown by the gated technique.
                r.gates
                    .iter()
                    .find(|g| g.anti_pattern.as_deref() == Some(a))
                    .and_then(|g| r.technique(&g.technique))
                    .and_then(|x| x.lexicon.zh.first())
            });
        if let Some(p) = lex {
            parts.push(p.clone());
        }
    }
    if parts.is_empty() {
        return "好的。".into();
    }
    // Courtesy alone in a short reply is empty politeness; a real reply says more.
    if techniques
        .iter()
        .all(|t| *t == r.scoring.courtesy_technique)
        && anti.is_empty()
    {
        parts.push("今天您跑这一趟带来的这些情况和材料，我都一件一件仔细看过了".into());
    }
    format!("{}。", parts.join("，"))
}

fn play(sc: &Arc<Scenario>, r: &Arc<Rubric>, path: &[PathStep]) -> Debrief {
    let mut s = Session::new(sc.clone(), r.clone(), 1).unwrap();
    for ps in path {
        let view = s.view().unwrap();
        assert_eq!(
            view.step.id, ps.step,
            "{}: the engine is at another step than the explorer",
            sc.id
        );
        let response = match &view.step.turn {
            Turn::Choose { options, .. } => {
                Response::Choice(options.iter().position(|o| o.id == ps.choice).unwrap())
            }
            Turn::Free {
                routes, otherwise, ..
            } => {
                let route = routes
                    .iter()
                    .chain(std::iter::once(&**otherwise))
                    .find(|x| x.id == ps.choice)
                    .unwrap();
                Response::Text(reply_for(r, route.when.as_ref()))
            }
            Turn::End { .. } => unreachable!(),
        };
        let rec = s.respond(response).unwrap();
        assert_eq!(
            rec.choice_id, ps.choice,
            "{}: a typed reply took another route at {}",
            sc.id, ps.step
        );
    }
    assert!(s.is_over(), "{}: the path did not end the visit", sc.id);
    jiedai_core::score::debrief(sc, r, s.par(), s.state())
}

fn objective_points(d: &Debrief) -> f32 {
    d.techniques
        .iter()
        .filter(|t| t.objective)
        .map(|t| t.points)
        .sum()
}

/// The checklists carry the procedure the regulations ask of these visits: the court or
/// arbitration route where the matter is a labour or litigation one, and reporting to the duty
/// leader (2022 Reg Art 25) where a crowd or a threat may spread.
#[test]
fn the_checklists_carry_the_routes_and_the_report() {
    let r = rubric();
    let report = check_paths(&[root().join("scenarios")], &r);
    let procedure = |id: &str| {
        report
            .scenarios
            .iter()
            .find(|s| s.value.id == id)
            .unwrap_or_else(|| panic!("no scenario {id}"))
            .value
            .procedure
            .clone()
    };
    for (id, act) in [
        ("agitated-unpaid-wages", "court"),
        ("extreme-threat", "court"),
        ("extreme-threat", "report"),
        ("collective-wage-arrears", "report"),
        ("collective-restructuring", "report"),
        ("collective-land-requisition", "report"),
        ("collective-land-requisition", "representatives"),
        ("refuses-to-leave", "dissuade"),
        ("refuses-to-leave", "lawful_handling"),
    ] {
        assert!(procedure(id).iter().any(|p| p == act), "{id} lacks {act}");
    }
    assert!(
        report.scenarios.len() >= 19,
        "{} scenarios",
        report.scenarios.len()
    );
}

#[test]
fn every_shipped_scenario_checks_clean_and_its_best_path_beats_its_worst() {
    let r = Arc::new(rubric());
    let report = check_paths(&[root().join("scenarios")], &r);
    assert!(report.diagnostics.is_empty(), "{:#?}", report.diagnostics);
    assert!(report.scenarios.len() >= 3);
    for ls in &report.scenarios {
        let sc = Arc::new(ls.value.clone());
        let rep = explore(&sc, &r).unwrap();
        assert!(!rep.truncated, "{}", sc.id);
        for e in &rep.endings {
            assert!(e.reachable, "{}: ending {} unreachable", sc.id, e.step);
        }
        assert!(
            rep.endings.len() >= 3 || sc.visitor_type == jiedai_core::model::VisitorType::Tutorial,
            "{}: fewer than 3 endings",
            sc.id
        );
        let ex = extremes(&sc, &r).unwrap();
        let tutorial = sc.visitor_type == jiedai_core::model::VisitorType::Tutorial;
        assert!(
            tutorial || ex.best.as_ref().unwrap().len() >= 10,
            "{}: the best path is shorter than 10 turns",
            sc.id
        );
        let best = play(&sc, &r, ex.best.as_ref().unwrap());
        let worst = play(&sc, &r, ex.worst.as_ref().unwrap());
        assert!(
            best.outcome.is_some_and(|o| o.is_good()),
            "{}: best path ends {:?}",
            sc.id,
            best.outcome
        );
        assert!(
            !worst.outcome.is_some_and(|o| o.is_good()),
            "{}: worst path ends {:?}",
            sc.id,
            worst.outcome
        );
        assert!(
            objective_points(&best) > objective_points(&worst),
            "{}: best {} vs worst {}",
            sc.id,
            objective_points(&best),
            objective_points(&worst)
        );
        assert!(
            best.overall > worst.overall,
            "{}: overall best {} vs worst {}",
            sc.id,
            best.overall,
            worst.overall
        );
        println!(
            "{:<36} best {:>3} ({:?}, {} turns)  worst {:>3} ({:?}, {} turns)",
            sc.id,
            best.overall,
            best.outcome.unwrap(),
            best.turns,
            worst.overall,
            worst.outcome,
            worst.turns
        );
    }
}
