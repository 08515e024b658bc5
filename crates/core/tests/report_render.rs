//! The HTML report rendered by a real browser: Debian's `chromium`, headless. A copy of the
//! report with a measuring script added is loaded; the script writes what the browser laid
//! out (each chart's size, each mark's size and value) into the page, which Chromium dumps.
//! Without Chromium, outside CI, the test is skipped with a note; `.ci/run` installs it.

mod common;

use jiedai_core::Lang;
use jiedai_core::records::{self, FORMAT, Mode, Status, Visit};
use jiedai_core::report;
use jiedai_core::rubric::Rubric;
use jiedai_core::text::Text;
use std::collections::BTreeMap;

fn visits() -> Vec<Visit> {
    let rubric = Rubric::builtin();
    let techniques: Vec<String> = rubric.techniques.iter().map(|t| t.id.clone()).collect();
    let mut out = Vec::new();
    for (k, name) in ["张三", "李四", "王五"].iter().enumerate() {
        for n in 0..6u64 {
            let at = 1_790_000_000_000 + (k as u64 * 10 + n) * 86_400_000;
            let score =
                |i: usize| (30 + n * 10 + (i as u64 * 7 + k as u64 * 11) % 20).min(100) as u32;
            out.push(Visit {
                format: FORMAT,
                id: records::new_id(at),
                trainee: (*name).to_owned(),
                scenario: if n.is_multiple_of(2) {
                    "first-visit"
                } else {
                    "repeat"
                }
                .into(),
                title: Text::pair(
                    if n.is_multiple_of(2) {
                        "初次来访"
                    } else {
                        "重复来访"
                    },
                    if n.is_multiple_of(2) {
                        "First visit"
                    } else {
                        "Repeat visit"
                    },
                ),
                scenario_hash: "0".repeat(16),
                first_visit: n.is_multiple_of(2),
                mode: Mode::Practice,
                status: Status::Finished,
                seed: n,
                started: at,
                ended: at,
                outcome: None,
                resolved_first_visit: n >= 2,
                overall: score(0),
                techniques: techniques
                    .iter()
                    .enumerate()
                    .take(5)
                    .map(|(i, t)| (t.clone(), score(i + 1)))
                    .collect(),
                anti_patterns: BTreeMap::from([(rubric.anti_patterns[0].id.clone(), 1)]),
                turns: 6,
                path: vec![],
                transcript: vec![],
                debrief: None,
            });
        }
    }
    out
}

#[test]
fn the_html_report_renders_its_figures_in_chromium() {
    let Some(chrome) = common::browser::chromium() else {
        return;
    };
    let rubric = Rubric::builtin();
    let rep = report::build(&visits(), vec![], &rubric, report::Scope::default());
    let html = report::html(&rep, Lang::Zh);
    let m = common::browser::measure(&chrome, "report", &html);
    let charts = m["charts"].as_array().unwrap();
    let names: Vec<&str> = charts
        .iter()
        .map(|c| c["chart"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"group"), "{names:?}");
    for i in 0..3 {
        assert!(names.contains(&format!("trend-{i}").as_str()), "{names:?}");
        assert!(
            names.contains(&format!("techniques-{i}").as_str()),
            "{names:?}"
        );
    }
    for c in charts {
        let name = c["chart"].as_str().unwrap();
        assert!(
            c["w"].as_f64().unwrap() > 200.0 && c["h"].as_f64().unwrap() > 40.0,
            "{name} is laid out: {c}"
        );
        let marks = c["marks"].as_array().unwrap();
        assert!(!marks.is_empty(), "{name} has marks");
        for mk in marks {
            assert!(
                mk["inside"].as_bool().unwrap(),
                "{name}: a mark outside its chart: {mk}"
            );
            let v = mk["v"].as_f64().unwrap();
            match mk["tag"].as_str().unwrap() {
                // A bar's length is its value on the 0–100 scale (420 px wide).
                "rect" => assert!(
                    (mk["w"].as_f64().unwrap() - 4.2 * v).abs() < 1.5,
                    "{name}: bar {mk}"
                ),
                _ => assert!(mk["w"].as_f64().unwrap() > 0.0, "{name}: point {mk}"),
            }
        }
    }
    // The group chart shows every trainee's first and latest overall score.
    let group = charts.iter().find(|c| c["chart"] == "group").unwrap();
    let shown: Vec<u64> = group["marks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["v"].as_u64().unwrap())
        .collect();
    let expected: Vec<u64> = rep
        .group
        .iter()
        .flat_map(|g| [u64::from(g.first), u64::from(g.latest)])
        .collect();
    assert_eq!(shown, expected);
    let text = m["text"].as_str().unwrap();
    for needle in [
        "接待训练报告",
        "张三",
        "李四",
        "王五",
        "初信初访一次性化解率",
    ] {
        assert!(text.contains(needle), "{needle} is shown");
    }
    common::browser::screenshot(&chrome, "report", &html);
}
