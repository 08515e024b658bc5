//! The debrief: outcome, scores per technique, key moments with their guidance sections,
//! advice, and the whole transcript with what the analyser found.

use super::{Canvas, Flow, Screen, Scrollable, needs_redraw, root};
use crate::app::locale::tr;
use crate::app::records::AppRecords;
use crate::app::settings::Settings;
use crate::app::theme::{self, palette};
use crate::app::{Action, Browse, ExamMode, Library, UiFont, Visit, t};
use bevy::prelude::*;
use jiedai_core::guidance;
use jiedai_core::score::{Debrief, Moment};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Debrief), record_visit);
    app.add_systems(
        Update,
        (
            keys.in_set(Flow::Input),
            handle.in_set(Flow::Handle),
            draw.in_set(Flow::Draw).run_if(needs_redraw),
        )
            .run_if(in_state(Screen::Debrief)),
    );
}

fn keys(keys: Res<ButtonInput<KeyCode>>, visit: Res<Visit>, mut out: MessageWriter<Action>) {
    // A stored visit is looked at, not played again from here.
    if visit.replay.is_some() {
        if keys.just_pressed(KeyCode::Escape) {
            out.write(Action::Go(Screen::History));
        }
        return;
    }
    if keys.just_pressed(KeyCode::KeyG) {
        out.write(Action::ShowGraph);
    }
    if keys.just_pressed(KeyCode::KeyW) {
        out.write(Action::RetryWeakest);
    }
    if keys.just_pressed(KeyCode::KeyR) {
        out.write(Action::Retry);
    }
    if keys.just_pressed(KeyCode::KeyL) {
        out.write(Action::Go(Screen::Library));
    }
    if keys.just_pressed(KeyCode::Escape) {
        out.write(Action::Go(Screen::Title));
    }
}

fn handle(
    mut actions: MessageReader<Action>,
    lib: Res<Library>,
    browse: Res<Browse>,
    exam: Res<ExamMode>,
    mut visit: ResMut<Visit>,
    mut next: ResMut<NextState<Screen>>,
) {
    for a in actions.read() {
        if *a == Action::Retry {
            let seed = visit
                .session
                .as_ref()
                .map_or(1, |s| s.state().seed.wrapping_add(1));
            if super::briefing::start_visit(&lib, &browse, &mut visit, seed, *exam) {
                next.set(Screen::Reception);
            }
        }
        // Practice: back to the turn that cost most, to answer it again; the visit goes on
        // from there and is kept again when it ends.
        if *a == Action::RetryWeakest && visit.replay.is_none() {
            let weakest = current(&visit).and_then(|d| d.weakest);
            if let (Some(w), Some(s)) = (weakest, visit.session.as_mut())
                && s.back_to(w as usize).is_ok()
            {
                visit.recorded = false;
                visit.revealed = 0.0;
                visit.hint = None;
                next.set(Screen::Reception);
            }
        }
    }
}

/// Keeps a finished visit in the trainee's records, once.
fn record_visit(mut visit: ResMut<Visit>, mut records: ResMut<AppRecords>, s: Res<Settings>) {
    if visit.replay.is_some() || visit.recorded {
        return;
    }
    let Some(session) = visit.session.as_ref() else {
        return;
    };
    if !session.is_over() {
        return;
    }
    keep(
        &visit,
        &mut records,
        &s,
        jiedai_core::records::Status::Finished,
    );
    visit.recorded = true;
}

/// Keeps the visit as it stands, when the records are open.
pub fn keep(
    visit: &Visit,
    records: &mut AppRecords,
    s: &Settings,
    status: jiedai_core::records::Status,
) {
    use jiedai_core::records::{Ending, Mode};
    let Some(session) = visit.session.as_ref() else {
        return;
    };
    if !records.is_open() {
        return;
    }
    let trainee = records.trainee.clone();
    let v = jiedai_core::records::Visit::of_session(
        session,
        &Ending {
            trainee: &trainee,
            mode: if session.is_exam() {
                Mode::Exam
            } else if s.classroom {
                Mode::Classroom
            } else {
                Mode::Practice
            },
            status,
            started: visit.started,
            ended: jiedai_core::records::now_ms(),
            scenario_hash: &visit.scenario_hash,
        },
    );
    records.keep(&v, s.lang);
}

