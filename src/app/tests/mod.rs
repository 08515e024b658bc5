//! The app driven headless: no window, no GPU. Actions and keys go in; screens, the transcript
//! and the debrief come out.

use super::screens::Screen;
use super::screens::menu::Menu;
use super::settings::Settings;
use super::{Action, Library, Visit};
use bevy::input::InputPlugin;
use bevy::input::keyboard::{Key, KeyboardInput};
use bevy::prelude::*;
use bevy::state::app::StatesPlugin;
use jiedai_core::Lang;
use jiedai_core::model::Turn;

fn root() -> &'static std::path::Path {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The scenarios under `dir`, checked against the shipped rubric.
fn library(dir: &std::path::Path) -> Library {
    let rubric = jiedai_core::load::load_rubric(&root().join("assets/rubric.ron"))
        .unwrap()
        .value;
    let model = root().join("assets").join(jiedai_core::learn::MODEL_FILE);
    let (analyser, _) = jiedai_core::analyse::Analyser::load(&rubric, Some(&model));
    Library::load(dir, rubric, std::sync::Arc::new(analyser), Lang::En)
}

/// The app on the shipped scenarios.
fn app(lang: Lang) -> App {
    app_on(library(&root().join("scenarios")), lang)
}

/// The app, headless, on `lib`; the visitor's lines appear at once.
fn app_on(lib: Library, lang: Lang) -> App {
    let mut app = App::new();
    app.add_plugins((MinimalPlugins, StatesPlugin, InputPlugin))
        .insert_resource(Settings {
            lang,
            text_speed: 0,
            ..Settings::default()
        })
        .insert_resource(lib)
        .add_plugins(super::plugin);
    app.update();
    app
}

fn act(app: &mut App, a: Action) {
    app.world_mut().write_message(a);
    app.update();
    app.update();
}

fn texts(app: &mut App) -> String {
    let w = app.world_mut();
    let mut q = w.query::<&Text>();
    let mut all: Vec<String> = q.iter(w).map(|t| t.0.clone()).collect();
    let mut spans = w.query::<&TextSpan>();
    all.extend(spans.iter(w).map(|t| t.0.clone()));
    all.join("\n")
}

/// Plays the visit to its end: the first option at choices, `reply` at typed steps. Returns
/// whether a typed step came up; `after_typed` runs after each typed reply.
fn play_to_end(app: &mut App, reply: &str, mut after_typed: impl FnMut(&mut App)) -> bool {
    let mut typed = false;
    for _ in 0..40 {
        let (over, free) = {
            let v = app.world().resource::<Visit>();
            let s = v.session.as_ref().unwrap();
            (
                s.is_over(),
                s.view()
                    .is_some_and(|v| matches!(v.step.turn, Turn::Free { .. })),
            )
        };
        if over {
            return typed;
        }
        if free {
            act(app, Action::SubmitText(reply.into()));
            typed = true;
            after_typed(app);
        } else {
            act(app, Action::Choose(0));
        }
    }
    panic!("the visit did not end in 40 turns");
}

/// Turns taken so far in the current visit.
fn turns(app: &App) -> usize {
    app.world()
        .resource::<Visit>()
        .session
        .as_ref()
        .map_or(0, |s| s.transcript().len())
}

fn menu(app: &App) -> Menu {
    *app.world().resource::<State<Menu>>().get()
}

fn reply_box_entity(app: &mut App) -> Option<Entity> {
    let w = app.world_mut();
    let mut q = w.query_filtered::<Entity, With<super::screens::ReplyBox>>();
    q.iter(w).next()
}

fn screen(app: &App) -> Screen {
    *app.world().resource::<State<Screen>>().get()
}

fn press(app: &mut App, code: KeyCode, ch: &str) {
    let window = Entity::PLACEHOLDER;
    for state in [
        bevy::input::ButtonState::Pressed,
        bevy::input::ButtonState::Released,
    ] {
        app.world_mut().write_message(KeyboardInput {
            key_code: code,
            logical_key: match code {
                KeyCode::Backspace => Key::Backspace,
                KeyCode::Enter => Key::Enter,
                KeyCode::Escape => Key::Escape,
                _ => Key::Character(ch.into()),
            },
            state,
            text: (!ch.is_empty()).then(|| ch.into()),
            repeat: false,
            window,
        });
        app.update();
    }
    app.update();
}

