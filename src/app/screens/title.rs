//! The main menu.

use super::{Canvas, Flow, Screen, digit_pressed, needs_redraw, root};
use crate::app::locale::tr;
use crate::app::records::AppRecords;
use crate::app::theme::{self, palette};
use crate::app::{Action, Browse, Library, Notices};
use bevy::prelude::*;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        (
            keys.in_set(Flow::Input),
            start.in_set(Flow::Handle),
            draw.in_set(Flow::Draw).run_if(needs_redraw),
        )
            .run_if(in_state(Screen::Title)),
    );
}

/// The menu's entries; History appears once the trainee has visits.
fn menu(r: &AppRecords) -> Vec<(&'static str, Action)> {
    let has_history = r.count > 0;
    let mut m = vec![
        ("menu.start", Action::Start),
        ("menu.library", Action::Go(Screen::Library)),
        ("menu.present", Action::Present),
    ];
    if has_history {
        m.push(("menu.history", Action::Go(Screen::History)));
    }
    if r.is_open() {
        m.push(("menu.trainee", Action::Go(Screen::Trainee)));
    }
    m.push(("menu.settings", Action::Go(Screen::Settings)));
    m.push(("menu.quit", Action::Quit));
    m
}

fn keys(keys: Res<ButtonInput<KeyCode>>, r: Res<AppRecords>, mut out: MessageWriter<Action>) {
    let action = match digit_pressed(&keys) {
        Some(d) => menu(&r).get(d - 1).map(|(_, a)| a.clone()),
        _ if keys.just_pressed(KeyCode::Enter) => Some(Action::Start),
        _ if keys.just_pressed(KeyCode::Escape) => Some(Action::Quit),
        _ => None,
    };
    if let Some(a) = action {
        out.write(a);
    }
}

fn start(
    mut actions: MessageReader<Action>,
    lib: Res<Library>,
    mut browse: ResMut<Browse>,
    mut next: ResMut<NextState<Screen>>,
) {
    for a in actions.read() {
        if *a == Action::Start {
            let tutorial = lib
                .scenarios
                .iter()
                .position(|s| s.visitor_type == jiedai_core::model::VisitorType::Tutorial);
            match tutorial {
                Some(i) => {
                    browse.chosen = Some(i);
                    next.set(Screen::Briefing);
                }
                None => next.set(Screen::Library),
            }
        }
    }
}

fn draw(mut canvas: Canvas, notices: Res<Notices>, lib: Res<Library>, r: Res<AppRecords>) {
    let (commands, f, s) = canvas.begin();
    let l = s.lang;
    commands
        .spawn(root(Screen::Title, "Title"))
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
                c.spawn(theme::text(f, tr(l, "app.title"), 72.0, palette::ACCENT));
                c.spawn(theme::text(
                    f,
                    tr(l, "app.subtitle"),
                    theme::HEADING,
                    palette::INK,
                ));
                if !r.trainee.is_empty() {
                    c.spawn(theme::text(
                        f,
                        format!("{}：{}", tr(l, "menu.who"), r.trainee),
                        theme::BODY,
                        palette::MUTED,
                    ));
                }
                c.spawn(Node {
                    height: px(16),
                    ..default()
                });
                for (i, (key, action)) in menu(&r).into_iter().enumerate() {
                    c.spawn(theme::button_sized(
                        f,
                        format!("{}  {}", i + 1, tr(l, key)),
                        action,
                        px(320),
                    ));
                }
                let count = match l {
                    jiedai_core::Lang::Zh => format!(
                        "已载入 {} 个剧本（{}）",
                        lib.scenarios.len(),
                        lib.source.display()
                    ),
                    jiedai_core::Lang::En => format!(
                        "{} scenarios loaded from {}",
                        lib.scenarios.len(),
                        lib.source.display()
                    ),
                };
                c.spawn(theme::text(f, count, theme::SMALL, palette::MUTED));
                if !lib.broken.is_empty() {
                    c.spawn(theme::text(
                        f,
                        format!("{} {}", lib.broken.len(), tr(l, "menu.broken")),
                        theme::SMALL,
                        palette::BAD,
                    ));
                }
                for n in &notices.0 {
                    c.spawn(theme::text(f, n.clone(), theme::SMALL, palette::BAD));
                }
            });
            root.spawn(theme::text(
                f,
                tr(l, "menu.hint"),
                theme::SMALL,
                palette::MUTED,
            ));
            if let Some(m) = crate::paths::manual(l) {
                root.spawn(theme::text(
                    f,
                    format!("{}：{}", tr(l, "menu.manual"), m.display()),
                    theme::SMALL,
                    palette::MUTED,
                ));
            }
        });
}
