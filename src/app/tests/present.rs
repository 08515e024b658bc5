//! A group session driven headless: the clicker's keys, the hands, the timer, the reveal,
//! what-ifs and the return, a typed step, the trainer's notes kept off the projector, the
//! summary and its hand-out.

use super::*;
use crate::app::screens::present::{PresenterView, Presenting};
use jiedai_core::room::Phase;

fn phase(app: &App) -> Phase {
    app.world()
        .resource::<Presenting>()
        .room
        .as_ref()
        .expect("a room")
        .phase()
}

fn room_state(app: &App) -> jiedai_core::engine::SessionState {
    app.world()
        .resource::<Presenting>()
        .room
        .as_ref()
        .unwrap()
        .room_state()
        .clone()
}

/// The group session from the main menu on scenario `id`.
fn present(app: &mut App, id: &str) {
    act(app, Action::Present);
    assert_eq!(screen(app), Screen::Library);
    let lib = app.world().resource::<Library>();
    let browse = app.world().resource::<crate::app::Browse>();
    let k = browse
        .visible(lib)
        .iter()
        .position(|&i| lib.scenarios[i].id == id)
        .unwrap();
    act(app, Action::Open(k));
    assert_eq!(
        screen(app),
        Screen::Present,
        "the scenario opens at the projector"
    );
}

/// Texts under the entity `root`, depth first.
fn texts_under(app: &mut App, root: Entity) -> String {
    let w = app.world_mut();
    let mut out = Vec::new();
    let mut stack = vec![root];
    while let Some(e) = stack.pop() {
        if let Some(t) = w.get::<Text>(e) {
            out.push(t.0.clone());
        }
        if let Some(t) = w.get::<TextSpan>(e) {
            out.push(t.0.clone());
        }
        if let Some(c) = w.get::<Children>(e) {
            stack.extend(c.iter());
        }
    }
    out.join("\n")
}

fn one<C: Component>(app: &mut App) -> Option<Entity> {
    let w = app.world_mut();
    let mut q = w.query_filtered::<Entity, With<C>>();
    q.iter(w).next()
}

fn hands_shown(app: &mut App) -> Vec<(usize, String, Entity)> {
    use crate::app::screens::present::audience::HandCount;
    let w = app.world_mut();
    let mut q = w.query::<(Entity, &HandCount, &Text)>();
    let mut v: Vec<_> = q.iter(w).map(|(e, h, t)| (h.0, t.0.clone(), e)).collect();
    v.sort();
    v
}

#[test]
fn a_trainer_runs_a_step_with_the_clicker_the_rooms_hands_and_a_reveal() {
    let mut app = app(Lang::Zh);
    present(&mut app, "agitated-unpaid-wages");
    assert_eq!(phase(&app), Phase::Briefing);
    let all = texts(&mut app);
    assert!(all.contains("案情"), "the briefing slide");
    press(&mut app, KeyCode::PageDown, "");
    assert_eq!(phase(&app), Phase::Line);
    assert!(
        texts(&mut app).contains("激动"),
        "the visitor's state with the line"
    );
    press(&mut app, KeyCode::Space, " ");
    assert_eq!(phase(&app), Phase::Options);
    assert!(
        app.world()
            .resource::<Presenting>()
            .room
            .as_ref()
            .unwrap()
            .timer
            .running,
        "the discussion timer runs"
    );
    // The options, lettered, with no hands yet.
    let before = hands_shown(&mut app);
    assert!(before.len() >= 3);
    assert!(before.iter().all(|(_, t, _)| t == "0 票"));
    // Next with no majority does not decide for the room; the footer says why.
    press(&mut app, KeyCode::ArrowRight, "");
    assert_eq!(phase(&app), Phase::Options);
    assert!(texts(&mut app).contains("还没有哪个选项票数最多"));
    // Hands: three for B, one for A, one taken back from A; counted in place.
    for _ in 0..3 {
        press(&mut app, KeyCode::Digit2, "2");
    }
    press(&mut app, KeyCode::Digit1, "1");
    let after = hands_shown(&mut app);
    assert_eq!(after[0].1, "1 票");
    assert_eq!(after[1].1, "3 票");
    assert_eq!(
        after.iter().map(|h| h.2).collect::<Vec<_>>(),
        before.iter().map(|h| h.2).collect::<Vec<_>>(),
        "the counts change in place"
    );
    app.world_mut()
        .resource_mut::<ButtonInput<KeyCode>>()
        .press(KeyCode::ShiftLeft);
    press(&mut app, KeyCode::Digit1, "!");
    app.world_mut()
        .resource_mut::<ButtonInput<KeyCode>>()
        .release(KeyCode::ShiftLeft);
    assert_eq!(hands_shown(&mut app)[0].1, "0 票");
    // The clicker's next reveals the room's choice, B.
    press(&mut app, KeyCode::PageDown, "");
    assert_eq!(phase(&app), Phase::Reveal);
    let shown_b = {
        let p = app.world().resource::<Presenting>();
        let r = p.room.as_ref().unwrap();
        r.session().transcript()[0].shown[1]
    };
    let rec = room_state(&app).transcript[0].clone();
    assert_eq!(rec.response, jiedai_core::engine::Response::Choice(shown_b));
    let all = texts(&mut app);
    assert!(all.contains("全班的答复"));
    assert!(
        all.contains("★ 最佳"),
        "the best option is marked beside the hands"
    );
    assert!(all.contains("▶ 全班所选"));
    assert!(all.contains(&format!(
        "{} → {}",
        rec.before.agitation, rec.after.agitation
    )));
    // Back takes the reply back, with the hands.
    press(&mut app, KeyCode::PageUp, "");
    assert_eq!(phase(&app), Phase::Options);
    assert_eq!(hands_shown(&mut app)[1].1, "3 票");
    assert!(room_state(&app).transcript.is_empty());
    press(&mut app, KeyCode::Enter, "\r");
    assert_eq!(phase(&app), Phase::Reveal);
}

