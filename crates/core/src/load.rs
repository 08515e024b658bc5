//! Loading scenarios and the rubric from RON, turning `ron` errors into diagnostics.

use crate::diag::{Code, Diagnostic, Pos, did_you_mean, msg};
use crate::model::Scenario;
use crate::rubric::Rubric;
use crate::source::{Locator, read_text};
use crate::text::Lang;
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
pub fn parse<T: DeserializeOwned>(path: &Path, text: &str, lang: Lang) -> Result<T, Diagnostic> {
    ron::Options::default()
        .with_recursion_limit(RECURSION_LIMIT)
        // Authors may write `cue: "…"` for an optional field; `Some("…")` works as well.
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .from_str::<T>(text)
        .map_err(|e| ron_diagnostic(path, text, e, lang))
}

pub fn load_file<T: DeserializeOwned>(path: &Path, lang: Lang) -> Result<Loaded<T>, Diagnostic> {
    let text = read_text(path, lang)?;
    load_str(path, text, lang)
}

pub fn load_str<T: DeserializeOwned>(
    path: &Path,
    text: String,
    lang: Lang,
) -> Result<Loaded<T>, Diagnostic> {
    let value = parse::<T>(path, &text, lang)?;
    let locator = Locator::new(&text);
    Ok(Loaded {
        path: path.to_path_buf(),
        text,
        locator,
        value,
    })
}

pub fn load_scenario(path: &Path, lang: Lang) -> Result<LoadedScenario, Diagnostic> {
    load_file::<Scenario>(path, lang)
}

pub fn load_rubric(path: &Path, lang: Lang) -> Result<Loaded<Rubric>, Diagnostic> {
    load_file::<Rubric>(path, lang)
}

/// True when a RON text holds a rubric rather than a scenario (it starts with `Rubric(`).
pub fn looks_like_rubric(text: &str) -> bool {
    text.lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with("//"))
        .is_some_and(|l| l.starts_with("Rubric"))
}

fn ron_diagnostic(path: &Path, text: &str, e: ron::error::SpannedError, lang: Lang) -> Diagnostic {
    use ron::Error as E;
    let pos = clamp_pos(text, e.span.start.line, e.span.start.col);
    let outer = |o: &Option<String>| o.clone().unwrap_or_default();
    match &e.code {
        E::NoSuchStructField {
            expected,
            found,
            outer: o,
        } => {
            let mut d = Diagnostic::new(
                Code::E003,
                path,
                field_pos(text, pos, found),
                msg(
                    lang,
                    format!("`{}` 中没有字段 `{found}`", outer(o)),
                    format!("unknown field `{found}` in `{}`", outer(o)),
                ),
            );
            let list = expected.join(", ");
            d = match did_you_mean(found, expected.iter().copied()) {
                Some(s) => d.hint(msg(
                    lang,
                    format!("是不是想写 `{s}`？可用字段：{list}"),
                    format!("did you mean `{s}`? expected one of: {list}"),
                )),
                None => d.hint(msg(
                    lang,
                    format!("可用字段：{list}"),
                    format!("expected one of: {list}"),
                )),
            };
            d
        }
        E::MissingStructField { field, outer: o } => Diagnostic::new(
            Code::E004,
            path,
            pos,
            msg(
                lang,
                format!("`{}` 缺少必填字段 `{field}`", outer(o)),
                format!("`{}` is missing the required field `{field}`", outer(o)),
            ),
        )
        .hint(msg(
            lang,
            format!("在这个结构里加上 `{field}: …`"),
            format!("add `{field}: …` to this structure"),
        )),
        E::NoSuchEnumVariant {
            expected,
            found,
            outer: o,
        } => {
            let list = expected.join(", ");
            let d = Diagnostic::new(
                Code::E005,
                path,
                field_pos(text, pos, found),
                msg(
                    lang,
                    format!("`{}` 没有取值 `{found}`", outer(o)),
                    format!("`{}` has no variant `{found}`", outer(o)),
                ),
            );
            match did_you_mean(found, expected.iter().copied()) {
                Some(s) => d.hint(msg(
                    lang,
                    format!("是不是想写 `{s}`？可选：{list}"),
                    format!("did you mean `{s}`? expected one of: {list}"),
                )),
                None => d.hint(msg(
                    lang,
                    format!("可选：{list}"),
                    format!("expected one of: {list}"),
                )),
            }
        }
        E::InvalidValueForType { .. }
        | E::ExpectedDifferentLength { .. }
        | E::ExpectedDifferentStructName { .. }
        | E::DuplicateStructField { .. }
        | E::Message(_) => Diagnostic::new(
            Code::E005,
            path,
            pos,
            msg(
                lang,
                format!("值不符合格式：{}", e.code),
                format!("invalid value: {}", e.code),
            ),
        )
        .hint(lang.pick(
            "对照 docs/scenario-format.md 检查这个字段的写法",
            "compare this field with docs/scenario-format.md",
        )),
        E::ExceededRecursionLimit => Diagnostic::new(
            Code::E002,
            path,
            pos,
            msg(
                lang,
                format!("嵌套超过 {RECURSION_LIMIT} 层"),
                format!("nesting deeper than {RECURSION_LIMIT} levels"),
            ),
        )
        .hint(lang.pick(
            "剧本不需要这么深的括号嵌套；文件可能已损坏",
            "no scenario needs brackets this deep; the file may be damaged",
        )),
        other => Diagnostic::new(
            Code::E002,
            path,
            if matches!(other, E::ExpectedComma) {
                after_previous_token(text, pos)
            } else {
                pos
            },
            msg(
                lang,
                format!("RON 语法错误：{other}"),
                format!("RON syntax error: {other}"),
            ),
        )
        .hint(lang.pick(
            "检查这一处附近的括号、逗号和引号",
            "check the brackets, commas and quotes around here",
        )),
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
