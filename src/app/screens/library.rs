//! The scenario library: cards with filters, and the files that could not be loaded.

use super::{Canvas, Flow, Screen, Scrollable, needs_redraw, root};
use crate::app::locale::tr;
use crate::app::theme::{self, Selected, palette};
use crate::app::{Action, Browse, Library, Redraw, t};
use bevy::prelude::*;
use jiedai_core::model::{Difficulty, VisitorType};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        (
            keys.in_set(Flow::Input),
            handle.in_set(Flow::Handle),
            draw.in_set(Flow::Draw).run_if(needs_redraw),
        )
            .run_if(in_state(Screen::Library)),
    );
}

fn keys(
    keys: Res<ButtonInput<KeyCode>>,
    browse: Res<Browse>,
    lib: Res<Library>,
    mut out: MessageWriter<Action>,
) {
    let n = browse.visible(&lib).len();
    if keys.just_pressed(KeyCode::ArrowDown) && n > 0 {
        out.write(Action::Select((browse.highlighted + 1).min(n - 1)));
    }
    if keys.just_pressed(KeyCode::ArrowUp) {
        out.write(Action::Select(browse.highlighted.saturating_sub(1)));
    }
    if keys.just_pressed(KeyCode::Enter) && n > 0 {
        out.write(Action::Open(browse.highlighted.min(n - 1)));
    }
    if keys.just_pressed(KeyCode::KeyT) {
        out.write(Action::FilterType);
    }
    if keys.just_pressed(KeyCode::KeyD) {
        out.write(Action::FilterDifficulty);
    }
    if keys.just_pressed(KeyCode::Escape) {
        out.write(Action::Go(Screen::Title));
    }
}

fn cycle<T: Copy + PartialEq>(all: &[T], cur: Option<T>) -> Option<T> {
    match cur {
        None => all.first().copied(),
        Some(c) => all
            .iter()
            .position(|x| *x == c)
            .and_then(|i| all.get(i + 1).copied()),
    }
}

fn handle(
    mut actions: MessageReader<Action>,
    mut browse: ResMut<Browse>,
    lib: Res<Library>,
    mut redraw: ResMut<Redraw>,
    mut next: ResMut<NextState<Screen>>,
    presenting: Res<super::present::PresentFromLibrary>,
) {
    for a in actions.read() {
        match a {
            Action::Select(i) => browse.highlighted = *i,
            Action::FilterType => {
                browse.visitor_type = cycle(&VisitorType::ALL, browse.visitor_type);
                browse.highlighted = 0;
            }
            Action::FilterDifficulty => {
                browse.difficulty = cycle(
                    &[
                        Difficulty::Beginner,
                        Difficulty::Intermediate,
                        Difficulty::Advanced,
                    ],
                    browse.difficulty,
                );
                browse.highlighted = 0;
            }
            // Chosen for a group session, the scenario opens at the projector instead.
            Action::Open(i) if !presenting.0 => {
                if let Some(&idx) = browse.visible(&lib).get(*i) {
                    browse.chosen = Some(idx);
                    next.set(Screen::Briefing);
                }
            }
            _ => continue,
        }
        redraw.0 = true;
    }
}

