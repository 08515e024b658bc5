//! The analyser's learned layer: one logistic regression per label over hashed character
//! n-grams of the reply, the lexicon's hits and the moment (agitation, stage, turn).
//!
//! It is trained from the labelled corpus by `jiedai train-analyser`, deterministically for a
//! seed, and its weights are kept in a small binary file beside the rubric
//! (`assets/analyser.model`). The lexicon layer stays: its hits are features here, its spans
//! are the evidence shown, and without a model file it works alone.

use rand::SeedableRng;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Bucket keys are hashes already: the map mixes them once instead of hashing them again.
#[derive(Default)]
struct BucketHasher(u64);

impl Hasher for BucketHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ b as u64).wrapping_mul(0x100000001b3);
        }
    }
    fn write_u32(&mut self, v: u32) {
        self.0 = (v as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

/// Bucket → its row's place in the flat weight table.
type Index = HashMap<u32, u32, BuildHasherDefault<BucketHasher>>;

/// The weights of the buckets that have any, one row of a weight per label, in one table.
#[derive(Clone, Debug, Default, PartialEq)]
struct Rows {
    index: Index,
    labels: usize,
    weights: Vec<f32>,
}

impl Rows {
    fn new(labels: usize) -> Rows {
        Rows {
            labels,
            ..Rows::default()
        }
    }
    fn get(&self, bucket: &u32) -> Option<&[f32]> {
        let at = *self.index.get(bucket)? as usize * self.labels;
        self.weights.get(at..at + self.labels)
    }
    fn insert(&mut self, bucket: u32, row: &[f32]) {
        let at = (self.weights.len() / self.labels.max(1)) as u32;
        self.index.insert(bucket, at);
        self.weights.extend_from_slice(row);
    }
    fn keys(&self) -> impl Iterator<Item = &u32> {
        self.index.keys()
    }
    fn rows(&self) -> impl Iterator<Item = &[f32]> {
        self.weights.chunks(self.labels.max(1))
    }
}
use std::path::Path;

/// The model's file name, beside the rubric in `assets/`.
pub const MODEL_FILE: &str = "analyser.model";
/// The model file's first bytes.
const MAGIC: &[u8; 8] = b"JDAMODL2";
/// Hash buckets: 2^BITS.
pub const BITS: u32 = 20;
/// Files larger than this are not models.
const MAX_FILE: u64 = 64 * 1024 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error("{path}: cannot read the analyser model: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}: not an analyser model ({why})")]
    Corrupt { path: String, why: String },
}

/// One feature of a reply: its hash bucket and, for n-grams, where it stands in the reply.
#[derive(Clone, Debug, PartialEq)]
pub struct Feature {
    pub bucket: u32,
    /// Byte span in the reply, for n-grams (evidence).
    pub span: Option<(usize, usize)>,
}

/// The weights of every label.
#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    pub labels: Vec<String>,
    pub bias: Vec<f32>,
    /// The probability at which a label is found.
    pub thresholds: Vec<f32>,
    /// The (lower or equal) probability at which it is found when the lexicon also found it.
    pub rule_thresholds: Vec<f32>,
    /// Bucket → one weight per label.
    rows: Rows,
}

fn fnv(parts: &[&[u8]]) -> u64 {
    let mut h = 0xcbf29ce484222325u64;
    for p in parts {
        for &b in *p {
            h = (h ^ b as u64).wrapping_mul(0x100000001b3);
        }
        h = (h ^ 0xff).wrapping_mul(0x100000001b3);
    }
    h
}

/// The bucket of a named feature (`kind`, `value`).
pub fn bucket(kind: &str, value: &str) -> u32 {
    (fnv(&[kind.as_bytes(), value.as_bytes()]) & ((1 << BITS) - 1)) as u32
}

fn norm(c: char) -> char {
    match c {
        '？' => '?',
        '！' => '!',
        '，' | '、' => ',',
        '。' | '．' => '.',
        '；' => ';',
        '：' => ':',
        '０'..='９' | '0'..='9' => '0',
        c if c.is_whitespace() => ' ',
        c => c.to_lowercase().next().unwrap_or(c),
    }
}

fn is_break(c: char) -> bool {
    matches!(c, ',' | '.' | '!' | '?' | ';' | ':' | '\n')
}

