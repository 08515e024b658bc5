//! The embedded backend: one SQLite file per machine, in WAL mode with full syncs, one
//! transaction per visit.

use super::{Filter, Loaded, RecordError, Store, Visit, decode, schema};
use rusqlite::{Connection, ErrorCode, OptionalExtension, TransactionBehavior, params};
use std::path::{Path, PathBuf};

/// A stored visit's id, format and JSON, as both readers select them.
fn stored(r: &rusqlite::Row) -> rusqlite::Result<(String, i64, String)> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
}

pub struct SqliteStore {
    conn: Connection,
    path: PathBuf,
}

fn is_damage(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt)
    )
}

/// What an SQLite error means for the records: a damaged file, a full disk, or another error.
fn classify(path: &Path, source: rusqlite::Error) -> RecordError {
    if is_damage(&source) {
        RecordError::Damaged {
            path: path.to_path_buf(),
            source,
        }
    } else if source.sqlite_error_code() == Some(ErrorCode::DiskFull) {
        RecordError::Full {
            path: path.to_path_buf(),
        }
    } else {
        RecordError::Sqlite {
            path: path.to_path_buf(),
            source,
        }
    }
}

impl SqliteStore {
    /// Opens (or creates, with its folder) the database at `path` and brings its schema up to
    /// date. A file that is not a database is named and left untouched; so is one written by
    /// a newer jiedai.
    pub fn open(path: &Path) -> Result<SqliteStore, RecordError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| RecordError::Io {
                path: dir.to_path_buf(),
                source,
            })?;
        }
        let conn = Connection::open(path).map_err(|source| RecordError::Open {
            path: path.to_path_buf(),
            source,
        })?;
        let mut s = SqliteStore {
            conn,
            path: path.to_path_buf(),
        };
        s.prepare()?;
        Ok(s)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn err(&self, source: rusqlite::Error) -> RecordError {
        classify(&self.path, source)
    }

    fn prepare(&mut self) -> Result<(), RecordError> {
        // Reading the header first tells a damaged file from a good one before anything is
        // written to it.
        self.conn
            .query_row("SELECT count(*) FROM sqlite_master", [], |r| {
                r.get::<_, i64>(0)
            })
            .map_err(|e| self.err(e))?;
        self.conn
            .busy_timeout(std::time::Duration::from_secs(5))
            .map_err(|e| self.err(e))?;
        let mode: String = self
            .conn
            .query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))
            .map_err(|e| self.err(e))?;
        debug_assert!(
            mode.eq_ignore_ascii_case("wal") || mode == "memory",
            "{mode}"
        );
        self.conn
            .execute_batch("PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;")
            .map_err(|e| self.err(e))?;
        self.migrate()
    }

    fn version(&self) -> Result<i64, RecordError> {
        self.conn
            .execute_batch(schema::VERSION_TABLE)
            .map_err(|e| self.err(e))?;
        self.conn
            .query_row("SELECT max(version) FROM jiedai_schema", [], |r| {
                r.get::<_, Option<i64>>(0)
            })
            .map(Option::unwrap_or_default)
            .map_err(|e| self.err(e))
    }

    fn migrate(&mut self) -> Result<(), RecordError> {
        let found = self.version()?;
        if found > schema::VERSION {
            return Err(RecordError::NewerSchema {
                place: self.path.display().to_string(),
                found,
                known: schema::VERSION,
            });
        }
        for v in (found + 1)..=schema::VERSION {
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)
                .map_err(|e| RecordError::Sqlite {
                    path: self.path.clone(),
                    source: e,
                })?;
            // Another process may have migrated while this one waited for the lock.
            let now: Option<i64> = tx
                .query_row("SELECT max(version) FROM jiedai_schema", [], |r| r.get(0))
                .map_err(|e| RecordError::Sqlite {
                    path: self.path.clone(),
                    source: e,
                })?;
            if now.unwrap_or_default() >= v {
                continue;
            }
            tx.execute_batch(&schema::migration(v as usize, true))
                .and_then(|()| tx.execute("INSERT INTO jiedai_schema (version) VALUES (?1)", [v]))
                .and_then(|_| tx.commit())
                .map_err(|e| RecordError::Sqlite {
                    path: self.path.clone(),
                    source: e,
                })?;
        }
        Ok(())
    }

    /// Stores `v` and, in the same transaction, queues it for `server`.
    pub fn save_queued(&mut self, v: &Visit, server: Option<&str>) -> Result<bool, RecordError> {
        Ok(self.save_batch(std::slice::from_ref(v), server)? == 1)
    }

    /// Stores `vs` in one transaction (all or none), each queued for `server`. Returns how
    /// many were new.
    pub fn save_batch(&mut self, vs: &[Visit], server: Option<&str>) -> Result<u64, RecordError> {
        let rows = vs
            .iter()
            .map(|v| Ok((v, v.to_row()?)))
            .collect::<Result<Vec<_>, RecordError>>()?;
        let path = self.path.clone();
        let fail = |e: rusqlite::Error| classify(&path, e);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(fail)?;
        let mut added = 0;
        {
            let mut insert = tx
                .prepare(
                    "INSERT INTO visits (id, format, trainee, scenario, scenario_hash, mode,
                                         status, started, ended, overall, record)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
                     ON CONFLICT (id) DO NOTHING",
                )
                .map_err(fail)?;
            let mut queue = tx
                .prepare("INSERT INTO outbox (id, server) VALUES (?1, ?2) ON CONFLICT DO NOTHING")
                .map_err(fail)?;
            for (v, json) in &rows {
                added += insert
                    .execute(params![
                        v.id,
                        v.format,
                        v.trainee,
                        v.scenario,
                        v.scenario_hash,
                        v.mode.as_str(),
                        v.status.as_str(),
                        v.started as i64,
                        v.ended as i64,
                        v.overall,
                        json
                    ])
                    .map_err(fail)? as u64;
                if let Some(s) = server {
                    queue.execute(params![v.id, s]).map_err(fail)?;
                }
            }
        }
        tx.commit().map_err(fail)?;
        Ok(added)
    }

    /// Puts every stored visit in the outbox for `server` (a server set up after visits were
    /// kept); the server keeps one copy of each.
    pub fn queue_all(&mut self, server: &str) -> Result<u64, RecordError> {
        self.conn
            .execute(
                "INSERT INTO outbox (id, server) SELECT id, ?1 FROM visits WHERE true
                 ON CONFLICT DO NOTHING",
                [server],
            )
            .map(|n| n as u64)
            .map_err(|e| self.err(e))
    }

    /// Up to `limit` visits waiting for `server`, oldest first.
    pub fn pending(&mut self, server: &str, limit: usize) -> Result<Vec<Visit>, RecordError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT v.id, v.format, v.record FROM outbox o JOIN visits v ON v.id = o.id
                 WHERE o.server = ?1 ORDER BY v.ended, v.id LIMIT ?2",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map(params![server, limit as i64], stored)
            .map_err(|e| RecordError::Sqlite {
                path: self.path.clone(),
                source: e,
            })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, format, json) = row.map_err(|e| RecordError::Sqlite {
                path: self.path.clone(),
                source: e,
            })?;
            // A row this build cannot read stays queued, for a newer build to send.
            if let Ok(v) = decode(&id, format, &json) {
                out.push(v);
            }
        }
        Ok(out)
    }

    pub fn pending_count(&mut self, server: &str) -> Result<u64, RecordError> {
        self.conn
            .query_row(
                "SELECT count(*) FROM outbox WHERE server = ?1",
                [server],
                |r| r.get::<_, i64>(0),
            )
            .map(|n| n as u64)
            .map_err(|e| self.err(e))
    }

    /// The server has these visits: take them out of the outbox, in one transaction.
    pub fn sent(&mut self, ids: &[&str], server: &str) -> Result<(), RecordError> {
        let path = self.path.clone();
        let fail = |source| RecordError::Sqlite {
            path: path.clone(),
            source,
        };
        let tx = self.conn.transaction().map_err(fail)?;
        {
            let mut del = tx
                .prepare("DELETE FROM outbox WHERE id = ?1 AND server = ?2")
                .map_err(fail)?;
            for id in ids {
                del.execute(params![id, server]).map_err(fail)?;
            }
        }
        tx.commit().map_err(fail)
    }

    pub fn meta(&mut self, key: &str) -> Result<Option<String>, RecordError> {
        self.conn
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()
            .map_err(|e| self.err(e))
    }

    pub fn set_meta(&mut self, key: &str, value: &str) -> Result<(), RecordError> {
        self.conn
            .execute(
                "INSERT INTO meta (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                params![key, value],
            )
            .map(|_| ())
            .map_err(|e| self.err(e))
    }

    /// SQLite's own check of the file, `ok` when whole.
    pub fn integrity(&mut self) -> Result<String, RecordError> {
        self.conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .map_err(|e| self.err(e))
    }

    /// For tests of a full disk: the most pages the file may grow to.
    pub fn limit_pages(&mut self, pages: u32) -> Result<(), RecordError> {
        self.conn
            .query_row(&format!("PRAGMA max_page_count = {pages}"), [], |r| {
                r.get::<_, i64>(0)
            })
            .map(|_| ())
            .map_err(|e| self.err(e))
    }
}