#[test]
fn a_what_if_shows_another_option_then_the_room_returns_to_its_own_line() {
    let mut app = app(Lang::Zh);
    present(&mut app, "agitated-unpaid-wages");
    press(&mut app, KeyCode::PageDown, "");
    press(&mut app, KeyCode::PageDown, "");
    press(&mut app, KeyCode::Digit1, "1");
    press(&mut app, KeyCode::PageDown, "");
    assert_eq!(phase(&app), Phase::Reveal);
    let room_line = room_state(&app);
    // At the reveal, a number plays out that option instead.
    press(&mut app, KeyCode::Digit3, "3");
    assert!(texts(&mut app).contains("推演：假如第 1 步换个说法"));
    let aside = app
        .world()
        .resource::<Presenting>()
        .room
        .as_ref()
        .unwrap()
        .session()
        .snapshot();
    assert_ne!(
        aside.transcript[0].choice_id,
        room_line.transcript[0].choice_id
    );
    // Follow the what-if to the visitor's next line, then return.
    press(&mut app, KeyCode::PageDown, "");
    assert_eq!(phase(&app), Phase::Line);
    press(&mut app, KeyCode::KeyR, "r");
    assert_eq!(phase(&app), Phase::Reveal);
    let p = app.world().resource::<Presenting>();
    let r = p.room.as_ref().unwrap();
    assert!(r.what_if().is_none());
    assert_eq!(
        r.session().snapshot(),
        room_line,
        "the room's own line, exactly"
    );
    assert_eq!(r.turns()[0].what_ifs.len(), 1);
    assert!(!texts(&mut app).contains("推演：假如"));
}

#[test]
fn black_and_white_screens_and_the_type_size_follow_the_keys() {
    use crate::app::screens::present::audience::Region;
    let mut app = app(Lang::Zh);
    present(&mut app, "agitated-unpaid-wages");
    let blank = |app: &mut App| {
        let w = app.world_mut();
        let mut q = w.query::<(&Region, &Visibility, &BackgroundColor)>();
        q.iter(w)
            .find(|(r, _, _)| **r == Region::Blank)
            .map(|(_, v, c)| (*v, c.0))
            .unwrap()
    };
    assert_eq!(blank(&mut app).0, Visibility::Hidden);
    press(&mut app, KeyCode::KeyB, "b");
    assert_eq!(blank(&mut app), (Visibility::Visible, Color::BLACK));
    press(&mut app, KeyCode::KeyW, "w");
    assert_eq!(blank(&mut app), (Visibility::Visible, Color::WHITE));
    // Any clicker key brings the room back, without moving on.
    press(&mut app, KeyCode::PageDown, "");
    assert_eq!(blank(&mut app).0, Visibility::Hidden);
    assert_eq!(phase(&app), Phase::Briefing);
    press(&mut app, KeyCode::Period, ".");
    press(&mut app, KeyCode::Period, ".");
    assert_eq!(blank(&mut app).0, Visibility::Hidden, ". toggles back");
    // + makes the projected type bigger.
    let size = |app: &mut App| {
        let w = app.world_mut();
        let mut q = w.query::<(&Text, &TextFont)>();
        q.iter(w)
            .map(|(_, f)| f.font_size)
            .map(|s| match s {
                bevy::text::FontSize::Px(p) => p,
                _ => 0.0,
            })
            .fold(0.0, f32::max)
    };
    let a = size(&mut app);
    press(&mut app, KeyCode::Equal, "=");
    let b = size(&mut app);
    assert!(b > a * 1.1, "{a} -> {b}");
    press(&mut app, KeyCode::Minus, "-");
    assert!((size(&mut app) - a).abs() < 0.01);
}

