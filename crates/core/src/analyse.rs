//! The free-text analyser: finds techniques, anti-patterns and procedural acts in a typed reply,
//! each with the span that shows it.
//!
//! Patterns come from the rubric's lexicons and are matched in one pass per language with
//! Aho-Corasick (leftmost-longest, so a longer phrase such as 不管怎样 shadows 不管). Around the
//! lexicon it handles negation, open and closed questions, restating the visitor's words and
//! politeness without substance.

use crate::learn::{self, Feature, Model};
use crate::rubric::{Lexicon, Rubric};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use serde::{Deserialize, Serialize};

/// Longer replies are analysed up to this many bytes (the rest is ignored), to bound the time.
pub const MAX_REPLY_BYTES: usize = 64 * 1024;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Technique,
    AntiPattern,
    Procedure,
    OpenQuestion,
    ClosedQuestion,
    Restating,
    Politeness,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Cat {
    Technique(usize),
    Anti(usize),
    Procedure(usize),
    Neutral,
    Open,
    Closed,
    Restating,
    Polite,
    Contrast,
}

/// One thing the analyser found, with its evidence.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    pub kind: Kind,
    /// Technique, anti-pattern or procedure id; the kind's name for the others.
    pub id: String,
    /// Byte span in the reply.
    pub start: usize,
    pub end: usize,
    pub evidence: String,
    /// Cancelled by a negation just before it (我不理解, I don't understand).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub negated: bool,
    /// Found by the learned layer: the span is the n-gram that weighed most.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub learned: bool,
}

/// What the analyser needs to know about the moment.
#[derive(Clone, Debug, Default)]
pub struct Context<'a> {
    /// The visitor's last line, for restating.
    pub visitor_line: Option<&'a str>,
    /// The visitor's agitation before the reply, 0–100.
    pub agitation: i32,
    /// Stages reached before the reply (0 = none).
    pub stage: usize,
    /// The reply's turn, from 1 (0 when unknown).
    pub turn: u32,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    pub findings: Vec<Finding>,
    /// Technique ids found (not negated), in order of first appearance.
    pub techniques: Vec<String>,
    pub anti_patterns: Vec<String>,
    pub procedures: Vec<String>,
    /// True when the reply was cut at [`MAX_REPLY_BYTES`].
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub truncated: bool,
    /// The learned layer decided the labels; false when the lexicons worked alone.
    #[serde(default)]
    pub learned: bool,
}

impl Analysis {
    /// The evidence for an id (the first finding that shows it).
    pub fn evidence(&self, id: &str) -> Option<&Finding> {
        self.findings.iter().find(|f| f.id == id && !f.negated)
    }
}

struct Matcher {
    ac: AhoCorasick,
    cats: Vec<Vec<Cat>>,
    english: bool,
}

/// Built once per rubric; cheap to share.
pub struct Analyser {
    matchers: Vec<Matcher>,
    negators_zh: Vec<String>,
    negators_en: Vec<String>,
    techniques: Vec<String>,
    antis: Vec<String>,
    procedures: Vec<String>,
    echo_share: f32,
    open_tech: String,
    restate_tech: String,
    empty_polite: String,
    courtesy: String,
    retracted: Vec<String>,
    kept_by: Vec<String>,
    voids: Vec<String>,
    model: Option<Model>,
}

