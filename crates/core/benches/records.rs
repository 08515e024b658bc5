//! A training centre's year of records: 200 trainees × 100 visits, made by playing the shipped
//! scenarios, stored and reported over on SQLite and (with `JIEDAI_BENCH_PG` or
//! `JIEDAI_TEST_PG` set) PostgreSQL. Every figure is a ratio against reading the same visits'
//! bytes from a file in the same run, so the table does not depend on the machine's speed.
//!
//!     cargo bench -p jiedai-core --bench records
//!     JIEDAI_BENCH_TRAINEES=20 cargo bench -p jiedai-core --bench records   # a quick look

use jiedai_core::Lang;
use jiedai_core::engine::{Response, Session};
use jiedai_core::model::Turn;
use jiedai_core::records::postgres::PgStore;
use jiedai_core::records::sqlite::SqliteStore;
use jiedai_core::records::{self, Ending, Filter, Mode, Status, Store, Visit};
use jiedai_core::report;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// One visit per shipped scenario, played with the first option and a plain typed reply.
fn templates() -> Vec<Visit> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let rubric = jiedai_core::load::load_rubric(&root.join("assets/rubric.ron"))
        .unwrap()
        .value;
    let report = jiedai_core::check::check_paths(&[root.join("scenarios")], &rubric);
    let rubric = Arc::new(rubric);
    let analyser = Arc::new(jiedai_core::analyse::Analyser::new(&rubric));
    let mut out = Vec::new();
    for ls in report.playable() {
        let sc = Arc::new(ls.value.clone());
        let par = Arc::new(jiedai_core::explore::par(&sc, &rubric));
        let mut s = Session::with_parts(sc, rubric.clone(), analyser.clone(), par, 7).unwrap();
        for _ in 0..40 {
            let Some(v) = s.view() else { break };
            let r = match v.step.turn {
                Turn::Free { .. } => Response::Text(
                    "您先别急，慢慢说，我都记下来，这件事我们会按程序转给负责的部门。".into(),
                ),
                _ => Response::Choice(v.order.first().copied().unwrap_or(0)),
            };
            if s.respond(r).is_err() || s.is_over() {
                break;
            }
        }
        let hash = records::content_hash(ls.text.as_bytes());
        out.push(Visit::of_session(
            &s,
            &Ending {
                trainee: "",
                mode: Mode::Practice,
                status: Status::Finished,
                started: 0,
                ended: 0,
                scenario_hash: &hash,
            },
        ));
    }
    out
}

fn year(trainees: usize, per: usize) -> Vec<Visit> {
    let t = templates();
    let mut out = Vec::with_capacity(trainees * per);
    let start = 1_767_225_600_000u64; // 2026-01-01
    for k in 0..trainees {
        for n in 0..per {
            let mut v = t[(k * 7 + n) % t.len()].clone();
            let at = start + ((n * trainees + k) as u64) * 1_500_000;
            v.id = records::new_id(at);
            v.trainee = format!("学员{k:03}");
            v.started = at - 600_000;
            v.ended = at;
            v.overall = ((v.overall as usize + n * 3 + k) % 101) as u32;
            out.push(v);
        }
    }
    out
}

fn best_of<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut best = Duration::MAX;
    let mut last = None;
    for _ in 0..runs {
        let t = Instant::now();
        let x = f();
        best = best.min(t.elapsed());
        last = Some(x);
    }
    (best, last.unwrap())
}