/// The debrief of the visit in progress or just finished, or of the stored visit looked at.
pub fn current(visit: &Visit) -> Option<Debrief> {
    if let Some(r) = &visit.replay {
        return r.debrief.clone();
    }
    let s = visit.session.as_ref()?;
    Some(jiedai_core::score::debrief(
        s.scenario(),
        s.rubric(),
        s.par(),
        s.state(),
    ))
}

fn moments(
    p: &mut ChildSpawnerCommands,
    f: &UiFont,
    s: &Settings,
    title: &str,
    ms: &[Moment],
    color: Color,
) {
    if ms.is_empty() {
        return;
    }
    p.spawn(theme::text(f, title.to_owned(), theme::BODY, color));
    for m in ms {
        let secs: Vec<String> = m
            .guidance
            .iter()
            .map(|g| {
                format!(
                    "§{g} {}",
                    guidance::title(g).map(|x| t(s, &x)).unwrap_or_default()
                )
            })
            .collect();
        p.spawn(theme::text(
            f,
            format!("[{}] “{}”", m.turn, t(s, &m.said)),
            theme::SMALL,
            palette::INK,
        ));
        p.spawn(theme::text(
            f,
            format!("    {}", t(s, &m.why)),
            theme::SMALL,
            palette::MUTED,
        ));
        if !secs.is_empty() {
            p.spawn(theme::text(
                f,
                format!("    {}", secs.join("；")),
                theme::SMALL,
                palette::ACCENT,
            ));
        }
    }
}

