//! The records on both backends: the same store tests on a real SQLite file and on a real
//! PostgreSQL server (`JIEDAI_TEST_PG`, which `.ci/run` starts; without it, outside CI, the
//! server's half is skipped with a note), the outbox to the server, moving records as JSON
//! lines, the old history imported once, bad databases left untouched, and SIGKILL mid-save.

use jiedai_core::records::postgres::PgStore;
use jiedai_core::records::sqlite::SqliteStore;
use jiedai_core::records::{
    self, FORMAT, Filter, Mode, RecordError, Records, Status, Store, Visit, jsonl,
};
use jiedai_core::text::Text;
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};

/// A visit whose content follows from `n`, so a reader can tell a whole one from a torn one.
fn visit(trainee: &str, scenario: &str, n: u64, size: usize) -> Visit {
    let at = 1_790_000_000_000 + n * 60_000;
    Visit {
        format: FORMAT,
        id: records::new_id(at),
        trainee: trainee.into(),
        scenario: scenario.into(),
        title: Text::pair(format!("剧本{scenario}"), format!("Scenario {scenario}")),
        scenario_hash: records::content_hash(scenario.as_bytes()),
        first_visit: scenario == "first",
        mode: Mode::Practice,
        status: Status::Finished,
        seed: n,
        started: at - 300_000,
        ended: at,
        outcome: None,
        resolved_first_visit: n.is_multiple_of(2),
        overall: (n * 7 % 101) as u32,
        techniques: BTreeMap::from([("listening".to_owned(), (n * 13 % 101) as u32)]),
        anti_patterns: BTreeMap::new(),
        turns: 6,
        path: (0..size).map(|i| format!("step-{n}-{i}")).collect(),
        transcript: vec![],
        debrief: None,
    }
}

fn whole(v: &Visit) -> bool {
    v.path
        .iter()
        .enumerate()
        .all(|(i, p)| *p == format!("step-{}-{i}", v.seed))
}

/// What every backend must do.
fn store_contract(s: &mut dyn Store) {
    assert_eq!(s.count().unwrap(), 0, "{}", s.place());
    let a = visit("张三", "first", 1, 3);
    let b = visit("张三", "repeat", 2, 3);
    let c = visit("李四", "first", 3, 3);
    for v in [&b, &a, &c] {
        assert!(s.save(v).unwrap(), "new visit stored");
    }
    // The same visit again (a retry, an import) adds nothing and keeps the stored one.
    let mut again = a.clone();
    again.overall = 0;
    assert!(!s.save(&again).unwrap());
    assert_eq!(s.count().unwrap(), 3);
    let all = s.load(&Filter::default()).unwrap();
    assert!(all.skipped.is_empty());
    assert_eq!(
        all.visits,
        vec![a.clone(), b.clone(), c.clone()],
        "oldest first, whole"
    );
    let mine = s
        .load(&Filter {
            trainee: Some("张三".into()),
            ..Filter::default()
        })
        .unwrap();
    assert_eq!(mine.visits.len(), 2);
    let first = s
        .load(&Filter {
            scenario: Some("first".into()),
            since: Some(a.ended + 1),
            ..Filter::default()
        })
        .unwrap();
    assert_eq!(first.visits, vec![c.clone()]);
    assert_eq!(
        s.trainees().unwrap(),
        vec!["张三".to_owned(), "李四".to_owned()]
    );
    // A visit the schema cannot take is refused whole.
    let mut bad = visit("x", "", 4, 1);
    bad.scenario.clear();
    assert!(matches!(s.save(&bad), Err(RecordError::BadVisit { .. })));
    let mut newer = visit("x", "y", 5, 1);
    newer.format = FORMAT + 1;
    assert!(
        s.save(&newer).is_err(),
        "a newer record is not written by this build"
    );
    assert_eq!(s.count().unwrap(), 3);
}

#[test]
fn sqlite_keeps_the_store_contract() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = SqliteStore::open(&records::db_path(dir.path())).unwrap();
    store_contract(&mut s);
    assert_eq!(s.integrity().unwrap(), "ok");
}

