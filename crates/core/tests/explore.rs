//! The explorer: memoised over (step, state), fine on 10,000 steps with cycles.

mod common;
use common::*;
use jiedai_core::explore::explore;
use jiedai_core::synth::large_scenario;

#[test]
fn minimal_scenario_paths_endings_and_ranges() {
    let rep = explore(&minimal(), &rubric()).unwrap();
    assert_eq!(rep.paths, Some(2));
    assert!(rep.endings.iter().all(|e| e.reachable));
    let good = rep.endings.iter().find(|e| e.step == "good").unwrap();
    assert_eq!(good.shortest.as_ref().unwrap()[0].choice, "ask.a");
    let listening = rep.techniques.iter().find(|t| t.id == "listening").unwrap();
    assert_eq!(
        (listening.min_score, listening.max_score),
        (Some(0), Some(100))
    );
    assert!(rep.dead_loops.is_empty());
}

#[test]
fn dead_loops_are_found() {
    let text =
        std::fs::read_to_string(root().join("tests/fixtures/invalid/W104-dead-loop.ron")).unwrap();
    let rep = explore(&scenario_str(&text), &rubric()).unwrap();
    assert!(
        rep.dead_loops
            .iter()
            .any(|l| l.contains(&"loop1".to_string()) && l.contains(&"loop2".to_string())),
        "{:?}",
        rep.dead_loops
    );
}

#[test]
fn ten_thousand_steps_with_cycles() {
    let s = scenario_str(&large_scenario(10_000));
    let rep = explore(&s, &rubric()).unwrap();
    assert!(!rep.truncated);
    assert!(
        rep.paths_unbounded,
        "the loops back make the number of paths unbounded"
    );
    assert!(rep.endings.iter().all(|e| e.reachable), "{:?}", rep.endings);
    let ok = rep.endings.iter().find(|e| e.step == "end_ok").unwrap();
    assert_eq!(
        ok.shortest.as_ref().unwrap().len(),
        13,
        "a binary tree of 9,996 beats is 13 deep"
    );
    assert!(rep.dead_loops.is_empty());
}

#[test]
fn counted_paths_grow_without_enumeration() {
    // A chain of 60 two-way choices with the same effect both ways has 2^60 paths.
    let mut text = String::from(
        "Scenario(id: \"chain\", title: \"c\", briefing: \"b\", visitor_type: FirstVisit, difficulty: Beginner, minutes: 1, visitors: [Visitor(id: \"v\", name: \"v\")], initial: (agitation: 0, trust: 0), start: \"s0\", steps: [",
    );
    for i in 0..60 {
        let next = if i == 59 {
            "end".to_string()
        } else {
            format!("s{}", i + 1)
        };
        text += &format!(
            "Step(id: \"s{i}\", turn: Choose(options: [Reply(id: \"s{i}a\", text: \"a\", feedback: Some((text: \"f\")), next: \"{next}\"), Reply(id: \"s{i}b\", text: \"b\", feedback: Some((text: \"f\")), next: \"{next}\")])),"
        );
    }
    text += "Step(id: \"end\", turn: End(outcome: Resolved, debrief: \"d\"))])";
    let rep = explore(&scenario_str(&text), &rubric()).unwrap();
    assert_eq!(rep.paths, Some(1u64 << 60));
    assert_eq!(rep.nodes, 61);
}

#[test]
fn the_graph_in_layers_holds_every_step_once_starting_from_the_start() {
    let s = minimal();
    let layers = jiedai_core::graph::layers(&s, jiedai_core::Lang::Zh);
    assert_eq!(layers[0].len(), 1);
    assert_eq!(layers[0][0].id, s.start);
    let mut ids: Vec<&str> = layers.iter().flatten().map(|n| n.id.as_str()).collect();
    ids.sort_unstable();
    let mut all: Vec<&str> = s.steps.iter().map(|st| st.id.as_str()).collect();
    all.sort_unstable();
    assert_eq!(ids, all);
    assert_eq!(layers[0][0].edges.len(), 2);
    assert!(layers[1].iter().all(|n| n.outcome.is_some()));
}