impl Analyser {
    pub fn new(r: &Rubric) -> Analyser {
        let mut zh: Vec<(String, Cat)> = Vec::new();
        let mut en: Vec<(String, Cat)> = Vec::new();
        let mut add = |lex: &Lexicon, cat: Cat| {
            zh.extend(
                lex.zh
                    .iter()
                    .filter(|p| !p.is_empty())
                    .map(|p| (p.clone(), cat)),
            );
            en.extend(
                lex.en
                    .iter()
                    .filter(|p| !p.trim().is_empty())
                    .map(|p| (p.to_lowercase(), cat)),
            );
        };
        for (i, t) in r.techniques.iter().enumerate() {
            add(&t.lexicon, Cat::Technique(i));
        }
        for (i, t) in r.anti_patterns.iter().enumerate() {
            add(&t.lexicon, Cat::Anti(i));
        }
        for (i, t) in r.procedures.iter().enumerate() {
            add(&t.lexicon, Cat::Procedure(i));
        }
        let a = &r.analyser;
        add(&a.neutral, Cat::Neutral);
        add(&a.open_questions, Cat::Open);
        add(&a.closed_questions, Cat::Closed);
        add(&a.restating, Cat::Restating);
        add(&a.politeness, Cat::Polite);
        add(&a.contrast, Cat::Contrast);
        let matchers = [(zh, false), (en, true)]
            .into_iter()
            .filter(|(pats, _)| !pats.is_empty())
            .map(|(pats, english)| {
                let mut uniq: Vec<String> = Vec::new();
                let mut cats: Vec<Vec<Cat>> = Vec::new();
                for (p, c) in pats {
                    match uniq.iter().position(|u| *u == p) {
                        Some(i) => {
                            if !cats[i].contains(&c) {
                                cats[i].push(c)
                            }
                        }
                        None => {
                            uniq.push(p);
                            cats.push(vec![c]);
                        }
                    }
                }
                let ac = AhoCorasickBuilder::new()
                    .match_kind(MatchKind::LeftmostLongest)
                    .ascii_case_insensitive(english)
                    .build(&uniq)
                    .expect("literal patterns always build");
                Matcher { ac, cats, english }
            })
            .collect();
        Analyser {
            matchers,
            negators_zh: a.negators.zh.clone(),
            negators_en: a.negators.en.iter().map(|s| s.to_lowercase()).collect(),
            techniques: r.techniques.iter().map(|t| t.id.clone()).collect(),
            antis: r.anti_patterns.iter().map(|t| t.id.clone()).collect(),
            procedures: r.procedures.iter().map(|t| t.id.clone()).collect(),
            echo_share: a.echo_share,
            open_tech: r.scoring.open_question_technique.clone(),
            restate_tech: r.scoring.restating_technique.clone(),
            empty_polite: r.scoring.empty_politeness.clone(),
            courtesy: r.scoring.courtesy_technique.clone(),
            retracted: a.retracted_by_contrast.clone(),
            kept_by: a.kept_by.clone(),
            voids: a.voids_procedures.clone(),
            model: None,
        }
    }

    /// The lexicons with the learned layer on top.
    pub fn with_model(r: &Rubric, model: Model) -> Analyser {
        Analyser {
            model: Some(model),
            ..Analyser::new(r)
        }
    }

    /// The analyser a host runs: the lexicons with the learned layer read from `model`. When
    /// the file is missing or damaged the lexicons work alone, and the error says why.
    pub fn load(
        r: &Rubric,
        model: Option<&std::path::Path>,
    ) -> (Analyser, Option<learn::ModelError>) {
        let Some(path) = model else {
            return (Analyser::new(r), None);
        };
        match Model::load(path) {
            Ok(m) => (Analyser::with_model(r, m), None),
            Err(e) => (Analyser::new(r), Some(e)),
        }
    }

    /// The learned layer, when one is loaded.
    pub fn model(&self) -> Option<&Model> {
        self.model.as_ref()
    }

    /// Analyses one reply. Never panics; time is linear in the (bounded) length.
    pub fn analyse(&self, reply: &str, ctx: &Context) -> Analysis {
        let out = self.lexical(reply, ctx);
        match &self.model {
            Some(m) => self.learned(m, reply, ctx, out),
            None => out,
        }
    }

