//! The HTML report rendered by a real browser: Debian's `chromium`, headless. A copy of the
//! report with a measuring script added is loaded; the script writes what the browser laid
//! out (each chart's size, each mark's size and value) into the page, which Chromium dumps.
//! Without Chromium, outside CI, the test is skipped with a note; `.ci/run` installs it.

use jiedai_core::Lang;
use jiedai_core::records::{self, FORMAT, Mode, Status, Visit};
use jiedai_core::report;
use jiedai_core::rubric::Rubric;
use jiedai_core::text::Text;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn chromium() -> Option<PathBuf> {
    for c in ["/usr/bin/chromium", "/usr/bin/chromium-browser"] {
        if Path::new(c).is_file() {
            return Some(PathBuf::from(c));
        }
    }
    if std::env::var_os("CI").is_some() {
        panic!("chromium is not installed: .ci/run installs Debian's chromium for this test");
    }
    eprintln!("chromium not found: the HTML report is not rendered in a browser");
    None
}

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

const MEASURE: &str = r#"<script>
const out = [];
for (const svg of document.querySelectorAll('svg[data-chart]')) {
  const r = svg.getBoundingClientRect();
  const marks = [...svg.querySelectorAll('[data-value]')].map(m => {
    const b = m.getBoundingClientRect();
    return { tag: m.tagName, v: +m.dataset.value, w: b.width, h: b.height,
             inside: b.left >= r.left - 1 && b.right <= r.right + 1 && b.top >= r.top - 1 && b.bottom <= r.bottom + 1 };
  });
  out.push({ chart: svg.dataset.chart, w: r.width, h: r.height, marks });
}
const text = document.body.innerText;
const pre = document.createElement('pre');
pre.id = 'jiedai-check';
pre.textContent = JSON.stringify({ charts: out, text });
document.body.appendChild(pre);
</script>"#;

#[test]
fn the_html_report_renders_its_figures_in_chromium() {
    let Some(chrome) = chromium() else { return };
    let rubric = Rubric::builtin();
    let rep = report::build(&visits(), vec![], &rubric, report::Scope::default());
    let html = report::html(&rep, Lang::Zh);
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/screenshots");
    std::fs::create_dir_all(&out).unwrap();
    let page = out.join("report.html");
    std::fs::write(&page, &html).unwrap();
    let measured = out.join("report-measured.html");
    std::fs::write(
        &measured,
        html.replace("</body>", &format!("{MEASURE}</body>")),
    )
    .unwrap();
    let profile = tempfile::tempdir().unwrap();
    let common = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,1600",
    ];
    let dump = std::process::Command::new(&chrome)
        .args(common)
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg("--virtual-time-budget=3000")
        .arg("--dump-dom")
        .arg(format!(
            "file://{}",
            measured.canonicalize().unwrap().display()
        ))
        .output()
        .expect("chromium runs");
    let dom = String::from_utf8_lossy(&dump.stdout);
    let start = dom.find("<pre id=\"jiedai-check\">").unwrap_or_else(|| {
        panic!(
            "no measurement in the page: {}",
            String::from_utf8_lossy(&dump.stderr)
        )
    });
    let json = &dom[start + "<pre id=\"jiedai-check\">".len()..];
    let json = &json[..json.find("</pre>").unwrap()];
    let json = json
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    let m: serde_json::Value = serde_json::from_str(&json).unwrap();
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
    // A picture to look at.
    let shot = std::process::Command::new(&chrome)
        .args(common)
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--screenshot={}", out.join("report.png").display()))
        .arg(format!("file://{}", page.canonicalize().unwrap().display()))
        .output()
        .unwrap();
    assert!(
        shot.status.success(),
        "{}",
        String::from_utf8_lossy(&shot.stderr)
    );
    assert!(std::fs::metadata(out.join("report.png")).unwrap().len() > 10_000);
}
