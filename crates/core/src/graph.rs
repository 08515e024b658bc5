//! The step graph of a scenario as Mermaid or Graphviz DOT, for authors to see it whole.

use crate::model::{Cond, Scenario, Turn};
use crate::text::Lang;
use std::fmt::Write;

fn cond_label(c: &Cond) -> String {
    match c {
        Cond::AgitationAtLeast(v) => format!("agitation ≥ {v}"),
        Cond::AgitationBelow(v) => format!("agitation < {v}"),
        Cond::TrustAtLeast(v) => format!("trust ≥ {v}"),
        Cond::TrustBelow(v) => format!("trust < {v}"),
        Cond::GroupAtLeast(v) => format!("group ≥ {v}"),
        Cond::GroupBelow(v) => format!("group < {v}"),
        Cond::Used(t) => format!("used {t}"),
        Cond::Committed(t) => format!("committed {t}"),
        Cond::Done(p) => format!("done {p}"),
        Cond::All(v) => v.iter().map(cond_label).collect::<Vec<_>>().join(" and "),
        Cond::Any(v) => v.iter().map(cond_label).collect::<Vec<_>>().join(" or "),
        Cond::Not(c) => format!("not ({})", cond_label(c)),
    }
}

/// (from, to, label, conditional)
fn edges(s: &Scenario, lang: Lang) -> Vec<(String, String, String, bool)> {
    let mut out = Vec::new();
    for st in &s.steps {
        for b in &st.branches {
            out.push((
                st.id.clone(),
                b.next.clone(),
                format!("if {}", cond_label(&b.when)),
                true,
            ));
        }
        match &st.turn {
            Turn::Choose { options, .. } => {
                for (i, o) in options.iter().enumerate() {
                    out.push((
                        st.id.clone(),
                        o.next.clone(),
                        format!("{}. {}", i + 1, short(o.text.get(lang), 18)),
                        false,
                    ));
                }
            }
            Turn::Free {
                routes, otherwise, ..
            } => {
                for r in routes {
                    let l = r.when.as_ref().map(cond_label).unwrap_or_default();
                    out.push((st.id.clone(), r.next.clone(), format!("✎ {l}"), true));
                }
                out.push((
                    st.id.clone(),
                    otherwise.next.clone(),
                    "✎ otherwise".into(),
                    false,
                ));
            }
            Turn::End { .. } => {}
        }
    }
    out
}

fn short(s: &str, n: usize) -> String {
    let mut t: String = s.chars().take(n).collect();
    if s.chars().count() > n {
        t.push('…');
    }
    t
}

fn node_id(id: &str) -> String {
    let mut s = String::from("s_");
    for c in id.chars() {
        if c.is_ascii_alphanumeric() {
            s.push(c);
        } else {
            let _ = write!(s, "_{:x}_", c as u32);
        }
    }
    s
}

fn esc(s: &str) -> String {
    s.replace('"', "'").replace(['\n', '\r'], " ")
}

pub fn mermaid(s: &Scenario, lang: Lang) -> String {
    let mut out = String::from("flowchart TD\n");
    for st in &s.steps {
        let label = esc(&format!(
            "{}: {}",
            st.id,
            short(st.lines.first().map_or("", |l| l.text.get(lang)), 20)
        ));
        match &st.turn {
            Turn::End { outcome, .. } => {
                let _ = writeln!(
                    out,
                    "    {}([\"{}<br/>{}\"])",
                    node_id(&st.id),
                    label,
                    esc(outcome.label().get(lang))
                );
                let _ = writeln!(
                    out,
                    "    style {} fill:{},color:#fff",
                    node_id(&st.id),
                    outcome.colour()
                );
            }
            _ => {
                let _ = writeln!(out, "    {}[\"{}\"]", node_id(&st.id), label);
            }
        }
    }
    for (from, to, label, cond) in edges(s, lang) {
        let arrow = if cond { "-.->" } else { "-->" };
        let _ = writeln!(
            out,
            "    {} {}|\"{}\"| {}",
            node_id(&from),
            arrow,
            esc(&label),
            node_id(&to)
        );
    }
    let _ = writeln!(out, "    style {} stroke-width:3px", node_id(&s.start));
    out
}