    /// The lexicon layer alone.
    pub fn lexical(&self, reply: &str, ctx: &Context) -> Analysis {
        let mut out = Analysis::default();
        let text = cut(reply);
        out.truncated = text.len() < reply.len();
        let mut polite: Vec<Finding> = Vec::new();
        let mut contrasts: Vec<(usize, usize)> = Vec::new();
        for m in &self.matchers {
            for hit in m.ac.find_iter(text) {
                let (s, e) = (hit.start(), hit.end());
                if m.english && !on_word_boundaries(text, s, e) {
                    continue;
                }
                let negated = self.negated_before(text, s);
                let evidence = text[s..e].to_owned();
                for &cat in &m.cats[hit.pattern().as_usize()] {
                    let (kind, id) = match cat {
                        Cat::Technique(i) => (Kind::Technique, self.techniques[i].clone()),
                        Cat::Anti(i) => (Kind::AntiPattern, self.antis[i].clone()),
                        Cat::Procedure(i) => (Kind::Procedure, self.procedures[i].clone()),
                        Cat::Neutral => continue,
                        Cat::Contrast => {
                            contrasts.push((s, e));
                            continue;
                        }
                        Cat::Open => {
                            if !in_question(text, e) {
                                continue;
                            }
                            (Kind::OpenQuestion, "open_question".to_owned())
                        }
                        Cat::Closed => (Kind::ClosedQuestion, "closed_question".to_owned()),
                        Cat::Restating => (Kind::Restating, "restating".to_owned()),
                        Cat::Polite => {
                            polite.push(Finding {
                                kind: Kind::Politeness,
                                id: "politeness".into(),
                                start: s,
                                end: e,
                                evidence: evidence.clone(),
                                negated: false,
                                learned: false,
                            });
                            continue;
                        }
                    };
                    out.findings.push(Finding {
                        kind,
                        id,
                        start: s,
                        end: e,
                        evidence: evidence.clone(),
                        negated: negated
                            && matches!(
                                kind,
                                Kind::Technique | Kind::AntiPattern | Kind::Procedure
                            ),
                        learned: false,
                    });
                }
            }
        }
        // Restating: a marker plus an echo of the visitor's words, or a strong echo alone.
        if let Some(line) = ctx.visitor_line {
            let marker = out.findings.iter().any(|f| f.kind == Kind::Restating);
            if let Some((s, e, share)) = echo(text, line)
                && (share >= self.echo_share || marker)
            {
                out.findings.push(Finding {
                    kind: Kind::Restating,
                    id: "echo".into(),
                    start: s,
                    end: e,
                    evidence: text[s..e].to_owned(),
                    negated: false,
                    learned: false,
                });
            } else if marker {
                // A marker with no echo is only a formula.
                out.findings.retain(|f| f.kind != Kind::Restating);
            }
        }
        out.findings.sort_by_key(|f| (f.start, f.end));
        self.retract_before_contrast(&mut out.findings, &contrasts);
        self.void_procedures(text, &mut out.findings);
        let push = |v: &mut Vec<String>, id: &str| {
            if !v.iter().any(|x| x == id) {
                v.push(id.to_owned());
            }
        };
        for f in out.findings.iter().filter(|f| !f.negated) {
            match f.kind {
                Kind::Technique => push(&mut out.techniques, &f.id),
                Kind::AntiPattern => push(&mut out.anti_patterns, &f.id),
                Kind::Procedure => push(&mut out.procedures, &f.id),
                Kind::OpenQuestion => push(&mut out.techniques, &self.open_tech),
                Kind::Restating if f.id == "echo" => push(&mut out.techniques, &self.restate_tech),
                _ => {}
            }
        }
        // Courtesy with nothing else in a short reply is only a formula: thanks and 高度重视
        // without a question, an acknowledgement or a next step.
        let courteous = polite.first().cloned().or_else(|| {
            out.findings
                .iter()
                .find(|f| f.kind == Kind::Technique && f.id == self.courtesy && !f.negated)
                .cloned()
        });
        if let Some(p) = courteous {
            let substance = out.techniques.iter().any(|t| *t != self.courtesy)
                || !out.procedures.is_empty()
                || !out.anti_patterns.is_empty();
            let words = text.split_whitespace().count();
            let cjk = text
                .chars()
                .filter(|&c| crate::text::is_cjk(c) && c.is_alphanumeric())
                .count();
            if !substance && cjk <= 24 && (cjk > 0 || words <= 12) {
                out.techniques.retain(|t| *t != self.courtesy);
                out.findings
                    .retain(|f| !(f.kind == Kind::Technique && f.id == self.courtesy));
                push(&mut out.anti_patterns, &self.empty_polite);
                out.findings.push(Finding {
                    kind: Kind::AntiPattern,
                    id: self.empty_polite.clone(),
                    ..p.clone()
                });
            }
        }
        out.findings.extend(polite);
        out.findings.sort_by_key(|f| (f.start, f.end));
        out
    }