/// The n-gram features of a reply: characters 1–3 (normalised), the same bigrams tagged by
/// clause position (first, last), and ASCII words 1–2.
pub fn text_features(text: &str, out: &mut Vec<Feature>) {
    let chars: Vec<(usize, char)> = text.char_indices().map(|(i, c)| (i, norm(c))).collect();
    let end_of = |k: usize| {
        chars.get(k).map_or(text.len(), |&(i, _)| {
            i + text[i..].chars().next().map_or(0, char::len_utf8)
        })
    };
    let mut buf = String::new();
    for n in 1..=3usize {
        if chars.len() < n {
            break;
        }
        for k in 0..=chars.len() - n {
            buf.clear();
            if chars[k..k + n].iter().all(|&(_, c)| c == ' ') {
                continue;
            }
            buf.extend(chars[k..k + n].iter().map(|x| x.1));
            out.push(Feature {
                bucket: bucket("c", &buf),
                span: Some((chars[k].0, end_of(k + n - 1))),
            });
        }
    }
    // Clauses: the first and the last (a good opening spoiled at the end, 我理解，但是…).
    let mut clauses: Vec<(usize, usize)> = Vec::new();
    let mut start = 0usize;
    for (k, &(_, c)) in chars.iter().enumerate() {
        if is_break(c) {
            if k > start {
                clauses.push((start, k));
            }
            start = k + 1;
        }
    }
    if chars.len() > start {
        clauses.push((start, chars.len()));
    }
    if clauses.len() >= 2 {
        for (tag, &(a, b)) in [("B", &clauses[0]), ("E", &clauses[clauses.len() - 1])] {
            for k in a..b.saturating_sub(1) {
                buf.clear();
                buf.extend(chars[k..k + 2].iter().map(|x| x.1));
                out.push(Feature {
                    bucket: bucket(tag, &buf),
                    span: Some((chars[k].0, end_of(k + 1))),
                });
            }
        }
    }
    // Words, for English.
    let lower = text.to_lowercase();
    let mut words: Vec<(usize, usize)> = Vec::new();
    let mut w0: Option<usize> = None;
    for (i, c) in lower.char_indices() {
        let part = c.is_ascii_alphanumeric() || c == '\'' || c == '’';
        match (part, w0) {
            (true, None) => w0 = Some(i),
            (false, Some(s)) => {
                words.push((s, i));
                w0 = None;
            }
            _ => {}
        }
    }
    if let Some(s) = w0 {
        words.push((s, lower.len()));
    }
    // The byte offsets of `lower` match `text` only when lowering kept every length.
    let same = lower.len() == text.len();
    let span = |s: usize, e: usize| same.then_some((s, e));
    for (k, &(s, e)) in words.iter().enumerate() {
        out.push(Feature {
            bucket: bucket("w", &lower[s..e]),
            span: span(s, e),
        });
        // Pieces of the word, so that forms of one word share weight (apolog-ise, -y, -ies).
        let w = format!("<{}>", &lower[s..e]);
        let wc: Vec<char> = w.chars().collect();
        if wc.len() > 5 {
            for n in 4..=5usize {
                for piece in wc.windows(n) {
                    buf.clear();
                    buf.extend(piece);
                    out.push(Feature {
                        bucket: bucket("wp", &buf),
                        span: span(s, e),
                    });
                }
            }
        }
        if let Some(&(s2, e2)) = words.get(k + 1) {
            buf.clear();
            buf.push_str(&lower[s..e]);
            buf.push(' ');
            buf.push_str(&lower[s2..e2]);
            out.push(Feature {
                bucket: bucket("w2", &buf),
                span: span(s, e2),
            });
        }
    }
}

/// Named features (lexicon hits, the moment) without a span.
pub fn named(kind: &str, value: &str, out: &mut Vec<Feature>) {
    out.push(Feature {
        bucket: bucket(kind, value),
        span: None,
    });
}

fn sigmoid(z: f32) -> f32 {
    1.0 / (1.0 + (-z.clamp(-30.0, 30.0)).exp())
}

impl Model {
    /// The probability of every label.
    pub fn predict(&self, feats: &[Feature]) -> Vec<f32> {
        let mut buckets: Vec<u32> = feats.iter().map(|f| f.bucket).collect();
        buckets.sort_unstable();
        buckets.dedup();
        self.predict_buckets(&buckets)
    }

