//! A scripted tour for the window smoke test: with `JIEDAI_SHOTS=DIR` the app walks through
//! every screen, saves a screenshot of each to DIR, fails on a blank frame, and exits.
//!
//! At the first typed step it types as a trainee would, through the same messages the window
//! delivers: the input method's preedit and commit, a typed key and a backspace, then Enter. The
//! tour fails if the box or the transcript does not hold what was typed.

use crate::app::screens::ReplyBox;
use crate::app::screens::Screen;
use crate::app::{Action, Browse, Library, Visit};
use bevy::input::ButtonState;
use bevy::input::keyboard::{Key, KeyboardInput};
use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, ScreenshotCaptured, save_to_disk};
use bevy::text::EditableText;
use bevy::window::{Ime, PrimaryWindow};
use jiedai_core::engine::Response;
use jiedai_core::model::Turn;
use std::path::PathBuf;

#[derive(Resource)]
struct Tour {
    dir: PathBuf,
    step: usize,
    wait: u32,
    blank: Vec<String>,
    pending: u32,
    /// How far the typing at the first typed step has got (0: not begun, 7: done).
    typing: u8,
    failures: Vec<String>,
    /// The first screen (who is training) has been shot and answered; later, the steps of
    /// the graph and overlay pictures.
    named: u8,
    /// A scenario file broken for the overlay picture, with its text to put back.
    kept: Option<(PathBuf, String)>,
}

/// What the tour composes through the input method, and the whole reply it sends.
const COMPOSED: &str = "您先别着急，慢慢说";
const SENT: &str = "您先别着急，慢慢说，我先帮您登记。";

fn key(window: Entity, code: KeyCode, logical: Key, text: Option<&str>) -> [KeyboardInput; 2] {
    [ButtonState::Pressed, ButtonState::Released].map(|state| KeyboardInput {
        key_code: code,
        logical_key: logical.clone(),
        state,
        text: text.map(Into::into),
        repeat: false,
        window,
    })
}

pub fn plugin(app: &mut App) {
    let Some(dir) = std::env::var_os("JIEDAI_SHOTS").map(PathBuf::from) else {
        return;
    };
    let _ = std::fs::create_dir_all(&dir);
    app.insert_resource(Tour {
        dir,
        step: 0,
        wait: 90,
        blank: Vec::new(),
        pending: 0,
        typing: 0,
        failures: Vec::new(),
        named: 0,
        kept: None,
    })
    .add_systems(Update, tour);
}

fn shoot(commands: &mut Commands, tour: &mut Tour, name: &str) {
    let path = tour.dir.join(format!("{name}.png"));
    let label = name.to_owned();
    tour.pending += 1;
    commands
        .spawn(Screenshot::primary_window())
        .observe(save_to_disk(path))
        .observe(
            move |shot: On<ScreenshotCaptured>, mut tour: ResMut<Tour>| {
                tour.pending = tour.pending.saturating_sub(1);
                let data = shot.image.data.as_deref().unwrap_or(&[]);
                let first = data.get(..4).unwrap_or(&[]);
                if data.is_empty() || data.chunks(4).all(|px| px == first) {
                    tour.blank.push(label.clone());
                }
            },
        );
}