    /// 我理解，但是…: a contrast takes back the techniques before it that the rubric names,
    /// unless what follows the last contrast offers help (a route, an invitation to talk).
    fn retract_before_contrast(&self, findings: &mut [Finding], contrasts: &[(usize, usize)]) {
        let Some(&(cs, ce)) = contrasts.last() else {
            return;
        };
        let helped = findings.iter().any(|f| {
            f.start >= ce
                && !f.negated
                && match f.kind {
                    Kind::Technique => self.kept_by.contains(&f.id),
                    Kind::OpenQuestion | Kind::Restating => self.kept_by.contains(&self.open_tech),
                    _ => false,
                }
        });
        if helped {
            return;
        }
        for f in findings.iter_mut() {
            if f.kind == Kind::Technique && f.end <= cs && self.retracted.contains(&f.id) {
                f.negated = true;
            }
        }
    }

    /// Procedural acts named in the same clause as an anti-pattern that voids them.
    fn void_procedures(&self, text: &str, findings: &mut [Finding]) {
        let clause = |at: usize| {
            let s = text[..at].rfind(is_clause_break).map_or(0, |i| i + 1);
            let e = text[at..]
                .find(is_clause_break)
                .map_or(text.len(), |i| at + i);
            (s, e)
        };
        let voiding: Vec<(usize, usize)> = findings
            .iter()
            .filter(|f| f.kind == Kind::AntiPattern && !f.negated && self.voids.contains(&f.id))
            .map(|f| clause(f.start))
            .collect();
        for f in findings.iter_mut() {
            if f.kind == Kind::Procedure && voiding.iter().any(|&(s, e)| f.start >= s && f.end <= e)
            {
                f.negated = true;
            }
        }
    }

    /// The learned layer's features of a reply: its n-grams, what the lexicons found in it and
    /// the moment. Training and analysis both call this, so they see the same thing.
    pub fn features(&self, reply: &str, ctx: &Context, lexical: &Analysis) -> Vec<Feature> {
        let text = cut(reply);
        let mut f = Vec::with_capacity(text.len() * 2);
        learn::text_features(text, &mut f);
        for x in &lexical.findings {
            let kind = match x.kind {
                Kind::Technique => "t",
                Kind::AntiPattern => "a",
                Kind::Procedure => "p",
                Kind::OpenQuestion => "oq",
                Kind::ClosedQuestion => "cq",
                Kind::Restating => "rs",
                Kind::Politeness => "po",
            };
            let tag = if x.negated { "n" } else { "y" };
            learn::named(kind, &format!("{}:{tag}", x.id), &mut f);
        }
        for t in &lexical.techniques {
            learn::named("T", t, &mut f);
        }
        for a in &lexical.anti_patterns {
            learn::named("A", a, &mut f);
        }
        let band = match ctx.agitation {
            a if a >= 80 => "4",
            a if a >= 60 => "3",
            a if a >= 40 => "2",
            _ => "1",
        };
        learn::named("ag", band, &mut f);
        learn::named("st", &ctx.stage.min(3).to_string(), &mut f);
        let turn = match ctx.turn {
            0 => "0",
            1 => "1",
            2 | 3 => "2",
            _ => "4",
        };
        learn::named("tn", turn, &mut f);
        let n = text.chars().filter(|c| c.is_alphanumeric()).count();
        let len = match n {
            0..=5 => "0",
            6..=14 => "1",
            15..=35 => "2",
            36..=80 => "3",
            _ => "4",
        };
        learn::named("len", len, &mut f);
        if lexical.findings.iter().all(|x| x.kind == Kind::Politeness) {
            learn::named("lex", "none", &mut f);
        }
        f
    }

