//! The trainer's notes: what the step teaches, the best option and what each would bring, the
//! hands so far, the timer and what the next click does. With two displays they fill the
//! trainer's own window; with one they sit in a panel on the projected screen that is hidden
//! unless the trainer turns it on (N), so that they never reach the room by accident.

use super::style::{self, Sizes};
use super::{Changed, PresenterView, Presenting};
use crate::app::locale::tr;
use crate::app::screens::{Framed, Screen};
use crate::app::settings::Settings;
use crate::app::{UiFont, t};
use bevy::prelude::*;
use jiedai_core::judge;
use jiedai_core::model::Turn;
use jiedai_core::room::{self, Phase};

/// The region the notes are filled into (in either view).
#[derive(Component)]
pub struct NotesRegion;

/// The one-display panel that holds the notes; hidden unless N is on.
#[derive(Component)]
pub struct NotesPanel;

/// The trainer's window's root (two displays).
#[derive(Component)]
pub struct PresenterRoot;

fn text(f: &UiFont, s: impl Into<String>, size: f32, color: Color) -> impl Bundle {
    crate::app::theme::text(f, s, size, color)
}

/// The trainer reads from close by: a fixed size, not the room's.
const NOTES: Sizes = Sizes { k: 0.8 };

pub(super) fn spawn(
    mut commands: Commands,
    view: Res<PresenterView>,
    p: Res<Presenting>,
    mut changed: MessageWriter<Changed>,
) {
    match view.0 {
        Some(camera) => {
            commands
                .spawn((
                    Framed,
                    PresenterRoot,
                    Name::new("Presenter"),
                    DespawnOnExit(Screen::Present),
                    style::trainer_root(camera),
                ))
                .with_children(|r| {
                    r.spawn((
                        NotesRegion,
                        Node {
                            flex_direction: FlexDirection::Column,
                            row_gap: px(8),
                            ..default()
                        },
                    ));
                });
        }
        None => {
            commands
                .spawn((
                    Framed,
                    NotesPanel,
                    Name::new("Notes"),
                    DespawnOnExit(Screen::Present),
                    Node {
                        position_type: PositionType::Absolute,
                        right: px(16),
                        bottom: px(16),
                        width: percent(42),
                        max_height: percent(70),
                        flex_direction: FlexDirection::Column,
                        padding: UiRect::all(px(16)),
                        border: UiRect::all(px(2)),
                        border_radius: BorderRadius::all(px(8)),
                        overflow: Overflow::scroll_y(),
                        ..default()
                    },
                    BackgroundColor(style::PANEL),
                    BorderColor::all(style::ACCENT),
                    GlobalZIndex(12),
                    if p.notes {
                        Visibility::Visible
                    } else {
                        Visibility::Hidden
                    },
                ))
                .with_children(|r| {
                    r.spawn((
                        NotesRegion,
                        Node {
                            flex_direction: FlexDirection::Column,
                            row_gap: px(6),
                            ..default()
                        },
                    ));
                });
        }
    }
    // Filled by `refresh`, at once.
    changed.write(Changed::Phase);
}

pub(super) fn refresh(
    mut changes: MessageReader<Changed>,
    mut commands: Commands,
    p: Res<Presenting>,
    font: Res<UiFont>,
    s: Res<Settings>,
    view: Res<PresenterView>,
    regions: Query<Entity, With<NotesRegion>>,
    mut panel: Query<&mut Visibility, With<NotesPanel>>,
) {
    if changes.read().count() == 0 {
        return;
    }
    // Hidden notes are not filled: what is not drawn cannot be shown by accident.
    let shown = view.0.is_some() || p.notes;
    for mut v in &mut panel {
        let want = if shown {
            Visibility::Visible
        } else {
            Visibility::Hidden
        };
        if *v != want {
            *v = want;
        }
    }
    for e in &regions {
        commands.entity(e).despawn_children();
        if shown {
            commands
                .entity(e)
                .with_children(|c| fill(c, &p, &font, &s, view.0.is_some()));
        }
    }
}

