//! The group session's tour for the window smoke test (`jiedai present SCENARIO` with
//! `JIEDAI_SHOTS=DIR`): every presenter screen in turn, from the briefing slide through hands,
//! the reveal, a what-if, the notes, a typed step (through the input method's messages), a
//! black screen and the menu, to the summary and its hand-out. With a trainer's window open,
//! each picture of the projector has one of the trainer's screen beside it. Fails on a blank
//! frame (the black screen excepted), a region outside its window, or a step that did not take.

use super::Outside;
use crate::app::Action;
use crate::app::screens::Screen;
use crate::app::screens::present::{Clicker, PresenterView, Presenting, RoomBox};
use bevy::input::ButtonState;
use bevy::input::keyboard::{Key, KeyboardInput};
use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, ScreenshotCaptured, save_to_disk};
use bevy::text::EditableText;
use bevy::window::{Ime, PrimaryWindow};
use jiedai_core::room::Phase;
use std::path::PathBuf;

#[derive(Resource)]
struct Tour {
    dir: PathBuf,
    step: usize,
    wait: u32,
    pending: u32,
    blank: Vec<String>,
    failures: Vec<String>,
}

/// What the room's typed reply is, composed through the input method.
const TYPED: &str = "师傅您先别急，坐下慢慢说，我先把情况记下来。";

pub fn plugin(app: &mut App) {
    let Some(dir) = std::env::var_os("JIEDAI_SHOTS").map(PathBuf::from) else {
        return;
    };
    let _ = std::fs::create_dir_all(&dir);
    app.insert_resource(Tour {
        dir,
        step: 0,
        wait: 90,
        pending: 0,
        blank: Vec::new(),
        failures: Vec::new(),
    })
    .add_systems(Update, tour);
}

fn shoot(
    commands: &mut Commands,
    tour: &mut Tour,
    window: Option<Entity>,
    name: &str,
    plain: bool,
) {
    let path = tour.dir.join(format!("{name}.png"));
    let label = name.to_owned();
    tour.pending += 1;
    let shot = match window {
        Some(w) => Screenshot::window(w),
        None => Screenshot::primary_window(),
    };
    commands.spawn(shot).observe(save_to_disk(path)).observe(
        move |shot: On<ScreenshotCaptured>, mut tour: ResMut<Tour>| {
            tour.pending = tour.pending.saturating_sub(1);
            let data = shot.image.data.as_deref().unwrap_or(&[]);
            let first = data.get(..4).unwrap_or(&[]);
            // A black screen is meant to be one colour; nothing else is.
            if !plain && (data.is_empty() || data.chunks(4).all(|px| px == first)) {
                tour.blank.push(label.clone());
            }
        },
    );
}

