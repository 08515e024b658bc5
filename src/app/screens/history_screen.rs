//! The current trainee's history: the overall score and the first-visit resolution rate, a
//! trend chart per technique, what to work on next, and every visit, newest first, each of
//! which opens read-only with its debrief.

use super::{Canvas, Flow, Screen, Scrollable, needs_redraw, root};
use crate::app::locale::tr;
use crate::app::records::AppRecords;
use crate::app::theme::{self, palette};
use crate::app::{Action, Library, Redraw, Visit, t};
use bevy::prelude::*;
use jiedai_core::records::Status;
use jiedai_core::report::{self, TraineeReport};

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Shown>()
        .add_systems(OnEnter(Screen::History), load)
        .add_systems(
            Update,
            (
                keys.in_set(Flow::Input),
                handle.in_set(Flow::Handle),
                draw.in_set(Flow::Draw).run_if(needs_redraw),
            )
                .run_if(in_state(Screen::History)),
        );
}

/// The trainee's visits, newest first, read when the screen is entered, and the chosen one.
#[derive(Resource, Default)]
pub struct Shown {
    pub visits: Vec<jiedai_core::records::Visit>,
    pub report: Option<TraineeReport>,
    pub skipped: usize,
    pub selected: usize,
    /// A visit that cannot be looked back at (kept before transcripts were).
    pub notice: Option<&'static str>,
}

/// How many visits the trend chart shows per technique.
const TREND: usize = 24;

fn load(
    records: Res<AppRecords>,
    lib: Res<Library>,
    mut shown: ResMut<Shown>,
    mut visit: ResMut<Visit>,
) {
    visit.replay = None;
    let loaded = records.load_trainee();
    let rep = report::build(
        &loaded.visits,
        Vec::new(),
        &lib.rubric,
        report::Scope::default(),
    );
    let keep = shown.selected;
    *shown = Shown {
        report: rep.trainees.into_iter().next(),
        skipped: loaded.skipped.len(),
        visits: loaded.visits.into_iter().rev().collect(),
        selected: keep,
        notice: None,
    };
    shown.selected = shown.selected.min(shown.visits.len().saturating_sub(1));
}

fn keys(keys: Res<ButtonInput<KeyCode>>, shown: Res<Shown>, mut out: MessageWriter<Action>) {
    if keys.just_pressed(KeyCode::Escape) {
        out.write(Action::Go(Screen::Title));
    }
    let n = shown.visits.len();
    if n == 0 {
        return;
    }
    if keys.just_pressed(KeyCode::ArrowDown) {
        out.write(Action::Select((shown.selected + 1).min(n - 1)));
    }
    if keys.just_pressed(KeyCode::ArrowUp) {
        out.write(Action::Select(shown.selected.saturating_sub(1)));
    }
    if keys.just_pressed(KeyCode::Enter) {
        out.write(Action::Replay(shown.selected));
    }
}

fn handle(
    mut actions: MessageReader<Action>,
    mut shown: ResMut<Shown>,
    mut visit: ResMut<Visit>,
    mut redraw: ResMut<Redraw>,
    mut next: ResMut<NextState<Screen>>,
) {
    for a in actions.read() {
        match a {
            Action::Select(i) => {
                shown.selected = *i;
                shown.notice = None;
                redraw.0 = true;
            }
            Action::Replay(i) => {
                shown.selected = *i;
                match shown.visits.get(*i) {
                    Some(v) if v.debrief.is_some() => {
                        visit.replay = Some(Box::new(v.clone()));
                        next.set(Screen::Debrief);
                    }
                    Some(_) => {
                        shown.notice = Some("hist.no_replay");
                        redraw.0 = true;
                    }
                    None => {}
                }
            }
            _ => {}
        }
    }
}

/// One technique's scores over time as a row of bars.
fn sparkline(p: &mut ChildSpawnerCommands, series: &[(u64, u32)]) {
    let start = series.len().saturating_sub(TREND);
    p.spawn(Node {
        height: px(34),
        align_items: AlignItems::FlexEnd,
        column_gap: px(3),
        ..default()
    })
    .with_children(|row| {
        for (_, v) in &series[start..] {
            let v = (*v).min(100);
            row.spawn((
                Node {
                    width: px(9),
                    height: px(4.0 + 30.0 * v as f32 / 100.0),
                    ..default()
                },
                BackgroundColor(theme::score_colour(v as f32 - 60.0, palette::MUTED)),
            ));
        }
    });
}

