//! A group session run on shipped scenarios: the room's flow, its hands, what-ifs that leave
//! the room's line untouched, typed steps, the summary and its hand-out rendered in Chromium.

mod common;

use common::*;
use jiedai_core::Lang;
use jiedai_core::engine::Session;
use jiedai_core::model::{Scenario, Turn};
use jiedai_core::room::{self, Phase, Room, RoomError, Timer};
use std::sync::Arc;

fn shipped(id: &str) -> Arc<Scenario> {
    let path = root().join(format!("scenarios/{id}.ron"));
    let text = std::fs::read_to_string(&path).unwrap();
    Arc::new(jiedai_core::load::parse(&path, &text).unwrap())
}

fn room(id: &str, seed: u64) -> Room {
    let s = Session::new(shipped(id), Arc::new(rubric()), seed).unwrap();
    Room::new(s, 90)
}

fn typed_step(r: &Room) -> bool {
    r.session()
        .view()
        .is_some_and(|v| matches!(v.step.turn, Turn::Free { .. }))
}

/// Next until the options (or the reply box) of the next step are shown.
fn to_options(r: &mut Room) {
    while r.phase() != Phase::Options {
        assert_ne!(r.phase(), Phase::Over);
        r.advance().unwrap();
    }
}

#[test]
fn the_room_goes_briefing_line_options_reveal_with_its_hands() {
    let mut r = room("first-visit-insurance-transfer", 7);
    assert_eq!(r.phase(), Phase::Briefing);
    assert_eq!(r.advance().unwrap(), Phase::Line);
    assert!(!r.timer.running, "no timer before the options");
    assert_eq!(r.advance().unwrap(), Phase::Options);
    assert!(r.timer.running);
    let n = r.votes().len();
    assert!(n >= 3, "{n} options");
    // No hands, or a tie: the clicker cannot decide for the room.
    assert_eq!(r.advance(), Err(RoomError::NoMajority));
    r.vote(1, 1).unwrap();
    r.vote(2, 1).unwrap();
    assert_eq!(r.advance(), Err(RoomError::NoMajority));
    r.vote(1, 2).unwrap();
    r.vote(2, -5).unwrap();
    assert_eq!(r.votes()[1], 3);
    assert_eq!(r.votes()[2], 0, "never below zero");
    assert_eq!(r.vote(n, 1), Err(RoomError::NoSuchOption(n)));
    let shown = r.session().view().unwrap().order;
    assert_eq!(r.advance().unwrap(), Phase::Reveal);
    assert!(!r.timer.running, "the timer stops at the reveal");
    let rec = r.session().transcript().last().unwrap();
    assert_eq!(
        rec.response,
        jiedai_core::engine::Response::Choice(shown[1])
    );
    assert_eq!(r.turns().len(), 1);
    assert_eq!(r.turns()[0].votes[1], 3);
    // Votes are not taken at a reveal.
    assert!(matches!(r.vote(0, 1), Err(RoomError::NotNow(_))));
    assert_eq!(r.advance().unwrap(), Phase::Line);
}

#[test]
fn back_takes_a_reply_back_with_the_rooms_hands() {
    let mut r = room("first-visit-insurance-transfer", 3);
    to_options(&mut r);
    r.vote(0, 4).unwrap();
    let before = r.session().snapshot();
    r.advance().unwrap();
    assert_eq!(r.phase(), Phase::Reveal);
    assert_eq!(r.back().unwrap(), Phase::Options);
    assert_eq!(r.votes()[0], 4, "the hands are kept");
    assert!(r.turns().is_empty());
    assert!(r.session().transcript().is_empty());
    assert_eq!(r.session().state().state, before.state);
    assert_eq!(r.back().unwrap(), Phase::Line);
    assert_eq!(r.back().unwrap(), Phase::Briefing);
    assert_eq!(r.back().unwrap(), Phase::Briefing);
}

