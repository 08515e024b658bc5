//! The case file the trainee reads before the visit.

use super::{Canvas, Flow, Screen, Scrollable, needs_redraw, root};
use crate::app::locale::tr;
use crate::app::theme::{self, palette};
use crate::app::{Action, Browse, ExamMode, Library, Redraw, Visit, t};
use bevy::prelude::*;
use jiedai_core::engine::Session;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        (
            keys.in_set(Flow::Input),
            handle.in_set(Flow::Handle),
            draw.in_set(Flow::Draw).run_if(needs_redraw),
        )
            .run_if(in_state(Screen::Briefing)),
    );
}

fn keys(keys: Res<ButtonInput<KeyCode>>, mut out: MessageWriter<Action>) {
    if keys.just_pressed(KeyCode::Enter) {
        out.write(Action::Begin);
    }
    if keys.just_pressed(KeyCode::KeyM) {
        out.write(Action::ToggleExam);
    }
    if keys.just_pressed(KeyCode::Escape) {
        out.write(Action::Go(Screen::Library));
    }
}

/// A fresh seed per visit; the debrief shows it so a visit can be replayed.
fn new_seed() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(1, |d| d.as_nanos() as u64)
}

/// Starts the chosen scenario (also used by "try again").
pub fn start_visit(
    lib: &Library,
    browse: &Browse,
    visit: &mut Visit,
    seed: u64,
    exam: ExamMode,
) -> bool {
    let Some(i) = browse.chosen.filter(|&i| i < lib.scenarios.len()) else {
        return false;
    };
    let sc = &lib.scenarios[i];
    let par = lib.par(i).unwrap_or_default();
    match Session::with_parts(
        sc.clone(),
        lib.rubric.clone(),
        lib.analyser.clone(),
        par,
        seed,
    ) {
        Ok(mut session) => {
            session.set_exam(exam.0);
            *visit = Visit {
                session: Some(session),
                scenario_hash: lib.hashes.get(i).cloned().unwrap_or_default(),
                started: jiedai_core::records::now_ms(),
                ..Visit::default()
            };
            true
        }
        Err(e) => {
            error!("cannot start {}: {e}", sc.id);
            false
        }
    }
}

fn handle(
    mut actions: MessageReader<Action>,
    lib: Res<Library>,
    browse: Res<Browse>,
    mut visit: ResMut<Visit>,
    mut exam: ResMut<ExamMode>,
    mut redraw: ResMut<Redraw>,
    mut next: ResMut<NextState<Screen>>,
) {
    for a in actions.read() {
        if *a == Action::ToggleExam {
            exam.0 = !exam.0;
            redraw.0 = true;
        }
        if *a == Action::Begin && start_visit(&lib, &browse, &mut visit, new_seed(), *exam) {
            next.set(Screen::Reception);
        }
    }
}

fn draw(mut canvas: Canvas, lib: Res<Library>, browse: Res<Browse>, exam: Res<ExamMode>) {
    let (commands, f, s) = canvas.begin();
    let l = s.lang;
    let Some(sc) = browse.chosen.and_then(|i| lib.scenarios.get(i)) else {
        return;
    };
    commands
        .spawn(root(Screen::Briefing, "Briefing"))
        .with_children(|root| {
            root.spawn(theme::text(
                f,
                tr(l, "brief.title"),
                theme::HEADING,
                palette::MUTED,
            ));
            root.spawn(theme::text(f, t(s, &sc.title), theme::TITLE, palette::INK));
            root.spawn(theme::text(
                f,
                format!(
                    "{} · {} · {} {}",
                    t(s, &sc.visitor_type.label()),
                    t(s, &sc.difficulty.label()),
                    sc.minutes,
                    tr(l, "lib.minutes")
                ),
                theme::BODY,
                palette::ACCENT,
            ));
            root.spawn(theme::button(
                f,
                tr(
                    l,
                    if exam.0 {
                        "brief.mode.exam"
                    } else {
                        "brief.mode.practice"
                    },
                ),
                Action::ToggleExam,
            ));
            root.spawn((
                Scrollable,
                Interaction::default(),
                ScrollPosition::default(),
                Node {
                    flex_direction: FlexDirection::Column,
                    row_gap: px(12),
                    overflow: Overflow::scroll_y(),
                    flex_grow: 1.0,
                    ..default()
                },
            ))
            .with_children(|body| {
                body.spawn(theme::panel()).with_children(|p| {
                    p.spawn(theme::text(
                        f,
                        t(s, &sc.briefing),
                        theme::BODY,
                        palette::INK,
                    ));
                });
                // The teaching goes with the case in practice; an exam keeps it for the debrief.
                if let Some(teaching) = &sc.teaching {
                    body.spawn((theme::panel(), Name::new("Teaching")))
                        .with_children(|p| {
                            if exam.0 {
                                p.spawn(theme::text(
                                    f,
                                    tr(l, "brief.teaching_held"),
                                    theme::SMALL,
                                    palette::MUTED,
                                ));
                            } else {
                                p.spawn(theme::text(f, t(s, teaching), theme::BODY, palette::INK));
                            }
                        });
                }
                body.spawn(theme::panel()).with_children(|p| {
                    p.spawn(theme::text(
                        f,
                        tr(l, "brief.visitors"),
                        theme::BODY,
                        palette::MUTED,
                    ));
                    for v in &sc.visitors {
                        let mut who = t(s, &v.name);
                        if let Some(a) = v.age {
                            who += &match l {
                                jiedai_core::Lang::Zh => format!("，{a}岁"),
                                jiedai_core::Lang::En => format!(", {a}"),
                            };
                        }
                        if let Some(o) = &v.occupation {
                            who += &format!(" · {}", t(s, o));
                        }
                        p.spawn(theme::text(f, who, theme::BODY, palette::INK));
                        if let Some(b) = &v.background {
                            p.spawn(theme::text(f, t(s, b), theme::SMALL, palette::MUTED));
                        }
                    }
                    if let Some(g) = &sc.group {
                        p.spawn(theme::text(
                            f,
                            format!("{}：{}", tr(l, "brief.group"), g.size),
                            theme::BODY,
                            palette::INK,
                        ));
                    }
                });
            });
            root.spawn(Node {
                column_gap: px(12),
                ..default()
            })
            .with_children(|b| {
                b.spawn(theme::button(f, tr(l, "brief.begin"), Action::Begin));
                b.spawn(theme::button(
                    f,
                    tr(l, "brief.back"),
                    Action::Go(Screen::Library),
                ));
                b.spawn(Node {
                    flex_grow: 1.0,
                    ..default()
                });
                b.spawn(theme::text(
                    f,
                    tr(l, "brief.hint"),
                    theme::SMALL,
                    palette::MUTED,
                ));
            });
        });
}
