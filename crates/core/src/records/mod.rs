//! The trainees' records: every finished or abandoned visit, kept whole, in an embedded SQLite
//! database on each machine and, for a centre with many machines, in a PostgreSQL server that
//! every training room writes to.
//!
//! A visit is one [`Visit`]; both backends implement [`Store`] with one schema
//! ([`schema`]); [`Records`] is what the app and the command line hold: the local database
//! first, and the centre's server fed from an outbox so that nothing is lost while it cannot be
//! reached. Visits move between machines without a network as JSON lines ([`jsonl`]).

pub mod jsonl;
pub mod postgres;
pub mod schema;
pub mod sqlite;
mod sync;

pub use sync::{Pushed, Records, Saved, spool};

use crate::engine::{Session, TurnRecord};
use crate::model::{Outcome, VisitorType};
use crate::score::Debrief;
use crate::text::Text;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The version of the [`Visit`] format this build writes and reads. A record of a later
/// version is kept where it is and skipped, with a message, by the readers of this one.
pub const FORMAT: u32 = 1;

/// The database file in a data folder.
pub const DB_FILE: &str = "records.sqlite";

/// Visits the database could not take (it was damaged, or the disk full): kept as JSON lines
/// beside it, to be imported with `jiedai records import` once it works again.
pub const UNSAVED_FILE: &str = "unsaved-visits.jsonl";

/// How a visit was played. Practice is the default; the other modes are named so that a
/// report can tell an exam or a room's session from practice.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    #[default]
    Practice,
    Exam,
    Classroom,
}

impl Mode {
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Practice => "practice",
            Mode::Exam => "exam",
            Mode::Classroom => "classroom",
        }
    }
    pub fn parse(s: &str) -> Option<Mode> {
        [Mode::Practice, Mode::Exam, Mode::Classroom]
            .into_iter()
            .find(|m| m.as_str() == s)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The visit reached an ending (or the turn limit).
    Finished,
    /// The trainee left before the end.
    Abandoned,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Finished => "finished",
            Status::Abandoned => "abandoned",
        }
    }
}

/// One visit, whole: who, which scenario (and which version of its file), how it was played,
/// every turn with the analyser's findings and the visitor's state before and after, and the
/// debrief the trainee saw.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Visit {
    pub format: u32,
    /// A UUID v7: unique across machines and sorted by time.
    pub id: String,
    /// The trainee's name or staff number; empty for visits kept before names were asked.
    pub trainee: String,
    pub scenario: String,
    pub title: Text,
    /// FNV-1a 64 of the scenario file's bytes, in hex; empty when unknown.
    pub scenario_hash: String,
    /// A first visit (初信初访), for the first-visit resolution rate.
    pub first_visit: bool,
    pub mode: Mode,
    pub status: Status,
    pub seed: u64,
    /// Milliseconds since the Unix epoch.
    pub started: u64,
    pub ended: u64,
    pub outcome: Option<Outcome>,
    /// Settled on the spot at a first visit.
    pub resolved_first_visit: bool,
    pub overall: u32,
    /// 0–100 per technique the visit scored.
    pub techniques: BTreeMap<String, u32>,
    /// How many turns committed each anti-pattern.
    pub anti_patterns: BTreeMap<String, u32>,
    pub turns: u32,
    /// The steps the visit passed through, in order, ending with the step it stopped at.
    pub path: Vec<String>,
    pub transcript: Vec<TurnRecord>,
    /// The debrief as the trainee saw it (absent for records imported from the old history).
    pub debrief: Option<Debrief>,
}

/// What the app or `play` knows when a visit ends.
pub struct Ending<'a> {
    pub trainee: &'a str,
    pub mode: Mode,
    pub status: Status,
    pub started: u64,
    pub ended: u64,
    pub scenario_hash: &'a str,
}

