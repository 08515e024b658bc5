//! One invalid file per diagnostic class under `tests/fixtures/invalid/`: each must report its
//! code at its line and column.

mod common;
use common::*;
use jiedai_core::check::check_paths;

/// (file or folder, code, line, column)
const EXPECTED: &[(&str, &str, usize, usize)] = &[
    ("E001-empty.ron", "E001", 1, 1),
    ("E002-syntax.ron", "E002", 17, 22),
    ("E003-unknown-field.ron", "E003", 26, 21),
    ("E004-missing-field.ron", "E004", 41, 1),
    ("E005-bad-variant.ron", "E005", 39, 112),
    ("E006-duplicate-step.ron", "E006", 40, 18),
    ("E007-missing-step.ron", "E007", 27, 27),
    ("E008-unreachable.ron", "E008", 41, 18),
    ("E009-dead-end.ron", "E009", 40, 18),
    ("E010-no-ending.ron", "E010", 14, 12),
    ("E011-unknown-technique.ron", "E011", 23, 28),
    ("E012-out-of-range.ron", "E012", 12, 26),
    ("E013-no-feedback.ron", "E013", 30, 25),
    ("E014-duplicate-id", "E014", 3, 9),
    ("E015-small-collective.ron", "E015", 7, 24),
    ("E016-duplicate-option.ron", "E016", 30, 25),
    ("E017-one-option.ron", "E017", 17, 17),
    ("E018-unknown-guidance.ron", "E018", 34, 92),
    ("E019-unknown-speaker.ron", "E019", 18, 27),
    ("E020-empty-text.ron", "E020", 31, 27),
    ("W101-missing-translation.ron", "W101", 18, 46),
    ("W102-ending-never-reached.ron", "W102", 42, 18),
    ("W103-objective-unused.ron", "W103", 9, 31),
    ("W104-dead-loop.ron", "W104", 40, 26),
    ("W105-best-is-longest.ron", "W105", 3, 9),
    ("W106-gated-anti.ron", "W106", 28, 27),
];

#[test]
fn every_fixture_reports_its_code_at_its_place() {
    let r = rubric();
    let dir = root().join("tests/fixtures/invalid");
    let mut failures = Vec::new();
    for (file, code, line, col) in EXPECTED {
        let report = check_paths(&[dir.join(file)], &r);
        let hit = report
            .diagnostics
            .iter()
            .any(|d| d.code.as_str() == *code && d.pos.line == *line && d.pos.column == *col);
        if !hit {
            let got: Vec<String> = report
                .diagnostics
                .iter()
                .map(|d| format!("{}@{}:{}", d.code.as_str(), d.pos.line, d.pos.column))
                .collect();
            failures.push(format!("{file}: want {code}@{line}:{col}, got {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn every_fixture_is_covered_and_every_code_has_a_fixture() {
    let dir = root().join("tests/fixtures/invalid");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        // Each fixture's rendered diagnostics sit beside it (tests/golden.rs).
        .filter(|n| !n.ends_with(".golden"))
        .collect();
    names.sort();
    let listed: Vec<&str> = EXPECTED.iter().map(|e| e.0).collect();
    for n in &names {
        assert!(listed.contains(&n.as_str()), "{n} has no expectation");
    }
    for code in jiedai_core::diag::Code::ALL {
        assert!(
            EXPECTED.iter().any(|e| e.1 == code.as_str()),
            "{} has no fixture",
            code.as_str()
        );
    }
}

#[test]
fn the_valid_fixture_is_clean() {
    let report = check_paths(&[root().join("tests/fixtures/valid")], &rubric());
    assert!(report.diagnostics.is_empty(), "{:#?}", report.diagnostics);
}

#[test]
fn all_errors_in_a_file_are_reported_not_just_the_first() {
    let text = std::fs::read_to_string(root().join("tests/fixtures/valid/minimal.ron")).unwrap();
    let broken = text
        .replace("next: \"good\"", "next: \"nowhere\"")
        .replace("tags: [\"listening\"]", "tags: [\"listenning\"]")
        .replace("guidance: [\"2.4a\"]", "guidance: [\"9.9\"]");
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("many.ron");
    std::fs::write(&p, broken).unwrap();
    let report = check_paths(&[p], &rubric());
    let codes: Vec<&str> = report.diagnostics.iter().map(|d| d.code.as_str()).collect();
    for c in ["E007", "E011", "E018"] {
        assert!(codes.contains(&c), "{codes:?}");
    }
}