    /// Lets the learned layer decide the labels it knows, keeping the lexicon's spans as the
    /// evidence and adding the weightiest n-gram where no rule fired.
    fn learned(&self, m: &Model, reply: &str, ctx: &Context, mut out: Analysis) -> Analysis {
        let text = cut(reply);
        let feats = self.features(reply, ctx, &out);
        let p = m.predict(&feats);
        let mut techniques = Vec::new();
        let mut antis = Vec::new();
        let mut added = Vec::new();
        for (i, label) in m.labels.iter().enumerate() {
            let (kind, rule) = if self.techniques.contains(label) {
                (Kind::Technique, out.techniques.contains(label))
            } else if self.antis.contains(label) {
                (Kind::AntiPattern, out.anti_patterns.contains(label))
            } else {
                continue;
            };
            let found = p[i] >= m.thresholds[i] || (rule && p[i] >= m.rule_thresholds[i]);
            if !found {
                continue;
            }
            match kind {
                Kind::Technique => techniques.push(label.clone()),
                _ => antis.push(label.clone()),
            }
            let shown = out
                .findings
                .iter()
                .any(|f| f.kind == kind && f.id == *label && !f.negated);
            if !shown && let Some(&(s, e, _)) = m.evidence(&feats, i, 1).first() {
                added.push(Finding {
                    kind,
                    id: label.clone(),
                    start: s,
                    end: e,
                    evidence: text[s..e].to_owned(),
                    negated: false,
                    learned: true,
                });
            }
        }
        // Labels the model does not know stay with the lexicons.
        let known = |id: &String| m.labels.contains(id);
        let keep_t: Vec<String> = out
            .techniques
            .iter()
            .filter(|t| !known(t))
            .cloned()
            .collect();
        let keep_a: Vec<String> = out
            .anti_patterns
            .iter()
            .filter(|a| !known(a))
            .cloned()
            .collect();
        // The open-question and echo findings stand for listening; a rule finding the model
        // overruled is dropped, so no span is painted for a label that was not found.
        out.findings.retain(|f| match f.kind {
            Kind::Technique => !known(&f.id) || techniques.contains(&f.id) || f.negated,
            Kind::AntiPattern => !known(&f.id) || antis.contains(&f.id) || f.negated,
            _ => true,
        });
        out.findings.extend(added);
        out.findings.sort_by_key(|f| (f.start, f.end));
        out.techniques = order_by_findings(&out.findings, keep_t.into_iter().chain(techniques));
        out.anti_patterns = order_by_findings(&out.findings, keep_a.into_iter().chain(antis));
        out.learned = true;
        out
    }

    /// A negator in the few characters (or words) before `start`, within the same clause.
    fn negated_before(&self, text: &str, start: usize) -> bool {
        let before = &text[..start];
        let clause_start = before.rfind(|c: char| is_clause_break(c)).map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        });
        let clause = &before[clause_start..];
        // Chinese: the last three characters.
        let tail: String = {
            let chars: Vec<char> = clause.chars().collect();
            chars[chars.len().saturating_sub(3)..].iter().collect()
        };
        if self
            .negators_zh
            .iter()
            .any(|n| !n.is_empty() && tail.contains(n.as_str()))
        {
            return true;
        }
        // English: the last three words.
        let lower = clause.to_lowercase();
        let words: Vec<&str> = lower
            .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
            .filter(|w| !w.is_empty())
            .collect();
        let last = &words[words.len().saturating_sub(3)..];
        self.negators_en.iter().any(|n| {
            let parts: Vec<&str> = n.split_whitespace().collect();
            !parts.is_empty() && last.windows(parts.len()).any(|w| w == parts.as_slice())
        }) || last
            .iter()
            .any(|w| w.ends_with("n't") || w.ends_with("n’t"))
    }
}

