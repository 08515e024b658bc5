//! The shipped rubric is complete and consistent.

mod common;
use common::*;
use jiedai_core::Lang;
use jiedai_core::load::load_str;
use jiedai_core::rubric::Rubric;
use jiedai_core::validate::validate_rubric;
use std::path::Path;

#[test]
fn the_shipped_rubric_checks_clean() {
    let text = std::fs::read_to_string(root().join("assets/rubric.ron")).unwrap();
    let lr = load_str::<Rubric>(Path::new("assets/rubric.ron"), text, Lang::En).unwrap();
    let d = validate_rubric(&lr, Lang::En);
    assert!(d.is_empty(), "{d:#?}");
    let r = lr.value;
    for id in [
        "listening",
        "empathy",
        "deescalation",
        "explanation",
        "channels",
        "firmness",
        "respect",
    ] {
        assert!(r.technique(id).is_some(), "{id}");
    }
    for id in [
        "law_first",
        "threat",
        "interrupting",
        "cold",
        "buck_passing",
        "false_promise",
        "concession",
        "temper",
    ] {
        assert!(r.anti_pattern(id).is_some(), "{id}");
    }
    assert_eq!(Rubric::builtin().techniques.len(), r.techniques.len());
}

#[test]
fn a_broken_rubric_is_reported() {
    let text = std::fs::read_to_string(root().join("assets/rubric.ron")).unwrap();
    let broken = text.replacen(
        "against: [\"deescalation\", \"explanation\"]",
        "against: [\"deescalaton\"]",
        1,
    );
    let lr = load_str::<Rubric>(Path::new("rubric.ron"), broken, Lang::En).unwrap();
    let d = validate_rubric(&lr, Lang::En);
    assert!(
        d.iter()
            .any(|d| d.code == jiedai_core::diag::Code::E011 && d.message.contains("deescalaton")),
        "{d:#?}"
    );
}