fn main() {
    // `cargo bench` passes `--bench`; nothing else is taken.
    let trainees: usize = std::env::var("JIEDAI_BENCH_TRAINEES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(200);
    let per = 100;
    let visits = year(trainees, per);
    let mut bytes = Vec::new();
    records::jsonl::write(&mut bytes, &visits).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("year.jsonl");
    std::fs::write(&file, &bytes).unwrap();
    let (read, _) = best_of(5, || std::fs::read(&file).unwrap().len());
    let (parse, _) = best_of(3, || {
        std::fs::read(&file)
            .unwrap()
            .split(|&b| b == b'\n')
            .filter(|l| !l.is_empty())
            .map(|l| serde_json::from_slice::<Visit>(l).unwrap().turns as usize)
            .sum::<usize>()
    });
    let rubric = jiedai_core::rubric::Rubric::builtin();
    let mut rows: Vec<(String, Duration)> = vec![
        ("read the JSON-lines file (baseline)".into(), read),
        ("read and parse the JSON-lines file".into(), parse),
    ];
    let mb = bytes.len() as f64 / (1 << 20) as f64;

    let mut backends: Vec<(&str, Box<dyn Store>)> = Vec::new();
    let db = dir.path().join("records.sqlite");
    backends.push(("SQLite", Box::new(SqliteStore::open(&db).unwrap())));
    let pg_url = std::env::var("JIEDAI_BENCH_PG")
        .or_else(|_| std::env::var("JIEDAI_TEST_PG"))
        .ok()
        .filter(|u| !u.is_empty());
    if let Some(url) = &pg_url {
        let mut c = postgres::Client::connect(url, postgres::NoTls).unwrap();
        c.batch_execute("DROP SCHEMA IF EXISTS bench CASCADE; CREATE SCHEMA bench;")
            .unwrap();
        let sep = if url.contains('?') { '&' } else { '?' };
        let url = format!("{url}{sep}options=-csearch_path%3Dbench");
        backends.push(("PostgreSQL", Box::new(PgStore::connect(&url).unwrap())));
    } else {
        eprintln!("no JIEDAI_BENCH_PG / JIEDAI_TEST_PG: PostgreSQL is not measured");
    }
    for (name, store) in &mut backends {
        let t = Instant::now();
        for chunk in visits.chunks(200) {
            store.save_all(chunk).unwrap();
        }
        rows.push((
            format!("{name}: store the year (200 visits a transaction)"),
            t.elapsed(),
        ));
        let (load, n) = best_of(3, || store.load(&Filter::default()).unwrap().visits.len());
        assert_eq!(n, visits.len());
        rows.push((format!("{name}: read every visit"), load));
        let (rep, html) = best_of(3, || {
            let l = store.load(&Filter::default()).unwrap();
            let r = report::build(&l.visits, l.skipped, &rubric, report::Scope::default());
            report::html(&r, Lang::Zh).len() + report::text(&r, Lang::Zh).len()
        });
        assert!(html > 0);
        rows.push((
            format!("{name}: `report` over the year (text and HTML)"),
            rep,
        ));
        let (one, _) = best_of(3, || {
            let f = Filter {
                trainee: Some("学员007".into()),
                ..Filter::default()
            };
            let l = store.load(&f).unwrap();
            report::text(
                &report::build(&l.visits, l.skipped, &rubric, report::Scope::default()),
                Lang::Zh,
            )
            .len()
        });
        rows.push((format!("{name}: `report --trainee` (one trainee)"), one));
    }
    // As the app keeps them: one visit, one transaction, synced to disk.
    let mut app = SqliteStore::open(&dir.path().join("app.sqlite")).unwrap();
    let sample = &visits[..500.min(visits.len())];
    let t = Instant::now();
    for v in sample {
        app.save(v).unwrap();
    }
    let each = t.elapsed() / sample.len() as u32;
    println!(
        "{} visits, {mb:.1} MiB of JSON lines; baseline read {:.1} ms",
        visits.len(),
        read.as_secs_f64() * 1e3
    );
    println!("| what | time | × baseline |");
    println!("|---|---:|---:|");
    for (what, d) in &rows {
        println!(
            "| {what} | {:.0} ms | {:.2}× |",
            d.as_secs_f64() * 1e3,
            d.as_secs_f64() / read.as_secs_f64()
        );
    }
    println!(
        "| SQLite: keep one visit as the app does (its own synced transaction) | {:.2} ms each | — |",
        each.as_secs_f64() * 1e3
    );
}