#[test]
fn a_whole_visit_from_the_menu_to_the_debrief() {
    let mut app = app(Lang::Zh);
    assert_eq!(screen(&app), Screen::Title);
    assert!(texts(&mut app).contains("信访接待模拟训练"));
    act(&mut app, Action::Go(Screen::Library));
    assert_eq!(screen(&app), Screen::Library);
    let t = texts(&mut app);
    assert!(
        t.contains("入门教程：第一位来访人") && t.contains("集体访"),
        "{t}"
    );
    // "Start" opens the tutorial's case file.
    act(&mut app, Action::Go(Screen::Title));
    act(&mut app, Action::Start);
    assert_eq!(screen(&app), Screen::Briefing);
    assert!(texts(&mut app).contains("林秀芬"));
    act(&mut app, Action::Begin);
    assert_eq!(screen(&app), Screen::Reception);
    let typed = play_to_end(
        &mut app,
        "阿姨您别着急，这个由区住房保障部门办，我先帮您登记，再转交过去。",
        |app| {
            // The findings are shown with their evidence.
            assert!(texts(app).contains("【登记】"), "{}", texts(app));
        },
    );
    assert!(typed, "the tutorial has a typed step");
    assert!(turns(&app) >= 4);
    assert!(texts(&mut app).contains("接待结束"));
    act(&mut app, Action::Go(Screen::Debrief));
    assert_eq!(screen(&app), Screen::Debrief);
    let t = texts(&mut app);
    assert!(
        t.contains("复盘") && t.contains("总分") && t.contains("§"),
        "{t}"
    );
    // What the analyser found is named as the rubric names it, not by its id.
    assert!(
        t.contains("登记身份和诉求「登记」") && !t.contains("register「"),
        "{t}"
    );
    // Switching the language redraws the screen in English.
    act(&mut app, Action::ToggleLang);
    assert_eq!(app.world().resource::<Settings>().lang, Lang::En);
    let t = texts(&mut app);
    assert!(t.contains("Debrief") && t.contains("Overall"), "{t}");
    // Try again starts a fresh visit of the same scenario.
    act(&mut app, Action::Retry);
    assert_eq!(screen(&app), Screen::Reception);
    assert_eq!(turns(&app), 0);
}

#[test]
fn number_keys_choose_and_an_empty_reply_is_refused() {
    let mut app = app(Lang::En);
    act(&mut app, Action::Start);
    act(&mut app, Action::Begin);
    press(&mut app, KeyCode::Digit1, "1");
    assert_eq!(turns(&app), 1);
    press(&mut app, KeyCode::Digit1, "1");
    let (free, n) = {
        let v = app.world().resource::<Visit>();
        let s = v.session.as_ref().unwrap();
        (
            s.view()
                .is_some_and(|v| matches!(v.step.turn, Turn::Free { .. })),
            s.transcript().len(),
        )
    };
    assert!(free, "the tutorial's third turn is typed");
    // Digits typed into the reply box do not pick options.
    press(&mut app, KeyCode::Digit2, "2");
    act(&mut app, Action::SubmitText("   ".into()));
    assert_eq!(turns(&app), n);
    assert!(texts(&mut app).contains("The reply cannot be empty"));
}

#[test]
fn keys_that_mean_nothing_here_take_no_turn() {
    let mut app = app(Lang::En);
    act(&mut app, Action::Start);
    act(&mut app, Action::Begin);
    // The tutorial's first step offers three options: 9 is none of them; letters, F-keys
    // without a meaning and a number under the pause menu do nothing either.
    press(&mut app, KeyCode::Digit9, "9");
    press(&mut app, KeyCode::KeyQ, "q");
    press(&mut app, KeyCode::F12, "");
    assert_eq!(turns(&app), 0);
    assert_eq!(screen(&app), Screen::Reception);
    press(&mut app, KeyCode::Escape, "");
    assert_eq!(menu(&app), Menu::Paused);
    press(&mut app, KeyCode::Digit1, "1");
    assert_eq!(turns(&app), 0, "no choice is taken under the menu");
    act(&mut app, Action::Choose(0));
    assert_eq!(
        turns(&app),
        0,
        "nor by a click that reaches the screen under it"
    );
    press(&mut app, KeyCode::Escape, "");
    press(&mut app, KeyCode::Digit1, "1");
    assert_eq!(turns(&app), 1);
}