/// The test server's address, or `None` (with a note) where none is set outside CI.
fn pg_url() -> Option<String> {
    match std::env::var("JIEDAI_TEST_PG") {
        Ok(u) if !u.is_empty() => Some(u),
        _ if std::env::var_os("CI").is_some() => {
            panic!("JIEDAI_TEST_PG is not set: .ci/run starts a PostgreSQL server for these tests")
        }
        _ => {
            eprintln!("JIEDAI_TEST_PG not set: the PostgreSQL half of the store tests is skipped");
            None
        }
    }
}

/// A fresh schema of its own on the test server, so tests never see each other's rows.
fn pg_schema(url: &str, name: &str) -> String {
    let mut c = postgres::Client::connect(url, postgres::NoTls).expect("the test server");
    let schema = format!("t_{name}_{}", std::process::id());
    c.batch_execute(&format!(
        "DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema};"
    ))
    .unwrap();
    let sep = if url.contains('?') { '&' } else { '?' };
    format!("{url}{sep}options=-csearch_path%3D{schema}")
}

#[test]
fn postgres_keeps_the_same_store_contract() {
    let Some(url) = pg_url() else { return };
    let url = pg_schema(&url, "contract");
    let mut s = PgStore::connect(&url).unwrap();
    store_contract(&mut s);
    // Connecting again finds the schema in place (migrations run once).
    let mut again = PgStore::connect(&url).unwrap();
    assert_eq!(again.count().unwrap(), 3);
}

#[test]
fn an_unreachable_server_delays_records_and_loses_none() {
    let dir = tempfile::tempdir().unwrap();
    // Nothing listens on port 1 of this machine.
    let down = "postgres://jiedai@127.0.0.1:1/jiedai?connect_timeout=2";
    let mut r = Records::open(dir.path(), Some(down)).unwrap();
    let saved = r.save(&visit("张三", "first", 1, 2)).unwrap();
    assert!(saved.local);
    let p = saved.pushed.unwrap();
    let e = p.error.expect("the server cannot be reached");
    assert!(e.to_string().contains("127.0.0.1:1/jiedai"), "{e}");
    assert!(
        !e.to_string().contains("jiedai@"),
        "no user or password in messages: {e}"
    );
    assert_eq!(p.pending, 1);
    r.save(&visit("张三", "first", 2, 2)).unwrap();
    assert_eq!(
        r.local()
            .pending_count(&records::postgres::describe(down))
            .unwrap(),
        2
    );
    assert_eq!(r.load_local(&Filter::default()).unwrap().visits.len(), 2);

    // The same records with a server that answers: what waited is sent, once.
    let Some(url) = pg_url() else { return };
    let url = pg_schema(&url, "outbox");
    let v3 = visit("李四", "repeat", 3, 2);
    let mut r = Records::open(dir.path(), Some(&url)).unwrap();
    r.queue_all().unwrap();
    // A crash between the server's insert and the outbox's delete: the server has one
    // visit already; sending it again adds nothing.
    let mut pg = PgStore::connect(&url).unwrap();
    let first = r.load_local(&Filter::default()).unwrap().visits[0].clone();
    pg.save(&first).unwrap();
    let saved = r.save(&v3).unwrap();
    let p = saved.pushed.unwrap();
    assert!(p.error.is_none(), "{:?}", p.error);
    assert_eq!((p.sent, p.pending), (3, 0));
    assert_eq!(pg.count().unwrap(), 3, "no duplicates on the server");
    let p = r.push();
    assert_eq!((p.sent, p.pending), (0, 0));
    assert_eq!(
        pg.load(&Filter::default()).unwrap().visits,
        r.load_local(&Filter::default()).unwrap().visits
    );
}

