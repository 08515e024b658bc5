//! Live reload for authors: the scenario files and the rubric are looked at twice a second. An
//! edit that checks clean replaces the scenario in the library and, when it is the one being
//! played, replays the trainee's replies on it so the visit stands where it stood (or at the
//! nearest earlier point, with a notice). A broken edit keeps the last good version playable and
//! shows `check`'s diagnostics over the screen until the file is fixed.

use crate::app::locale::tr;
use crate::app::settings::Settings;
use crate::app::theme::{self, palette};
use crate::app::{Library, Redraw, UiFont, Visit};
use bevy::prelude::*;
use jiedai_core::Lang;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::SystemTime;

/// How often the files are looked at, in seconds.
const EVERY: f32 = 0.5;

#[derive(Resource)]
pub struct Watch {
    /// The scenarios folder or file, and the rubric file (if loaded from one).
    pub source: PathBuf,
    pub rubric: Option<PathBuf>,
    pub model: Option<PathBuf>,
    seen: BTreeMap<PathBuf, Option<SystemTime>>,
    since: f32,
    /// Diagnostics of the files whose last edit is broken, rendered for the overlay.
    pub problems: BTreeMap<PathBuf, Vec<String>>,
    /// What the last reload did to the visit in progress, for the overlay.
    pub notice: Option<String>,
    /// Set to look at once, at the next frame (tests).
    pub now: bool,
    /// Seconds the notice has been shown.
    notice_for: f32,
}

impl Watch {
    pub fn new(source: PathBuf, rubric: Option<PathBuf>, model: Option<PathBuf>) -> Watch {
        let mut w = Watch {
            source,
            rubric,
            model,
            seen: BTreeMap::new(),
            since: 0.0,
            problems: BTreeMap::new(),
            notice: None,
            now: false,
            notice_for: 0.0,
        };
        w.seen = w.stamps();
        w
    }

    fn files(&self) -> Vec<PathBuf> {
        let (mut files, _) = jiedai_core::check::collect(std::slice::from_ref(&self.source));
        files.extend(self.rubric.iter().cloned());
        files
    }

    fn stamps(&self) -> BTreeMap<PathBuf, Option<SystemTime>> {
        self.files()
            .into_iter()
            .map(|f| {
                let t = std::fs::metadata(&f).and_then(|m| m.modified()).ok();
                (f, t)
            })
            .collect()
    }
}

/// The overlay's root.
#[derive(Component)]
struct Overlay;

pub fn plugin(app: &mut App) {
    app.add_systems(Update, (poll, show).chain());
}

fn poll(
    time: Res<Time>,
    watch: Option<ResMut<Watch>>,
    lib: Option<ResMut<Library>>,
    mut visit: ResMut<Visit>,
    settings: Res<Settings>,
    mut redraw: ResMut<Redraw>,
) {
    let (Some(mut watch), Some(mut lib)) = (watch, lib) else {
        return;
    };
    // Counting time changes nothing on screen: only a reload, or a notice going, does.
    let w = watch.bypass_change_detection();
    let dt = time.delta_secs();
    w.since += dt;
    if w.notice.is_some() {
        w.notice_for += dt;
        if w.notice_for > 8.0 {
            w.notice = None;
            watch.set_changed();
        }
    }
    let w = watch.bypass_change_detection();
    if !w.now && w.since < EVERY {
        return;
    }
    w.now = false;
    w.since = 0.0;
    let stamps = w.stamps();
    if stamps == w.seen {
        return;
    }
    w.seen = stamps;
    reload(&mut watch, &mut lib, &mut visit, settings.lang);
    redraw.0 = true;
}