fn draw(mut canvas: Canvas, visit: Res<Visit>, lib: Res<Library>, records: Res<AppRecords>) {
    let (commands, f, s) = canvas.begin();
    let l = s.lang;
    let Some(d) = current(&visit) else { return };
    let replay = visit.replay.as_deref();
    let (sc, transcript) = match (replay, visit.session.as_ref()) {
        (Some(r), _) => (
            lib.scenarios
                .iter()
                .find(|x| x.id == r.scenario)
                .map(|x| &**x),
            &r.transcript[..],
        ),
        (None, Some(sess)) => (Some(sess.scenario()), &sess.state().transcript[..]),
        (None, None) => return,
    };
    commands
        .spawn(root(Screen::Debrief, "Debrief"))
        .with_children(|root| {
            root.spawn(theme::row(16.0)).with_children(|bar| {
                bar.spawn(theme::text(
                    f,
                    format!("{} · {}", tr(l, "deb.title"), t(s, &d.title)),
                    theme::HEADING,
                    palette::INK,
                ));
                bar.spawn(Node {
                    flex_grow: 1.0,
                    ..default()
                });
                if let Some(r) = replay {
                    bar.spawn(theme::text(
                        f,
                        format!(
                            "{} · {} · {}",
                            tr(l, "hist.replay"),
                            jiedai_core::report::display_name(&r.trainee, l),
                            jiedai_core::report::date(r.ended)
                        ),
                        theme::BODY,
                        palette::MUTED,
                    ));
                    bar.spawn(theme::button(f, "←", Action::Go(Screen::History)));
                } else {
                    bar.spawn(theme::button(
                        f,
                        format!("R {}", tr(l, "deb.retry")),
                        Action::Retry,
                    ));
                    bar.spawn(theme::button(
                        f,
                        format!("L {}", tr(l, "deb.other")),
                        Action::Go(Screen::Library),
                    ));
                    bar.spawn(theme::button(
                        f,
                        tr(l, "deb.menu"),
                        Action::Go(Screen::Title),
                    ));
                }
            });
            root.spawn((
                Scrollable,
                Interaction::default(),
                ScrollPosition::default(),
                Node {
                    flex_direction: FlexDirection::Column,
                    row_gap: px(12),
                    overflow: Overflow::scroll_y(),
                    flex_grow: 1.0,
                    flex_basis: px(0),
                    ..default()
                },
            ))
            .with_children(|body| {
                body.spawn(Node {
                    column_gap: px(16),
                    ..default()
                })
                .with_children(|top| {
                    top.spawn(theme::panel()).with_children(|p| {
                        let outcome = d
                            .outcome
                            .map(|o| t(s, &o.label()))
                            .unwrap_or_else(|| tr(l, "deb.unfinished").to_owned());
                        let good = d.outcome.is_some_and(|o| o.is_good());
                        p.spawn(theme::text(
                            f,
                            tr(l, "deb.outcome"),
                            theme::SMALL,
                            palette::MUTED,
                        ));
                        p.spawn(theme::text(
                            f,
                            outcome,
                            theme::HEADING,
                            if good { palette::GOOD } else { palette::BAD },
                        ));
                        if d.resolved_first_visit {
                            p.spawn(theme::text(
                                f,
                                format!("✓ {}", tr(l, "deb.first_visit")),
                                theme::BODY,
                                palette::GOOD,
                            ));
                        }
                        p.spawn(theme::text(
                            f,
                            tr(l, "deb.overall"),
                            theme::SMALL,
                            palette::MUTED,
                        ));
                        p.spawn(theme::text(
                            f,
                            format!("{}", d.overall),
                            64.0,
                            palette::ACCENT,
                        ));
                        if let Some(ps) = d.procedure_score {
                            p.spawn(theme::text(
                                f,
                                format!(
                                    "{} {} · {} {}",
                                    tr(l, "deb.soft"),
                                    d.soft_skills,
                                    tr(l, "deb.procedure"),
                                    ps
                                ),
                                theme::SMALL,
                                palette::INK,
                            ));
                        }
                        // How the visit was played: an exam, hints paid for, turns answered
                        // again, and where a retry would help most.
                        let mut play = Vec::new();
                        if d.exam {
                            play.push(tr(l, "deb.exam").to_owned());
                        }
                        if d.hints > 0 {
                            play.push(
                                tr(l, "deb.hints")
                                    .replace("{n}", &d.hints.to_string())
                                    .replace("{cost}", &d.hint_cost.to_string()),
                            );
                        }
                        if !d.retried.is_empty() {
                            let turns: Vec<String> =
                                d.retried.iter().map(|t| t.to_string()).collect();
                            play.push(format!("{}{}", tr(l, "deb.retried"), turns.join("、")));
                        }
                        if let (Some(w), false, None) = (d.weakest, d.exam, replay) {
                            play.push(tr(l, "deb.weakest").replace("{n}", &w.to_string()));
                        }
                        for line in play {
                            p.spawn(theme::text(f, line, theme::SMALL, palette::ACCENT));
                        }
                        if !d.ending.is_empty() {
                            p.spawn(Node {
                                max_width: px(360),
                                ..default()
                            })
                            .with_children(|w| {
                                w.spawn(theme::text(
                                    f,
                                    t(s, &d.ending),
                                    theme::SMALL,
                                    palette::INK,
                                ));
                            });
                        }
                    });
                    // Bar chart of the technique scores.
                    top.spawn(theme::panel()).with_children(|p| {
                        for ts in &d.techniques {
                            p.spawn(theme::row(10.0)).with_children(|row| {
                                let star = if ts.objective { "★ " } else { "" };
                                row.spawn((
                                    Node {
                                        width: px(150),
                                        ..default()
                                    },
                                    children![theme::text(
                                        f,
                                        format!("{star}{}", t(s, &ts.name)),
                                        theme::BODY,
                                        palette::INK
                                    )],
                                ));
                                match ts.score {
                                    Some(v) => {
                                        let c = if v >= 70 {
                                            palette::GOOD
                                        } else if v >= 40 {
                                            palette::AGITATION
                                        } else {
                                            palette::BAD
                                        };
                                        row.spawn(theme::bar(v as f32, 260.0, c));
                                        row.spawn(theme::text(
                                            f,
                                            format!("{v}"),
                                            theme::BODY,
                                            palette::INK,
                                        ));
                                    }
                                    None => {
                                        row.spawn(theme::text(
                                            f,
                                            tr(l, "deb.not_assessed"),
                                            theme::SMALL,
                                            palette::MUTED,
                                        ));
                                    }
                                }
                            });
                        }
                        for item in &d.procedure {
                            let (mark, c) = if item.turn.is_some() {
                                ("✓", palette::GOOD)
                            } else {
                                ("×", palette::BAD)
                            };
                            p.spawn(theme::text(
                                f,
                                format!("{mark} {} — {}", t(s, &item.name), t(s, &item.basis)),
                                theme::SMALL,
                                c,
                            ));
                        }
                    });
                });
                body.spawn(theme::panel()).with_children(|p| {
                    moments(p, f, s, tr(l, "deb.best"), &d.best, palette::GOOD);
                    moments(p, f, s, tr(l, "deb.worst"), &d.worst, palette::BAD);
                    if !d.advice.is_empty() {
                        p.spawn(theme::text(
                            f,
                            tr(l, "deb.advice"),
                            theme::BODY,
                            palette::ACCENT,
                        ));
                        for a in &d.advice {
                            let secs: Vec<String> =
                                a.guidance.iter().map(|g| format!("§{g}")).collect();
                            p.spawn(theme::text(
                                f,
                                format!("→ {} ({})", t(s, &a.text), secs.join(", ")),
                                theme::SMALL,
                                palette::INK,
                            ));
                        }
                    }
                });
                // An exam held the case's teaching back until now.
                if d.exam
                    && let Some(teaching) = sc.and_then(|x| x.teaching.as_ref())
                {
                    body.spawn(theme::panel()).with_children(|p| {
                        p.spawn(theme::text(
                            f,
                            tr(l, "deb.teaching"),
                            theme::BODY,
                            palette::MUTED,
                        ));
                        p.spawn(theme::text(f, t(s, teaching), theme::SMALL, palette::INK));
                    });
                }
                body.spawn(theme::panel()).with_children(|p| {
                    p.spawn(theme::text(
                        f,
                        tr(l, "deb.transcript"),
                        theme::BODY,
                        palette::MUTED,
                    ));
                    for rec in transcript {
                        if d.retried.contains(&rec.turn) {
                            p.spawn(theme::text(
                                f,
                                format!("↺ {}", tr(l, "deb.retried_mark")),
                                theme::SMALL,
                                palette::ACCENT,
                            ));
                        }
                        super::transcript_turn(p, f, s, sc, rec, true);
                        let found: Vec<String> = rec
                            .findings
                            .iter()
                            .filter(|x| !x.negated)
                            .map(|x| {
                                format!("{}「{}」", super::name_of(&lib, s, &x.id), x.evidence)
                            })
                            .collect();
                        if !found.is_empty() {
                            p.spawn(theme::text(
                                f,
                                format!("    {}：{}", tr(l, "rec.found"), found.join(" ")),
                                theme::SMALL,
                                palette::MUTED,
                            ));
                        }
                    }
                });
            });
            if replay.is_none()
                && let Some(m) = &records.last
            {
                root.spawn(theme::text(f, m.clone(), theme::SMALL, palette::MUTED));
            }
            root.spawn(theme::text(
                f,
                tr(
                    l,
                    if replay.is_some() {
                        "deb.back_hist"
                    } else {
                        "deb.hint"
                    },
                ),
                theme::SMALL,
                palette::MUTED,
            ));
        });
}
