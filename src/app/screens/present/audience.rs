//! The audience view: what the projector shows. Spawned once on entering the session with four
//! regions (header, stage, footer, blank); each is filled again only when what it shows has
//! changed, the hands and the timer change in place, and nothing here ever shows the trainer's
//! notes.

use super::style::{self, Sizes};
use super::{Blank, Changed, Presenting, RoomBox, RoomNotice};
use crate::app::locale::tr;
use crate::app::screens::parts::{self, Colours};
use crate::app::screens::{Framed, Screen, Scrollable};
use crate::app::settings::Settings;
use crate::app::{UiFont, t};
use bevy::prelude::*;
use bevy::window::PrimaryWindow;
use jiedai_core::Lang;
use jiedai_core::engine::Response;
use jiedai_core::model::Turn;
use jiedai_core::room::{self, Phase, Room, RoomTurn};

/// A marked part of the audience view.
#[derive(Component, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Region {
    Header,
    Stage,
    Footer,
    Blank,
}

/// The discussion timer's figures, updated in place every frame.
#[derive(Component)]
pub struct TimerText;

/// The hands for the option at place k, updated in place.
#[derive(Component)]
pub struct HandCount(pub usize);

/// The audience view's root.
#[derive(Component)]
pub struct AudienceRoot;

fn text(f: &UiFont, s: impl Into<String>, size: f32, color: Color) -> impl Bundle {
    crate::app::theme::text(f, s, size, color)
}

pub fn sizes(p: &Presenting, window: Option<&Window>) -> Sizes {
    Sizes::for_height(window.map_or(720.0, |w| w.height()), p.zoom)
}

pub(super) fn spawn(
    mut commands: Commands,
    p: Res<Presenting>,
    window: Query<&Window, With<PrimaryWindow>>,
    font: Res<UiFont>,
    s: Res<Settings>,
) {
    let z = sizes(&p, window.iter().next());
    let mut regions = [Entity::PLACEHOLDER; 4];
    commands
        .spawn((
            AudienceRoot,
            Name::new("Audience"),
            DespawnOnExit(Screen::Present),
            style::root(z),
        ))
        .with_children(|root| {
            regions[0] = root
                .spawn((
                    Framed,
                    Region::Header,
                    Name::new("Header"),
                    Node {
                        column_gap: px(z.gap() * 2.0),
                        align_items: AlignItems::Center,
                        flex_shrink: 0.0,
                        ..default()
                    },
                ))
                .id();
            regions[1] = root
                .spawn((
                    Framed,
                    Region::Stage,
                    Name::new("Stage"),
                    Scrollable,
                    Interaction::default(),
                    Node {
                        flex_grow: 1.0,
                        flex_basis: px(0),
                        min_height: px(0),
                        flex_direction: FlexDirection::Column,
                        row_gap: px(z.gap()),
                        overflow: Overflow::scroll_y(),
                        ..default()
                    },
                ))
                .id();
            regions[2] = root
                .spawn((
                    Framed,
                    Region::Footer,
                    Name::new("Footer"),
                    Node {
                        flex_direction: FlexDirection::Column,
                        flex_shrink: 0.0,
                        row_gap: px(4),
                        ..default()
                    },
                ))
                .id();
            regions[3] = root
                .spawn((
                    Region::Blank,
                    Name::new("Blank"),
                    Node {
                        position_type: PositionType::Absolute,
                        left: px(0),
                        top: px(0),
                        width: percent(100),
                        height: percent(100),
                        ..default()
                    },
                    BackgroundColor(Color::BLACK),
                    GlobalZIndex(15),
                    Visibility::Hidden,
                ))
                .id();
        });
    for (region, e) in [Region::Header, Region::Stage, Region::Footer]
        .into_iter()
        .zip(regions)
    {
        fill(&mut commands, e, region, &p, &font, &s, z);
    }
}