#[test]
fn pausing_and_leaving_asks_first() {
    let mut app = app(Lang::En);
    act(&mut app, Action::Start);
    act(&mut app, Action::Begin);
    press(&mut app, KeyCode::Escape, "");
    assert_eq!(menu(&app), Menu::Paused);
    act(&mut app, Action::AskLeave);
    assert_eq!(menu(&app), Menu::ConfirmLeave);
    assert!(
        texts(&mut app)
            .contains("Leave? What you have answered is kept as left unfinished, without a score.")
    );
    act(&mut app, Action::Resume);
    assert_eq!(screen(&app), Screen::Reception);
    assert_eq!(menu(&app), Menu::None);
    act(&mut app, Action::Pause);
    act(&mut app, Action::AskLeave);
    act(&mut app, Action::Leave);
    assert_eq!(screen(&app), Screen::Title);
}

#[test]
fn broken_scenarios_are_listed_and_the_good_ones_stay_playable() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        root().join("scenarios/tutorial.ron"),
        dir.path().join("tutorial.ron"),
    )
    .unwrap();
    std::fs::write(dir.path().join("broken.ron"), "Scenario(id: \"x\", title: ").unwrap();
    let lib = library(dir.path());
    assert_eq!(lib.scenarios.len(), 1);
    assert_eq!(lib.broken.len(), 1);
    assert!(
        lib.broken[0].messages[0].contains("broken.ron")
            && lib.broken[0].messages[0].contains("E002")
    );
    let mut app = app_on(lib, Lang::En);
    assert!(
        texts(&mut app).contains("1 file(s) with errors"),
        "the menu says so: {}",
        texts(&mut app)
    );
    act(&mut app, Action::Go(Screen::Library));
    let t = texts(&mut app);
    assert!(
        t.contains("These scenarios have errors") && t.contains("broken.ron"),
        "{t}"
    );
    assert!(t.contains("入门教程") || t.contains("Tutorial"), "{t}");
    // The good one still opens and starts.
    act(&mut app, Action::Open(0));
    act(&mut app, Action::Begin);
    assert_eq!(screen(&app), Screen::Reception);
}

#[test]
fn a_folder_without_scenarios_says_so_in_the_library() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_on(library(dir.path()), Lang::En);
    act(&mut app, Action::Go(Screen::Library));
    let t = texts(&mut app);
    assert!(
        t.contains("No playable scenario in") && t.contains(&dir.path().display().to_string()),
        "{t}"
    );
    // Enter on an empty library does nothing rather than fail.
    press(&mut app, KeyCode::Enter, "\r");
    assert_eq!(screen(&app), Screen::Library);
}

/// The app keeping records in `dir` for trainee `name`.
fn app_with_records(dir: &std::path::Path, name: &str) -> App {
    let mut app = app(Lang::Zh);
    let mut r = super::records::AppRecords::open(Some(dir.to_path_buf()), None, None, Lang::Zh);
    assert!(r.problem.is_none(), "{:?}", r.problem);
    r.set_trainee(name);
    app.insert_resource(r);
    app
}

fn stored(dir: &std::path::Path) -> Vec<jiedai_core::records::Visit> {
    use jiedai_core::records::Store;
    let mut db =
        jiedai_core::records::sqlite::SqliteStore::open(&jiedai_core::records::db_path(dir))
            .unwrap();
    let l = db.load(&jiedai_core::records::Filter::default()).unwrap();
    assert!(l.skipped.is_empty(), "{:?}", l.skipped);
    l.visits
}