fn tour(
    mut commands: Commands,
    mut tour: ResMut<Tour>,
    mut moves: MessageWriter<Clicker>,
    mut actions: MessageWriter<Action>,
    p: Res<Presenting>,
    view: Res<PresenterView>,
    state: Res<State<Screen>>,
    primary: Query<Entity, With<PrimaryWindow>>,
    others: Query<Entity, (With<Window>, Without<PrimaryWindow>)>,
    boxes: Query<&EditableText, With<RoomBox>>,
    mut ime: MessageWriter<Ime>,
    mut keys: MessageWriter<KeyboardInput>,
    outside: Res<Outside>,
    mut exit: MessageWriter<AppExit>,
) {
    if tour.wait > 0 {
        tour.wait -= 1;
        return;
    }
    let tag = std::env::var("JIEDAI_SHOTS_TAG").unwrap_or_default();
    let name = |n: &str| {
        if tag.is_empty() {
            format!("present-{n}")
        } else {
            format!("present-{n}-{tag}")
        }
    };
    let trainer = view.0.and(others.iter().next());
    // A picture of the projector, and of the trainer's window when there is one.
    let both = |commands: &mut Commands, tour: &mut Tour, n: &str, plain: bool| {
        shoot(commands, tour, None, &name(n), plain);
        if let Some(w) = trainer {
            shoot(
                commands,
                tour,
                Some(w),
                &name(&format!("{n}-trainer")),
                false,
            );
        }
    };
    let phase = p.room.as_ref().map(|r| r.phase());
    let expect = |tour: &mut Tour, what: &str, ok: bool| {
        if !ok {
            tour.failures.push(format!("step {}: {what}", tour.step));
        }
    };
    let step = tour.step;
    tour.step += 1;
    tour.wait = 25;
    match step {
        0 => {
            expect(
                &mut tour,
                "the session opens on its briefing",
                phase == Some(Phase::Briefing),
            );
            both(&mut commands, &mut tour, "1-briefing", false);
        }
        1 => {
            moves.write(Clicker::Next);
        }
        2 => both(&mut commands, &mut tour, "2-line", false),
        3 => {
            moves.write(Clicker::Next);
        }
        4 => {
            for (k, n) in [(1, 7), (0, 3), (2, 2)] {
                for _ in 0..n {
                    moves.write(Clicker::Hand(k, 1));
                }
            }
        }
        5 => {
            expect(
                &mut tour,
                "the options with hands",
                phase == Some(Phase::Options),
            );
            both(&mut commands, &mut tour, "3-options", false);
        }
        6 => {
            moves.write(Clicker::Next);
        }
        7 => {
            expect(&mut tour, "the reveal", phase == Some(Phase::Reveal));
            both(&mut commands, &mut tour, "4-reveal", false);
        }
        8 => {
            moves.write(Clicker::WhatIf(2));
        }
        9 => {
            let aside = p.room.as_ref().is_some_and(|r| r.what_if().is_some());
            expect(&mut tour, "a what-if", aside);
            both(&mut commands, &mut tour, "5-what-if", false);
        }
        10 => {
            moves.write(Clicker::Return);
            if view.0.is_none() {
                moves.write(Clicker::Notes);
            }
        }
        11 => {
            let back = p.room.as_ref().is_some_and(|r| r.what_if().is_none());
            expect(&mut tour, "back on the room's line", back);
            both(&mut commands, &mut tour, "6-notes", false);
        }
        12 => {
            if view.0.is_none() {
                moves.write(Clicker::Notes);
            }
            moves.write(Clicker::Next);
        }
        13 => {
            moves.write(Clicker::Next);
        }
        14 => {
            // The room's reply at a typed step, through the input method as the window gives it.
            let typed = !boxes.is_empty();
            expect(&mut tour, "a typed step with its box", typed);
            if let Some(w) = primary.iter().next() {
                ime.write(Ime::Enabled { window: w });
                ime.write(Ime::Commit {
                    window: w,
                    value: TYPED.into(),
                });
            }
        }
        15 => {
            let held = boxes.iter().next().is_some_and(|b| b.value() == TYPED);
            expect(&mut tour, "the box holds the typed reply", held);
            both(&mut commands, &mut tour, "7-typed", false);
        }
        16 => {
            if let Some(w) = primary.iter().next() {
                for state in [ButtonState::Pressed, ButtonState::Released] {
                    keys.write(KeyboardInput {
                        key_code: KeyCode::Enter,
                        logical_key: Key::Enter,
                        state,
                        text: Some("\r".into()),
                        repeat: false,
                        window: w,
                    });
                }
            }
        }
        17 => {
            expect(
                &mut tour,
                "the typed reply revealed",
                phase == Some(Phase::Reveal),
            );
            both(&mut commands, &mut tour, "8-typed-reveal", false);
        }
        18 => {
            moves.write(Clicker::Black);
        }
        19 => shoot(&mut commands, &mut tour, None, &name("9-black"), true),
        20 => {
            moves.write(Clicker::Black);
            actions.write(Action::Pause);
        }
        21 => both(&mut commands, &mut tour, "10-menu", false),
        22 => {
            actions.write(Action::Leave);
        }
        23 => {
            expect(
                &mut tour,
                "the summary",
                *state.get() == Screen::RoomSummary,
            );
            both(&mut commands, &mut tour, "11-summary", false);
        }
        24 => {
            actions.write(Action::ExportSummary);
        }
        25 => {
            let written = p.exported.as_ref().is_some_and(|r| r.is_ok());
            expect(&mut tour, "the hand-out written", written);
            both(&mut commands, &mut tour, "12-exported", false);
        }
        _ if tour.pending > 0 && step < 60 => {}
        _ => {
            let mut problems: Vec<String> = tour.failures.clone();
            problems.extend(tour.blank.iter().map(|b| format!("blank frame: {b}")));
            problems.extend(
                outside
                    .found
                    .iter()
                    .map(|o| format!("outside the window: {o}")),
            );
            if problems.is_empty() {
                info!("screenshots saved to {}", tour.dir.display());
                exit.write(AppExit::Success);
            } else {
                error!("the presenter tour failed: {problems:?}");
                exit.write(AppExit::error());
            }
        }
    }
}