/// The reply up to [`MAX_REPLY_BYTES`], cut at a character boundary.
fn cut(reply: &str) -> &str {
    if reply.len() <= MAX_REPLY_BYTES {
        return reply;
    }
    let mut at = MAX_REPLY_BYTES;
    while !reply.is_char_boundary(at) {
        at -= 1;
    }
    &reply[..at]
}

/// Ids in the order their first finding appears (ids without a finding last).
fn order_by_findings(findings: &[Finding], ids: impl Iterator<Item = String>) -> Vec<String> {
    let mut v: Vec<(usize, String)> = ids
        .map(|id| {
            let at = findings
                .iter()
                .position(|f| f.id == id && !f.negated)
                .unwrap_or(usize::MAX);
            (at, id)
        })
        .collect();
    v.sort();
    v.dedup_by(|a, b| a.1 == b.1);
    v.into_iter().map(|x| x.1).collect()
}

fn is_clause_break(c: char) -> bool {
    matches!(
        c,
        '，' | '。' | '！' | '？' | '；' | '、' | ',' | '.' | '!' | '?' | ';' | ':' | '：' | '\n'
    )
}

fn on_word_boundaries(text: &str, s: usize, e: usize) -> bool {
    let before = text[..s].chars().next_back();
    let after = text[e..].chars().next();
    let first = text[s..e].chars().next();
    let last = text[s..e].chars().next_back();
    let word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    (!word(first) || !word(before)) && (!word(last) || !word(after))
}

/// The clause after `end` closes with a question mark, or carries 吗/呢.
fn in_question(text: &str, end: usize) -> bool {
    for c in text[end..].chars() {
        match c {
            '?' | '？' | '吗' | '呢' => return true,
            c if is_clause_break(c) && c != ',' && c != '，' => return false,
            _ => {}
        }
    }
    false
}

/// The longest run of the reply that also appears in the visitor's line, and the share of the
/// reply's content characters it covers. Only runs of 4+ CJK or 12+ other characters count.
fn echo(reply: &str, line: &str) -> Option<(usize, usize, f32)> {
    let r: Vec<(usize, char)> = reply.char_indices().take(2000).collect();
    let l: Vec<char> = line.chars().take(2000).collect();
    if r.is_empty() || l.is_empty() {
        return None;
    }
    let mut prev = vec![0u16; l.len() + 1];
    let mut cur = vec![0u16; l.len() + 1];
    let (mut best, mut best_end) = (0usize, 0usize);
    for (i, &(_, ch)) in r.iter().enumerate() {
        let rc = ch.to_lowercase().next().unwrap_or(ch);
        for (j, &lch) in l.iter().enumerate() {
            let lc = lch.to_lowercase().next().unwrap_or(lch);
            cur[j + 1] = if rc == lc && !is_clause_break(rc) {
                prev[j] + 1
            } else {
                0
            };
            if cur[j + 1] as usize > best {
                best = cur[j + 1] as usize;
                best_end = i;
            }
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    let run: String = r[best_end + 1 - best..=best_end]
        .iter()
        .map(|x| x.1)
        .collect();
    let cjk = run.chars().filter(|&c| crate::text::is_cjk(c)).count();
    if cjk < 4 && run.trim().chars().count() < 12 {
        return None;
    }
    let content = r.iter().filter(|(_, c)| c.is_alphanumeric()).count().max(1);
    let share = run.chars().filter(|c| c.is_alphanumeric()).count() as f32 / content as f32;
    let start = r[best_end + 1 - best].0;
    let end = r[best_end].0 + r[best_end].1.len_utf8();
    Some((start, end, share))
}
