//! After the session: the room's summary on the projector, and the hand-out written as a
//! self-contained HTML file (the clicker's next, or E).

use super::Presenting;
use super::style::{self, Sizes};
use crate::app::locale::tr;
use crate::app::records::AppRecords;
use crate::app::screens::menu::Menu;
use crate::app::screens::{Flow, Screen, Scrollable};
use crate::app::settings::Settings;
use crate::app::{Action, UiFont, t};
use bevy::prelude::*;
use bevy::window::PrimaryWindow;
use jiedai_core::Lang;
use jiedai_core::room;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::RoomSummary), spawn)
        .add_systems(
            Update,
            (
                keys.in_set(Flow::Input).run_if(in_state(Menu::None)),
                handle.in_set(Flow::Handle),
            )
                .run_if(in_state(Screen::RoomSummary)),
        );
}

/// Where the hand-out was written (or why not), updated in place.
#[derive(Component)]
struct ExportLine;

#[derive(Component)]
struct SummaryRoot;

fn keys(keys: Res<ButtonInput<KeyCode>>, mut out: MessageWriter<Action>) {
    let pressed = |k: &[KeyCode]| k.iter().any(|k| keys.just_pressed(*k));
    if pressed(&[
        KeyCode::KeyE,
        KeyCode::PageDown,
        KeyCode::ArrowRight,
        KeyCode::Space,
    ]) {
        out.write(Action::ExportSummary);
    } else if pressed(&[KeyCode::Escape, KeyCode::Enter]) {
        out.write(Action::Go(Screen::Title));
    } else if pressed(&[KeyCode::KeyL]) {
        out.write(Action::ToggleLang);
    }
}

/// Writes the hand-out under the data folder's `sessions/`.
pub fn export(
    p: &Presenting,
    records: &AppRecords,
    lang: Lang,
) -> Result<std::path::PathBuf, String> {
    let room = p.room.as_ref().ok_or_else(|| "no session".to_owned())?;
    let dir = records
        .dir
        .clone()
        .unwrap_or_else(|| std::path::PathBuf::from("."))
        .join("sessions");
    room::write_html(&dir, &room.summary(), lang, jiedai_core::records::now_ms())
        .map_err(|e| format!("{}: {e}", dir.display()))
}

fn handle(
    mut actions: MessageReader<Action>,
    mut p: ResMut<Presenting>,
    records: Res<AppRecords>,
    s: Res<Settings>,

    mut line: Query<(&mut Text, &mut TextColor), With<ExportLine>>,
    mut commands: Commands,
    old: Query<Entity, With<SummaryRoot>>,
    window: Query<&Window, With<PrimaryWindow>>,
    font: Res<UiFont>,
) {
    for a in actions.read() {
        match a {
            Action::ExportSummary => {
                let r = export(&p, &records, s.lang);
                match &r {
                    Ok(path) => info!("summary written to {}", path.display()),
                    Err(e) => warn!("could not write the summary: {e}"),
                }
                for (mut text, mut c) in &mut line {
                    text.0 = export_label(s.lang, &r);
                    c.0 = if r.is_ok() { style::GOOD } else { style::BAD };
                }
                p.exported = Some(r);
            }
            Action::ToggleLang => {
                for e in &old {
                    commands.entity(e).despawn();
                }
                draw(&mut commands, &p, window.iter().next(), &font, &s);
            }
            Action::Go(Screen::Title) => p.room = None,
            _ => {}
        }
    }
}

fn export_label(l: Lang, r: &Result<std::path::PathBuf, String>) -> String {
    match r {
        Ok(path) => format!("{}：{}", tr(l, "summary.written"), path.display()),
        Err(e) => format!("{}：{e}", tr(l, "summary.not_written")),
    }
}