#[test]
fn a_finished_visit_is_kept_whole_in_the_trainees_records() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with_records(dir.path(), "张三");
    act(&mut app, Action::Go(Screen::Library));
    act(&mut app, Action::Go(Screen::Title));
    let t = texts(&mut app);
    assert!(!t.contains("练习记录"), "no history before any visit");
    assert!(t.contains("学员：张三"), "the trainee is shown: {t}");
    act(&mut app, Action::Start);
    act(&mut app, Action::Begin);
    play_to_end(&mut app, "我先帮您登记，转交区住房保障部门。", |_| {});
    act(&mut app, Action::Go(Screen::Debrief));
    assert!(texts(&mut app).contains("已记入 张三 的练习记录"));
    act(&mut app, Action::Go(Screen::Title));
    act(&mut app, Action::Go(Screen::Debrief));
    let visits = stored(dir.path());
    assert_eq!(visits.len(), 1, "recorded once");
    let v = &visits[0];
    assert_eq!(
        (v.trainee.as_str(), v.scenario.as_str()),
        ("张三", "tutorial")
    );
    assert_eq!(v.status, jiedai_core::records::Status::Finished);
    assert_eq!(v.scenario_hash.len(), 16);
    assert!(v.started > 0 && v.ended >= v.started);
    // The whole visit: every turn with its state, the path and the debrief.
    assert!(!v.transcript.is_empty());
    assert_eq!(v.path.len(), v.transcript.len() + 1);
    assert!(v.debrief.is_some() && v.techniques.contains_key("listening"));

    act(&mut app, Action::Go(Screen::Title));
    assert!(texts(&mut app).contains("练习记录"));
    act(&mut app, Action::Go(Screen::History));
    let t = texts(&mut app);
    assert!(t.contains("练习记录 · 张三"), "{t}");
    assert!(t.contains("入门教程"), "{t}");
    assert!(t.contains("下一步重点") && t.contains("参见指南 §"), "{t}");
    assert!(t.contains("各项技巧的走势"), "{t}");
    // Enter looks back at the visit, read-only, with its debrief and transcript.
    press(&mut app, KeyCode::Enter, "\r");
    assert_eq!(screen(&app), Screen::Debrief);
    let t = texts(&mut app);
    assert!(t.contains("回看 · 只读 · 张三"), "{t}");
    assert!(t.contains("Esc 返回练习记录"), "{t}");
    assert!(!t.contains("再练一次"), "no retry from a stored visit: {t}");
    press(&mut app, KeyCode::Escape, "\u{1b}");
    assert_eq!(screen(&app), Screen::History);
    assert_eq!(stored(dir.path()).len(), 1, "looking back stores nothing");
}

#[test]
fn leaving_a_visit_keeps_it_as_abandoned_and_another_trainee_has_their_own_history() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with_records(dir.path(), "李四");
    act(&mut app, Action::Start);
    act(&mut app, Action::Begin);
    // Leaving before a reply keeps nothing; after one, the visit is kept as abandoned.
    act(&mut app, Action::Leave);
    assert!(stored(dir.path()).is_empty());
    act(&mut app, Action::Start);
    act(&mut app, Action::Begin);
    act(&mut app, Action::Choose(0));
    act(&mut app, Action::Leave);
    let visits = stored(dir.path());
    assert_eq!(visits.len(), 1);
    assert_eq!(visits[0].status, jiedai_core::records::Status::Abandoned);
    assert_eq!(visits[0].trainee, "李四");
    // The trainee screen: a new name, then the history is theirs alone.
    act(&mut app, Action::Go(Screen::Trainee));
    let t = texts(&mut app);
    assert!(t.contains("谁在训练") && t.contains("1  李四"), "{t}");
    act(&mut app, Action::SetTrainee("   ".into()));
    assert_eq!(screen(&app), Screen::Trainee, "an empty name is refused");
    assert!(texts(&mut app).contains("请先输入姓名或工号"));
    act(&mut app, Action::SetTrainee("  王五 ".into()));
    assert_eq!(screen(&app), Screen::Title);
    assert_eq!(app.world().resource::<Settings>().trainee, "王五");
    assert_eq!(
        app.world().resource::<super::records::AppRecords>().count,
        0
    );
    assert!(
        !texts(&mut app).contains("练习记录"),
        "王五 has no visits yet"
    );
}

/// The app with Bevy's own text-input handling: the focused box takes keys and the input
/// method's preedit and commit messages, as it does in the window.
fn app_with_text_input() -> App {
    use bevy::input_focus::InputDispatchPlugin;
    use bevy::ui_widgets::EditableTextInputPlugin;
    let lib = library(&root().join("scenarios"));
    let mut app = App::new();
    app.add_plugins((
        MinimalPlugins,
        StatesPlugin,
        InputPlugin,
        bevy::window::WindowPlugin::default(),
        bevy::asset::AssetPlugin::default(),
        bevy::text::TextPlugin,
        InputDispatchPlugin,
        EditableTextInputPlugin,
    ))
    .add_message::<bevy::picking::events::Pointer<bevy::picking::events::Release>>()
    .init_resource::<UiScale>()
    .init_resource::<bevy::input_focus::InputFocus>()
    .insert_resource(Settings {
        lang: Lang::Zh,
        text_speed: 0,
        ..Settings::default()
    })
    .insert_resource(lib)
    .add_plugins(super::plugin);
    app.update();
    app
}

fn reply_box(app: &mut App) -> String {
    let w = app.world_mut();
    let mut q = w.query_filtered::<&bevy::text::EditableText, With<super::screens::ReplyBox>>();
    q.iter(w).next().expect("a reply box").value().to_string()
}