fn draw(mut canvas: Canvas, shown: Res<Shown>, records: Res<AppRecords>) {
    let (commands, f, s) = canvas.begin();
    let l = s.lang;
    commands
        .spawn(root(Screen::History, "History"))
        .with_children(|root| {
            root.spawn(theme::row(12.0)).with_children(|bar| {
                bar.spawn(theme::button(f, "←", Action::Go(Screen::Title)));
                bar.spawn(theme::text(
                    f,
                    format!(
                        "{} · {}",
                        tr(l, "hist.title"),
                        report::display_name(&records.trainee, l)
                    ),
                    theme::TITLE,
                    palette::INK,
                ));
            });
            if let Some(r) = &shown.report {
                root.spawn(theme::panel()).with_children(|p| {
                    let o = &r.overall;
                    let mut line = match l {
                        jiedai_core::Lang::Zh => format!(
                            "共 {} 次接待 · {}：首次 {}，最好 {}，最近 {}，平均 {}",
                            r.visits,
                            tr(l, "hist.overall"),
                            o.first,
                            o.best,
                            o.latest,
                            o.average
                        ),
                        jiedai_core::Lang::En => format!(
                            "{} visits · {}: first {}, best {}, latest {}, average {}",
                            r.visits,
                            tr(l, "hist.overall"),
                            o.first,
                            o.best,
                            o.latest,
                            o.average
                        ),
                    };
                    if let Some(rate) = r.first_visit {
                        line.push_str(&format!(
                            " · {} {}%（{}/{}）",
                            tr(l, "hist.rate"),
                            rate.percent,
                            rate.resolved,
                            rate.of
                        ));
                    }
                    p.spawn(theme::text(f, line, theme::BODY, palette::INK));
                    if let Some(focus) = &r.focus {
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
                    }
                });
                if !r.techniques.is_empty() {
                    root.spawn((theme::panel(), Name::new("Trend")))
                        .with_children(|p| {
                            p.spawn(theme::text(
                                f,
                                tr(l, "hist.trend"),
                                theme::SMALL,
                                palette::MUTED,
                            ));
                            p.spawn(Node {
                                flex_wrap: FlexWrap::Wrap,
                                column_gap: px(28),
                                row_gap: px(6),
                                ..default()
                            })
                            .with_children(|grid| {
                                for x in &r.techniques {
                                    grid.spawn(Node {
                                        column_gap: px(8),
                                        align_items: AlignItems::FlexEnd,
                                        width: px(400),
                                        ..default()
                                    })
                                    .with_children(|cell| {
                                        cell.spawn((
                                            Node {
                                                width: px(120),
                                                ..default()
                                            },
                                            children![theme::text(
                                                f,
                                                t(s, &x.name),
                                                theme::SMALL,
                                                palette::INK
                                            )],
                                        ));
                                        sparkline(cell, &x.series);
                                        cell.spawn(theme::text(
                                            f,
                                            x.stats.latest.to_string(),
                                            theme::SMALL,
                                            palette::ACCENT,
                                        ));
                                    });
                                }
                            });
                        });
                }
            }
            root.spawn((
                theme::panel_with(Node {
                    flex_direction: FlexDirection::Column,
                    overflow: Overflow::scroll_y(),
                    flex_grow: 1.0,
                    flex_basis: px(0),
                    row_gap: px(2),
                    padding: UiRect::all(px(12)),
                    ..default()
                }),
                Scrollable,
                Interaction::default(),
                ScrollPosition::default(),
            ))
            .with_children(|p| {
                if shown.visits.is_empty() {
                    p.spawn(theme::text(
                        f,
                        tr(l, "hist.empty"),
                        theme::BODY,
                        palette::MUTED,
                    ));
                } else {
                    p.spawn(theme::text(
                        f,
                        tr(l, "hist.sessions"),
                        theme::SMALL,
                        palette::MUTED,
                    ));
                }
                for (i, v) in shown.visits.iter().enumerate().take(500) {
                    let (outcome, color) = if v.status == Status::Abandoned {
                        (tr(l, "hist.abandoned").to_owned(), palette::MUTED)
                    } else {
                        (
                            v.outcome
                                .map(|o| o.label().get(l).to_owned())
                                .unwrap_or_else(|| tr(l, "deb.unfinished").to_owned()),
                            if v.outcome.is_some_and(|o| o.is_good()) {
                                palette::GOOD
                            } else {
                                palette::BAD
                            },
                        )
                    };
                    let bg = if i == shown.selected {
                        palette::SELECTED
                    } else {
                        palette::PANEL
                    };
                    p.spawn((
                        Button,
                        theme::Unshaded,
                        Action::Replay(i),
                        Node {
                            column_gap: px(18),
                            padding: UiRect::axes(px(8), px(3)),
                            flex_shrink: 0.0,
                            ..default()
                        },
                        BackgroundColor(bg),
                    ))
                    .with_children(|row| {
                        for (text, width, c) in [
                            (report::date(v.ended), 170.0, palette::MUTED),
                            (v.overall.to_string(), 50.0, palette::ACCENT),
                            (outcome, 240.0, color),
                        ] {
                            row.spawn((
                                Node {
                                    width: px(width),
                                    ..default()
                                },
                                children![theme::text(f, text, theme::BODY, c)],
                            ));
                        }
                        row.spawn(theme::text(f, t(s, &v.title), theme::BODY, palette::INK));
                    });
                }
                if shown.skipped > 0 {
                    p.spawn(theme::text(
                        f,
                        format!("{} {}", shown.skipped, tr(l, "hist.damaged")),
                        theme::SMALL,
                        palette::BAD,
                    ));
                }
            });
            if let Some(n) = shown.notice {
                root.spawn(theme::text(f, tr(l, n), theme::SMALL, palette::BAD));
            }
            root.spawn(theme::text(
                f,
                tr(l, "hist.hint"),
                theme::SMALL,
                palette::MUTED,
            ));
        });
}
