//! Who is training: the first screen, since several trainees share a training-room machine.
//! The last name is filled in (Enter keeps it); a number picks one of the names with visits on
//! this machine; a name is typed through the system input method like any reply.

use super::{Canvas, Flow, Screen, digit_pressed, needs_redraw, root};
use crate::app::locale::tr;
use crate::app::records::AppRecords;
use crate::app::settings::Settings;
use crate::app::theme::{self, palette};
use crate::app::{Action, ConfigDir, Redraw};
use bevy::input_focus::InputFocus;
use bevy::prelude::*;
use bevy::text::EditableText;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<NameNotice>().add_systems(
        Update,
        (
            keys.in_set(Flow::Input),
            handle.in_set(Flow::Handle),
            draw.in_set(Flow::Draw).run_if(needs_redraw),
        )
            .run_if(in_state(Screen::Trainee)),
    );
}

/// The name box.
#[derive(Component)]
pub struct NameBox;

/// A notice under the box (an empty name).
#[derive(Resource, Default)]
struct NameNotice(Option<&'static str>);

/// The names offered for a number key: the known ones, the current one first.
fn offered(r: &AppRecords) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    if !r.trainee.is_empty() {
        names.push(r.trainee.clone());
    }
    for n in &r.known {
        if !names.contains(n) {
            names.push(n.clone());
        }
    }
    names.truncate(9);
    names
}

fn keys(
    keys: Res<ButtonInput<KeyCode>>,
    boxes: Query<&EditableText, With<NameBox>>,
    r: Res<AppRecords>,
    mut out: MessageWriter<Action>,
) {
    let composing = boxes.iter().next().is_some_and(|b| b.is_composing());
    if keys.just_pressed(KeyCode::Enter)
        && !composing
        && let Some(b) = boxes.iter().next()
    {
        out.write(Action::SetTrainee(b.value().to_string()));
        return;
    }
    // A number picks a known name only while nothing is typed, so staff numbers can be typed.
    let empty = boxes
        .iter()
        .next()
        .is_none_or(|b| b.value().to_string().is_empty());
    if empty
        && let Some(d) = digit_pressed(&keys)
        && let Some(n) = offered(&r).get(d - 1)
    {
        out.write(Action::SetTrainee(n.clone()));
    }
    if keys.just_pressed(KeyCode::Escape) && !r.trainee.is_empty() {
        out.write(Action::Go(Screen::Title));
    }
}

fn handle(
    mut actions: MessageReader<Action>,
    mut r: ResMut<AppRecords>,
    mut settings: ResMut<Settings>,
    dir: Res<ConfigDir>,
    mut notice: ResMut<NameNotice>,
    mut redraw: ResMut<Redraw>,
    mut next: ResMut<NextState<Screen>>,
) {
    for a in actions.read() {
        let Action::SetTrainee(raw) = a else { continue };
        match jiedai_core::records::clean_name(raw) {
            Some(name) => {
                r.set_trainee(&name);
                notice.0 = None;
                if settings.trainee != name {
                    settings.trainee = name;
                    if let Some(d) = dir.0.as_deref()
                        && let Err(e) = crate::app::settings::save(d, &settings)
                    {
                        warn!("could not save settings to {}: {e}", d.display());
                    }
                }
                next.set(Screen::Title);
            }
            None => {
                notice.0 = Some("who.empty");
                redraw.0 = true;
            }
        }
    }
}

fn draw(mut canvas: Canvas, r: Res<AppRecords>, notice: Res<NameNotice>) {
    let (commands, f, s) = canvas.begin();
    let l = s.lang;
    let mut name_box = None;
    let start = if r.trainee.is_empty() {
        s.trainee.clone()
    } else {
        r.trainee.clone()
    };
    commands
        .spawn(root(Screen::Trainee, "Trainee"))
        .with_children(|root| {
            root.spawn(Node {
                flex_direction: FlexDirection::Column,
                align_items: AlignItems::Center,
                justify_content: JustifyContent::Center,
                flex_grow: 1.0,
                row_gap: px(14),
                ..default()
            })
            .with_children(|c| {
                c.spawn(theme::text(f, tr(l, "app.title"), 56.0, palette::ACCENT));
                c.spawn(theme::text(
                    f,
                    tr(l, "who.title"),
                    theme::HEADING,
                    palette::INK,
                ));
                c.spawn(theme::text(
                    f,
                    tr(l, "who.why"),
                    theme::SMALL,
                    palette::MUTED,
                ));
                c.spawn(Node {
                    column_gap: px(10),
                    width: px(520),
                    ..default()
                })
                .with_children(|row| {
                    name_box = Some(row.spawn((NameBox, theme::text_box(f, &start, 48.0))).id());
                });
                if let Some(n) = notice.0 {
                    c.spawn(theme::text(f, tr(l, n), theme::SMALL, palette::BAD));
                }
                let names = offered(&r);
                if !names.is_empty() {
                    c.spawn(theme::text(
                        f,
                        tr(l, "who.known"),
                        theme::SMALL,
                        palette::MUTED,
                    ));
                    c.spawn(Node {
                        column_gap: px(10),
                        row_gap: px(8),
                        flex_wrap: FlexWrap::Wrap,
                        justify_content: JustifyContent::Center,
                        max_width: px(900),
                        ..default()
                    })
                    .with_children(|row| {
                        for (i, n) in names.iter().enumerate() {
                            row.spawn(theme::button(
                                f,
                                format!("{}  {n}", i + 1),
                                Action::SetTrainee(n.clone()),
                            ));
                        }
                    });
                }
                if let Some(p) = &r.problem {
                    c.spawn(theme::text(f, p.clone(), theme::SMALL, palette::BAD));
                }
            });
            root.spawn(theme::text(
                f,
                tr(l, "who.hint"),
                theme::SMALL,
                palette::MUTED,
            ));
        });
    commands.insert_resource(name_box.map_or_else(InputFocus::default, InputFocus::from_entity));
}