#[test]
fn a_damaged_database_is_named_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = records::db_path(dir.path());
    let garbage: Vec<u8> = (0..8192u32).map(|i| (i * 7 % 251) as u8).collect();
    std::fs::write(&path, &garbage).unwrap();
    let e = SqliteStore::open(&path).err().expect("not a database");
    assert!(matches!(e, RecordError::Damaged { .. }), "{e}");
    let msg = e.message(jiedai_core::Lang::Zh);
    assert!(
        msg.contains(&path.display().to_string()) && msg.contains("未作任何改动"),
        "{msg}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), garbage, "not overwritten");
    assert!(Records::open(dir.path(), None).is_err());
    // A visit that no database takes goes to a file beside it, importable later.
    let v = visit("张三", "first", 1, 2);
    let spool = records::spool(dir.path(), &v).unwrap();
    let other = tempfile::tempdir().unwrap();
    let mut fresh = SqliteStore::open(&records::db_path(other.path())).unwrap();
    let (done, err) = jsonl::import(
        &mut BufReader::new(std::fs::File::open(&spool).unwrap()),
        &mut fresh,
    );
    assert!(err.is_none());
    assert_eq!(done.added, 1);
}

#[test]
fn damaged_rows_and_rows_from_a_newer_version_are_skipped_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let path = records::db_path(dir.path());
    let mut s = SqliteStore::open(&path).unwrap();
    let (a, b, c) = (
        visit("张三", "first", 1, 2),
        visit("张三", "first", 2, 2),
        visit("张三", "first", 3, 2),
    );
    for v in [&a, &b, &c] {
        s.save(v).unwrap();
    }
    drop(s);
    let raw = rusqlite::Connection::open(&path).unwrap();
    raw.execute(
        "UPDATE visits SET record = '{\"broken' WHERE id = ?1",
        [&a.id],
    )
    .unwrap();
    raw.execute("UPDATE visits SET format = 99 WHERE id = ?1", [&b.id])
        .unwrap();
    drop(raw);
    let mut s = SqliteStore::open(&path).unwrap();
    let l = s.load(&Filter::default()).unwrap();
    assert_eq!(l.visits, vec![c.clone()], "the rest still loads");
    let why: Vec<(&str, &str)> = l
        .skipped
        .iter()
        .map(|x| (x.id.as_str(), x.why.as_str()))
        .collect();
    assert_eq!(why.len(), 2);
    assert!(
        why.iter()
            .any(|(id, w)| *id == a.id && w.contains("damaged")),
        "{why:?}"
    );
    assert!(
        why.iter().any(|(id, w)| *id == b.id && w.contains("newer")),
        "{why:?}"
    );
}

#[test]
fn a_database_from_a_newer_jiedai_is_refused_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = records::db_path(dir.path());
    SqliteStore::open(&path)
        .unwrap()
        .save(&visit("张三", "first", 1, 2))
        .unwrap();
    let raw = rusqlite::Connection::open(&path).unwrap();
    raw.execute("INSERT INTO jiedai_schema (version) VALUES (99)", [])
        .unwrap();
    drop(raw);
    let e = SqliteStore::open(&path).err().expect("newer schema");
    assert!(
        matches!(e, RecordError::NewerSchema { found: 99, .. }),
        "{e}"
    );
    let raw = rusqlite::Connection::open(&path).unwrap();
    let n: i64 = raw
        .query_row("SELECT count(*) FROM visits", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 1, "nothing was dropped or migrated down");
}

#[test]
fn a_full_disk_refuses_the_visit_and_keeps_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = SqliteStore::open(&records::db_path(dir.path())).unwrap();
    for n in 0..5 {
        s.save(&visit("张三", "first", n, 4)).unwrap();
    }
    // SQLite's own limit on the file's size stands in for the disk filling up: the error
    // that comes back is the one a full disk gives (SQLITE_FULL).
    let pages: i64 = rusqlite::Connection::open(records::db_path(dir.path()))
        .unwrap()
        .query_row("PRAGMA page_count", [], |r| r.get(0))
        .unwrap();
    s.limit_pages(pages as u32).unwrap();
    let e = s.save(&visit("张三", "first", 9, 20_000)).unwrap_err();
    assert!(matches!(e, RecordError::Full { .. }), "{e}");
    assert!(e.message(jiedai_core::Lang::Zh).contains("磁盘已满"));
    let l = s.load(&Filter::default()).unwrap();
    assert_eq!(l.visits.len(), 5);
    assert!(l.visits.iter().all(whole));
    assert_eq!(s.integrity().unwrap(), "ok");
}