fn window(app: &mut App) -> (Entity, bool) {
    let w = app.world_mut();
    let mut q = w.query::<(Entity, &Window)>();
    let (e, win) = q.single(w).unwrap();
    (e, win.ime_enabled)
}

fn ime(app: &mut App, m: bevy::window::Ime) {
    app.world_mut().write_message(m);
    app.update();
    app.update();
}

#[test]
fn typed_chinese_through_the_input_method_is_sent_as_the_reply() {
    use bevy::window::Ime;
    let mut app = app_with_text_input();
    act(&mut app, Action::Start);
    act(&mut app, Action::Begin);
    assert!(
        !window(&mut app).1,
        "no input method while options are shown"
    );
    press(&mut app, KeyCode::Digit1, "1");
    press(&mut app, KeyCode::Digit1, "1");
    let (win, enabled) = window(&mut app);
    assert!(enabled, "the focused reply box turns the input method on");
    // Composing: the pinyin is shown but is not yet part of the reply.
    ime(
        &mut app,
        Ime::Preedit {
            window: win,
            value: "a'yi".into(),
            cursor: Some((4, 4)),
        },
    );
    assert_eq!(reply_box(&mut app), "");
    ime(
        &mut app,
        Ime::Commit {
            window: win,
            value: "阿姨您别着急".into(),
        },
    );
    ime(
        &mut app,
        Ime::Preedit {
            window: win,
            value: "".into(),
            cursor: None,
        },
    );
    assert_eq!(reply_box(&mut app), "阿姨您别着急");
    // Typed keys go into the same box. (Backspace and the arrows work by laid-out clusters,
    // which need the UI's layout: the window tour checks them.)
    press(&mut app, KeyCode::Space, " ");
    assert_eq!(reply_box(&mut app), "阿姨您别着急 ");
    ime(
        &mut app,
        Ime::Commit {
            window: win,
            value: "，我先帮您登记，再转交住房保障部门。 ".into(),
        },
    );
    let n = turns(&app);
    press(&mut app, KeyCode::Enter, "\r");
    let v = app.world().resource::<Visit>();
    let s = v.session.as_ref().unwrap();
    assert_eq!(s.transcript().len(), n + 1, "Enter sends the reply");
    let sent = match &s.transcript()[n].response {
        jiedai_core::engine::Response::Text(t) => t.clone(),
        other => panic!("{other:?}"),
    };
    assert_eq!(
        sent, "阿姨您别着急 ，我先帮您登记，再转交住房保障部门。",
        "sent trimmed"
    );
    // The findings on the sent reply are marked in it.
    assert!(texts(&mut app).contains("【登记】"), "{}", texts(&mut app));
    // Options again: the input method is off, so digit keys reach the app.
    let free = {
        let v = app.world().resource::<Visit>();
        v.session
            .as_ref()
            .unwrap()
            .view()
            .is_some_and(|v| matches!(v.step.turn, Turn::Free { .. }))
    };
    assert!(!free, "the tutorial offers options after its typed step");
    assert!(!window(&mut app).1);
}

#[test]
fn a_reply_being_typed_survives_a_pause_and_goes_once_sent() {
    use bevy::window::Ime;
    let mut app = app_with_text_input();
    act(&mut app, Action::Start);
    act(&mut app, Action::Begin);
    press(&mut app, KeyCode::Digit1, "1");
    press(&mut app, KeyCode::Digit1, "1");
    let (win, _) = window(&mut app);
    ime(
        &mut app,
        Ime::Commit {
            window: win,
            value: "阿姨您别着急，我先帮您登记".into(),
        },
    );
    let box_before = reply_box_entity(&mut app);
    press(&mut app, KeyCode::Escape, "");
    assert_eq!(menu(&app), Menu::Paused);
    assert!(!window(&mut app).1, "no input method behind the pause menu");
    press(&mut app, KeyCode::Escape, "");
    assert_eq!(menu(&app), Menu::None);
    assert_eq!(
        reply_box_entity(&mut app),
        box_before,
        "the pause is an overlay: the box underneath is the same box"
    );
    assert_eq!(reply_box(&mut app), "阿姨您别着急，我先帮您登记");
    assert!(window(&mut app).1, "the box has the keyboard again");
    let n = turns(&app);
    press(&mut app, KeyCode::Enter, "\r");
    assert_eq!(turns(&app), n + 1);
}

