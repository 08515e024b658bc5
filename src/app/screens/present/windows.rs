//! The trainer's own window, for two displays: the projector (the main window, full screen on
//! the second display) shows the room's view, and this one the notes, the timer, the hands and
//! what comes next. Only the windowed app adds this; headless tests name a view themselves.

use super::{PresenterView, start};
use crate::app::Screens;
use crate::app::screens::Screen;
use bevy::camera::RenderTarget;
use bevy::prelude::*;
use bevy::window::{MonitorSelection, PrimaryWindow, WindowMode, WindowPosition, WindowRef};

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
    if !two {
        return;
    }
    if displays >= 2 {
        // The projector is the display that is not the trainer's (the laptop's, the first).
        for mut w in &mut primary {
            w.mode = WindowMode::BorderlessFullscreen(MonitorSelection::Index(1));
        }
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

fn close(
    mut commands: Commands,
    q: Query<Entity, With<TrainerWindow>>,
    mut view: ResMut<PresenterView>,
) {
    for e in &q {
        commands.entity(e).despawn();
    }
    view.0 = None;
}
