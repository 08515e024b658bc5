//! Hooks for the tests and benchmarks, behind the `hooks` cargo feature: the window smoke
//! test's scripted tours (`JIEDAI_SHOTS=DIR`: the trainee's screens, or with `jiedai present`
//! the group session's), the frame benchmark (`JIEDAI_BENCH=1`), and, during a tour, the check
//! that every region marked [`Framed`](crate::app::screens::Framed) lies inside its window.

mod bench;
mod present;
mod shots;

use crate::app::screens::Framed;
use bevy::prelude::*;
use bevy::ui::{ComputedNode, ComputedUiRenderTargetInfo, UiGlobalTransform};
use std::collections::{BTreeSet, HashMap};

pub fn plugin(app: &mut App, presenting: bool) {
    if std::env::var_os("JIEDAI_SHOTS").is_some() {
        app.init_resource::<Outside>().add_systems(
            PostUpdate,
            find_outside.after(bevy::ui::UiSystems::PostLayout),
        );
        if presenting {
            present::plugin(app);
        } else {
            shots::plugin(app);
        }
    }
    bench::plugin(app);
}

/// Regions that reached outside their window for a while (a frame or two while a screen is
/// laid out for the first time does not count).
#[derive(Resource, Default)]
pub struct Outside {
    streak: HashMap<Entity, u32>,
    pub found: BTreeSet<String>,
}

/// Frames a region may lie outside its window before it counts: the layout of a new screen.
const SETTLE: u32 = 10;

fn find_outside(
    mut out: ResMut<Outside>,
    q: Query<
        (
            Entity,
            &Name,
            &ComputedNode,
            &UiGlobalTransform,
            &ComputedUiRenderTargetInfo,
            &InheritedVisibility,
        ),
        With<Framed>,
    >,
    screen: Res<State<crate::app::Screen>>,
) {
    let mut seen = Vec::new();
    for (e, name, node, at, target, visible) in &q {
        let window = target.physical_size().as_vec2();
        if window == Vec2::ZERO || !visible.get() {
            continue;
        }
        let half = node.size() / 2.0;
        let c = at.translation;
        let (min, max) = (c - half, c + half);
        // A pixel of rounding either way.
        let inside =
            min.x >= -1.0 && min.y >= -1.0 && max.x <= window.x + 1.0 && max.y <= window.y + 1.0;
        if inside {
            continue;
        }
        seen.push(e);
        let n = out.streak.entry(e).or_default();
        *n += 1;
        if *n == SETTLE {
            let msg = format!(
                "{:?}: {name} spans {:.0},{:.0}–{:.0},{:.0} in a {:.0}×{:.0} window",
                screen.get(),
                min.x,
                min.y,
                max.x,
                max.y,
                window.x,
                window.y
            );
            warn!("outside the window: {msg}");
            out.found.insert(msg);
        }
    }
    out.streak.retain(|e, _| seen.contains(e));
}
