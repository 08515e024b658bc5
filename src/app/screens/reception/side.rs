//! The visitor's side: the figure, the name, a collective visit's crowd, and the meters (not in
//! an exam, which keeps the visitor's state for the debrief).

use super::Ctx;
use crate::app::locale::tr;
use crate::app::screens::visitor;
use crate::app::t;
use crate::app::theme::{self, palette};
use bevy::prelude::*;

pub(super) fn fill(left: &mut ChildSpawnerCommands, cx: &Ctx) {
    let (f, s) = (cx.f, cx.s);
    let l = s.lang;
    let Some(session) = cx.visit.session.as_ref() else {
        return;
    };
    let sc = session.scenario();
    let st = &session.state().state;
    let speaker = session
        .view()
        .and_then(|v| v.speaker)
        .and_then(|id| sc.visitor(id))
        .map(|v| t(s, &v.name))
        .unwrap_or_default();
    left.spawn(visitor::figure(st.agitation, 200.0));
    left.spawn(theme::text(f, speaker, theme::BODY, palette::INK));
    if !st.members.is_empty() {
        left.spawn(Node {
            flex_wrap: FlexWrap::Wrap,
            width: px(220),
            justify_content: JustifyContent::Center,
            ..default()
        })
        .with_children(|crowd| {
            for &m in st.members.iter().take(20) {
                crowd.spawn(visitor::figure(m, 48.0));
            }
        });
    }
    if !s.meters || session.is_exam() {
        return;
    }
    left.spawn(Node {
        flex_direction: FlexDirection::Column,
        row_gap: px(4),
        ..default()
    })
    .with_children(|m| {
        let mut meter = |label: &str, v: i32, colour: Color| {
            m.spawn(theme::text(f, format!("{label} {v}"), theme::SMALL, colour));
            m.spawn(theme::bar(v as f32, 200.0, colour));
        };
        meter(tr(l, "rec.agitation"), st.agitation, palette::AGITATION);
        meter(tr(l, "rec.trust"), st.trust, palette::TRUST);
        if !st.members.is_empty() {
            meter(tr(l, "rec.group"), st.group_mood(), palette::AGITATION);
        }
    });
}
