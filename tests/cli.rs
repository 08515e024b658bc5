//! The `jiedai` binary as authors and scripts use it: exit codes, JSON, scripted play.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn jiedai(args: &[&str]) -> Output {
    run_with_stdin(args, "")
}

fn run_with_stdin(args: &[&str], input: &str) -> Output {
    spawn(args, input, "en", None)
}

/// `jiedai` run from the checkout, reading `input`, in `lang`, with its own config and data
/// folders when given, and never with a records server from the environment.
fn spawn(
    args: &[&str],
    input: &str,
    lang: &str,
    dirs: Option<(&std::path::Path, &std::path::Path)>,
) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_jiedai"));
    cmd.args(args)
        .current_dir(root())
        .env("JIEDAI_LANG", lang)
        .env_remove("JIEDAI_STORE")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some((config, data)) = dirs {
        cmd.env("JIEDAI_CONFIG_DIR", config)
            .env("JIEDAI_DATA_DIR", data);
    }
    let mut child = cmd.spawn().unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

#[test]
fn check_is_clean_on_the_shipped_scenarios() {
    let o = jiedai(&["check", "--deny-warnings"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
}

#[test]
fn check_reports_an_error_in_rustc_style_and_exits_1() {
    let o = jiedai(&["check", "tests/fixtures/invalid/E007-missing-step.ron"]);
    assert_eq!(o.status.code(), Some(1));
    let t = text(&o);
    assert!(t.contains("tests/fixtures/invalid/E007-missing-step.ron:27:27: error[E007]: no step has the id `godo`"), "{t}");
    assert!(t.contains("^") && t.contains("did you mean `good`?"), "{t}");
}

#[test]
fn check_speaks_chinese() {
    let o = jiedai(&[
        "--lang",
        "zh",
        "check",
        "tests/fixtures/invalid/E007-missing-step.ron",
    ]);
    assert!(
        text(&o).contains("错误[E007]: 没有 id 为 `godo` 的步骤"),
        "{}",
        text(&o)
    );
}

#[test]
fn check_json_is_valid_and_complete() {
    let o = jiedai(&["check", "--format", "json", "tests/fixtures/invalid"]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let diags = v["diagnostics"].as_array().unwrap();
    assert!(diags.len() >= 20);
    for d in diags {
        for key in ["code", "severity", "file", "line", "column", "message"] {
            assert!(!d[key].is_null(), "{key} missing in {d}");
        }
    }
}

#[test]
fn deny_warnings_turns_a_warning_into_failure() {
    let f = "tests/fixtures/invalid/W103-objective-unused.ron";
    assert_eq!(jiedai(&["check", f]).status.code(), Some(0));
    assert_eq!(
        jiedai(&["check", "--deny-warnings", f]).status.code(),
        Some(1)
    );
}

#[test]
fn usage_errors_exit_2_and_explain_works() {
    assert_eq!(
        jiedai(&["check", "--format", "yaml"]).status.code(),
        Some(2)
    );
    assert_eq!(jiedai(&["frobnicate"]).status.code(), Some(2));
    let o = jiedai(&["check", "--explain", "E007"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(text(&o).contains("Why it matters"));
    assert_eq!(
        jiedai(&["check", "--explain", "E999"]).status.code(),
        Some(2)
    );
}

#[test]
fn missing_paths_name_the_path() {
    let o = jiedai(&["check", "no/such/dir"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o).contains("no/such/dir"));
}

#[test]
fn graph_draws_every_shipped_scenario() {
    for entry in std::fs::read_dir(root().join("scenarios")).unwrap() {
        let p = entry.unwrap().path();
        let p = p.to_str().unwrap();
        let m = jiedai(&["graph", p]);
        assert_eq!(m.status.code(), Some(0), "{}", text(&m));
        let out = String::from_utf8_lossy(&m.stdout);
        assert!(
            out.starts_with("flowchart TD") && out.contains("-->") && out.contains("style"),
            "{out}"
        );
        let d = jiedai(&["graph", "--format", "dot", p]);
        let out = String::from_utf8_lossy(&d.stdout);
        assert!(out.starts_with("digraph") && out.contains("fillcolor"));
    }
}

#[test]
fn explore_reaches_every_ending_of_the_shipped_scenarios() {
    for entry in std::fs::read_dir(root().join("scenarios")).unwrap() {
        let p = entry.unwrap().path();
        let o = jiedai(&["explore", "--format", "json", p.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(0), "{}", text(&o));
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        for e in v["endings"].as_array().unwrap() {
            assert_eq!(e["reachable"], true, "{} {}", p.display(), e["step"]);
        }
    }
}

#[test]
fn play_reaches_an_ending_from_a_script() {
    let o = run_with_stdin(
        &["play", "tests/fixtures/valid/minimal.ron", "--seed", "1"],
        "1\n",
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let t = text(&o);
    assert!(
        t.contains("Debrief") && t.contains("Referred with hand-off") && t.contains("Overall"),
        "{t}"
    );
}

#[test]
fn play_copes_with_bad_keys_and_end_of_input() {
    let o = run_with_stdin(
        &["play", "tests/fixtures/valid/minimal.ron", "--seed", "1"],
        "x\n9\n\n",
    );
    assert_eq!(o.status.code(), Some(0));
    let t = text(&o);
    assert!(
        t.contains("type the number") && t.contains("End of input"),
        "{t}"
    );
}

#[test]
fn play_writes_the_debrief_as_json() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("debrief.json");
    // The options are shown shuffled from the seed: find the number of the poor one first.
    let play = [
        "play",
        "tests/fixtures/valid/minimal.ron",
        "--seed",
        "5",
        "--lang",
        "en",
    ];
    let shown = text(&run_with_stdin(&play, ""));
    let n = shown
        .lines()
        .find(|l| l.contains("Not our department"))
        .and_then(|l| l.trim().split('.').next())
        .unwrap_or_else(|| panic!("{shown}"))
        .to_owned();
    let args: Vec<&str> = play
        .iter()
        .copied()
        .chain(["--debrief-json", out.to_str().unwrap()])
        .collect();
    let o = run_with_stdin(&args, &format!("{n}\n"));
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(v["outcome"], "Unsatisfied");
}

#[test]
fn score_finds_listening_and_deescalation_with_evidence() {
    let o = jiedai(&["score", "--format", "json", "您先别着急，慢慢说，我听着。"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let detected: Vec<&str> = v["detected"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap())
        .collect();
    assert!(
        detected.contains(&"listening") && detected.contains(&"deescalation"),
        "{v}"
    );
    assert!(
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["evidence"] == "别着急")
    );
}

#[test]
fn score_flags_law_first_when_agitated() {
    let o = jiedai(&[
        "score",
        "--agitation",
        "85",
        "根据《信访工作条例》，你这个诉求不予受理。",
    ]);
    let t = text(&o);
    assert!(t.contains("law_first") && t.contains("【"), "{t}");
}

#[test]
fn score_jsonl_keeps_lines_aligned_through_bad_input() {
    let input = "{\"text\": \"您慢慢说\"}\nnot json\n{\"text\": \"根据条例不予受理\", \"agitation\": 90, \"stage\": null}\n";
    let o = run_with_stdin(&["score", "--jsonl", "-"], input);
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert!(
        lines[0]["detected"]
            .as_array()
            .unwrap()
            .iter()
            .any(|x| x == "listening")
    );
    assert_eq!(lines[1]["line"], 2);
    assert!(lines[1]["error"].is_string());
    assert!(
        lines[2]["anti_patterns"]
            .as_array()
            .unwrap()
            .iter()
            .any(|x| x == "law_first")
    );
    assert!(String::from_utf8_lossy(&o.stderr).contains(":2:"));
}

#[test]
fn the_binary_finds_its_files_from_anywhere_and_says_where_it_looked() {
    let elsewhere = tempfile::tempdir().unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_jiedai"))
        .args(["check"])
        .current_dir(elsewhere.path())
        .env_remove("JIEDAI_HOME")
        .output()
        .unwrap();
    // Built from this checkout, the binary finds the shipped scenarios from any folder.
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));

    // An installed copy: bin/jiedai with its files in share/jiedai beside it.
    let prefix = tempfile::tempdir().unwrap();
    let share = prefix.path().join("share/jiedai");
    std::fs::create_dir_all(share.join("assets")).unwrap();
    std::fs::create_dir_all(share.join("scenarios")).unwrap();
    std::fs::create_dir_all(prefix.path().join("bin")).unwrap();
    std::fs::copy(
        root().join("assets/rubric.ron"),
        share.join("assets/rubric.ron"),
    )
    .unwrap();
    std::fs::copy(
        root().join("scenarios/tutorial.ron"),
        share.join("scenarios/tutorial.ron"),
    )
    .unwrap();
    let installed = prefix.path().join("bin/jiedai");
    std::fs::copy(env!("CARGO_BIN_EXE_jiedai"), &installed).unwrap();
    let o = Command::new(&installed)
        .args(["check", "--format", "json"])
        .current_dir(elsewhere.path())
        .env_remove("JIEDAI_HOME")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("share/jiedai/scenarios/tutorial.ron") && !out.contains("first-visit"),
        "the installed copy checks its own scenarios: {out}"
    );

    // JIEDAI_HOME pointing nowhere is reported with the place looked at, not replaced by the
    // checkout.
    let nowhere = elsewhere.path().join("no-such-jiedai");
    let o = Command::new(env!("CARGO_BIN_EXE_jiedai"))
        .args(["check"])
        .current_dir(elsewhere.path())
        .env("JIEDAI_HOME", &nowhere)
        .env("JIEDAI_LANG", "en")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains(&nowhere.display().to_string()) && err.contains("scenarios"),
        "{err}"
    );
}

#[test]
fn the_library_table_in_docs_matches_the_scenarios() {
    let o = jiedai(&["library", "--format", "md"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let generated = String::from_utf8_lossy(&o.stdout);
    let committed = std::fs::read_to_string(root().join("docs/scenarios.md")).unwrap();
    assert_eq!(
        generated, committed,
        "docs/scenarios.md is stale: run `cargo run -q -- library --format md > docs/scenarios.md`"
    );
    let rows = generated.lines().filter(|l| l.starts_with("| `")).count();
    let files = std::fs::read_dir(root().join("scenarios")).unwrap().count();
    assert_eq!(rows, files);
}

#[test]
fn without_a_display_the_app_says_so_instead_of_crashing() {
    let o = Command::new(env!("CARGO_BIN_EXE_jiedai"))
        .current_dir(root())
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env("JIEDAI_LANG", "en")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o).contains("No graphical display") && text(&o).contains("jiedai play tutorial"),
        "{}",
        text(&o)
    );
}

/// `jiedai` with its own config and data folders, reading `input`.
fn with_dirs(
    config: &std::path::Path,
    data: &std::path::Path,
    args: &[&str],
    input: &str,
) -> Output {
    spawn(args, input, "zh", Some((config, data)))
}

#[test]
fn play_with_a_trainee_keeps_the_visit_and_report_shows_it_in_every_format() {
    let (config, data) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (c, d) = (config.path(), data.path());
    let play = ["play", "tests/fixtures/valid/minimal.ron", "--seed", "1"];
    let o = with_dirs(c, d, &play, "1\n");
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(
        !d.join("records.sqlite").exists(),
        "play without --trainee keeps nothing"
    );
    for name in ["张三", "张三", "李四"] {
        let args: Vec<&str> = play.iter().copied().chain(["--trainee", name]).collect();
        let o = with_dirs(c, d, &args, "1\n");
        assert_eq!(o.status.code(), Some(0), "{}", text(&o));
        assert!(
            text(&o).contains(&format!("已记入 {name} 的练习记录")),
            "{}",
            text(&o)
        );
    }
    // Input that ends before the visit does: kept as abandoned.
    let abandoned: Vec<&str> = ["play", "tutorial", "--trainee", "李四"].to_vec();
    let o = with_dirs(c, d, &abandoned, "1\n");
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let o = with_dirs(c, d, &["play", "tutorial", "--trainee", "   "], "");
    assert_eq!(o.status.code(), Some(2), "an empty name is a usage error");

    let o = with_dirs(c, d, &["records", "trainees"], "");
    assert_eq!(String::from_utf8_lossy(&o.stdout), "张三\n李四\n");
    let o = with_dirs(c, d, &["records", "list", "--trainee", "李四"], "");
    let list = String::from_utf8_lossy(&o.stdout);
    assert!(
        list.contains("finished") && list.contains("abandoned"),
        "{list}"
    );

    let o = with_dirs(c, d, &["report", "--format", "json"], "");
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["visits"], 4);
    let names: Vec<&str> = v["trainees"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["张三", "李四"]);
    assert_eq!(v["trainees"][0]["visits"], 2);
    assert_eq!(v["trainees"][1]["abandoned"], 1);
    let t = String::from_utf8_lossy(&with_dirs(c, d, &["report"], "").stdout).into_owned();
    assert!(
        t.contains("【张三】共 2 次接待") && t.contains("全组"),
        "{t}"
    );
    let t = text(&with_dirs(c, d, &["report", "--trainee", "李四"], ""));
    assert!(t.contains("【李四】") && !t.contains("【张三】"), "{t}");
    let o = with_dirs(c, d, &["report", "--since", "2026-02-30"], "");
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    let o = with_dirs(c, d, &["report", "--since", "2999-01-01"], "");
    assert!(String::from_utf8_lossy(&o.stdout).contains("还没有练习记录"));

    let csv = d.join("group.csv");
    let o = with_dirs(
        c,
        d,
        &["report", "--format", "csv", "-o", csv.to_str().unwrap()],
        "",
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let bytes = std::fs::read(&csv).unwrap();
    assert!(
        bytes.starts_with(b"\xef\xbb\xbf"),
        "UTF-8 with a byte-order mark"
    );
    let csv = String::from_utf8(bytes).unwrap();
    assert!(csv.lines().next().unwrap().contains("学员,剧本编号"));
    assert!(csv.contains("张三,") && csv.contains("李四,"));
    let html = d.join("r.html");
    with_dirs(
        c,
        d,
        &["report", "--format", "html", "-o", html.to_str().unwrap()],
        "",
    );
    assert!(
        std::fs::read_to_string(&html)
            .unwrap()
            .contains("<svg data-chart=\"group\"")
    );
    let md = String::from_utf8_lossy(&with_dirs(c, d, &["report", "--format", "md"], "").stdout)
        .into_owned();
    assert!(md.contains("| 张三 | 2 |"), "{md}");

    // Another machine: export, import twice, nothing counted twice.
    let file = d.join("room.jsonl");
    let o = with_dirs(c, d, &["records", "export", file.to_str().unwrap()], "");
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let other = tempfile::tempdir().unwrap();
    let f = file.to_str().unwrap();
    let o = with_dirs(c, other.path(), &["records", "import", f, f], "");
    let said = text(&o);
    assert!(
        said.contains("新增 4 次，已有 0 次") && said.contains("新增 0 次，已有 4 次"),
        "{said}"
    );
    let o = with_dirs(c, other.path(), &["report", "--format", "json"], "");
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["visits"], 4);
}

#[test]
fn the_old_history_is_imported_once_and_damaged_databases_are_named() {
    let (config, data) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (c, d) = (config.path(), data.path());
    let file = c.join("history.jsonl");
    let content = concat!(
        r#"{"scenario":"tutorial","title_zh":"入门教程","title_en":"Tutorial","finished":1795000000,"overall":62,"outcome":"Referred","turns":5,"seed":1,"techniques":{"listening":70,"empathy":40}}"#,
        "\n{\"scenario\": truncated\n",
        r#"{"scenario":"tutorial","title_zh":"入门教程","title_en":"Tutorial","finished":1795200000,"overall":90,"outcome":"Resolved","turns":5,"seed":2,"techniques":{"listening":100,"empathy":60}}"#,
        "\n"
    );
    std::fs::write(&file, content).unwrap();
    let o = with_dirs(c, d, &["report"], "");
    let said = text(&o);
    assert!(said.contains("已导入旧的练习记录 2 条"), "{said}");
    assert!(
        said.contains("（未署名）") && said.contains("下一步重点：共情"),
        "{said}"
    );
    let o = with_dirs(c, d, &["report"], "");
    assert!(!text(&o).contains("已导入"), "once");
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        content,
        "left in place"
    );

    // A database that is not one: named, untouched, exit 1.
    let bad = tempfile::tempdir().unwrap();
    let db = bad.path().join("records.sqlite");
    std::fs::write(
        &db,
        b"this is not a database, but someone's notes\n".repeat(200),
    )
    .unwrap();
    let before = std::fs::read(&db).unwrap();
    let o = with_dirs(c, bad.path(), &["report"], "");
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains(&db.display().to_string()) && err.contains("未作任何改动"),
        "{err}"
    );
    assert_eq!(std::fs::read(&db).unwrap(), before);
    // An import file with a damaged line: the line is named, the rest comes in.
    let f = d.join("in.jsonl");
    std::fs::write(&f, "{oops\n").unwrap();
    let o = with_dirs(c, d, &["records", "import", f.to_str().unwrap()], "");
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o).contains(&format!("{}:1: 未导入", f.display())),
        "{}",
        text(&o)
    );
}

