//! The session engine: determinism, snapshots, rewinding, guards, typed replies.

mod common;
use common::*;
use jiedai_core::engine::{EndReason, EngineError, Response, Session, SessionState};
use jiedai_core::model::Outcome;
use jiedai_core::synth::large_scenario;
use std::sync::Arc;

#[test]
fn a_good_choice_reaches_the_good_ending_and_scores_higher() {
    let r = Arc::new(rubric());
    let mut good = Session::new(minimal(), r.clone(), 1).unwrap();
    good.respond(Response::Choice(0)).unwrap();
    assert!(good.is_over());
    assert_eq!(
        good.state().end.as_ref().unwrap().outcome,
        Some(Outcome::Referred)
    );
    let mut bad = Session::new(minimal(), r.clone(), 1).unwrap();
    bad.respond(Response::Choice(1)).unwrap();
    assert_eq!(
        bad.state().end.as_ref().unwrap().outcome,
        Some(Outcome::Unsatisfied)
    );
    let dg = jiedai_core::score::debrief(good.scenario(), &r, good.par(), good.state());
    let db = jiedai_core::score::debrief(bad.scenario(), &r, bad.par(), bad.state());
    assert!(dg.overall > db.overall, "{} vs {}", dg.overall, db.overall);
    assert_eq!(dg.procedure[0].turn, Some(1));
    assert_eq!(db.procedure[0].turn, None);
    assert!(!db.worst.is_empty() && db.best.is_empty());
    assert!(!db.advice.is_empty());
}

#[test]
fn state_changes_by_the_option_effect() {
    let mut s = Session::new(minimal(), Arc::new(rubric()), 1).unwrap();
    let rec = s.respond(Response::Choice(1)).unwrap();
    assert_eq!(rec.before.agitation, 30);
    assert_eq!(rec.after.agitation, 45);
    assert_eq!(rec.after.trust, 25);
    assert_eq!(
        rec.assessment.anti_patterns,
        vec!["buck_passing".to_string()]
    );
}

#[test]
fn bad_responses_are_errors_not_panics() {
    let mut s = Session::new(minimal(), Arc::new(rubric()), 1).unwrap();
    assert_eq!(
        s.respond(Response::Choice(7)).unwrap_err(),
        EngineError::NoSuchOption(8, 2)
    );
    assert_eq!(
        s.respond(Response::Text("hi".into())).unwrap_err(),
        EngineError::ExpectsChoice
    );
    s.respond(Response::Choice(0)).unwrap();
    assert_eq!(
        s.respond(Response::Choice(0)).unwrap_err(),
        EngineError::Over
    );
}

/// Plays up to `turns` turns with a varied but fixed pattern; returns the line ids seen.
fn walk(s: &mut Session, turns: usize) -> Vec<String> {
    let mut seen = Vec::new();
    for i in 0..turns {
        if s.is_over() {
            break;
        }
        let view = s.view().unwrap();
        seen.push(view.line_id.unwrap_or("").to_owned());
        let resp = if view.step.turn_is_free() {
            Response::Text(
                if i % 2 == 0 {
                    "您别着急，我理解您的心情。"
                } else {
                    "您慢慢说"
                }
                .into(),
            )
        } else {
            Response::Choice(usize::from(i % 4 == 3))
        };
        s.respond(resp).unwrap();
    }
    seen
}

#[test]
fn the_same_seed_replays_the_same_visit() {
    let sc = Arc::new(scenario_str(&large_scenario(2000)));
    let r = Arc::new(rubric());
    let run = |seed| walk(&mut Session::new(sc.clone(), r.clone(), seed).unwrap(), 40);
    assert_eq!(run(7), run(7));
    assert_ne!(
        run(7),
        run(8),
        "different seeds pick different variants somewhere"
    );
}

trait FreeTurn {
    fn turn_is_free(&self) -> bool;
}
impl FreeTurn for jiedai_core::model::Step {
    fn turn_is_free(&self) -> bool {
        matches!(self.turn, jiedai_core::model::Turn::Free { .. })
    }
}

