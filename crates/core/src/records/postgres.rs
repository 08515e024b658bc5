//! The centre's backend: a PostgreSQL server that every training room writes to, with the
//! schema of the local database (less its outbox).

use super::{Filter, Loaded, RecordError, Skipped, Store, Visit, decode, schema};
use postgres::{Client, Config, NoTls};
use std::time::Duration;

/// How long to wait for a server before working on without it.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(3);

pub struct PgStore {
    client: Client,
    place: String,
}

/// `host:port/database` of a connection string, without user or password.
pub fn describe(url: &str) -> String {
    match url.parse::<Config>() {
        Ok(c) => {
            let host = c
                .get_hosts()
                .first()
                .map(|h| match h {
                    postgres::config::Host::Tcp(t) => t.clone(),
                    #[cfg(unix)]
                    postgres::config::Host::Unix(p) => p.display().to_string(),
                })
                .unwrap_or_else(|| "localhost".into());
            let port = c.get_ports().first().copied().unwrap_or(5432);
            format!("{host}:{port}/{}", c.get_dbname().unwrap_or("postgres"))
        }
        Err(_) => "(unreadable server address)".into(),
    }
}

fn message(e: &postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => db.message().to_owned(),
        None => {
            let mut s = e.to_string();
            let mut src = std::error::Error::source(e);
            while let Some(inner) = src {
                s.push_str(": ");
                s.push_str(&inner.to_string());
                src = inner.source();
            }
            s
        }
    }
}

impl PgStore {
    /// Connects to the server at `url` (a `postgres://` URL or key=value string) and brings
    /// its schema up to date.
    pub fn connect(url: &str) -> Result<PgStore, RecordError> {
        let place = describe(url);
        let server = |m: String| RecordError::Server {
            server: place.clone(),
            message: m,
        };
        let mut config: Config = url
            .parse()
            .map_err(|e: postgres::Error| server(format!("not a server address: {e}")))?;
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(CONNECT_TIMEOUT);
        }
        config.application_name("jiedai");
        let client = config.connect(NoTls).map_err(|e| server(message(&e)))?;
        let mut s = PgStore {
            client,
            place: place.clone(),
        };
        s.migrate()?;
        Ok(s)
    }

    fn err(&self, e: postgres::Error) -> RecordError {
        RecordError::Server {
            server: self.place.clone(),
            message: message(&e),
        }
    }

    fn migrate(&mut self) -> Result<(), RecordError> {
        let mut tx = self.client.transaction().map_err(|e| RecordError::Server {
            server: self.place.clone(),
            message: message(&e),
        })?;
        let place = self.place.clone();
        let fail = |e: postgres::Error| RecordError::Server {
            server: place.clone(),
            message: message(&e),
        };
        // Machines starting together take turns; the lock ends with the transaction.
        tx.batch_execute("SELECT pg_advisory_xact_lock(7236551)")
            .map_err(fail)?;
        tx.batch_execute(schema::VERSION_TABLE).map_err(fail)?;
        let found: i64 = tx
            .query_one("SELECT coalesce(max(version), 0) FROM jiedai_schema", &[])
            .map_err(fail)?
            .get(0);
        if found > schema::VERSION {
            return Err(RecordError::NewerSchema {
                place,
                found,
                known: schema::VERSION,
            });
        }
        for v in (found + 1)..=schema::VERSION {
            tx.batch_execute(&schema::migration(v as usize, false))
                .map_err(fail)?;
            tx.execute("INSERT INTO jiedai_schema (version) VALUES ($1)", &[&v])
                .map_err(fail)?;
        }
        tx.commit().map_err(fail)
    }

    /// Removes every visit: for the store tests' own database only.
    pub fn clear(&mut self) -> Result<(), RecordError> {
        self.client
            .batch_execute("DELETE FROM visits")
            .map_err(|e| self.err(e))
    }
}

impl Store for PgStore {
    fn place(&self) -> String {
        self.place.clone()
    }

    fn save(&mut self, v: &Visit) -> Result<bool, RecordError> {
        Ok(self.save_all(std::slice::from_ref(v))? == 1)
    }

    fn save_all(&mut self, vs: &[Visit]) -> Result<u64, RecordError> {
        let rows = vs
            .iter()
            .map(|v| Ok((v, v.to_row()?)))
            .collect::<Result<Vec<_>, RecordError>>()?;
        let place = self.place.clone();
        let fail = |e: postgres::Error| RecordError::Server {
            server: place.clone(),
            message: message(&e),
        };
        let mut tx = self.client.transaction().map_err(fail)?;
        let insert = tx
            .prepare(
                "INSERT INTO visits (id, format, trainee, scenario, scenario_hash, mode, status,
                                     started, ended, overall, record)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
                 ON CONFLICT (id) DO NOTHING",
            )
            .map_err(fail)?;
        let mut added = 0;
        for (v, json) in &rows {
            added += tx
                .execute(
                    &insert,
                    &[
                        &v.id,
                        &(v.format as i32),
                        &v.trainee,
                        &v.scenario,
                        &v.scenario_hash,
                        &v.mode.as_str(),
                        &v.status.as_str(),
                        &(v.started as i64),
                        &(v.ended as i64),
                        &(v.overall as i32),
                        json,
                    ],
                )
                .map_err(fail)?;
        }
        tx.commit().map_err(fail)?;
        Ok(added)
    }

    fn load(&mut self, f: &Filter) -> Result<Loaded, RecordError> {
        let since = f.since.map(|s| s as i64);
        let rows = self
            .client
            .query(
                "SELECT id, format, record FROM visits
                 WHERE ($1::text IS NULL OR trainee = $1) AND ($2::text IS NULL OR scenario = $2)
                   AND ($3::bigint IS NULL OR ended >= $3)
                 ORDER BY ended, id",
                &[&f.trainee, &f.scenario, &since],
            )
            .map_err(|e| self.err(e))?;
        let mut out = Loaded::default();
        for r in rows {
            let id: String = r.get(0);
            let format: i32 = r.get(1);
            let json: String = r.get(2);
            match decode(&id, i64::from(format), &json) {
                Ok(v) => out.visits.push(v),
                Err(s) => out.skipped.push(s),
            }
        }
        Ok(out)
    }

    fn trainees(&mut self) -> Result<Vec<String>, RecordError> {
        let rows = self
            .client
            .query(
                "SELECT DISTINCT trainee FROM visits WHERE trainee <> '' ORDER BY trainee",
                &[],
            )
            .map_err(|e| self.err(e))?;
        Ok(rows.iter().map(|r| r.get(0)).collect())
    }

    fn count(&mut self) -> Result<u64, RecordError> {
        let n: i64 = self
            .client
            .query_one("SELECT count(*) FROM visits", &[])
            .map_err(|e| self.err(e))?
            .get(0);
        Ok(n as u64)
    }
}

impl From<Skipped> for RecordError {
    fn from(s: Skipped) -> Self {
        RecordError::BadVisit {
            id: s.id,
            why: s.why,
        }
    }
}
