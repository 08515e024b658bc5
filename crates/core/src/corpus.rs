//! The labelled corpus of typed replies (`tests/data/corpus/`), and training the analyser's
//! learned layer from it.
//!
//! The corpus is split by writing batch into `train.jsonl`, `dev.jsonl` and `test.jsonl`. The
//! model learns from the training split and the shipped scenarios' options; thresholds and the
//! decision policy of each label are tuned on the dev split; the test split is only measured.

use crate::analyse::{Analyser, Context};
use crate::learn::{self, Example, Model, Settings};
use crate::model::{Scenario, Turn};
use crate::rubric::Rubric;
use crate::text::Lang;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// One labelled reply.
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct Record {
    pub id: String,
    pub lang: String,
    pub text: String,
    #[serde(default)]
    pub context: Option<String>,
    #[serde(default)]
    pub agitation: Option<i32>,
    #[serde(default)]
    pub turn: Option<u32>,
    /// The rubric stage reached before the reply: absent (unknown, assumed from the turn),
    /// `null` (none yet) or a stage id.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub stage: Option<Option<String>>,
    #[serde(default)]
    pub techniques: Vec<String>,
    #[serde(default)]
    pub anti_patterns: Vec<String>,
    #[serde(default)]
    pub batch: Option<String>,
    #[serde(default)]
    pub situation: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    #[error("{0}: {1}")]
    Io(String, std::io::Error),
    #[error("{0}:{1}: {2}")]
    Line(String, usize, String),
}

/// Reads one JSONL file of records; blank lines are skipped, a bad line is an error naming it.
pub fn read(path: &Path) -> Result<Vec<Record>, CorpusError> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| CorpusError::Io(name.clone(), e))?;
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            serde_json::from_str(l)
                .map_err(|e| CorpusError::Line(name.clone(), i + 1, e.to_string()))
        })
        .collect()
}

impl Record {
    /// The stage index (stages reached) of the record under a rubric.
    pub fn stage_index(&self, r: &Rubric) -> usize {
        match &self.stage {
            Some(Some(id)) => r.stage_index(id).map_or(0, |i| i + 1),
            Some(None) => 0,
            None => crate::judge::stage_for_turn(self.turn.unwrap_or(1)),
        }
    }

    pub fn context<'a>(&'a self, r: &Rubric) -> Context<'a> {
        Context {
            visitor_line: self.context.as_deref(),
            agitation: self.agitation.unwrap_or(30),
            stage: self.stage_index(r),
            turn: self.turn.unwrap_or(1),
        }
    }
}

/// The labels the learned layer decides: every technique and every anti-pattern. Law first and
/// route first are also added by the rubric's gates from the visitor's state; the model finds
/// them where the words themselves show them at that moment (a bare refusal on the rules to a
/// visitor who is shouting), which the gates, keyed to a technique, cannot.
pub fn labels(r: &Rubric) -> Vec<String> {
    r.techniques
        .iter()
        .map(|t| t.id.clone())
        .chain(r.anti_patterns.iter().map(|a| a.id.clone()))
        .collect()
}

/// The scenarios' options as labelled replies (their tags and anti-patterns), in both
/// languages, each after the step's first line.
pub fn option_records(scenarios: &[Scenario]) -> Vec<Record> {
    let mut out = Vec::new();
    for s in scenarios {
        let agitation = s.initial.agitation;
        for step in &s.steps {
            let Turn::Choose { options, .. } = &step.turn else {
                continue;
            };
            for o in options {
                for lang in [Lang::Zh, Lang::En] {
                    let text = o.text.get(lang);
                    if text.trim().is_empty() || (lang == Lang::En && o.text.get(Lang::Zh) == text)
                    {
                        continue;
                    }
                    out.push(Record {
                        id: format!("{}:{}:{}", s.id, o.id, lang.code()),
                        lang: lang.code().into(),
                        text: text.to_owned(),
                        context: step.lines.first().map(|l| l.text.get(lang).to_owned()),
                        agitation: Some(agitation),
                        turn: None,
                        stage: Some(Some("heard".into())),
                        techniques: o.tags.clone(),
                        anti_patterns: o.anti.clone(),
                        batch: Some(format!("scenario:{}", s.id)),
                        situation: Some(s.id.clone()),
                        note: None,
                    });
                }
            }
        }
    }
    out
}

/// A field that is present, even as `null`, is `Some`: a stage given as `null` (none yet) is
/// not the same as a stage not given (assumed from the turn).
pub fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Option<String>>, D::Error> {
    Option::<String>::deserialize(d).map(Some)
}

fn targets(labels: &[String], rec: &Record) -> Vec<bool> {
    labels
        .iter()
        .map(|l| rec.techniques.contains(l) || rec.anti_patterns.contains(l))
        .collect()
}

/// Trains the learned layer: weights from `train`; each label's threshold and policy tuned on
/// `dev` together with out-of-fold predictions over `train` (folds by batch), so that a label
/// with few examples in dev is not tuned on a handful.
pub fn train(r: &Rubric, train: &[Record], dev: &[Record], settings: &Settings) -> Model {
    train_tuned(r, train, dev, settings).0
}

