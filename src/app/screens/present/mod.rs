//! Presenter mode: a trainer runs a group session from a presentation clicker while the room
//! discusses, votes and sees what its reply brought.
//!
//! The room's session is the core's [`Room`]; this module turns keys into its moves and keeps
//! the screens in step with it. The audience view (the projector) is spawned once on entering
//! the screen, with marked regions that are filled again only when what they show changes; the
//! timer and the hands update in place. The trainer's notes live in their own view: a second
//! window when there are two displays, otherwise a panel shown only while N is held on.

pub mod audience;
pub mod notes;
pub mod style;
mod summary;
mod windows;

pub use windows::{Windowed, windows};

use super::menu::Menu;
use super::{Flow, Screen};
use crate::app::{Action, Library};
use bevy::input_focus::InputFocus;
use bevy::prelude::*;
use bevy::text::EditableText;
use jiedai_core::engine::Session;
use jiedai_core::model::Turn;
use jiedai_core::room::{Phase, Room, RoomError};

/// The group session on screen, and what the trainer set for it.
#[derive(Resource)]
pub struct Presenting {
    pub room: Option<Room>,
    /// The scenario (index into the library).
    pub scenario: Option<usize>,
    /// Seconds of discussion per step.
    pub discussion: u32,
    /// Type size against the screen's height (+/−).
    pub zoom: f32,
    pub blank: Option<Blank>,
    /// One display: the trainer's notes are shown on the projected screen only while this is on.
    pub notes: bool,
    /// A line for the trainer about the last key (a tie to break, an empty reply).
    pub notice: Option<RoomNotice>,
    /// Where the summary was last written.
    pub exported: Option<Result<std::path::PathBuf, String>>,
}