/// Fills the regions again from the room when it changed; the hands change in place.
pub(super) fn refresh(
    mut changes: MessageReader<Changed>,
    mut commands: Commands,
    p: Res<Presenting>,
    window: Query<&Window, With<PrimaryWindow>>,
    font: Res<UiFont>,
    s: Res<Settings>,
    regions: Query<(Entity, &Region)>,
    mut blank: Query<(&mut Visibility, &mut BackgroundColor), With<Region>>,
    mut hands: Query<(&mut Text, &HandCount)>,
    mut root: Query<&mut Node, With<AudienceRoot>>,
) {
    let mut what: Vec<Changed> = changes.read().copied().collect();
    if what.is_empty() {
        return;
    }
    what.dedup();
    let z = sizes(&p, window.iter().next());
    let all = what
        .iter()
        .any(|c| matches!(c, Changed::Phase | Changed::Look));
    if what.contains(&Changed::Look) {
        for mut n in &mut root {
            *n = style::root(z).0;
        }
    }
    for (e, r) in &regions {
        match r {
            Region::Header | Region::Stage if all => {
                fill(&mut commands, e, *r, &p, &font, &s, z);
            }
            Region::Footer if all || what.contains(&Changed::Overlay) => {
                fill(&mut commands, e, *r, &p, &font, &s, z);
            }
            Region::Blank => {
                if let Ok((mut v, mut bg)) = blank.get_mut(e) {
                    let want = match p.blank {
                        None => Visibility::Hidden,
                        Some(_) => Visibility::Visible,
                    };
                    if *v != want {
                        *v = want;
                    }
                    bg.0 = if p.blank == Some(Blank::White) {
                        Color::WHITE
                    } else {
                        Color::BLACK
                    };
                }
            }
            _ => {}
        }
    }
    if what.contains(&Changed::Hands) && !all {
        let lang = s.lang;
        let votes = p
            .room
            .as_ref()
            .map(|r| r.votes().to_vec())
            .unwrap_or_default();
        for (mut text, h) in &mut hands {
            let v = hands_label(lang, votes.get(h.0).copied().unwrap_or(0));
            if text.0 != v {
                text.0 = v;
            }
        }
    }
}

/// The discussion timer runs while the options are shown and the menu is closed.
pub(super) fn tick(
    time: Res<Time>,
    mut p: ResMut<Presenting>,
    menu: Res<State<crate::app::screens::menu::Menu>>,
    mut q: Query<(&mut Text, &mut TextColor), With<TimerText>>,
) {
    let open = *menu.get() != crate::app::screens::menu::Menu::None;
    let Some(room) = p.room.as_mut() else {
        return;
    };
    if !open && room.phase() == Phase::Options {
        room.timer.tick(time.delta_secs());
    }
    let label = timer_label(room);
    let colour = if room.timer.is_up() {
        style::BAD
    } else if room.timer.running {
        style::ACCENT
    } else {
        style::MUTED
    };
    for (mut text, mut c) in &mut q {
        if text.0 != label {
            text.0.clone_from(&label);
        }
        if c.0 != colour {
            c.0 = colour;
        }
    }
}

fn timer_label(room: &Room) -> String {
    if room.timer.set == 0 {
        String::new()
    } else if room.timer.running || room.phase() == Phase::Options {
        format!(
            "{}{}",
            room.timer.label(),
            if room.timer.running { "" } else { " ‖" }
        )
    } else {
        room.timer.label()
    }
}

pub fn hands_label(l: Lang, n: u32) -> String {
    match l {
        Lang::Zh => format!("{n} 票"),
        Lang::En => format!("{n} hands"),
    }
}

fn fill(
    commands: &mut Commands,
    e: Entity,
    region: Region,
    p: &Presenting,
    f: &UiFont,
    s: &Settings,
    z: Sizes,
) {
    let mut typed_box = None;
    commands
        .entity(e)
        .despawn_children()
        .with_children(|c| match region {
            Region::Header => header(c, p, f, s, z),
            Region::Stage => typed_box = stage(c, p, f, s, z),
            Region::Footer => footer(c, p, f, s, z),
            Region::Blank => {}
        });
    if region == Region::Stage {
        super::focus_box(commands, typed_box);
    }
}

fn header(c: &mut ChildSpawnerCommands, p: &Presenting, f: &UiFont, s: &Settings, z: Sizes) {
    let l = s.lang;
    let Some(room) = &p.room else { return };
    let sc = room.session().scenario();
    c.spawn(text(f, t(s, &sc.title), z.heading(), style::INK));
    let answered = room.room_state().transcript.len();
    let step_label = match room.phase() {
        Phase::Briefing => tr(l, "present.briefing").to_owned(),
        Phase::Over => tr(l, "present.over").to_owned(),
        _ => tr(l, "present.step").replace(
            "{n}",
            &(room.session().transcript().len() + usize::from(room.phase() != Phase::Reveal))
                .to_string(),
        ),
    };
    c.spawn(text(f, step_label, z.small(), style::MUTED));
    if let Some((turn, _)) = room.what_if() {
        c.spawn((
            Node {
                padding: UiRect::axes(px(10.0 * z.k), px(4.0 * z.k)),
                border_radius: BorderRadius::all(px(6)),
                ..default()
            },
            BackgroundColor(style::ACCENT),
            children![text(
                f,
                tr(l, "present.what_if_banner").replace("{n}", &turn.to_string()),
                z.small(),
                style::BG,
            )],
        ));
    }
    let _ = answered;
    c.spawn(Node {
        flex_grow: 1.0,
        ..default()
    });
    c.spawn((
        TimerText,
        text(f, timer_label(room), z.heading(), style::MUTED),
    ));
}

