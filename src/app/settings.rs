//! The trainee's settings, kept in the platform's config folder and written atomically. A
//! damaged file is set aside (never overwritten) and the defaults are used, with a notice.

use bevy::prelude::*;
use jiedai_core::Lang;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

#[derive(Resource, Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub lang: Lang,
    /// UI scale for projectors and small screens, 0.75–2.0.
    pub ui_scale: f32,
    /// Agitation and trust meters (on for beginners, off for realism).
    pub meters: bool,
    /// Characters per second of the visitor's line; 0 shows it at once.
    pub text_speed: u32,
    pub fullscreen: bool,
    /// Classroom mode, for a trainer at a projector: the room discusses before the options
    /// are shown, and after each reply the step's teaching point and the other options'
    /// feedback are shown for the discussion.
    pub classroom: bool,
    /// The last trainee, offered at the next start.
    pub trainee: String,
    /// The centre's records server (`postgres://…`), if the machine sends its records there.
    pub store: Option<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            lang: Lang::from_env(),
            ui_scale: 1.0,
            meters: true,
            text_speed: 40,
            fullscreen: false,
            classroom: false,
            trainee: String::new(),
            store: None,
        }
    }
}

pub const SPEEDS: [u32; 4] = [15, 40, 90, 0];

impl Settings {
    pub fn speed_key(&self) -> &'static str {
        match self.text_speed {
            0 => "set.speed.instant",
            s if s <= 20 => "set.speed.slow",
            s if s <= 60 => "set.speed.normal",
            _ => "set.speed.fast",
        }
    }
    pub fn next_speed(&mut self) {
        let i = SPEEDS
            .iter()
            .position(|&s| s == self.text_speed)
            .map_or(0, |i| (i + 1) % SPEEDS.len());
        self.text_speed = SPEEDS[i];
    }
}

/// Where settings live: `JIEDAI_CONFIG_DIR`, else the platform's config folder.
pub fn config_dir() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os("JIEDAI_CONFIG_DIR") {
        return Some(PathBuf::from(d));
    }
    if cfg!(windows) {
        std::env::var_os("APPDATA").map(|a| PathBuf::from(a).join("jiedai"))
    } else if cfg!(target_os = "macos") {
        std::env::var_os("HOME")
            .map(|h| PathBuf::from(h).join("Library/Application Support/jiedai"))
    } else {
        std::env::var_os("XDG_CONFIG_HOME")
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))
            .map(|c| c.join("jiedai"))
    }
}

/// The outcome of loading: the settings, and a notice when the file was damaged.
pub struct Loaded {
    pub settings: Settings,
    pub notice: Option<PathBuf>,
}

pub fn load(dir: Option<&Path>) -> Loaded {
    let Some(dir) = dir else {
        return Loaded {
            settings: Settings::default(),
            notice: None,
        };
    };
    let path = dir.join("settings.ron");
    let text = match std::fs::read(&path) {
        Ok(b) => b,
        Err(_) => {
            return Loaded {
                settings: Settings::default(),
                notice: None,
            };
        }
    };
    let parsed = String::from_utf8(text)
        .ok()
        .and_then(|t| ron::from_str::<Settings>(&t).ok());
    match parsed {
        Some(mut s) => {
            s.ui_scale = if s.ui_scale.is_finite() {
                s.ui_scale.clamp(0.75, 2.0)
            } else {
                1.0
            };
            Loaded {
                settings: s,
                notice: None,
            }
        }
        None => {
            let stamp = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs());
            let aside = dir.join(format!("settings.ron.damaged-{stamp}"));
            let kept = std::fs::rename(&path, &aside).is_ok();
            Loaded {
                settings: Settings::default(),
                notice: Some(if kept { aside } else { path }),
            }
        }
    }
}

/// Writes through a temporary file and a rename, so a crash never leaves half a file.
pub fn save(dir: &Path, s: &Settings) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let text = ron::ser::to_string_pretty(s, ron::ser::PrettyConfig::default())
        .map_err(std::io::Error::other)?;
    let tmp = dir.join("settings.ron.tmp");
    std::fs::write(&tmp, text)?;
    std::fs::rename(&tmp, dir.join("settings.ron"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saves_and_loads_back() {
        let dir = tempfile::tempdir().unwrap();
        let s = Settings {
            lang: Lang::En,
            ui_scale: 1.5,
            meters: false,
            text_speed: 0,
            fullscreen: true,
            classroom: true,
            trainee: "张三 007".into(),
            store: Some("postgres://jiedai@centre/jiedai".into()),
        };
        save(dir.path(), &s).unwrap();
        let l = load(Some(dir.path()));
        assert_eq!(l.settings, s);
        assert!(l.notice.is_none());
    }

    #[test]
    fn a_file_from_before_a_setting_existed_still_loads() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("settings.ron"),
            "(lang: en, ui_scale: 1.25, meters: false, text_speed: 15, fullscreen: false)",
        )
        .unwrap();
        let l = load(Some(dir.path()));
        assert!(l.notice.is_none());
        assert_eq!(l.settings.ui_scale, 1.25);
        assert!(!l.settings.classroom);
    }

    #[test]
    fn a_damaged_file_is_kept_aside_and_defaults_are_used() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("settings.ron"), b"(lang: \xff\xfe garbage").unwrap();
        let l = load(Some(dir.path()));
        assert_eq!(l.settings, Settings::default());
        let aside = l.notice.unwrap();
        assert!(aside.exists() && aside.to_string_lossy().contains("damaged"));
        assert!(
            !dir.path().join("settings.ron").exists(),
            "moved aside, not overwritten"
        );
    }

    #[test]
    fn out_of_range_scale_is_clamped() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("settings.ron"), "(ui_scale: 40.0)").unwrap();
        assert_eq!(load(Some(dir.path())).settings.ui_scale, 2.0);
    }

    #[test]
    fn a_file_with_one_bad_value_is_kept_aside_whole() {
        // A language the app does not speak, a speed that is not a number: the file is kept
        // as it was, beside, and the app starts from the defaults with a notice.
        for text in ["(lang: Fr, meters: false)", "(text_speed: \"fast\")"] {
            let dir = tempfile::tempdir().unwrap();
            std::fs::write(dir.path().join("settings.ron"), text).unwrap();
            let l = load(Some(dir.path()));
            assert_eq!(l.settings, Settings::default(), "{text}");
            let aside = l.notice.expect("a notice");
            assert_eq!(
                std::fs::read_to_string(&aside).unwrap(),
                text,
                "kept word for word"
            );
        }
    }
}