fn spawn(
    mut commands: Commands,
    p: Res<Presenting>,
    window: Query<&Window, With<PrimaryWindow>>,
    font: Res<UiFont>,
    s: Res<Settings>,
    view: Res<super::PresenterView>,
) {
    draw(&mut commands, &p, window.iter().next(), &font, &s);
    // The trainer's window says what the keys do here.
    if let Some(camera) = view.0 {
        let l = s.lang;
        commands.spawn((
            Name::new("Trainer summary"),
            DespawnOnExit(Screen::RoomSummary),
            style::trainer_root(camera),
            children![
                crate::app::theme::text(&font, tr(l, "notes.title"), 24.0, style::ACCENT),
                crate::app::theme::text(&font, tr(l, "summary.keys"), 18.0, style::INK),
                (
                    ExportLine,
                    crate::app::theme::text(&font, "", 16.0, style::MUTED)
                ),
            ],
        ));
    }
}

fn draw(
    commands: &mut Commands,
    p: &Presenting,
    window: Option<&Window>,
    f: &UiFont,
    s: &Settings,
) {
    let l = s.lang;
    let z: Sizes = super::audience::sizes(p, window);
    let text = |s: String, size: f32, c: Color| crate::app::theme::text(f, s, size, c);
    let Some(room) = &p.room else {
        return;
    };
    let sum = room.summary();
    let d = &sum.debrief;
    let name = |id: &String| {
        d.techniques
            .iter()
            .find(|x| &x.id == id)
            .map_or_else(|| id.clone(), |x| t(s, &x.name))
    };
    let list = |ids: &[String]| {
        if ids.is_empty() {
            tr(l, "summary.none").to_owned()
        } else {
            ids.iter().map(name).collect::<Vec<_>>().join("、")
        }
    };
    commands
        .spawn((
            SummaryRoot,
            Name::new("RoomSummary"),
            DespawnOnExit(Screen::RoomSummary),
            style::root(z),
        ))
        .with_children(|root| {
            root.spawn(text(
                format!("{} · {}", tr(l, "summary.title"), t(s, &sum.title)),
                z.heading(),
                style::INK,
            ));
            root.spawn(text(
                tr(l, "summary.line")
                    .replace("{n}", &sum.steps.len().to_string())
                    .replace("{m}", &sum.best_taken().to_string())
                    .replace("{overall}", &d.overall.to_string()),
                z.body(),
                style::INK,
            ));
            if !sum.finished {
                root.spawn(text(
                    tr(l, "summary.unfinished").to_owned(),
                    z.small(),
                    style::ACCENT,
                ));
            }
            root.spawn(text(
                format!("{}：{}", tr(l, "summary.well"), list(&sum.well)),
                z.body(),
                style::GOOD,
            ));
            root.spawn(text(
                format!("{}：{}", tr(l, "summary.poorly"), list(&sum.poorly)),
                z.body(),
                style::BAD,
            ));
            root.spawn((
                Scrollable,
                Interaction::default(),
                Node {
                    flex_grow: 1.0,
                    flex_basis: px(0),
                    min_height: px(0),
                    flex_direction: FlexDirection::Column,
                    row_gap: px(6),
                    overflow: Overflow::scroll_y(),
                    ..default()
                },
            ))
            .with_children(|steps| {
                for st in &sum.steps {
                    let room_said = match (&st.typed, st.chosen) {
                        (Some(typed), _) => format!("“{typed}”"),
                        (None, Some(k)) => format!(
                            "{}（{}）",
                            room::letter(k),
                            super::audience::hands_label(l, st.options[k].votes)
                        ),
                        _ => String::new(),
                    };
                    let best = st
                        .best
                        .map(|k| format!("　{} {}", tr(l, "present.best"), room::letter(k)))
                        .unwrap_or_default();
                    let good = st.points >= st.best_points - 0.05;
                    steps.spawn(text(
                        format!(
                            "{}　{}：{room_said}{best}",
                            tr(l, "present.step").replace("{n}", &st.turn.to_string()),
                            tr(l, "summary.room")
                        ),
                        z.small(),
                        if good { style::GOOD } else { style::INK },
                    ));
                }
            });
            let (label, colour) = match &p.exported {
                Some(r) => (
                    export_label(l, r),
                    if r.is_ok() { style::GOOD } else { style::BAD },
                ),
                None => (String::new(), style::MUTED),
            };
            root.spawn((ExportLine, text(label, z.small(), colour)));
            root.spawn(text(
                tr(l, "summary.keys").to_owned(),
                z.small(),
                style::MUTED,
            ));
        });
}