fn meters(
    c: &mut ChildSpawnerCommands,
    f: &UiFont,
    l: Lang,
    z: Sizes,
    st: &jiedai_core::state::VisitorState,
) {
    c.spawn(Node {
        column_gap: px(z.gap() * 2.0),
        align_items: AlignItems::Center,
        flex_wrap: FlexWrap::Wrap,
        ..default()
    })
    .with_children(|row| {
        let mut meter = |label: &str, v: i32, colour: Color| {
            row.spawn(text(f, format!("{label} {v}"), z.body(), colour));
            row.spawn(bar(v as f32, 220.0 * z.k, 14.0 * z.k, colour));
        };
        meter(tr(l, "rec.agitation"), st.agitation, style::AGITATION);
        meter(tr(l, "rec.trust"), st.trust, style::TRUST);
        if !st.members.is_empty() {
            meter(tr(l, "rec.group"), st.group_mood(), style::AGITATION);
        }
    });
}

fn bar(value: f32, width: f32, height: f32, colour: Color) -> impl Bundle {
    (
        Node {
            width: px(width),
            height: px(height),
            border_radius: BorderRadius::all(px(height / 2.0)),
            ..default()
        },
        BackgroundColor(style::TRACK),
        children![(
            Node {
                width: percent(value.clamp(0.0, 100.0)),
                height: percent(100),
                border_radius: BorderRadius::all(px(height / 2.0)),
                ..default()
            },
            BackgroundColor(colour),
        )],
    )
}

/// The visitor's line: cue, speaker, words.
fn line(c: &mut ChildSpawnerCommands, room: &Room, f: &UiFont, s: &Settings, size: f32) {
    let session = room.session();
    let Some(v) = session.view() else { return };
    let sc = session.scenario();
    if let Some(cue) = v.cue {
        c.spawn(text(
            f,
            format!("（{}）", t(s, cue)),
            size * 0.8,
            style::MUTED,
        ));
    }
    if let Some(words) = v.line {
        let who = v
            .speaker
            .and_then(|id| sc.visitor(id))
            .map(|x| t(s, &x.name))
            .unwrap_or_default();
        c.spawn(text(f, format!("{who}：{}", t(s, words)), size, style::INK));
    }
}

/// The stage: what the room looks at now. Returns the typed-reply box when it shows one.
fn stage(
    c: &mut ChildSpawnerCommands,
    p: &Presenting,
    f: &UiFont,
    s: &Settings,
    z: Sizes,
) -> Option<Entity> {
    let l = s.lang;
    let room = p.room.as_ref()?;
    let session = room.session();
    let sc = session.scenario();
    match room.phase() {
        Phase::Briefing => {
            c.spawn(text(f, tr(l, "present.case"), z.small(), style::ACCENT));
            c.spawn(text(f, t(s, &sc.briefing), z.body(), style::INK));
            None
        }
        Phase::Line => {
            line(c, room, f, s, z.line());
            meters(c, f, l, z, &session.state().state);
            None
        }
        Phase::Options => {
            line(c, room, f, s, z.body());
            let v = session.view()?;
            match &v.step.turn {
                Turn::Free { prompt, .. } => {
                    c.spawn(text(
                        f,
                        prompt
                            .as_ref()
                            .map_or_else(|| tr(l, "present.type_prompt").to_owned(), |x| t(s, x)),
                        z.small(),
                        style::MUTED,
                    ));
                    let id = c
                        .spawn((RoomBox, crate::app::theme::text_box(f, "", 60.0 * z.k)))
                        .insert((
                            TextFont {
                                font: f.0.clone().into(),
                                font_size: z.body().into(),
                                ..default()
                            },
                            // Three lines of the room's reply, not the whole stage.
                            Node {
                                min_height: px(z.body() * 4.5),
                                flex_shrink: 0.0,
                                padding: UiRect::all(px(10)),
                                border: UiRect::all(px(2)),
                                border_radius: BorderRadius::all(px(6)),
                                ..default()
                            },
                        ))
                        .id();
                    Some(id)
                }
                _ => {
                    for (k, (_, o)) in v.options().into_iter().enumerate() {
                        let votes = room.votes().get(k).copied().unwrap_or(0);
                        option_row(c, f, z, k, &t(s, &o.text), Some(votes), l, None);
                    }
                    None
                }
            }
        }
        Phase::Reveal => {
            reveal(c, room, f, s, z);
            None
        }
        Phase::Over => {
            let d = room.room_state();
            c.spawn(text(f, tr(l, "present.over"), z.heading(), style::ACCENT));
            if let Some(end) = &d.end {
                c.spawn(text(f, t(s, &end.debrief), z.body(), style::INK));
            }
            c.spawn(text(
                f,
                tr(l, "present.to_summary_key"),
                z.small(),
                style::MUTED,
            ));
            None
        }
    }
}

