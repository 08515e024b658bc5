//! `jiedai score`: the analyser on one reply, or on a JSON Lines batch.

use super::{Env, FOUND_ERRORS, Format, OK, USAGE};
use clap::Args;
use jiedai_core::analyse::Analyser;
use jiedai_core::judge::{Judge, Judged, Moment};
use serde::Deserialize;
use std::io::{BufRead, Write};
use std::path::PathBuf;

#[derive(Args)]
pub struct ScoreArgs {
    /// The trainee's reply.
    text: Option<String>,
    /// The visitor's last line (for restating).
    #[arg(long)]
    context: Option<String>,
    /// The visitor's agitation before the reply, 0–100.
    #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(i32).range(0..=100))]
    agitation: i32,
    /// The turn number, from 1.
    #[arg(long, default_value_t = 1)]
    turn: u32,
    /// The stage reached before the reply: none, heard, acknowledged or rapport. Without it the
    /// stage is assumed from the turn: none at turns 1–2, heard from turn 3 (never
    /// acknowledged), and the output says which stage was assumed.
    #[arg(long)]
    stage: Option<String>,
    /// Score a JSON Lines file (or - for stdin): {"text", "context"?, "agitation"?, "turn"?,
    /// "stage"?} per line; "stage" as above (a stage id, or null or "none" for none yet).
    #[arg(long, value_name = "FILE", conflicts_with = "text")]
    jsonl: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t)]
    format: Format,
}

#[derive(Deserialize)]
struct Input {
    text: String,
    #[serde(default)]
    context: Option<String>,
    #[serde(default)]
    agitation: Option<i32>,
    #[serde(default)]
    turn: Option<u32>,
    /// Absent: assumed from the turn; null: none yet; or a stage id.
    #[serde(default, deserialize_with = "jiedai_core::corpus::present")]
    stage: Option<Option<String>>,
}

