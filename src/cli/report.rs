//! `jiedai report`: the trainee's progress from the practice history the app keeps.

use super::{Env, FOUND_ERRORS, Format, OK};
use clap::Args;
use jiedai_core::history;
use jiedai_core::report;
use std::path::PathBuf;

#[derive(Args)]
pub struct ReportArgs {
    /// The history file (default: history.jsonl in the app's config folder).
    #[arg(long, value_name = "FILE")]
    history: Option<PathBuf>,
    /// How many of the latest visits count as recent.
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u16).range(1..))]
    recent: u16,
    #[arg(long, value_enum, default_value_t)]
    format: Format,
}

pub fn report(env: &Env, a: ReportArgs) -> u8 {
    let lang = env.lang;
    let Some(path) = a
        .history
        .or_else(|| crate::app::settings::config_dir().map(|d| history::file(&d)))
    else {
        eprintln!(
            "{}",
            lang.pick(
                "找不到配置文件夹（未设置 HOME），请用 --history 指定练习记录文件",
                "no config folder (HOME is not set): name the history file with --history",
            )
        );
        return FOUND_ERRORS;
    };
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            eprintln!(
                "{}: {}",
                path.display(),
                lang.pick(
                    "没有练习记录（在应用里完成一次接待后才会有）",
                    "no practice history here (it is written when a visit ends in the app)",
                )
            );
            return FOUND_ERRORS;
        }
        Err(e) => {
            eprintln!("{}: {e}", path.display());
            return FOUND_ERRORS;
        }
    };
    let (records, bad) = history::parse(&bytes);
    // Damaged lines are named and skipped; the file is never rewritten.
    for b in &bad {
        eprintln!(
            "{}:{}: {}: {}",
            path.display(),
            b.line,
            lang.pick("不是练习记录，已跳过", "not a history record, skipped"),
            b.error
        );
    }
    let p = report::progress(&records, &env.rubric, usize::from(a.recent));
    match a.format {
        Format::Text => print!("{}", report::render_text(&p, lang)),
        Format::Json => {
            let skipped: Vec<_> = bad
                .iter()
                .map(|b| serde_json::json!({"line": b.line, "error": b.error}))
                .collect();
            let mut v = serde_json::to_value(&p).unwrap_or_default();
            v["file"] = serde_json::json!(path.display().to_string());
            v["skipped"] = serde_json::json!(skipped);
            println!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
        }
    }
    OK
}