/// Loads the library again, keeping the last good version of every broken file, and moves the
/// visit in progress onto its scenario's new version.
pub fn reload(watch: &mut Watch, lib: &mut Library, visit: &mut Visit, lang: Lang) {
    // The rubric first: a broken rubric keeps the one in use.
    let mut rubric = (*lib.rubric).clone();
    let mut analyser = lib.analyser.clone();
    watch.problems.clear();
    if let Some(path) = watch.rubric.clone() {
        match jiedai_core::load::load_rubric(&path) {
            Ok(lr) => {
                let errors: Vec<String> = jiedai_core::validate::validate_rubric(&lr)
                    .iter()
                    .filter(|d| d.is_error())
                    .map(|d| d.render_plain(lang))
                    .collect();
                if errors.is_empty() {
                    if serde_json::to_string(&lr.value).ok()
                        != serde_json::to_string(&*lib.rubric).ok()
                    {
                        let (a, _) =
                            jiedai_core::analyse::Analyser::load(&lr.value, watch.model.as_deref());
                        analyser = Arc::new(a);
                    }
                    rubric = lr.value;
                } else {
                    watch.problems.insert(path, errors);
                }
            }
            Err(d) => {
                watch.problems.insert(path, vec![d.render_plain(lang)]);
            }
        }
    }
    let mut fresh = Library::load(&watch.source, rubric, analyser, lang);
    // A file that broke keeps its last good scenario.
    for b in &fresh.broken {
        watch.problems.insert(b.path.clone(), b.messages.clone());
    }
    for (i, path) in lib.paths.iter().enumerate() {
        let broken = fresh.broken.iter().any(|b| &b.path == path);
        if broken && !fresh.paths.contains(path) {
            fresh.keep(
                lib.scenarios[i].clone(),
                lib.hashes[i].clone(),
                path.clone(),
            );
        }
    }
    // The visit in progress, onto its scenario's new version.
    watch.notice = None;
    watch.notice_for = 0.0;
    let rubric_changed = !Arc::ptr_eq(&fresh.analyser, &lib.analyser)
        || serde_json::to_string(&*fresh.rubric).ok() != serde_json::to_string(&*lib.rubric).ok();
    if let Some(session) = visit.session.as_ref()
        && let Some(i) = fresh
            .scenarios
            .iter()
            .position(|s| s.id == session.scenario().id)
        && (fresh.hashes[i] != visit.scenario_hash || rubric_changed)
        && let Some(par) = fresh.par(i)
    {
        match session.carry_over(
            fresh.scenarios[i].clone(),
            fresh.rubric.clone(),
            fresh.analyser.clone(),
            par,
        ) {
            Ok((moved, stopped)) => {
                if let Some(turn) = stopped {
                    watch.notice =
                        Some(tr(lang, "watch.fell_back").replace("{n}", &turn.to_string()));
                }
                visit.session = Some(moved);
                visit.scenario_hash = fresh.hashes[i].clone();
                visit.revealed = f32::MAX;
                visit.hint = None;
            }
            Err(e) => watch.notice = Some(e.to_string()),
        }
    }
    *lib = fresh;
}

fn show(
    mut commands: Commands,
    watch: Option<Res<Watch>>,
    font: Res<UiFont>,
    settings: Res<Settings>,
    shown: Query<Entity, With<Overlay>>,
) {
    let Some(watch) = watch else { return };
    if !watch.is_changed() {
        return;
    }
    for e in &shown {
        commands.entity(e).despawn();
    }
    if watch.problems.is_empty() && watch.notice.is_none() {
        return;
    }
    let l = settings.lang;
    commands
        .spawn((
            Overlay,
            Name::new("Reload overlay"),
            Node {
                position_type: PositionType::Absolute,
                left: px(16),
                right: px(16),
                top: px(72),
                max_height: percent(40),
                flex_direction: FlexDirection::Column,
                overflow: Overflow::clip(),
                padding: UiRect::all(px(12)),
                row_gap: px(4),
                ..default()
            },
            BackgroundColor(Color::srgba(0.18, 0.05, 0.05, 0.92)),
            GlobalZIndex(20),
        ))
        .with_children(|p| {
            if let Some(n) = &watch.notice {
                p.spawn(theme::text(&font, n.clone(), theme::BODY, palette::PANEL));
            }
            if !watch.problems.is_empty() {
                p.spawn(theme::text(
                    &font,
                    tr(l, "watch.broken"),
                    theme::BODY,
                    palette::PANEL,
                ));
                for m in watch.problems.values().flatten().take(8) {
                    p.spawn(theme::text(&font, m.clone(), theme::SMALL, palette::PANEL));
                }
            }
        });
}
