//! The conversation: the cue and the visitor's line (appearing a few characters at a time),
//! then the feedback on the last reply, classroom notes, and the hint asked for.

use super::{Ctx, LineText};
use crate::app::locale::tr;
use crate::app::settings::Settings;
use crate::app::theme::{self, palette};
use crate::app::{Library, UiFont, t};
use bevy::prelude::*;
use jiedai_core::engine::{Response, TurnRecord};
use jiedai_core::model::{Scenario, Turn};

pub(super) fn line(mid: &mut ChildSpawnerCommands, cx: &Ctx) {
    let (f, s) = (cx.f, cx.s);
    let Some(session) = cx.visit.session.as_ref() else {
        return;
    };
    let Some(v) = session.view() else { return };
    let speaker = v
        .speaker
        .and_then(|id| session.scenario().visitor(id))
        .map(|v| t(s, &v.name))
        .unwrap_or_default();
    if let Some(cue) = v.cue {
        mid.spawn(theme::text(
            f,
            format!("（{}）", t(s, cue)),
            theme::BODY,
            palette::MUTED,
        ));
    }
    if let Some(line) = v.line {
        let full = t(s, line);
        // Filled again at the same turn (a setting changed), the line is not revealed again.
        let shown: String = full.chars().take(cx.visit.revealed as usize).collect();
        mid.spawn(theme::panel()).with_children(|p| {
            p.spawn(theme::text(
                f,
                format!("{speaker}："),
                theme::SMALL,
                palette::ACCENT,
            ));
            p.spawn((
                LineText(full),
                theme::text(f, shown, theme::HEADING, palette::INK),
            ));
        });
    }
}

pub(super) fn feedback(mid: &mut ChildSpawnerCommands, cx: &Ctx) {
    let (f, s, visit) = (cx.f, cx.s, cx.visit);
    let l = s.lang;
    let Some(session) = visit.session.as_ref() else {
        return;
    };
    if let Some(rec) = session.transcript().last()
        && !session.is_exam()
    {
        // The classroom notes stay until the next options are shown.
        let notes = s.classroom && !visit.options_shown;
        feedback_panel(mid, f, s, cx.lib, session.scenario(), rec, notes);
    }
    if let Some(h) = &visit.hint {
        mid.spawn((theme::panel(), Name::new("Hint")))
            .with_children(|p| {
                let cost = if h.cost > 0 {
                    format!(
                        "（{}）",
                        tr(l, "rec.hint_cost").replace("{n}", &h.cost.to_string())
                    )
                } else {
                    String::new()
                };
                let secs: Vec<String> = h.guidance.iter().map(|g| format!("§{g}")).collect();
                p.spawn(theme::text(
                    f,
                    format!("{}{cost}", tr(l, "rec.hint")),
                    theme::SMALL,
                    palette::ACCENT,
                ));
                p.spawn(theme::text(
                    f,
                    format!("{} {}", t(s, &h.text), secs.join(" ")),
                    theme::BODY,
                    palette::INK,
                ));
            });
    }
}

/// The size of the feedback and notes: larger in classroom mode, to be read across a room.
fn text_size(s: &Settings) -> f32 {
    if s.classroom {
        theme::CLASSROOM
    } else {
        theme::SMALL
    }
}

fn feedback_panel(
    p: &mut ChildSpawnerCommands,
    f: &UiFont,
    s: &Settings,
    lib: &Library,
    sc: &Scenario,
    rec: &TurnRecord,
    notes: bool,
) {
    let l = s.lang;
    let small = text_size(s);
    p.spawn(theme::panel()).with_children(|panel| {
        // In classroom mode the transcript is hidden, so the room sees here which reply was given.
        if s.classroom && matches!(rec.response, Response::Choice(_)) {
            panel.spawn(theme::text(
                f,
                format!("{}：{}", tr(l, "rec.chosen"), t(s, &rec.said)),
                small,
                palette::INK,
            ));
        }
        if let Response::Text(said) = &rec.response {
            panel.spawn(theme::text(
                f,
                format!("{}：", tr(l, "rec.you")),
                small,
                palette::MUTED,
            ));
            crate::app::screens::parts::highlighted(
                panel,
                f,
                said,
                rec,
                theme::BODY,
                crate::app::screens::parts::Colours::LIGHT,
            );
            let found: Vec<String> = rec
                .assessment
                .credited
                .iter()
                .chain(&rec.assessment.anti_patterns)
                .chain(&rec.assessment.procedures)
                .map(|id| crate::app::screens::name_of(lib, s, id))
                .collect();
            if !found.is_empty() {
                panel.spawn(theme::text(
                    f,
                    format!("{}：{}", tr(l, "rec.found"), found.join("、")),
                    small,
                    palette::MUTED,
                ));
            }
        }
        if let Some(fb) = &rec.feedback {
            let color = theme::score_colour(rec.assessment.net(), palette::INK);
            let secs: Vec<String> = fb.guidance.iter().map(|g| format!("§{g}")).collect();
            panel.spawn(theme::text(
                f,
                format!(
                    "{}：{} {}",
                    tr(l, "rec.feedback"),
                    t(s, &fb.text),
                    secs.join(" ")
                ),
                small,
                color,
            ));
        }
        if notes {
            classroom_notes(panel, f, s, lib, sc, rec);
        }
    });
}

/// Classroom mode, after a reply: the step's trainer note and what
/// each of the other options would have brought, for the room's discussion.
fn classroom_notes(
    panel: &mut ChildSpawnerCommands,
    f: &UiFont,
    s: &Settings,
    lib: &Library,
    sc: &Scenario,
    rec: &TurnRecord,
) {
    let l = s.lang;
    let small = text_size(s);
    let Some(step) = sc.step(&rec.step) else {
        return;
    };
    if let Some(note) = &step.note {
        panel.spawn(theme::text(
            f,
            format!("{}：{}", tr(l, "rec.point"), t(s, note)),
            small,
            palette::ACCENT,
        ));
    }
    let Turn::Choose { options, .. } = &step.turn else {
        return;
    };
    // The other options in the order the room saw them, each judged as the core judges it
    // at the moment the reply was given (gates included).
    let order: Vec<usize> = if rec.shown.is_empty() {
        (0..options.len()).collect()
    } else {
        rec.shown.clone()
    };
    let speaker = jiedai_core::step::speaker_index(sc, step);
    let others: Vec<_> = order
        .iter()
        .filter_map(|&i| options.get(i))
        .filter(|o| o.id != rec.choice_id)
        .map(|o| {
            (
                o,
                jiedai_core::judge::preview(&lib.rubric, &rec.before, o, speaker),
            )
        })
        .collect();
    if others.is_empty() {
        return;
    }
    panel.spawn(theme::text(
        f,
        format!("{}：", tr(l, "rec.others")),
        small,
        palette::MUTED,
    ));
    for (o, preview) in others {
        let (mark, color) = if !preview.assessment.anti_patterns.is_empty() {
            ("×", palette::BAD)
        } else if preview.is_good() {
            ("✓", palette::GOOD)
        } else {
            ("·", palette::MUTED)
        };
        let why = o
            .feedback
            .as_ref()
            .map(|fb| format!(" —— {}", t(s, &fb.text)))
            .unwrap_or_default();
        panel.spawn(theme::text(
            f,
            format!("{mark} {}{why}", t(s, &o.text)),
            small,
            color,
        ));
    }
}
