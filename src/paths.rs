//! Finding the assets and scenarios however jiedai is started: `cargo run`, the built binary in
//! the checkout, or an installed copy.

use std::path::{Path, PathBuf};

/// Where jiedai's files are, and every place it looked.
pub struct Found {
    pub root: Option<PathBuf>,
    pub looked: Vec<PathBuf>,
}

impl Found {
    pub fn assets(&self) -> Option<PathBuf> {
        self.root.as_ref().map(|r| r.join("assets"))
    }
    pub fn scenarios(&self) -> Option<PathBuf> {
        self.root.as_ref().map(|r| r.join("scenarios"))
    }
    /// The places looked at, one per line, for an error message.
    pub fn looked_list(&self) -> String {
        self.looked
            .iter()
            .map(|p| format!("  - {}", p.display()))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// A folder that holds `assets/rubric.ron` is a jiedai root.
fn is_root(p: &Path) -> bool {
    p.join("assets").join("rubric.ron").is_file()
}

/// Looks in `JIEDAI_HOME` when it is set, and only there: a wrong setting is reported, not
/// quietly replaced by another copy. Otherwise in the current folder and its parents, the
/// executable's folder and its parents, `../share/jiedai` beside the executable, and the
/// checkout the binary was built from.
pub fn find() -> Found {
    if let Some(h) = std::env::var_os("JIEDAI_HOME").filter(|h| !h.is_empty()) {
        let home = PathBuf::from(h);
        return Found {
            root: is_root(&home).then(|| home.clone()),
            looked: vec![home],
        };
    }
    let mut candidates: Vec<PathBuf> = Vec::new();
    if let Ok(cwd) = std::env::current_dir() {
        candidates.extend(cwd.ancestors().take(4).map(Path::to_path_buf));
    }
    if let Ok(exe) = std::env::current_exe() {
        let exe = exe.canonicalize().unwrap_or(exe);
        if let Some(dir) = exe.parent() {
            candidates.extend(dir.ancestors().take(4).map(Path::to_path_buf));
            candidates.push(dir.join("..").join("share").join("jiedai"));
        }
    }
    candidates.push(PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    let mut looked = Vec::new();
    for c in candidates {
        if looked.contains(&c) {
            continue;
        }
        looked.push(c.clone());
        if is_root(&c) {
            // `/usr/share/jiedai` rather than `/usr/bin/../share/jiedai` in messages.
            let root = c.canonicalize().unwrap_or(c);
            return Found {
                root: Some(root),
                looked,
            };
        }
    }
    Found { root: None, looked }
}

/// The manual in `lang` (`manual.zh.md` or `manual.en.md`): in an installed copy under
/// `../share/doc/jiedai` beside the executable, in a checkout under `docs/`.
pub fn manual(lang: jiedai_core::Lang) -> Option<PathBuf> {
    let name = match lang {
        jiedai_core::Lang::Zh => "manual.zh.md",
        jiedai_core::Lang::En => "manual.en.md",
    };
    let mut candidates = Vec::new();
    if let Ok(exe) = std::env::current_exe() {
        let exe = exe.canonicalize().unwrap_or(exe);
        if let Some(dir) = exe.parent() {
            candidates.push(dir.join("../share/doc/jiedai").join(name));
        }
    }
    if let Some(root) = find().root {
        candidates.push(root.join("docs").join(name));
    }
    candidates
        .into_iter()
        .find(|p| p.is_file())
        .map(|p| p.canonicalize().unwrap_or(p))
}