#[test]
fn export_and_import_move_records_between_machines_without_duplicates() {
    let a = tempfile::tempdir().unwrap();
    let mut from = SqliteStore::open(&records::db_path(a.path())).unwrap();
    for n in 0..20u64 {
        from.save(&visit(
            if n.is_multiple_of(2) {
                "张三"
            } else {
                "李四"
            },
            "first",
            n,
            5,
        ))
        .unwrap();
    }
    let visits = from.load(&Filter::default()).unwrap().visits;
    let mut bytes = Vec::new();
    jsonl::write(&mut bytes, &visits).unwrap();
    // A line of rubbish, a line from a newer jiedai and a blank line among them.
    bytes.extend_from_slice(b"{not json\n\n");
    let mut newer = serde_json::to_value(&visits[0]).unwrap();
    newer["format"] = serde_json::json!(FORMAT + 3);
    newer["id"] = serde_json::json!(records::new_id(1));
    newer["shiny_new_field"] = serde_json::json!(true);
    bytes.extend_from_slice(format!("{newer}\n").as_bytes());

    let b = tempfile::tempdir().unwrap();
    let mut to = SqliteStore::open(&records::db_path(b.path())).unwrap();
    let (done, err) = jsonl::import(&mut &bytes[..], &mut to);
    assert!(err.is_none());
    assert_eq!((done.added, done.known), (20, 0));
    let lines: Vec<usize> = done.rejected.iter().map(|r| r.line).collect();
    assert_eq!(lines, vec![21, 23], "{:?}", done.rejected);
    assert!(
        done.rejected[1].why.contains("newer"),
        "{:?}",
        done.rejected
    );
    let (again, _) = jsonl::import(&mut &bytes[..], &mut to);
    assert_eq!(
        (again.added, again.known),
        (0, 20),
        "importing twice adds nothing"
    );
    assert_eq!(to.load(&Filter::default()).unwrap().visits, visits);
}

#[test]
fn the_old_history_is_imported_once_and_left_in_place() {
    let config = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let old = concat!(
        r#"{"scenario":"tutorial","title_zh":"教程","title_en":"Tutorial","finished":1790000000,"overall":70,"outcome":"Referred","turns":4,"seed":1,"techniques":{"listening":80}}"#,
        "\n{broken\n",
        r#"{"scenario":"tutorial","title_zh":"教程","title_en":"Tutorial","finished":1790000100,"overall":85,"outcome":null,"turns":5,"seed":2}"#,
        "\n"
    );
    let file = jiedai_core::history::file(config.path());
    std::fs::write(&file, old).unwrap();
    let mut r = Records::open(data.path(), None).unwrap();
    assert_eq!(r.import_history_once(config.path()).unwrap(), 2);
    assert_eq!(r.import_history_once(config.path()).unwrap(), 0);
    drop(r);
    let mut r = Records::open(data.path(), None).unwrap();
    assert_eq!(
        r.import_history_once(config.path()).unwrap(),
        0,
        "once, across starts"
    );
    let l = r.load_local(&Filter::default()).unwrap();
    assert_eq!(l.visits.len(), 2);
    assert_eq!(l.visits[0].techniques.get("listening"), Some(&80));
    assert!(l.visits[0].id.starts_with("legacy-"));
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        old,
        "left as it was"
    );
}

/// The writer the durability test kills: saves visits one after another and says so after
/// each commit. It does nothing unless the test below starts it.
#[test]
fn durability_writer_child() {
    let Ok(dir) = std::env::var("JIEDAI_DURABILITY_DIR") else {
        return;
    };
    let start: u64 = std::env::var("JIEDAI_DURABILITY_START")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let mut r = Records::open(std::path::Path::new(&dir), None).unwrap();
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    for n in start.. {
        // Large visits span many pages, so a kill lands inside a write most of the time.
        let v = visit("张三", "first", n, 200 + (n as usize * 37) % 1500);
        r.save(&v).unwrap();
        writeln!(out, "stored {} {}", v.id, n).unwrap();
        out.flush().unwrap();
    }
}