/// Folds for the out-of-fold predictions.
pub const FOLDS: usize = 4;

/// As [`train`], with each label's F1 on the tuning predictions at its tuned threshold.
pub fn train_tuned(
    r: &Rubric,
    train: &[Record],
    dev: &[Record],
    settings: &Settings,
) -> (Model, Vec<f64>) {
    let lexicon = Analyser::new(r);
    let labels = labels(r);
    // Features once per record: (example, lexicon hit per label).
    let prepare = |rec: &Record| {
        let ctx = rec.context(r);
        let lex = lexicon.lexical(&rec.text, &ctx);
        let rule: Vec<bool> = labels
            .iter()
            .map(|l| lex.techniques.contains(l) || lex.anti_patterns.contains(l))
            .collect();
        let ex = Example::new(
            &lexicon.features(&rec.text, &ctx, &lex),
            targets(&labels, rec),
        );
        (ex, rule)
    };
    let train_ex: Vec<(Example, Vec<bool>)> = train.iter().map(prepare).collect();
    let dev_ex: Vec<(Example, Vec<bool>)> = dev.iter().map(prepare).collect();
    let examples: Vec<Example> = train_ex.iter().map(|x| x.0.clone()).collect();
    let mut model = learn::train(&labels, &examples, settings);
    // The fold of a training record: by its batch, so a batch is never split.
    let fold = |rec: &Record| {
        let b = rec.batch.as_deref().unwrap_or(&rec.id);
        (b.bytes().fold(0xcbf29ce484222325u64, |h, x| {
            (h ^ x as u64).wrapping_mul(0x100000001b3)
        }) % FOLDS as u64) as usize
    };
    let mut scored: Vec<(Vec<f32>, Vec<bool>, Vec<bool>)> = dev_ex
        .iter()
        .map(|(e, rule)| {
            (
                model.predict_buckets(&e.buckets),
                rule.clone(),
                e.targets.clone(),
            )
        })
        .collect();
    for k in 0..FOLDS {
        let part: Vec<Example> = train
            .iter()
            .zip(&train_ex)
            .filter(|(rec, _)| fold(rec) != k)
            .map(|(_, x)| x.0.clone())
            .collect();
        let m = learn::train(&labels, &part, settings);
        for (rec, (e, rule)) in train.iter().zip(&train_ex) {
            if fold(rec) == k {
                scored.push((
                    m.predict_buckets(&e.buckets),
                    rule.clone(),
                    e.targets.clone(),
                ));
            }
        }
    }
    let mut f1 = Vec::new();
    for i in 0..labels.len() {
        let col: Vec<(f32, bool, bool)> =
            scored.iter().map(|(p, r, t)| (p[i], r[i], t[i])).collect();
        let (t, rt, f) = learn::best_thresholds(&col);
        model.set_decision(i, t, rt);
        f1.push(f);
    }
    (model, f1)
}

/// The corpus's splits.
pub const SPLITS: [&str; 3] = ["train", "dev", "test"];

/// Which batches are held out: `splits.json` in the corpus folder names the dev and test
/// batches; every other batch in `batches/` trains.
#[derive(Debug, Deserialize)]
pub struct Manifest {
    pub dev: Vec<String>,
    pub test: Vec<String>,
}

impl Manifest {
    pub fn read(dir: &Path) -> Result<Manifest, CorpusError> {
        let p = dir.join("splits.json");
        let name = p.display().to_string();
        let text = std::fs::read_to_string(&p).map_err(|e| CorpusError::Io(name.clone(), e))?;
        serde_json::from_str(&text).map_err(|e| CorpusError::Line(name, e.line(), e.to_string()))
    }

    /// The split a batch belongs to.
    pub fn split_of(&self, batch: &str) -> &'static str {
        if self.test.iter().any(|b| b == batch) {
            "test"
        } else if self.dev.iter().any(|b| b == batch) {
            "dev"
        } else {
            "train"
        }
    }
}

/// The batch files of the corpus folder, sorted by name.
pub fn batch_files(dir: &Path) -> Result<Vec<std::path::PathBuf>, CorpusError> {
    let b = dir.join("batches");
    let name = b.display().to_string();
    let mut files: Vec<_> = std::fs::read_dir(&b)
        .map_err(|e| CorpusError::Io(name.clone(), e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    Ok(files)
}

/// One split of the corpus (`train`, `dev` or `test`), in batch order.
pub fn split(dir: &Path, name: &str) -> Result<Vec<Record>, CorpusError> {
    let m = Manifest::read(dir)?;
    let mut out = Vec::new();
    for f in batch_files(dir)? {
        let batch = f.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
        if m.split_of(batch) == name {
            out.extend(read(&f)?);
        }
    }
    Ok(out)
}

/// Trains the shipped model: the corpus's training split and the scenarios' options, tuned
/// on the dev split, with the default settings.
pub fn build_model(r: &Rubric, dir: &Path, scenarios: &[Scenario]) -> Result<Model, CorpusError> {
    let mut train_set = split(dir, "train")?;
    train_set.extend(option_records(scenarios));
    let dev = split(dir, "dev")?;
    Ok(train(r, &train_set, &dev, &Settings::default()))
}
