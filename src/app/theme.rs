//! Colours, sizes and the widget builders every screen uses. Sizes scale with `UiScale`.

use super::{Action, UiFont};
use bevy::prelude::*;

pub mod palette {
    use bevy::prelude::Color;
    pub const BG: Color = Color::srgb(0.95, 0.94, 0.91);
    pub const PANEL: Color = Color::srgb(1.0, 1.0, 0.98);
    pub const INK: Color = Color::srgb(0.13, 0.15, 0.18);
    pub const MUTED: Color = Color::srgb(0.42, 0.44, 0.47);
    pub const ACCENT: Color = Color::srgb(0.64, 0.11, 0.13);
    pub const BUTTON: Color = Color::srgb(0.88, 0.86, 0.82);
    pub const BUTTON_HOVER: Color = Color::srgb(0.80, 0.78, 0.73);
    pub const BUTTON_PRESSED: Color = Color::srgb(0.70, 0.67, 0.62);
    pub const SELECTED: Color = Color::srgb(0.99, 0.93, 0.80);
    pub const GOOD: Color = Color::srgb(0.18, 0.49, 0.20);
    pub const BAD: Color = Color::srgb(0.72, 0.11, 0.11);
    pub const TRUST: Color = Color::srgb(0.08, 0.40, 0.75);
    pub const AGITATION: Color = Color::srgb(0.85, 0.33, 0.10);
    pub const BORDER: Color = Color::srgb(0.78, 0.75, 0.70);
    pub const SKIN: Color = Color::srgb(0.93, 0.80, 0.66);
}

pub const TITLE: f32 = 40.0;
pub const HEADING: f32 = 26.0;
pub const BODY: f32 = 19.0;
pub const SMALL: f32 = 15.0;
/// Feedback and trainer's notes in classroom mode, read from the back of a room.
pub const CLASSROOM: f32 = 22.0;

/// Text in the bundled CJK font.
pub fn text(font: &UiFont, s: impl Into<String>, size: f32, color: Color) -> impl Bundle {
    (
        Text::new(s),
        TextFont {
            font: font.0.clone().into(),
            font_size: size.into(),
            ..default()
        },
        TextColor(color),
    )
}

/// A clickable button that sends `action`.
pub fn button(font: &UiFont, label: impl Into<String>, action: Action) -> impl Bundle {
    button_sized(font, label, action, Val::Auto)
}

/// A button of a given width. Buttons and panels are flat fills without a border: a border is
/// drawn as a second quad over the whole node, which doubles its cost on a software renderer.
pub fn button_sized(
    font: &UiFont,
    label: impl Into<String>,
    action: Action,
    width: Val,
) -> impl Bundle {
    (
        Button,
        Node {
            width,
            padding: UiRect::axes(px(18), px(10)),
            border_radius: BorderRadius::all(px(6)),
            justify_content: JustifyContent::Center,
            align_items: AlignItems::Center,
            ..default()
        },
        BackgroundColor(palette::BUTTON),
        action,
        children![text(font, label, BODY, palette::INK)],
    )
}

/// A full-window screen root that lays out a column. It has no background of its own: the
/// clear colour is the page, which spares a full-screen fill every frame.
pub fn screen_root(name: &'static str) -> impl Bundle {
    (
        Name::new(name),
        Node {
            width: percent(100),
            height: percent(100),
            flex_direction: FlexDirection::Column,
            padding: UiRect::all(px(24)),
            row_gap: px(12),
            ..default()
        },
    )
}

/// A row of items centred on one line, `gap` pixels apart (top bars, settings rows).
pub fn row(gap: f32) -> Node {
    Node {
        column_gap: px(gap),
        align_items: AlignItems::Center,
        ..default()
    }
}

/// A panel: a column of items on a light fill.
pub fn panel() -> impl Bundle {
    panel_with(Node::default())
}

/// A text box that takes the system input method (a reply, a name), holding `value`.
pub fn text_box(font: &UiFont, value: &str, min_height: f32) -> impl Bundle {
    (
        bevy::text::EditableText::new(value),
        Node {
            flex_grow: 1.0,
            min_height: px(min_height),
            padding: UiRect::all(px(10)),
            border: UiRect::all(px(2)),
            border_radius: BorderRadius::all(px(6)),
            ..default()
        },
        TextFont {
            font: font.0.clone().into(),
            font_size: BODY.into(),
            ..default()
        },
        TextColor(palette::INK),
        BackgroundColor(palette::PANEL),
        BorderColor::all(palette::ACCENT),
    )
}

/// A panel laid out with `node`'s size and placement; the panel's own column, padding, gaps
/// and corners replace those of `node`.
pub fn panel_with(node: Node) -> impl Bundle {
    (
        Node {
            flex_direction: FlexDirection::Column,
            padding: UiRect::all(px(16)),
            row_gap: px(8),
            border_radius: BorderRadius::all(px(8)),
            ..node
        },
        BackgroundColor(palette::PANEL),
    )
}

/// A reply option: a full-width button with its text at the left.
pub fn option_button(font: &UiFont, label: impl Into<String>, action: Action) -> impl Bundle {
    (
        Button,
        Node {
            padding: UiRect::axes(px(14), px(10)),
            border_radius: BorderRadius::all(px(6)),
            ..default()
        },
        BackgroundColor(palette::BUTTON),
        action,
        children![text(font, label, BODY, palette::INK)],
    )
}

/// A one-pixel vertical line between columns.
pub fn vertical_rule() -> impl Bundle {
    (
        Node {
            width: px(1),
            ..default()
        },
        BackgroundColor(palette::BORDER),
    )
}

/// A horizontal bar: `value` of 100 in `color`.
pub fn bar(value: f32, width: f32, color: Color) -> impl Bundle {
    (
        Node {
            width: px(width),
            height: px(12),
            border_radius: BorderRadius::all(px(6)),
            ..default()
        },
        BackgroundColor(palette::BUTTON),
        children![(
            Node {
                width: percent(value.clamp(0.0, 100.0)),
                height: percent(100),
                border_radius: BorderRadius::all(px(6)),
                ..default()
            },
            BackgroundColor(color),
        )],
    )
}

/// Hover and press feedback on every button.
/// A clickable node that keeps its own background (a transcript turn, a history row).
#[derive(Component)]
pub struct Unshaded;

pub fn shade_buttons(
    mut q: Query<
        (&Interaction, &mut BackgroundColor),
        (
            Changed<Interaction>,
            With<Button>,
            Without<Selected>,
            Without<Unshaded>,
        ),
    >,
) {
    for (i, mut bg) in &mut q {
        bg.0 = match i {
            Interaction::Pressed => palette::BUTTON_PRESSED,
            Interaction::Hovered => palette::BUTTON_HOVER,
            Interaction::None => palette::BUTTON,
        };
    }
}

/// Marks the highlighted card or row; its colour is not changed by hover.
#[derive(Component)]
pub struct Selected;

/// Green for a reply that earned points, red for one that lost them, `neutral` otherwise.
pub fn score_colour(net: f32, neutral: Color) -> Color {
    if net > 0.0 {
        palette::GOOD
    } else if net < 0.0 {
        palette::BAD
    } else {
        neutral
    }
}
