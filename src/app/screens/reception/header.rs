//! The top bar: scenario, mode, turn, the clock (updated in place) and the pause button.

use super::{Clock, Ctx};
use crate::app::locale::tr;
use crate::app::theme::{self, palette};
use crate::app::{Action, t};
use bevy::prelude::*;

pub(super) fn fill(bar: &mut ChildSpawnerCommands, cx: &Ctx) {
    let (f, s) = (cx.f, cx.s);
    let l = s.lang;
    let Some(session) = cx.visit.session.as_ref() else {
        return;
    };
    bar.spawn(theme::text(
        f,
        t(s, &session.scenario().title),
        theme::HEADING,
        palette::INK,
    ));
    let mut mode = |key| {
        bar.spawn(theme::text(
            f,
            format!("· {}", tr(l, key)),
            theme::BODY,
            palette::ACCENT,
        ));
    };
    if s.classroom {
        mode("rec.classroom");
    }
    if session.is_exam() {
        mode("rec.exam");
    }
    bar.spawn(Node {
        flex_grow: 1.0,
        ..default()
    });
    bar.spawn(theme::text(
        f,
        format!("{} {}", tr(l, "rec.turn"), session.state().turn + 1),
        theme::BODY,
        palette::MUTED,
    ));
    bar.spawn(theme::text(
        f,
        tr(l, "rec.time"),
        theme::BODY,
        palette::MUTED,
    ));
    let secs = cx.visit.elapsed as u32;
    bar.spawn((
        Clock,
        theme::text(
            f,
            format!("{}:{:02}", secs / 60, secs % 60),
            theme::BODY,
            palette::MUTED,
        ),
    ));
    bar.spawn(theme::button(
        f,
        format!("{} Esc", tr(l, "pause.title")),
        Action::Pause,
    ));
}