#[test]
fn classroom_mode_holds_the_options_for_discussion_then_shows_the_teaching_points() {
    let mut app = app(Lang::Zh);
    act(&mut app, Action::ToggleClassroom);
    assert!(app.world().resource::<Settings>().classroom);
    act(&mut app, Action::Start);
    act(&mut app, Action::Begin);
    let t = texts(&mut app);
    assert!(t.contains("请大家先讨论") && t.contains("课堂模式"), "{t}");
    assert!(!t.contains("1. 阿姨您好"), "options are held back: {t}");
    // A digit does not answer while the room discusses.
    press(&mut app, KeyCode::Digit1, "1");
    assert_eq!(turns(&app), 0);
    press(&mut app, KeyCode::Space, " ");
    let t = texts(&mut app);
    assert!(
        t.contains("1. 阿姨您好") && !t.contains("请大家先讨论"),
        "{t}"
    );
    press(&mut app, KeyCode::Digit1, "1");
    assert_eq!(turns(&app), 1);
    // After the reply: the step's teaching point and what the other options would have done.
    let t = texts(&mut app);
    assert!(t.contains("培训提示：教学要点"), "{t}");
    assert!(
        t.contains("所选回答：阿姨您好"),
        "the room sees the reply given: {t}"
    );
    assert!(t.contains("其他回答会怎样"), "{t}");
    assert!(
        t.lines().filter(|l| l.starts_with("× ")).count() >= 1,
        "a poor option is marked: {t}"
    );
    assert!(
        t.contains("请大家先讨论"),
        "the next step is held again: {t}"
    );
    // Once the options are shown, the notes make room for them.
    act(&mut app, Action::ShowOptions);
    let t = texts(&mut app);
    assert!(!t.contains("其他回答会怎样") && t.contains("1. "), "{t}");
}

#[test]
fn without_classroom_mode_the_options_come_at_once_and_no_trainer_notes_show() {
    let mut app = app(Lang::Zh);
    act(&mut app, Action::Start);
    act(&mut app, Action::Begin);
    let t = texts(&mut app);
    assert!(
        t.contains("1. 阿姨您好") && !t.contains("请大家先讨论"),
        "{t}"
    );
    press(&mut app, KeyCode::Digit1, "1");
    let t = texts(&mut app);
    assert!(
        !t.contains("教学要点") && !t.contains("其他回答会怎样"),
        "{t}"
    );
}

/// Every character the app can show has a glyph in the bundled font: the locale tables, the
/// marks and labels written in the screens' code, the rubric and every shipped scenario.
#[test]
fn the_bundled_font_has_every_character_the_app_shows() {
    use skrifa::MetadataProvider;
    let root = root();
    let data = std::fs::read(root.join("assets/fonts/wqy-microhei.ttc")).unwrap();
    let font = skrifa::FontRef::from_index(&data, 0).unwrap();
    let charmap = font.charmap();
    let mut sources: Vec<(String, String)> = super::locale::TABLE
        .iter()
        .map(|(k, zh, en)| (format!("locale {k}"), format!("{zh}{en}")))
        .collect();
    let mut files = vec![root.join("assets/rubric.ron")];
    for dir in ["scenarios", "src/app", "src/app/screens"] {
        for e in std::fs::read_dir(root.join(dir)).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "ron" || x == "rs") {
                files.push(p);
            }
        }
    }
    for p in files {
        let text = std::fs::read_to_string(&p).unwrap();
        // In code, only what is inside string literals reaches the screen.
        let shown: String = if p.extension().is_some_and(|x| x == "rs") {
            text.lines()
                .filter(|l| !l.trim_start().starts_with("//"))
                .flat_map(|l| l.split('"').skip(1).step_by(2))
                .collect()
        } else {
            text
        };
        sources.push((p.display().to_string(), shown));
    }
    let mut missing = Vec::new();
    for (place, text) in &sources {
        for c in text.chars().filter(|c| !c.is_control()) {
            if charmap.map(c).is_none() {
                missing.push(format!("{c:?} (U+{:04X}) in {place}", c as u32));
            }
        }
    }
    missing.dedup();
    assert!(missing.is_empty(), "no glyph for:\n{}", missing.join("\n"));
}