#[test]
fn a_what_if_is_played_aside_and_the_room_returns_exactly_where_it_was() {
    let mut r = room("agitated-unpaid-wages", 11);
    to_options(&mut r);
    r.vote(0, 5).unwrap();
    r.pick(0).unwrap();
    let room_line = r.session().snapshot();
    let room_choice = r.session().transcript()[0].choice_id.clone();
    // What if the room had said B?
    r.try_other(1).unwrap();
    let (turn, option) = r.what_if().map(|(t, o)| (t, o.to_owned())).unwrap();
    assert_eq!(turn, 1);
    assert_ne!(option, room_choice);
    assert_eq!(r.session().transcript().len(), 1);
    assert_eq!(r.session().transcript()[0].choice_id, option);
    assert_eq!(r.phase(), Phase::Reveal);
    assert!(matches!(r.try_other(2), Err(RoomError::NotNow(_))));
    // The what-if goes on as far as the trainer likes.
    let mut went = 0;
    while went < 2 && r.phase() != Phase::Over {
        r.advance().unwrap();
        if r.phase() == Phase::Options {
            if typed_step(&r) {
                r.propose("您别着急，慢慢说，我听着。").unwrap();
            } else {
                r.pick(0).unwrap();
            }
            went += 1;
        }
    }
    assert_eq!(r.summary().steps.len(), 1, "the summary is the room's line");
    r.return_to_room().unwrap();
    assert!(r.what_if().is_none());
    assert_eq!(
        r.session().snapshot(),
        room_line,
        "the room's line, exactly"
    );
    assert_eq!(r.phase(), Phase::Reveal);
    assert_eq!(r.turns()[0].votes[0], 5);
    assert_eq!(r.turns()[0].what_ifs, vec![option]);
    assert!(matches!(r.return_to_room(), Err(RoomError::NotNow(_))));
}

#[test]
fn a_what_if_before_the_room_answers_keeps_its_hands_and_back_returns() {
    let mut r = room("agitated-unpaid-wages", 5);
    to_options(&mut r);
    r.vote(2, 2).unwrap();
    let before = r.session().snapshot();
    r.try_other(0).unwrap();
    assert_eq!(r.phase(), Phase::Reveal);
    // Back past the start of the what-if returns to the room's options.
    assert_eq!(r.back().unwrap(), Phase::Options);
    assert!(r.what_if().is_none());
    assert_eq!(r.session().snapshot(), before);
    assert_eq!(r.votes()[2], 2);
    // The room now answers; the what-if tried first is on its record.
    r.advance().unwrap();
    let tried = r.turns()[0].what_ifs.clone();
    assert_eq!(tried.len(), 1);
    assert_eq!(
        r.summary().steps[0].what_ifs,
        tried,
        "the summary names what was tried"
    );
}

#[test]
fn a_typed_step_takes_the_rooms_reply_and_shows_its_findings() {
    let mut r = room("tutorial", 1);
    let mut guard = 0;
    loop {
        to_options(&mut r);
        if typed_step(&r) {
            break;
        }
        r.pick(0).unwrap();
        guard += 1;
        assert!(guard < 20, "the tutorial has a typed step");
    }
    assert_eq!(r.advance(), Err(RoomError::NeedsText));
    assert!(matches!(r.vote(0, 1), Err(RoomError::NeedsText)));
    assert!(matches!(r.pick(0), Err(RoomError::NeedsText)));
    assert!(matches!(r.try_other(0), Err(RoomError::NeedsChoice)));
    assert!(r.propose("   ").is_err());
    r.propose("您别着急，这个由区住房保障部门办，我先帮您登记。")
        .unwrap();
    assert_eq!(r.phase(), Phase::Reveal);
    let rec = r.session().transcript().last().unwrap();
    assert!(!rec.findings.is_empty(), "the analyser read the reply");
    let s = r.summary();
    assert!(s.steps.last().unwrap().typed.is_some());
}

#[test]
fn the_timer_counts_down_pauses_and_overruns() {
    let mut t = Timer::new(90);
    assert_eq!(t.label(), "1:30");
    t.restart();
    t.tick(30.0);
    assert_eq!(t.label(), "1:00");
    t.toggle();
    t.tick(30.0);
    assert_eq!(t.label(), "1:00", "paused");
    t.toggle();
    t.tick(72.0);
    assert!(t.is_up());
    assert_eq!(t.label(), "−0:12");
    t.adjust(30);
    assert_eq!(t.set, 120);
    let mut off = Timer::new(0);
    off.restart();
    assert!(!off.running && !off.is_up());
}

/// Plays a whole session: most of the room's hands on one option, some on the next and one on
/// the last; a what-if at the first choice step.
fn played(id: &str) -> Room {
    let mut r = room(id, 21);
    for step in 0..40 {
        if r.phase() == Phase::Reveal && r.session().is_over() {
            assert_eq!(r.advance().unwrap(), Phase::Over);
            return r;
        }
        to_options(&mut r);
        if typed_step(&r) {
            r.propose("您先别急，慢慢说，我都记下来，按规定三天内给您答复。")
                .unwrap();
            continue;
        }
        let n = r.votes().len();
        r.vote(step % n, 6).unwrap();
        r.vote((step + 1) % n, 2).unwrap();
        r.vote(n - 1, 1).unwrap();
        r.advance().unwrap();
        if r.turns().len() == 1 {
            r.try_other((step + 1) % n).unwrap();
            r.return_to_room().unwrap();
        }
    }
    panic!("the session did not end");
}