pub fn dot(s: &Scenario, lang: Lang) -> String {
    let mut out = format!(
        "digraph \"{}\" {{\n    rankdir=TB;\n    node [shape=box, fontname=\"Noto Sans CJK SC\"];\n",
        esc(&s.id)
    );
    for st in &s.steps {
        let label = esc(&format!(
            "{}\\n{}",
            st.id,
            short(st.lines.first().map_or("", |l| l.text.get(lang)), 20)
        ));
        match &st.turn {
            Turn::End { outcome, .. } => {
                let _ = writeln!(
                    out,
                    "    \"{}\" [label=\"{}\\n{}\", shape=oval, style=filled, fillcolor=\"{}\", fontcolor=white];",
                    esc(&st.id),
                    label,
                    esc(outcome.label().get(lang)),
                    outcome.colour()
                );
            }
            _ => {
                let bold = if st.id == s.start { ", penwidth=3" } else { "" };
                let _ = writeln!(
                    out,
                    "    \"{}\" [label=\"{}\"{}];",
                    esc(&st.id),
                    label,
                    bold
                );
            }
        }
    }
    for (from, to, label, cond) in edges(s, lang) {
        let style = if cond { ", style=dashed" } else { "" };
        let _ = writeln!(
            out,
            "    \"{}\" -> \"{}\" [label=\"{}\"{}];",
            esc(&from),
            esc(&to),
            esc(&label),
            style
        );
    }
    out.push_str("}\n");
    out
}

/// A step as the app's graph screen draws it.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub id: String,
    /// The ending's outcome, for an ending.
    pub outcome: Option<crate::model::Outcome>,
    pub typed: bool,
    /// (to, label, conditional, via: the option's or route's id, empty for a branch), in the
    /// file's order.
    pub edges: Vec<(String, String, bool, String)>,
}

/// The steps in columns by their distance from the start (steps no path reaches come last),
/// each column in the file's order: the same graph `jiedai graph` prints, laid out for a screen.
pub fn layers(s: &Scenario, lang: Lang) -> Vec<Vec<Node>> {
    let edges = edges(s, lang);
    let mut depth: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let mut queue = std::collections::VecDeque::from([(s.start.as_str(), 0usize)]);
    while let Some((id, d)) = queue.pop_front() {
        if depth.contains_key(id) || s.step(id).is_none() {
            continue;
        }
        depth.insert(id, d);
        for (from, to, _, _) in &edges {
            if from == id {
                queue.push_back((to.as_str(), d + 1));
            }
        }
    }
    let deepest = depth.values().copied().max().unwrap_or(0);
    let mut out: Vec<Vec<Node>> = vec![Vec::new(); deepest + 2];
    for st in &s.steps {
        let at = depth.get(st.id.as_str()).copied().unwrap_or(deepest + 1);
        out[at].push(Node {
            id: st.id.clone(),
            outcome: match &st.turn {
                Turn::End { outcome, .. } => Some(*outcome),
                _ => None,
            },
            typed: matches!(st.turn, Turn::Free { .. }),
            edges: {
                let mut via: Vec<String> = st.branches.iter().map(|_| String::new()).collect();
                match &st.turn {
                    Turn::Choose { options, .. } => {
                        via.extend(options.iter().map(|o| o.id.clone()))
                    }
                    Turn::Free {
                        routes, otherwise, ..
                    } => {
                        via.extend(routes.iter().map(|r| r.id.clone()));
                        via.push(otherwise.id.clone());
                    }
                    Turn::End { .. } => {}
                }
                edges
                    .iter()
                    .filter(|e| e.0 == st.id)
                    .zip(via)
                    .map(|(e, v)| (e.1.clone(), e.2.clone(), e.3, v))
                    .collect()
            },
        });
    }
    out.retain(|l| !l.is_empty());
    out
}
