//! The transcript beside the conversation. A turn taken adds one entry at the end and scrolls
//! to it; the entries already there stay as they are. Going back, a language change or a
//! reloaded scenario (the shown turns no longer match) fills it again.

use super::{Refresh, Region};
use crate::app::locale::tr;
use crate::app::screens::Scrollable;
use crate::app::settings::Settings;
use crate::app::theme::{self, palette};
use crate::app::{Action, UiFont, Visit};
use bevy::prelude::*;
use jiedai_core::Lang;
use jiedai_core::engine::TurnRecord;

/// Turns kept in the reception screen's transcript panel; the debrief shows them all.
const SHOWN: usize = 20;

/// The list and what it shows: for each entry its turn, its words and its node.
#[derive(Component, Default)]
pub(super) struct List {
    lang: Option<Lang>,
    exam: bool,
    entries: Vec<(u32, String, Entity)>,
}

pub(super) fn node() -> Node {
    Node {
        // 330 pixels at least and a hundredth of the conversation's share of the free space;
        // once the conversation stops at its measure, all the rest.
        flex_basis: px(330),
        flex_grow: 1.0,
        flex_shrink: 0.0,
        flex_direction: FlexDirection::Column,
        padding: UiRect::axes(px(4), px(12)),
        row_gap: px(6),
        min_height: px(0),
        ..default()
    }
}

fn key(rec: &TurnRecord) -> String {
    format!("{}\u{1f}{}", rec.line.get(Lang::Zh), rec.said.get(Lang::Zh))
}

pub(super) fn refresh(
    mut asked: MessageReader<Refresh>,
    mut commands: Commands,
    regions: Query<(Entity, &Region, Option<&Children>)>,
    mut lists: Query<(Entity, &mut List, &mut ScrollPosition)>,
    font: Res<UiFont>,
    s: Res<Settings>,
    visit: Res<Visit>,
) {
    if !asked.read().any(|r| r.0 == Region::Transcript) {
        return;
    }
    let Some(session) = visit.session.as_ref() else {
        return;
    };
    let Some((region, _, children)) = regions.iter().find(|(_, r, _)| **r == Region::Transcript)
    else {
        return;
    };
    let transcript = session.transcript();
    let exam = session.is_exam();
    let existing = lists
        .iter_mut()
        .next()
        .filter(|(_, list, _)| list.lang == Some(s.lang) && list.exam == exam);
    let Some((list_entity, mut list, mut scroll)) = existing else {
        // Filled anew: the title and the latest turns.
        if let Some(children) = children {
            for c in children.iter() {
                commands.entity(c).despawn();
            }
        }
        let mut list_entity = Entity::PLACEHOLDER;
        commands.entity(region).with_children(|right| {
            right.spawn(theme::text(
                &font,
                tr(s.lang, "rec.transcript"),
                theme::BODY,
                palette::MUTED,
            ));
            list_entity = right
                .spawn((
                    Scrollable,
                    Interaction::default(),
                    Node {
                        flex_direction: FlexDirection::Column,
                        row_gap: px(6),
                        overflow: Overflow::scroll_y(),
                        flex_grow: 1.0,
                        flex_basis: px(0),
                        min_height: px(0),
                        ..default()
                    },
                ))
                .id();
        });
        let from = transcript.len().saturating_sub(SHOWN);
        let entries = spawn_entries(
            &mut commands,
            list_entity,
            &transcript[from..],
            exam,
            &font,
            &s,
            session.scenario(),
        );
        commands.entity(list_entity).insert((
            List {
                lang: Some(s.lang),
                exam,
                entries,
            },
            ScrollPosition(Vec2::new(0.0, 1.0e7)),
        ));
        return;
    };
    // What stays: the entries whose turns are still the transcript's.
    let keep = list
        .entries
        .iter()
        .take_while(|(turn, words, _)| {
            transcript
                .get(*turn as usize - 1)
                .is_some_and(|rec| key(rec) == *words)
        })
        .count();
    // Entries past what stays are gone (the visit went back); new turns are added at the end.
    for (_, _, e) in list.entries.drain(keep..) {
        commands.entity(e).despawn();
    }
    let have = list.entries.last().map_or(0, |(t, _, _)| *t as usize);
    let new = transcript.get(have..).unwrap_or_default();
    if new.is_empty() {
        return;
    }
    let added = spawn_entries(
        &mut commands,
        list_entity,
        new,
        exam,
        &font,
        &s,
        session.scenario(),
    );
    list.entries.extend(added);
    while list.entries.len() > SHOWN {
        let (_, _, e) = list.entries.remove(0);
        commands.entity(e).despawn();
    }
    scroll.0.y = 1.0e7;
}

fn spawn_entries(
    commands: &mut Commands,
    list: Entity,
    recs: &[TurnRecord],
    exam: bool,
    f: &UiFont,
    s: &Settings,
    sc: &jiedai_core::model::Scenario,
) -> Vec<(u32, String, Entity)> {
    let mut out = Vec::new();
    commands.entity(list).with_children(|list| {
        for rec in recs {
            let e = if exam {
                list.spawn(Node {
                    flex_direction: FlexDirection::Column,
                    flex_shrink: 0.0,
                    ..default()
                })
                .with_children(|b| {
                    crate::app::screens::transcript_turn(b, f, s, Some(sc), rec, false);
                })
                .id()
            } else {
                // Practice: a click on a turn answers it again.
                list.spawn((
                    Button,
                    theme::Unshaded,
                    Action::Back(rec.turn as usize),
                    Node {
                        flex_direction: FlexDirection::Column,
                        flex_shrink: 0.0,
                        ..default()
                    },
                    BackgroundColor(Color::NONE),
                ))
                .with_children(|b| {
                    crate::app::screens::transcript_turn(b, f, s, Some(sc), rec, false);
                })
                .id()
            };
            out.push((rec.turn, key(rec), e));
        }
    });
    out
}