/// The stage index for a stage id (or `none`), or the one assumed from the turn.
fn stage_of(env: &Env, stage: Option<&str>, turn: u32) -> Result<usize, String> {
    match stage {
        Some("none") | Some("") => Ok(0),
        Some(id) => env.rubric.stage_index(id).map(|i| i + 1).ok_or_else(|| {
            format!(
                "unknown stage `{id}` (stages: {})",
                env.rubric
                    .stages
                    .iter()
                    .map(|s| s.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        }),
        None => Ok(jiedai_core::judge::stage_for_turn(turn)),
    }
}

/// The stage's id for the output ("none" before the first).
fn stage_name(env: &Env, stage: usize) -> String {
    match stage.checked_sub(1) {
        None => "none".into(),
        Some(i) => env
            .rubric
            .stages
            .get(i)
            .map_or_else(|| i.to_string(), |s| s.id.clone()),
    }
}

pub fn score(env: &Env, a: ScoreArgs) -> u8 {
    let analyser = env.analyser();
    if let Some(path) = &a.jsonl {
        return batch(env, &analyser, path);
    }
    let Some(text) = a.text.as_deref() else {
        eprintln!(
            "{}",
            env.lang.pick(
                "用法：jiedai score \"回复内容\"，或 jiedai score --jsonl FILE",
                "usage: jiedai score \"reply\", or jiedai score --jsonl FILE"
            )
        );
        return USAGE;
    };
    let stage = match stage_of(env, a.stage.as_deref(), a.turn) {
        Ok(s) => s,
        Err(m) => {
            eprintln!("{m}");
            return USAGE;
        }
    };
    let j = Judge::new(&env.rubric, &analyser).moment(
        text,
        &Moment {
            visitor_line: a.context.as_deref(),
            agitation: a.agitation,
            stage,
            turn: a.turn,
        },
    );
    if a.format == Format::Json {
        let mut v = serde_json::to_value(&j).unwrap_or_default();
        v["text"] = serde_json::Value::String(text.to_owned());
        annotate(&mut v, env, stage, a.stage.is_none(), &analyser);
        println!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
    } else {
        print!("{}", render(env, text, &j));
        if a.stage.is_none() {
            println!(
                "{} {})",
                env.lang.pick(
                    "（未给出阶段，按回合假定为",
                    "(no stage given; assumed from the turn:"
                ),
                stage_name(env, stage)
            );
        }
        if analyser.model().is_none() {
            println!(
                "{}",
                env.lang.pick(
                    "（只用词表分析，学习模型未加载）",
                    "(lexicons alone; no learned model)"
                )
            );
        }
    }
    OK
}

/// The stage the reply was judged at, whether it was assumed, and which layers judged it.
fn annotate(v: &mut serde_json::Value, env: &Env, stage: usize, assumed: bool, an: &Analyser) {
    v["stage"] = stage_name(env, stage).into();
    if assumed {
        v["stage_assumed"] = true.into();
    }
    v["analyser"] = if an.model().is_some() {
        "learned"
    } else {
        "lexicon"
    }
    .into();
}

fn render(env: &Env, text: &str, j: &Judged) -> String {
    let zh = env.lang == jiedai_core::Lang::Zh;
    let mut out = String::new();
    let name = |id: &str| {
        env.rubric
            .technique(id)
            .map(|t| t.name.get(env.lang).to_owned())
            .or_else(|| {
                env.rubric
                    .anti_pattern(id)
                    .map(|t| t.name.get(env.lang).to_owned())
            })
            .or_else(|| {
                env.rubric
                    .procedure(id)
                    .map(|t| t.name.get(env.lang).to_owned())
            })
            .unwrap_or_else(|| id.to_owned())
    };
    let list = |ids: &[String]| {
        if ids.is_empty() {
            "—".to_owned()
        } else {
            ids.iter()
                .map(|i| format!("{} ({i})", name(i)))
                .collect::<Vec<_>>()
                .join(", ")
        }
    };
    out += &format!(
        "{}: {}\n",
        if zh { "技巧" } else { "Techniques" },
        list(&j.detected)
    );
    if !j.premature.is_empty() {
        out += &format!(
            "{}: {}\n",
            if zh { "时机过早" } else { "Too early" },
            list(&j.premature)
        );
    }
    out += &format!(
        "{}: {}\n",
        if zh { "问题" } else { "Anti-patterns" },
        list(&j.anti_patterns)
    );
    if !j.procedures.is_empty() {
        out += &format!(
            "{}: {}\n",
            if zh { "程序" } else { "Procedure" },
            list(&j.procedures)
        );
    }
    if !j.findings.is_empty() {
        out += &format!("{}\n", if zh { "依据：" } else { "Evidence:" });
        for f in &j.findings {
            let mark = if f.negated {
                if zh { "（被否定）" } else { " (negated)" }
            } else {
                ""
            };
            // Show the reply with the evidence bracketed.
            let shown = format!(
                "{}【{}】{}",
                &text[..f.start],
                &text[f.start..f.end],
                &text[f.end..]
            );
            let shown: String = shown.chars().take(120).collect();
            out += &format!("  {:<16} {}{mark}\n", f.id, shown);
        }
    }
    if j.truncated {
        out += &format!(
            "{}\n",
            env.lang.pick(
                "（回复过长，只分析了前 64 KB）",
                "(reply too long; only the first 64 KB were analysed)"
            )
        );
    }
    out
}

fn batch(env: &Env, analyser: &Analyser, path: &PathBuf) -> u8 {
    let reader: Box<dyn BufRead> = if path.as_os_str() == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        match std::fs::File::open(path) {
            Ok(f) => Box::new(std::io::BufReader::new(f)),
            Err(e) => {
                eprintln!("{}: {e}", path.display());
                return FOUND_ERRORS;
            }
        }
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut bad = 0usize;
    for (i, line) in reader.split(b'\n').enumerate() {
        let n = i + 1;
        let result = match line {
            Err(e) => Err(e.to_string()),
            Ok(bytes) => match String::from_utf8(bytes) {
                Err(_) => Err("not UTF-8".to_owned()),
                Ok(s) if s.trim().is_empty() => Err("empty line".to_owned()),
                Ok(s) => serde_json::from_str::<Input>(s.trim_end_matches('\r'))
                    .map_err(|e| e.to_string()),
            },
        };
        let value = match result {
            Ok(input) => match stage_of(
                env,
                input.stage.as_ref().map(|s| s.as_deref().unwrap_or("none")),
                input.turn.unwrap_or(1),
            ) {
                Ok(stage) => {
                    let j = Judge::new(&env.rubric, analyser).moment(
                        &input.text,
                        &Moment {
                            visitor_line: input.context.as_deref(),
                            agitation: input.agitation.unwrap_or(30).clamp(0, 100),
                            stage,
                            turn: input.turn.unwrap_or(1),
                        },
                    );
                    let mut v = serde_json::to_value(&j).unwrap_or_default();
                    v["line"] = n.into();
                    annotate(&mut v, env, stage, input.stage.is_none(), analyser);
                    v
                }
                Err(m) => {
                    bad += 1;
                    eprintln!("{}:{n}: {m}", path.display());
                    serde_json::json!({"line": n, "error": m})
                }
            },
            Err(m) => {
                bad += 1;
                eprintln!("{}:{n}: {m}", path.display());
                serde_json::json!({"line": n, "error": m})
            }
        };
        if writeln!(out, "{value}").is_err() {
            return FOUND_ERRORS;
        }
    }
    let _ = out.flush();
    if bad > 0 { FOUND_ERRORS } else { OK }
}
