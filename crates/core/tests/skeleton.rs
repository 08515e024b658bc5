//! `jiedai new` skeletons check clean, for every visitor type.

use jiedai_core::check::check_paths;
use jiedai_core::rubric::Rubric;
use jiedai_core::skeleton;

#[test]
fn every_skeleton_checks_clean_and_plays_to_an_ending() {
    let dir = tempfile::tempdir().unwrap();
    let rubric = Rubric::builtin();
    for (name, t) in skeleton::TYPES {
        let id = format!("new-{name}");
        let path = dir.path().join(format!("{id}.ron"));
        std::fs::write(&path, skeleton::scenario(&id, *t)).unwrap();
        let report = check_paths(std::slice::from_ref(&path), &rubric);
        let found: Vec<String> = report
            .diagnostics
            .iter()
            .map(|d| d.render_plain(jiedai_core::Lang::En))
            .collect();
        assert!(found.is_empty(), "{name}: {found:?}");
        let s = &report.playable()[0].value;
        assert_eq!(s.visitor_type, *t);
        assert_eq!(s.id, id);
    }
}
