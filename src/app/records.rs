//! The app's hold on the trainees' records: who is training, the machine's database, and the
//! centre's server, which is fed on another thread so that the screen never waits for it.

use bevy::prelude::*;
use jiedai_core::Lang;
use jiedai_core::records::{self, Filter, Loaded, Records, Visit};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

#[derive(Resource, Default)]
pub struct AppRecords {
    /// The open database; `None` when it could not be opened (then `problem` says why) or in
    /// tests that keep no records.
    db: Option<Mutex<Records>>,
    /// The data folder.
    pub dir: Option<PathBuf>,
    /// The centre's server, if one is set.
    pub store: Option<String>,
    /// Why the records cannot be used, for the screens to show.
    pub problem: Option<String>,
    /// What happened to the last visit kept, for the debrief.
    pub last: Option<String>,
    /// Who is training; empty until a name is given.
    pub trainee: String,
    /// Names with visits on this machine, for the trainee screen.
    pub known: Vec<String>,
    /// Visits of the current trainee (for the menu's History entry).
    pub count: usize,
}

impl AppRecords {
    /// Opens the records of data folder `dir` (the old history of config folder `config`
    /// imported once). A database that cannot be opened is reported, never replaced.
    pub fn open(
        dir: Option<PathBuf>,
        store: Option<String>,
        config: Option<&Path>,
        lang: Lang,
    ) -> AppRecords {
        let mut out = AppRecords {
            dir: dir.clone(),
            store: store.clone(),
            ..default()
        };
        let Some(dir) = dir else {
            out.problem = Some(
                lang.pick(
                    "找不到数据文件夹（未设置 HOME），练习记录不会保存",
                    "no data folder (HOME is not set): visits will not be kept",
                )
                .to_owned(),
            );
            return out;
        };
        match Records::open(&dir, store.as_deref()) {
            Ok(mut r) => {
                if let Some(c) = config
                    && let Err(e) = r.import_history_once(c)
                {
                    warn!("{}", e.message(lang));
                }
                out.known = r.trainees().unwrap_or_default();
                out.db = Some(Mutex::new(r));
            }
            Err(e) => out.problem = Some(e.message(lang)),
        }
        out
    }

    pub fn is_open(&self) -> bool {
        self.db.is_some()
    }

    /// Sets who is training, and counts their visits.
    pub fn set_trainee(&mut self, name: &str) {
        self.trainee = name.to_owned();
        self.count = self.load_trainee().visits.len();
    }

    /// The current trainee's visits, oldest first.
    pub fn load_trainee(&self) -> Loaded {
        let Some(db) = &self.db else {
            return Loaded::default();
        };
        let Ok(mut r) = db.lock() else {
            return Loaded::default();
        };
        let f = Filter {
            trainee: Some(self.trainee.clone()),
            ..default()
        };
        r.load_local(&f).unwrap_or_default()
    }

    /// Keeps `v`: in the database (queued for the server), or, when the database cannot take
    /// it, in a file beside it for `jiedai records import`. Returns the message to show.
    pub fn keep(&mut self, v: &Visit, lang: Lang) -> String {
        let saved = match &self.db {
            Some(db) => match db.lock() {
                Ok(mut r) => r.save_local(v),
                Err(_) => Err(records::RecordError::BadVisit {
                    id: v.id.clone(),
                    why: "the records are locked".into(),
                }),
            },
            None => Err(records::RecordError::BadVisit {
                id: v.id.clone(),
                why: self.problem.clone().unwrap_or_default(),
            }),
        };
        let msg = match saved {
            Ok(_) => {
                self.count += 1;
                if !self.known.contains(&v.trainee) && !v.trainee.is_empty() {
                    self.known.push(v.trainee.clone());
                    self.known.sort();
                }
                self.push_later();
                match lang {
                    Lang::Zh => format!("已记入 {} 的练习记录", v.trainee),
                    Lang::En => format!("Kept in {}'s records", v.trainee),
                }
            }
            Err(e) => {
                let spooled = self
                    .dir
                    .as_deref()
                    .map(|d| records::spool(d, v).map_err(|e| e.message(lang)));
                let why = e.message(lang);
                error!("{why}");
                match spooled {
                    Some(Ok(p)) => match lang {
                        Lang::Zh => format!(
                            "未能存入数据库（{why}）；这次接待先存在 {}，可用 jiedai records import 导入",
                            p.display()
                        ),
                        Lang::En => format!(
                            "Not stored in the database ({why}); the visit is kept in {} for jiedai records import",
                            p.display()
                        ),
                    },
                    Some(Err(e2)) => format!("{why}; {e2}"),
                    None => why,
                }
            }
        };
        self.last = Some(msg.clone());
        msg
    }

    /// Sends the outbox to the centre's server on another thread, with its own connection.
    fn push_later(&self) {
        let (Some(dir), Some(store)) = (self.dir.clone(), self.store.clone()) else {
            return;
        };
        std::thread::spawn(move || match Records::open(&dir, Some(&store)) {
            Ok(mut r) => {
                let p = r.push();
                if let Some(e) = p.error {
                    warn!(
                        "{} ({} waiting; they are sent later)",
                        e.message(Lang::En),
                        p.pending
                    );
                }
            }
            Err(e) => warn!("{}", e.message(Lang::En)),
        });
    }
}
