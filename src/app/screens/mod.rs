//! The screens, one plugin per file, and the order in which each frame handles them.

mod briefing;
mod debrief;
mod graph;
mod history_screen;
mod library;
pub mod menu;
pub mod parts;
pub mod present;
pub mod reception;
mod settings_screen;
mod title;
mod trainee;
mod visitor;

#[cfg(test)]
pub use debrief::current as debrief_of;
#[cfg(any(test, feature = "hooks"))]
pub use reception::ReplyBox;

use super::settings::Settings;
use super::{Action, Redraw, UiFont};
use bevy::ecs::system::SystemParam;
use bevy::input::mouse::{MouseScrollUnit, MouseWheel};
use bevy::prelude::*;

#[derive(States, Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Screen {
    #[default]
    Title,
    Trainee,
    Library,
    Briefing,
    Reception,
    Debrief,
    Settings,
    History,
    Graph,
    /// A group session at the projector.
    Present,
    /// The group session's summary and hand-out.
    RoomSummary,
}

/// Each frame: keys become actions, actions change the state, then changed screens are drawn.
#[derive(SystemSet, Clone, Debug, PartialEq, Eq, Hash)]
pub enum Flow {
    Input,
    Handle,
    Draw,
}

/// The root of the drawn screen, replaced on every redraw.
#[derive(Component)]
pub struct ScreenRoot;

/// A region that must lie inside its window at every size: it does not scroll, so what it
/// holds is only seen if it fits (the window smoke test checks it at 1280×720 and 1920×1080).
#[derive(Component)]
pub struct Framed;

/// A node the mouse wheel scrolls.
#[derive(Component)]
pub struct Scrollable;

pub(super) fn plugin(app: &mut App) {
    app.configure_sets(Update, (Flow::Input, Flow::Handle, Flow::Draw).chain())
        .add_systems(
            Update,
            (
                redraw_on_screen_change.in_set(Flow::Input),
                navigate.in_set(Flow::Handle),
                scroll_with_wheel,
            ),
        )
        .add_plugins((
            title::plugin,
            library::plugin,
            briefing::plugin,
            reception::plugin,
            debrief::plugin,
            settings_screen::plugin,
            history_screen::plugin,
            trainee::plugin,
            graph::plugin,
            menu::plugin,
            present::plugin,
        ))
        .add_systems(Update, open_graph.in_set(Flow::Handle));
}

fn redraw_on_screen_change(state: Res<State<Screen>>, mut redraw: ResMut<Redraw>) {
    if state.is_changed() {
        redraw.0 = true;
    }
}

/// The graph opens over the screen it was asked from, and goes back to it.
fn open_graph(
    mut actions: MessageReader<Action>,
    state: Res<State<Screen>>,
    visit: Res<crate::app::Visit>,
    mut from: ResMut<graph::GraphFrom>,
    mut next: ResMut<NextState<Screen>>,
) {
    for a in actions.read() {
        if *a == Action::ShowGraph && visit.session.is_some() && *state.get() != Screen::Graph {
            from.0 = Some(*state.get());
            next.set(Screen::Graph);
        }
    }
}

fn navigate(mut actions: MessageReader<Action>, mut next: ResMut<NextState<Screen>>) {
    for a in actions.read() {
        if let Action::Go(s) = a {
            next.set(*s);
        }
    }
}

pub fn needs_redraw(r: Res<Redraw>) -> bool {
    r.0
}

/// What every screen's draw system starts from: commands to spawn with, the font, the settings,
/// and the previous drawing to remove.
#[derive(SystemParam)]
pub struct Canvas<'w, 's> {
    commands: Commands<'w, 's>,
    font: Res<'w, UiFont>,
    settings: Res<'w, Settings>,
    roots: Query<'w, 's, Entity, With<ScreenRoot>>,
    redraw: ResMut<'w, Redraw>,
}

