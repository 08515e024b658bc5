//! For authors: the current scenario's step graph, read-only, in columns by distance from the
//! start, with the path just played highlighted (the steps passed and the edges taken).
//! F3 opens it from the reception in practice, G from the debrief; Esc goes back.

use super::{Canvas, Flow, Screen, Scrollable, needs_redraw, root};
use crate::app::locale::tr;
use crate::app::theme::{self, palette};
use crate::app::{Action, Visit};
use bevy::prelude::*;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<GraphFrom>().add_systems(
        Update,
        (
            keys.in_set(Flow::Input),
            draw.in_set(Flow::Draw).run_if(needs_redraw),
        )
            .run_if(in_state(Screen::Graph)),
    );
}

/// The screen the graph was opened from, to go back to.
#[derive(Resource, Default)]
pub struct GraphFrom(pub Option<Screen>);

fn keys(keys: Res<ButtonInput<KeyCode>>, from: Res<GraphFrom>, mut out: MessageWriter<Action>) {
    if keys.just_pressed(KeyCode::Escape) {
        out.write(Action::Go(from.0.unwrap_or(Screen::Title)));
    }
}

fn draw(mut canvas: Canvas, visit: Res<Visit>, from: Res<GraphFrom>) {
    let (commands, f, s) = canvas.begin();
    let l = s.lang;
    let Some(session) = visit.session.as_ref() else {
        return;
    };
    let sc = session.scenario();
    let st = session.state();
    // The path: the steps of every turn, then the step the visit stands at.
    let mut path: Vec<&str> = st.transcript.iter().map(|t| t.step.as_str()).collect();
    path.push(&st.step);
    // An edge was taken when a turn at its step went by its option or route.
    let taken = |from: &str, via: &str| {
        !via.is_empty()
            && st
                .transcript
                .iter()
                .any(|t| t.step == from && t.choice_id == via)
    };
    let layers = jiedai_core::graph::layers(sc, l);
    commands
        .spawn(root(Screen::Graph, "Graph"))
        .with_children(|root| {
            root.spawn(theme::row(12.0)).with_children(|bar| {
                bar.spawn(theme::button(
                    f,
                    "←",
                    Action::Go(from.0.unwrap_or(Screen::Title)),
                ));
                bar.spawn(theme::text(
                    f,
                    format!("{} · {}", tr(l, "graph.title"), crate::app::t(s, &sc.title)),
                    theme::HEADING,
                    palette::INK,
                ));
            });
            root.spawn((
                Scrollable,
                Interaction::default(),
                ScrollPosition::default(),
                Node {
                    flex_grow: 1.0,
                    flex_basis: px(0),
                    column_gap: px(14),
                    overflow: Overflow::scroll(),
                    align_items: AlignItems::FlexStart,
                    ..default()
                },
            ))
            .with_children(|cols| {
                for layer in &layers {
                    cols.spawn(Node {
                        flex_direction: FlexDirection::Column,
                        row_gap: px(10),
                        width: px(250),
                        flex_shrink: 0.0,
                        ..default()
                    })
                    .with_children(|col| {
                        for n in layer {
                            let on_path = path.contains(&n.id.as_str());
                            let here = n.id == st.step;
                            let bg = if here {
                                palette::SELECTED
                            } else if on_path {
                                Color::srgb(0.93, 0.96, 0.92)
                            } else {
                                palette::PANEL
                            };
                            col.spawn((
                                Node {
                                    flex_direction: FlexDirection::Column,
                                    padding: UiRect::all(px(8)),
                                    row_gap: px(2),
                                    ..default()
                                },
                                BackgroundColor(bg),
                            ))
                            .with_children(|b| {
                                let kind = match (n.outcome, n.typed) {
                                    (Some(o), _) => format!("■ {}", o.label().get(l)),
                                    (None, true) => tr(l, "graph.typed").to_owned(),
                                    (None, false) => tr(l, "graph.choice").to_owned(),
                                };
                                let mark = if here { "▶ " } else { "" };
                                b.spawn(theme::text(
                                    f,
                                    format!("{mark}{}", n.id),
                                    theme::SMALL,
                                    if on_path { palette::GOOD } else { palette::INK },
                                ));
                                b.spawn(theme::text(f, kind, theme::SMALL, palette::MUTED));
                                for (to, label, conditional, via) in &n.edges {
                                    let used = on_path && taken(&n.id, via);
                                    let arrow = if *conditional { "⇢" } else { "→" };
                                    // The node says it is a typed step; the route labels' pencil
                                    // mark is not in the bundled font.
                                    let label = label.trim_start_matches("\u{270e} ");
                                    b.spawn(theme::text(
                                        f,
                                        format!("{arrow} {to}  {label}"),
                                        theme::SMALL,
                                        if used {
                                            palette::ACCENT
                                        } else {
                                            palette::MUTED
                                        },
                                    ));
                                }
                            });
                        }
                    });
                }
            });
            root.spawn(theme::text(
                f,
                tr(l, "graph.hint"),
                theme::SMALL,
                palette::MUTED,
            ));
        });
}
