//! The trainee's progress (each technique's recent average and what to work on next, as
//! `jiedai report` gives it) and the finished visits, newest first.

use super::{Canvas, Flow, Screen, Scrollable, needs_redraw, root};
use crate::app::history;
use crate::app::locale::tr;
use crate::app::theme::{self, palette};
use crate::app::{Action, ConfigDir, Library, t};
use bevy::prelude::*;
use jiedai_core::Lang;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        (
            keys.in_set(Flow::Input),
            draw.in_set(Flow::Draw).run_if(needs_redraw),
        )
            .run_if(in_state(Screen::History)),
    );
}

fn keys(keys: Res<ButtonInput<KeyCode>>, mut out: MessageWriter<Action>) {
    if keys.just_pressed(KeyCode::Escape) {
        out.write(Action::Go(Screen::Title));
    }
}

/// Visits that count as recent in the progress panel.
const RECENT: usize = 5;

fn draw(mut canvas: Canvas, dir: Res<ConfigDir>, lib: Res<Library>) {
    let (commands, f, s) = canvas.begin();
    let l = s.lang;
    let (records, bad) = dir.0.as_deref().map(history::load).unwrap_or_default();
    let progress = jiedai_core::report::progress(&records, &lib.rubric, RECENT);
    commands
        .spawn(root(Screen::History, "History"))
        .with_children(|root| {
            root.spawn(theme::row(12.0)).with_children(|bar| {
                bar.spawn(theme::button(f, "←", Action::Go(Screen::Title)));
                bar.spawn(theme::text(
                    f,
                    tr(l, "hist.title"),
                    theme::TITLE,
                    palette::INK,
                ));
            });
            if let Some(focus) = &progress.focus {
                root.spawn(theme::panel()).with_children(|p| {
                    p.spawn(theme::text(
                        f,
                        tr(l, "hist.recent").replace("{n}", &RECENT.to_string()),
                        theme::SMALL,
                        palette::MUTED,
                    ));
                    p.spawn(Node {
                        column_gap: px(22),
                        row_gap: px(4),
                        flex_wrap: FlexWrap::Wrap,
                        ..default()
                    })
                    .with_children(|row| {
                        for tp in progress.techniques.iter().filter(|x| x.recent.is_some()) {
                            let recent = tp.recent.unwrap_or_default();
                            let before = tp.earlier.map_or_else(String::new, |e| format!(" ({e})"));
                            row.spawn(theme::text(
                                f,
                                format!("{} {recent}{before}", t(s, &tp.name)),
                                theme::BODY,
                                theme::score_colour(recent as f32 - 60.0, palette::INK),
                            ));
                        }
                    });
                    let secs: Vec<String> =
                        focus.guidance.iter().map(|g| format!("§{g}")).collect();
                    p.spawn(theme::text(
                        f,
                        format!(
                            "{}：{}（{}）。{} {} {}",
                            tr(l, "hist.focus"),
                            t(s, &focus.name),
                            focus.score,
                            t(s, &focus.advice),
                            tr(l, "hist.see"),
                            secs.join(" ")
                        ),
                        theme::BODY,
                        palette::ACCENT,
                    ));
                });
            }
            root.spawn((
                theme::panel(),
                Scrollable,
                Interaction::default(),
                ScrollPosition::default(),
            ))
            .with_children(|p| {
                if records.is_empty() {
                    p.spawn(theme::text(
                        f,
                        tr(l, "hist.empty"),
                        theme::BODY,
                        palette::MUTED,
                    ));
                }
                for r in records.iter().rev().take(200) {
                    let title = match l {
                        Lang::Zh => &r.title_zh,
                        Lang::En => &r.title_en,
                    };
                    let outcome = r
                        .outcome
                        .map(|o| o.label().get(l).to_owned())
                        .unwrap_or_else(|| tr(l, "deb.unfinished").to_owned());
                    let color = if r.outcome.is_some_and(|o| o.is_good()) {
                        palette::GOOD
                    } else {
                        palette::BAD
                    };
                    p.spawn(Node {
                        column_gap: px(18),
                        ..default()
                    })
                    .with_children(|row| {
                        row.spawn((
                            Node {
                                width: px(170),
                                ..default()
                            },
                            children![theme::text(
                                f,
                                history::date(r.finished),
                                theme::BODY,
                                palette::MUTED
                            )],
                        ));
                        row.spawn((
                            Node {
                                width: px(70),
                                ..default()
                            },
                            children![theme::text(
                                f,
                                format!("{}", r.overall),
                                theme::BODY,
                                palette::ACCENT
                            )],
                        ));
                        row.spawn((
                            Node {
                                width: px(260),
                                ..default()
                            },
                            children![theme::text(f, outcome, theme::BODY, color)],
                        ));
                        row.spawn(theme::text(f, title.clone(), theme::BODY, palette::INK));
                    });
                }
                if bad > 0 {
                    p.spawn(theme::text(
                        f,
                        format!("{bad} {}", tr(l, "hist.damaged")),
                        theme::SMALL,
                        palette::BAD,
                    ));
                }
            });
            root.spawn(theme::text(
                f,
                tr(l, "hist.hint"),
                theme::SMALL,
                palette::MUTED,
            ));
        });
}