#[test]
fn practice_goes_back_gives_paid_hints_and_retries_from_the_weakest_turn() {
    let mut app = app(Lang::Zh);
    act(&mut app, Action::Start);
    act(&mut app, Action::Begin);
    let t = texts(&mut app);
    assert!(t.contains("F1 提示") && t.contains("F2 回退一轮"), "{t}");
    press(&mut app, KeyCode::F1, "");
    let t = texts(&mut app);
    assert!(t.contains("提示（扣 3 分）"), "{t}");
    let before = app
        .world()
        .resource::<Visit>()
        .session
        .as_ref()
        .unwrap()
        .snapshot();
    act(&mut app, Action::Choose(0));
    let t = texts(&mut app);
    assert!(
        !t.contains("提示（扣 3 分）"),
        "the hint goes with the reply: {t}"
    );
    // A click on the turn in the transcript (the same action) answers it again.
    act(&mut app, Action::Back(1));
    let after = app
        .world()
        .resource::<Visit>()
        .session
        .as_ref()
        .unwrap()
        .snapshot();
    assert_eq!(
        after.state, before.state,
        "the visitor exactly as before the turn"
    );
    assert!(after.transcript.is_empty());
    play_to_end(&mut app, "嗯。", |_| {});
    act(&mut app, Action::Go(Screen::Debrief));
    let t = texts(&mut app);
    assert!(t.contains("使用提示 1 次，扣 3 分"), "{t}");
    assert!(
        t.contains("重答过的轮次：1") && t.contains("这一轮回退后重答过"),
        "{t}"
    );
    let weakest = super::screens::debrief_of(app.world().resource::<Visit>())
        .and_then(|d| d.weakest)
        .expect("a weak turn in this path");
    assert!(t.contains(&format!("失分最多的是第 {weakest} 轮")), "{t}");
    press(&mut app, KeyCode::KeyW, "w");
    assert_eq!(screen(&app), Screen::Reception);
    let s = app.world().resource::<Visit>();
    let session = s.session.as_ref().unwrap();
    assert_eq!(
        session.transcript().len() as u32,
        weakest - 1,
        "back before the weakest turn"
    );
    assert!(!session.is_over());
}

#[test]
fn an_exam_hides_meters_feedback_hints_and_going_back() {
    let mut app = app(Lang::Zh);
    act(&mut app, Action::Start);
    assert!(texts(&mut app).contains("模式：练习"));
    press(&mut app, KeyCode::KeyM, "m");
    assert!(
        texts(&mut app).contains("模式：考核"),
        "the mode is shown before the visit"
    );
    act(&mut app, Action::Begin);
    let t = texts(&mut app);
    assert!(t.contains("· 考核"), "and during it: {t}");
    assert!(
        !t.contains("情绪激动") && !t.contains("F1 提示"),
        "no meters, no practice keys: {t}"
    );
    act(&mut app, Action::Hint);
    act(&mut app, Action::Choose(0));
    let t = texts(&mut app);
    assert!(
        !t.contains("提示（扣 3 分）") && !t.contains("点评"),
        "no hint, no feedback: {t}"
    );
    act(&mut app, Action::Back(1));
    assert_eq!(
        app.world()
            .resource::<Visit>()
            .session
            .as_ref()
            .unwrap()
            .transcript()
            .len(),
        1,
        "no going back"
    );
    play_to_end(&mut app, "嗯。", |_| {});
    act(&mut app, Action::Go(Screen::Debrief));
    let t = texts(&mut app);
    assert!(t.contains("考核模式"), "{t}");
    assert!(!t.contains("按 W"), "no retry offered in an exam: {t}");
}

/// Writes `text` to `path` with a modification time of its own, so the watcher sees a change
/// however fast the writes come.
fn write_edit(path: &std::path::Path, text: &str, n: u64) {
    std::fs::write(path, text).unwrap();
    let f = std::fs::File::options().write(true).open(path).unwrap();
    f.set_modified(std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_700_000_000 + n))
        .unwrap();
}

fn reload_now(app: &mut App) {
    app.world_mut().resource_mut::<super::watch::Watch>().now = true;
    app.update();
    app.update();
}