#[test]
fn an_unreachable_server_is_named_and_the_visit_stays_on_the_machine() {
    let (config, data) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (c, d) = (config.path(), data.path());
    let down = "postgres://jiedai:secret@127.0.0.1:1/centre?connect_timeout=2";
    let args = [
        "--store",
        down,
        "play",
        "tests/fixtures/valid/minimal.ron",
        "--trainee",
        "张三",
    ];
    let o = with_dirs(c, d, &args, "1\n");
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let said = text(&o);
    assert!(
        said.contains("127.0.0.1:1/centre") && !said.contains("secret"),
        "{said}"
    );
    assert!(said.contains("记录已存在本机"), "{said}");
    let o = with_dirs(c, d, &["--store", down, "records", "sync"], "");
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o).contains("待发送 1 次"), "{}", text(&o));
    let o = with_dirs(c, d, &["records", "list"], "");
    assert!(String::from_utf8_lossy(&o.stdout).contains("张三"));
}

#[test]
fn new_writes_a_skeleton_that_checks_clean_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bus-route.ron");
    let f = file.to_str().unwrap();
    let o = jiedai(&["new", "bus-route", "--type", "collective", "-o", f]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let o = jiedai(&["check", "--deny-warnings", f]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let written = std::fs::read_to_string(&file).unwrap();
    assert!(written.contains("visitor_type: Collective") && written.contains("// "));
    std::fs::write(&file, "my own work").unwrap();
    let o = jiedai(&["new", "bus-route", "-o", f]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "my own work");
    assert_eq!(jiedai(&["new", "Bad Id"]).status.code(), Some(2));
    assert_eq!(
        jiedai(&["new", "ok", "--type", "nonsense"]).status.code(),
        Some(2)
    );
}

#[test]
fn practice_goes_back_and_gives_hints_and_an_exam_does_neither() {
    let play = ["play", "tutorial", "--seed", "3"];
    let o = run_with_stdin(&play, "1\n:hint\n:hint\n:back 1\n1\n");
    let t = text(&o);
    assert!(t.contains("Hint (3 points off)"), "{t}");
    assert_eq!(
        t.matches("points off)").count(),
        1,
        "a second hint at the same turn is free: {t}"
    );
    assert!(t.contains("(back to turn 1: answer it again)"), "{t}");
    let o = run_with_stdin(
        &["play", "tutorial", "--mode", "exam"],
        "1\n:hint\n:back 1\n",
    );
    let t = text(&o);
    assert!(
        t.contains("(no hints in an exam)") && t.contains("(no going back in an exam)"),
        "{t}"
    );
    assert!(!t.contains("[agitation"), "an exam shows no meters: {t}");
}

#[test]
fn an_export_never_replaces_an_existing_file_unless_asked() {
    let (c, d) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let dirs = Some((c.path(), d.path()));
    let o = spawn(
        &["play", "tutorial", "--seed", "1", "--trainee", "甲"],
        "1\n1\n您别着急，这个由区住房保障部门办，我先帮您登记。\n1\n1\n1\n1\n",
        "en",
        dirs,
    );
    assert!(o.status.success(), "{}", text(&o));
    let file = c.path().join("earlier.jsonl");
    std::fs::write(&file, "an earlier export\n").unwrap();
    let f = file.to_str().unwrap();
    let o = spawn(&["records", "export", f], "", "en", dirs);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o).contains("already exists"), "{}", text(&o));
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "an earlier export\n"
    );
    let o = spawn(&["records", "export", f], "", "zh", dirs);
    assert!(text(&o).contains("文件已存在"), "{}", text(&o));
    let o = spawn(&["records", "export", "--force", f], "", "en", dirs);
    assert!(o.status.success(), "{}", text(&o));
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .contains("\"trainee\":\"甲\"")
    );
}

