//! The menu overlay: a state beside [`Screen`], drawn over the screen it was opened from, which
//! stays as it is underneath (the typed draft, the scroll, the timer all keep their place).
//! Esc opens and closes it; in the confirmation, Enter (or Y) confirms.

use super::{Flow, Screen};
use crate::app::locale::tr;
use crate::app::settings::Settings;
use crate::app::theme::{self, palette};
use crate::app::{Action, UiFont};
use bevy::prelude::*;

#[derive(States, Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Menu {
    #[default]
    None,
    /// The reception's pause: resume, or leave the visit.
    Paused,
    /// Asked before leaving: the visit (kept as abandoned), or the group session (to its
    /// summary).
    ConfirmLeave,
}

pub(super) fn plugin(app: &mut App) {
    app.init_state::<Menu>()
        .add_systems(OnEnter(Menu::Paused), draw)
        .add_systems(OnEnter(Menu::ConfirmLeave), draw)
        .add_systems(
            Update,
            (
                keys.in_set(Flow::Input).run_if(not(in_state(Menu::None))),
                handle.in_set(Flow::Handle),
                redraw_on_lang.run_if(not(in_state(Menu::None))),
            ),
        )
        .add_systems(OnExit(Screen::Reception), close)
        .add_systems(OnExit(Screen::Present), close);
}

/// The overlay's root, removed when the menu closes.
#[derive(Component)]
struct Overlay;

fn close(mut next: ResMut<NextState<Menu>>) {
    next.set(Menu::None);
}

fn keys(keys: Res<ButtonInput<KeyCode>>, menu: Res<State<Menu>>, mut out: MessageWriter<Action>) {
    if keys.just_pressed(KeyCode::Escape) {
        out.write(Action::Resume);
    } else if *menu.get() == Menu::ConfirmLeave
        && (keys.just_pressed(KeyCode::Enter) || keys.just_pressed(KeyCode::KeyY))
    {
        out.write(Action::Leave);
    } else if *menu.get() == Menu::Paused && keys.just_pressed(KeyCode::Enter) {
        out.write(Action::Resume);
    }
}

fn handle(
    mut actions: MessageReader<Action>,
    screen: Res<State<Screen>>,
    menu: Res<State<Menu>>,
    mut next: ResMut<NextState<Menu>>,
) {
    let here = matches!(screen.get(), Screen::Reception | Screen::Present);
    for a in actions.read() {
        match a {
            Action::Pause if here => next.set(match screen.get() {
                // A group session has nothing to pause but its timer (T): Esc asks to end it.
                Screen::Present => Menu::ConfirmLeave,
                _ => Menu::Paused,
            }),
            Action::Resume => next.set(Menu::None),
            Action::AskLeave if *menu.get() != Menu::None => next.set(Menu::ConfirmLeave),
            Action::Leave => next.set(Menu::None),
            _ => {}
        }
    }
}

/// The language can change under the overlay (L in the group session): draw it again.
fn redraw_on_lang(
    settings: Res<Settings>,
    commands: Commands,
    menu: Res<State<Menu>>,
    screen: Res<State<Screen>>,
    font: Res<UiFont>,
    old: Query<Entity, With<Overlay>>,
) {
    if settings.is_changed() && !settings.is_added() {
        draw(commands, menu, screen, font, settings, old);
    }
}

fn draw(
    mut commands: Commands,
    menu: Res<State<Menu>>,
    screen: Res<State<Screen>>,
    font: Res<UiFont>,
    s: Res<Settings>,
    old: Query<Entity, With<Overlay>>,
) {
    for e in &old {
        commands.entity(e).despawn();
    }
    let l = s.lang;
    let f = &*font;
    let present = *screen.get() == Screen::Present;
    let m = *menu.get();
    commands
        .spawn((
            Overlay,
            Name::new("Menu"),
            DespawnOnExit(m),
            DespawnOnExit(*screen.get()),
            Node {
                position_type: PositionType::Absolute,
                left: px(0),
                top: px(0),
                width: percent(100),
                height: percent(100),
                justify_content: JustifyContent::Center,
                align_items: AlignItems::Center,
                ..default()
            },
            BackgroundColor(Color::srgba(0.0, 0.0, 0.0, 0.55)),
            GlobalZIndex(20),
        ))
        .with_children(|o| {
            o.spawn(theme::panel()).with_children(|p| match m {
                Menu::ConfirmLeave => {
                    let (q, yes) = if present {
                        ("present.confirm", "present.to_summary")
                    } else {
                        ("pause.confirm", "pause.yes")
                    };
                    p.spawn(theme::text(f, tr(l, q), theme::HEADING, palette::INK));
                    p.spawn(theme::button(
                        f,
                        format!("{} (Enter)", tr(l, yes)),
                        Action::Leave,
                    ));
                    p.spawn(theme::button(
                        f,
                        format!("{} (Esc)", tr(l, "pause.no")),
                        Action::Resume,
                    ));
                }
                _ => {
                    p.spawn(theme::text(
                        f,
                        tr(l, "pause.title"),
                        theme::HEADING,
                        palette::INK,
                    ));
                    p.spawn(theme::button(
                        f,
                        format!("{} (Esc)", tr(l, "pause.resume")),
                        Action::Resume,
                    ));
                    p.spawn(theme::button(f, tr(l, "pause.quit"), Action::AskLeave));
                }
            });
        });
}
