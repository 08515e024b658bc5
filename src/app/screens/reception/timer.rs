//! The visit's clock and the visitor's line appearing, both updated in place each frame while
//! no menu is open.

use super::{Clock, LineText};
use crate::app::Visit;
use crate::app::settings::Settings;
use bevy::prelude::*;

pub(super) fn tick(
    time: Res<Time>,
    mut visit: ResMut<Visit>,
    s: Res<Settings>,
    mut clock: Query<&mut Text, With<Clock>>,
) {
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

pub(super) fn reveal_line(visit: Res<Visit>, mut q: Query<(&mut Text, &LineText)>) {
    for (mut text, full) in &mut q {
        let n = visit.revealed as usize;
        // Counting characters only while the line is still appearing.
        if text.0.len() == full.0.len() {
            continue;
        }
        let shown: String = full.0.chars().take(n).collect();
        if text.0 != shown {
            text.0 = shown;
        }
    }
}