#[test]
fn bad_arguments_name_the_value_and_exit_2() {
    for (args, needle) in [
        (&["--lang", "fr", "check"][..], "fr"),
        (&["report", "--format", "pdf"][..], "pdf"),
        (&["play", "tutorial", "--seed", "abc"][..], "abc"),
        (&["play", "tutorial", "--mode", "quiz"][..], "quiz"),
        (&["present", "--screens", "three"][..], "three"),
        (&["score", "--agitation", "150", "您好"][..], "150"),
    ] {
        let o = jiedai(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", text(&o));
        assert!(text(&o).contains(needle), "{args:?}: {}", text(&o));
    }
}

#[test]
fn an_unknown_scenario_id_is_named_and_nothing_opens() {
    for cmd in ["play", "graph", "explore", "present"] {
        let o = jiedai(&[cmd, "no-such-scenario"]);
        assert_eq!(o.status.code(), Some(1), "{cmd}: {}", text(&o));
        assert!(text(&o).contains("no-such-scenario"), "{cmd}: {}", text(&o));
    }
}

#[test]
fn a_broken_rubric_is_named_with_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("rubric.ron");
    std::fs::write(&bad, "Rubric(techniques: [").unwrap();
    let o = jiedai(&["--rubric", bad.to_str().unwrap(), "check"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(text(&o).contains("rubric.ron"), "{}", text(&o));
    let empty = dir.path().join("empty.ron");
    std::fs::write(&empty, "").unwrap();
    let o = jiedai(&["--rubric", empty.to_str().unwrap(), "check"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(text(&o).contains("empty.ron"), "{}", text(&o));
    let o = jiedai(&["--rubric", "no/such/rubric.ron", "check"]);
    assert_ne!(o.status.code(), Some(0));
    assert!(text(&o).contains("no/such/rubric.ron"), "{}", text(&o));
}

#[test]
fn an_empty_typed_reply_in_the_terminal_is_asked_again() {
    // The tutorial's third turn is typed: an empty line and one of spaces are refused, then the
    // reply goes and the visit carries on to its end.
    let o = run_with_stdin(
        &["play", "tutorial", "--seed", "1"],
        "1\n1\n\n   \n您别着急，这个由区住房保障部门办，我先帮您登记。\n1\n1\n1\n1\n",
    );
    let t = text(&o);
    assert_eq!(o.status.code(), Some(0), "{t}");
    assert_eq!(t.matches("(the reply cannot be empty)").count(), 2, "{t}");
    assert!(t.contains("Debrief"), "{t}");
}