    /// The probability of every label from distinct buckets.
    pub fn predict_buckets(&self, buckets: &[u32]) -> Vec<f32> {
        let mut z = self.bias.clone();
        for &b in buckets {
            if let Some(row) = self.rows.get(&b) {
                for (zl, w) in z.iter_mut().zip(row) {
                    *zl += w;
                }
            }
        }
        z.into_iter().map(sigmoid).collect()
    }

    /// The spans whose n-grams weigh most for `label`, strongest first.
    pub fn evidence(&self, feats: &[Feature], label: usize, n: usize) -> Vec<(usize, usize, f32)> {
        let mut best: Vec<(usize, usize, f32)> = feats
            .iter()
            .filter_map(|f| {
                let (s, e) = f.span?;
                let w = self.rows.get(&f.bucket)?[label];
                (w > 0.0).then_some((s, e, w))
            })
            .collect();
        // A single character says little: spans of two or more come first.
        let short = |x: &(usize, usize, f32)| x.1 - x.0 <= 3;
        best.sort_by(|a, b| {
            short(a)
                .cmp(&short(b))
                .then(b.2.total_cmp(&a.2))
                .then(a.0.cmp(&b.0))
                .then(a.1.cmp(&b.1))
        });
        best.dedup_by(|a, b| a.0 == b.0 && a.1 == b.1);
        best.truncate(n);
        best
    }

    /// The file's bytes: weights quantised to 16 bits per label, with a scale per label.
    pub fn to_bytes(&self) -> Vec<u8> {
        let l = self.labels.len();
        let mut scale = vec![0f32; l];
        for row in self.rows.rows() {
            for (s, w) in scale.iter_mut().zip(row) {
                *s = s.max(w.abs());
            }
        }
        let scale: Vec<f32> = scale.iter().map(|s| (s / 32767.0).max(1e-12)).collect();
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&BITS.to_le_bytes());
        out.extend_from_slice(&(l as u32).to_le_bytes());
        for (i, sc) in scale.iter().enumerate() {
            let name = self.labels[i].as_bytes();
            out.extend_from_slice(&(name.len() as u16).to_le_bytes());
            out.extend_from_slice(name);
            out.extend_from_slice(&self.bias[i].to_le_bytes());
            out.extend_from_slice(&self.thresholds[i].to_le_bytes());
            out.extend_from_slice(&self.rule_thresholds[i].to_le_bytes());
            out.extend_from_slice(&sc.to_le_bytes());
        }
        let mut keys: Vec<&u32> = self.rows.keys().collect();
        keys.sort();
        out.extend_from_slice(&(keys.len() as u32).to_le_bytes());
        for k in keys {
            out.extend_from_slice(&k.to_le_bytes());
            let row = self.rows.get(k).unwrap_or_default();
            for (i, w) in row.iter().enumerate() {
                let q = (w / scale[i]).round().clamp(-32767.0, 32767.0) as i16;
                out.extend_from_slice(&q.to_le_bytes());
            }
        }
        out
    }

    /// Reads a model from its bytes; `path` names it in errors.
    pub fn from_bytes(b: &[u8], path: &str) -> Result<Model, ModelError> {
        let bad = |why: &str| ModelError::Corrupt {
            path: path.to_owned(),
            why: why.to_owned(),
        };
        let mut r = Reader { b, at: 0 };
        if r.take(8).ok_or_else(|| bad("too short"))? != MAGIC {
            return Err(bad("wrong header"));
        }
        let bits = r.u32().ok_or_else(|| bad("truncated"))?;
        if bits != BITS {
            return Err(bad(&format!(
                "{bits}-bit hashing, this version uses {BITS}"
            )));
        }
        let l = r.u32().ok_or_else(|| bad("truncated"))? as usize;
        if l == 0 || l > 256 {
            return Err(bad("implausible label count"));
        }
        let mut m = Model {
            labels: Vec::new(),
            bias: Vec::new(),
            thresholds: Vec::new(),
            rule_thresholds: Vec::new(),
            rows: Rows::new(0),
        };
        let mut scale = Vec::new();
        for _ in 0..l {
            let n = r.u16().ok_or_else(|| bad("truncated"))? as usize;
            let name = std::str::from_utf8(r.take(n).ok_or_else(|| bad("truncated"))?)
                .map_err(|_| bad("a label is not UTF-8"))?;
            m.labels.push(name.to_owned());
            m.bias.push(r.f32().ok_or_else(|| bad("truncated"))?);
            let t = r.f32().ok_or_else(|| bad("truncated"))?;
            if !(0.0..=1.0).contains(&t) {
                return Err(bad("a threshold outside 0–1"));
            }
            m.thresholds.push(t);
            let rt = r.f32().ok_or_else(|| bad("truncated"))?;
            if !(0.0..=t).contains(&rt) {
                return Err(bad("a lexicon threshold outside 0–threshold"));
            }
            m.rule_thresholds.push(rt);
            scale.push(r.f32().ok_or_else(|| bad("truncated"))?);
        }
        if m.bias.iter().chain(&scale).any(|v| !v.is_finite()) {
            return Err(bad("a weight is not a number"));
        }
        let rows = r.u32().ok_or_else(|| bad("truncated"))? as usize;
        if rows > 1 << BITS {
            return Err(bad("more rows than buckets"));
        }
        m.rows = Rows::new(l);
        m.rows.index.reserve(rows);
        m.rows.weights.reserve(rows * l);
        for _ in 0..rows {
            let k = r.u32().ok_or_else(|| bad("truncated"))?;
            let mut row = Vec::with_capacity(l);
            for s in &scale {
                row.push(r.i16().ok_or_else(|| bad("truncated"))? as f32 * s);
            }
            m.rows.insert(k, &row);
        }
        if r.at != b.len() {
            return Err(bad("trailing bytes"));
        }
        Ok(m)
    }

    /// Loads the model file.
    pub fn load(path: &Path) -> Result<Model, ModelError> {
        let name = path.display().to_string();
        let io = |source| ModelError::Io {
            path: name.clone(),
            source,
        };
        let len = std::fs::metadata(path).map_err(io)?.len();
        if len > MAX_FILE {
            return Err(ModelError::Corrupt {
                path: name,
                why: format!("{len} bytes is too large"),
            });
        }
        let bytes = std::fs::read(path).map_err(io)?;
        Model::from_bytes(&bytes, &name)
    }
}

struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let s = self.b.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(s)
    }
    fn u16(&mut self) -> Option<u16> {
        Some(u16::from_le_bytes(self.take(2)?.try_into().ok()?))
    }
    fn i16(&mut self) -> Option<i16> {
        Some(i16::from_le_bytes(self.take(2)?.try_into().ok()?))
    }
    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
    fn f32(&mut self) -> Option<f32> {
        Some(f32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
}

/// One training example: its features (buckets) and a 0/1 target per label.
#[derive(Clone, Debug)]
pub struct Example {
    pub buckets: Vec<u32>,
    pub targets: Vec<bool>,
}

impl Example {
    pub fn new(feats: &[Feature], targets: Vec<bool>) -> Example {
        let mut buckets: Vec<u32> = feats.iter().map(|f| f.bucket).collect();
        buckets.sort_unstable();
        buckets.dedup();
        Example { buckets, targets }
    }
}

/// Training settings.
#[derive(Clone, Debug)]
pub struct Settings {
    pub seed: u64,
    pub epochs: usize,
    pub rate: f32,
    pub l2: f32,
    /// Buckets seen in fewer training examples are dropped from the file.
    pub min_count: u32,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            seed: 20221,
            epochs: 20,
            rate: 0.02,
            l2: 1e-4,
            min_count: 2,
        }
    }
}