impl Visit {
    /// The record of `session` as it stands (finished or not).
    pub fn of_session(session: &Session, e: &Ending) -> Visit {
        let st = session.state();
        let sc = session.scenario();
        let d = crate::score::debrief(sc, session.rubric(), session.par(), st);
        let mut anti: BTreeMap<String, u32> = BTreeMap::new();
        for t in &st.transcript {
            let mut seen: Vec<&str> = Vec::new();
            for a in &t.assessment.anti_patterns {
                if !seen.contains(&a.as_str()) {
                    seen.push(a);
                    *anti.entry(a.clone()).or_default() += 1;
                }
            }
        }
        let mut path: Vec<String> = st.transcript.iter().map(|t| t.step.clone()).collect();
        path.push(st.step.clone());
        Visit {
            format: FORMAT,
            id: new_id(e.ended),
            trainee: e.trainee.to_owned(),
            scenario: sc.id.clone(),
            title: sc.title.clone(),
            scenario_hash: e.scenario_hash.to_owned(),
            first_visit: sc.visitor_type == VisitorType::FirstVisit,
            mode: e.mode,
            status: e.status,
            seed: st.seed,
            started: e.started,
            ended: e.ended,
            outcome: d.outcome,
            resolved_first_visit: d.resolved_first_visit,
            overall: d.overall,
            techniques: d
                .techniques
                .iter()
                .filter_map(|t| Some((t.id.clone(), t.score?)))
                .collect(),
            anti_patterns: anti,
            turns: d.turns,
            path,
            transcript: st.transcript.clone(),
            debrief: Some(d),
        }
    }

    /// The visit as its row stores it (the whole visit as JSON), once checked.
    pub fn to_row(&self) -> Result<String, RecordError> {
        self.check().map_err(|why| RecordError::BadVisit {
            id: self.id.clone(),
            why,
        })?;
        serde_json::to_string(self).map_err(|e| RecordError::BadVisit {
            id: self.id.clone(),
            why: e.to_string(),
        })
    }

    /// Checks what the schema's columns rely on, for records that arrive from outside.
    pub fn check(&self) -> Result<(), String> {
        if self.format > FORMAT {
            return Err(format!(
                "format {} is newer than this jiedai's {FORMAT}",
                self.format
            ));
        }
        if !valid_id(&self.id) {
            return Err(format!("id {:?} is not a visit id", self.id));
        }
        if self.scenario.trim().is_empty() {
            return Err("no scenario id".into());
        }
        if self.trainee.chars().count() > MAX_NAME {
            return Err(format!("trainee name longer than {MAX_NAME} characters"));
        }
        if i64::try_from(self.ended).is_err() || i64::try_from(self.started).is_err() {
            return Err("time out of range".into());
        }
        Ok(())
    }
}

/// The longest trainee name kept.
pub const MAX_NAME: usize = 64;

/// A trainee name as typed, cleaned: control characters dropped, spaces collapsed, trimmed,
/// at most [`MAX_NAME`] characters. `None` when nothing is left.
pub fn clean_name(raw: &str) -> Option<String> {
    let mut out = String::new();
    for word in raw.split_whitespace() {
        let w: String = word.chars().filter(|c| !c.is_control()).collect();
        if w.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&w);
    }
    let out: String = out.chars().take(MAX_NAME).collect();
    let out = out.trim().to_owned();
    (!out.is_empty()).then_some(out)
}

/// Milliseconds since the Unix epoch, now.
pub fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64)
}

/// A UUID v7 (RFC 9562) for a visit ending at `ms`: 48 bits of time, then 74 random bits
/// drawn from the standard library's per-process random keys and a counter, so two machines
/// (or two visits in one millisecond) never share one.
pub fn new_id(ms: u64) -> String {
    use std::hash::{BuildHasher, Hasher};
    use std::sync::OnceLock;
    use std::sync::atomic::{AtomicU64, Ordering};
    static KEYS: OnceLock<std::collections::hash_map::RandomState> = OnceLock::new();
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let keys = KEYS.get_or_init(std::collections::hash_map::RandomState::new);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let draw = |salt: u64| {
        let mut h = keys.build_hasher();
        h.write_u64(n);
        h.write_u64(salt);
        h.write_u64(ms);
        h.finish()
    };
    let (a, b) = (draw(1), draw(2));
    let mut bytes = [0u8; 16];
    bytes[..6].copy_from_slice(&(ms & 0xFFFF_FFFF_FFFF).to_be_bytes()[2..]);
    bytes[6..8].copy_from_slice(&a.to_be_bytes()[..2]);
    bytes[8..16].copy_from_slice(&b.to_be_bytes());
    bytes[6] = (bytes[6] & 0x0F) | 0x70;
    bytes[8] = (bytes[8] & 0x3F) | 0x80;
    format_uuid(&bytes)
}

fn format_uuid(b: &[u8; 16]) -> String {
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

/// A UUID in its hyphenated form, or a `legacy-` id given to visits from the old history.
pub fn valid_id(id: &str) -> bool {
    if let Some(h) = id.strip_prefix("legacy-") {
        return h.len() == 16 && h.bytes().all(|c| c.is_ascii_hexdigit());
    }
    id.len() == 36
        && id.bytes().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => c == b'-',
            _ => c.is_ascii_hexdigit(),
        })
}

