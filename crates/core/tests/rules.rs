//! The registry of rules: each has its fixture, its golden file, documentation in both
//! languages, and messages whose two languages name the same values.

mod common;
use common::*;
use jiedai_core::Lang;
use jiedai_core::diag::{Code, Severity};
use jiedai_core::rules::RULES;
use jiedai_core::text::is_cjk;

fn has_cjk(s: &str) -> bool {
    s.chars().any(is_cjk)
}

#[test]
fn the_registry_lists_each_code_once_in_order() {
    assert_eq!(RULES.len(), Code::ALL.len());
    for (rule, code) in RULES.iter().zip(Code::ALL) {
        assert_eq!(
            rule.code,
            code,
            "{} is registered under {}",
            rule.code.as_str(),
            code.as_str()
        );
        assert!(std::ptr::eq(code.rule(), *rule));
        assert_eq!(Code::parse(&code.as_str().to_lowercase()), Some(code));
    }
}

#[test]
fn severity_matches_the_code() {
    for r in RULES {
        let want = if r.code.as_str().starts_with('W') {
            Severity::Warning
        } else {
            Severity::Error
        };
        assert_eq!(r.severity, want, "{}", r.code.as_str());
    }
}

#[test]
fn every_rule_is_documented_in_both_languages() {
    for r in RULES {
        let c = r.code.as_str();
        assert!(
            !r.name.is_empty()
                && r.name
                    .chars()
                    .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '-'),
            "{c}: name `{}` should be kebab-case",
            r.name
        );
        let d = &r.docs;
        for (what, (zh, en)) in [("title", d.title), ("what", d.what), ("why", d.why)] {
            assert!(has_cjk(zh), "{c}: the Chinese {what} is missing: {zh:?}");
            assert!(
                !en.trim().is_empty() && !has_cjk(en),
                "{c}: the English {what} is missing: {en:?}"
            );
        }
        assert!(!d.example.trim().is_empty(), "{c}: no example");
        assert!(!d.fix.trim().is_empty(), "{c}: no fix");
    }
}

#[test]
fn every_template_belongs_to_its_rule_and_names_the_same_values_in_both_languages() {
    for r in RULES {
        let c = r.code.as_str();
        assert!(!r.templates.is_empty(), "{c} has no message");
        let mut ids: Vec<&str> = r.templates.iter().map(|t| t.id).collect();
        ids.sort_unstable();
        let n = ids.len();
        ids.dedup();
        assert_eq!(ids.len(), n, "{c}: two templates share an id");
        for t in r.templates {
            assert_eq!(t.code, r.code, "{c}: template `{}` of another rule", t.id);
            assert!(
                !t.zh.trim().is_empty() && !t.en.trim().is_empty(),
                "{c}/{}",
                t.id
            );
            assert_eq!(
                t.placeholders(Lang::Zh),
                t.placeholders(Lang::En),
                "{c}/{}: the languages name different values",
                t.id
            );
        }
    }
}

#[test]
fn every_rule_has_one_fixture_and_a_golden_file() {
    let dir = root().join("tests/fixtures/invalid");
    let names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    for r in RULES {
        let prefix = format!("{}-", r.code.as_str());
        let fixtures: Vec<&String> = names
            .iter()
            .filter(|n| n.starts_with(&prefix) && !n.ends_with(".golden"))
            .collect();
        assert_eq!(
            fixtures.len(),
            1,
            "{}: fixtures {fixtures:?}",
            r.code.as_str()
        );
        let stem = fixtures[0].trim_end_matches(".ron");
        assert!(
            names.contains(&format!("{stem}.golden")),
            "{}: no golden file {stem}.golden (bless with JIEDAI_BLESS=1)",
            r.code.as_str()
        );
    }
}

#[test]
fn the_format_doc_lists_exactly_the_registered_codes() {
    let doc = std::fs::read_to_string(root().join("docs/scenario-format.md")).unwrap();
    let listed: Vec<&str> = doc
        .lines()
        .filter_map(|l| l.strip_prefix("| "))
        .filter_map(|l| l.split(' ').next())
        .filter(|c| {
            // Anything shaped like a code, so that a code the registry lacks is caught too.
            c.len() == 4 && c.starts_with(['E', 'W']) && c[1..].bytes().all(|b| b.is_ascii_digit())
        })
        .collect();
    let registered: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
    assert_eq!(
        listed, registered,
        "docs/scenario-format.md's table of codes"
    );
}
