//! The visitor's presence, drawn from UI shapes: the face reddens, the brows drop and the mouth
//! turns down as agitation rises; a collective visit shows the crowd, each member by their mood.

use crate::app::theme::palette;
use bevy::prelude::*;

fn mix(a: Color, b: Color, t: f32) -> Color {
    let (a, b) = (a.to_srgba(), b.to_srgba());
    let t = t.clamp(0.0, 1.0);
    Color::srgb(
        a.red + (b.red - a.red) * t,
        a.green + (b.green - a.green) * t,
        a.blue + (b.blue - a.blue) * t,
    )
}

/// One figure of `size` pixels' height for an agitation of 0–100.
pub fn figure(agitation: i32, size: f32) -> impl Bundle {
    let a = agitation as f32 / 100.0;
    let face = mix(
        palette::SKIN,
        Color::srgb(0.93, 0.45, 0.38),
        (a - 0.3) / 0.7,
    );
    let head = size * 0.42;
    let brow_drop = size * 0.02 * a * 4.0;
    let mouth_w = head * 0.42;
    let (mouth_border, radius) = if agitation >= 70 {
        (
            UiRect::top(px(size * 0.025)),
            BorderRadius::top(px(mouth_w)),
        )
    } else if agitation >= 40 {
        (UiRect::top(px(size * 0.022)), BorderRadius::ZERO)
    } else {
        (
            UiRect::bottom(px(size * 0.025)),
            BorderRadius::bottom(px(mouth_w)),
        )
    };
    let brow = move || {
        (
            Node {
                width: px(head * 0.22),
                height: px(size * (0.015 + 0.015 * a)),
                ..default()
            },
            BackgroundColor(palette::INK),
        )
    };
    let eye = move || {
        (
            Node {
                width: px(head * 0.1),
                height: px(head * 0.1),
                border_radius: BorderRadius::MAX,
                ..default()
            },
            BackgroundColor(palette::INK),
        )
    };
    (
        Node {
            flex_direction: FlexDirection::Column,
            align_items: AlignItems::Center,
            width: px(size * 0.7),
            ..default()
        },
        children![
            (
                Node {
                    width: px(head),
                    height: px(head),
                    border_radius: BorderRadius::MAX,
                    flex_direction: FlexDirection::Column,
                    align_items: AlignItems::Center,
                    padding: UiRect::top(px(head * 0.25 + brow_drop)),
                    row_gap: px(head * 0.05),
                    ..default()
                },
                BackgroundColor(face),
                children![
                    (
                        Node {
                            column_gap: px(head * 0.18),
                            ..default()
                        },
                        children![brow(), brow()]
                    ),
                    (
                        Node {
                            column_gap: px(head * 0.3),
                            ..default()
                        },
                        children![eye(), eye()]
                    ),
                    (
                        Node {
                            width: px(mouth_w),
                            height: px(head * 0.12),
                            margin: UiRect::top(px(head * 0.08)),
                            border: mouth_border,
                            border_radius: radius,
                            ..default()
                        },
                        BorderColor::all(palette::INK),
                    ),
                ],
            ),
            (
                Node {
                    width: px(size * 0.62),
                    height: px(size * 0.5),
                    margin: UiRect::top(px(size * 0.03)),
                    border_radius: BorderRadius::top(px(size * 0.2)),
                    ..default()
                },
                BackgroundColor(mix(
                    Color::srgb(0.35, 0.45, 0.55),
                    palette::BAD,
                    (a - 0.6) / 0.4
                )),
            ),
        ],
    )
}
