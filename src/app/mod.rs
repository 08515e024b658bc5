//! The Bevy app: a thin shell of screens over the `jiedai-core` engine.
//!
//! `plugin` holds everything but the window and rendering, so tests drive it headless with
//! `MinimalPlugins`; `run` adds Bevy's default plugins and opens the window.

#[cfg(feature = "hooks")]
mod hooks;
pub mod locale;
pub mod records;
mod screens;
pub mod settings;
#[cfg(test)]
mod tests;
pub mod theme;
pub mod watch;

use bevy::prelude::*;
use jiedai_core::analyse::Analyser;
use jiedai_core::engine::Session;
use jiedai_core::model::Scenario;
use jiedai_core::rubric::Rubric;
use jiedai_core::{Lang, Text};
use std::path::PathBuf;
use std::sync::Arc;

pub use screens::Screen;

/// The screens' one vocabulary: buttons and keys both send these.
#[derive(Message, Component, Clone, Debug, PartialEq)]
pub enum Action {
    Go(Screen),
    /// Start practising: the tutorial's case file if there is one, else the library.
    Start,
    Quit,
    /// Highlight a scenario in the library (index into the filtered list).
    Select(usize),
    Open(usize),
    FilterType,
    FilterDifficulty,
    Begin,
    Choose(usize),
    SubmitText(String),
    /// The send button: submit what is in the reply box.
    SendTyped,
    Pause,
    Resume,
    AskLeave,
    Leave,
    Retry,
    ToggleLang,
    ScaleUp,
    ScaleDown,
    ToggleMeters,
    CycleSpeed,
    ToggleFullscreen,
    ToggleClassroom,
    /// Classroom mode: show the options once the room has discussed.
    ShowOptions,
    /// Who is training (as typed; cleaned before use).
    SetTrainee(String),
    /// Look back at a stored visit (index into the history screen's list).
    Replay(usize),
    /// The case file: switch between practice and exam for the next visit.
    ToggleExam,
    /// Practice: a hint for the step at hand (it costs points).
    Hint,
    /// Practice: answer turn N (1-based) again.
    Back(usize),
    /// Practice: from the debrief, answer the weakest turn again.
    RetryWeakest,
    /// For authors: the current scenario's step graph with the path played.
    ShowGraph,
    /// The main menu's group session: choose a scenario, then present it to the room.
    Present,
    /// The group session's summary: write its hand-out.
    ExportSummary,
}

/// Practice or exam, chosen on the case file before the visit and kept for the next one.
#[derive(Resource, Default, Clone, Copy, PartialEq, Eq)]
pub struct ExamMode(pub bool);

/// The bundled CJK font.
#[derive(Resource, Clone, Default)]
pub struct UiFont(pub Handle<Font>);

/// A scenario file that could not be loaded, with its diagnostics rendered for people.
#[derive(Clone, Debug)]
pub struct Broken {
    pub path: PathBuf,
    pub messages: Vec<String>,
}

/// The scenarios the app offers, the rubric and the analyser built from it.
#[derive(Resource, Clone)]
pub struct Library {
    pub scenarios: Vec<Arc<Scenario>>,
    /// The content hash of each playable scenario's file, for the records.
    pub hashes: Vec<String>,
    /// Each playable scenario's file.
    pub paths: Vec<PathBuf>,
    pub broken: Vec<Broken>,
    pub rubric: Arc<Rubric>,
    pub analyser: Arc<Analyser>,
    /// Each playable scenario's par (its best path's points), explored once, when the
    /// scenario is first played, so that start-up does not wait for it.
    pars: Vec<std::sync::OnceLock<Arc<jiedai_core::explore::Par>>>,
    pub source: PathBuf,
}