impl Store for SqliteStore {
    fn place(&self) -> String {
        self.path.display().to_string()
    }

    fn save(&mut self, v: &Visit) -> Result<bool, RecordError> {
        self.save_queued(v, None)
    }

    fn save_all(&mut self, vs: &[Visit]) -> Result<u64, RecordError> {
        self.save_batch(vs, None)
    }

    fn load(&mut self, f: &Filter) -> Result<Loaded, RecordError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT id, format, record FROM visits
                 WHERE (?1 IS NULL OR trainee = ?1) AND (?2 IS NULL OR scenario = ?2)
                   AND (?3 IS NULL OR ended >= ?3)
                 ORDER BY ended, id",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map(
                params![f.trainee, f.scenario, f.since.map(|s| s as i64)],
                stored,
            )
            .map_err(|e| RecordError::Sqlite {
                path: self.path.clone(),
                source: e,
            })?;
        let mut out = Loaded::default();
        for row in rows {
            match row {
                Ok((id, format, json)) => match decode(&id, format, &json) {
                    Ok(v) => out.visits.push(v),
                    Err(s) => out.skipped.push(s),
                },
                Err(e) => out.skipped.push(super::Skipped {
                    id: "?".into(),
                    why: e.to_string(),
                }),
            }
        }
        Ok(out)
    }

    fn trainees(&mut self) -> Result<Vec<String>, RecordError> {
        let mut stmt = self
            .conn
            .prepare("SELECT DISTINCT trainee FROM visits WHERE trainee <> '' ORDER BY trainee")
            .map_err(|e| self.err(e))?;
        let names = stmt
            .query_map([], |r| r.get::<_, String>(0))
            .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
            .map_err(|e| RecordError::Sqlite {
                path: self.path.clone(),
                source: e,
            })?;
        Ok(names)
    }

    fn count(&mut self) -> Result<u64, RecordError> {
        self.conn
            .query_row("SELECT count(*) FROM visits", [], |r| r.get::<_, i64>(0))
            .map(|n| n as u64)
            .map_err(|e| self.err(e))
    }
}