#[test]
fn snapshot_restores_and_rewind_replays() {
    let sc = Arc::new(scenario_str(&large_scenario(2000)));
    let r = Arc::new(rubric());
    let mut s = Session::new(sc.clone(), r.clone(), 3).unwrap();
    walk(&mut s, 8);
    assert_eq!(s.transcript().len(), 8);
    let saved = serde_json::to_string(&s.snapshot()).unwrap();
    let after5 = s.transcript()[5].after.clone();
    let restored = Session::restore(
        sc.clone(),
        r.clone(),
        serde_json::from_str::<SessionState>(&saved).unwrap(),
    )
    .unwrap();
    assert_eq!(restored.state(), s.state());
    s.rewind(6).unwrap();
    assert_eq!(s.transcript().len(), 6);
    assert_eq!(s.state().state, after5);
    let mut other = (*sc).clone();
    other.id = "other".into();
    assert!(matches!(
        Session::restore(Arc::new(other), r, serde_json::from_str(&saved).unwrap()),
        Err(EngineError::WrongScenario(_))
    ));
}

#[test]
fn the_turn_limit_stops_an_endless_visit() {
    let text =
        std::fs::read_to_string(root().join("tests/fixtures/invalid/W104-dead-loop.ron")).unwrap();
    let mut sc = scenario_str(&text);
    sc.max_turns = Some(30);
    let mut s = Session::new(Arc::new(sc), Arc::new(rubric()), 1).unwrap();
    s.respond(Response::Choice(1)).unwrap();
    let mut n = 1;
    while !s.is_over() {
        s.respond(Response::Choice(0)).unwrap();
        n += 1;
        assert!(n <= 30);
    }
    assert_eq!(s.state().end.as_ref().unwrap().reason, EndReason::TurnLimit);
}

#[test]
fn branches_that_jump_forever_end_the_visit() {
    let text = std::fs::read_to_string(root().join("tests/fixtures/valid/minimal.ron")).unwrap();
    let text = text.replace(
        "            id: \"ask\",\n",
        "            id: \"ask\",\n            branches: [Branch(when: AgitationAtLeast(0), next: \"ask\")],\n",
    );
    let s = Session::new(Arc::new(scenario_str(&text)), Arc::new(rubric()), 1).unwrap();
    assert_eq!(
        s.state().end.as_ref().unwrap().reason,
        EndReason::BranchLoop
    );
}

#[test]
fn a_branch_on_agitation_redirects_the_visit() {
    let text = std::fs::read_to_string(root().join("tests/fixtures/valid/minimal.ron")).unwrap();
    let text = text.replace("initial: (agitation: 30", "initial: (agitation: 85").replace(
        "            id: \"ask\",\n",
        "            id: \"ask\",\n            branches: [Branch(when: AgitationAtLeast(80), next: \"bad\")],\n",
    );
    let s = Session::new(Arc::new(scenario_str(&text)), Arc::new(rubric()), 1).unwrap();
    assert_eq!(
        s.state().end.as_ref().unwrap().outcome,
        Some(Outcome::Unsatisfied)
    );
}

const TYPED: &str = r#"Scenario(
    id: "typed", title: "t", briefing: "b", visitor_type: FirstVisit, difficulty: Beginner, minutes: 1,
    visitors: [Visitor(id: "v", name: "v")], initial: (agitation: 50, trust: 40), start: "talk",
    steps: [
        Step(id: "talk", lines: [Line(id: "talk.l1", text: (zh: "我等了三个月了，没人理我！", en: "Three months and nobody answers me!"))],
            turn: Free(
                routes: [Route(id: "warm", when: Used("empathy"), feedback: (text: "good"), next: "calm")],
                otherwise: Route(id: "flat", feedback: (text: "flat"), next: "cold"),
            )),
        Step(id: "calm", turn: End(outcome: Resolved, debrief: "d")),
        Step(id: "cold", turn: End(outcome: Unsatisfied, debrief: "d")),
    ],
)"#;

#[test]
fn typed_replies_route_on_the_analysers_findings() {
    let sc = Arc::new(scenario_str(TYPED));
    let r = Arc::new(rubric());
    let mut warm = Session::new(sc.clone(), r.clone(), 1).unwrap();
    let rec = warm
        .respond(Response::Text("我理解您的心情，换了谁都着急。".into()))
        .unwrap();
    assert_eq!(rec.choice_id, "warm");
    assert!(
        rec.findings
            .iter()
            .any(|f| f.id == "empathy" && f.evidence == "理解")
    );
    assert!(
        rec.after.agitation < rec.before.agitation,
        "typed empathy takes the rubric's effect"
    );
    assert_eq!(
        warm.state().end.as_ref().unwrap().outcome,
        Some(Outcome::Resolved)
    );
    let mut cold = Session::new(sc.clone(), r.clone(), 1).unwrap();
    assert_eq!(
        cold.respond(Response::Text("   ".into())).unwrap_err(),
        EngineError::EmptyReply
    );
    assert_eq!(
        cold.respond(Response::Choice(0)).unwrap_err(),
        EngineError::ExpectsText
    );
    let rec = cold
        .respond(Response::Text("我不理解你为什么还来。".into()))
        .unwrap();
    assert_eq!(
        rec.choice_id, "flat",
        "negated empathy does not take the empathy route"
    );
    let mut en = Session::new(sc, r, 1).unwrap();
    assert_eq!(
        en.respond(Response::Text(
            "I understand, that must be frustrating.".into()
        ))
        .unwrap()
        .choice_id,
        "warm"
    );
}

