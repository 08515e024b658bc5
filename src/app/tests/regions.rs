//! The reception is laid out once and updated in place: regions keep their nodes, a turn adds
//! one transcript entry, a hint touches only the feedback.

use super::*;
use crate::app::screens::reception::Region;

fn regions(app: &mut App) -> Vec<(Region, Entity)> {
    let w = app.world_mut();
    let mut q = w.query::<(Entity, &Region)>();
    let mut v: Vec<_> = q.iter(w).map(|(e, r)| (*r, e)).collect();
    v.sort_by_key(|(r, _)| *r as u8);
    v
}

fn children(app: &App, e: Entity) -> Vec<Entity> {
    app.world()
        .get::<Children>(e)
        .map(|c| c.iter().collect())
        .unwrap_or_default()
}

fn region(app: &mut App, r: Region) -> Entity {
    regions(app).into_iter().find(|(x, _)| *x == r).unwrap().1
}

/// What region `r` holds now.
fn inside(app: &mut App, r: Region) -> Vec<Entity> {
    let e = region(app, r);
    children(app, e)
}

/// The transcript's entries (the list is the region's second child).
fn entries(app: &mut App) -> Vec<Entity> {
    let t = region(app, Region::Transcript);
    let list = children(app, t)[1];
    children(app, list)
}

/// Answers the step at hand: the first option, or a typed reply.
fn take_turn(app: &mut App) {
    let free = app
        .world()
        .resource::<Visit>()
        .session
        .as_ref()
        .and_then(|s| s.view())
        .is_some_and(|v| matches!(v.step.turn, Turn::Free { .. }));
    if free {
        act(app, Action::SubmitText("您先别急，慢慢说，我听着。".into()));
    } else {
        act(app, Action::Choose(0));
    }
}

#[test]
fn the_reception_is_laid_out_once_and_a_turn_fills_only_what_changed() {
    let mut app = app(Lang::Zh);
    act(&mut app, Action::Go(Screen::Library));
    let lib = app.world().resource::<Library>();
    let k = app
        .world()
        .resource::<crate::app::Browse>()
        .visible(lib)
        .iter()
        .position(|&i| lib.scenarios[i].id == "agitated-unpaid-wages")
        .unwrap();
    act(&mut app, Action::Open(k));
    act(&mut app, Action::Begin);
    assert_eq!(screen(&app), Screen::Reception);
    let laid_out = regions(&mut app);
    assert_eq!(laid_out.len(), Region::ALL.len(), "every region is there");
    assert!(entries(&mut app).is_empty());
    // A hint changes the feedback, and nothing else is spawned again.
    let visitor = inside(&mut app, Region::Visitor);
    let answer = inside(&mut app, Region::Answer);
    act(&mut app, Action::Hint);
    assert_eq!(inside(&mut app, Region::Visitor), visitor);
    assert_eq!(inside(&mut app, Region::Answer), answer);
    assert!(!inside(&mut app, Region::Feedback).is_empty());
    // A turn: the same regions, one transcript entry.
    act(&mut app, Action::Choose(0));
    assert_eq!(
        regions(&mut app),
        laid_out,
        "the layout is not spawned again"
    );
    let first = entries(&mut app);
    assert_eq!(first.len(), 1);
    assert_ne!(inside(&mut app, Region::Answer), answer);
    // Another turn adds an entry and keeps the first.
    take_turn(&mut app);
    let second = entries(&mut app);
    assert_eq!(second.len(), 2);
    assert_eq!(second[0], first[0], "the first entry stays as it was");
    // The pause is an overlay: nothing underneath changes.
    press(&mut app, KeyCode::Escape, "");
    assert_eq!(menu(&app), Menu::Paused);
    assert_eq!(regions(&mut app), laid_out);
    assert_eq!(entries(&mut app), second);
    press(&mut app, KeyCode::Escape, "");
    // Going back trims the transcript to the turns before.
    act(&mut app, Action::Back(2));
    assert_eq!(entries(&mut app), vec![first[0]]);
    // A language change fills every region again in the other language.
    act(&mut app, Action::ToggleLang);
    assert_eq!(regions(&mut app), laid_out);
    assert!(texts(&mut app).contains("Transcript"));
}
