//! Bad input gets a clear diagnostic naming the file, never a panic.

mod common;
use common::*;
use jiedai_core::Lang;
use jiedai_core::check::check_paths;
use jiedai_core::diag::Code;
use std::io::Write;

fn codes(path: &std::path::Path) -> Vec<(Code, String)> {
    let r = check_paths(&[path.to_path_buf()], &rubric());
    assert!(r.errors() > 0, "{path:?} should fail");
    r.diagnostics
        .iter()
        .map(|d| {
            (
                d.code,
                format!("{}: {}", d.file.display(), d.message(Lang::En)),
            )
        })
        .collect()
}

#[test]
fn a_missing_path() {
    let d = codes(std::path::Path::new("/no/such/scenarios"));
    assert_eq!(d[0].0, Code::E001);
    assert!(d[0].1.contains("/no/such/scenarios") && d[0].1.contains("no such file"));
}

#[test]
fn a_folder_without_scenarios() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.txt"), "hello").unwrap();
    let d = codes(dir.path());
    assert!(d[0].1.contains("no scenarios"));
}

#[test]
fn an_empty_file() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("empty.ron");
    std::fs::write(&p, "  \n").unwrap();
    let d = codes(&p);
    assert_eq!(d[0].0, Code::E001);
    assert!(d[0].1.contains("empty.ron") && d[0].1.contains("empty"));
}

#[test]
fn a_file_that_is_not_utf8() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("gbk.ron");
    // "信访" in GBK.
    std::fs::write(&p, b"Scenario(id: \"\xd0\xc5\xb7\xc3\")").unwrap();
    let r = check_paths(std::slice::from_ref(&p), &rubric());
    let d = &r.diagnostics[0];
    assert_eq!(d.code, Code::E001);
    assert!(d.message(Lang::En).contains("UTF-8"));
    assert_eq!((d.pos.line, d.pos.column), (1, 15));
}

#[test]
fn a_binary_file() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("image.ron");
    std::fs::write(&p, [0x89, b'P', b'N', b'G', 0, 0, 0, 13, 0xff, 0xfe]).unwrap();
    let d = codes(&p);
    assert!(d[0].1.contains("binary"));
}

#[test]
fn a_50_megabyte_file_is_refused_unread() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("huge.ron");
    let f = std::fs::File::create(&p).unwrap();
    f.set_len(50 * 1024 * 1024).unwrap();
    let d = codes(&p);
    assert_eq!(d[0].0, Code::E001);
    assert!(d[0].1.contains("50.0 MB"), "{}", d[0].1);
}

#[test]
fn nesting_ten_thousand_levels_deep() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("deep.ron");
    let text = std::fs::read_to_string(root().join("tests/fixtures/valid/minimal.ron")).unwrap();
    let deep = format!(
        "branches: [Branch(when: {}AgitationAtLeast(1){}, next: \"bad\")],\n            id: \"ask\",",
        "Not(".repeat(10_000),
        ")".repeat(10_000)
    );
    let mut f = std::fs::File::create(&p).unwrap();
    f.write_all(text.replacen("id: \"ask\",", &deep, 1).as_bytes())
        .unwrap();
    drop(f);
    let d = codes(&p);
    assert_eq!(d[0].0, Code::E002);
    assert!(d[0].1.contains("nesting"));
    // The locator's own scan of such a file is iterative too.
    let _ = jiedai_core::source::Locator::new(&"(".repeat(100_000));
}

#[test]
fn a_truncated_scenario() {
    let text = std::fs::read_to_string(root().join("tests/fixtures/valid/minimal.ron")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("cut.ron");
    std::fs::write(&p, &text[..text.len() / 2]).unwrap();
    let d = codes(&p);
    assert_eq!(d[0].0, Code::E002);
}