#[test]
fn law_before_acknowledgement_backfires_and_after_it_lands() {
    use jiedai_core::state::{Facts, VisitorState, assess};
    let r = rubric();
    let facts = Facts {
        techniques: vec!["explanation".into()],
        ..Facts::default()
    };
    let hot = VisitorState {
        agitation: 85,
        trust: 20,
        stage: 0,
        members: vec![],
        done: 0,
    };
    let a = assess(&r, &hot, &facts);
    assert_eq!(a.premature, vec!["explanation".to_string()]);
    assert!(a.anti_patterns.contains(&"law_first".to_string()));
    assert!(a.effect.agitation > 0);
    let acknowledged = VisitorState {
        stage: 2,
        ..hot.clone()
    };
    let a = assess(&r, &acknowledged, &facts);
    assert_eq!(a.credited, vec!["explanation".to_string()]);
    assert!(a.anti_patterns.is_empty());
    let calm = VisitorState {
        agitation: 20,
        ..hot
    };
    assert!(assess(&r, &calm, &facts).premature.is_empty());
}

#[test]
fn a_shouting_member_raises_the_crowd_and_seated_representatives_calm_it() {
    use jiedai_core::state::{Assessment, VisitorState, apply};
    let r = rubric();
    let crowd = VisitorState {
        agitation: 90,
        trust: 30,
        stage: 0,
        members: vec![90, 40, 40, 40, 40, 40, 40],
        done: 0,
    };
    let quiet = Assessment::default();
    let after = apply(&r, &crowd, &quiet, 0);
    assert!(
        after.members[1..].iter().all(|&m| m > 40),
        "{:?}",
        after.members
    );
    // Seat representatives: the five named members are calm, the rest follow them down.
    let rep = r
        .procedures
        .iter()
        .position(|p| p.id == "representatives")
        .unwrap();
    let seated = VisitorState {
        agitation: 30,
        members: vec![30, 30, 30, 30, 30, 80, 80],
        done: 1 << rep,
        ..crowd
    };
    let after = apply(&r, &seated, &quiet, 0);
    assert!(
        after.members[5] < 80 && after.members[6] < 80,
        "{:?}",
        after.members
    );
}

/// The file index of the minimal fixture's option with `id`.
fn option(s: &Session, id: &str) -> usize {
    let v = s.view().unwrap();
    match &v.step.turn {
        jiedai_core::model::Turn::Choose { options, .. } => {
            options.iter().position(|o| o.id == id).unwrap()
        }
        _ => panic!("not a choice"),
    }
}

#[test]
fn going_back_restores_the_state_exactly_and_marks_the_turn_retried() {
    let r = Arc::new(rubric());
    let mut s = Session::new(minimal(), r.clone(), 5).unwrap();
    let start = s.snapshot();
    let bad = option(&s, "ask.b");
    s.respond(Response::Choice(bad)).unwrap();
    assert!(s.is_over());
    let d = jiedai_core::score::debrief(s.scenario(), &r, s.par(), s.state());
    assert_eq!(d.weakest, Some(1), "the buck-passing reply cost most");
    assert!(matches!(s.back_to(2), Err(EngineError::NoSuchTurn(2, 1))));
    s.back_to(1).unwrap();
    assert!(s.transcript().is_empty());
    assert_eq!(
        s.state().state,
        start.state,
        "the visitor as they were before turn 1"
    );
    assert_eq!(s.state().step, start.step);
    let good = option(&s, "ask.a");
    s.respond(Response::Choice(good)).unwrap();
    let d = jiedai_core::score::debrief(s.scenario(), &r, s.par(), s.state());
    assert_eq!(d.retried, vec![1]);
    assert_eq!(d.weakest, None, "the path finally taken had no weak turn");
    assert_eq!(d.outcome, Some(Outcome::Referred));
}