#[test]
fn the_timer_counts_in_place_pauses_on_t_and_changes_with_brackets() {
    use crate::app::screens::present::audience::TimerText;
    let mut app = app(Lang::Zh);
    present(&mut app, "agitated-unpaid-wages");
    press(&mut app, KeyCode::PageDown, "");
    press(&mut app, KeyCode::PageDown, "");
    let timer = one::<TimerText>(&mut app).unwrap();
    let label = |app: &mut App| app.world().get::<Text>(timer).unwrap().0.clone();
    assert_eq!(label(&mut app), "2:00");
    app.world_mut()
        .resource_mut::<Presenting>()
        .room
        .as_mut()
        .unwrap()
        .timer
        .left = 65.0;
    app.update();
    assert_eq!(label(&mut app), "1:05");
    assert_eq!(one::<TimerText>(&mut app), Some(timer), "updated in place");
    press(&mut app, KeyCode::KeyT, "t");
    assert!(
        label(&mut app).ends_with('‖'),
        "paused: {}",
        label(&mut app)
    );
    press(&mut app, KeyCode::BracketRight, "]");
    let p = app.world().resource::<Presenting>();
    assert_eq!(p.room.as_ref().unwrap().timer.set, 150);
    assert_eq!(p.discussion, 150, "kept for the next steps");
}

#[test]
fn with_one_display_the_notes_show_only_on_n() {
    use crate::app::screens::present::notes::NotesRegion;
    let mut app = app(Lang::Zh);
    present(&mut app, "agitated-unpaid-wages");
    press(&mut app, KeyCode::PageDown, "");
    press(&mut app, KeyCode::PageDown, "");
    assert!(
        !texts(&mut app).contains("讲师备注"),
        "no notes on the projector by default"
    );
    let region = one::<NotesRegion>(&mut app).unwrap();
    assert!(
        texts_under(&mut app, region).is_empty(),
        "hidden notes are not even drawn"
    );
    press(&mut app, KeyCode::KeyN, "n");
    let notes = texts_under(&mut app, region);
    assert!(notes.contains("讲师备注"));
    assert!(
        notes.contains('★'),
        "the best option is marked for the trainer: {notes}"
    );
    press(&mut app, KeyCode::KeyN, "n");
    assert!(!texts(&mut app).contains("讲师备注"));
}

#[test]
fn with_a_trainers_window_the_notes_go_there_and_never_to_the_projector() {
    use crate::app::screens::present::audience::AudienceRoot;
    use crate::app::screens::present::notes::PresenterRoot;
    let mut app = app(Lang::Zh);
    let camera = app.world_mut().spawn_empty().id();
    app.world_mut().resource_mut::<PresenterView>().0 = Some(camera);
    present(&mut app, "agitated-unpaid-wages");
    for _ in 0..2 {
        press(&mut app, KeyCode::PageDown, "");
    }
    let trainer = one::<PresenterRoot>(&mut app).unwrap();
    assert_eq!(
        app.world().get::<UiTargetCamera>(trainer).map(|c| c.0),
        Some(camera),
        "the notes are drawn by the trainer's window's camera"
    );
    let audience = one::<AudienceRoot>(&mut app).unwrap();
    assert!(app.world().get::<UiTargetCamera>(audience).is_none());
    // Every screen of a step: the notes are in the trainer's view and never in the room's.
    for _ in 0..4 {
        let notes = texts_under(&mut app, trainer);
        assert!(notes.contains("讲师备注"), "{notes}");
        let room = texts_under(&mut app, audience);
        assert!(!room.contains("讲师备注"), "{room}");
        for line in notes.lines().filter(|l| l.chars().count() > 8) {
            assert!(
                !room.contains(line),
                "a line of the notes on the projector: {line}"
            );
        }
        // N has nothing to show on the projector.
        press(&mut app, KeyCode::KeyN, "n");
        assert!(!texts_under(&mut app, audience).contains("讲师备注"));
        press(&mut app, KeyCode::Digit1, "1");
        press(&mut app, KeyCode::PageDown, "");
    }
}

