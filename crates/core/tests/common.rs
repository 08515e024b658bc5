//! Helpers shared by the core's integration tests.
#![allow(dead_code)]

use jiedai_core::model::Scenario;
use jiedai_core::rubric::Rubric;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub fn rubric() -> Rubric {
    let text = std::fs::read_to_string(root().join("assets/rubric.ron")).unwrap();
    jiedai_core::load::parse(Path::new("assets/rubric.ron"), &text).unwrap()
}

pub fn scenario_str(text: &str) -> Scenario {
    jiedai_core::load::parse(Path::new("test.ron"), text).unwrap()
}

pub fn minimal() -> Arc<Scenario> {
    let text = std::fs::read_to_string(root().join("tests/fixtures/valid/minimal.ron")).unwrap();
    Arc::new(scenario_str(&text))
}

/// Debian's `chromium`, headless, for the HTML hand-outs: the page is loaded with a measuring
/// script added, which writes what the browser laid out (each chart's size, each mark's size
/// and value, the page's text) into the page that Chromium dumps. Without Chromium, outside
/// CI, the tests are skipped with a note; `.ci/run` installs it.
pub mod browser {
    use std::path::{Path, PathBuf};

    pub fn chromium() -> Option<PathBuf> {
        for c in ["/usr/bin/chromium", "/usr/bin/chromium-browser"] {
            if Path::new(c).is_file() {
                return Some(PathBuf::from(c));
            }
        }
        if std::env::var_os("CI").is_some() {
            panic!("chromium is not installed: .ci/run installs Debian's chromium for this test");
        }
        eprintln!("chromium not found: the HTML page is not rendered in a browser");
        None
    }

    const MEASURE: &str = r#"<script>
const out = [];
for (const svg of document.querySelectorAll('svg[data-chart]')) {
  const r = svg.getBoundingClientRect();
  const marks = [...svg.querySelectorAll('[data-value]')].map(m => {
    const b = m.getBoundingClientRect();
    return { tag: m.tagName, v: +m.dataset.value, share: +(m.dataset.share || 0), w: b.width, h: b.height,
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

    const FLAGS: [&str; 9] = [
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

    /// Where the pages and pictures go: `target/screenshots/`.
    pub fn out_dir() -> PathBuf {
        let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/screenshots");
        std::fs::create_dir_all(&out).unwrap();
        out
    }

    /// Lays `html` out in Chromium and returns what the measuring script saw:
    /// `{ charts: [{ chart, w, h, marks: [{ tag, v, share, w, h, inside }] }], text }`.
    pub fn measure(chrome: &Path, name: &str, html: &str) -> serde_json::Value {
        let out = out_dir();
        std::fs::write(out.join(format!("{name}.html")), html).unwrap();
        let measured = out.join(format!("{name}-measured.html"));
        std::fs::write(
            &measured,
            html.replace("</body>", &format!("{MEASURE}</body>")),
        )
        .unwrap();
        let profile = tempfile::tempdir().unwrap();
        let dump = std::process::Command::new(chrome)
            .args(FLAGS)
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
        serde_json::from_str(&json).unwrap()
    }

    /// A picture of `html` to look at: `target/screenshots/<name>.png`.
    pub fn screenshot(chrome: &Path, name: &str, html: &str) {
        let out = out_dir();
        let page = out.join(format!("{name}.html"));
        std::fs::write(&page, html).unwrap();
        let png = out.join(format!("{name}.png"));
        let profile = tempfile::tempdir().unwrap();
        let shot = std::process::Command::new(chrome)
            .args(FLAGS)
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg(format!("--screenshot={}", png.display()))
            .arg(format!("file://{}", page.canonicalize().unwrap().display()))
            .output()
            .unwrap();
        assert!(
            shot.status.success(),
            "{}",
            String::from_utf8_lossy(&shot.stderr)
        );
        assert!(std::fs::metadata(&png).unwrap().len() > 10_000);
    }
}
