//! Reading source files safely, and finding where ids and values sit in RON text.
//!
//! `ron` gives a place for syntax errors; semantic checks need the place of an id in the text,
//! which the [`Locator`] finds by a light scan that tracks the path of field names.

use crate::diag::{Diagnostic, Pos};
use crate::rules::e001_unreadable as e001;
use std::path::Path;

/// Larger files are refused before they are read.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// Reads a UTF-8 text file, refusing missing, empty, oversized, binary and non-UTF-8 files.
pub fn read_text(path: &Path) -> Result<String, Diagnostic> {
    let here = Pos { line: 1, column: 1 };
    let cannot_read =
        |e: std::io::Error| Diagnostic::new(path, here, &e001::CANNOT_READ).arg("error", e);
    let meta = std::fs::metadata(path).map_err(cannot_read)?;
    if meta.is_dir() {
        return Err(Diagnostic::new(path, here, &e001::FOLDER));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(Diagnostic::new(path, here, &e001::TOO_LARGE)
            .arg(
                "megabytes",
                format_args!("{:.1}", meta.len() as f64 / 1048576.0),
            )
            .with_hint(&e001::TOO_LARGE_HINT));
    }
    let bytes = std::fs::read(path).map_err(cannot_read)?;
    text_from_bytes(path, bytes)
}

/// Checks bytes already in memory the same way [`read_text`] checks a file.
pub fn text_from_bytes(path: &Path, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    let at = |offset: usize| pos_of_bytes(&bytes, offset);
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(
            Diagnostic::new(path, Pos { line: 1, column: 1 }, &e001::EMPTY)
                .with_hint(&e001::EMPTY_HINT),
        );
    }
    if let Some(i) = bytes.iter().take(64 * 1024).position(|&b| b == 0) {
        return Err(Diagnostic::new(path, at(i), &e001::BINARY));
    }
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s.strip_prefix('\u{feff}').map(str::to_owned).unwrap_or(s)),
        Err(e) => {
            let i = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            Err(
                Diagnostic::new(path, pos_of_bytes(&bytes, i), &e001::NOT_UTF8)
                    .with_hint(&e001::NOT_UTF8_HINT),
            )
        }
    }
}

fn pos_of_bytes(bytes: &[u8], offset: usize) -> Pos {
    let before = &bytes[..offset.min(bytes.len())];
    let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
    let start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let column = 1 + String::from_utf8_lossy(&before[start..]).chars().count();
    Pos { line, column }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    Str,
    Num,
    Field,
}

#[derive(Clone, Debug)]
pub struct Token {
    pub kind: TokenKind,
    /// Index into the locator's paths (field names from the root, e.g. `steps/turn/options/next`).
    path: u32,
    /// Byte range of the value in the text.
    value: std::ops::Range<usize>,
    pub offset: usize,
}

/// The tokens of a RON text that diagnostics point at.
#[derive(Clone, Debug, Default)]
pub struct Locator {
    pub tokens: Vec<Token>,
    paths: Vec<String>,
    line_starts: Vec<usize>,
    text: String,
}

impl Locator {
    pub fn new(text: &str) -> Locator {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        let mut loc = Locator {
            tokens: Vec::new(),
            paths: Vec::new(),
            line_starts,
            text: text.to_owned(),
        };
        loc.scan();
        loc
    }

    /// The field path of a token.
    pub fn path(&self, t: &Token) -> &str {
        &self.paths[t.path as usize]
    }

    /// The literal text of a token (a string's contents, a number, a field name).
    pub fn value(&self, t: &Token) -> &str {
        self.text.get(t.value.clone()).unwrap_or("")
    }