impl Library {
    /// Loads and checks every scenario under `path`; broken files are listed, never fatal.
    pub fn load(
        path: &std::path::Path,
        rubric: Rubric,
        analyser: Arc<Analyser>,
        lang: Lang,
    ) -> Library {
        // Errors decide what is playable; the explorer's warning is for authors (`jiedai check`).
        let report = jiedai_core::check::check_paths_with(&[path.to_path_buf()], &rubric, false);
        let playable: Vec<Arc<Scenario>> = report
            .playable()
            .into_iter()
            .map(|s| Arc::new(s.value.clone()))
            .collect();
        let hashes: Vec<String> = report
            .playable()
            .into_iter()
            .map(|s| jiedai_core::records::content_hash(s.text.as_bytes()))
            .collect();
        let paths: Vec<PathBuf> = report
            .playable()
            .into_iter()
            .map(|s| s.path.clone())
            .collect();
        let mut broken: Vec<Broken> = Vec::new();
        for d in report.diagnostics.iter().filter(|d| d.is_error()) {
            let line = format!(
                "{}:{}:{} [{}] {}",
                d.file.display(),
                d.pos.line,
                d.pos.column,
                d.code.as_str(),
                d.message(lang)
            );
            match broken.iter_mut().find(|b| b.path == d.file) {
                Some(b) => b.messages.push(line),
                None => broken.push(Broken {
                    path: d.file.clone(),
                    messages: vec![line],
                }),
            }
        }
        let pars = playable
            .iter()
            .map(|_| std::sync::OnceLock::new())
            .collect();
        Library {
            pars,
            scenarios: playable,
            hashes,
            paths,
            broken,
            rubric: Arc::new(rubric),
            analyser,
            source: path.to_path_buf(),
        }
    }
}

impl Library {
    /// Adds a scenario that is not in the loaded files any more (the last good version of a
    /// file whose edit is broken).
    pub fn keep(&mut self, s: Arc<Scenario>, hash: String, path: PathBuf) {
        self.scenarios.push(s);
        self.hashes.push(hash);
        self.paths.push(path);
        self.pars.push(std::sync::OnceLock::new());
    }

    /// The par of playable scenario `i`, explored the first time it is asked for.
    pub fn par(&self, i: usize) -> Option<Arc<jiedai_core::explore::Par>> {
        let sc = self.scenarios.get(i)?;
        let cell = self.pars.get(i)?;
        Some(
            cell.get_or_init(|| Arc::new(jiedai_core::explore::par(sc, &self.rubric)))
                .clone(),
        )
    }
}

/// Library filters and the highlighted card.
#[derive(Resource, Default, Clone)]
pub struct Browse {
    pub visitor_type: Option<jiedai_core::model::VisitorType>,
    pub difficulty: Option<jiedai_core::model::Difficulty>,
    pub highlighted: usize,
    /// The scenario whose briefing is open (index into `Library::scenarios`).
    pub chosen: Option<usize>,
}

impl Browse {
    /// Indices into the library of the scenarios passing the filters.
    pub fn visible(&self, lib: &Library) -> Vec<usize> {
        lib.scenarios
            .iter()
            .enumerate()
            .filter(|(_, s)| {
                self.visitor_type.is_none_or(|t| s.visitor_type == t)
                    && self.difficulty.is_none_or(|d| s.difficulty == d)
            })
            .map(|(i, _)| i)
            .collect()
    }
}

/// The visit in progress.
#[derive(Resource, Default)]
pub struct Visit {
    pub session: Option<Session>,
    /// Seconds spent in the reception screen, time under the menu excluded.
    pub elapsed: f32,
    /// Characters of the current visitor line revealed so far.
    pub revealed: f32,
    /// A message for the trainee (e.g. an empty reply).
    pub notice: Option<&'static str>,
    /// The finished visit has been written to the history.
    pub recorded: bool,
    /// Classroom mode: the current step's options are shown (the room has discussed).
    pub options_shown: bool,
    /// The scenario file's content hash and when the visit began (ms), for the records.
    pub scenario_hash: String,
    pub started: u64,
    /// A stored visit being looked back at from the history (the debrief shows it, read-only).
    pub replay: Option<Box<jiedai_core::records::Visit>>,
    /// The practice hint asked for at this turn, shown until the next reply.
    pub hint: Option<jiedai_core::engine::Hint>,
}

/// A notice for the title screen (a damaged settings file, a scenarios folder not found).
#[derive(Resource, Default)]
pub struct Notices(pub Vec<String>);

/// Set when the current screen must be drawn again from the state.
#[derive(Resource, Default)]
pub struct Redraw(pub bool);

/// Everything the app needs, without a window: for `run` and for headless tests.
pub fn plugin(app: &mut App) {
    app.init_state::<Screen>()
        .add_message::<Action>()
        .init_resource::<Browse>()
        .init_resource::<Visit>()
        .init_resource::<Notices>()
        .init_resource::<Redraw>()
        .init_resource::<UiFont>()
        .init_resource::<settings::Settings>()
        .init_resource::<ConfigDir>()
        .init_resource::<records::AppRecords>()
        .init_resource::<ExamMode>()
        .add_plugins(screens::plugin)
        .add_plugins(watch::plugin)
        .add_systems(
            Update,
            (
                emit_button_actions,
                theme::shade_buttons,
                apply_settings_actions,
                quit_on_action,
            ),
        );
}

