//! `jiedai play`: a visit in the terminal, one reply per line on stdin, so it can be scripted.

use super::{Env, FOUND_ERRORS, OK, load_one, write_atomic};
use clap::Args;
use jiedai_core::engine::{Response, Session};
use jiedai_core::model::Turn;
use jiedai_core::{Lang, render};
use std::io::{BufRead, Write};
use std::sync::Arc;

#[derive(Args)]
pub struct PlayArgs {
    /// A scenario file, or the id of a shipped scenario.
    scenario: String,
    /// Seed for the visitor's line variants (the same seed replays the same visit).
    #[arg(long)]
    seed: Option<u64>,
    /// Write the debrief as JSON to this file at the end.
    #[arg(long, value_name = "FILE")]
    debrief_json: Option<std::path::PathBuf>,
    /// Keep the visit in the trainee's records under this name or staff number (a visit
    /// left before its end is kept as abandoned).
    #[arg(long, value_name = "NAME")]
    trainee: Option<String>,
    /// practice: `:back N` answers turn N again and `:hint` shows a hint (at a cost); exam:
    /// no hints, no going back, the state and feedback only in the debrief.
    #[arg(long, value_enum, default_value_t = PlayMode::Practice)]
    mode: PlayMode,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PlayMode {
    Practice,
    Exam,
}

pub fn play(env: &Env, a: PlayArgs) -> u8 {
    let ls = match load_one(env, &a.scenario) {
        Ok(s) => s,
        Err(c) => return c,
    };
    let lang = env.lang;
    let trainee = match a.trainee.as_deref().map(jiedai_core::records::clean_name) {
        Some(None) => {
            eprintln!(
                "--trainee: {}",
                lang.pick(
                    "学员姓名或工号不能为空",
                    "the trainee's name or number is empty"
                )
            );
            return super::USAGE;
        }
        Some(Some(n)) => Some(n),
        None => None,
    };
    // Open the records first, so that a database that cannot be used is said before the visit.
    let mut records = match &trainee {
        Some(_) => match super::records::open(env) {
            Ok(r) => Some(r),
            Err(c) => return c,
        },
        None => None,
    };
    let started = jiedai_core::records::now_ms();
    let scenario_hash = jiedai_core::records::content_hash(ls.text.as_bytes());
    let seed = a.seed.unwrap_or_else(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs())
    });
    let scenario = Arc::new(ls.value);
    let rubric = Arc::new(env.rubric.clone());
    let par = Arc::new(jiedai_core::explore::par(&scenario, &rubric));
    let analyser = Arc::new(env.analyser());
    let mut session = match Session::with_parts(scenario.clone(), rubric, analyser, par, seed) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            return FOUND_ERRORS;
        }
    };
    let exam = a.mode == PlayMode::Exam;
    session.set_exam(exam);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let _ = writeln!(out, "{}", render::briefing(&scenario, lang, !exam));
    let _ = writeln!(
        out,
        "{} {seed}  ({})\n",
        lang.pick("种子", "seed"),
        lang.pick("用 --seed 重现这次练习", "replay with --seed")
    );
    let stdin = std::io::stdin();
    let mut lines = stdin.lock().lines();
    while !session.is_over() {
        let Some(view) = session.view() else { break };
        let speaker = view
            .speaker
            .and_then(|id| scenario.visitor(id))
            .map(|v| v.name.get(lang).to_owned())
            .unwrap_or_default();
        if let Some(cue) = view.cue {
            let _ = writeln!(out, "  （{}）", cue.get(lang));
        }
        if let Some(line) = view.line {
            let _ = writeln!(out, "{speaker}：{}", line.get(lang));
        }
        // The options in the order this visit shows them; a number picks by that order.
        let shown: Vec<usize> = view.options().iter().map(|&(i, _)| i).collect();
        let free = match &view.step.turn {
            Turn::Choose { .. } => {
                for (k, (_, o)) in view.options().iter().enumerate() {
                    let _ = writeln!(out, "  {}. {}", k + 1, o.text.get(lang));
                }
                let _ = write!(
                    out,
                    "{}",
                    lang.pick("请选择（数字）> ", "Choose (number) > ")
                );
                false
            }
            Turn::Free { prompt, .. } => {
                if let Some(p) = prompt {
                    let _ = writeln!(out, "  [{}]", p.get(lang));
                }
                let _ = write!(
                    out,
                    "{}",
                    lang.pick("请输入您的回复 > ", "Type your reply > ")
                );
                true
            }
            Turn::End { .. } => break,
        };
        let _ = out.flush();
        let input = match lines.next() {
            Some(Ok(l)) => l,
            Some(Err(_)) => {
                let _ = writeln!(
                    out,
                    "\n{}",
                    lang.pick(
                        "输入不是 UTF-8 文本，已停止。",
                        "Input is not UTF-8 text; stopping."
                    )
                );
                return FOUND_ERRORS;
            }
            None => {
                let _ = writeln!(
                    out,
                    "\n{}",
                    lang.pick(
                        "输入结束，练习未完成。",
                        "End of input: the visit was not finished."
                    )
                );
                // Left after at least one reply: kept as abandoned.
                if let (Some(name), Some(r)) = (&trainee, records.as_mut())
                    && !session.transcript().is_empty()
                {
                    return keep(r, &session, name, started, &scenario_hash, lang, &mut out);
                }
                return OK;
            }
        };
        let input = input.trim().to_owned();
        let _ = writeln!(out);
        if let Some(cmd) = input.strip_prefix(':') {
            practice_command(&mut session, cmd.trim(), lang, &mut out);
            continue;
        }
        let response = if free {
            if input.is_empty() {
                let _ = writeln!(
                    out,
                    "{}",
                    lang.pick("（回复不能为空）", "(the reply cannot be empty)")
                );
                continue;
            }
            Response::Text(input)
        } else {
            match input.parse::<usize>() {
                Ok(n) if n >= 1 && n <= shown.len() => Response::Choice(shown[n - 1]),
                _ => {
                    let _ = writeln!(
                        out,
                        "{}",
                        lang.pick("（请输入选项前的数字）", "(type the number of an option)")
                    );
                    continue;
                }
            }
        };
        match session.respond(response) {
            // An exam gives no feedback until the debrief.
            Ok(_) if exam => {}
            Ok(rec) => {
                if free {
                    let _ = writeln!(
                        out,
                        "  {}: {}",
                        lang.pick("你说", "You said"),
                        rec.said.get(lang)
                    );
                    for f in rec.findings.iter().filter(|f| !f.negated) {
                        let _ = writeln!(out, "    · {} “{}”", name(env, &f.id, lang), f.evidence);
                    }
                } else {
                    let _ = writeln!(
                        out,
                        "  {}: {}",
                        lang.pick("你选择了", "You chose"),
                        rec.said.get(lang)
                    );
                }
                if !rec.assessment.premature.is_empty() {
                    let names: Vec<String> = rec
                        .assessment
                        .premature
                        .iter()
                        .map(|t| name(env, t, lang))
                        .collect();
                    let _ = writeln!(
                        out,
                        "  ⚠ {}: {}",
                        lang.pick("时机过早", "too early"),
                        names.join(", ")
                    );
                }
                if let Some(fb) = &rec.feedback {
                    let secs: Vec<String> = fb.guidance.iter().map(|g| format!("§{g}")).collect();
                    let _ = writeln!(out, "  → {} {}", fb.text.get(lang), secs.join(" "));
                }
                let s = &rec.after;
                let _ = writeln!(
                    out,
                    "  [{} {} · {} {}]\n",
                    lang.pick("情绪", "agitation"),
                    s.agitation,
                    lang.pick("信任", "trust"),
                    s.trust
                );
            }
            Err(e) => {
                let _ = writeln!(out, "({e})");
            }
        }
    }
    if let Some(view) = session.view()
        && let Some(line) = view.line
    {
        let speaker = view
            .speaker
            .and_then(|id| scenario.visitor(id))
            .map(|v| v.name.get(lang).to_owned())
            .unwrap_or_default();
        let _ = writeln!(out, "{speaker}：{}", line.get(lang));
    }
    let d = jiedai_core::score::debrief(&scenario, &env.rubric, session.par(), session.state());
    let _ = write!(out, "{}", render::debrief(&d, lang));
    if exam && let Some(t) = &scenario.teaching {
        let _ = writeln!(
            out,
            "\n{}\n{}",
            lang.pick("案情要点与任务：", "The teaching of this case:"),
            t.get(lang).trim()
        );
    }
    if let (Some(name), Some(r)) = (&trainee, records.as_mut())
        && keep(r, &session, name, started, &scenario_hash, lang, &mut out) != OK
    {
        return FOUND_ERRORS;
    }
    if let Some(path) = a.debrief_json {
        let json = serde_json::to_string_pretty(&d).unwrap_or_default();
        if let Err(e) = write_atomic(&path, json.as_bytes()) {
            eprintln!("{}: {e}", path.display());
            return FOUND_ERRORS;
        }
    }
    OK
}

