//! The command line: `jiedai [check|graph|explore|play|score]`.

mod author;
mod new;
mod play;
mod records;
mod render;
mod score;
mod train;

use clap::{Parser, Subcommand, ValueEnum};
use jiedai_core::Lang;
use jiedai_core::rubric::Rubric;
use std::path::PathBuf;
use std::process::ExitCode;

/// Exit codes shared by the subcommands.
pub const OK: u8 = 0;
pub const FOUND_ERRORS: u8 = 1;
pub const USAGE: u8 = 2;

#[derive(Parser)]
#[command(
    name = "jiedai",
    version,
    about = "信访接待模拟训练 · Reception trainer for petition (信访) reception staff",
    long_about = None,
    after_help = "使用手册 / Manual: /usr/share/doc/jiedai/manual.zh.md, manual.en.md (installed), docs/manual.zh.md, docs/manual.en.md (source)"
)]
pub struct Cli {
    /// Scenarios folder or file for the app (default: the shipped scenarios/).
    #[arg(long, global = true, value_name = "PATH")]
    scenarios: Option<PathBuf>,
    /// Open the app in classroom mode, for a trainer at a projector: the room discusses each
    /// step before its options are shown, and each reply is followed by the step's teaching
    /// point and the other options' feedback.
    #[arg(long)]
    classroom: bool,
    /// Open the app for this trainee (name or staff number) instead of asking who is training.
    #[arg(long, value_name = "NAME")]
    trainee: Option<String>,
    /// Rubric file (default: assets/rubric.ron).
    #[arg(long, global = true, value_name = "FILE")]
    rubric: Option<PathBuf>,
    /// Language of messages: zh or en (default: from JIEDAI_LANG / LANG).
    #[arg(long, global = true, value_name = "LANG")]
    lang: Option<LangArg>,
    /// Folder of the trainees' records database (default: the platform's data folder,
    /// ~/.local/share/jiedai on Linux).
    #[arg(long, global = true, value_name = "DIR", env = "JIEDAI_DATA_DIR")]
    data_dir: Option<PathBuf>,
    /// The centre's records server, e.g. postgres://jiedai@server/jiedai: visits are kept on
    /// this machine and sent there, and `report` reads everyone's from there.
    #[arg(long, global = true, value_name = "URL", env = "JIEDAI_STORE")]
    store: Option<String>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum LangArg {
    Zh,
    En,
}

#[derive(Clone, Copy, Default, ValueEnum, PartialEq, Eq)]
pub enum Format {
    #[default]
    Text,
    Json,
}

#[derive(Subcommand)]
enum Command {
    /// Check scenario files and folders (default: scenarios/) and the rubric.
    Check(author::CheckArgs),
    /// Print a scenario's step graph as Mermaid or Graphviz DOT.
    Graph(author::GraphArgs),
    /// Explore every visit a scenario allows: endings, paths, score ranges, dead loops.
    Explore(author::ExploreArgs),
    /// Write a commented scenario skeleton that checks clean: `jiedai new ID --type collective`.
    New(new::NewArgs),
    /// List the scenario library (the table in docs/scenarios.md).
    Library(author::LibraryArgs),
    /// Play a scenario in the terminal (reads replies line by line from stdin).
    Play(play::PlayArgs),
    /// Run a group session at the projector from a presentation clicker: the room discusses
    /// and votes at each step, the trainer reveals, plays out what-ifs and hands out a summary.
    Present(PresentArgs),
    /// Analyse a typed reply: techniques and anti-patterns with their evidence.
    Score(score::ScoreArgs),
    /// Train the analyser's learned layer from the labelled corpus and write its model file.
    TrainAnalyser(train::TrainArgs),
    /// Reports over the trainees' records: per trainee and scenario the first, best, latest
    /// and average score per technique, the first-visit resolution rate, the most common
    /// problems, and the group's first visit against its latest.
    Report(records::ReportArgs),
    /// The trainees' records: list, export and import as JSON lines, send to the server.
    #[command(subcommand)]
    Records(records::RecordsCommand),
}

#[derive(clap::Args)]
pub struct PresentArgs {
    /// A scenario file, or the id of a shipped scenario; without it the library opens to choose.
    scenario: Option<String>,
    /// Seconds of discussion per step (0: no timer); [ and ] change it during the session.
    #[arg(long, value_name = "SECS", default_value_t = 120)]
    timer: u32,
    /// two: the projector shows the room's view and a second window the trainer's notes; one:
    /// the notes only on the N toggle; auto: two when two displays are connected.
    #[arg(long, value_enum, default_value_t = crate::app::Screens::Auto)]
    screens: crate::app::Screens,
    /// Keep a window instead of going full screen (to rehearse a session on a laptop).
    #[arg(long)]
    windowed: bool,
}

/// What every subcommand needs: language, the rubric, where the shipped files are.
pub struct Env {
    pub lang: Lang,
    pub rubric: Rubric,
    pub rubric_path: Option<PathBuf>,
    pub found: crate::paths::Found,
    /// The analyser model beside the rubric (assets/analyser.model).
    pub model_path: Option<PathBuf>,
    /// `--data-dir`: where the records database is.
    pub data_dir: Option<PathBuf>,
    /// `--store`: the centre's records server.
    pub store: Option<String>,
}

impl Env {
    pub fn default_scenarios(&self) -> Option<PathBuf> {
        self.found.scenarios()
    }

