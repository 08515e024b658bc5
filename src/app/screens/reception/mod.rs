//! The reception: the visitor, their line appearing, the meters, the transcript, and the
//! trainee's reply by choice (mouse or keys 1–5) or typed text (with the input method).
//!
//! The layout is spawned once on entering the screen, with marked regions. A turn taken (or a
//! hint, a rewind, a setting) sends [`Refresh`] for the regions it changes, and only those are
//! filled again: the reply box keeps what is typed and its focus, the transcript grows by the
//! new turn and keeps its scroll, and the pause is the [`Menu`](super::menu::Menu) overlay on
//! top, which changes nothing underneath.

mod answer;
mod conversation;
mod header;
mod input;
mod side;
mod timer;
mod transcript;

use super::{Flow, Framed, Screen, Scrollable};
use crate::app::settings::Settings;
use crate::app::theme;
use crate::app::{Library, Redraw, UiFont, Visit};
use bevy::input_focus::InputFocus;
use bevy::prelude::*;
use bevy::text::EditableText;
use jiedai_core::model::Turn;

pub(super) fn plugin(app: &mut App) {
    app.add_message::<Refresh>()
        .add_systems(OnEnter(Screen::Reception), spawn)
        .add_systems(
            OnEnter(super::menu::Menu::None),
            focus_reply.run_if(in_state(Screen::Reception)),
        )
        .add_systems(OnExit(super::menu::Menu::None), release_focus)
        .add_systems(
            Update,
            (
                input::keys
                    .in_set(Flow::Input)
                    .run_if(in_state(super::menu::Menu::None)),
                input::handle.in_set(Flow::Handle),
                (redraw_all, refresh, transcript::refresh)
                    .chain()
                    .in_set(Flow::Draw),
                (timer::tick, timer::reveal_line)
                    .after(Flow::Draw)
                    .run_if(in_state(super::menu::Menu::None)),
            )
                .run_if(in_state(Screen::Reception)),
        );
}

/// A marked part of the reception's layout.
#[derive(Component, Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Region {
    /// Scenario, mode, turn, clock, pause.
    Header,
    /// The visitor's figure, name, crowd and meters.
    Visitor,
    /// The cue and the visitor's line.
    Line,
    /// Feedback on the last reply, classroom notes, the hint.
    Feedback,
    /// The options, the reply box, or the way to the debrief.
    Answer,
    /// The turns so far (filled by appending).
    Transcript,
    /// The key line and any notice: outside the scrolling column, always in sight.
    Footer,
}

impl Region {
    pub const ALL: [Region; 7] = [
        Region::Header,
        Region::Visitor,
        Region::Line,
        Region::Feedback,
        Region::Answer,
        Region::Transcript,
        Region::Footer,
    ];
}

/// Fill these regions again from the visit.
#[derive(Message, Clone, Copy, Debug, PartialEq, Eq)]
pub struct Refresh(pub Region);

/// Sends a refresh of every region.
pub fn refresh_all(out: &mut MessageWriter<Refresh>) {
    for r in Region::ALL {
        out.write(Refresh(r));
    }
}

/// The typed-reply box.
#[derive(Component)]
pub struct ReplyBox;

/// The visitor's current line, revealed a few characters at a time.
#[derive(Component)]
struct LineText(String);

#[derive(Component)]
struct Clock;

/// The conversation column's widest: about 45 characters of body text a line, a comfortable
/// reading measure for Chinese.
const CONVERSATION_MAX: f32 = 900.0;

/// What filling a region reads.
struct Ctx<'a> {
    f: &'a UiFont,
    s: &'a Settings,
    lib: &'a Library,
    visit: &'a Visit,
}

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

