//! The trainee's history: one JSON line per finished visit in the config folder. Each record is
//! appended with a single write; lines that cannot be read are skipped and counted, never
//! rewritten.

use jiedai_core::model::Outcome;
use serde::{Deserialize, Serialize};
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

/// The records, oldest first, and how many lines could not be read.
pub fn load(dir: &Path) -> (Vec<Record>, usize) {
    let Ok(bytes) = std::fs::read(file(dir)) else {
        return (Vec::new(), 0);
    };
    let text = String::from_utf8_lossy(&bytes);
    let mut out = Vec::new();
    let mut bad = 0;
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        match serde_json::from_str::<Record>(line) {
            Ok(r) => out.push(r),
            Err(_) => bad += 1,
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
    }

    #[test]
    fn dates_are_readable() {
        assert_eq!(date(0), "1970-01-01 00:00");
        assert_eq!(date(1_795_000_000), "2026-11-18 11:06");
    }
}
