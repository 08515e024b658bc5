//! The baseline for the app benchmark (`benches/app.sh`): a bare Bevy window with the same
//! features, the same font and one line of text. Prints the same measurements as
//! `JIEDAI_BENCH=1 jiedai`: time to the first frame with the font loaded, and the mean frame
//! time over 300 frames.
//!
//! With `BARE_MSAA=off` its camera turns multisampling off as the app's does, which makes it
//! the like-for-like baseline; without it the camera keeps Bevy's default (4× MSAA).

use bevy::prelude::*;
use std::time::{Duration, Instant};

#[derive(Resource)]
struct Bench {
    start: Instant,
    font: Handle<Font>,
    ready: Option<Duration>,
    frames: u32,
    measured: Duration,
    /// Process CPU time when the measured frames began.
    cpu_start: Option<Duration>,
}

fn main() {
    let start = Instant::now();
    let (w, h) = std::env::var("JIEDAI_WINDOW")
        .ok()
        .and_then(|v| {
            v.split_once('x')
                .and_then(|(a, b)| Some((a.parse().ok()?, b.parse().ok()?)))
        })
        .unwrap_or((1920, 1080));
    App::new()
        .add_plugins(
            DefaultPlugins
                .set(WindowPlugin {
                    primary_window: Some(Window {
                        resolution: bevy::window::WindowResolution::new(w, h),
                        ..default()
                    }),
                    ..default()
                })
                .set(AssetPlugin {
                    file_path: concat!(env!("CARGO_MANIFEST_DIR"), "/assets").into(),
                    ..default()
                }),
        )
        .insert_resource(Bench {
            start,
            font: Handle::default(),
            ready: None,
            frames: 0,
            measured: Duration::ZERO,
            cpu_start: None,
        })
        .add_systems(Startup, setup)
        .add_systems(Update, measure)
        .run();
}

fn setup(mut commands: Commands, assets: Res<AssetServer>, mut bench: ResMut<Bench>) {
    bench.font = assets.load("fonts/wqy-microhei.ttc");
    let msaa_off = std::env::var("BARE_MSAA").is_ok_and(|v| v == "off");
    commands.spawn((
        Camera2d,
        if msaa_off {
            bevy::render::view::Msaa::Off
        } else {
            bevy::render::view::Msaa::default()
        },
    ));
    commands.spawn((
        Text::new("接待 jiedai"),
        TextFont {
            font: bench.font.clone().into(),
            font_size: 40.0.into(),
            ..default()
        },
    ));
}

fn measure(
    mut bench: ResMut<Bench>,
    assets: Res<AssetServer>,
    time: Res<Time>,
    mut exit: MessageWriter<AppExit>,
) {
    if bench.ready.is_none() {
        if assets.is_loaded(&bench.font) {
            bench.ready = Some(bench.start.elapsed());
        }
        return;
    }
    bench.frames += 1;
    if bench.frames == 60 {
        bench.cpu_start = jiedai_core::measure::process_cpu();
    }
    if bench.frames > 60 {
        bench.measured += time.delta();
    }
    if bench.frames == 360 {
        let ready = bench.ready.unwrap_or_default().as_secs_f64() * 1000.0;
        let frame = bench.measured.as_secs_f64() * 1000.0 / 300.0;
        let cpu = match (bench.cpu_start, jiedai_core::measure::process_cpu()) {
            (Some(a), Some(b)) => (b.saturating_sub(a)).as_secs_f64() * 1000.0 / 300.0,
            _ => f64::NAN,
        };
        let app = if std::env::var("BARE_MSAA").is_ok_and(|v| v == "off") {
            "bare-msaa-off"
        } else {
            "bare"
        };
        println!(
            "{{\"app\": \"{app}\", \"ready_ms\": {ready:.1}, \"frame_ms\": {frame:.2}, \"cpu_ms\": {cpu:.2}}}"
        );
        exit.write(AppExit::Success);
    }
}