#[test]
fn hints_cost_what_the_debrief_says_and_an_exam_has_neither_hints_nor_going_back() {
    let r = Arc::new(rubric());
    let mut plain = Session::new(minimal(), r.clone(), 5).unwrap();
    let mut hinted = Session::new(minimal(), r.clone(), 5).unwrap();
    let h = hinted.hint().unwrap();
    assert_eq!(h.cost, r.scoring.hint_cost);
    assert!(!h.text.is_empty() && !h.guidance.is_empty(), "{h:?}");
    assert_eq!(
        hinted.hint().unwrap().cost,
        0,
        "the same turn's hint is paid once"
    );
    for s in [&mut plain, &mut hinted] {
        let good = option(s, "ask.a");
        s.respond(Response::Choice(good)).unwrap();
    }
    let dp = jiedai_core::score::debrief(plain.scenario(), &r, plain.par(), plain.state());
    let dh = jiedai_core::score::debrief(hinted.scenario(), &r, hinted.par(), hinted.state());
    assert_eq!((dh.hints, dh.hint_cost), (1, r.scoring.hint_cost));
    assert_eq!(dh.overall, dp.overall - r.scoring.hint_cost);

    let mut exam = Session::new(minimal(), r.clone(), 5).unwrap();
    exam.set_exam(true);
    assert!(matches!(exam.hint(), Err(EngineError::Exam)));
    let bad = option(&exam, "ask.b");
    exam.respond(Response::Choice(bad)).unwrap();
    assert!(matches!(exam.back_to(1), Err(EngineError::Exam)));
    let d = jiedai_core::score::debrief(exam.scenario(), &r, exam.par(), exam.state());
    assert!(d.exam && d.hints == 0);
}

#[test]
fn the_stage_hint_follows_the_visitor_and_a_step_hint_comes_first() {
    let r = Arc::new(rubric());
    let mut s = Session::new(minimal(), r.clone(), 5).unwrap();
    let first = s.hint().unwrap();
    let none_reached = r.hints.iter().find(|h| h.after.is_none()).unwrap();
    assert_eq!(first.text, none_reached.text);
    let text = std::fs::read_to_string(root().join("tests/fixtures/valid/minimal.ron"))
        .unwrap()
        .replace(
            "            id: \"ask\",\n",
            "            id: \"ask\",\n            hint: Some((zh: \"先问清楚来意。\", en: \"Ask what brings them.\")),\n",
        );
    let sc = jiedai_core::load::parse::<jiedai_core::model::Scenario>(
        std::path::Path::new("hinted.ron"),
        &text,
    )
    .unwrap();
    let mut s = Session::new(Arc::new(sc), r, 5).unwrap();
    assert_eq!(
        s.hint().unwrap().text.get(jiedai_core::Lang::Zh),
        "先问清楚来意。"
    );
}

#[test]
fn an_edited_scenario_takes_the_visit_to_the_same_point_or_the_nearest_earlier_one() {
    let r = Arc::new(rubric());
    let text = std::fs::read_to_string(root().join("tests/fixtures/valid/minimal.ron")).unwrap();
    let parse = |t: &str| {
        Arc::new(
            jiedai_core::load::parse::<jiedai_core::model::Scenario>(
                std::path::Path::new("edited.ron"),
                t,
            )
            .unwrap(),
        )
    };
    let mut s = Session::new(parse(&text), r.clone(), 9).unwrap();
    let good = option(&s, "ask.a");
    s.respond(Response::Choice(good)).unwrap();
    let parts = |sc: &Arc<jiedai_core::model::Scenario>| {
        (
            Arc::new(jiedai_core::analyse::Analyser::new(&r)),
            Arc::new(jiedai_core::explore::par(sc, &r)),
        )
    };
    // A reworded line: the same reply brings the visit to the same point.
    let edited = parse(&text.replace("同志，我这事该找谁？", "同志，请问这事找谁？"));
    let (a, p) = parts(&edited);
    let (moved, stopped) = s.carry_over(edited, r.clone(), a, p).unwrap();
    assert_eq!(stopped, None);
    assert_eq!(moved.state().step, s.state().step);
    assert_eq!(moved.state().state, s.state().state);
    // The option taken is gone: back to the step before it, and the turn is named.
    let removed = parse(&text.replace("id: \"ask.a\"", "id: \"ask.renamed\""));
    let (a, p) = parts(&removed);
    let (back, stopped) = s.carry_over(removed, r.clone(), a, p).unwrap();
    assert_eq!(stopped, Some(1));
    assert!(back.transcript().is_empty());
    assert_eq!(back.state().step, "ask");
}