#[test]
fn a_typed_step_takes_the_rooms_reply_and_shows_the_evidence() {
    use crate::app::screens::present::RoomBox;
    let mut app = app_with_text_input();
    present(&mut app, "tutorial");
    let mut guard = 0;
    loop {
        press(&mut app, KeyCode::PageDown, "");
        if phase(&app) == Phase::Options && one::<RoomBox>(&mut app).is_some() {
            break;
        }
        if phase(&app) == Phase::Options {
            press(&mut app, KeyCode::Digit1, "1");
        }
        guard += 1;
        assert!(guard < 30, "the tutorial has a typed step");
    }
    let b = one::<RoomBox>(&mut app).unwrap();
    assert_eq!(
        app.world()
            .resource::<bevy::input_focus::InputFocus>()
            .get(),
        Some(b),
        "the box has the keyboard"
    );
    // Space and letters type into the box instead of clicking on.
    press(&mut app, KeyCode::Space, " ");
    assert_eq!(phase(&app), Phase::Options);
    let (win, _) = window(&mut app);
    ime(
        &mut app,
        bevy::window::Ime::Commit {
            window: win,
            value: "您别着急，这个由区住房保障部门办，我先帮您登记。".into(),
        },
    );
    press(&mut app, KeyCode::Enter, "\r");
    assert_eq!(phase(&app), Phase::Reveal);
    let all = texts(&mut app);
    assert!(all.contains('【'), "the evidence is marked: {all}");
    assert!(all.contains("识别到"), "{all}");
}

/// Every step: one hand for the first option, the typed steps answered; to the summary.
fn run_to_the_summary(app: &mut App) {
    for _ in 0..80 {
        if screen(app) == Screen::RoomSummary {
            return;
        }
        let typed = {
            let p = app.world().resource::<Presenting>();
            let r = p.room.as_ref().unwrap();
            r.phase() == Phase::Options
                && r.session()
                    .view()
                    .is_some_and(|v| matches!(v.step.turn, Turn::Free { .. }))
        };
        if typed {
            app.world_mut()
                .write_message(crate::app::screens::present::Clicker::Propose(
                    "您先别急，慢慢说，我听着。".into(),
                ));
            app.update();
            app.update();
            continue;
        }
        if phase(app) == Phase::Options {
            press(app, KeyCode::Digit1, "1");
        }
        press(app, KeyCode::PageDown, "");
    }
    panic!("the session did not reach its summary");
}

#[test]
fn the_session_ends_in_a_summary_and_its_hand_out_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with_records(dir.path(), "讲师");
    present(&mut app, "agitated-unpaid-wages");
    run_to_the_summary(&mut app);
    let all = texts(&mut app);
    assert!(all.contains("课堂演练小结"));
    assert!(all.contains("做得好") && all.contains("需改进"));
    press(&mut app, KeyCode::KeyE, "e");
    let written: Vec<_> = std::fs::read_dir(dir.path().join("sessions"))
        .expect("a sessions folder")
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(written.len(), 1);
    let html = std::fs::read_to_string(&written[0]).unwrap();
    assert!(html.contains("课堂演练小结") && html.contains("data-chart=\"votes-1\""));
    assert!(texts(&mut app).contains("讲义已保存"));
    // The clicker's next writes another, beside it.
    press(&mut app, KeyCode::PageDown, "");
    assert_eq!(
        std::fs::read_dir(dir.path().join("sessions"))
            .unwrap()
            .count(),
        2
    );
    press(&mut app, KeyCode::Escape, "");
    assert_eq!(screen(&app), Screen::Title);
}

#[test]
fn esc_asks_before_ending_and_ending_goes_to_the_summary() {
    let mut app = app(Lang::Zh);
    present(&mut app, "agitated-unpaid-wages");
    press(&mut app, KeyCode::PageDown, "");
    press(&mut app, KeyCode::Escape, "");
    assert_eq!(menu(&app), Menu::ConfirmLeave);
    assert!(texts(&mut app).contains("结束本次课堂演练？"));
    // The clicker does nothing under the menu.
    press(&mut app, KeyCode::PageDown, "");
    assert_eq!(phase(&app), Phase::Line);
    press(&mut app, KeyCode::Escape, "");
    assert_eq!(menu(&app), Menu::None);
    assert_eq!(screen(&app), Screen::Present);
    press(&mut app, KeyCode::Escape, "");
    press(&mut app, KeyCode::Enter, "\r");
    assert_eq!(screen(&app), Screen::RoomSummary);
}
