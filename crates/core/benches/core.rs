//! Benchmarks, each against a baseline measured in the same run:
//! - loading and validating a 10,000-step scenario vs. parsing it into an untyped `ron::Value`;
//! - exploring it;
//! - the analyser over a batch of one-sentence replies vs. `str::contains` for every pattern.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use jiedai_core::analyse::{Analyser, Context};
use jiedai_core::load::load_str;
use jiedai_core::model::Scenario;
use jiedai_core::rubric::Rubric;
use jiedai_core::synth::large_scenario;
use jiedai_core::validate::validate_scenario;
use std::hint::black_box;
use std::path::Path;

fn rubric() -> Rubric {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/rubric.ron"),
    )
    .unwrap();
    ron::from_str(&text).unwrap()
}

fn load(c: &mut Criterion) {
    let text = large_scenario(10_000);
    let r = rubric();
    let mut g = c.benchmark_group("scenario_10k");
    g.sample_size(10);
    g.bench_function("baseline_ron_value_parse", |b| {
        b.iter(|| black_box(ron::from_str::<ron::Value>(black_box(&text)).unwrap()))
    });
    g.bench_function("load_and_validate", |b| {
        b.iter(|| {
            let ls =
                load_str::<Scenario>(Path::new("synthetic.ron"), black_box(text.clone())).unwrap();
            black_box(validate_scenario(&ls, &r))
        })
    });
    let s: Scenario = jiedai_core::load::parse(Path::new("synthetic.ron"), &text).unwrap();
    g.bench_function("explore", |b| {
        b.iter(|| black_box(jiedai_core::explore::explore(black_box(&s), &r).unwrap()))
    });
    g.finish();
}

/// Replies built from a vocabulary, so the batch is varied but reproducible.
fn replies(n: usize) -> Vec<String> {
    let zh = [
        "您先别着急，",
        "我理解您的心情，",
        "根据条例规定，",
        "这个不归我们管，",
        "您慢慢说，",
        "我们会转交责任部门，",
        "请您理解，",
        "15日内给您答复，",
        "您的诉求我们记下了，",
        "今天天气不错，",
    ];
    let en = [
        "Take your time, ",
        "I understand, ",
        "according to the regulation ",
        "not our department, ",
        "we will follow up ",
        "the weather is nice ",
    ];
    (0..n)
        .map(|i| {
            if i % 3 == 0 {
                format!(
                    "{}{}and thank you.",
                    en[i % en.len()],
                    en[(i / 7) % en.len()]
                )
            } else {
                format!("{}{}好吗？", zh[i % zh.len()], zh[(i / 7) % zh.len()])
            }
        })
        .collect()
}

fn analyser(c: &mut Criterion) {
    let r = rubric();
    let an = Analyser::new(&r);
    let batch = replies(10_000);
    let mut patterns: Vec<String> = Vec::new();
    for t in &r.techniques {
        patterns.extend(t.lexicon.zh.iter().chain(&t.lexicon.en).cloned());
    }
    for t in &r.anti_patterns {
        patterns.extend(t.lexicon.zh.iter().chain(&t.lexicon.en).cloned());
    }
    for t in &r.procedures {
        patterns.extend(t.lexicon.zh.iter().chain(&t.lexicon.en).cloned());
    }
    let mut g = c.benchmark_group("analyser_10k_replies");
    g.throughput(Throughput::Elements(batch.len() as u64));
    g.bench_function("baseline_str_contains", |b| {
        b.iter(|| {
            let mut hits = 0usize;
            for reply in &batch {
                let lower = reply.to_lowercase();
                hits += patterns
                    .iter()
                    .filter(|p| lower.contains(p.as_str()))
                    .count();
            }
            black_box(hits)
        })
    });
    let model = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../assets")
        .join(jiedai_core::learn::MODEL_FILE);
    let (learned, err) = Analyser::load(&r, Some(&model));
    assert!(err.is_none(), "{err:?}");
    for (name, an) in [("analyse", &an), ("analyse_learned", &learned)] {
        g.bench_function(name, |b| {
            b.iter(|| {
                let mut n = 0usize;
                for reply in &batch {
                    n += an
                        .analyse(black_box(reply), &Context::default())
                        .findings
                        .len();
                }
                black_box(n)
            })
        });
    }
    g.finish();
}

criterion_group!(benches, load, analyser);
criterion_main!(benches);
