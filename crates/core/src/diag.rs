//! Diagnostics as data: a rule's code, a place, the template of its message and named
//! arguments. Nothing is rendered when a diagnostic is made; a host renders it in its user's
//! language with [`Diagnostic::message`] and [`Diagnostic::hint`].
//!
//! The rules themselves (code, severity, documentation, templates, check) live one per file in
//! [`crate::rules`].

pub use crate::rules::{Code, Explanation, Rule};
use crate::text::Lang;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Severity::Error, Lang::Zh) => "错误",
            (Severity::Error, Lang::En) => "error",
            (Severity::Warning, Lang::Zh) => "警告",
            (Severity::Warning, Lang::En) => "warning",
        }
    }
}

/// One message of a rule in both languages, with `{name}` placeholders filled from a
/// diagnostic's arguments (`{{` and `}}` stand for literal braces).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Template {
    /// The rule the message belongs to.
    pub code: Code,
    /// Stable within the rule; JSON output names the message by it.
    pub id: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
}

impl Template {
    pub const fn new(code: Code, id: &'static str, zh: &'static str, en: &'static str) -> Self {
        Template { code, id, zh, en }
    }

    pub fn text(&self, lang: Lang) -> &'static str {
        lang.pick(self.zh, self.en)
    }

    /// The text in `lang` with every `{name}` replaced by its argument. A placeholder without
    /// an argument is left as written, so that a mistake shows.
    pub fn fill(&self, lang: Lang, args: &BTreeMap<&'static str, String>) -> String {
        fill(self.text(lang), args)
    }

    /// The placeholder names of one language's text, sorted and deduplicated.
    pub fn placeholders(&self, lang: Lang) -> Vec<&'static str> {
        let mut names = Vec::new();
        let t = self.text(lang);
        let mut rest = t;
        while let Some(i) = rest.find('{') {
            let after = &rest[i + 1..];
            if let Some(stripped) = after.strip_prefix('{') {
                rest = stripped;
                continue;
            }
            match after.find('}') {
                Some(j) => {
                    names.push(&after[..j]);
                    rest = &after[j + 1..];
                }
                None => break,
            }
        }
        names.sort_unstable();
        names.dedup();
        names
    }
}

fn fill(t: &str, args: &BTreeMap<&'static str, String>) -> String {
    let mut out = String::with_capacity(t.len() + 16);
    let mut rest = t;
    while let Some(i) = rest.find(['{', '}']) {
        out.push_str(&rest[..i]);
        let c = rest.as_bytes()[i];
        let after = &rest[i + 1..];
        if after.as_bytes().first() == Some(&c) {
            out.push(c as char);
            rest = &after[1..];
            continue;
        }
        if c == b'}' {
            out.push('}');
            rest = after;
            continue;
        }
        match after.find('}') {
            Some(j) => {
                let name = &after[..j];
                match args.get(name) {
                    Some(v) => out.push_str(v),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[j + 1..];
            }
            None => {
                out.push_str(&rest[i..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// A place in a file: 1-based line and column (in characters).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
}

/// One finding: which rule, where, and the values its message names.
#[derive(Clone, Debug, Serialize)]
pub struct Diagnostic {
    #[serde(serialize_with = "ser_code")]
    pub code: Code,
    /// The rule's severity, unless a host raised it (`--deny-warnings`).
    pub severity: Severity,
    pub file: PathBuf,
    #[serde(flatten)]
    pub pos: Pos,
    #[serde(rename = "message_id", serialize_with = "ser_template")]
    pub template: &'static Template,
    #[serde(
        rename = "hint_id",
        serialize_with = "ser_hint",
        skip_serializing_if = "Option::is_none"
    )]
    pub hint_template: Option<&'static Template>,
    /// Named values for the templates: ids, counts, suggestions.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub args: BTreeMap<&'static str, String>,
}

fn ser_code<S: serde::Serializer>(c: &Code, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(c.as_str())
}

fn ser_template<S: serde::Serializer>(t: &&'static Template, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(t.id)
}

fn ser_hint<S: serde::Serializer>(t: &Option<&'static Template>, s: S) -> Result<S::Ok, S::Error> {
    match t {
        Some(t) => s.serialize_str(t.id),
        None => s.serialize_none(),
    }
}

impl Diagnostic {
    /// A diagnostic of the rule that `template` belongs to.
    pub fn new(file: &Path, pos: Pos, template: &'static Template) -> Diagnostic {
        debug_assert!(
            template.code.rule().templates.contains(template),
            "{}/{} is not in its rule's templates",
            template.code.as_str(),
            template.id
        );
        Diagnostic {
            code: template.code,
            severity: template.code.severity(),
            file: file.to_path_buf(),
            pos,
            template,
            hint_template: None,
            args: BTreeMap::new(),
        }
    }

    /// Adds a named value for the templates.
    pub fn arg(mut self, name: &'static str, value: impl std::fmt::Display) -> Diagnostic {
        self.args.insert(name, value.to_string());
        self
    }

    /// Adds a hint; it must be one of the same rule's templates.
    pub fn with_hint(mut self, hint: &'static Template) -> Diagnostic {
        debug_assert!(
            hint.code == self.code && self.code.rule().templates.contains(hint),
            "{}/{} is not a template of {}",
            hint.code.as_str(),
            hint.id,
            self.code.as_str()
        );
        self.hint_template = Some(hint);
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The rule this diagnostic applies.
    pub fn rule(&self) -> &'static Rule {
        self.code.rule()
    }

    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        self.template.fill(lang, &self.args)
    }

    /// The hint in `lang`, if the diagnostic has one.
    pub fn hint(&self, lang: Lang) -> Option<String> {
        self.hint_template.map(|t| t.fill(lang, &self.args))
    }

    /// `path:line:col: error[E007]: message`, without a newline.
    pub fn headline(&self, lang: Lang) -> String {
        format!(
            "{}:{}:{}: {}[{}]: {}",
            self.file.display(),
            self.pos.line,
            self.pos.column,
            self.severity.label(lang),
            self.code.as_str(),
            self.message(lang)
        )
    }

    /// `  = hint: …`, without a newline, if the diagnostic has a hint.
    pub fn hint_line(&self, lang: Lang) -> Option<String> {
        self.hint(lang)
            .map(|h| format!("  = {}: {h}", lang.pick("提示", "hint")))
    }

    /// The headline and the hint, each on its own line: what the golden files hold. The
    /// terminal adds the source line and a caret between them (`src/cli/render.rs`).
    pub fn render_plain(&self, lang: Lang) -> String {
        let mut out = self.headline(lang);
        out.push('\n');
        if let Some(h) = self.hint_line(lang) {
            out.push_str(&h);
            out.push('\n');
        }
        out
    }

    /// The diagnostic as JSON with its message and hint rendered in `lang` beside its data.
    pub fn to_json(&self, lang: Lang) -> serde_json::Value {
        let mut v = serde_json::to_value(self).unwrap_or_default();
        if let Some(m) = v.as_object_mut() {
            m.insert("message".into(), self.message(lang).into());
            if let Some(h) = self.hint(lang) {
                m.insert("hint".into(), h.into());
            }
        }
        v
    }
}

/// The closest candidate by edit distance, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(s, _)| *s > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_named_placeholders_and_keeps_unknown_ones() {
        let mut args = BTreeMap::new();
        args.insert("id", "a".to_string());
        assert_eq!(fill("x `{id}` {{y}} {other}", &args), "x `a` {y} {other}");
        assert_eq!(fill("open { end", &args), "open { end");
        assert_eq!(fill("close } end", &args), "close } end");
    }
}
