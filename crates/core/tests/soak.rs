//! A soak: ten thousand seeded random visits over every shipped scenario — random options,
//! random typed replies in Chinese and English, empty and very long ones — through the analyser
//! with its learned layer. Every visit ends, the state stays in range, every score is within
//! 0–100 and a debrief is produced.

mod common;
use common::*;
use jiedai_core::analyse::Analyser;
use jiedai_core::engine::{EngineError, Response, Session};
use jiedai_core::model::Turn;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::sync::Arc;

const VISITS: u64 = 10_000;

#[test]
fn ten_thousand_random_visits() {
    let r = Arc::new(rubric());
    let report = jiedai_core::check::check_paths(&[root().join("scenarios")], &r);
    let scenarios: Vec<_> = report
        .playable()
        .into_iter()
        .map(|l| Arc::new(l.value.clone()))
        .collect();
    assert!(!scenarios.is_empty());
    let pars: Vec<_> = scenarios
        .iter()
        .map(|s| Arc::new(jiedai_core::explore::par(s, &r)))
        .collect();
    let model = root().join("assets").join(jiedai_core::learn::MODEL_FILE);
    let (an, err) = Analyser::load(&r, Some(&model));
    assert!(err.is_none(), "{err:?}");
    let an = Arc::new(an);
    let corpus = jiedai_core::corpus::split(&root().join("tests/data/corpus"), "train").unwrap();
    let long = "您先别着急，慢慢说。Take your time. ".repeat(4000);
    let junk = [
        "",
        "   ",
        "\u{0}\u{7}",
        "😡👍🙏",
        "ミックス 혼합",
        "?!？！。，",
        "1234567890",
    ];
    let mut ends = 0u64;
    for v in 0..VISITS {
        let k = (v as usize) % scenarios.len();
        let sc = &scenarios[k];
        let mut rng = StdRng::seed_from_u64(v);
        let mut s =
            Session::with_parts(sc.clone(), r.clone(), an.clone(), pars[k].clone(), v).unwrap();
        let mut guard = 0;
        while !s.is_over() {
            guard += 1;
            assert!(guard < 1000, "{}: visit {v} does not end", sc.id);
            let view = s.view().unwrap();
            let resp = match &view.step.turn {
                Turn::Choose { options, .. } => {
                    Response::Choice(rng.random_range(0..options.len()))
                }
                _ => Response::Text(match rng.random_range(0..10) {
                    0 => junk[rng.random_range(0..junk.len())].to_owned(),
                    1 if rng.random_range(0..5) == 0 => long.clone(),
                    _ => corpus[rng.random_range(0..corpus.len())].text.clone(),
                }),
            };
            match s.respond(resp) {
                Ok(rec) => {
                    for st in [&rec.before, &rec.after] {
                        assert!((0..=100).contains(&st.agitation) && (0..=100).contains(&st.trust));
                        assert!(st.members.iter().all(|m| (0..=100).contains(m)));
                    }
                }
                Err(EngineError::EmptyReply) => {}
                Err(e) => panic!("{}: visit {v}: {e}", sc.id),
            }
        }
        let d = jiedai_core::score::debrief(sc, &r, s.par(), s.state());
        assert!(
            d.overall <= 100 && d.soft_skills <= 100,
            "{}: {}",
            sc.id,
            d.overall
        );
        assert!(d.procedure_score.is_none_or(|p| p <= 100));
        for t in &d.techniques {
            assert!(t.score.is_none_or(|x| x <= 100), "{}: {}", sc.id, t.id);
        }
        ends += 1;
    }
    assert_eq!(ends, VISITS);
}