impl<'w, 's> Canvas<'w, 's> {
    /// Starts a redraw: removes the previous drawing of the screen, marks it drawn, and hands
    /// out what drawing needs.
    pub fn begin(&mut self) -> (&mut Commands<'w, 's>, &UiFont, &Settings) {
        for e in &self.roots {
            self.commands.entity(e).despawn();
        }
        self.redraw.0 = false;
        (&mut self.commands, &self.font, &self.settings)
    }
}

/// The root of a screen's drawing: replaced on redraw, removed when the screen is left.
pub fn root(screen: Screen, name: &'static str) -> impl Bundle {
    (
        ScreenRoot,
        DespawnOnExit(screen),
        crate::app::theme::screen_root(name),
    )
}

fn scroll_with_wheel(
    mut wheel: MessageReader<MouseWheel>,
    mut q: Query<(&mut ScrollPosition, &Interaction), With<Scrollable>>,
) {
    for ev in wheel.read() {
        let dy = match ev.unit {
            MouseScrollUnit::Line => ev.y * 40.0,
            MouseScrollUnit::Pixel => ev.y,
        };
        for (mut pos, i) in &mut q {
            if *i != Interaction::None {
                pos.0.y = (pos.0.y - dy).max(0.0);
            }
        }
    }
}

/// Keys pressed this frame, as digits 1–9 (for choices and menus).
pub fn digit_pressed(keys: &ButtonInput<KeyCode>) -> Option<usize> {
    const DIGITS: [(KeyCode, KeyCode); 9] = [
        (KeyCode::Digit1, KeyCode::Numpad1),
        (KeyCode::Digit2, KeyCode::Numpad2),
        (KeyCode::Digit3, KeyCode::Numpad3),
        (KeyCode::Digit4, KeyCode::Numpad4),
        (KeyCode::Digit5, KeyCode::Numpad5),
        (KeyCode::Digit6, KeyCode::Numpad6),
        (KeyCode::Digit7, KeyCode::Numpad7),
        (KeyCode::Digit8, KeyCode::Numpad8),
        (KeyCode::Digit9, KeyCode::Numpad9),
    ];
    DIGITS
        .iter()
        .position(|(a, b)| keys.just_pressed(*a) || keys.just_pressed(*b))
        .map(|i| i + 1)
}

/// The name, in the current language, of a technique, anti-pattern or procedural act of the
/// rubric; the id itself if the rubric has no such entry.
pub fn name_of(lib: &crate::app::Library, s: &Settings, id: &str) -> String {
    let t = |x: &jiedai_core::Text| crate::app::t(s, x);
    lib.rubric
        .technique(id)
        .map(|x| t(&x.name))
        .or_else(|| lib.rubric.anti_pattern(id).map(|x| t(&x.name)))
        .or_else(|| lib.rubric.procedure(id).map(|x| t(&x.name)))
        .unwrap_or_else(|| id.to_owned())
}

/// One turn of a transcript: the visitor's line, then the reply coloured by how it scored.
pub fn transcript_turn(
    p: &mut ChildSpawnerCommands,
    f: &crate::app::UiFont,
    s: &crate::app::settings::Settings,
    sc: Option<&jiedai_core::model::Scenario>,
    rec: &jiedai_core::engine::TurnRecord,
    numbered: bool,
) {
    use crate::app::theme::{self, palette};
    let t = |x: &jiedai_core::Text| crate::app::t(s, x);
    let who = rec
        .speaker
        .as_deref()
        .and_then(|id| Some((id, sc?.visitor(id))))
        .map(|(id, v)| v.map_or_else(|| id.to_owned(), |v| t(&v.name)))
        .unwrap_or_default();
    let (number, indent) = if numbered {
        (format!("{} · ", rec.turn), "    ")
    } else {
        (String::new(), "")
    };
    p.spawn(theme::text(
        f,
        format!("{number}{who}：{}", t(&rec.line)),
        theme::SMALL,
        palette::INK,
    ));
    p.spawn(theme::text(
        f,
        format!(
            "{indent}{}：{}",
            crate::app::locale::tr(s.lang, "rec.you"),
            t(&rec.said)
        ),
        theme::SMALL,
        theme::score_colour(rec.assessment.net(), palette::MUTED),
    ));
}
