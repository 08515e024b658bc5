//! The texts of a scenario that E020 and W101 look at, with what each is.

use crate::model::{Scenario, Turn};
use crate::text::Text;

/// Every text of a scenario, in file order, with the name of what it is (`title`, `line`…).
pub fn of(s: &Scenario) -> Vec<(&Text, &'static str)> {
    let mut texts: Vec<(&Text, &str)> = vec![(&s.title, "title"), (&s.briefing, "briefing")];
    if let Some(t) = &s.teaching {
        texts.push((t, "teaching"));
    }
    for v in &s.visitors {
        texts.push((&v.name, "name"));
        texts.extend(v.occupation.iter().map(|t| (t, "occupation")));
        texts.extend(v.background.iter().map(|t| (t, "background")));
    }
    for step in &s.steps {
        texts.extend(step.lines.iter().map(|l| (&l.text, "line")));
        texts.extend(step.cue.iter().map(|t| (t, "cue")));
        texts.extend(step.note.iter().map(|t| (t, "note")));
        match &step.turn {
            Turn::Choose { options, .. } => {
                for o in options {
                    texts.push((&o.text, "option"));
                    texts.extend(o.feedback.iter().map(|f| (&f.text, "feedback")));
                }
            }
            Turn::Free {
                prompt,
                routes,
                otherwise,
                ..
            } => {
                texts.extend(prompt.iter().map(|t| (t, "prompt")));
                for r in routes.iter().chain(std::iter::once(&**otherwise)) {
                    texts.extend(r.feedback.iter().map(|f| (&f.text, "feedback")));
                }
            }
            Turn::End { debrief, .. } => texts.push((debrief, "debrief")),
        }
    }
    texts
}

/// True when neither language has any text.
pub fn is_empty(t: &Text) -> bool {
    t.zh.as_deref().unwrap_or("").trim().is_empty()
        && t.en.as_deref().unwrap_or("").trim().is_empty()
}

/// The string to look for in the file: whichever language is there.
pub fn any(t: &Text) -> &str {
    t.zh.as_deref().or(t.en.as_deref()).unwrap_or("")
}
