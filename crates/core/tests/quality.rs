//! How well typed replies are scored: three analysers in one run on the corpus's frozen test
//! split — a plain keyword list, the lexicon analyser alone, and the lexicons with the learned
//! layer (the shipped model) — with per-label precision, recall and F1 printed, and floors on
//! the shipped analyser.
//!
//! Every analyser is judged through the same gates (`Judge::moment`), and a technique found
//! but used too early (premature) counts as found, as the labels ignore timing.
//!
//! `cargo test -p jiedai-core --test quality -- --nocapture` prints the tables that
//! docs/analyser.md holds.

mod common;
use common::*;
use jiedai_core::analyse::Analyser;
use jiedai_core::corpus::{self, Record};
use jiedai_core::judge::{Judge, Moment};
use jiedai_core::rubric::{Lexicon, Rubric};
use std::collections::BTreeMap;

/// The techniques the headline figures are over (the guidance's seven; `safety` is reported
/// beside them), and the flag "some anti-pattern".
const TECHNIQUES: [&str; 7] = [
    "listening",
    "empathy",
    "deescalation",
    "explanation",
    "channels",
    "firmness",
    "respect",
];
const ANY_ANTI: &str = "(any anti-pattern)";

#[derive(Default, Clone, Copy)]
struct Counts {
    tp: u32,
    fp: u32,
    fn_: u32,
}

impl Counts {
    fn precision(&self) -> f64 {
        if self.tp + self.fp == 0 {
            0.0
        } else {
            self.tp as f64 / (self.tp + self.fp) as f64
        }
    }
    fn recall(&self) -> f64 {
        if self.tp + self.fn_ == 0 {
            0.0
        } else {
            self.tp as f64 / (self.tp + self.fn_) as f64
        }
    }
    fn f1(&self) -> f64 {
        if self.tp == 0 {
            0.0
        } else {
            2.0 * self.tp as f64 / (2 * self.tp + self.fp + self.fn_) as f64
        }
    }
    fn add(&mut self, found: bool, wanted: bool) {
        match (found, wanted) {
            (true, true) => self.tp += 1,
            (true, false) => self.fp += 1,
            (false, true) => self.fn_ += 1,
            _ => {}
        }
    }
}

type Table = BTreeMap<String, Counts>;

/// The baseline: about sixty literal keywords, the kind of list one writes in an afternoon.
fn keyword_rubric(r: &Rubric) -> Rubric {
    let mut k = r.clone();
    let words: &[(&str, &[&str], &[&str])] = &[
        (
            "listening",
            &["慢慢说", "您说", "具体", "怎么回事", "后来"],
            &["tell me", "go on", "what happened"],
        ),
        (
            "empathy",
            &["理解", "不容易", "着急", "辛苦"],
            &["understand", "sorry", "frustrating"],
        ),
        (
            "deescalation",
            &["别着急", "请坐", "喝水", "冷静"],
            &["calm", "sit down", "water"],
        ),
        (
            "explanation",
            &["规定", "政策", "法律", "条例", "根据", "因为"],
            &["rule", "law", "because", "policy"],
        ),
        (
            "channels",
            &["转交", "部门", "窗口", "联系", "申请", "渠道"],
            &["refer", "department", "apply", "contact"],
        ),
        (
            "firmness",
            &["不能", "没有依据", "做不到"],
            &["can't", "cannot"],
        ),
        (
            "respect",
            &["您好", "谢谢", "感谢", "尊重"],
            &["thank", "respect"],
        ),
        ("safety", &["安全", "放下"], &["safe", "put it down"]),
    ];
    for t in &mut k.techniques {
        t.lexicon = Lexicon::default();
        if let Some((_, zh, en)) = words.iter().find(|(id, _, _)| *id == t.id) {
            t.lexicon.zh = zh.iter().map(|s| s.to_string()).collect();
            t.lexicon.en = en.iter().map(|s| s.to_string()).collect();
        }
    }
    let antis: &[(&str, &[&str], &[&str])] = &[
        ("buck_passing", &["不归", "管不了"], &["not my"]),
        ("threat", &["保安", "警察"], &["police"]),
        ("temper", &["闭嘴"], &["shut up"]),
        ("cold", &["你懂不懂"], &["whatever"]),
        ("false_promise", &["保证"], &["guarantee"]),
    ];
    for a in &mut k.anti_patterns {
        a.lexicon = Lexicon::default();
        if let Some((_, zh, en)) = antis.iter().find(|(id, _, _)| *id == a.id) {
            a.lexicon.zh = zh.iter().map(|s| s.to_string()).collect();
            a.lexicon.en = en.iter().map(|s| s.to_string()).collect();
        }
    }
    for p in &mut k.procedures {
        p.lexicon = Lexicon::default();
    }
    let an = &mut k.analyser;
    for l in [
        &mut an.neutral,
        &mut an.open_questions,
        &mut an.closed_questions,
        &mut an.restating,
        &mut an.politeness,
    ] {
        *l = Lexicon::default();
    }
    k
}