/// The layout, once: regions in their places, then every region filled.
fn spawn(
    mut commands: Commands,
    s: Res<Settings>,
    mut out: MessageWriter<Refresh>,
    mut redraw: ResMut<Redraw>,
) {
    redraw.0 = false;
    let region = |r: Region, node: Node| (r, Name::new(format!("{r:?}")), node);
    let column = Node {
        flex_direction: FlexDirection::Column,
        row_gap: px(10),
        ..default()
    };
    commands
        .spawn((
            DespawnOnExit(Screen::Reception),
            theme::screen_root("Reception"),
        ))
        .with_children(|root| {
            root.spawn((
                Framed,
                region(
                    Region::Header,
                    Node {
                        flex_shrink: 0.0,
                        ..theme::row(16.0)
                    },
                ),
            ));
            root.spawn(Node {
                flex_grow: 1.0,
                column_gap: px(16),
                min_height: px(0),
                ..default()
            })
            .with_children(|main| {
                main.spawn((
                    Framed,
                    region(
                        Region::Visitor,
                        Node {
                            width: px(230),
                            flex_shrink: 0.0,
                            flex_direction: FlexDirection::Column,
                            align_items: AlignItems::Center,
                            row_gap: px(10),
                            ..default()
                        },
                    ),
                ));
                // The conversation: it scrolls when the feedback and options outgrow the
                // window, and its key line stays below it in sight. On a wide window its lines
                // stop at a reading measure and the transcript takes the rest; in classroom
                // mode (no transcript) it spans the room's screen.
                main.spawn(Node {
                    flex_grow: 100.0,
                    flex_basis: px(0),
                    max_width: if s.classroom {
                        Val::Auto
                    } else {
                        px(CONVERSATION_MAX)
                    },
                    flex_direction: FlexDirection::Column,
                    row_gap: px(8),
                    min_height: px(0),
                    ..default()
                })
                .with_children(|col| {
                    col.spawn((
                        Framed,
                        Name::new("Conversation"),
                        Scrollable,
                        Interaction::default(),
                        Node {
                            flex_grow: 1.0,
                            flex_basis: px(0),
                            min_height: px(0),
                            overflow: Overflow::scroll_y(),
                            ..column.clone()
                        },
                    ))
                    .with_children(|mid| {
                        mid.spawn(region(Region::Line, column.clone()));
                        mid.spawn(region(Region::Feedback, column.clone()));
                        mid.spawn(region(Region::Answer, column.clone()));
                    });
                    col.spawn((
                        Framed,
                        region(
                            Region::Footer,
                            Node {
                                flex_shrink: 0.0,
                                row_gap: px(4),
                                ..column.clone()
                            },
                        ),
                    ));
                });
                // The transcript, set off by a rule rather than a box: every covered pixel
                // costs frame time on a software renderer. In classroom mode the room follows
                // the conversation itself, and the space goes to the feedback.
                if !s.classroom {
                    main.spawn(theme::vertical_rule());
                    main.spawn((Framed, region(Region::Transcript, transcript::node())));
                }
            });
        });
    refresh_all(&mut out);
}

/// A setting changed or the scenario was reloaded: every region again.
fn redraw_all(mut redraw: ResMut<Redraw>, mut out: MessageWriter<Refresh>) {
    if redraw.0 {
        redraw.0 = false;
        refresh_all(&mut out);
    }
}

/// Fills the regions asked for, each on its own.
fn refresh(
    mut asked: MessageReader<Refresh>,
    mut commands: Commands,
    regions: Query<(Entity, &Region)>,
    font: Res<UiFont>,
    s: Res<Settings>,
    lib: Res<Library>,
    visit: Res<Visit>,
    boxes: Query<&EditableText, With<ReplyBox>>,
    menu: Res<State<super::menu::Menu>>,
) {
    let mut want: Vec<Region> = asked.read().map(|r| r.0).collect();
    if want.is_empty() {
        return;
    }
    want.sort_by_key(|r| *r as u8);
    want.dedup();
    let cx = Ctx {
        f: &font,
        s: &s,
        lib: &lib,
        visit: &visit,
    };
    // A box filled again at the same step (a setting changed) keeps what was typed.
    let draft = boxes.iter().next().map(|b| b.value().to_string());
    for (e, r) in &regions {
        if !want.contains(r) || *r == Region::Transcript {
            continue;
        }
        let mut reply_box = None;
        commands
            .entity(e)
            .despawn_children()
            .with_children(|c| match r {
                Region::Header => header::fill(c, &cx),
                Region::Visitor => side::fill(c, &cx),
                Region::Line => conversation::line(c, &cx),
                Region::Feedback => conversation::feedback(c, &cx),
                Region::Answer => reply_box = answer::fill(c, &cx, draft.as_deref()),
                Region::Footer => answer::footer(c, &cx),
                Region::Transcript => {}
            });
        if *r == Region::Answer {
            // The box takes the keyboard (and turns the input method on) while it is shown
            // and no menu is open; without it the keys choose options and the input method
            // is off.
            let open = *menu.get() != super::menu::Menu::None;
            let focus = reply_box.filter(|_| !open);
            commands
                .insert_resource(focus.map_or_else(InputFocus::default, InputFocus::from_entity));
        }
    }
}

fn focus_reply(mut focus: ResMut<InputFocus>, boxes: Query<Entity, With<ReplyBox>>) {
    if let Some(b) = boxes.iter().next() {
        focus.set(b, bevy::input_focus::FocusCause::Navigated);
    }
}

fn release_focus(mut focus: ResMut<InputFocus>) {
    focus.clear();
}
