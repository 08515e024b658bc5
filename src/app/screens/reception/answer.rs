//! The trainee's answer: the options (in the visit's shuffled order), the reply box, the
//! classroom's "discuss first", or the way to the debrief; and below the scrolling column, the
//! key line and any notice.

use super::{Ctx, ReplyBox, holding_options};
use crate::app::locale::tr;
use crate::app::screens::Screen;
use crate::app::theme::{self, palette};
use crate::app::{Action, t};
use bevy::prelude::*;
use jiedai_core::model::Turn;

/// Fills the answer region; returns the reply box when it shows one. `draft` is what the box
/// being replaced held (empty once a reply was sent).
pub(super) fn fill(
    mid: &mut ChildSpawnerCommands,
    cx: &Ctx,
    draft: Option<&str>,
) -> Option<Entity> {
    let (f, s, visit) = (cx.f, cx.s, cx.visit);
    let l = s.lang;
    let session = visit.session.as_ref()?;
    if session.is_over() {
        mid.spawn(theme::text(
            f,
            tr(l, "rec.finished"),
            theme::HEADING,
            palette::ACCENT,
        ));
        mid.spawn(theme::button(
            f,
            format!("{} (Enter)", tr(l, "rec.to_debrief")),
            Action::Go(Screen::Debrief),
        ));
        return None;
    }
    let v = session.view()?;
    match &v.step.turn {
        Turn::Choose { .. } if holding_options(visit, s) => {
            mid.spawn(theme::text(
                f,
                tr(l, "rec.discuss"),
                theme::HEADING,
                palette::ACCENT,
            ));
            mid.spawn(theme::button(
                f,
                tr(l, "rec.show_options"),
                Action::ShowOptions,
            ));
            None
        }
        Turn::Choose { .. } => {
            // In the order this visit shows them, shuffled from its seed.
            for (k, (_, o)) in v.options().into_iter().enumerate() {
                mid.spawn(theme::option_button(
                    f,
                    format!("{}. {}", k + 1, t(s, &o.text)),
                    Action::Choose(k),
                ));
            }
            None
        }
        Turn::Free { prompt, .. } => {
            if let Some(p) = prompt {
                mid.spawn(theme::text(f, t(s, p), theme::SMALL, palette::MUTED));
            }
            let mut reply_box = None;
            mid.spawn(Node {
                column_gap: px(10),
                align_items: AlignItems::Stretch,
                flex_shrink: 0.0,
                ..default()
            })
            .with_children(|row| {
                reply_box = Some(
                    row.spawn((
                        ReplyBox,
                        theme::text_box(f, draft.unwrap_or_default(), 56.0),
                    ))
                    .id(),
                );
                row.spawn(theme::button(
                    f,
                    format!("{} (Enter)", tr(l, "rec.send")),
                    Action::SendTyped,
                ));
            });
            reply_box
        }
        Turn::End { .. } => None,
    }
}

/// The key line for the step at hand and any notice, always in sight.
pub(super) fn footer(c: &mut ChildSpawnerCommands, cx: &Ctx) {
    let (f, s, visit) = (cx.f, cx.s, cx.visit);
    let l = s.lang;
    let Some(session) = visit.session.as_ref() else {
        return;
    };
    if let Some(n) = visit.notice {
        c.spawn(theme::text(f, tr(l, n), theme::BODY, palette::BAD));
    }
    if session.is_over() {
        return;
    }
    let mut keys = Vec::new();
    match session.view().map(|v| &v.step.turn) {
        Some(Turn::Choose { .. }) if !holding_options(visit, s) => {
            keys.push(tr(l, "rec.choose_hint"))
        }
        Some(Turn::Free { .. }) => keys.push(tr(l, "rec.type_hint")),
        _ => {}
    }
    if !session.is_exam() {
        keys.push(tr(l, "rec.practice_keys"));
    }
    if !keys.is_empty() {
        c.spawn(theme::text(
            f,
            keys.join("　"),
            theme::SMALL,
            palette::MUTED,
        ));
    }
}
