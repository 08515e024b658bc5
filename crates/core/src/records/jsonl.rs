//! Visits as JSON lines, one visit a line: how records move between machines without a
//! network (`jiedai records export` / `import`). Importing is by id, so the same file twice
//! adds nothing; a line that is not a visit, or is from a newer jiedai, is named and skipped.

use super::{Store, Visit};
use std::io::{BufRead, Write};

/// The largest line read as one visit (a visit with a long transcript is well under this).
pub const MAX_LINE: usize = 16 << 20;

/// Writes `visits` as JSON lines.
pub fn write(out: &mut impl Write, visits: &[Visit]) -> std::io::Result<()> {
    for v in visits {
        serde_json::to_writer(&mut *out, v).map_err(std::io::Error::other)?;
        out.write_all(b"\n")?;
    }
    out.flush()
}

/// A line that was not imported, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Rejected {
    /// 1-based.
    pub line: usize,
    pub why: String,
}

#[derive(Debug, Default)]
pub struct Imported {
    pub added: u64,
    /// Lines whose visit was already there.
    pub known: u64,
    pub rejected: Vec<Rejected>,
}

/// Visits stored per transaction when importing.
const BATCH: usize = 200;

/// Reads visits line by line from `input` into `store`, a batch of visits per transaction
/// (each visit whole). Stops at the first error of the store itself (the disk, the server),
/// which it returns with what was stored before it.
pub fn import(
    input: &mut impl BufRead,
    store: &mut dyn Store,
) -> (Imported, Option<super::RecordError>) {
    let mut out = Imported::default();
    let mut buf = Vec::new();
    let mut n = 0;
    let mut batch: Vec<Visit> = Vec::with_capacity(BATCH);
    let flush = |batch: &mut Vec<Visit>, out: &mut Imported, store: &mut dyn Store| {
        let r = store.save_all(batch);
        if let Ok(added) = r {
            out.added += added;
            out.known += batch.len() as u64 - added;
        }
        batch.clear();
        r.err()
    };
    loop {
        buf.clear();
        n += 1;
        match read_line(input, &mut buf) {
            Ok(None) => break,
            Ok(Some(false)) => {
                out.rejected.push(Rejected {
                    line: n,
                    why: format!("longer than {} MiB", MAX_LINE >> 20),
                });
                continue;
            }
            Ok(Some(true)) => {}
            Err(e) => {
                out.rejected.push(Rejected {
                    line: n,
                    why: e.to_string(),
                });
                break;
            }
        }
        let Ok(text) = std::str::from_utf8(&buf) else {
            out.rejected.push(Rejected {
                line: n,
                why: "not UTF-8".into(),
            });
            continue;
        };
        let text = text.trim_start_matches('\u{feff}').trim();
        if text.is_empty() {
            continue;
        }
        let v: Visit = match serde_json::from_str(text) {
            Ok(v) => v,
            Err(e) => {
                // Say "newer" rather than "damaged" when the line says so.
                let newer = serde_json::from_str::<serde_json::Value>(text)
                    .ok()
                    .and_then(|j| j.get("format")?.as_u64())
                    .filter(|&f| f > u64::from(super::FORMAT));
                out.rejected.push(Rejected {
                    line: n,
                    why: match newer {
                        Some(f) => {
                            format!("written by a newer jiedai (format {f}); update to import it")
                        }
                        None => format!("not a visit record: {e}"),
                    },
                });
                continue;
            }
        };
        if let Err(why) = v.check() {
            out.rejected.push(Rejected { line: n, why });
            continue;
        }
        // The same visit twice in one file counts once.
        if batch.iter().any(|b| b.id == v.id) {
            out.known += 1;
            continue;
        }
        batch.push(v);
        if batch.len() == BATCH
            && let Some(e) = flush(&mut batch, &mut out, store)
        {
            return (out, Some(e));
        }
    }
    let e = flush(&mut batch, &mut out, store);
    (out, e)
}

/// One line into `buf`, without its newline. `Some(false)` when it was longer than
/// [`MAX_LINE`] (the rest of it is skipped), `None` at the end.
fn read_line(input: &mut impl BufRead, buf: &mut Vec<u8>) -> std::io::Result<Option<bool>> {
    let mut any = false;
    let mut too_long = false;
    loop {
        let chunk = input.fill_buf()?;
        if chunk.is_empty() {
            return Ok(any.then_some(!too_long));
        }
        any = true;
        let (take, done) = match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => (i, true),
            None => (chunk.len(), false),
        };
        if !too_long {
            if buf.len() + take > MAX_LINE {
                too_long = true;
                buf.clear();
            } else {
                buf.extend_from_slice(&chunk[..take]);
            }
        }
        input.consume(take + usize::from(done));
        if done {
            return Ok(Some(!too_long));
        }
    }
}