/// FNV-1a 64 of `bytes`, in hex: the version of a scenario file a visit was played on.
pub fn content_hash(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// Which visits to read. Every field narrows; the default reads everything.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    pub trainee: Option<String>,
    pub scenario: Option<String>,
    /// Milliseconds since the Unix epoch: visits that ended at or after it.
    pub since: Option<u64>,
}

impl Filter {
    pub fn keeps(&self, v: &Visit) -> bool {
        self.trainee.as_ref().is_none_or(|t| &v.trainee == t)
            && self.scenario.as_ref().is_none_or(|s| &v.scenario == s)
            && self.since.is_none_or(|s| v.ended >= s)
    }
}

/// A stored visit that could not be read, named so that it can be looked at.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Skipped {
    pub id: String,
    pub why: String,
}

/// Visits read from a store, oldest first, and those that could not be read.
#[derive(Clone, Debug, Default)]
pub struct Loaded {
    pub visits: Vec<Visit>,
    pub skipped: Vec<Skipped>,
}

/// What went wrong with the records, naming the file or the server.
#[derive(Debug, thiserror::Error)]
pub enum RecordError {
    #[error("{path}: cannot open the records database: {source}")]
    Open {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error(
        "{path}: not a jiedai records database, or damaged ({source}); the file was left as it is"
    )]
    Damaged {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error(
        "{place}: the records were written by a newer jiedai (schema {found}, this one knows {known}); update jiedai to use them"
    )]
    NewerSchema {
        place: String,
        found: i64,
        known: i64,
    },
    #[error("{path}: the disk is full; the visit was not stored")]
    Full { path: PathBuf },
    #[error("{path}: {source}")]
    Sqlite {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error("records server {server}: {message}")]
    Server { server: String, message: String },
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("visit {id}: {why}")]
    BadVisit { id: String, why: String },
}

impl RecordError {
    /// The error in the trainee's language, for the app and the command line.
    pub fn message(&self, lang: crate::Lang) -> String {
        use crate::Lang;
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            RecordError::Open { path, source } => {
                format!("{}：打不开练习记录数据库：{source}", path.display())
            }
            RecordError::Damaged { path, source } => format!(
                "{}：不是 jiedai 的练习记录数据库，或已损坏（{source}）；文件未作任何改动",
                path.display()
            ),
            RecordError::NewerSchema {
                place,
                found,
                known,
            } => format!(
                "{place}：练习记录由更新版本的 jiedai 写入（结构版本 {found}，本版本为 {known}），请升级后再用"
            ),
            RecordError::Full { path } => {
                format!("{}：磁盘已满，这次接待未能保存", path.display())
            }
            RecordError::Sqlite { path, source } => format!("{}：{source}", path.display()),
            RecordError::Server { server, message } => {
                format!("练习记录服务器 {server}：{message}")
            }
            RecordError::Io { path, source } => format!("{}：{source}", path.display()),
            RecordError::BadVisit { id, why } => format!("接待记录 {id}：{why}"),
        }
    }
}

/// What both backends do, with one schema.
pub trait Store {
    /// The file or server, for messages (a server's password is never shown).
    fn place(&self) -> String;
    /// Stores a visit whole, in one transaction. `Ok(false)` when a visit with its id is
    /// already there (the stored one is kept).
    fn save(&mut self, v: &Visit) -> Result<bool, RecordError>;
    /// Stores several visits in one transaction: all of them or none. Returns how many were
    /// new. For imports; the app stores each visit as it ends.
    fn save_all(&mut self, vs: &[Visit]) -> Result<u64, RecordError> {
        let mut n = 0;
        for v in vs {
            n += u64::from(self.save(v)?);
        }
        Ok(n)
    }
    /// The visits that pass `f`, oldest first; rows that cannot be read are skipped and named.
    fn load(&mut self, f: &Filter) -> Result<Loaded, RecordError>;
    /// Every trainee name with visits, sorted.
    fn trainees(&mut self) -> Result<Vec<String>, RecordError>;
    /// How many visits are stored.
    fn count(&mut self) -> Result<u64, RecordError>;
}

/// Decodes a stored row's JSON, or says why not.
fn decode(id: &str, format: i64, json: &str) -> Result<Visit, Skipped> {
    if format > i64::from(FORMAT) {
        return Err(Skipped {
            id: id.to_owned(),
            why: format!("written by a newer jiedai (format {format}); update to read it"),
        });
    }
    serde_json::from_str::<Visit>(json).map_err(|e| Skipped {
        id: id.to_owned(),
        why: format!("damaged record: {e}"),
    })
}