fn tour(
    mut commands: Commands,
    mut tour: ResMut<Tour>,
    mut actions: MessageWriter<Action>,
    visit: Res<Visit>,
    lib: Res<Library>,
    browse: Res<Browse>,
    state: Res<State<Screen>>,
    mut exit: MessageWriter<AppExit>,
    boxes: Query<&EditableText, With<ReplyBox>>,
    windows: Query<(Entity, &Window), With<PrimaryWindow>>,
    mut ime: MessageWriter<Ime>,
    mut keys: MessageWriter<KeyboardInput>,
    outside: Res<super::Outside>,
) {
    if tour.wait > 0 {
        tour.wait -= 1;
        return;
    }
    let pick = std::env::var("JIEDAI_SHOTS_SCENARIO").ok();
    let size = std::env::var("JIEDAI_SHOTS_TAG").unwrap_or_default();
    let name = |n: &str| {
        if size.is_empty() {
            n.to_owned()
        } else {
            format!("{n}-{size}")
        }
    };
    // The app opens on who is training: a picture, then a name.
    if *state.get() == Screen::Trainee && tour.named < 2 {
        if tour.named == 0 {
            shoot(&mut commands, &mut tour, &name("0-trainee"));
        } else {
            actions.write(Action::SetTrainee("学员甲".into()));
        }
        tour.named += 1;
        tour.wait = 25;
        return;
    }
    let step = tour.step;
    tour.step += 1;
    tour.wait = 25;
    match step {
        0 => shoot(&mut commands, &mut tour, &name("1-title")),
        1 => {
            actions.write(Action::Go(Screen::Library));
        }
        2 => shoot(&mut commands, &mut tour, &name("2-library")),
        3 => {
            let visible = browse.visible(&lib);
            let pos = pick
                .and_then(|id| visible.iter().position(|&i| lib.scenarios[i].id == id))
                .unwrap_or(0);
            actions.write(Action::Open(pos));
        }
        4 => shoot(&mut commands, &mut tour, &name("3-briefing")),
        5 => {
            actions.write(Action::Begin);
        }
        6 => shoot(&mut commands, &mut tour, &name("4-reception")),
        // Play on: choices first, typed replies where the step asks for them.
        7..=40 => {
            let Some(s) = visit.session.as_ref() else {
                return;
            };
            if s.is_over() {
                tour.step = 41;
                return;
            }
            // A practice hint on screen for the picture after next.
            if step == 8 {
                actions.write(Action::Hint);
                return;
            }
            if step == 9 {
                shoot(&mut commands, &mut tour, &name("5-reception-later"));
                return;
            }
            // Going back one turn (as F2 or a click on the transcript does), then a picture.
            if step == 10 {
                actions.write(Action::Back(s.transcript().len().max(1)));
                return;
            }
            if step == 11 {
                shoot(&mut commands, &mut tour, &name("5-rewind"));
                return;
            }
            let free = s
                .view()
                .is_some_and(|v| matches!(v.step.turn, Turn::Free { .. }));
            let Ok((window, win)) = windows.single() else {
                return;
            };
            let in_box = || boxes.iter().next().map(|b| b.value().to_string());
            match tour.typing {
                0 if free => {
                    if !win.ime_enabled {
                        tour.failures
                            .push("the input method is off in the reply box".into());
                    }
                    ime.write(Ime::Preedit {
                        window,
                        value: "nin'xian".into(),
                        cursor: Some((8, 8)),
                    });
                    tour.typing = 1;
                    return;
                }
                1 => {
                    ime.write(Ime::Preedit {
                        window,
                        value: String::new(),
                        cursor: None,
                    });
                    ime.write(Ime::Commit {
                        window,
                        value: COMPOSED.into(),
                    });
                    tour.typing = 2;
                    return;
                }
                2 => {
                    keys.write_batch(key(
                        window,
                        KeyCode::KeyX,
                        Key::Character("x".into()),
                        Some("x"),
                    ));
                    tour.typing = 3;
                    return;
                }
                3 => {
                    if in_box().as_deref() != Some(&format!("{COMPOSED}x")) {
                        tour.failures
                            .push(format!("after typing, the box holds {:?}", in_box()));
                    }
                    keys.write_batch(key(window, KeyCode::Backspace, Key::Backspace, None));
                    ime.write(Ime::Commit {
                        window,
                        value: SENT[COMPOSED.len()..].into(),
                    });
                    tour.typing = 4;
                    return;
                }
                4 => {
                    if in_box().as_deref() != Some(SENT) {
                        tour.failures
                            .push(format!("before sending, the box holds {:?}", in_box()));
                    }
                    shoot(&mut commands, &mut tour, &name("5-reception-typing"));
                    tour.typing = 5;
                    return;
                }
                5 => {
                    keys.write_batch(key(window, KeyCode::Enter, Key::Enter, None));
                    tour.typing = 6;
                    return;
                }
                6 => {
                    let sent = s.transcript().last().map(|r| &r.response);
                    if !matches!(sent, Some(Response::Text(t)) if t == SENT) {
                        tour.failures.push(format!("Enter sent {sent:?}"));
                    }
                    tour.typing = 7;
                    return;
                }
                _ => {}
            }
            if free {
                actions.write(Action::SubmitText(SENT.into()));
            } else {
                actions.write(Action::Choose(0));
            }
        }
        41 => shoot(&mut commands, &mut tour, &name("6-reception-end")),
        42 => {
            actions.write(Action::Go(Screen::Debrief));
        }
        43 => shoot(&mut commands, &mut tour, &name("7-debrief")),
        // The step graph of the visit just played, then on to the settings.
        44 => {
            if tour.named < 3 {
                actions.write(Action::ShowGraph);
                tour.named = 3;
                tour.step = 44;
            } else if tour.named == 3 {
                shoot(&mut commands, &mut tour, &name("7-graph"));
                tour.named = 4;
                tour.step = 44;
            } else if tour.named == 4
                && let Some(path) = std::env::var_os("JIEDAI_SHOTS_BREAK").map(PathBuf::from)
            {
                // An author's broken edit, for the live-reload overlay; put back after the shot.
                let good = std::fs::read_to_string(&path).unwrap_or_default();
                let _ = std::fs::write(&path, good.replacen("start:", "start_typo:", 1));
                tour.kept = Some((path, good));
                tour.named = 5;
                tour.step = 44;
                tour.wait = 60;
            } else if tour.named == 5 {
                shoot(&mut commands, &mut tour, &name("7-overlay"));
                if let Some((path, good)) = tour.kept.take() {
                    let _ = std::fs::write(&path, good);
                }
                tour.named = 6;
                tour.step = 44;
                tour.wait = 60;
            } else {
                actions.write(Action::Go(Screen::Settings));
            }
        }
        45 => shoot(&mut commands, &mut tour, &name("8-settings")),
        46 => {
            actions.write(Action::ToggleLang);
        }
        47 => shoot(&mut commands, &mut tour, &name("9-settings-en")),
        48 => {
            actions.write(Action::ToggleLang);
            actions.write(Action::Go(Screen::History));
        }
        49 => shoot(&mut commands, &mut tour, &name("10-history")),
        // Classroom mode: the held options, then the notes after a reply.
        50 => {
            actions.write(Action::ToggleClassroom);
            actions.write(Action::Go(Screen::Title));
        }
        51 => {
            actions.write(Action::Start);
        }
        52 => {
            actions.write(Action::Begin);
        }
        53 => shoot(&mut commands, &mut tour, &name("11-classroom-discuss")),
        54 => {
            actions.write(Action::ShowOptions);
        }
        55 => {
            actions.write(Action::Choose(1));
        }
        56 => shoot(&mut commands, &mut tour, &name("12-classroom-notes")),
        57 => {
            actions.write(Action::ToggleClassroom);
            actions.write(Action::Go(Screen::Title));
        }
        _ if tour.pending > 0 && step < 80 => {}
        _ => {
            let _ = *state;
            if tour.typing < 7 {
                tour.failures.push("the tour met no typed step".into());
            }
            if !outside.found.is_empty() {
                error!("regions outside the window: {:?}", outside.found);
                exit.write(AppExit::error());
            } else if !tour.failures.is_empty() {
                error!("typing failed: {:?}", tour.failures);
                exit.write(AppExit::error());
            } else if tour.blank.is_empty() {
                info!("screenshots saved to {}", tour.dir.display());
                exit.write(AppExit::Success);
            } else {
                error!("blank frames: {:?}", tour.blank);
                exit.write(AppExit::error());
            }
        }
    }
}
