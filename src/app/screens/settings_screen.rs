//! Settings: language, UI scale, meters, text speed, fullscreen, classroom mode.

use super::{Canvas, Flow, Screen, needs_redraw, root};
use crate::app::Action;
use crate::app::locale::tr;
use crate::app::theme::{self, palette};
use bevy::prelude::*;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        (
            keys.in_set(Flow::Input),
            draw.in_set(Flow::Draw).run_if(needs_redraw),
        )
            .run_if(in_state(Screen::Settings)),
    );
}

fn keys(keys: Res<ButtonInput<KeyCode>>, mut out: MessageWriter<Action>) {
    let map = [
        (KeyCode::KeyL, Action::ToggleLang),
        (KeyCode::Equal, Action::ScaleUp),
        (KeyCode::NumpadAdd, Action::ScaleUp),
        (KeyCode::Minus, Action::ScaleDown),
        (KeyCode::NumpadSubtract, Action::ScaleDown),
        (KeyCode::KeyM, Action::ToggleMeters),
        (KeyCode::KeyS, Action::CycleSpeed),
        (KeyCode::KeyF, Action::ToggleFullscreen),
        (KeyCode::KeyC, Action::ToggleClassroom),
        (KeyCode::Escape, Action::Go(Screen::Title)),
    ];
    for (k, a) in map {
        if keys.just_pressed(k) {
            out.write(a);
        }
    }
}

fn draw(mut canvas: Canvas) {
    let (commands, f, s) = canvas.begin();
    let l = s.lang;
    let on = |b: bool| if b { tr(l, "set.on") } else { tr(l, "set.off") };
    let rows: Vec<(&str, String, Vec<(&str, Action)>)> = vec![
        (
            "set.lang",
            match l {
                jiedai_core::Lang::Zh => "中文".into(),
                jiedai_core::Lang::En => "English".into(),
            },
            vec![("中文 / English", Action::ToggleLang)],
        ),
        (
            "set.scale",
            format!("{:.0}%", s.ui_scale * 100.0),
            vec![("−", Action::ScaleDown), ("+", Action::ScaleUp)],
        ),
        (
            "set.meters",
            on(s.meters).into(),
            vec![("⇄", Action::ToggleMeters)],
        ),
        (
            "set.speed",
            tr(l, s.speed_key()).into(),
            vec![("⇄", Action::CycleSpeed)],
        ),
        (
            "set.fullscreen",
            on(s.fullscreen).into(),
            vec![("⇄", Action::ToggleFullscreen)],
        ),
        (
            "set.classroom",
            on(s.classroom).into(),
            vec![("⇄", Action::ToggleClassroom)],
        ),
    ];
    commands
        .spawn(root(Screen::Settings, "Settings"))
        .with_children(|root| {
            root.spawn(theme::row(12.0)).with_children(|bar| {
                bar.spawn(theme::button(f, "←", Action::Go(Screen::Title)));
                bar.spawn(theme::text(
                    f,
                    tr(l, "set.title"),
                    theme::TITLE,
                    palette::INK,
                ));
            });
            root.spawn(theme::panel()).with_children(|p| {
                for (key, value, buttons) in rows {
                    p.spawn(theme::row(14.0)).with_children(|row| {
                        row.spawn((
                            Node {
                                width: px(300),
                                ..default()
                            },
                            children![theme::text(f, tr(l, key), theme::BODY, palette::INK)],
                        ));
                        row.spawn((
                            Node {
                                width: px(140),
                                ..default()
                            },
                            children![theme::text(f, value, theme::BODY, palette::ACCENT)],
                        ));
                        for (label, action) in buttons {
                            row.spawn(theme::button(f, label, action));
                        }
                    });
                }
            });
            root.spawn(theme::button(
                f,
                tr(l, "set.back"),
                Action::Go(Screen::Title),
            ));
            root.spawn(theme::text(
                f,
                tr(l, "set.hint"),
                theme::SMALL,
                palette::MUTED,
            ));
        });
}
