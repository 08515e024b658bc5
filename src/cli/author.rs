//! The authors' commands: `check`, `graph`, `explore`.

use super::render;
use super::{Env, FOUND_ERRORS, Format, OK, USAGE, load_one};
use clap::{Args, ValueEnum};
use jiedai_core::diag::Code;
use std::path::PathBuf;

#[derive(Args)]
pub struct CheckArgs {
    /// Scenario files or folders (default: the shipped scenarios/ and the rubric).
    paths: Vec<PathBuf>,
    /// Output format: text (rustc style) or json.
    #[arg(long, value_enum, default_value_t)]
    format: Format,
    /// Treat warnings as errors.
    #[arg(long)]
    deny_warnings: bool,
    /// Explain a diagnostic code (e.g. E007) and exit.
    #[arg(long, value_name = "CODE")]
    explain: Option<String>,
}

pub fn check(env: &Env, a: CheckArgs) -> u8 {
    if let Some(code) = a.explain {
        return match Code::parse(&code) {
            Some(c) => {
                print!("{}", render::explain(c, env.lang));
                OK
            }
            None => {
                let all: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
                eprintln!(
                    "{}: `{code}` ({})",
                    env.lang.pick("没有这个代码", "no such code"),
                    all.join(", ")
                );
                USAGE
            }
        };
    }
    let mut paths = a.paths;
    if paths.is_empty() {
        match env.default_scenarios() {
            Some(d) => paths.push(d),
            None => {
                eprintln!(
                    "{}\n{}",
                    env.lang.pick(
                        "找不到 scenarios/ 文件夹。查找过：",
                        "cannot find the scenarios/ folder. Looked in:"
                    ),
                    env.found.looked_list()
                );
                return FOUND_ERRORS;
            }
        }
        if let Some(r) = &env.rubric_path {
            paths.push(r.clone());
        }
    }
    let report = jiedai_core::check::check_paths(&paths, &env.rubric);
    let mut diags = report.diagnostics.clone();
    if a.deny_warnings {
        for d in &mut diags {
            d.severity = jiedai_core::diag::Severity::Error;
        }
    }
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let warnings = diags.len() - errors;
    match a.format {
        Format::Json => {
            let out = serde_json::json!({
                "files": report.files,
                "errors": errors,
                "warnings": warnings,
                "diagnostics": diags.iter().map(|d| d.to_json(env.lang)).collect::<Vec<_>>(),
            });
            println!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
        }
        Format::Text => {
            for d in &diags {
                let loc = report
                    .scenarios
                    .iter()
                    .find(|s| s.path == d.file)
                    .map(|s| &s.locator);
                let loc_owned;
                let loc = match loc {
                    Some(l) => Some(l),
                    None => {
                        loc_owned = std::fs::read_to_string(&d.file)
                            .ok()
                            .map(|t| jiedai_core::source::Locator::new(&t));
                        loc_owned.as_ref()
                    }
                };
                eprint!("{}", render::diagnostic(d, loc, env.lang));
            }
            let files = report.files.len();
            eprintln!(
                "{}",
                match env.lang {
                    jiedai_core::Lang::Zh =>
                        format!("检查了 {files} 个文件：{errors} 个错误，{warnings} 个警告"),
                    jiedai_core::Lang::En =>
                        format!("checked {files} files: {errors} errors, {warnings} warnings"),
                }
            );
        }
    }
    if errors > 0 { FOUND_ERRORS } else { OK }
}

#[derive(Clone, Copy, ValueEnum)]
pub enum GraphFormat {
    Mermaid,
    Dot,
}

#[derive(Args)]
pub struct GraphArgs {
    /// A scenario file, or the id of a shipped scenario.
    scenario: String,
    #[arg(long, value_enum, default_value_t = GraphFormat::Mermaid)]
    format: GraphFormat,
}

pub fn graph(env: &Env, a: GraphArgs) -> u8 {
    let ls = match load_one(env, &a.scenario) {
        Ok(s) => s,
        Err(c) => return c,
    };
    let out = match a.format {
        GraphFormat::Mermaid => jiedai_core::graph::mermaid(&ls.value, env.lang),
        GraphFormat::Dot => jiedai_core::graph::dot(&ls.value, env.lang),
    };
    print!("{out}");
    OK
}

