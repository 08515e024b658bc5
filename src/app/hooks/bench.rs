//! `JIEDAI_BENCH=1`: measures time to an interactive main menu, then opens the reception screen
//! with a 100-turn transcript and measures the mean frame time over 300 frames. Prints one JSON
//! line, like the baseline `examples/bare_window.rs` (see `benches/app.sh`).

use crate::app::screens::Screen;
use crate::app::{Library, Redraw, UiFont, Visit};
use bevy::prelude::*;
use jiedai_core::engine::{Response, Session};
use std::sync::Arc;
use std::time::{Duration, Instant};

#[derive(Resource)]
struct Bench {
    start: Instant,
    ready: Option<Duration>,
    frames: u32,
    measured: Duration,
    /// Process CPU time when the measured frames began.
    cpu_start: Option<Duration>,
}

/// A visitor who keeps talking: one step that leads back to itself.
const LOOP: &str = r#"Scenario(
    id: "bench-loop", title: (zh: "测量用", en: "For measurement"), briefing: "b",
    visitor_type: FirstVisit, difficulty: Beginner, minutes: 1,
    visitors: [Visitor(id: "v", name: (zh: "来访人", en: "Visitor"))],
    initial: (agitation: 50, trust: 40), start: "talk", max_turns: Some(500),
    steps: [
        Step(id: "talk", lines: [Line(id: "talk.l1", text: (zh: "我还有一件事要说，这件事也拖了很久了。", en: "There is one more thing, and it has dragged on too."))],
            turn: Choose(options: [
                Reply(id: "talk.a", text: (zh: "您慢慢说，我听着。", en: "Take your time, I'm listening."), tags: ["listening"], feedback: (text: "ok"), next: "talk"),
                Reply(id: "talk.b", text: (zh: "这事我理解，我们一起看看。", en: "I understand; let's look at it together."), tags: ["empathy"], feedback: (text: "ok"), next: "talk"),
                Reply(id: "talk.c", text: (zh: "好，结束吧。", en: "Fine, let's stop."), feedback: (text: "ok"), next: "end"),
            ])),
        Step(id: "end", turn: End(outcome: Resolved, debrief: "d")),
    ],
)"#;

pub fn plugin(app: &mut App) {
    if std::env::var_os("JIEDAI_BENCH").is_none() {
        return;
    }
    app.insert_resource(Bench {
        start: *crate::STARTED.get_or_init(Instant::now),
        ready: None,
        frames: 0,
        measured: Duration::ZERO,
        cpu_start: None,
    })
    .add_systems(Last, measure);
}

fn measure(
    mut bench: ResMut<Bench>,
    assets: Res<AssetServer>,
    font: Res<UiFont>,
    redraw: Res<Redraw>,
    state: Res<State<Screen>>,
    lib: Res<Library>,
    mut visit: ResMut<Visit>,
    mut next: ResMut<NextState<Screen>>,
    time: Res<Time>,
    mut exit: MessageWriter<AppExit>,
) {
    if bench.ready.is_none() {
        // Interactive: the menu is drawn and its font is loaded.
        if *state.get() == Screen::Title && !redraw.0 && assets.is_loaded(&font.0) {
            bench.ready = Some(bench.start.elapsed());
            let scenario: jiedai_core::model::Scenario =
                jiedai_core::load::parse(std::path::Path::new("bench.ron"), LOOP)
                    .expect("the bench scenario is valid");
            let mut s = Session::new(Arc::new(scenario), lib.rubric.clone(), 1)
                .expect("the bench scenario starts");
            for i in 0..100 {
                let _ = s.respond(Response::Choice(i % 2));
            }
            *visit = Visit {
                session: Some(s),
                revealed: 1e6,
                ..Visit::default()
            };
            next.set(Screen::Reception);
        }
        return;
    }
    bench.frames += 1;
    if bench.frames == 60 {
        bench.cpu_start = jiedai_core::measure::process_cpu();
    }
    if bench.frames > 60 {
        bench.measured += time.delta();
    }
    if bench.frames == 360 {
        let ready = bench.ready.unwrap_or_default().as_secs_f64() * 1000.0;
        let frame = bench.measured.as_secs_f64() * 1000.0 / 300.0;
        let cpu = match (bench.cpu_start, jiedai_core::measure::process_cpu()) {
            (Some(a), Some(b)) => (b.saturating_sub(a)).as_secs_f64() * 1000.0 / 300.0,
            _ => f64::NAN,
        };
        println!(
            "{{\"app\": \"jiedai\", \"ready_ms\": {ready:.1}, \"frame_ms\": {frame:.2}, \"cpu_ms\": {cpu:.2}}}"
        );
        exit.write(AppExit::Success);
    }
}
