//! Property tests: no input makes loading, checking or analysing panic.

mod common;
use common::*;
use jiedai_core::analyse::{Analyser, Context};
use jiedai_core::load::load_str;
use jiedai_core::model::Scenario;
use jiedai_core::source::Locator;
use jiedai_core::validate::validate_scenario;
use proptest::prelude::*;
use std::path::Path;

fn minimal_text() -> String {
    std::fs::read_to_string(root().join("tests/fixtures/valid/minimal.ron")).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn arbitrary_text_never_panics(s in "\\PC{0,400}") {
        let _ = Locator::new(&s);
        if let Ok(ls) = load_str::<Scenario>(Path::new("x.ron"), s) {
            let _ = validate_scenario(&ls, &rubric());
        }
    }

    #[test]
    fn mutated_scenarios_never_panic(cut in 0usize..3000, insert in "[\\[\\](){},:\"a-z0-9 ]{0,8}") {
        let base = minimal_text();
        let mut at = cut.min(base.len());
        while !base.is_char_boundary(at) { at -= 1; }
        let text = format!("{}{}{}", &base[..at], insert, &base[at..]);
        let loc = Locator::new(&text);
        if let Ok(ls) = load_str::<Scenario>(Path::new("x.ron"), text) {
            for d in validate_scenario(&ls, &rubric()) {
                prop_assert!(d.pos.line >= 1 && d.pos.line <= loc.line_text(d.pos.line).len() + 10_000);
            }
        }
    }

    #[test]
    fn analyser_never_panics(s in "\\PC{0,300}", ctx in "\\PC{0,100}") {
        let a = Analyser::new(&rubric()).analyse(&s, &Context { visitor_line: Some(&ctx), ..Context::default() });
        for f in a.findings {
            prop_assert!(s.is_char_boundary(f.start) && s.is_char_boundary(f.end));
            prop_assert_eq!(&s[f.start..f.end], f.evidence.as_str());
        }
    }
}