    /// The analyser with its learned layer; when the model file cannot be read, the lexicons
    /// work alone and a notice on stderr says so.
    pub fn analyser(&self) -> jiedai_core::analyse::Analyser {
        load_analyser(&self.rubric, self.model_path.as_deref(), self.lang)
    }
}

/// The analyser with its learned layer from `model`, or the lexicons alone with a notice.
pub fn load_analyser(
    rubric: &Rubric,
    model: Option<&std::path::Path>,
    lang: Lang,
) -> jiedai_core::analyse::Analyser {
    let (a, err) = jiedai_core::analyse::Analyser::load(rubric, model);
    if let Some(e) = err {
        eprintln!(
            "{e}\n{}",
            lang.pick(
                "（只用词表分析回复，学习模型未加载）",
                "(replies are analysed by the lexicons alone; the learned model is not loaded)"
            )
        );
    }
    a
}

fn load_env(cli: &Cli) -> Result<Env, String> {
    let lang = match cli.lang {
        Some(LangArg::Zh) => Lang::Zh,
        Some(LangArg::En) => Lang::En,
        None => Lang::from_env(),
    };
    let found = crate::paths::find();
    let rubric_path = cli
        .rubric
        .clone()
        .or_else(|| found.assets().map(|a| a.join("rubric.ron")));
    let rubric = match &rubric_path {
        Some(p) => {
            let lr = jiedai_core::load::load_rubric(p)
                .map_err(|d| render::diagnostic(&d, None, lang))?;
            let errors: Vec<_> = jiedai_core::validate::validate_rubric(&lr)
                .into_iter()
                .filter(|d| d.is_error())
                .collect();
            if let Some(d) = errors.first() {
                return Err(render::diagnostic(d, Some(&lr.locator), lang));
            }
            lr.value
        }
        None => Rubric::builtin(),
    };
    let model_path = found
        .assets()
        .map(|a| a.join(jiedai_core::learn::MODEL_FILE));
    Ok(Env {
        lang,
        rubric,
        rubric_path,
        found,
        model_path,
        data_dir: cli.data_dir.clone(),
        store: cli.store.clone().filter(|s| !s.trim().is_empty()),
    })
}

pub fn run() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { USAGE } else { OK });
        }
    };
    let env = match load_env(&cli) {
        Ok(e) => e,
        Err(msg) => {
            eprint!("{msg}");
            return ExitCode::from(FOUND_ERRORS);
        }
    };
    let code = match cli.command {
        Some(Command::Check(a)) => author::check(&env, a),
        Some(Command::Graph(a)) => author::graph(&env, a),
        Some(Command::Explore(a)) => author::explore(&env, a),
        Some(Command::Library(a)) => author::library(&env, a),
        Some(Command::New(a)) => new::new(&env, a),
        Some(Command::Play(a)) => play::play(&env, a),
        Some(Command::Score(a)) => score::score(&env, a),
        Some(Command::TrainAnalyser(a)) => train::train(&env, a),
        Some(Command::Report(a)) => records::report(&env, a),
        Some(Command::Records(c)) => records::records(&env, c),
        Some(Command::Present(a)) => {
            // A scenario given by id is found among the shipped ones; by path, it is loaded alone.
            let (scenarios, id) = match &a.scenario {
                None => (cli.scenarios.clone(), None),
                Some(arg) => match scenario_path(&env, arg) {
                    Ok(p) if std::path::Path::new(arg).exists() => (Some(p), None),
                    Ok(_) => (cli.scenarios.clone(), Some(arg.clone())),
                    Err(e) => {
                        eprintln!("{e}");
                        return ExitCode::from(FOUND_ERRORS);
                    }
                },
            };
            let present = crate::app::PresentStart {
                scenario: id,
                first: a.scenario.is_some(),
                timer: a.timer,
                screens: a.screens,
                windowed: a.windowed,
            };
            open_app(&env, scenarios.as_deref(), false, None, Some(present))
        }
        None => open_app(
            &env,
            cli.scenarios.as_deref(),
            cli.classroom,
            cli.trainee.as_deref(),
            None,
        ),
    };
    ExitCode::from(code)
}