/// The platform's data folder for jiedai: `JIEDAI_DATA_DIR`, else `$XDG_DATA_HOME/jiedai` or
/// `~/.local/share/jiedai` (the Application Support folder on macOS, `%APPDATA%` on Windows).
pub fn default_data_dir() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os("JIEDAI_DATA_DIR").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(d));
    }
    if cfg!(windows) {
        std::env::var_os("APPDATA").map(|a| PathBuf::from(a).join("jiedai").join("data"))
    } else if cfg!(target_os = "macos") {
        std::env::var_os("HOME")
            .map(|h| PathBuf::from(h).join("Library/Application Support/jiedai"))
    } else {
        std::env::var_os("XDG_DATA_HOME")
            .filter(|d| !d.is_empty())
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))
            .map(|c| c.join("jiedai"))
    }
}

/// The records database in data folder `dir`.
pub fn db_path(dir: &Path) -> PathBuf {
    dir.join(DB_FILE)
}

/// The visits of the old history file (`history.jsonl`), as records: no trainee, no
/// transcript, and an id made from the line's bytes, so importing it twice adds nothing.
pub fn from_history(bytes: &[u8]) -> (Vec<Visit>, Vec<crate::history::BadLine>) {
    let (records, bad) = crate::history::parse(bytes);
    let visits = records
        .into_iter()
        .map(|r| {
            let key = serde_json::to_string(&r).unwrap_or_default();
            Visit {
                format: FORMAT,
                id: format!("legacy-{}", content_hash(key.as_bytes())),
                trainee: String::new(),
                first_visit: false,
                title: Text::pair(&r.title_zh, &r.title_en),
                scenario: r.scenario,
                scenario_hash: String::new(),
                mode: Mode::Practice,
                status: Status::Finished,
                seed: r.seed,
                started: r.finished.saturating_mul(1000),
                ended: r.finished.saturating_mul(1000),
                outcome: r.outcome,
                resolved_first_visit: false,
                overall: r.overall,
                techniques: r.techniques,
                anti_patterns: BTreeMap::new(),
                turns: r.turns,
                path: Vec::new(),
                transcript: Vec::new(),
                debrief: None,
            }
        })
        .collect();
    (visits, bad)
}

/// `YYYY-MM-DD` (UTC) as milliseconds since the Unix epoch at its midnight.
pub fn parse_date(s: &str) -> Option<u64> {
    let mut it = s.trim().splitn(3, '-');
    let y: i64 = it.next()?.parse().ok()?;
    let m: i64 = it.next()?.parse().ok()?;
    let d: i64 = it.next()?.parse().ok()?;
    if !(1970..=9999).contains(&y) || !(1..=12).contains(&m) {
        return None;
    }
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days_in = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    if d < 1 || d > days_in[(m - 1) as usize] {
        return None;
    }
    // Days-from-civil (Howard Hinnant's algorithm).
    let y2 = if m <= 2 { y - 1 } else { y };
    let era = y2.div_euclid(400);
    let yoe = y2 - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    u64::try_from(days * 86_400_000).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_uuid_v7_unique_and_sorted_by_time() {
        let a = new_id(1_795_000_000_000);
        let b = new_id(1_795_000_000_000);
        let c = new_id(1_795_000_000_001);
        assert_ne!(a, b);
        assert!(valid_id(&a), "{a}");
        assert_eq!(&a[14..15], "7", "{a}");
        assert!(matches!(&a[19..20], "8" | "9" | "a" | "b"), "{a}");
        assert!(a[..13] < c[..13]);
        let many: std::collections::HashSet<String> = (0..10_000).map(|_| new_id(1)).collect();
        assert_eq!(many.len(), 10_000);
    }

    #[test]
    fn dates_parse_and_round_trip_with_the_history_dates() {
        for s in ["1970-01-01", "2000-02-29", "2026-12-03", "2024-12-31"] {
            let ms = parse_date(s).unwrap();
            assert_eq!(&crate::history::date(ms / 1000)[..10], s);
        }
        for bad in [
            "2026-02-30",
            "2026-13-01",
            "yesterday",
            "2026-1",
            "",
            "1969-12-31",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn names_are_cleaned() {
        assert_eq!(clean_name("  张 \t 三\u{7}  ").as_deref(), Some("张 三"));
        assert_eq!(clean_name(" \n\t "), None);
        assert_eq!(
            clean_name(&"长".repeat(200)).unwrap().chars().count(),
            MAX_NAME
        );
    }
}