impl Default for Presenting {
    fn default() -> Presenting {
        Presenting {
            room: None,
            scenario: None,
            discussion: 120,
            zoom: 1.0,
            blank: None,
            notes: false,
            notice: None,
            exported: None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Blank {
    Black,
    White,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RoomNotice {
    NoMajority,
    EmptyReply,
    NoOption,
}

/// The trainer's own screen: the camera of the second window, when there is one. Without it
/// the notes appear on the projected screen only on the N toggle.
#[derive(Resource, Default, Clone, Copy)]
pub struct PresenterView(pub Option<Entity>);

/// The group session's moves, from the keys (and from tests).
#[derive(Message, Clone, Debug, PartialEq)]
pub enum Clicker {
    Next,
    Back,
    /// One hand more (or fewer) for the option at place k of the order shown.
    Hand(usize, i32),
    /// What if the room had said the option at place k (from a reveal).
    WhatIf(usize),
    Return,
    /// The room's typed reply at a typed step.
    Propose(String),
    ToggleTimer,
    /// Seconds more (or fewer) of discussion per step.
    Time(i32),
    Black,
    White,
    Bigger,
    Smaller,
    Notes,
}

/// What changed, for the regions that show it.
#[derive(Message, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Changed {
    /// The phase or the step: everything is filled again.
    Phase,
    /// Only the hands: the counts change in place.
    Hands,
    /// The type size or the language.
    Look,
    /// The blank screen, the notes toggle, a notice.
    Overlay,
}

/// The typed reply box of the group session.
#[derive(Component)]
pub struct RoomBox;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Presenting>()
        .init_resource::<PresentFromLibrary>()
        .init_resource::<PresenterView>()
        .add_message::<Clicker>()
        .add_message::<Changed>()
        // Sent by the window; a headless app has none, and the type is sized for 720 lines.
        .add_message::<bevy::window::WindowResized>()
        .add_systems(
            OnEnter(Screen::Present),
            (start, audience::spawn, notes::spawn).chain(),
        )
        .add_systems(
            Update,
            (
                keys.in_set(Flow::Input).run_if(in_state(Menu::None)),
                (handle, leave).in_set(Flow::Handle),
                (
                    audience::refresh,
                    notes::refresh,
                    audience::tick,
                    look_on_resize,
                )
                    .in_set(Flow::Draw),
            )
                .run_if(in_state(Screen::Present)),
        )
        .add_systems(Update, open_from_library.in_set(Flow::Handle))
        .add_systems(
            OnEnter(Screen::Title),
            |mut f: ResMut<PresentFromLibrary>| f.0 = false,
        )
        .add_plugins(summary::plugin);
}

/// The library's "open" starts a group session instead of a visit while presenting.
#[derive(Resource, Default)]
pub struct PresentFromLibrary(pub bool);

fn open_from_library(
    mut actions: MessageReader<Action>,
    mut from: ResMut<PresentFromLibrary>,
    mut p: ResMut<Presenting>,
    mut next: ResMut<NextState<Screen>>,
    state: Res<State<Screen>>,
    lib: Res<Library>,
    browse: Res<crate::app::Browse>,
) {
    for a in actions.read() {
        match a {
            Action::Present => {
                from.0 = true;
                next.set(Screen::Library);
            }
            Action::Open(i) if *state.get() == Screen::Library && from.0 => {
                if let Some(&idx) = browse.visible(&lib).get(*i) {
                    p.scenario = Some(idx);
                    p.room = None;
                    next.set(Screen::Present);
                }
            }
            _ => {}
        }
    }
}

/// A new room on the chosen scenario, unless one is already under way (coming back from the
/// menu).
pub(super) fn start(mut p: ResMut<Presenting>, lib: Res<Library>) {
    if p.room.is_some() {
        return;
    }
    let Some(i) = p.scenario.filter(|&i| i < lib.scenarios.len()) else {
        return;
    };
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(1, |d| d.as_nanos() as u64);
    match Session::with_parts(
        lib.scenarios[i].clone(),
        lib.rubric.clone(),
        lib.analyser.clone(),
        lib.par(i).unwrap_or_default(),
        seed,
    ) {
        Ok(s) => {
            p.room = Some(Room::new(s, p.discussion));
            p.blank = None;
            p.notice = None;
            p.exported = None;
        }
        Err(e) => error!("cannot start {}: {e}", lib.scenarios[i].id),
    }
}

fn typing(p: &Presenting) -> bool {
    p.room.as_ref().is_some_and(|r| {
        r.phase() == Phase::Options
            && r.session()
                .view()
                .is_some_and(|v| matches!(v.step.turn, Turn::Free { .. }))
    })
}

/// The clicker's keys as presentation software has them, and the trainer's keyboard.
fn keys(
    keys: Res<ButtonInput<KeyCode>>,
    p: Res<Presenting>,
    boxes: Query<&EditableText, With<RoomBox>>,
    mut out: MessageWriter<Clicker>,
    mut actions: MessageWriter<Action>,
) {
    let pressed = |k: &[KeyCode]| k.iter().any(|k| keys.just_pressed(*k));
    if pressed(&[KeyCode::Escape]) {
        actions.write(Action::Pause);
        return;
    }
    let typed = typing(&p);
    // While the room's reply is typed, letters, space and arrows belong to the box.
    if typed {
        let b = boxes.iter().next();
        let composing = b.is_some_and(|b| b.is_composing());
        if (pressed(&[KeyCode::Enter, KeyCode::NumpadEnter, KeyCode::PageDown])) && !composing {
            out.write(Clicker::Propose(
                b.map(|b| b.value().to_string()).unwrap_or_default(),
            ));
        } else if pressed(&[KeyCode::PageUp]) {
            out.write(Clicker::Back);
        }
        return;
    }
    let shift = keys.any_pressed([KeyCode::ShiftLeft, KeyCode::ShiftRight]);
    if pressed(&[
        KeyCode::PageDown,
        KeyCode::ArrowRight,
        KeyCode::Space,
        KeyCode::Enter,
        KeyCode::NumpadEnter,
    ]) {
        out.write(Clicker::Next);
    } else if pressed(&[KeyCode::PageUp, KeyCode::ArrowLeft]) {
        out.write(Clicker::Back);
    } else if pressed(&[KeyCode::KeyB, KeyCode::Period]) {
        out.write(Clicker::Black);
    } else if pressed(&[KeyCode::KeyW, KeyCode::Comma]) {
        out.write(Clicker::White);
    } else if pressed(&[KeyCode::Equal, KeyCode::NumpadAdd]) {
        out.write(Clicker::Bigger);
    } else if pressed(&[KeyCode::Minus, KeyCode::NumpadSubtract]) {
        out.write(Clicker::Smaller);
    } else if pressed(&[KeyCode::KeyN]) {
        out.write(Clicker::Notes);
    } else if pressed(&[KeyCode::KeyT]) {
        out.write(Clicker::ToggleTimer);
    } else if pressed(&[KeyCode::BracketRight]) {
        out.write(Clicker::Time(30));
    } else if pressed(&[KeyCode::BracketLeft]) {
        out.write(Clicker::Time(-30));
    } else if pressed(&[KeyCode::KeyR]) {
        out.write(Clicker::Return);
    } else if pressed(&[KeyCode::KeyL]) {
        actions.write(Action::ToggleLang);
    } else if let Some(d) = super::digit_pressed(&keys) {
        let k = d - 1;
        let phase = p.room.as_ref().map(|r| r.phase());
        out.write(match phase {
            Some(Phase::Reveal) => Clicker::WhatIf(k),
            _ => Clicker::Hand(k, if shift { -1 } else { 1 }),
        });
    }
}

fn handle(
    mut moves: MessageReader<Clicker>,
    mut actions: MessageReader<Action>,
    mut p: ResMut<Presenting>,
    mut changed: MessageWriter<Changed>,
    mut next: ResMut<NextState<Screen>>,
    mut boxes: Query<&mut EditableText, With<RoomBox>>,
) {
    for a in actions.read() {
        if *a == Action::ToggleLang {
            changed.write(Changed::Look);
        }
    }
    for m in moves.read() {
        let p = &mut *p;
        // Any move brings the projected screen back from black or white.
        if p.blank.is_some() && !matches!(m, Clicker::Black | Clicker::White) {
            p.blank = None;
            changed.write(Changed::Overlay);
            if matches!(m, Clicker::Next | Clicker::Back) {
                continue;
            }
        }
        let Some(room) = p.room.as_mut() else {
            continue;
        };
        let before = p.notice;
        p.notice = None;
        let what = match m {
            Clicker::Next if room.phase() == Phase::Over => {
                next.set(Screen::RoomSummary);
                None
            }
            Clicker::Next => Some(outcome(room.advance().map(|_| ()), &mut p.notice)),
            Clicker::Back => Some(outcome(room.back().map(|_| ()), &mut p.notice)),
            Clicker::Hand(k, d) => {
                let r = room.vote(*k, *d);
                if r.is_err() {
                    p.notice = Some(RoomNotice::NoOption);
                }
                r.is_ok().then_some(Changed::Hands)
            }
            Clicker::WhatIf(k) => Some(outcome(room.try_other(*k), &mut p.notice)),
            Clicker::Return => Some(outcome(room.return_to_room(), &mut p.notice)),
            Clicker::Propose(text) => {
                let r = room.propose(text);
                if r.is_ok() {
                    for mut b in &mut boxes {
                        b.clear();
                    }
                }
                Some(outcome(r, &mut p.notice))
            }
            Clicker::ToggleTimer => {
                room.timer.toggle();
                None
            }
            Clicker::Time(s) => {
                room.timer.adjust(*s);
                p.discussion = room.timer.set;
                None
            }
            Clicker::Black => {
                p.blank = (p.blank != Some(Blank::Black)).then_some(Blank::Black);
                Some(Changed::Overlay)
            }
            Clicker::White => {
                p.blank = (p.blank != Some(Blank::White)).then_some(Blank::White);
                Some(Changed::Overlay)
            }
            Clicker::Bigger => {
                p.zoom = (p.zoom + 0.125).min(2.0);
                Some(Changed::Look)
            }
            Clicker::Smaller => {
                p.zoom = (p.zoom - 0.125).max(0.625);
                Some(Changed::Look)
            }
            Clicker::Notes => {
                p.notes = !p.notes;
                Some(Changed::Overlay)
            }
        };
        if let Some(c) = what {
            changed.write(c);
        }
        if p.notice != before {
            changed.write(Changed::Overlay);
        }
    }
}

/// A move's result: the phase changed, or a notice says why not.
fn outcome(r: Result<(), RoomError>, notice: &mut Option<RoomNotice>) -> Changed {
    match r {
        Ok(()) => Changed::Phase,
        Err(e) => {
            *notice = match e {
                RoomError::NoMajority => Some(RoomNotice::NoMajority),
                RoomError::Engine(jiedai_core::engine::EngineError::EmptyReply) => {
                    Some(RoomNotice::EmptyReply)
                }
                RoomError::NoSuchOption(_) => Some(RoomNotice::NoOption),
                _ => None,
            };
            Changed::Overlay
        }
    }
}

/// Confirmed in the menu: the session ends and its summary follows.
fn leave(mut actions: MessageReader<Action>, mut next: ResMut<NextState<Screen>>) {
    if actions.read().any(|a| *a == Action::Leave) {
        next.set(Screen::RoomSummary);
    }
}

/// The type follows the window's height.
fn look_on_resize(
    mut resized: MessageReader<bevy::window::WindowResized>,
    mut changed: MessageWriter<Changed>,
) {
    if resized.read().count() > 0 {
        changed.write(Changed::Look);
    }
}

/// The reply box takes the keyboard (and the input method) while the room's reply is typed.
pub(crate) fn focus_box(commands: &mut Commands, typed_box: Option<Entity>) {
    commands.insert_resource(typed_box.map_or_else(InputFocus::default, InputFocus::from_entity));
}
