//! Golden files: beside each fixture in `tests/fixtures/invalid/` lies its diagnostics rendered
//! in Chinese and in English (`E007-missing-step.golden` for `E007-missing-step.ron`), so that
//! a change to any message shows in review. `JIEDAI_BLESS=1` rewrites them.

mod common;
use common::*;
use jiedai_core::Lang;
use jiedai_core::check::check_paths;
use std::path::{Path, PathBuf};

fn invalid_dir() -> PathBuf {
    root().join("tests/fixtures/invalid")
}

/// The fixtures: every entry of the folder but the golden files.
fn fixtures() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(invalid_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_none_or(|e| e != "golden"))
        .collect();
    v.sort();
    v
}

/// `E007-missing-step.ron` → `E007-missing-step.golden`; a folder fixture gets `.golden` added.
fn golden_of(fixture: &Path) -> PathBuf {
    if fixture.is_dir() {
        let mut name = fixture.file_name().unwrap().to_os_string();
        name.push(".golden");
        fixture.with_file_name(name)
    } else {
        fixture.with_extension("golden")
    }
}

/// Every diagnostic of the fixture, in both languages, with paths relative to the checkout.
fn render(fixture: &Path) -> String {
    let report = check_paths(&[fixture.to_path_buf()], &rubric());
    let mut out = String::new();
    for lang in [Lang::Zh, Lang::En] {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&format!("# {}\n", lang.code()));
        for d in &report.diagnostics {
            out.push_str(&d.render_plain(lang));
        }
    }
    out.replace(&format!("{}/", root().display()), "")
}

#[test]
fn every_fixture_renders_as_its_golden_file() {
    let bless = std::env::var_os("JIEDAI_BLESS").is_some_and(|v| v != "0");
    let mut failures = Vec::new();
    for f in fixtures() {
        let got = render(&f);
        let golden = golden_of(&f);
        if bless {
            std::fs::write(&golden, &got).unwrap();
            continue;
        }
        match std::fs::read_to_string(&golden) {
            Ok(want) if want == got => {}
            Ok(want) => failures.push(format!(
                "{} differs\n--- want\n{want}--- got\n{got}",
                golden.display()
            )),
            Err(_) => failures.push(format!("{} is missing", golden.display())),
        }
    }
    assert!(
        failures.is_empty(),
        "{}\n\nIf the change is meant, run `JIEDAI_BLESS=1 cargo test -p jiedai-core --test golden` \
         and review the golden files' diff.",
        failures.join("\n\n")
    );
}

#[test]
fn every_golden_file_has_its_fixture() {
    let goldens: Vec<PathBuf> = fixtures().iter().map(|f| golden_of(f)).collect();
    for e in std::fs::read_dir(invalid_dir()).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|e| e == "golden") {
            assert!(goldens.contains(&p), "{} has no fixture", p.display());
        }
    }
}
