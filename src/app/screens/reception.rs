//! The reception: the visitor, their line appearing, the meters, the transcript, and the
//! trainee's reply by choice (mouse or keys 1–5) or typed text (with the input method).

use super::{Canvas, Flow, Screen, Scrollable, digit_pressed, needs_redraw, root, visitor};
use crate::app::locale::tr;
use crate::app::settings::Settings;
use crate::app::theme::{self, palette};
use crate::app::{Action, Library, Redraw, UiFont, Visit, t};
use bevy::input_focus::InputFocus;
use bevy::prelude::*;
use bevy::text::EditableText;
use jiedai_core::analyse::{Finding, Kind};
use jiedai_core::engine::{Response, TurnRecord};
use jiedai_core::model::{Scenario, Turn};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        (
            (keys, keep_draft).in_set(Flow::Input),
            handle.in_set(Flow::Handle),
            draw.in_set(Flow::Draw).run_if(needs_redraw),
            (tick, reveal_line).after(Flow::Draw),
        )
            .run_if(in_state(Screen::Reception)),
    );
}

/// The visitor's current line, revealed a few characters at a time.
#[derive(Component)]
struct LineText(String);

#[derive(Component)]
struct Clock;

/// The conversation column's widest: about 45 characters of body text a line, a comfortable
/// reading measure for Chinese.
const CONVERSATION_MAX: f32 = 900.0;

/// Turns kept in the reception screen's transcript panel.
const TRANSCRIPT_SHOWN: usize = 20;

/// The typed-reply box.
#[derive(Component)]
pub struct ReplyBox;

/// Classroom mode holds a step's options back until the room has discussed it.
fn holding_options(visit: &Visit, s: &Settings) -> bool {
    s.classroom
        && !visit.options_shown
        && visit
            .session
            .as_ref()
            .and_then(|s| s.view())
            .is_some_and(|v| matches!(v.step.turn, Turn::Choose { .. }))
}

fn is_free(visit: &Visit) -> bool {
    visit
        .session
        .as_ref()
        .and_then(|s| s.view())
        .is_some_and(|v| matches!(v.step.turn, Turn::Free { .. }))
}

fn keys(
    keys: Res<ButtonInput<KeyCode>>,
    visit: Res<Visit>,
    s: Res<Settings>,
    boxes: Query<&EditableText, With<ReplyBox>>,
    mut out: MessageWriter<Action>,
) {
    if keys.just_pressed(KeyCode::Escape) {
        out.write(if visit.paused {
            Action::Resume
        } else {
            Action::Pause
        });
        return;
    }
    if visit.paused {
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

/// Keeps what is typed in the reply box, so that drawing the screen again does not lose it.
fn keep_draft(mut visit: ResMut<Visit>, boxes: Query<&EditableText, With<ReplyBox>>) {
    if let Some(b) = boxes.iter().next() {
        let value = b.value();
        if value != visit.draft.as_str() {
            visit.draft = value.to_string();
        }
    }
}

fn handle(
    mut actions: MessageReader<Action>,
    mut visit: ResMut<Visit>,
    mut redraw: ResMut<Redraw>,
    mut next: ResMut<NextState<Screen>>,
    boxes: Query<&EditableText, With<ReplyBox>>,
    s: Res<Settings>,
    mut records: ResMut<crate::app::records::AppRecords>,
) {
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
            Action::Choose(k) if !visit.paused && !holding_options(&visit, &s) => {
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
                    visit.revealed = 0.0;
                    visit.notice = None;
                    visit.options_shown = false;
                    visit.hint = None;
                }
            }
            Action::Hint if !visit.paused => {
                if let Some(h) = visit.session.as_mut().and_then(|s| s.hint().ok()) {
                    visit.hint = Some(h);
                }
            }
            Action::Back(turn) if !visit.paused => {
                if let Some(s) = visit.session.as_mut()
                    && s.back_to(*turn).is_ok()
                {
                    visit.revealed = 0.0;
                    visit.notice = None;
                    visit.options_shown = false;
                    visit.hint = None;
                    visit.draft.clear();
                }
            }
            Action::ShowOptions => visit.options_shown = true,
            Action::SubmitText(text) if !visit.paused => {
                if text.trim().is_empty() {
                    visit.notice = Some("rec.empty_reply");
                } else if let Some(s) = visit.session.as_mut()
                    && s.respond(Response::Text(text.trim().to_owned())).is_ok()
                {
                    // For scripts that drive the window (RUST_LOG=jiedai=debug).
                    debug!("typed reply sent: {}", text.trim());
                    visit.draft.clear();
                    visit.hint = None;
                    visit.revealed = 0.0;
                    visit.options_shown = false;
                    visit.notice = None;
                }
            }
            Action::Pause => visit.paused = true,
            Action::Resume => {
                visit.paused = false;
                visit.confirm_leave = false;
            }
            Action::AskLeave => visit.confirm_leave = true,
            Action::Leave => {
                // A visit left after at least one reply is kept, as abandoned.
                let begun = visit
                    .session
                    .as_ref()
                    .is_some_and(|x| !x.transcript().is_empty() && !x.is_over());
                if begun && !visit.recorded {
                    super::debrief::keep(
                        &visit,
                        &mut records,
                        &s,
                        jiedai_core::records::Status::Abandoned,
                    );
                }
                *visit = Visit::default();
                next.set(Screen::Title);
            }
            _ => continue,
        }
        redraw.0 = true;
    }
}