#[derive(Args)]
pub struct ExploreArgs {
    /// A scenario file, or the id of a shipped scenario.
    scenario: String,
    #[arg(long, value_enum, default_value_t)]
    format: Format,
}

pub fn explore(env: &Env, a: ExploreArgs) -> u8 {
    let ls = match load_one(env, &a.scenario) {
        Ok(s) => s,
        Err(c) => return c,
    };
    let rep = match jiedai_core::explore::explore(&ls.value, &env.rubric) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{}: {e}", ls.path.display());
            return FOUND_ERRORS;
        }
    };
    if a.format == Format::Json {
        println!("{}", serde_json::to_string_pretty(&rep).unwrap_or_default());
        return OK;
    }
    let zh = env.lang == jiedai_core::Lang::Zh;
    let s = &ls.value;
    println!("{} ({})", s.title.get(env.lang), s.id);
    println!(
        "{}: {}{}",
        if zh {
            "探索的状态数"
        } else {
            "states explored"
        },
        rep.nodes,
        if rep.truncated { " (truncated)" } else { "" }
    );
    match rep.paths {
        Some(n) => println!(
            "{}: {n}{}",
            if zh {
                "不同路径数"
            } else {
                "distinct paths"
            },
            if rep.paths_saturated { "+" } else { "" }
        ),
        None => println!(
            "{}",
            if zh {
                "不同路径数：无上限（存在可重复的循环）"
            } else {
                "distinct paths: unbounded (a loop can repeat)"
            }
        ),
    }
    println!("\n{}", if zh { "结局：" } else { "Endings:" });
    for e in &rep.endings {
        let mark = if e.reachable { "✓" } else { "✗" };
        let path = e
            .shortest
            .as_ref()
            .map(|p| {
                p.iter()
                    .map(|s| s.choice.as_str())
                    .collect::<Vec<_>>()
                    .join(" → ")
            })
            .unwrap_or_else(|| (if zh { "无法到达" } else { "unreachable" }).into());
        let turns = e.shortest.as_ref().map_or(0, Vec::len);
        println!(
            "  {mark} {:<22} {:<18} {} {turns}: {path}",
            e.step,
            e.outcome.label().get(env.lang),
            if zh { "最短回合" } else { "shortest" }
        );
    }
    println!(
        "\n{}",
        if zh {
            "各技巧可得分范围（0–100）："
        } else {
            "Score range per technique (0–100):"
        }
    );
    for t in &rep.techniques {
        let name = env
            .rubric
            .technique(&t.id)
            .map(|x| x.name.get(env.lang).to_owned())
            .unwrap_or_default();
        match (t.min_score, t.max_score) {
            (Some(lo), Some(hi)) => println!(
                "  {:<14} {lo:>3} – {hi:<3}  ({:+.1} … {:+.1}){}",
                name,
                t.min_points,
                t.max_points,
                if t.via_loop { " ↻" } else { "" }
            ),
            _ => println!(
                "  {:<14}   —  ({})",
                name,
                if zh {
                    "本剧本不练"
                } else {
                    "not exercised"
                }
            ),
        }
    }
    if !rep.dead_loops.is_empty() {
        println!(
            "\n{}",
            if zh {
                "走不出去的循环："
            } else {
                "Dead loops:"
            }
        );
        for l in &rep.dead_loops {
            println!("  {}", l.join(", "));
        }
    }
    if !rep.branch_loops.is_empty() {
        println!(
            "\n{}: {}",
            if zh {
                "分支不停跳转的步骤"
            } else {
                "Branches that never settle"
            },
            rep.branch_loops.join(", ")
        );
    }
    OK
}

#[derive(Clone, Copy, Default, ValueEnum, PartialEq, Eq)]
pub enum LibraryFormat {
    #[default]
    Md,
    Json,
}

#[derive(Args)]
pub struct LibraryArgs {
    /// Scenarios folder (default: the shipped scenarios/).
    path: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t)]
    format: LibraryFormat,
}