/// Per-label counts of one analyser over a set of records.
fn evaluate(r: &Rubric, an: &Analyser, items: &[Record]) -> Table {
    let judge = Judge::new(r, an);
    let mut t = Table::new();
    let labels: Vec<String> = r
        .techniques
        .iter()
        .map(|x| x.id.clone())
        .chain(r.anti_patterns.iter().map(|x| x.id.clone()))
        .collect();
    for it in items {
        let j = judge.moment(
            &it.text,
            &Moment {
                visitor_line: it.context.as_deref(),
                agitation: it.agitation.unwrap_or(30),
                stage: it.stage_index(r),
                turn: it.turn.unwrap_or(1),
            },
        );
        let found: Vec<&String> = j
            .detected
            .iter()
            .chain(&j.premature)
            .chain(&j.anti_patterns)
            .collect();
        for l in &labels {
            let wanted = it.techniques.contains(l) || it.anti_patterns.contains(l);
            t.entry(l.clone())
                .or_default()
                .add(found.contains(&l), wanted);
        }
        t.entry(ANY_ANTI.into())
            .or_default()
            .add(!j.anti_patterns.is_empty(), !it.anti_patterns.is_empty());
    }
    t
}

/// Macro-F1 over the seven techniques and the anti-pattern flag.
fn macro_f1(t: &Table) -> f64 {
    let ids = TECHNIQUES.iter().copied().chain([ANY_ANTI]);
    let f: Vec<f64> = ids.map(|id| t.get(id).map_or(0.0, Counts::f1)).collect();
    f.iter().sum::<f64>() / f.len() as f64
}

fn print_three(title: &str, tables: &[(&str, Table)]) {
    println!("\n{title}");
    print!("{:<20}", "label");
    for (name, _) in tables {
        print!(" | {:^20}", name);
    }
    println!();
    print!("{:<20}", "");
    for _ in tables {
        print!(" | {:>6} {:>6} {:>6}", "P", "R", "F1");
    }
    println!();
    let mut ids: Vec<String> = TECHNIQUES.iter().map(|s| s.to_string()).collect();
    ids.push("safety".into());
    ids.push(ANY_ANTI.into());
    let rest: Vec<String> = tables[0]
        .1
        .keys()
        .filter(|k| !ids.contains(k))
        .cloned()
        .collect();
    ids.extend(rest);
    for id in &ids {
        print!("{:<20}", id);
        for (_, t) in tables {
            let c = t.get(id).copied().unwrap_or_default();
            print!(
                " | {:>6.2} {:>6.2} {:>6.2}",
                c.precision(),
                c.recall(),
                c.f1()
            );
        }
        let n = tables[0].1.get(id).map_or(0, |c| c.tp + c.fn_);
        println!("   (n={n})");
    }
    print!("{:<20}", "macro-F1 (7 + anti)");
    for (_, t) in tables {
        print!(" | {:>20.3}", macro_f1(t));
    }
    println!();
}

fn corpus_dir() -> std::path::PathBuf {
    root().join("tests/data/corpus")
}

fn shipped(r: &Rubric) -> Analyser {
    let path = root().join("assets").join(jiedai_core::learn::MODEL_FILE);
    let (an, err) = Analyser::load(r, Some(&path));
    assert!(err.is_none(), "the shipped model does not load: {err:?}");
    an
}