#[test]
fn the_summary_shows_the_rooms_path_its_hands_and_the_best_beside_it() {
    let r = played("agitated-unpaid-wages");
    assert_eq!(r.phase(), Phase::Over);
    let s = r.summary();
    assert_eq!(s.steps.len(), r.session().transcript().len());
    for (st, t) in s.steps.iter().zip(r.turns()) {
        if st.typed.is_some() {
            continue;
        }
        let hands: Vec<u32> = st.options.iter().map(|o| o.votes).collect();
        assert_eq!(hands, t.votes, "turn {}", st.turn);
        let chosen = st.chosen.unwrap();
        assert_eq!(
            st.options[chosen].id,
            r.session().transcript()[st.turn as usize - 1].choice_id
        );
        let best = st.best.unwrap();
        assert!(
            st.options[best].points >= st.options[chosen].points - 0.05
                || !st.options[chosen].anti_patterns.is_empty()
        );
        assert!(st.best_points >= st.points - 0.05);
    }
    let tried: Vec<usize> = s.steps.iter().map(|st| st.what_ifs.len()).collect();
    assert_eq!(tried.iter().sum::<usize>(), 1, "one what-if: {tried:?}");
    assert!(!s.best_path.is_empty());
    assert!(s.best_taken() <= s.steps.len());
    for id in s.well.iter().chain(&s.poorly) {
        assert!(s.debrief.techniques.iter().any(|t| &t.id == id));
    }
    let h = room::html(&s, Lang::Zh);
    assert!(h.contains(r#"data-chart="votes-1""#));
    assert!(h.contains(r#"data-chart="techniques""#));
    assert!(!h.contains("<script"), "self-contained, no scripts");
    let en = room::html(&s, Lang::En);
    assert!(en.contains("The room&#39;s path"));
}

#[test]
fn the_summary_hand_out_renders_its_figures_in_chromium() {
    let Some(chrome) = browser::chromium() else {
        return;
    };
    let r = played("agitated-unpaid-wages");
    let s = r.summary();
    let html = room::html(&s, Lang::Zh);
    let m = browser::measure(&chrome, "room-summary", &html);
    let charts = m["charts"].as_array().unwrap();
    let choice_steps = s.steps.iter().filter(|st| !st.options.is_empty()).count();
    let votes: Vec<_> = charts
        .iter()
        .filter(|c| c["chart"].as_str().unwrap().starts_with("votes-"))
        .collect();
    assert_eq!(
        votes.len(),
        choice_steps,
        "a chart of hands per choice step"
    );
    for c in &votes {
        assert!(c["w"].as_f64().unwrap() > 300.0, "laid out: {c}");
        let marks = c["marks"].as_array().unwrap();
        let total: f64 = marks.iter().map(|m| m["v"].as_f64().unwrap()).sum();
        assert!(total > 0.0);
        for mk in marks {
            assert!(mk["inside"].as_bool().unwrap(), "inside its chart: {mk}");
            // A bar's length is its share of the room's hands on a 420-pixel scale.
            let want = 420.0 * mk["v"].as_f64().unwrap() / total;
            assert!((mk["w"].as_f64().unwrap() - want).abs() < 1.5, "bar {mk}");
        }
    }
    let tech = charts
        .iter()
        .find(|c| c["chart"] == "techniques")
        .expect("the technique chart");
    for mk in tech["marks"].as_array().unwrap() {
        let want = 4.2 * mk["v"].as_f64().unwrap();
        assert!((mk["w"].as_f64().unwrap() - want).abs() < 1.5, "bar {mk}");
    }
    let text = m["text"].as_str().unwrap();
    for needle in ["课堂演练小结", "全班的路径", "做得好", "需改进", "参考路径"]
    {
        assert!(text.contains(needle), "{needle} is shown");
    }
    assert!(text.contains(s.title.get(Lang::Zh)));
    browser::screenshot(&chrome, "room-summary", &html);
}

#[test]
fn the_hand_out_is_written_beside_others_never_over_them() {
    let r = played("tutorial");
    let s = r.summary();
    let dir = tempfile::tempdir().unwrap();
    let at = 1_790_000_000_000;
    let a = room::write_html(dir.path(), &s, Lang::Zh, at).unwrap();
    let b = room::write_html(dir.path(), &s, Lang::En, at).unwrap();
    assert_ne!(a, b, "a second export in the same minute gets its own name");
    assert!(
        std::fs::read_to_string(&a)
            .unwrap()
            .contains("课堂演练小结")
    );
    assert!(
        std::fs::read_to_string(&b)
            .unwrap()
            .contains("Group session summary")
    );
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(names.len(), 2, "no temporary file is left");
    // A folder that cannot be made is an error, not a panic.
    let file = dir.path().join("plain-file");
    std::fs::write(&file, "x").unwrap();
    assert!(room::write_html(&file.join("sub"), &s, Lang::Zh, at).is_err());
}