fn tick(
    time: Res<Time>,
    mut visit: ResMut<Visit>,
    s: Res<Settings>,
    mut clock: Query<&mut Text, With<Clock>>,
) {
    if visit.paused {
        return;
    }
    visit.elapsed += time.delta_secs();
    visit.revealed += if s.text_speed == 0 {
        1e6
    } else {
        time.delta_secs() * s.text_speed as f32
    };
    let secs = visit.elapsed as u32;
    for mut c in &mut clock {
        let v = format!("{}:{:02}", secs / 60, secs % 60);
        if c.0 != v {
            c.0 = v;
        }
    }
}

fn reveal_line(visit: Res<Visit>, mut q: Query<(&mut Text, &LineText)>) {
    for (mut text, full) in &mut q {
        let n = visit.revealed as usize;
        let shown: String = full.0.chars().take(n).collect();
        if text.0 != shown {
            text.0 = shown;
        }
    }
}

/// The reply with the analyser's evidence highlighted.
/// Words of a technique the judgement found premature are marked as the anti-pattern they
/// became (law first), not as good practice.
fn highlighted(parent: &mut ChildSpawnerCommands, font: &UiFont, text: &str, rec: &TurnRecord) {
    let findings = &rec.findings;
    let premature = &rec.assessment.premature;
    let mut marks: Vec<&Finding> = findings
        .iter()
        .filter(|f| !f.negated && f.kind != Kind::Politeness && f.end <= text.len())
        .collect();
    marks.sort_by_key(|f| f.start);
    let style = |color: Color| {
        (
            TextFont {
                font: font.0.clone().into(),
                font_size: theme::BODY.into(),
                ..default()
            },
            TextColor(color),
        )
    };
    parent
        .spawn((Text::new(""), style(palette::INK)))
        .with_children(|p| {
            let mut at = 0;
            for f in marks {
                if f.start < at || !text.is_char_boundary(f.start) || !text.is_char_boundary(f.end)
                {
                    continue;
                }
                if f.start > at {
                    p.spawn((TextSpan::new(&text[at..f.start]), style(palette::INK)));
                }
                let color = match f.kind {
                    Kind::AntiPattern => palette::BAD,
                    Kind::Technique if premature.contains(&f.id) => palette::BAD,
                    Kind::Procedure => palette::TRUST,
                    _ => palette::GOOD,
                };
                p.spawn((
                    TextSpan::new(format!("【{}】", &text[f.start..f.end])),
                    style(color),
                ));
                at = f.end;
            }
            if at < text.len() {
                p.spawn((TextSpan::new(&text[at..]), style(palette::INK)));
            }
        });
}

