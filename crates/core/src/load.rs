//! Loading scenarios and the rubric from RON, turning `ron` errors into diagnostics.

use crate::diag::{Diagnostic, Pos, did_you_mean};
use crate::model::Scenario;
use crate::rubric::Rubric;
use crate::rules::{e002_syntax as e002, e003_unknown_field as e003};
use crate::rules::{e004_missing_field as e004, e005_bad_value as e005};
use crate::source::{Locator, read_text};
use serde::de::DeserializeOwned;
use std::path::{Path, PathBuf};

/// Deep nesting is refused instead of overflowing the stack.
pub const RECURSION_LIMIT: usize = 128;

/// A parsed file with the text it came from, for locating later diagnostics.
#[derive(Clone, Debug)]
pub struct Loaded<T> {
    pub path: PathBuf,
    pub text: String,
    pub locator: Locator,
    pub value: T,
}

pub type LoadedScenario = Loaded<Scenario>;

/// Parses RON text into `T`, or one diagnostic at the place `ron` reports.
pub fn parse<T: DeserializeOwned>(path: &Path, text: &str) -> Result<T, Diagnostic> {
    ron::Options::default()
        .with_recursion_limit(RECURSION_LIMIT)
        // Authors may write `cue: "…"` for an optional field; `Some("…")` works as well.
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .from_str::<T>(text)
        .map_err(|e| ron_diagnostic(path, text, e))
}

pub fn load_file<T: DeserializeOwned>(path: &Path) -> Result<Loaded<T>, Diagnostic> {
    let text = read_text(path)?;
    load_str(path, text)
}

pub fn load_str<T: DeserializeOwned>(path: &Path, text: String) -> Result<Loaded<T>, Diagnostic> {
    let value = parse::<T>(path, &text)?;
    let locator = Locator::new(&text);
    Ok(Loaded {
        path: path.to_path_buf(),
        text,
        locator,
        value,
    })
}

pub fn load_scenario(path: &Path) -> Result<LoadedScenario, Diagnostic> {
    load_file::<Scenario>(path)
}

pub fn load_rubric(path: &Path) -> Result<Loaded<Rubric>, Diagnostic> {
    load_file::<Rubric>(path)
}

/// True when a RON text holds a rubric rather than a scenario (it starts with `Rubric(`).
pub fn looks_like_rubric(text: &str) -> bool {
    text.lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with("//"))
        .is_some_and(|l| l.starts_with("Rubric"))
}

fn ron_diagnostic(path: &Path, text: &str, e: ron::error::SpannedError) -> Diagnostic {
    use ron::Error as E;
    let pos = clamp_pos(text, e.span.start.line, e.span.start.col);
    let outer = |o: &Option<String>| o.clone().unwrap_or_default();
    match &e.code {
        E::NoSuchStructField {
            expected,
            found,
            outer: o,
        } => {
            let d = Diagnostic::new(path, field_pos(text, pos, found), &e003::UNKNOWN_FIELD)
                .arg("outer", outer(o))
                .arg("found", found)
                .arg("expected", expected.join(", "));
            match did_you_mean(found, expected.iter().copied()) {
                Some(s) => d.arg("suggestion", s).with_hint(&e003::DID_YOU_MEAN),
                None => d.with_hint(&e003::EXPECTED),
            }
        }
        E::MissingStructField { field, outer: o } => {
            Diagnostic::new(path, pos, &e004::MISSING_FIELD)
                .arg("outer", outer(o))
                .arg("field", field)
                .with_hint(&e004::ADD_FIELD)
        }
        E::NoSuchEnumVariant {
            expected,
            found,
            outer: o,
        } => {
            let d = Diagnostic::new(path, field_pos(text, pos, found), &e005::NO_VARIANT)
                .arg("outer", outer(o))
                .arg("found", found)
                .arg("expected", expected.join(", "));
            match did_you_mean(found, expected.iter().copied()) {
                Some(s) => d.arg("suggestion", s).with_hint(&e005::DID_YOU_MEAN),
                None => d.with_hint(&e005::EXPECTED),
            }
        }
        E::InvalidValueForType { .. }
        | E::ExpectedDifferentLength { .. }
        | E::ExpectedDifferentStructName { .. }
        | E::DuplicateStructField { .. }
        | E::Message(_) => Diagnostic::new(path, pos, &e005::INVALID_VALUE)
            .arg("error", &e.code)
            .with_hint(&e005::INVALID_VALUE_HINT),
        E::ExceededRecursionLimit => Diagnostic::new(path, pos, &e002::TOO_DEEP)
            .arg("limit", RECURSION_LIMIT)
            .with_hint(&e002::TOO_DEEP_HINT),
        other => {
            let at = if matches!(other, E::ExpectedComma) {
                after_previous_token(text, pos)
            } else {
                pos
            };
            Diagnostic::new(path, at, &e002::SYNTAX)
                .arg("error", other)
                .with_hint(&e002::SYNTAX_HINT)
        }
    }
}

/// `ron` places some errors after the offending token; point at the field name when it is on
/// the reported line, before the reported column.
fn field_pos(text: &str, pos: Pos, field: &str) -> Pos {
    let Some(line) = text.lines().nth(pos.line.saturating_sub(1)) else {
        return pos;
    };
    let head: String = line.chars().take(pos.column.saturating_sub(1)).collect();
    match head.rfind(field) {
        Some(byte) => Pos {
            line: pos.line,
            column: 1 + head[..byte].chars().count(),
        },
        None => pos,
    }
}

/// The place just after the last token before `pos` (where a missing comma belongs).
fn after_previous_token(text: &str, pos: Pos) -> Pos {
    let lines: Vec<&str> = text.lines().collect();
    let mut line = pos.line.min(lines.len()).max(1);
    let mut col = pos.column.saturating_sub(1);
    loop {
        let chars: Vec<char> = lines[line - 1].chars().collect();
        let upto = col.min(chars.len());
        let code_end = chars[..upto]
            .iter()
            .collect::<String>()
            .find("//")
            .map_or(upto, |i| {
                chars[..upto].iter().collect::<String>()[..i]
                    .chars()
                    .count()
            });
        if let Some(i) = chars[..code_end].iter().rposition(|c| !c.is_whitespace()) {
            return Pos {
                line,
                column: i + 2,
            };
        }
        if line == 1 {
            return pos;
        }
        line -= 1;
        col = usize::MAX;
    }
}

fn clamp_pos(text: &str, line: usize, col: usize) -> Pos {
    let lines = text.lines().count().max(1);
    Pos {
        line: line.clamp(1, lines),
        column: col.max(1),
    }
}
