//! The trainer's own window, for two displays: the projector (the main window, full screen on
//! the second display) shows the room's view, and this one the notes, the timer, the hands and
//! what comes next. Only the windowed app adds this; headless tests name a view themselves.

use super::{PresenterView, start};
use crate::app::Screens;
use crate::app::screens::Screen;
use bevy::camera::RenderTarget;
use bevy::prelude::*;
use bevy::window::{MonitorSelection, PrimaryWindow, WindowMode, WindowPosition, WindowRef};

/// `jiedai present --windowed`: the session stays in a window.
#[derive(Resource, Default, Clone, Copy)]
pub struct Windowed(pub bool);

pub fn windows(app: &mut App) {
    app.add_systems(OnEnter(Screen::Present), open.before(start))
        .add_systems(OnEnter(Screen::Title), close);
}

/// The trainer's window's camera and window.
#[derive(Component)]
struct TrainerWindow;

fn open(
    mut commands: Commands,
    screens: Option<Res<Screens>>,
    windowed: Option<Res<Windowed>>,
    monitors: Query<&bevy::window::Monitor>,
    mut view: ResMut<PresenterView>,
    mut primary: Query<&mut Window, With<PrimaryWindow>>,
) {
    if view.0.is_some() {
        return;
    }
    let displays = monitors.iter().count();
    let two = match screens.map_or(Screens::Auto, |s| *s) {
        Screens::One => false,
        Screens::Two => true,
        Screens::Auto => displays >= 2,
    };
    // The room's view fills the projector: the display that is not the trainer's (the
    // laptop's, the first) when there are two.
    if !windowed.is_some_and(|w| w.0) {
        let on = if two && displays >= 2 {
            MonitorSelection::Index(1)
        } else {
            MonitorSelection::Current
        };
        for mut w in &mut primary {
            w.mode = WindowMode::BorderlessFullscreen(on);
        }
    }
    if !two {
        return;
    }
    let window = commands
        .spawn((
            TrainerWindow,
            Window {
                title: "接待 · 讲师视图 (trainer)".into(),
                resolution: bevy::window::WindowResolution::new(960, 720),
                position: WindowPosition::Centered(MonitorSelection::Primary),
                ..default()
            },
        ))
        .id();
    let camera = commands
        .spawn((
            TrainerWindow,
            Name::new("Trainer camera"),
            Camera2d,
            bevy::render::view::Msaa::Off,
            RenderTarget::Window(WindowRef::Entity(window)),
        ))
        .id();
    view.0 = Some(camera);
}

/// Back at the main menu: the trainer's window closes and the main window is as the settings
/// have it.
fn close(
    mut commands: Commands,
    q: Query<Entity, With<TrainerWindow>>,
    mut view: ResMut<PresenterView>,
    mut primary: Query<&mut Window, With<PrimaryWindow>>,
    settings: Res<crate::app::settings::Settings>,
) {
    for e in &q {
        commands.entity(e).despawn();
    }
    view.0 = None;
    let want = crate::app::window_mode(settings.fullscreen);
    for mut w in &mut primary {
        if w.mode != want {
            w.mode = want;
        }
    }
}