    fn scan(&mut self) {
        let text = std::mem::take(&mut self.text);
        let b = text.as_bytes();
        // Field names open at each bracket level (None for an anonymous value).
        let mut stack: Vec<Option<std::ops::Range<usize>>> = Vec::new();
        let mut pending: Option<std::ops::Range<usize>> = None;
        let mut ids: std::collections::HashMap<String, u32> = std::collections::HashMap::new();
        let mut key = String::new();
        let mut intern = |stack: &[Option<std::ops::Range<usize>>],
                          pending: &Option<std::ops::Range<usize>>,
                          paths: &mut Vec<String>|
         -> u32 {
            key.clear();
            for r in stack.iter().flatten().chain(pending.iter()) {
                if !key.is_empty() {
                    key.push('/');
                }
                key.push_str(&text[r.clone()]);
            }
            if let Some(&id) = ids.get(key.as_str()) {
                return id;
            }
            let id = paths.len() as u32;
            paths.push(key.clone());
            ids.insert(key.clone(), id);
            id
        };
        let mut i = 0;
        while i < b.len() {
            let c = b[i];
            match c {
                b'/' if b.get(i + 1) == Some(&b'/') => {
                    while i < b.len() && b[i] != b'\n' {
                        i += 1;
                    }
                }
                b'/' if b.get(i + 1) == Some(&b'*') => {
                    let mut depth = 0usize;
                    while i < b.len() {
                        if b[i] == b'/' && b.get(i + 1) == Some(&b'*') {
                            depth += 1;
                            i += 2;
                        } else if b[i] == b'*' && b.get(i + 1) == Some(&b'/') {
                            depth -= 1;
                            i += 2;
                            if depth == 0 {
                                break;
                            }
                        } else {
                            i += 1;
                        }
                    }
                }
                b'"' => {
                    let start = i;
                    i += 1;
                    while i < b.len() && b[i] != b'"' {
                        i += if b[i] == b'\\' { 2 } else { 1 };
                    }
                    let end = i.min(b.len());
                    let path = intern(&stack, &pending, &mut self.paths);
                    self.tokens.push(Token {
                        kind: TokenKind::Str,
                        path,
                        value: start + 1..end,
                        offset: start,
                    });
                    i += 1;
                }
                b'r' if matches!(b.get(i + 1), Some(b'#') | Some(b'"')) => {
                    let start = i;
                    i += 1;
                    let mut hashes = 0;
                    while b.get(i) == Some(&b'#') {
                        hashes += 1;
                        i += 1;
                    }
                    i += 1;
                    let body = i.min(b.len());
                    let close: Vec<u8> = std::iter::once(b'"')
                        .chain(std::iter::repeat_n(b'#', hashes))
                        .collect();
                    while i < b.len() && !b[i..].starts_with(&close) {
                        i += 1;
                    }
                    let path = intern(&stack, &pending, &mut self.paths);
                    self.tokens.push(Token {
                        kind: TokenKind::Str,
                        path,
                        value: body..i.min(b.len()),
                        offset: start,
                    });
                    i += close.len();
                }
                b'(' | b'[' | b'{' => {
                    stack.push(pending.take());
                    i += 1;
                }
                b')' | b']' | b'}' => {
                    stack.pop();
                    pending = None;
                    i += 1;
                }
                b',' => {
                    pending = None;
                    i += 1;
                }
                b'-' | b'+' | b'0'..=b'9' => {
                    let start = i;
                    i += 1;
                    while i < b.len()
                        && (b[i].is_ascii_alphanumeric() || b[i] == b'.' || b[i] == b'_')
                    {
                        i += 1;
                    }
                    let path = intern(&stack, &pending, &mut self.paths);
                    self.tokens.push(Token {
                        kind: TokenKind::Num,
                        path,
                        value: start..i,
                        offset: start,
                    });
                }
                c if c.is_ascii_alphabetic() || c == b'_' => {
                    let start = i;
                    while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                        i += 1;
                    }
                    let mut j = i;
                    while j < b.len() && b[j].is_ascii_whitespace() {
                        j += 1;
                    }
                    if b.get(j) == Some(&b':') && b.get(j + 1) != Some(&b':') {
                        let path = intern(&stack, &None, &mut self.paths);
                        self.tokens.push(Token {
                            kind: TokenKind::Field,
                            path,
                            value: start..i,
                            offset: start,
                        });
                        pending = Some(start..i);
                        i = j + 1;
                    }
                }
                _ => i += 1,
            }
        }
        self.text = text;
    }

    /// Line and column (1-based, columns in characters) of a byte offset.
    pub fn pos(&self, offset: usize) -> Pos {
        let line = self.line_starts.partition_point(|&s| s <= offset).max(1);
        let start = self.line_starts[line - 1];
        let column = 1 + self
            .text
            .get(start..offset)
            .map_or(0, |s| s.chars().count());
        Pos { line, column }
    }

    /// The place of the `nth` (0-based) token at `path` with `value`.
    pub fn find_nth(&self, kind: TokenKind, path: &str, value: &str, nth: usize) -> Option<Pos> {
        self.tokens
            .iter()
            .filter(|t| t.kind == kind && self.path(t) == path && self.value(t) == value)
            .nth(nth)
            .map(|t| self.pos(t.offset))
    }

    /// Every place of a token at `path` with `value`.
    pub fn find_all(&self, kind: TokenKind, path: &str, value: &str) -> Vec<Pos> {
        self.tokens
            .iter()
            .filter(|t| t.kind == kind && self.path(t) == path && self.value(t) == value)
            .map(|t| self.pos(t.offset))
            .collect()
    }

    /// The place of the first string with this value anywhere (for texts).
    pub fn find_str(&self, value: &str) -> Option<Pos> {
        self.tokens
            .iter()
            .find(|t| t.kind == TokenKind::Str && self.value(t) == value)
            .map(|t| self.pos(t.offset))
    }

    /// The place of a step id, or the file's start.
    pub fn step(&self, id: &str) -> Pos {
        self.find_nth(TokenKind::Str, "steps/id", id, 0)
            .unwrap_or(Pos { line: 1, column: 1 })
    }

    /// The source line `line` (1-based), without its newline.
    pub fn line_text(&self, line: usize) -> &str {
        let Some(&start) = self.line_starts.get(line.wrapping_sub(1)) else {
            return "";
        };
        let end = self
            .line_starts
            .get(line)
            .map_or(self.text.len(), |&e| e.saturating_sub(1));
        self.text
            .get(start..end)
            .unwrap_or("")
            .trim_end_matches('\r')
    }
}