fn draw(mut canvas: Canvas, lib: Res<Library>, browse: Res<Browse>) {
    let (commands, f, s) = canvas.begin();
    let l = s.lang;
    let visible = browse.visible(&lib);
    let type_label = browse
        .visitor_type
        .map_or(tr(l, "lib.filter.all").to_owned(), |v| t(s, &v.label()));
    let diff_label = browse
        .difficulty
        .map_or(tr(l, "lib.filter.all").to_owned(), |d| t(s, &d.label()));
    commands
        .spawn(root(Screen::Library, "Library"))
        .with_children(|root| {
            root.spawn(theme::row(12.0)).with_children(|bar| {
                bar.spawn(theme::button(f, "←", Action::Go(Screen::Title)));
                bar.spawn(theme::text(
                    f,
                    tr(l, "lib.title"),
                    theme::TITLE,
                    palette::INK,
                ));
                bar.spawn(Node {
                    flex_grow: 1.0,
                    ..default()
                });
                bar.spawn(theme::button(
                    f,
                    format!("{}: {type_label}", tr(l, "lib.filter.type")),
                    Action::FilterType,
                ));
                bar.spawn(theme::button(
                    f,
                    format!("{}: {diff_label}", tr(l, "lib.filter.difficulty")),
                    Action::FilterDifficulty,
                ));
            });
            root.spawn((
                Scrollable,
                Interaction::default(),
                ScrollPosition::default(),
                Node {
                    flex_direction: FlexDirection::Row,
                    flex_wrap: FlexWrap::Wrap,
                    column_gap: px(14),
                    row_gap: px(14),
                    overflow: Overflow::scroll_y(),
                    flex_grow: 1.0,
                    align_content: AlignContent::FlexStart,
                    ..default()
                },
            ))
            .with_children(|grid| {
                if lib.scenarios.is_empty() {
                    grid.spawn(theme::text(
                        f,
                        format!("{} {}", tr(l, "lib.none"), lib.source.display()),
                        theme::BODY,
                        palette::MUTED,
                    ));
                } else if visible.is_empty() {
                    grid.spawn(theme::text(
                        f,
                        tr(l, "lib.empty"),
                        theme::BODY,
                        palette::MUTED,
                    ));
                }
                for (pos, &i) in visible.iter().enumerate() {
                    let sc = &lib.scenarios[i];
                    let highlighted =
                        pos == browse.highlighted.min(visible.len().saturating_sub(1));
                    let objectives: Vec<String> = sc
                        .objectives
                        .iter()
                        .filter_map(|o| lib.rubric.technique(o))
                        .map(|tq| t(s, &tq.name))
                        .collect();
                    let mut card = grid.spawn((
                        Button,
                        Action::Open(pos),
                        Node {
                            width: px(380),
                            flex_direction: FlexDirection::Column,
                            padding: UiRect::all(px(14)),
                            row_gap: px(6),
                            border: UiRect::all(px(if highlighted { 3 } else { 1 })),
                            border_radius: BorderRadius::all(px(8)),
                            ..default()
                        },
                        BackgroundColor(if highlighted {
                            palette::SELECTED
                        } else {
                            palette::PANEL
                        }),
                        BorderColor::all(if highlighted {
                            palette::ACCENT
                        } else {
                            palette::BORDER
                        }),
                    ));
                    if highlighted {
                        card.insert(Selected);
                    }
                    card.with_children(|c| {
                        c.spawn(theme::text(
                            f,
                            t(s, &sc.title),
                            theme::HEADING,
                            palette::INK,
                        ));
                        c.spawn(theme::text(
                            f,
                            format!(
                                "{} · {} · {} {}",
                                t(s, &sc.visitor_type.label()),
                                t(s, &sc.difficulty.label()),
                                sc.minutes,
                                tr(l, "lib.minutes")
                            ),
                            theme::SMALL,
                            palette::ACCENT,
                        ));
                        c.spawn(theme::text(
                            f,
                            format!("{}：{}", tr(l, "lib.objectives"), objectives.join("、")),
                            theme::SMALL,
                            palette::MUTED,
                        ));
                    });
                }
                // Files with errors come after the playable cards, in the same scrolling list,
                // so that however many there are the good scenarios stay in view.
                if !lib.broken.is_empty() {
                    grid.spawn(theme::panel_with(Node {
                        width: percent(100),
                        ..default()
                    }))
                    .with_children(|p| {
                        p.spawn(theme::text(
                            f,
                            tr(l, "lib.broken"),
                            theme::BODY,
                            palette::BAD,
                        ));
                        for b in &lib.broken {
                            for m in b.messages.iter().take(3) {
                                p.spawn(theme::text(f, m.clone(), theme::SMALL, palette::INK));
                            }
                            if b.messages.len() > 3 {
                                p.spawn(theme::text(
                                    f,
                                    format!(
                                        "    … +{} {}",
                                        b.messages.len() - 3,
                                        tr(l, "lib.more")
                                    ),
                                    theme::SMALL,
                                    palette::MUTED,
                                ));
                            }
                        }
                    });
                }
            });
            root.spawn(theme::text(
                f,
                tr(l, "lib.hint"),
                theme::SMALL,
                palette::MUTED,
            ));
        });
}