/// The size of the feedback and notes: larger in classroom mode, to be read across a room.
fn text_size(s: &Settings) -> f32 {
    if s.classroom {
        theme::CLASSROOM
    } else {
        theme::SMALL
    }
}

fn feedback_panel(
    p: &mut ChildSpawnerCommands,
    f: &UiFont,
    s: &Settings,
    lib: &Library,
    sc: &Scenario,
    rec: &TurnRecord,
    notes: bool,
) {
    let l = s.lang;
    let small = text_size(s);
    p.spawn(theme::panel()).with_children(|panel| {
        // In classroom mode the transcript is hidden, so the room sees here which reply was given.
        if s.classroom && matches!(rec.response, Response::Choice(_)) {
            panel.spawn(theme::text(
                f,
                format!("{}：{}", tr(l, "rec.chosen"), t(s, &rec.said)),
                small,
                palette::INK,
            ));
        }
        if let Response::Text(said) = &rec.response {
            panel.spawn(theme::text(
                f,
                format!("{}：", tr(l, "rec.you")),
                small,
                palette::MUTED,
            ));
            highlighted(panel, f, said, rec);
            let found: Vec<String> = rec
                .assessment
                .credited
                .iter()
                .chain(&rec.assessment.anti_patterns)
                .chain(&rec.assessment.procedures)
                .map(|id| super::name_of(lib, s, id))
                .collect();
            if !found.is_empty() {
                panel.spawn(theme::text(
                    f,
                    format!("{}：{}", tr(l, "rec.found"), found.join("、")),
                    small,
                    palette::MUTED,
                ));
            }
        }
        if let Some(fb) = &rec.feedback {
            let color = theme::score_colour(rec.assessment.net(), palette::INK);
            let secs: Vec<String> = fb.guidance.iter().map(|g| format!("§{g}")).collect();
            panel.spawn(theme::text(
                f,
                format!(
                    "{}：{} {}",
                    tr(l, "rec.feedback"),
                    t(s, &fb.text),
                    secs.join(" ")
                ),
                small,
                color,
            ));
        }
        if notes {
            classroom_notes(panel, f, s, lib, sc, rec);
        }
    });
}

/// Classroom mode, after a reply: the step's trainer note and what
/// each of the other options would have brought, for the room's discussion.
fn classroom_notes(
    panel: &mut ChildSpawnerCommands,
    f: &UiFont,
    s: &Settings,
    lib: &Library,
    sc: &Scenario,
    rec: &TurnRecord,
) {
    let l = s.lang;
    let small = text_size(s);
    let Some(step) = sc.step(&rec.step) else {
        return;
    };
    if let Some(note) = &step.note {
        panel.spawn(theme::text(
            f,
            format!("{}：{}", tr(l, "rec.point"), t(s, note)),
            small,
            palette::ACCENT,
        ));
    }
    let Turn::Choose { options, .. } = &step.turn else {
        return;
    };
    // The other options in the order the room saw them, each judged as the core judges it
    // at the moment the reply was given (gates included).
    let order: Vec<usize> = if rec.shown.is_empty() {
        (0..options.len()).collect()
    } else {
        rec.shown.clone()
    };
    let speaker = jiedai_core::step::speaker_index(sc, step);
    let others: Vec<_> = order
        .iter()
        .filter_map(|&i| options.get(i))
        .filter(|o| o.id != rec.choice_id)
        .map(|o| {
            (
                o,
                jiedai_core::judge::preview(&lib.rubric, &rec.before, o, speaker),
            )
        })
        .collect();
    if others.is_empty() {
        return;
    }
    panel.spawn(theme::text(
        f,
        format!("{}：", tr(l, "rec.others")),
        small,
        palette::MUTED,
    ));
    for (o, preview) in others {
        let (mark, color) = if !preview.assessment.anti_patterns.is_empty() {
            ("×", palette::BAD)
        } else if preview.is_good() {
            ("✓", palette::GOOD)
        } else {
            ("·", palette::MUTED)
        };
        let why = o
            .feedback
            .as_ref()
            .map(|fb| format!(" —— {}", t(s, &fb.text)))
            .unwrap_or_default();
        panel.spawn(theme::text(
            f,
            format!("{mark} {}{why}", t(s, &o.text)),
            small,
            color,
        ));
    }
}

