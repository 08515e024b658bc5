//! `jiedai records` (list, export, import, sync, trainees) and `jiedai report`: the trainees'
//! visits in the machine's database and the centre's server, and the reports over them.

use super::{Env, FOUND_ERRORS, OK, USAGE, write_atomic};
use clap::{Args, Subcommand, ValueEnum};
use jiedai_core::Lang;
use jiedai_core::records::{self, Filter, Records, Store, postgres::PgStore};
use jiedai_core::report;
use std::path::PathBuf;

/// Which visits: every option narrows.
#[derive(Args, Clone, Default)]
pub struct Which {
    /// Only this trainee's visits.
    #[arg(long, value_name = "NAME")]
    trainee: Option<String>,
    /// Only visits of this scenario id.
    #[arg(long, value_name = "ID")]
    scenario: Option<String>,
    /// Only visits that ended on or after this day (YYYY-MM-DD, UTC).
    #[arg(long, value_name = "DATE")]
    since: Option<String>,
}

impl Which {
    fn filter(&self, lang: Lang) -> Result<Filter, u8> {
        let since = match &self.since {
            Some(s) => match records::parse_date(s) {
                Some(ms) => Some(ms),
                None => {
                    eprintln!(
                        "--since {s}: {}",
                        lang.pick(
                            "日期应写成 YYYY-MM-DD，例如 2026-09-01",
                            "write the date as YYYY-MM-DD, e.g. 2026-09-01"
                        )
                    );
                    return Err(USAGE);
                }
            },
            None => None,
        };
        Ok(Filter {
            trainee: self.trainee.clone(),
            scenario: self.scenario.clone(),
            since,
        })
    }
}

