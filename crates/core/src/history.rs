//! The trainee's history: one JSON line per finished visit, kept by the app in its config
//! folder. Each record is appended with a single write; lines that cannot be read are skipped
//! and reported by line number, never rewritten.

use crate::model::Outcome;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Record {
    pub scenario: String,
    pub title_zh: String,
    pub title_en: String,
    /// Seconds since the Unix epoch.
    pub finished: u64,
    pub overall: u32,
    pub outcome: Option<Outcome>,
    pub turns: u32,
    pub seed: u64,
    /// 0–100 per technique the scenario could score (absent in records from older versions).
    #[serde(default)]
    pub techniques: BTreeMap<String, u32>,
}

/// A line of the history file that is not a record.
#[derive(Clone, Debug, PartialEq)]
pub struct BadLine {
    /// 1-based.
    pub line: usize,
    pub error: String,
}

pub fn file(dir: &Path) -> std::path::PathBuf {
    dir.join("history.jsonl")
}

pub fn append(dir: &Path, r: &Record) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let mut line = serde_json::to_string(r).map_err(std::io::Error::other)?;
    line.push('\n');
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(file(dir))?;
    f.write_all(line.as_bytes())
}

/// The records in the config folder `dir`, oldest first, and how many lines could not be read.
pub fn load(dir: &Path) -> (Vec<Record>, usize) {
    match std::fs::read(file(dir)) {
        Ok(bytes) => {
            let (records, bad) = parse(&bytes);
            (records, bad.len())
        }
        Err(_) => (Vec::new(), 0),
    }
}

/// The records in a history file's bytes, and the lines that are not records.
pub fn parse(bytes: &[u8]) -> (Vec<Record>, Vec<BadLine>) {
    let mut out = Vec::new();
    let mut bad = Vec::new();
    for (i, raw) in bytes.split(|&b| b == b'\n').enumerate() {
        let Ok(line) = std::str::from_utf8(raw) else {
            bad.push(BadLine {
                line: i + 1,
                error: "not UTF-8".into(),
            });
            continue;
        };
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Record>(line) {
            Ok(r) => out.push(r),
            Err(e) => bad.push(BadLine {
                line: i + 1,
                error: e.to_string(),
            }),
        }
    }
    (out, bad)
}

/// `YYYY-MM-DD HH:MM` (UTC) for a record's time.
pub fn date(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let (h, m) = ((secs % 86_400) / 3600, (secs % 3600) / 60);
    // Civil-from-days (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let mo = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(mo <= 2);
    format!("{y:04}-{mo:02}-{d:02} {h:02}:{m:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(score: u32) -> Record {
        Record {
            scenario: "tutorial".into(),
            title_zh: "教程".into(),
            title_en: "Tutorial".into(),
            finished: 1_795_000_000,
            overall: score,
            outcome: Some(Outcome::Referred),
            turns: 4,
            seed: 1,
            techniques: BTreeMap::from([("listening".to_owned(), score)]),
        }
    }

    #[test]
    fn appends_and_reads_back_skipping_damaged_lines() {
        let dir = tempfile::tempdir().unwrap();
        append(dir.path(), &rec(80)).unwrap();
        std::fs::OpenOptions::new()
            .append(true)
            .open(file(dir.path()))
            .unwrap()
            .write_all(b"{not json\n\xff\xfe\n")
            .unwrap();
        append(dir.path(), &rec(90)).unwrap();
        let (records, bad) = load(dir.path());
        assert_eq!(
            records.iter().map(|r| r.overall).collect::<Vec<_>>(),
            vec![80, 90]
        );
        assert_eq!(bad, 2);
        let (_, lines) = parse(&std::fs::read(file(dir.path())).unwrap());
        assert_eq!(
            lines.iter().map(|b| b.line).collect::<Vec<_>>(),
            vec![2, 3],
            "{lines:?}"
        );
    }

    #[test]
    fn records_from_before_the_technique_scores_still_read() {
        let old = br#"{"scenario":"tutorial","title_zh":"t","title_en":"t","finished":1,"overall":70,"outcome":null,"turns":3,"seed":1}"#;
        let (records, bad) = parse(old);
        assert!(bad.is_empty(), "{bad:?}");
        assert!(records[0].techniques.is_empty());
    }

    #[test]
    fn dates_are_readable() {
        assert_eq!(date(0), "1970-01-01 00:00");
        assert_eq!(date(1_795_000_000), "2026-11-18 11:06");
    }
}
