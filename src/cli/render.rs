//! Diagnostics for the terminal, in the style of rustc, and `jiedai check --explain`.
//!
//! The core renders a diagnostic's headline and hint from its rule's templates
//! ([`Diagnostic::headline`], [`Diagnostic::hint_line`]); this adds the source line and a caret
//! under the place.

use jiedai_core::Lang;
use jiedai_core::diag::{Code, Diagnostic};
use jiedai_core::source::Locator;
use std::fmt::Write;

/// `path:line:col: error[E007]: message`, the source line, a caret, and the hint.
pub fn diagnostic(d: &Diagnostic, source: Option<&Locator>, lang: Lang) -> String {
    let mut out = d.headline(lang);
    out.push('\n');
    if let Some(loc) = source {
        let line = loc.line_text(d.pos.line);
        if !line.is_empty() {
            let num = d.pos.line.to_string();
            let pad = " ".repeat(num.len());
            let shown: String = line.chars().take(160).collect();
            let caret_at: usize = line
                .chars()
                .take(d.pos.column.saturating_sub(1))
                .map(width)
                .sum();
            let _ = writeln!(
                out,
                "{pad} |\n{num} | {shown}\n{pad} | {}^",
                " ".repeat(caret_at.min(160))
            );
        }
    }
    if let Some(h) = d.hint_line(lang) {
        let _ = writeln!(out, "{h}");
    }
    out
}

/// Display width: CJK characters take two columns.
fn width(c: char) -> usize {
    if jiedai_core::text::is_cjk(c) { 2 } else { 1 }
}

/// What a rule checks, why it matters, an example and the fix, from its rule file.
pub fn explain(code: Code, lang: Lang) -> String {
    let e = code.explain();
    let p = |pair: (&str, &str)| lang.pick(pair.0, pair.1).to_owned();
    format!(
        "{} {}\n\n{}\n  {}\n\n{}\n  {}\n\n{}\n  {}\n\n{}\n  {}\n",
        code.as_str(),
        p(e.title),
        lang.pick("检查什么", "What it checks"),
        p(e.what),
        lang.pick("为什么重要", "Why it matters"),
        p(e.why),
        lang.pick("示例", "Example"),
        e.example,
        lang.pick("改成", "Use instead"),
        e.fix
    )
}
