//! The projected screen's look: high contrast (light type on near-black, as a projector in a lit
//! room shows best) and type sized from the window's height, so that the back row reads the
//! same at 1280×720 as at 1920×1080. The trainer's +/− scale it further.

use bevy::prelude::*;

pub const BG: Color = Color::srgb(0.07, 0.08, 0.09);
pub const PANEL: Color = Color::srgb(0.14, 0.15, 0.17);
pub const INK: Color = Color::srgb(0.97, 0.97, 0.95);
pub const MUTED: Color = Color::srgb(0.72, 0.74, 0.77);
pub const ACCENT: Color = Color::srgb(1.0, 0.82, 0.30);
pub const GOOD: Color = Color::srgb(0.45, 0.88, 0.50);
pub const BAD: Color = Color::srgb(1.0, 0.50, 0.45);
pub const AGITATION: Color = Color::srgb(1.0, 0.58, 0.30);
pub const TRUST: Color = Color::srgb(0.45, 0.72, 1.0);
pub const TRACK: Color = Color::srgb(0.28, 0.29, 0.32);

/// Type sizes for one window: `k` is the window's height over 720, times the trainer's zoom.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Sizes {
    pub k: f32,
}

impl Sizes {
    pub fn for_height(height: f32, zoom: f32) -> Sizes {
        Sizes {
            k: (height / 720.0).max(0.5) * zoom,
        }
    }
    /// The visitor's line: the room reads it first.
    pub fn line(&self) -> f32 {
        34.0 * self.k
    }
    pub fn heading(&self) -> f32 {
        30.0 * self.k
    }
    /// Options, replies and reveals.
    pub fn body(&self) -> f32 {
        26.0 * self.k
    }
    /// The least the back row is asked to read: the key line and labels.
    pub fn small(&self) -> f32 {
        20.0 * self.k
    }
    pub fn gap(&self) -> f32 {
        14.0 * self.k
    }
}

/// A projected screen's root: the whole window in a column, margins and gaps that grow with the
/// type, on the dark ground.
pub fn root(z: Sizes) -> (Node, BackgroundColor) {
    (
        Node {
            width: percent(100),
            height: percent(100),
            flex_direction: FlexDirection::Column,
            padding: UiRect::axes(px(40.0 * z.k), px(24.0 * z.k)),
            row_gap: px(z.gap()),
            ..default()
        },
        BackgroundColor(BG),
    )
}

/// The trainer's window's root: drawn by that window's camera, in a column on the panel colour,
/// scrolling when the notes run long.
pub fn trainer_root(camera: Entity) -> (UiTargetCamera, Node, BackgroundColor) {
    (
        UiTargetCamera(camera),
        Node {
            width: percent(100),
            height: percent(100),
            flex_direction: FlexDirection::Column,
            padding: UiRect::all(px(20)),
            row_gap: px(10),
            overflow: Overflow::scroll_y(),
            ..default()
        },
        BackgroundColor(PANEL),
    )
}