#[derive(Subcommand)]
pub enum RecordsCommand {
    /// List the stored visits, oldest first.
    List(Which),
    /// The trainees with visits on this machine.
    Trainees,
    /// Write visits as JSON lines (one visit a line) to FILE, or to stdout with `-`. An
    /// existing FILE is left alone unless `--force` is given.
    Export {
        file: PathBuf,
        /// Replace FILE if it exists.
        #[arg(long)]
        force: bool,
        #[command(flatten)]
        which: Which,
    },
    /// Read visits from JSON-lines files made by `export`; a visit already stored is skipped.
    Import {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Send the visits waiting for the centre's server (`--store`).
    Sync {
        /// Send every visit on this machine, not only those kept since the server was set.
        #[arg(long)]
        all: bool,
    },
}

#[derive(Clone, Copy, Default, ValueEnum, PartialEq, Eq)]
pub enum ReportFormat {
    #[default]
    Text,
    Csv,
    Html,
    Md,
    Json,
}

#[derive(Args)]
pub struct ReportArgs {
    #[command(flatten)]
    which: Which,
    #[arg(long, value_enum, default_value_t)]
    format: ReportFormat,
    /// Write the report to FILE instead of stdout.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
}

fn say(e: &records::RecordError, lang: Lang) {
    eprintln!("{}", e.message(lang));
}

/// The data folder: `--data-dir`, `JIEDAI_DATA_DIR`, else the platform's.
pub fn data_dir(env: &Env) -> Result<PathBuf, u8> {
    match env.data_dir.clone().or_else(records::default_data_dir) {
        Some(d) => Ok(d),
        None => {
            eprintln!(
                "{}",
                env.lang.pick(
                    "找不到数据文件夹（未设置 HOME），请用 --data-dir 指定",
                    "no data folder (HOME is not set): name one with --data-dir"
                )
            );
            Err(FOUND_ERRORS)
        }
    }
}

/// The records of this machine (the old history imported once), with the centre's server if
/// one is set.
pub fn open(env: &Env) -> Result<Records, u8> {
    let dir = data_dir(env)?;
    let mut r = Records::open(&dir, env.store.as_deref()).map_err(|e| {
        say(&e, env.lang);
        FOUND_ERRORS
    })?;
    if let Some(config) = crate::app::settings::config_dir() {
        match r.import_history_once(&config) {
            Ok(0) => {}
            Ok(n) => eprintln!(
                "{}",
                match env.lang {
                    Lang::Zh => format!("已导入旧的练习记录 {n} 条（原文件保留）"),
                    Lang::En =>
                        format!("imported {n} visits from the old history (the file is kept)"),
                }
            ),
            Err(e) => say(&e, env.lang),
        }
    }
    Ok(r)
}

pub fn records(env: &Env, cmd: RecordsCommand) -> u8 {
    let lang = env.lang;
    let mut r = match open(env) {
        Ok(r) => r,
        Err(c) => return c,
    };
    match cmd {
        RecordsCommand::List(which) => {
            let loaded = match load(&mut r, &which, lang) {
                Ok(l) => l,
                Err(c) => return c,
            };
            for v in &loaded.visits {
                println!(
                    "{}  {:>3}  {:<9}  {:<10}  {}  {}  {}",
                    report::date(v.ended),
                    v.overall,
                    v.status.as_str(),
                    report::display_name(&v.trainee, lang),
                    v.scenario,
                    v.mode.as_str(),
                    v.id
                );
            }
            for s in &loaded.skipped {
                eprintln!("{} {}: {}", r.local().place(), s.id, s.why);
            }
            OK
        }
        RecordsCommand::Trainees => match r.trainees() {
            Ok(names) => {
                for n in names {
                    println!("{n}");
                }
                OK
            }
            Err(e) => {
                say(&e, lang);
                FOUND_ERRORS
            }
        },
        RecordsCommand::Export { file, force, which } => {
            // An earlier export (perhaps another machine's) is not replaced by mistake.
            if file.as_os_str() != "-" && file.exists() && !force {
                eprintln!(
                    "{}: {}",
                    file.display(),
                    match lang {
                        Lang::Zh => "文件已存在，未覆盖；换一个文件名，或加 --force 替换它",
                        Lang::En =>
                            "already exists and was left as it is; name another file, or add --force to replace it",
                    }
                );
                return FOUND_ERRORS;
            }
            let loaded = match load(&mut r, &which, lang) {
                Ok(l) => l,
                Err(c) => return c,
            };
            let mut buf = Vec::new();
            if let Err(e) = records::jsonl::write(&mut buf, &loaded.visits) {
                eprintln!("{e}");
                return FOUND_ERRORS;
            }
            let written = if file.as_os_str() == "-" {
                use std::io::Write;
                std::io::stdout().write_all(&buf)
            } else {
                write_atomic(&file, &buf)
            };
            if let Err(e) = written {
                eprintln!("{}: {e}", file.display());
                return FOUND_ERRORS;
            }
            eprintln!(
                "{}",
                match lang {
                    Lang::Zh => format!("已导出 {} 次接待", loaded.visits.len()),
                    Lang::En => format!("exported {} visits", loaded.visits.len()),
                }
            );
            OK
        }
        RecordsCommand::Import { files } => {
            let mut code = OK;
            for file in &files {
                let f = match std::fs::File::open(file) {
                    Ok(f) => f,
                    Err(e) => {
                        eprintln!("{}: {e}", file.display());
                        code = FOUND_ERRORS;
                        continue;
                    }
                };
                let mut input = std::io::BufReader::new(f);
                let (done, err) = records::jsonl::import(&mut input, r.local());
                for x in &done.rejected {
                    eprintln!(
                        "{}:{}: {}: {}",
                        file.display(),
                        x.line,
                        lang.pick("未导入", "not imported"),
                        x.why
                    );
                }
                println!(
                    "{}",
                    match lang {
                        Lang::Zh => format!(
                            "{}：新增 {} 次，已有 {} 次，跳过 {} 行",
                            file.display(),
                            done.added,
                            done.known,
                            done.rejected.len()
                        ),
                        Lang::En => format!(
                            "{}: {} added, {} already there, {} lines skipped",
                            file.display(),
                            done.added,
                            done.known,
                            done.rejected.len()
                        ),
                    }
                );
                if let Some(e) = err {
                    say(&e, lang);
                    return FOUND_ERRORS;
                }
                if !done.rejected.is_empty() {
                    code = FOUND_ERRORS;
                }
            }
            if r.server().is_some() {
                if let Err(e) = r.queue_all() {
                    say(&e, lang);
                }
                report_push(&r.push(), lang);
            }
            code
        }
        RecordsCommand::Sync { all } => {
            if r.server().is_none() {
                eprintln!(
                    "{}",
                    lang.pick(
                        "没有设置练习记录服务器：用 --store postgres://… 或 JIEDAI_STORE",
                        "no records server set: use --store postgres://… or JIEDAI_STORE"
                    )
                );
                return USAGE;
            }
            if all && let Err(e) = r.queue_all() {
                say(&e, lang);
                return FOUND_ERRORS;
            }
            let p = r.push();
            report_push(&p, lang);
            if p.error.is_some() { FOUND_ERRORS } else { OK }
        }
    }
}

/// The visits on this machine that `which` picks.
fn load(r: &mut Records, which: &Which, lang: Lang) -> Result<records::Loaded, u8> {
    let f = which.filter(lang)?;
    r.load_local(&f).map_err(|e| {
        say(&e, lang);
        FOUND_ERRORS
    })
}

fn report_push(p: &records::Pushed, lang: Lang) {
    println!(
        "{}",
        match lang {
            Lang::Zh => format!("已发送到服务器 {} 次，待发送 {} 次", p.sent, p.pending),
            Lang::En => format!("{} sent to the server, {} waiting", p.sent, p.pending),
        }
    );
    if let Some(e) = &p.error {
        say(e, lang);
    }
}

pub fn report(env: &Env, a: ReportArgs) -> u8 {
    let lang = env.lang;
    let f = match a.which.filter(lang) {
        Ok(f) => f,
        Err(c) => return c,
    };
    // With a server set, the report is the centre's: everyone on every machine.
    let (loaded, source) = match env.store.as_deref() {
        Some(url) => {
            let mut pg = match PgStore::connect(url) {
                Ok(p) => p,
                Err(e) => {
                    say(&e, lang);
                    return FOUND_ERRORS;
                }
            };
            match pg.load(&f) {
                Ok(l) => (l, pg.place()),
                Err(e) => {
                    say(&e, lang);
                    return FOUND_ERRORS;
                }
            }
        }
        None => {
            let mut r = match open(env) {
                Ok(r) => r,
                Err(c) => return c,
            };
            match r.load_local(&f) {
                Ok(l) => (l, r.local().place()),
                Err(e) => {
                    say(&e, lang);
                    return FOUND_ERRORS;
                }
            }
        }
    };
    for s in &loaded.skipped {
        eprintln!(
            "{source}: {} {}: {}",
            lang.pick("跳过记录", "skipped record"),
            s.id,
            s.why
        );
    }
    let scope = report::Scope {
        trainee: a.which.trainee.clone(),
        scenario: a.which.scenario.clone(),
        since: a.which.since.clone(),
        source,
    };
    let rep = report::build(&loaded.visits, loaded.skipped, &env.rubric, scope);
    let out = match a.format {
        ReportFormat::Text => report::text(&rep, lang),
        ReportFormat::Csv => report::csv(&rep, lang),
        ReportFormat::Html => report::html(&rep, lang),
        ReportFormat::Md => report::markdown(&rep, lang),
        ReportFormat::Json => {
            let mut s = serde_json::to_string_pretty(&rep).unwrap_or_default();
            s.push('\n');
            s
        }
    };
    match &a.output {
        Some(path) => {
            if let Err(e) = write_atomic(path, out.as_bytes()) {
                eprintln!("{}: {e}", path.display());
                return FOUND_ERRORS;
            }
        }
        None => print!("{out}"),
    }
    OK
}