/// Pressed buttons send their action.
fn emit_button_actions(
    q: Query<(&Interaction, &Action), (Changed<Interaction>, With<Button>)>,
    mut out: MessageWriter<Action>,
) {
    for (i, a) in &q {
        if *i == Interaction::Pressed {
            out.write(a.clone());
        }
    }
}

fn quit_on_action(mut actions: MessageReader<Action>, mut exit: MessageWriter<AppExit>) {
    if actions.read().any(|a| *a == Action::Quit) {
        exit.write(AppExit::Success);
    }
}

/// Settings change wherever the trainee is (the settings screen, or keys on any screen).
fn apply_settings_actions(
    mut actions: MessageReader<Action>,
    mut settings: ResMut<settings::Settings>,
    mut redraw: ResMut<Redraw>,
    dir: Option<Res<ConfigDir>>,
) {
    let mut changed = false;
    for a in actions.read() {
        match a {
            Action::ToggleLang => {
                settings.lang = match settings.lang {
                    Lang::Zh => Lang::En,
                    Lang::En => Lang::Zh,
                }
            }
            Action::ScaleUp => settings.ui_scale = (settings.ui_scale + 0.125).min(2.0),
            Action::ScaleDown => settings.ui_scale = (settings.ui_scale - 0.125).max(0.75),
            Action::ToggleMeters => settings.meters = !settings.meters,
            Action::CycleSpeed => settings.next_speed(),
            Action::ToggleFullscreen => settings.fullscreen = !settings.fullscreen,
            Action::ToggleClassroom => settings.classroom = !settings.classroom,
            _ => continue,
        }
        changed = true;
    }
    if changed {
        redraw.0 = true;
        if let Some(dir) = dir.and_then(|d| d.0.clone())
            && let Err(e) = settings::save(&dir, &settings)
        {
            warn!("could not save settings to {}: {e}", dir.display());
        }
    }
}

/// Where settings are saved (none in tests).
#[derive(Resource, Default)]
pub struct ConfigDir(pub Option<PathBuf>);

/// Text in the current language.
pub fn t(settings: &settings::Settings, text: &Text) -> String {
    text.get(settings.lang).to_owned()
}

/// How many windows a group session uses.
#[derive(Resource, Clone, Copy, Debug, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Screens {
    /// Two when two displays are connected, else one.
    #[default]
    Auto,
    One,
    Two,
}

/// `jiedai present`: open straight into a group session.
#[derive(Clone, Debug)]
pub struct PresentStart {
    /// The scenario's id; `None` with `first` set opens the first (and only) scenario loaded
    /// from a file, `None` without it opens the library to choose.
    pub scenario: Option<String>,
    pub first: bool,
    pub timer: u32,
    pub screens: Screens,
    /// Stay in a window rather than full screen.
    pub windowed: bool,
}

/// Options for opening the window.
pub struct Options {
    pub assets: PathBuf,
    /// The scenarios, loading on another thread while the window opens.
    pub library: std::thread::JoinHandle<Library>,
    /// Start in classroom mode (`jiedai --classroom`), whatever the settings say.
    pub classroom: bool,
    /// Who is training (`jiedai --trainee NAME`); without it the app asks first.
    pub trainee: Option<String>,
    /// The records' data folder and the centre's server (`--data-dir`, `--store`).
    pub data_dir: Option<PathBuf>,
    pub store: Option<String>,
    /// The rubric file and the analyser's model, watched and reloaded with the scenarios.
    pub rubric: Option<PathBuf>,
    pub model: Option<PathBuf>,
    /// `jiedai present`.
    pub present: Option<PresentStart>,
}