#[test]
fn an_edited_scenario_reloads_at_the_same_point_and_a_broken_edit_keeps_the_last_good_one() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("tutorial.ron");
    let good = std::fs::read_to_string(root().join("scenarios/tutorial.ron")).unwrap();
    write_edit(&file, &good, 1);
    let mut app = app_on(library(dir.path()), Lang::Zh);
    app.insert_resource(super::watch::Watch::new(
        dir.path().to_path_buf(),
        None,
        None,
    ));
    act(&mut app, Action::Start);
    act(&mut app, Action::Begin);
    act(&mut app, Action::Choose(0));
    let turn_of = |app: &App| {
        let v = app.world().resource::<Visit>();
        let s = v.session.as_ref().unwrap();
        (s.transcript().len(), s.state().step.clone())
    };
    let before = turn_of(&app);
    assert_eq!(before.0, 1);

    // A broken edit: diagnostics over the screen, the visit goes on as it was.
    write_edit(&file, &good.replace("    start:", "    start_typo:"), 2);
    reload_now(&mut app);
    let t = texts(&mut app);
    assert!(
        t.contains("剧本文件改动后有错误") && t.contains("tutorial.ron"),
        "{t}"
    );
    assert_eq!(turn_of(&app), before);
    assert_eq!(
        app.world().resource::<Library>().scenarios.len(),
        1,
        "still playable"
    );

    // Fixed, with a reworded line: the overlay goes and the visit stands where it stood.
    let reworded = good.replace("是这样的：我一个人住", "是这么回事：我一个人住");
    assert_ne!(reworded, good, "the edit changes the line");
    write_edit(&file, &reworded, 3);
    reload_now(&mut app);
    let t = texts(&mut app);
    assert!(!t.contains("剧本文件改动后有错误"), "{t}");
    assert_eq!(turn_of(&app), before);
    assert!(
        t.contains("是这么回事：我一个人住"),
        "the edit shows at once: {t}"
    );

    // The option taken at turn 1 is gone: back to the nearest earlier step, and it says so.
    let chosen = app
        .world()
        .resource::<Visit>()
        .session
        .as_ref()
        .unwrap()
        .transcript()[0]
        .choice_id
        .clone();
    write_edit(
        &file,
        &reworded.replace(&format!("id: \"{chosen}\""), "id: \"welcome.renamed\""),
        4,
    );
    reload_now(&mut app);
    assert_eq!(turn_of(&app).0, 0);
    assert!(texts(&mut app).contains("第 1 轮所在的步骤或所选的选项已不存在"));
}

#[test]
fn the_step_graph_shows_the_path_played_and_goes_back_where_it_came_from() {
    let mut app = app(Lang::Zh);
    act(&mut app, Action::Start);
    act(&mut app, Action::Begin);
    act(&mut app, Action::Choose(0));
    press(&mut app, KeyCode::F3, "");
    assert_eq!(screen(&app), Screen::Graph);
    let t = texts(&mut app);
    let here = app
        .world()
        .resource::<Visit>()
        .session
        .as_ref()
        .unwrap()
        .state()
        .step
        .clone();
    assert!(t.contains("剧本结构图") && t.contains("welcome"), "{t}");
    assert!(
        t.contains(&format!("▶ {here}")),
        "the step the visit stands at: {t}"
    );
    press(&mut app, KeyCode::Escape, "\u{1b}");
    assert_eq!(screen(&app), Screen::Reception);
    let v = app.world().resource::<Visit>();
    assert_eq!(
        v.session.as_ref().unwrap().transcript().len(),
        1,
        "the visit is as it was"
    );
}

#[test]
fn a_broken_rubric_edit_keeps_the_rubric_in_use_and_a_fixed_one_is_taken_up() {
    let dir = tempfile::tempdir().unwrap();
    let scen = dir.path().join("scenarios");
    std::fs::create_dir(&scen).unwrap();
    let tutorial = std::fs::read_to_string(root().join("scenarios/tutorial.ron")).unwrap();
    write_edit(&scen.join("tutorial.ron"), &tutorial, 1);
    let rubric_file = dir.path().join("rubric.ron");
    let rubric = std::fs::read_to_string(root().join("assets/rubric.ron")).unwrap();
    write_edit(&rubric_file, &rubric, 1);
    let mut app = app_on(library(&scen), Lang::Zh);
    app.insert_resource(super::watch::Watch::new(
        scen.clone(),
        Some(rubric_file.clone()),
        None,
    ));
    write_edit(&rubric_file, "Rubric(version: 1, techniques: [", 2);
    reload_now(&mut app);
    assert!(
        texts(&mut app).contains("rubric.ron"),
        "the rubric's error is shown"
    );
    let cost = app.world().resource::<Library>().rubric.scoring.hint_cost;
    assert_eq!(cost, 3, "the rubric in use stays");
    write_edit(
        &rubric_file,
        &rubric.replace("hint_cost: 3", "hint_cost: 5"),
        3,
    );
    reload_now(&mut app);
    assert_eq!(
        app.world().resource::<Library>().rubric.scoring.hint_cost,
        5
    );
    assert!(
        !texts(&mut app).contains("rubric.ron"),
        "the overlay is gone"
    );
}

mod present;
mod regions;
