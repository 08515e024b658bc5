//! Keys become actions, and actions change the visit; each change asks for the regions it
//! touches to be filled again.

use super::{Refresh, Region, ReplyBox, holding_options, is_free, refresh_all};
use crate::app::screens::{Screen, digit_pressed};
use crate::app::settings::Settings;
use crate::app::{Action, Visit};
use bevy::prelude::*;
use bevy::text::EditableText;
use jiedai_core::engine::Response;

pub(super) fn keys(
    keys: Res<ButtonInput<KeyCode>>,
    visit: Res<Visit>,
    s: Res<Settings>,
    boxes: Query<&EditableText, With<ReplyBox>>,
    mut out: MessageWriter<Action>,
) {
    if keys.just_pressed(KeyCode::Escape) {
        out.write(Action::Pause);
        return;
    }
    // Practice keys that typing never produces.
    if keys.just_pressed(KeyCode::F1) {
        out.write(Action::Hint);
    }
    if keys.just_pressed(KeyCode::F3) && !visit.session.as_ref().is_some_and(|s| s.is_exam()) {
        out.write(Action::ShowGraph);
    }
    if keys.just_pressed(KeyCode::F2)
        && let Some(n) = visit.session.as_ref().map(|s| s.transcript().len())
        && n > 0
    {
        out.write(Action::Back(n));
    }
    let over = visit.session.as_ref().is_none_or(|s| s.is_over());
    if over {
        if keys.just_pressed(KeyCode::Enter) {
            out.write(Action::Go(Screen::Debrief));
        }
        return;
    }
    if holding_options(&visit, &s) {
        if keys.just_pressed(KeyCode::Space) {
            out.write(Action::ShowOptions);
        }
    } else if is_free(&visit) {
        // Enter while the input method is composing belongs to the input method.
        if keys.just_pressed(KeyCode::Enter)
            && let Some(b) = boxes.iter().next()
            && !b.is_composing()
        {
            out.write(Action::SubmitText(b.value().to_string()));
        }
    } else if let Some(d) = digit_pressed(&keys) {
        out.write(Action::Choose(d - 1));
    }
}

/// A reply was taken (or taken back): everything but nothing else changes with it.
fn turned(visit: &mut Visit, out: &mut MessageWriter<Refresh>) {
    visit.revealed = 0.0;
    visit.notice = None;
    visit.options_shown = false;
    visit.hint = None;
    refresh_all(out);
}

pub(super) fn handle(
    mut actions: MessageReader<Action>,
    mut visit: ResMut<Visit>,
    mut out: MessageWriter<Refresh>,
    mut next: ResMut<NextState<Screen>>,
    mut boxes: Query<&mut EditableText, With<ReplyBox>>,
    s: Res<Settings>,
    menu: Res<State<crate::app::screens::menu::Menu>>,
    mut records: ResMut<crate::app::records::AppRecords>,
) {
    let open = *menu.get() != crate::app::screens::menu::Menu::None;
    for a in actions.read() {
        // The send button stands for what is in the box.
        let typed;
        let a = match a {
            Action::SendTyped => {
                typed = Action::SubmitText(
                    boxes
                        .iter()
                        .next()
                        .map(|b| b.value().to_string())
                        .unwrap_or_default(),
                );
                &typed
            }
            other => other,
        };
        match a {
            Action::Choose(k) if !open && !holding_options(&visit, &s) => {
                // `k` is the option's place on screen; the session takes its index in the file.
                let picked = visit
                    .session
                    .as_ref()
                    .and_then(|s| s.view())
                    .and_then(|v| v.order.get(*k).copied());
                if let Some(i) = picked
                    && let Some(s) = visit.session.as_mut()
                    && s.respond(Response::Choice(i)).is_ok()
                {
                    turned(&mut visit, &mut out);
                }
            }
            Action::Hint if !open => {
                if let Some(h) = visit.session.as_mut().and_then(|s| s.hint().ok()) {
                    visit.hint = Some(h);
                    out.write(Refresh(Region::Feedback));
                }
            }
            Action::Back(turn) if !open => {
                if let Some(s) = visit.session.as_mut()
                    && s.back_to(*turn).is_ok()
                {
                    for mut b in &mut boxes {
                        b.clear();
                    }
                    turned(&mut visit, &mut out);
                }
            }
            Action::ShowOptions if !open => {
                visit.options_shown = true;
                out.write(Refresh(Region::Feedback));
                out.write(Refresh(Region::Answer));
                out.write(Refresh(Region::Footer));
            }
            Action::SubmitText(text) if !open => {
                if text.trim().is_empty() {
                    visit.notice = Some("rec.empty_reply");
                    out.write(Refresh(Region::Footer));
                } else if let Some(s) = visit.session.as_mut()
                    && s.respond(Response::Text(text.trim().to_owned())).is_ok()
                {
                    // For scripts that drive the window (RUST_LOG=jiedai=debug).
                    debug!("typed reply sent: {}", text.trim());
                    for mut b in &mut boxes {
                        b.clear();
                    }
                    turned(&mut visit, &mut out);
                }
            }
            Action::Leave => {
                // A visit left after at least one reply is kept, as abandoned.
                let begun = visit
                    .session
                    .as_ref()
                    .is_some_and(|x| !x.transcript().is_empty() && !x.is_over());
                if begun && !visit.recorded {
                    crate::app::screens::debrief::keep(
                        &visit,
                        &mut records,
                        &s,
                        jiedai_core::records::Status::Abandoned,
                    );
                }
                *visit = Visit::default();
                next.set(Screen::Title);
            }
            _ => {}
        }
    }
}