/// Opens the window and runs the app until it is closed.
pub fn run(opts: Options) -> AppExit {
    let dir = settings::config_dir();
    let loaded = settings::load(dir.as_deref());
    let mut notices = Vec::new();
    if let Some(p) = &loaded.notice {
        notices.push(format!(
            "{} {}",
            locale::tr(loaded.settings.lang, "set.saved_corrupt"),
            p.display()
        ));
    }
    let mut s = loaded.settings.clone();
    s.classroom |= opts.classroom;
    let store = opts.store.clone().or_else(|| s.store.clone());
    let mut recs = records::AppRecords::open(
        opts.data_dir
            .clone()
            .or_else(jiedai_core::records::default_data_dir),
        store,
        dir.as_deref(),
        s.lang,
    );
    if let Some(p) = &recs.problem {
        notices.push(p.clone());
    }
    let named = opts
        .trainee
        .as_deref()
        .and_then(jiedai_core::records::clean_name);
    if let Some(n) = &named {
        recs.set_trainee(n);
    }
    // The window smoke test asks for a size (e.g. JIEDAI_WINDOW=1920x1080).
    let (w, h) = std::env::var("JIEDAI_WINDOW")
        .ok()
        .and_then(|v| {
            v.split_once('x')
                .and_then(|(a, b)| Some((a.parse().ok()?, b.parse().ok()?)))
        })
        .unwrap_or((1280, 720));
    let mut app = App::new();
    app.add_plugins(
        DefaultPlugins
            .set(WindowPlugin {
                primary_window: Some(Window {
                    title: "接待 · jiedai".into(),
                    resolution: bevy::window::WindowResolution::new(w, h),
                    mode: window_mode(s.fullscreen),
                    ..default()
                }),
                ..default()
            })
            .set(AssetPlugin {
                file_path: opts.assets.to_string_lossy().into_owned(),
                ..default()
            }),
    )
    .insert_resource(ClearColor(theme::palette::BG))
    .insert_resource(s)
    .insert_resource(ConfigDir(dir))
    .insert_resource(Notices(notices))
    .insert_resource(recs);
    // Bevy's plugins are built (the renderer found, the window asked for): now the scenarios.
    let Ok(library) = opts.library.join() else {
        eprintln!("loading the scenarios failed");
        return AppExit::error();
    };
    let watch = watch::Watch::new(
        library.source.clone(),
        opts.rubric.clone(),
        opts.model.clone(),
    );
    app.insert_resource(library)
        .insert_resource(watch)
        .add_plugins(plugin)
        .add_systems(Startup, (load_font, spawn_camera))
        .add_systems(Update, (sync_scale, sync_window_mode));
    if let Some(p) = &opts.present {
        // A room has no trainee to ask for.
        let lib = app.world().resource::<Library>();
        let found = match &p.scenario {
            Some(id) => lib.scenarios.iter().position(|s| &s.id == id),
            None if p.first => (!lib.scenarios.is_empty()).then_some(0),
            None => None,
        };
        let mut presenting = app
            .world_mut()
            .resource_mut::<screens::present::Presenting>();
        presenting.discussion = p.timer;
        presenting.scenario = found;
        app.insert_resource(p.screens)
            .insert_resource(screens::present::Windowed(p.windowed));
        let first = if found.is_some() {
            Screen::Present
        } else {
            app.world_mut()
                .resource_mut::<screens::present::PresentFromLibrary>()
                .0 = true;
            Screen::Library
        };
        app.world_mut()
            .resource_mut::<NextState<Screen>>()
            .set(first);
    } else if named.is_none() {
        app.world_mut()
            .resource_mut::<NextState<Screen>>()
            .set(Screen::Trainee);
    }
    app.add_plugins(screens::present::windows);
    #[cfg(feature = "hooks")]
    hooks::plugin(&mut app, opts.present.is_some());
    app.run()
}

pub(crate) fn window_mode(full: bool) -> bevy::window::WindowMode {
    if full {
        bevy::window::WindowMode::BorderlessFullscreen(bevy::window::MonitorSelection::Current)
    } else {
        bevy::window::WindowMode::Windowed
    }
}

fn load_font(mut font: ResMut<UiFont>, assets: Res<AssetServer>) {
    font.0 = assets.load("fonts/wqy-microhei.ttc");
}

/// The UI camera. Multisampling is off: the UI shader smooths its own edges, and four samples a
/// pixel only cost memory traffic (on a software renderer, most of a frame).
fn spawn_camera(mut commands: Commands) {
    // The default UI camera: every screen draws in the main window (the projector in a group
    // session) unless it names the trainer's window.
    commands.spawn((
        Name::new("Camera"),
        Camera2d,
        bevy::render::view::Msaa::Off,
        IsDefaultUiCamera,
    ));
}

fn sync_scale(settings: Res<settings::Settings>, mut scale: ResMut<UiScale>) {
    if settings.is_changed() && scale.0 != settings.ui_scale {
        scale.0 = settings.ui_scale;
    }
}

fn sync_window_mode(settings: Res<settings::Settings>, mut windows: Query<&mut Window>) {
    if settings.is_changed() {
        for mut w in &mut windows {
            let want = window_mode(settings.fullscreen);
            if w.mode != want {
                w.mode = want;
            }
        }
    }
}