/// An option as the room sees it: its letter, its words, its hands (counted in place), and at
/// a reveal the marks for the room's choice and the best.
fn option_row(
    c: &mut ChildSpawnerCommands,
    f: &UiFont,
    z: Sizes,
    k: usize,
    words: &str,
    hands: Option<u32>,
    l: Lang,
    marks: Option<(bool, bool)>,
) {
    let chosen = marks.is_some_and(|(c, _)| c);
    c.spawn((
        Node {
            column_gap: px(z.gap()),
            align_items: AlignItems::Center,
            padding: UiRect::axes(px(z.gap()), px(z.gap() * 0.5)),
            border_radius: BorderRadius::all(px(8)),
            flex_shrink: 0.0,
            ..default()
        },
        BackgroundColor(if chosen { style::TRACK } else { style::PANEL }),
    ))
    .with_children(|row| {
        row.spawn((
            Node {
                width: px(z.body() * 1.6),
                flex_shrink: 0.0,
                justify_content: JustifyContent::Center,
                ..default()
            },
            children![text(
                f,
                room::letter(k).to_string(),
                z.heading(),
                style::ACCENT
            )],
        ));
        row.spawn((
            Node {
                flex_grow: 1.0,
                flex_shrink: 1.0,
                ..default()
            },
            children![text(f, words.to_owned(), z.body(), style::INK)],
        ));
        if let Some((c_mark, b_mark)) = marks {
            let mut m = Vec::new();
            if b_mark {
                m.push(tr(l, "present.best"));
            }
            if c_mark {
                m.push(tr(l, "present.room_choice"));
            }
            if !m.is_empty() {
                row.spawn(text(
                    f,
                    m.join(" · "),
                    z.small(),
                    if b_mark { style::GOOD } else { style::ACCENT },
                ));
            }
        }
        if let Some(h) = hands {
            row.spawn((
                HandCount(k),
                Node {
                    flex_shrink: 0.0,
                    ..default()
                },
                text(f, hands_label(l, h), z.body(), style::ACCENT),
            ));
        }
    });
}