fn fill(
    c: &mut ChildSpawnerCommands,
    p: &Presenting,
    f: &UiFont,
    s: &Settings,
    trainer_window: bool,
) {
    let l = s.lang;
    let z = NOTES;
    let Some(room) = &p.room else { return };
    let session = room.session();
    let sc = session.scenario();
    c.spawn(text(f, tr(l, "notes.title"), z.heading(), style::ACCENT));
    if !trainer_window {
        c.spawn(text(f, tr(l, "notes.shown"), z.small(), style::BAD));
    }
    // What the next click does.
    let next = match room.phase() {
        Phase::Briefing => tr(l, "notes.next_line").to_owned(),
        Phase::Line => tr(l, "notes.next_options").to_owned(),
        Phase::Options if super::typing(p) => tr(l, "notes.next_typed").to_owned(),
        Phase::Options => match room.majority() {
            Some(k) => tr(l, "notes.next_reveal").replace("{x}", &room::letter(k).to_string()),
            None => tr(l, "notes.next_tie").to_owned(),
        },
        Phase::Reveal if session.is_over() => tr(l, "notes.next_end").to_owned(),
        Phase::Reveal => tr(l, "notes.next_step").to_owned(),
        Phase::Over => tr(l, "notes.next_summary").to_owned(),
    };
    c.spawn(text(f, next, z.body(), style::INK));
    if room.timer.set > 0 {
        // The figures count in place, with the projector's clock.
        c.spawn(Node {
            column_gap: px(8),
            ..default()
        })
        .with_children(|row| {
            row.spawn(text(f, tr(l, "notes.timer"), z.small(), style::MUTED));
            row.spawn((
                super::audience::TimerText,
                text(f, room.timer.label(), z.small(), style::MUTED),
            ));
            row.spawn(text(
                f,
                format!("/ {}:{:02}", room.timer.set / 60, room.timer.set % 60),
                z.small(),
                style::MUTED,
            ));
        });
    }
    if let Some((turn, option)) = room.what_if() {
        c.spawn(text(
            f,
            tr(l, "notes.what_if")
                .replace("{n}", &turn.to_string())
                .replace("{id}", option),
            z.small(),
            style::ACCENT,
        ));
    }
    if room.phase() == Phase::Briefing {
        if let Some(teach) = &sc.teaching {
            c.spawn(text(f, t(s, teach), z.small(), style::INK));
        }
        return;
    }
    let Some(v) = session.view() else { return };
    // At a reveal the notes are those of the step just answered.
    let step = if room.phase() == Phase::Reveal {
        session
            .transcript()
            .last()
            .and_then(|r| sc.step(&r.step))
            .unwrap_or(v.step)
    } else {
        v.step
    };
    if let Some(note) = &step.note {
        c.spawn(text(
            f,
            format!("{}：{}", tr(l, "rec.point"), t(s, note)),
            z.small(),
            style::INK,
        ));
    }
    if room.phase() == Phase::Options
        && let Turn::Choose { options, .. } = &v.step.turn
    {
        // Each option as it would land from the visitor's state now; the hands beside it.
        let speaker = jiedai_core::step::speaker_index(sc, v.step);
        let state = &session.state().state;
        let judged: Vec<_> = v
            .order
            .iter()
            .filter_map(|&i| options.get(i))
            .map(|o| (o, judge::preview(session.rubric(), state, o, speaker)))
            .collect();
        let best = judge::best_shown(session.rubric(), state, options, &v.order, speaker);
        for (k, (o, pv)) in judged.iter().enumerate() {
            let (mark, colour) = if !pv.assessment.anti_patterns.is_empty() {
                ("×", style::BAD)
            } else if Some(k) == best {
                ("★", style::GOOD)
            } else if pv.is_good() {
                ("✓", style::GOOD)
            } else {
                ("·", style::MUTED)
            };
            let why = o
                .feedback
                .as_ref()
                .map(|fb| format!(" —— {}", t(s, &fb.text)))
                .unwrap_or_default();
            c.spawn(text(
                f,
                format!(
                    "{mark} {}（{}）{why}",
                    room::letter(k),
                    super::audience::hands_label(l, room.votes().get(k).copied().unwrap_or(0)),
                ),
                z.small(),
                colour,
            ));
        }
    }
    if room.phase() == Phase::Reveal && room.what_if().is_none() {
        c.spawn(text(f, tr(l, "notes.what_if_how"), z.small(), style::MUTED));
    }
}