/// Opens the window on the shipped scenarios, or on `--scenarios PATH`.
fn open_app(
    env: &Env,
    scenarios: Option<&std::path::Path>,
    classroom: bool,
    trainee: Option<&str>,
    present: Option<crate::app::PresentStart>,
) -> u8 {
    // The window speaks X11 (XWayland on a Wayland desktop); without a display, say so plainly.
    if cfg!(target_os = "linux") && std::env::var_os("DISPLAY").is_none_or(|d| d.is_empty()) {
        eprintln!(
            "{}",
            env.lang.pick(
                "没有可用的图形显示（未设置 DISPLAY），无法打开窗口。可以在终端里练习：jiedai play tutorial",
                "No graphical display (DISPLAY is not set), so the window cannot open. Practise in the terminal instead: jiedai play tutorial"
            )
        );
        return FOUND_ERRORS;
    }
    let Some(assets) = env.found.assets() else {
        eprintln!(
            "{}\n{}",
            env.lang.pick(
                "找不到 jiedai 的 assets/ 文件夹（含 rubric.ron）。查找过：",
                "cannot find jiedai's assets/ folder (with rubric.ron). Looked in:"
            ),
            env.found.looked_list()
        );
        eprintln!(
            "{}",
            env.lang.pick(
                "可以设置 JIEDAI_HOME 指向 jiedai 的安装目录。",
                "Set JIEDAI_HOME to the folder jiedai is installed in."
            )
        );
        return FOUND_ERRORS;
    };
    let Some(dir) = scenarios
        .map(std::path::Path::to_path_buf)
        .or_else(|| env.default_scenarios())
    else {
        eprintln!(
            "{}",
            env.lang.pick(
                "找不到 scenarios/ 文件夹",
                "cannot find the scenarios/ folder"
            )
        );
        return FOUND_ERRORS;
    };
    // The scenarios load while Bevy starts its renderer and opens the window.
    let (rubric, lang, model) = (env.rubric.clone(), env.lang, env.model_path.clone());
    let library = std::thread::spawn(move || {
        let analyser = std::sync::Arc::new(load_analyser(&rubric, model.as_deref(), lang));
        let library = crate::app::Library::load(&dir, rubric, analyser, lang);
        for b in &library.broken {
            for m in &b.messages {
                eprintln!("{m}");
            }
        }
        library
    });
    let exit = crate::app::run(crate::app::Options {
        assets,
        library,
        classroom,
        trainee: trainee.map(str::to_owned),
        data_dir: env.data_dir.clone(),
        store: env.store.clone(),
        rubric: env.rubric_path.clone(),
        model: env.model_path.clone(),
        present,
    });
    if exit.is_success() { OK } else { FOUND_ERRORS }
}

/// Resolves a scenario argument: a file path, or an id among the shipped scenarios.
pub fn scenario_path(env: &Env, arg: &str) -> Result<PathBuf, String> {
    let p = PathBuf::from(arg);
    if p.exists() {
        return Ok(p);
    }
    if let Some(dir) = env.default_scenarios() {
        let report = jiedai_core::check::check_paths(std::slice::from_ref(&dir), &env.rubric);
        if let Some(s) = report.scenarios.iter().find(|s| s.value.id == arg) {
            return Ok(s.path.clone());
        }
    }
    Err(match env.lang {
        Lang::Zh => format!("找不到剧本 `{arg}`：既不是文件，也不是 scenarios/ 中的剧本 id"),
        Lang::En => format!("no scenario `{arg}`: neither a file nor a scenario id in scenarios/"),
    })
}

/// Loads one scenario for graph/explore/play, printing its diagnostics when it has errors.
pub fn load_one(env: &Env, arg: &str) -> Result<jiedai_core::load::LoadedScenario, u8> {
    let path = match scenario_path(env, arg) {
        Ok(p) => p,
        Err(m) => {
            eprintln!("{m}");
            return Err(FOUND_ERRORS);
        }
    };
    let mut report = jiedai_core::check::check_paths(std::slice::from_ref(&path), &env.rubric);
    if report.errors() > 0 {
        for d in report.diagnostics.iter().filter(|d| d.is_error()) {
            let loc = report
                .scenarios
                .iter()
                .find(|s| s.path == d.file)
                .map(|s| &s.locator);
            eprint!("{}", render::diagnostic(d, loc, env.lang));
        }
        return Err(FOUND_ERRORS);
    }
    match report.scenarios.pop() {
        Some(s) => Ok(s),
        None => {
            eprintln!(
                "{}",
                env.lang
                    .pick("这个文件不是剧本", "this file is not a scenario")
            );
            Err(FOUND_ERRORS)
        }
    }
}

/// Writes through a temporary file and a rename, so a crash never leaves half a file.
pub fn write_atomic(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = path.with_extension("tmp");
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path)
}