fn name(env: &Env, id: &str, lang: Lang) -> String {
    env.rubric
        .technique(id)
        .map(|t| t.name.get(lang).to_owned())
        .or_else(|| {
            env.rubric
                .anti_pattern(id)
                .map(|t| t.name.get(lang).to_owned())
        })
        .or_else(|| {
            env.rubric
                .procedure(id)
                .map(|t| t.name.get(lang).to_owned())
        })
        .unwrap_or_else(|| id.to_owned())
}

/// Keeps the visit in the trainee's records; when the database will not take it, in a file
/// beside it for `jiedai records import`.
fn keep(
    r: &mut jiedai_core::records::Records,
    session: &Session,
    name: &str,
    started: u64,
    scenario_hash: &str,
    lang: Lang,
    out: &mut impl Write,
) -> u8 {
    use jiedai_core::records::{Ending, Mode, Status, Visit};
    let v = Visit::of_session(
        session,
        &Ending {
            trainee: name,
            mode: if session.is_exam() {
                Mode::Exam
            } else {
                Mode::Practice
            },
            status: if session.is_over() {
                Status::Finished
            } else {
                Status::Abandoned
            },
            started,
            ended: jiedai_core::records::now_ms(),
            scenario_hash,
        },
    );
    match r.save(&v) {
        Ok(saved) => {
            let _ = writeln!(
                out,
                "{}",
                match lang {
                    Lang::Zh => format!("已记入 {name} 的练习记录（{}）", v.id),
                    Lang::En => format!("kept in {name}'s records ({})", v.id),
                }
            );
            if let Some(p) = saved.pushed
                && let Some(e) = p.error
            {
                eprintln!(
                    "{}\n{}",
                    e.message(lang),
                    lang.pick(
                        "（记录已存在本机，连上服务器后再发送）",
                        "(kept on this machine; it is sent once the server can be reached)"
                    )
                );
            }
        }
        Err(e) => {
            eprintln!("{}", e.message(lang));
            match jiedai_core::records::spool(r.dir(), &v) {
                Ok(p) => eprintln!(
                    "{}: {}",
                    p.display(),
                    lang.pick(
                        "这次接待先存在这里，可用 jiedai records import 导入",
                        "the visit is kept here; bring it in with jiedai records import"
                    )
                ),
                Err(e2) => eprintln!("{}", e2.message(lang)),
            }
            return FOUND_ERRORS;
        }
    }
    OK
}

