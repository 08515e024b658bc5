//! The records schema, versioned, the same on SQLite and PostgreSQL.
//!
//! Each migration is applied once, in order, in its own transaction, and its number is written
//! to `jiedai_schema`. A database whose number is above [`VERSION`] was written by a newer
//! jiedai: it is read-only to this one and is never migrated down.
//!
//! A visit is one row: the columns a report filters and sorts on, and the whole visit as JSON
//! text (`record`), so that a visit is stored whole or not at all and both backends hold the
//! same bytes.

/// The migrations shared by both backends, in order; migration `i` brings the schema to
/// version `i + 1`.
pub const SHARED: &[&str] = &[
    // 1: the visits.
    "CREATE TABLE visits (
        id            TEXT PRIMARY KEY,
        format        INTEGER NOT NULL,
        trainee       TEXT NOT NULL,
        scenario      TEXT NOT NULL,
        scenario_hash TEXT NOT NULL,
        mode          TEXT NOT NULL,
        status        TEXT NOT NULL,
        started       BIGINT NOT NULL,
        ended         BIGINT NOT NULL,
        overall       INTEGER NOT NULL,
        record        TEXT NOT NULL
    );
    CREATE INDEX visits_trainee ON visits (trainee, ended);
    CREATE INDEX visits_scenario ON visits (scenario, ended);
    CREATE INDEX visits_ended ON visits (ended);",
];

/// Migrations for the local database only, by the version they bring it to.
pub const LOCAL: &[(usize, &str)] = &[
    // 1: visits waiting to be sent to a centre's server, and one-off facts (the old history
    // imported).
    (
        1,
        "CREATE TABLE outbox (
            id     TEXT NOT NULL REFERENCES visits (id),
            server TEXT NOT NULL,
            PRIMARY KEY (id, server)
        );
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);",
    ),
];

/// The schema version this build writes.
pub const VERSION: i64 = SHARED.len() as i64;

/// The table that holds the version.
pub const VERSION_TABLE: &str =
    "CREATE TABLE IF NOT EXISTS jiedai_schema (version BIGINT NOT NULL)";

/// The SQL that brings a database from version `v - 1` to `v` (1-based).
pub fn migration(v: usize, local: bool) -> String {
    let mut sql = SHARED[v - 1].to_owned();
    if local {
        for (at, extra) in LOCAL {
            if *at == v {
                sql.push('\n');
                sql.push_str(extra);
            }
        }
    }
    sql
}
