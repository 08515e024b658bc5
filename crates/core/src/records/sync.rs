//! What the app and the command line hold: the machine's database, always written first, and
//! the centre's server, fed from the database's outbox. A visit is queued in the same
//! transaction that stores it, and leaves the outbox only once the server has it, so a server
//! that cannot be reached delays records but never loses them, and one that is reached twice
//! for the same visit keeps one copy (the visit's id is the key on both sides).

use super::postgres::{PgStore, describe};
use super::sqlite::SqliteStore;
use super::{Filter, Loaded, RecordError, Store, UNSAVED_FILE, Visit};
use std::path::{Path, PathBuf};

/// The outcome of storing a visit.
#[derive(Debug, Default)]
pub struct Saved {
    /// Stored on this machine (false: it was there already).
    pub local: bool,
    /// What happened on the way to the centre's server, when one is set.
    pub pushed: Option<Pushed>,
}

/// The outcome of sending the outbox to the server.
#[derive(Debug, Default)]
pub struct Pushed {
    pub sent: u64,
    /// Still waiting.
    pub pending: u64,
    /// Why the server could not take them, if it could not.
    pub error: Option<RecordError>,
}

pub struct Records {
    local: SqliteStore,
    dir: PathBuf,
    /// The server's connection string, its name for the outbox, and the connection once made.
    server: Option<(String, String, Option<PgStore>)>,
}

/// The most visits sent to the server in one go.
const BATCH: usize = 500;

impl Records {
    /// The records of data folder `dir`, and the centre's server `server` if one is set. The
    /// server is not contacted until there is something to send or read.
    pub fn open(dir: &Path, server: Option<&str>) -> Result<Records, RecordError> {
        let local = SqliteStore::open(&super::db_path(dir))?;
        Ok(Records {
            local,
            dir: dir.to_path_buf(),
            server: server
                .filter(|s| !s.trim().is_empty())
                .map(|s| (s.to_owned(), describe(s), None)),
        })
    }

    pub fn local(&mut self) -> &mut SqliteStore {
        &mut self.local
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The server's name, when one is set.
    pub fn server(&self) -> Option<&str> {
        self.server.as_ref().map(|(_, name, _)| name.as_str())
    }

    /// Stores `v` on this machine (queued for the server in the same transaction), then tries
    /// to send what the server is waiting for.
    pub fn save(&mut self, v: &Visit) -> Result<Saved, RecordError> {
        let name = self.server.as_ref().map(|(_, n, _)| n.clone());
        let local = self.local.save_queued(v, name.as_deref())?;
        let pushed = self.server.is_some().then(|| self.push());
        Ok(Saved { local, pushed })
    }

    /// Stores `v` on this machine, queued for the server, without contacting it (the app
    /// sends from another thread).
    pub fn save_local(&mut self, v: &Visit) -> Result<bool, RecordError> {
        let name = self.server.as_ref().map(|(_, n, _)| n.clone());
        self.local.save_queued(v, name.as_deref())
    }

    /// Sends the outbox to the server. Each visit leaves the outbox once the server has it;
    /// sending one again (after a crash between the two) adds nothing there.
    pub fn push(&mut self) -> Pushed {
        let Some((url, name, conn)) = self.server.as_mut() else {
            return Pushed::default();
        };
        let name = name.clone();
        let mut out = Pushed::default();
        if conn.is_none() {
            match PgStore::connect(url) {
                Ok(c) => *conn = Some(c),
                Err(e) => {
                    out.pending = self.local.pending_count(&name).unwrap_or_default();
                    out.error = Some(e);
                    return out;
                }
            }
        }
        loop {
            let batch = match self.local.pending(&name, BATCH) {
                Ok(b) => b,
                Err(e) => {
                    out.error = Some(e);
                    break;
                }
            };
            if batch.is_empty() {
                break;
            }
            let Some(pg) = self.server.as_mut().and_then(|s| s.2.as_mut()) else {
                break;
            };
            match pg.save_all(&batch) {
                Ok(_) => {
                    let ids: Vec<&str> = batch.iter().map(|v| v.id.as_str()).collect();
                    if let Err(e) = self.local.sent(&ids, &name) {
                        out.error = Some(e);
                        break;
                    }
                    out.sent += batch.len() as u64;
                }
                Err(e) => {
                    // The connection may be gone: make a new one next time.
                    if let Some(s) = self.server.as_mut() {
                        s.2 = None;
                    }
                    out.error = Some(e);
                    break;
                }
            }
        }
        out.pending = self.local.pending_count(&name).unwrap_or_default();
        out
    }

    /// Queues every visit on this machine for the server (one set up after visits were kept).
    pub fn queue_all(&mut self) -> Result<u64, RecordError> {
        match self.server.as_ref().map(|(_, n, _)| n.clone()) {
            Some(n) => self.local.queue_all(&n),
            None => Ok(0),
        }
    }

    /// The visits on this machine.
    pub fn load_local(&mut self, f: &Filter) -> Result<Loaded, RecordError> {
        self.local.load(f)
    }

    /// Trainee names on this machine.
    pub fn trainees(&mut self) -> Result<Vec<String>, RecordError> {
        self.local.trainees()
    }

    /// Imports the old `history.jsonl` of config folder `config` once: the database remembers
    /// that it did, and the file is left where it is. Returns how many visits were added.
    pub fn import_history_once(&mut self, config: &Path) -> Result<u64, RecordError> {
        let file = crate::history::file(config);
        let key = format!("history-imported:{}", file.display());
        if self.local.meta(&key)?.is_some() {
            return Ok(0);
        }
        let bytes = match std::fs::read(&file) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
            Err(source) => return Err(RecordError::Io { path: file, source }),
        };
        let (visits, _bad) = super::from_history(&bytes);
        let mut added = 0;
        let name = self.server.as_ref().map(|(_, n, _)| n.clone());
        for v in &visits {
            if self.local.save_queued(v, name.as_deref())? {
                added += 1;
            }
        }
        self.local.set_meta(&key, &super::now_ms().to_string())?;
        Ok(added)
    }
}

/// Keeps a visit that no database would take as a JSON line in data folder `dir`'s
/// [`UNSAVED_FILE`], to be imported later. Returns the file.
pub fn spool(dir: &Path, v: &Visit) -> Result<PathBuf, RecordError> {
    let path = dir.join(UNSAVED_FILE);
    let io = |source| RecordError::Io {
        path: path.clone(),
        source,
    };
    std::fs::create_dir_all(dir).map_err(io)?;
    let mut line = serde_json::to_string(v).map_err(|e| RecordError::BadVisit {
        id: v.id.clone(),
        why: e.to_string(),
    })?;
    line.push('\n');
    use std::io::Write;
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .map_err(io)?;
    f.write_all(line.as_bytes()).map_err(io)?;
    f.sync_all().map_err(io)?;
    Ok(path)
}