/// The three analysers on the frozen test split (and, for reference, on the two older sets),
/// with floors on the shipped one.
#[test]
fn three_analysers_on_the_frozen_test_split() {
    let r = rubric();
    let test = corpus::split(&corpus_dir(), "test").unwrap();
    assert!(
        test.len() >= 400,
        "the test split has {} replies",
        test.len()
    );
    let keywords = Analyser::new(&keyword_rubric(&r));
    let lexicon = Analyser::new(&r);
    let learned = shipped(&r);
    let run = |items: &[Record]| {
        [
            ("keyword list", evaluate(&r, &keywords, items)),
            ("lexicons", evaluate(&r, &lexicon, items)),
            ("lexicons + learned", evaluate(&r, &learned, items)),
        ]
    };
    let tables = run(&test);
    print_three(
        &format!("frozen test split ({} replies)", test.len()),
        &tables,
    );
    for lang in ["zh", "en"] {
        let part: Vec<Record> = test.iter().filter(|x| x.lang == lang).cloned().collect();
        print_three(
            &format!("test split, {lang} ({} replies)", part.len()),
            &run(&part),
        );
    }
    for file in [
        "tests/data/replies.jsonl",
        "tests/data/replies-holdout.jsonl",
    ] {
        let items = corpus::read(&root().join(file)).unwrap();
        print_three(&format!("{file} ({} replies)", items.len()), &run(&items));
    }
    let [(_, kw), (_, lex), (_, ours)] = &tables;
    // The learned layer must beat both baselines clearly, and hold the floors below; they sit
    // a few points under the figures measured when the model was trained (docs/analyser.md).
    assert!(macro_f1(ours) > macro_f1(lex) + 0.05, "learned vs lexicons");
    assert!(macro_f1(ours) > macro_f1(kw) + 0.05, "learned vs keywords");
    assert!(
        macro_f1(ours) >= MACRO_F1_FLOOR,
        "macro-F1 {:.3}",
        macro_f1(ours)
    );
    for id in TECHNIQUES {
        let c = ours[id];
        assert!(
            c.recall() >= RECALL_FLOOR && c.precision() >= PRECISION_FLOOR,
            "{id}: precision {:.2} recall {:.2}",
            c.precision(),
            c.recall()
        );
    }
    let a = ours[ANY_ANTI];
    assert!(
        a.recall() >= ANTI_RECALL_FLOOR && a.precision() >= PRECISION_FLOOR,
        "anti-patterns: precision {:.2} recall {:.2}",
        a.precision(),
        a.recall()
    );
}

// Measured when the shipped model was trained (docs/analyser.md): macro-F1 0.71; per technique
// precision 0.63–0.92 and recall 0.28 (respect) to 0.79; anti-patterns P 0.94 R 0.74. The
// floors sit a few points under, so a regression fails and noise does not.
const MACRO_F1_FLOOR: f64 = 0.68;
const RECALL_FLOOR: f64 = 0.25;
const PRECISION_FLOOR: f64 = 0.55;
const ANTI_RECALL_FLOOR: f64 = 0.65;

/// The test split is frozen: its records may not change without this hash changing too, so a
/// split tuned on by accident shows in review.
#[test]
fn the_test_split_is_frozen() {
    let test = corpus::split(&corpus_dir(), "test").unwrap();
    let mut h = 0xcbf29ce484222325u64;
    for rec in &test {
        for b in rec.id.bytes().chain(rec.text.bytes()) {
            h = (h ^ b as u64).wrapping_mul(0x100000001b3);
        }
        for l in rec.techniques.iter().chain(&rec.anti_patterns) {
            for b in l.bytes() {
                h = (h ^ b as u64).wrapping_mul(0x100000001b3);
            }
        }
    }
    assert_eq!(
        format!("{h:016x}"),
        TEST_SPLIT_HASH,
        "the frozen test split changed"
    );
}

const TEST_SPLIT_HASH: &str = "dc4ab851e1b325bc";

/// No reply in dev or test is a near-copy of one in train: character 5-grams shared with any
/// single training reply stay under half of the reply's own.
#[test]
fn held_out_splits_share_no_near_duplicates_with_train() {
    use std::collections::{HashMap, HashSet};
    let dir = corpus_dir();
    let grams = |s: &str| -> HashSet<String> {
        let c: Vec<char> = s.chars().filter(|c| c.is_alphanumeric()).collect();
        c.windows(5).map(|w| w.iter().collect()).collect()
    };
    let train = corpus::split(&dir, "train").unwrap();
    let mut index: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, rec) in train.iter().enumerate() {
        for g in grams(&rec.text) {
            index.entry(g).or_default().push(i);
        }
    }
    let mut near = Vec::new();
    for split in ["dev", "test"] {
        for rec in corpus::split(&dir, split).unwrap() {
            let own = grams(&rec.text);
            if own.len() < 4 {
                continue;
            }
            let mut shared: HashMap<usize, usize> = HashMap::new();
            for g in &own {
                for &i in index.get(g).into_iter().flatten() {
                    *shared.entry(i).or_default() += 1;
                }
            }
            if let Some((&i, &n)) = shared.iter().max_by_key(|(_, n)| **n)
                && n * 2 >= own.len()
            {
                near.push(format!("{} ~ {}", rec.id, train[i].id));
            }
        }
    }
    assert!(near.is_empty(), "near-duplicates across splits: {near:?}");
}

