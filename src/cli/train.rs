//! `jiedai train-analyser`: trains the analyser's learned layer from the labelled corpus and
//! the shipped scenarios' options, and writes the model file the app and `score` load.

use super::{Env, FOUND_ERRORS, OK, write_atomic};
use clap::Args;
use jiedai_core::corpus;
use std::path::PathBuf;

#[derive(Args)]
pub struct TrainArgs {
    /// The corpus folder with train.jsonl and dev.jsonl (default: tests/data/corpus of the
    /// checkout).
    #[arg(long, value_name = "DIR")]
    corpus: Option<PathBuf>,
    /// Where to write the model (default: assets/analyser.model).
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

pub fn train(env: &Env, a: TrainArgs) -> u8 {
    let root = env
        .found
        .assets()
        .and_then(|p| p.parent().map(PathBuf::from));
    let Some(dir) = a
        .corpus
        .or_else(|| root.as_ref().map(|r| r.join("tests/data/corpus")))
    else {
        eprintln!("--corpus DIR is needed outside a checkout");
        return FOUND_ERRORS;
    };
    let Some(out) = a.out.or_else(|| env.model_path.clone()) else {
        eprintln!("--out FILE is needed outside a checkout");
        return FOUND_ERRORS;
    };
    let scenarios: Vec<_> = match env.default_scenarios() {
        Some(s) => {
            let report = jiedai_core::check::check_paths(std::slice::from_ref(&s), &env.rubric);
            report
                .playable()
                .into_iter()
                .map(|l| l.value.clone())
                .collect()
        }
        None => Vec::new(),
    };
    let model = match corpus::build_model(&env.rubric, &dir, &scenarios) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("{e}");
            return FOUND_ERRORS;
        }
    };
    let bytes = model.to_bytes();
    if let Err(e) = write_atomic(&out, &bytes) {
        eprintln!("{}: {e}", out.display());
        return FOUND_ERRORS;
    }
    println!(
        "{}: {} labels, {} KB, from {} scenarios' options and {}",
        out.display(),
        model.labels.len(),
        bytes.len() / 1024,
        scenarios.len(),
        dir.display()
    );
    for (i, l) in model.labels.iter().enumerate() {
        println!(
            "  {l:<18} threshold {:.2}, with a lexicon hit {:.2}",
            model.thresholds[i], model.rule_thresholds[i]
        );
    }
    OK
}