/// One row of the library table.
#[derive(serde::Serialize)]
struct Row {
    id: String,
    title_zh: String,
    title_en: String,
    visitor_type: String,
    difficulty: String,
    objectives: Vec<String>,
    minutes: u32,
    best_path_turns: Option<usize>,
    endings: usize,
    /// Choice steps, and those whose best option is also their longest (W105).
    choice_steps: usize,
    best_is_longest: usize,
    file: String,
    #[serde(skip)]
    order: (usize, jiedai_core::model::Difficulty),
}

pub fn library(env: &Env, a: LibraryArgs) -> u8 {
    let Some(dir) = a.path.clone().or_else(|| env.default_scenarios()) else {
        eprintln!(
            "{}\n{}",
            env.lang.pick(
                "找不到 scenarios/ 文件夹。查找过：",
                "cannot find the scenarios/ folder. Looked in:"
            ),
            env.found.looked_list()
        );
        return USAGE;
    };
    let report = jiedai_core::check::check_paths(std::slice::from_ref(&dir), &env.rubric);
    for d in report.diagnostics.iter().filter(|d| d.is_error()) {
        eprint!("{}", render::diagnostic(d, None, env.lang));
    }
    let mut rows: Vec<Row> = report
        .playable()
        .into_iter()
        .map(|ls| {
            let s = &ls.value;
            let best = jiedai_core::explore::extremes(s, &env.rubric)
                .ok()
                .and_then(|e| e.best)
                .map(|p| p.len());
            let (choice_steps, best_is_longest) =
                jiedai_core::validate::giveaway::best_is_longest(s, &env.rubric);
            Row {
                choice_steps,
                best_is_longest,
                id: s.id.clone(),
                title_zh: s.title.get(jiedai_core::Lang::Zh).to_owned(),
                title_en: s.title.get(jiedai_core::Lang::En).to_owned(),
                visitor_type: format!(
                    "{} / {}",
                    s.visitor_type.label().get(jiedai_core::Lang::Zh),
                    s.visitor_type.label().get(jiedai_core::Lang::En)
                ),
                difficulty: format!(
                    "{} / {}",
                    s.difficulty.label().get(jiedai_core::Lang::Zh),
                    s.difficulty.label().get(jiedai_core::Lang::En)
                ),
                objectives: s.objectives.clone(),
                minutes: s.minutes,
                best_path_turns: best,
                endings: s.steps.iter().filter(|st| st.is_end()).count(),
                file: ls
                    .path
                    .file_name()
                    .map(|f| f.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                order: (
                    jiedai_core::model::VisitorType::ALL
                        .iter()
                        .position(|t| *t == s.visitor_type)
                        .unwrap_or(0),
                    s.difficulty,
                ),
            }
        })
        .collect();
    rows.sort_by(|a, b| a.order.cmp(&b.order).then(a.id.cmp(&b.id)));
    match a.format {
        LibraryFormat::Json => println!(
            "{}",
            serde_json::to_string_pretty(&rows).unwrap_or_default()
        ),
        LibraryFormat::Md => {
            println!("# The scenario library\n");
            println!(
                "Generated from `scenarios/` by `jiedai library --format md > docs/scenarios.md`; a test fails when"
            );
            println!(
                "this file and the scenarios disagree. Objectives are technique ids of `assets/rubric.ron`. The last"
            );
            println!(
                "column is the share of choice steps whose best option is also the longest (`check` warns above half).\n"
            );
            println!(
                "| id | title | visitor type | difficulty | objectives | minutes | turns on the best path | endings | best is longest |"
            );
            println!("|---|---|---|---|---|---|---|---|---|");
            for r in &rows {
                println!(
                    "| `{}` | {}<br>{} | {} | {} | {} | {} | {} | {} | {}/{} |",
                    r.id,
                    r.title_zh,
                    r.title_en,
                    r.visitor_type,
                    r.difficulty,
                    r.objectives.join(", "),
                    r.minutes,
                    r.best_path_turns.map_or("—".to_owned(), |t| t.to_string()),
                    r.endings,
                    r.best_is_longest,
                    r.choice_steps
                );
            }
        }
    }
    if report.errors() > 0 {
        FOUND_ERRORS
    } else {
        OK
    }
}