/// Trains one logistic regression per label with AdaGrad; the same examples and settings
/// always give the same weights. Thresholds start at 0.5, with or without a lexicon hit.
pub fn train(labels: &[String], examples: &[Example], s: &Settings) -> Model {
    let l = labels.len();
    let size = 1usize << BITS;
    let mut count = vec![0u32; size];
    for e in examples {
        for &b in &e.buckets {
            count[b as usize] = count[b as usize].saturating_add(1);
        }
    }
    let mut w = vec![0f32; size * l];
    let mut g2 = vec![1e-6f32; size * l];
    let mut bias = vec![0f32; l];
    let mut bg2 = vec![1e-6f32; l];
    // The bias starts at each label's base rate.
    for (i, b) in bias.iter_mut().enumerate() {
        let pos = examples.iter().filter(|e| e.targets[i]).count() as f32;
        let p = ((pos + 0.5) / (examples.len() as f32 + 1.0)).clamp(1e-3, 1.0 - 1e-3);
        *b = (p / (1.0 - p)).ln();
    }
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng = StdRng::seed_from_u64(s.seed);
    let mut z = vec![0f32; l];
    for _ in 0..s.epochs {
        order.shuffle(&mut rng);
        for &k in &order {
            let e = &examples[k];
            z.copy_from_slice(&bias);
            for &b in &e.buckets {
                let row = &w[b as usize * l..b as usize * l + l];
                for (zl, wl) in z.iter_mut().zip(row) {
                    *zl += wl;
                }
            }
            for i in 0..l {
                let g = sigmoid(z[i]) - if e.targets[i] { 1.0 } else { 0.0 };
                bg2[i] += g * g;
                bias[i] -= s.rate * g / bg2[i].sqrt();
                for &b in &e.buckets {
                    let j = b as usize * l + i;
                    let gj = g + s.l2 * w[j];
                    g2[j] += gj * gj;
                    w[j] -= s.rate * gj / g2[j].sqrt();
                }
            }
        }
    }
    let mut rows = Rows::new(l);
    for (b, &c) in count.iter().enumerate() {
        if c >= s.min_count {
            let row = &w[b * l..b * l + l];
            if row.iter().any(|v| v.abs() > 1e-4) {
                rows.insert(b as u32, row);
            }
        }
    }
    Model {
        labels: labels.to_vec(),
        bias,
        thresholds: vec![0.5; l],
        rule_thresholds: vec![0.5; l],
        rows,
    }
}

/// The precision a label's thresholds must reach on the tuning set: a wrong accusation in a
/// debrief costs the trainee's trust more than a missed compliment. The tuning set's
/// out-of-fold predictions come from models trained on less data than the shipped one, so
/// their precision runs a little under what the shipped model reaches.
pub const TARGET_PRECISION: f64 = 0.75;

/// The two thresholds (on a grid of 0.05 steps) for one label, from the probabilities,
/// lexicon hits and truths of the tuning set: the pair with the best F1 among those whose
/// precision reaches [`TARGET_PRECISION`], or, where none does, the pair with the best F0.5. Returns (threshold, threshold with a lexicon hit, F1).
pub fn best_thresholds(scores: &[(f32, bool, bool)]) -> (f32, f32, f64) {
    let grid: Vec<f32> = (0..20).map(|k| k as f32 * 0.05).collect();
    let mut at_target: Option<(f64, f64, f32, f32)> = None;
    let mut fallback: (f64, f64, f32, f32) = (-1.0, 0.0, 0.5, 0.5);
    for &t in grid.iter().skip(1) {
        for &rt in grid.iter().filter(|&&x| x <= t) {
            let (mut tp, mut fp, mut fn_) = (0u32, 0u32, 0u32);
            for &(p, rule, truth) in scores {
                let found = p >= t || (rule && p >= rt);
                match (found, truth) {
                    (true, true) => tp += 1,
                    (true, false) => fp += 1,
                    (false, true) => fn_ += 1,
                    _ => {}
                }
            }
            if tp == 0 {
                continue;
            }
            let precision = tp as f64 / (tp + fp) as f64;
            let recall = tp as f64 / (tp + fn_) as f64;
            let f1 = 2.0 * precision * recall / (precision + recall);
            let f05 = 1.25 * precision * recall / (0.25 * precision + recall);
            if precision >= TARGET_PRECISION && at_target.is_none_or(|(f, _, _, _)| f1 > f) {
                at_target = Some((f1, recall, t, rt));
            }
            if f05 > fallback.0 {
                fallback = (f05, f1, t, rt);
            }
        }
    }
    match at_target {
        Some((f1, _, t, rt)) => (t, rt, f1),
        None => (fallback.2, fallback.3, fallback.1),
    }
}

impl Model {
    /// Sets a label's thresholds (after tuning).
    pub fn set_decision(&mut self, label: usize, threshold: f32, with_rule: f32) {
        self.thresholds[label] = threshold.clamp(0.0, 1.0);
        self.rule_thresholds[label] = with_rule.clamp(0.0, self.thresholds[label]);
    }
}