fn draw(mut canvas: Canvas, lib: Res<Library>, visit: Res<Visit>) {
    let (commands, f, s) = canvas.begin();
    let l = s.lang;
    let Some(session) = visit.session.as_ref() else {
        return;
    };
    let sc = session.scenario();
    let st = session.state();
    let exam = session.is_exam();
    let view = session.view();
    let speaker = view
        .as_ref()
        .and_then(|v| v.speaker)
        .and_then(|id| sc.visitor(id))
        .map(|v| t(s, &v.name))
        .unwrap_or_default();
    let mut reply_box: Option<Entity> = None;
    commands
        .spawn(root(Screen::Reception, "Reception"))
        .with_children(|root| {
            // Top bar: scenario, turn, time, pause.
            root.spawn(theme::row(16.0)).with_children(|bar| {
                bar.spawn(theme::text(
                    f,
                    t(s, &sc.title),
                    theme::HEADING,
                    palette::INK,
                ));
                if s.classroom {
                    bar.spawn(theme::text(
                        f,
                        format!("· {}", tr(l, "rec.classroom")),
                        theme::BODY,
                        palette::ACCENT,
                    ));
                }
                if exam {
                    bar.spawn(theme::text(
                        f,
                        format!("· {}", tr(l, "rec.exam")),
                        theme::BODY,
                        palette::ACCENT,
                    ));
                }
                bar.spawn(Node {
                    flex_grow: 1.0,
                    ..default()
                });
                bar.spawn(theme::text(
                    f,
                    format!("{} {}", tr(l, "rec.turn"), st.turn + 1),
                    theme::BODY,
                    palette::MUTED,
                ));
                bar.spawn(theme::text(
                    f,
                    tr(l, "rec.time"),
                    theme::BODY,
                    palette::MUTED,
                ));
                bar.spawn((Clock, theme::text(f, "0:00", theme::BODY, palette::MUTED)));
                bar.spawn(theme::button(
                    f,
                    format!("{} Esc", tr(l, "pause.title")),
                    Action::Pause,
                ));
            });
            root.spawn(Node {
                flex_grow: 1.0,
                column_gap: px(16),
                min_height: px(0),
                ..default()
            })
            .with_children(|main| {
                // The visitor.
                main.spawn(Node {
                    width: px(230),
                    flex_direction: FlexDirection::Column,
                    align_items: AlignItems::Center,
                    row_gap: px(10),
                    ..default()
                })
                .with_children(|left| {
                    left.spawn(visitor::figure(st.state.agitation, 200.0));
                    left.spawn(theme::text(f, speaker.clone(), theme::BODY, palette::INK));
                    if !st.state.members.is_empty() {
                        left.spawn(Node {
                            flex_wrap: FlexWrap::Wrap,
                            width: px(220),
                            justify_content: JustifyContent::Center,
                            ..default()
                        })
                        .with_children(|crowd| {
                            for &m in st.state.members.iter().take(20) {
                                crowd.spawn(visitor::figure(m, 48.0));
                            }
                        });
                    }
                    // An exam keeps the visitor's state for the debrief.
                    if s.meters && !exam {
                        left.spawn(Node {
                            flex_direction: FlexDirection::Column,
                            row_gap: px(4),
                            ..default()
                        })
                        .with_children(|m| {
                            m.spawn(theme::text(
                                f,
                                format!("{} {}", tr(l, "rec.agitation"), st.state.agitation),
                                theme::SMALL,
                                palette::AGITATION,
                            ));
                            m.spawn(theme::bar(
                                st.state.agitation as f32,
                                200.0,
                                palette::AGITATION,
                            ));
                            m.spawn(theme::text(
                                f,
                                format!("{} {}", tr(l, "rec.trust"), st.state.trust),
                                theme::SMALL,
                                palette::TRUST,
                            ));
                            m.spawn(theme::bar(st.state.trust as f32, 200.0, palette::TRUST));
                            if !st.state.members.is_empty() {
                                m.spawn(theme::text(
                                    f,
                                    format!("{} {}", tr(l, "rec.group"), st.state.group_mood()),
                                    theme::SMALL,
                                    palette::AGITATION,
                                ));
                                m.spawn(theme::bar(
                                    st.state.group_mood() as f32,
                                    200.0,
                                    palette::AGITATION,
                                ));
                            }
                        });
                    }
                });
                // The conversation; it scrolls when the feedback and options outgrow the window.
                // On a wide window its lines stop at a reading measure and the transcript takes
                // the rest; in classroom mode (no transcript) it spans the room's screen.
                main.spawn((
                    Scrollable,
                    Interaction::default(),
                    Node {
                        // Nearly all the free space, until the measure (see the transcript).
                        flex_grow: 100.0,
                        flex_basis: px(0),
                        max_width: if s.classroom {
                            Val::Auto
                        } else {
                            px(CONVERSATION_MAX)
                        },
                        flex_direction: FlexDirection::Column,
                        row_gap: px(10),
                        min_height: px(0),
                        overflow: Overflow::scroll_y(),
                        ..default()
                    },
                ))
                .with_children(|mid| {
                    if let Some(v) = &view {
                        if let Some(cue) = v.cue {
                            mid.spawn(theme::text(
                                f,
                                format!("（{}）", t(s, cue)),
                                theme::BODY,
                                palette::MUTED,
                            ));
                        }
                        if let Some(line) = v.line {
                            mid.spawn(theme::panel()).with_children(|p| {
                                p.spawn(theme::text(
                                    f,
                                    format!("{speaker}："),
                                    theme::SMALL,
                                    palette::ACCENT,
                                ));
                                p.spawn((
                                    LineText(t(s, line)),
                                    theme::text(f, "", theme::HEADING, palette::INK),
                                ));
                            });
                        }
                    }
                    if let Some(rec) = st.transcript.last()
                        && !exam
                    {
                        // The classroom notes stay until the next options are shown.
                        let notes = s.classroom && !visit.options_shown;
                        feedback_panel(mid, f, s, &lib, sc, rec, notes);
                    }
                    if let Some(h) = &visit.hint {
                        mid.spawn((theme::panel(), Name::new("Hint")))
                            .with_children(|p| {
                                let cost = if h.cost > 0 {
                                    format!(
                                        "（{}）",
                                        tr(l, "rec.hint_cost").replace("{n}", &h.cost.to_string())
                                    )
                                } else {
                                    String::new()
                                };
                                let secs: Vec<String> =
                                    h.guidance.iter().map(|g| format!("§{g}")).collect();
                                p.spawn(theme::text(
                                    f,
                                    format!("{}{cost}", tr(l, "rec.hint")),
                                    theme::SMALL,
                                    palette::ACCENT,
                                ));
                                p.spawn(theme::text(
                                    f,
                                    format!("{} {}", t(s, &h.text), secs.join(" ")),
                                    theme::BODY,
                                    palette::INK,
                                ));
                            });
                    }
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
                    } else if let Some(v) = &view {
                        match &v.step.turn {
                            Turn::Choose { .. } if holding_options(&visit, s) => {
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
                                mid.spawn(theme::text(
                                    f,
                                    tr(l, "rec.choose_hint"),
                                    theme::SMALL,
                                    palette::MUTED,
                                ));
                            }
                            Turn::Free { prompt, .. } => {
                                if let Some(p) = prompt {
                                    mid.spawn(theme::text(
                                        f,
                                        t(s, p),
                                        theme::SMALL,
                                        palette::MUTED,
                                    ));
                                }
                                mid.spawn(Node {
                                    column_gap: px(10),
                                    align_items: AlignItems::Stretch,
                                    ..default()
                                })
                                .with_children(|row| {
                                    let id = row
                                        .spawn((ReplyBox, theme::text_box(f, &visit.draft, 56.0)))
                                        .id();
                                    reply_box = Some(id);
                                    row.spawn(theme::button(
                                        f,
                                        format!("{} (Enter)", tr(l, "rec.send")),
                                        Action::SendTyped,
                                    ));
                                });
                                mid.spawn(theme::text(
                                    f,
                                    tr(l, "rec.type_hint"),
                                    theme::SMALL,
                                    palette::MUTED,
                                ));
                            }
                            Turn::End { .. } => {}
                        }
                    }
                    if !exam && !session.is_over() {
                        mid.spawn(theme::text(
                            f,
                            tr(l, "rec.practice_keys"),
                            theme::SMALL,
                            palette::MUTED,
                        ));
                    }
                    if let Some(n) = visit.notice {
                        mid.spawn(theme::text(f, tr(l, n), theme::BODY, palette::BAD));
                    }
                });
                // The transcript, set off by a rule rather than a box: every covered pixel costs
                // frame time on a software renderer, and a border covers the whole node. In
                // classroom mode the room follows the conversation itself, and the space goes to
                // the feedback.
                if s.classroom {
                    return;
                }
                main.spawn(theme::vertical_rule());
                main.spawn(Node {
                    // 330 pixels at least and a hundredth of the conversation's share of the
                    // free space; once the conversation stops at its measure, all the rest.
                    flex_basis: px(330),
                    flex_grow: 1.0,
                    flex_shrink: 0.0,
                    flex_direction: FlexDirection::Column,
                    padding: UiRect::axes(px(4), px(12)),
                    row_gap: px(6),
                    ..default()
                })
                .with_children(|right| {
                    right.spawn(theme::text(
                        f,
                        tr(l, "rec.transcript"),
                        theme::BODY,
                        palette::MUTED,
                    ));
                    right
                        .spawn((
                            Scrollable,
                            Interaction::default(),
                            ScrollPosition(Vec2::new(0.0, 1.0e7)),
                            Node {
                                flex_direction: FlexDirection::Column,
                                row_gap: px(6),
                                overflow: Overflow::scroll_y(),
                                flex_grow: 1.0,
                                flex_basis: px(0),
                                ..default()
                            },
                        ))
                        .with_children(|list| {
                            // The latest turns; the debrief shows them all.
                            let shown = st.transcript.len().saturating_sub(TRANSCRIPT_SHOWN);
                            for rec in &st.transcript[shown..] {
                                if exam {
                                    super::transcript_turn(list, f, s, Some(sc), rec, false);
                                    continue;
                                }
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
                                    super::transcript_turn(b, f, s, Some(sc), rec, false);
                                });
                            }
                        });
                });
            });
            if visit.paused {
                root.spawn((
                    Node {
                        position_type: PositionType::Absolute,
                        left: px(0),
                        top: px(0),
                        width: percent(100),
                        height: percent(100),
                        justify_content: JustifyContent::Center,
                        align_items: AlignItems::Center,
                        ..default()
                    },
                    BackgroundColor(Color::srgba(0.0, 0.0, 0.0, 0.45)),
                    GlobalZIndex(10),
                ))
                .with_children(|o| {
                    o.spawn(theme::panel()).with_children(|p| {
                        p.spawn(theme::text(
                            f,
                            tr(l, "pause.title"),
                            theme::HEADING,
                            palette::INK,
                        ));
                        if visit.confirm_leave {
                            p.spawn(theme::text(
                                f,
                                tr(l, "pause.confirm"),
                                theme::BODY,
                                palette::BAD,
                            ));
                            p.spawn(theme::button(f, tr(l, "pause.yes"), Action::Leave));
                            p.spawn(theme::button(f, tr(l, "pause.no"), Action::Resume));
                        } else {
                            p.spawn(theme::button(f, tr(l, "pause.resume"), Action::Resume));
                            p.spawn(theme::button(f, tr(l, "pause.quit"), Action::AskLeave));
                        }
                    });
                });
            }
        });
    // The box takes the keyboard (and turns the input method on) while it is shown and the
    // visit is not paused; without it, the keys choose options and the input method is off.
    let focus = reply_box.filter(|_| !visit.paused);
    commands.insert_resource(focus.map_or_else(InputFocus::default, InputFocus::from_entity));
}