/// `:back N`, `:hint` and `:help`, typed instead of a reply.
fn practice_command(session: &mut Session, cmd: &str, lang: Lang, out: &mut impl Write) {
    let (word, arg) = cmd.split_once(' ').unwrap_or((cmd, ""));
    let said = match word {
        "back" | "b" => {
            let n = session.transcript().len();
            let turn = arg.trim().parse::<usize>().unwrap_or(n);
            match session.back_to(turn) {
                Ok(()) => match lang {
                    Lang::Zh => format!("（回到第 {turn} 轮，重新作答）"),
                    Lang::En => format!("(back to turn {turn}: answer it again)"),
                },
                Err(jiedai_core::engine::EngineError::Exam) => lang
                    .pick("（考核模式不能回退）", "(no going back in an exam)")
                    .to_owned(),
                Err(_) => match lang {
                    Lang::Zh => format!("（没有第 {arg} 轮可回，可回 1–{n}）"),
                    Lang::En => format!("(no turn {arg} to go back to: 1–{n})"),
                },
            }
        }
        "hint" | "h" => match session.hint() {
            Ok(h) => {
                let secs: Vec<String> = h.guidance.iter().map(|g| format!("§{g}")).collect();
                let cost = match (lang, h.cost) {
                    (_, 0) => String::new(),
                    (Lang::Zh, c) => format!("（扣 {c} 分）"),
                    (Lang::En, c) => format!(" ({c} points off)"),
                };
                format!(
                    "{}{cost}：{} {}",
                    lang.pick("提示", "Hint"),
                    h.text.get(lang),
                    secs.join(" ")
                )
            }
            Err(jiedai_core::engine::EngineError::Exam) => lang
                .pick("（考核模式没有提示）", "(no hints in an exam)")
                .to_owned(),
            Err(e) => format!("({e})"),
        },
        _ => lang
            .pick(
                "（练习命令：:back N 回到第 N 轮重答，:hint 看提示）",
                "(practice commands: :back N answers turn N again, :hint shows a hint)",
            )
            .to_owned(),
    };
    let _ = writeln!(out, "{said}\n");
}