#[test]
fn sigkill_in_the_middle_of_saves_loses_nothing_already_stored() {
    let dir = tempfile::tempdir().unwrap();
    let exe = std::env::current_exe().unwrap();
    let mut acknowledged: Vec<String> = Vec::new();
    let mut next = 0u64;
    let rounds = 40;
    for round in 0..rounds {
        let mut child = std::process::Command::new(&exe)
            .args([
                "--exact",
                "durability_writer_child",
                "--nocapture",
                "--test-threads=1",
            ])
            .env("JIEDAI_DURABILITY_DIR", dir.path())
            .env("JIEDAI_DURABILITY_START", next.to_string())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        // Kill after a different number of acknowledged saves each round.
        let kill_after = 1 + (round * 7) % 13;
        let mut seen = 0;
        for line in lines.by_ref() {
            let Ok(line) = line else { break };
            let Some(rest) = line.strip_prefix("stored ") else {
                continue;
            };
            let mut it = rest.split(' ');
            acknowledged.push(it.next().unwrap().to_owned());
            next = it.next().unwrap().parse::<u64>().unwrap() + 1;
            seen += 1;
            if seen == kill_after {
                break;
            }
        }
        child.kill().unwrap();
        let status = child.wait().unwrap();
        assert!(!status.success(), "the writer was killed, round {round}");
        // A visit may have been committed after the last line was read: skip its number.
        next += 1;

        let mut s = SqliteStore::open(&records::db_path(dir.path())).unwrap();
        assert_eq!(s.integrity().unwrap(), "ok", "round {round}");
        let l = s.load(&Filter::default()).unwrap();
        assert!(l.skipped.is_empty(), "round {round}: {:?}", l.skipped);
        assert!(l.visits.iter().all(whole), "round {round}: a torn visit");
        let ids: std::collections::HashSet<&str> = l.visits.iter().map(|v| v.id.as_str()).collect();
        for id in &acknowledged {
            assert!(
                ids.contains(id.as_str()),
                "round {round}: {id} was stored and is gone"
            );
        }
    }
    assert!(acknowledged.len() >= rounds as usize);
    eprintln!(
        "{rounds} kills, {} visits acknowledged, all present and whole",
        acknowledged.len()
    );
}

#[test]
fn a_real_visit_left_after_one_reply_reads_back_as_it_was_kept() {
    use jiedai_core::engine::{Response, Session};
    use std::sync::Arc;
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let rubric = Arc::new(jiedai_core::rubric::Rubric::builtin());
    let report = jiedai_core::check::check_paths(&[root.join("scenarios/tutorial.ron")], &rubric);
    let ls = report.playable()[0];
    let sc = Arc::new(ls.value.clone());
    let par = Arc::new(jiedai_core::explore::par(&sc, &rubric));
    let analyser = Arc::new(jiedai_core::analyse::Analyser::new(&rubric));
    let mut s = Session::with_parts(sc, rubric, analyser, par, 3).unwrap();
    s.respond(Response::Choice(0)).unwrap();
    let hash = records::content_hash(ls.text.as_bytes());
    let v = Visit::of_session(
        &s,
        &records::Ending {
            trainee: "张三",
            mode: Mode::Practice,
            status: Status::Abandoned,
            started: 1,
            ended: 2,
            scenario_hash: &hash,
        },
    );
    // The debrief of a visit that did not reach an ending has an empty ending text.
    let back: Visit = serde_json::from_str(&serde_json::to_string(&v).unwrap()).unwrap();
    assert_eq!(back, v);
    let dir = tempfile::tempdir().unwrap();
    let mut db = SqliteStore::open(&records::db_path(dir.path())).unwrap();
    db.save(&v).unwrap();
    assert_eq!(db.load(&Filter::default()).unwrap().visits, vec![v]);
}
