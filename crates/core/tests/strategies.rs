//! Choices cannot be gamed: a trainee who always picks the first, the last, the longest or a
//! random option (in the order the visit shows them) scores poorly on every shipped scenario,
//! while the best path still ends well (tests/library.rs).

mod common;
use common::*;
use jiedai_core::Lang;
use jiedai_core::engine::{Response, Session, View};
use jiedai_core::explore::par;
use jiedai_core::model::{Scenario, Turn};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::sync::Arc;

/// The mean overall score above which a fixed strategy is taken to game the library.
const CEILING: f64 = 40.0;
const SEEDS: u64 = 4;

type Strategy = fn(&View, &mut StdRng) -> usize;

fn first(v: &View, _: &mut StdRng) -> usize {
    v.order[0]
}
fn last(v: &View, _: &mut StdRng) -> usize {
    *v.order.last().unwrap()
}
fn longest(v: &View, _: &mut StdRng) -> usize {
    // The first shown among the longest, as a trainee scanning the screen would pick.
    let opts = v.options();
    let max = opts
        .iter()
        .map(|(_, o)| o.text.get(Lang::Zh).chars().count())
        .max()
        .unwrap();
    opts.iter()
        .find(|(_, o)| o.text.get(Lang::Zh).chars().count() == max)
        .unwrap()
        .0
}
fn random(v: &View, rng: &mut StdRng) -> usize {
    v.order[rng.random_range(0..v.order.len())]
}

fn scenarios() -> Vec<Arc<Scenario>> {
    let r = rubric();
    let report = jiedai_core::check::check_paths(&[root().join("scenarios")], &r);
    report
        .playable()
        .into_iter()
        .map(|l| Arc::new(l.value.clone()))
        .collect()
}

fn play(sc: &Arc<Scenario>, seed: u64, pick: Strategy) -> u32 {
    let r = Arc::new(rubric());
    let p = Arc::new(par(sc, &r));
    let an = Arc::new(jiedai_core::analyse::Analyser::new(&r));
    let mut s = Session::with_parts(sc.clone(), r.clone(), an, p, seed).unwrap();
    let mut rng = StdRng::seed_from_u64(seed);
    while !s.is_over() {
        let v = s.view().unwrap();
        let resp = match &v.step.turn {
            Turn::Choose { .. } => Response::Choice(pick(&v, &mut rng)),
            // A typed step gets a reply with no technique in it.
            _ => Response::Text("好的，我知道了。".into()),
        };
        s.respond(resp).unwrap();
    }
    jiedai_core::score::debrief(sc, &r, s.par(), s.state()).overall
}

#[test]
fn no_fixed_strategy_scores_well() {
    let all = scenarios();
    assert!(all.len() >= 13);
    let strategies: [(&str, Strategy); 4] = [
        ("first", first),
        ("last", last),
        ("longest", longest),
        ("random", random),
    ];
    println!(
        "\n{:<36} {:>6} {:>6} {:>8} {:>7}",
        "scenario", "first", "last", "longest", "random"
    );
    let mut totals = [0f64; 4];
    for sc in &all {
        print!("{:<36}", sc.id);
        for (k, (_, st)) in strategies.iter().enumerate() {
            let mean = (1..=SEEDS)
                .map(|seed| play(sc, seed, *st) as f64)
                .sum::<f64>()
                / SEEDS as f64;
            totals[k] += mean;
            print!(" {:>6.1}", mean);
        }
        println!();
    }
    for (k, (name, _)) in strategies.iter().enumerate() {
        let mean = totals[k] / all.len() as f64;
        println!("mean {name}: {mean:.1}");
        assert!(
            mean <= CEILING,
            "always `{name}` averages {mean:.1} (> {CEILING})"
        );
    }
}

/// The order shown is shuffled from the seed, recorded in the transcript, and the same seed
/// shows the same order; pinned steps keep the file's order.
#[test]
fn option_order_is_shuffled_recorded_and_replayable() {
    let all = scenarios();
    let sc = all.iter().find(|s| s.id != "tutorial").unwrap();
    let r = Arc::new(rubric());
    let orders = |seed: u64| -> Vec<usize> {
        let s = Session::new(sc.clone(), r.clone(), seed).unwrap();
        s.view().unwrap().order.clone()
    };
    assert_eq!(orders(7), orders(7));
    let distinct: std::collections::HashSet<Vec<usize>> = (0..20).map(orders).collect();
    assert!(distinct.len() > 3, "the order barely changes: {distinct:?}");
    // The transcript records what was shown.
    let mut s = Session::new(sc.clone(), r.clone(), 3).unwrap();
    let order = s.view().unwrap().order.clone();
    let rec = s.respond(Response::Choice(order[0])).unwrap();
    assert_eq!(rec.shown, order);
    // Pinned steps keep the file's order.
    let pinned = jiedai_core::step::option_order(3, "x", 0, 4, true);
    assert_eq!(pinned, vec![0, 1, 2, 3]);
}