/// The reveal: the room's reply, the visitor's reaction, the change in state and why, with the
/// hands beside the best option.
fn reveal(c: &mut ChildSpawnerCommands, room: &Room, f: &UiFont, s: &Settings, z: Sizes) {
    let l = s.lang;
    let session = room.session();
    let sc = session.scenario();
    let Some(rec) = session.transcript().last() else {
        return;
    };
    let votes = if room.what_if().is_none() {
        room.turns().last().cloned()
    } else {
        None
    }
    .unwrap_or(RoomTurn {
        turn: rec.turn,
        votes: Vec::new(),
        what_ifs: Vec::new(),
    });
    let sum = room::summarise_turn(sc, session.rubric(), rec, &votes);
    // The reply given.
    let label = if room.what_if().is_some() {
        tr(l, "present.what_if_reply")
    } else {
        tr(l, "present.room_reply")
    };
    c.spawn(text(f, label, z.small(), style::ACCENT));
    match &rec.response {
        Response::Text(said) => {
            parts::highlighted(c, f, said, rec, z.body(), Colours::PROJECTOR);
        }
        Response::Choice(_) => {
            let k = sum.chosen.unwrap_or(0);
            c.spawn(text(
                f,
                format!("{}. {}", room::letter(k), t(s, &rec.said)),
                z.body(),
                style::INK,
            ));
        }
    }
    // The visitor's reaction: the next line, or how the visit ended.
    c.spawn(text(f, tr(l, "present.reaction"), z.small(), style::ACCENT));
    if let Some(end) = &session.state().end {
        c.spawn(text(f, t(s, &end.debrief), z.body(), style::MUTED));
    } else {
        line(c, room, f, s, z.body());
    }
    // The change in state and why.
    let (b, a) = (&rec.before, &rec.after);
    c.spawn(text(
        f,
        format!(
            "{} {} → {}　　{} {} → {}",
            tr(l, "rec.agitation"),
            b.agitation,
            a.agitation,
            tr(l, "rec.trust"),
            b.trust,
            a.trust
        ),
        z.body(),
        crate::app::screens::present::style::ACCENT,
    ));
    if let Some(fb) = &rec.feedback {
        let secs: Vec<String> = fb.guidance.iter().map(|g| format!("§{g}")).collect();
        c.spawn(text(
            f,
            format!("{} {}", t(s, &fb.text), secs.join(" ")),
            z.body(),
            if rec.assessment.net() < 0.0 || !rec.assessment.anti_patterns.is_empty() {
                style::BAD
            } else if rec.assessment.net() > 0.0 {
                style::GOOD
            } else {
                style::INK
            },
        ));
    }
    if matches!(rec.response, Response::Text(_)) {
        let found: Vec<String> = rec
            .assessment
            .credited
            .iter()
            .chain(&rec.assessment.anti_patterns)
            .chain(&rec.assessment.procedures)
            .map(|id| name(session.rubric(), s, id))
            .collect();
        if !found.is_empty() {
            c.spawn(text(
                f,
                format!("{}：{}", tr(l, "rec.found"), found.join("、")),
                z.small(),
                style::MUTED,
            ));
        }
    }
    // The room's hands beside each letter, the best marked; and the best reply in full when
    // the room chose another.
    if !sum.options.is_empty() {
        let show_hands = !votes.votes.is_empty();
        c.spawn(Node {
            column_gap: px(z.gap() * 1.5),
            row_gap: px(z.gap() * 0.5),
            flex_wrap: FlexWrap::Wrap,
            align_items: AlignItems::Center,
            flex_shrink: 0.0,
            ..default()
        })
        .with_children(|row| {
            for (k, o) in sum.options.iter().enumerate() {
                let mut label = room::letter(k).to_string();
                if show_hands {
                    label.push(' ');
                    label.push_str(&hands_label(l, o.votes));
                }
                if sum.best == Some(k) {
                    label.push_str(&format!(" {}", tr(l, "present.best")));
                }
                if sum.chosen == Some(k) {
                    label.push_str(&format!(" {}", tr(l, "present.room_choice")));
                }
                let colour = if sum.best == Some(k) {
                    style::GOOD
                } else if sum.chosen == Some(k) {
                    style::ACCENT
                } else {
                    style::MUTED
                };
                row.spawn((
                    Node {
                        padding: UiRect::axes(px(z.gap()), px(z.gap() * 0.4)),
                        border_radius: BorderRadius::all(px(8)),
                        ..default()
                    },
                    BackgroundColor(style::PANEL),
                    children![text(f, label, z.body(), colour)],
                ));
            }
        });
        if let Some(b) = sum.best.filter(|b| Some(*b) != sum.chosen)
            && let Some(o) = sum.options.get(b)
        {
            c.spawn(text(
                f,
                format!(
                    "{}：{}. {}",
                    tr(l, "present.best_reply"),
                    room::letter(b),
                    t(s, &o.text)
                ),
                z.body(),
                style::GOOD,
            ));
        }
    }
}

fn name(r: &jiedai_core::rubric::Rubric, s: &Settings, id: &str) -> String {
    r.technique(id)
        .map(|x| t(s, &x.name))
        .or_else(|| r.anti_pattern(id).map(|x| t(s, &x.name)))
        .or_else(|| r.procedure(id).map(|x| t(s, &x.name)))
        .unwrap_or_else(|| id.to_owned())
}

fn footer(c: &mut ChildSpawnerCommands, p: &Presenting, f: &UiFont, s: &Settings, z: Sizes) {
    let l = s.lang;
    let Some(room) = &p.room else { return };
    if let Some(n) = p.notice {
        let key = match n {
            RoomNotice::NoMajority => "present.no_majority",
            RoomNotice::EmptyReply => "rec.empty_reply",
            RoomNotice::NoOption => "present.no_option",
        };
        c.spawn(text(f, tr(l, key), z.small(), style::BAD));
    }
    let typed = super::typing(p);
    let key = match room.phase() {
        Phase::Briefing | Phase::Line => "present.keys_line",
        Phase::Options if typed => "present.keys_typed",
        Phase::Options => "present.keys_options",
        Phase::Reveal if room.what_if().is_some() => "present.keys_what_if",
        Phase::Reveal
            if room
                .session()
                .transcript()
                .last()
                .is_some_and(|r| matches!(r.response, Response::Text(_))) =>
        {
            "present.keys_reveal_typed"
        }
        Phase::Reveal => "present.keys_reveal",
        Phase::Over => "present.keys_over",
    };
    c.spawn(text(f, tr(l, key), z.small(), style::MUTED));
}