/// Every record uses the rubric's ids and a valid stage, and the corpus is as large as the
/// labelling guide promises.
#[test]
fn corpus_records_are_well_formed() {
    let r = rubric();
    let dir = corpus_dir();
    let mut all = Vec::new();
    for s in corpus::SPLITS {
        all.extend(corpus::split(&dir, s).unwrap());
    }
    let zh = all.iter().filter(|x| x.lang == "zh").count();
    let en = all.iter().filter(|x| x.lang == "en").count();
    assert!(zh >= 2400 && en >= 600, "zh {zh}, en {en}");
    let mut ids = std::collections::HashSet::new();
    for rec in &all {
        assert!(ids.insert(rec.id.clone()), "duplicate id {}", rec.id);
        for t in &rec.techniques {
            assert!(
                r.technique(t).is_some(),
                "{}: unknown technique {t}",
                rec.id
            );
        }
        for a in &rec.anti_patterns {
            assert!(
                r.anti_pattern(a).is_some(),
                "{}: unknown anti-pattern {a}",
                rec.id
            );
        }
        if let Some(Some(st)) = &rec.stage {
            assert!(
                r.stage_index(st).is_some(),
                "{}: unknown stage {st}",
                rec.id
            );
        }
        assert!(!rec.text.trim().is_empty(), "{}: empty text", rec.id);
    }
}

/// Agreement between the corpus's labels and a second, independent labelling of 300 dev and
/// test replies (`agreement/second.jsonl`, done blind by someone who wrote none of them): Cohen's
/// κ and F1 per label — the ceiling an analyser can be compared with.
#[test]
fn second_labelling_agrees_with_the_first() {
    #[derive(serde::Deserialize)]
    struct Second {
        id: String,
        techniques: Vec<String>,
        anti_patterns: Vec<String>,
    }
    let dir = corpus_dir();
    let mut first = std::collections::HashMap::new();
    for s in corpus::SPLITS {
        for rec in corpus::split(&dir, s).unwrap() {
            first.insert(rec.id.clone(), rec);
        }
    }
    let text = std::fs::read_to_string(dir.join("agreement/second.jsonl")).unwrap();
    let second: Vec<Second> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(second.len() >= 300, "{} replies", second.len());
    let ids: Vec<&str> = TECHNIQUES
        .iter()
        .copied()
        .chain(["safety", ANY_ANTI])
        .collect();
    println!(
        "\n{:<20} {:>6} {:>6} {:>5} {:>5}",
        "label", "kappa", "F1", "n1", "n2"
    );
    let (mut ksum, mut fsum, mut n) = (0.0, 0.0, 0);
    for id in ids {
        let (mut a, mut b, mut c, mut d) = (0f64, 0f64, 0f64, 0f64);
        for s in &second {
            let f = &first[&s.id];
            let (x, y) = if id == ANY_ANTI {
                (!f.anti_patterns.is_empty(), !s.anti_patterns.is_empty())
            } else {
                (
                    f.techniques.iter().any(|t| t == id),
                    s.techniques.iter().any(|t| t == id),
                )
            };
            match (x, y) {
                (true, true) => a += 1.0,
                (true, false) => b += 1.0,
                (false, true) => c += 1.0,
                (false, false) => d += 1.0,
            }
        }
        let total = a + b + c + d;
        let po = (a + d) / total;
        let pe = ((a + b) * (a + c) + (c + d) * (b + d)) / (total * total);
        let kappa = if pe < 1.0 {
            (po - pe) / (1.0 - pe)
        } else {
            1.0
        };
        let f1 = if a > 0.0 {
            2.0 * a / (2.0 * a + b + c)
        } else {
            0.0
        };
        println!(
            "{:<20} {:>6.2} {:>6.2} {:>5} {:>5}",
            id,
            kappa,
            f1,
            a + b,
            a + c
        );
        if id != "safety" {
            ksum += kappa;
            fsum += f1;
            n += 1;
        }
    }
    let (kappa, f1) = (ksum / n as f64, fsum / n as f64);
    println!(
        "mean over the 7 techniques and the anti-pattern flag: kappa {kappa:.2}, macro-F1 {f1:.2}"
    );
    // Two labellings that disagree this much would make every figure above meaningless.
    assert!(kappa >= 0.6, "agreement kappa {kappa:.2}");
}
