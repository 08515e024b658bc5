//! Semantic checks of a parsed scenario and of the rubric. Every problem is reported, in order.

pub mod gated_anti;
pub mod giveaway;

use crate::diag::{Code, Diagnostic, Pos, did_you_mean, msg};
use crate::guidance;
use crate::load::{Loaded, LoadedScenario};
use crate::model::{Cond, Effect, Scenario, Turn, VisitorType};
use crate::rubric::Rubric;
use crate::source::TokenKind::{Num, Str};
use crate::text::{Lang, Text};
use std::collections::{HashMap, HashSet};

const ORIGIN: Pos = Pos { line: 1, column: 1 };

struct Ctx<'a> {
    ls: &'a LoadedScenario,
    lang: Lang,
    out: Vec<Diagnostic>,
}

impl Ctx<'_> {
    fn push(&mut self, code: Code, pos: Option<Pos>, zh: String, en: String) -> &mut Diagnostic {
        self.out.push(Diagnostic::new(
            code,
            &self.ls.path,
            pos.unwrap_or(ORIGIN),
            msg(self.lang, zh, en),
        ));
        self.out.last_mut().expect("just pushed")
    }
    fn at(&self, path: &str, value: &str, nth: usize) -> Option<Pos> {
        self.ls.locator.find_nth(Str, path, value, nth)
    }
}

/// Every semantic problem of one scenario (duplicate scenario ids across files are `check`'s).
pub fn validate_scenario(ls: &LoadedScenario, rubric: &Rubric, lang: Lang) -> Vec<Diagnostic> {
    validate_scenario_with(ls, rubric, lang, true)
}

/// As [`validate_scenario`]; `state_model` runs the explorer for W102, which a host that only
/// needs to know what is playable (the app at start-up) may skip.
pub fn validate_scenario_with(
    ls: &LoadedScenario,
    rubric: &Rubric,
    lang: Lang,
    state_model: bool,
) -> Vec<Diagnostic> {
    let mut c = Ctx {
        ls,
        lang,
        out: Vec::new(),
    };
    let s = &ls.value;
    check_ids(&mut c, s);
    check_refs(&mut c, s);
    check_visitors(&mut c, s);
    check_turns(&mut c, s);
    check_rubric_ids(&mut c, s, rubric);
    check_ranges(&mut c, s);
    check_texts(&mut c, s);
    check_graph(&mut c, s);
    check_objectives(&mut c, s);
    giveaway::check(&mut c, s, rubric);
    gated_anti::check(&mut c, s, rubric);
    if state_model && !c.out.iter().any(|d| d.is_error()) {
        check_state_model(&mut c, s, rubric);
    }
    c.out.sort_by_key(|d| (d.pos.line, d.pos.column));
    c.out
}

fn check_ids(c: &mut Ctx, s: &Scenario) {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for step in &s.steps {
        let n = seen.entry(step.id.as_str()).or_default();
        if *n > 0 {
            let pos = c.at("steps/id", &step.id, *n);
            let first = c.at("steps/id", &step.id, 0).unwrap_or(ORIGIN);
            c.push(
                Code::E006,
                pos,
                format!("步骤 id `{}` 重复", step.id),
                format!("duplicate step id `{}`", step.id),
            )
            .hint = Some(msg(
                c.lang,
                format!(
                    "第一次出现在 {}:{}；给其中一个改名",
                    first.line, first.column
                ),
                format!(
                    "first used at {}:{}; rename one of them",
                    first.line, first.column
                ),
            ));
        }
        *n += 1;
    }
    // Lines, options, routes and visitors share one id space per scenario.
    let mut other: Vec<(&str, &str)> = s
        .visitors
        .iter()
        .map(|v| ("visitors/id", v.id.as_str()))
        .collect();
    for step in &s.steps {
        other.extend(step.lines.iter().map(|l| ("steps/lines/id", l.id.as_str())));
        match &step.turn {
            Turn::Choose { options, .. } => other.extend(
                options
                    .iter()
                    .map(|o| ("steps/turn/options/id", o.id.as_str())),
            ),
            Turn::Free {
                routes, otherwise, ..
            } => {
                other.extend(
                    routes
                        .iter()
                        .map(|r| ("steps/turn/routes/id", r.id.as_str())),
                );
                other.push(("steps/turn/otherwise/id", otherwise.id.as_str()));
            }
            Turn::End { .. } => {}
        }
    }
    let mut seen: HashMap<(&str, &str), usize> = HashMap::new();
    let mut names: HashSet<&str> = HashSet::new();
    for (path, id) in other {
        let n = seen.entry((path, id)).or_default();
        if !names.insert(id) {
            let pos = c.at(path, id, *n);
            c.push(
                Code::E016,
                pos,
                format!("id `{id}` 重复"),
                format!("duplicate id `{id}`"),
            )
            .hint = Some(
                c.lang
                    .pick(
                        "台词、选项、路线和来访人的 id 在一个剧本内必须唯一",
                        "line, option, route and visitor ids must be unique within a scenario",
                    )
                    .into(),
            );
        }
        *n += 1;
    }
}

fn check_refs(c: &mut Ctx, s: &Scenario) {
    let ids: Vec<&str> = s.steps.iter().map(|s| s.id.as_str()).collect();
    let known: HashSet<&str> = ids.iter().copied().collect();
    let mut refs: Vec<(&str, &str)> = vec![("start", s.start.as_str())];
    for step in &s.steps {
        refs.extend(
            step.branches
                .iter()
                .map(|b| ("steps/branches/next", b.next.as_str())),
        );
        match &step.turn {
            Turn::Choose { options, .. } => refs.extend(
                options
                    .iter()
                    .map(|o| ("steps/turn/options/next", o.next.as_str())),
            ),
            Turn::Free {
                routes, otherwise, ..
            } => {
                refs.extend(
                    routes
                        .iter()
                        .map(|r| ("steps/turn/routes/next", r.next.as_str())),
                );
                refs.push(("steps/turn/otherwise/next", otherwise.next.as_str()));
            }
            Turn::End { .. } => {}
        }
    }
    let mut counted: HashMap<(&str, &str), usize> = HashMap::new();
    for (path, target) in refs {
        let n = counted.entry((path, target)).or_default();
        if !known.contains(target) {
            let pos = c.at(path, target, *n);
            let d = c.push(
                Code::E007,
                pos,
                format!("没有 id 为 `{target}` 的步骤"),
                format!("no step has the id `{target}`"),
            );
            if let Some(m) = did_you_mean(target, ids.iter().copied()) {
                d.hint = Some(format!("did you mean `{m}`?"));
            }
        }
        *n += 1;
    }
}

fn check_visitors(c: &mut Ctx, s: &Scenario) {
    if s.visitors.is_empty() {
        c.push(
            Code::E004,
            c.ls.locator
                .find_nth(crate::source::TokenKind::Field, "", "visitors", 0),
            "至少需要一位来访人".into(),
            "at least one visitor is needed".into(),
        );
    }
    let ids: Vec<&str> = s.visitors.iter().map(|v| v.id.as_str()).collect();
    let mut n: HashMap<&str, usize> = HashMap::new();
    for step in &s.steps {
        if let Some(sp) = &step.speaker {
            let k = n.entry(sp.as_str()).or_default();
            if !ids.contains(&sp.as_str()) {
                let pos = c.at("steps/speaker", sp, *k);
                let d = c.push(
                    Code::E019,
                    pos,
                    format!("说话人 `{sp}` 不在 visitors 中"),
                    format!("speaker `{sp}` is not one of the visitors"),
                );
                d.hint = Some(match did_you_mean(sp, ids.iter().copied()) {
                    Some(m) => format!("did you mean `{m}`?"),
                    None => format!("visitors: {}", ids.join(", ")),
                });
            }
            *k += 1;
        }
    }
    if s.visitor_type == VisitorType::Collective {
        let size = s.group.as_ref().map_or(s.visitors.len() as u32, |g| g.size);
        if size < 5 {
            let pos = c
                .ls
                .locator
                .find_nth(Num, "group/size", &size.to_string(), 0)
                .or_else(|| {
                    c.ls.locator
                        .find_nth(crate::source::TokenKind::Field, "", "visitor_type", 0)
                });
            c.push(
                Code::E015,
                pos,
                format!("集体访至少 5 人，这里只有 {size} 人"),
                format!("a collective visit has at least 5 people; this one has {size}"),
            )
            .hint = Some(c.lang.pick("设置 group: Some((size: 5 以上, mood: …))，或改用其他来访类型", "set group: Some((size: 5 or more, mood: …)), or choose another visitor type").into());
        }
    }
}

fn check_turns(c: &mut Ctx, s: &Scenario) {
    for step in &s.steps {
        match &step.turn {
            Turn::Choose { options, .. } if options.is_empty() => {
                c.push(
                    Code::E009,
                    Some(c.ls.locator.step(&step.id)),
                    format!("步骤 `{}` 没有选项，又不是结局", step.id),
                    format!("step `{}` has no options and is not an ending", step.id),
                )
                .hint = Some(
                    c.lang
                        .pick(
                            "加上 2–5 个选项，或改成 turn: End(outcome: …, debrief: …)",
                            "add 2–5 options, or make it turn: End(outcome: …, debrief: …)",
                        )
                        .into(),
                );
            }
            Turn::Choose { options, .. } if options.len() < 2 || options.len() > 5 => {
                c.push(
                    Code::E017,
                    Some(c.ls.locator.step(&step.id)),
                    format!(
                        "步骤 `{}` 有 {} 个选项，应为 2–5 个",
                        step.id,
                        options.len()
                    ),
                    format!(
                        "step `{}` has {} options; a choice needs 2–5",
                        step.id,
                        options.len()
                    ),
                );
            }
            _ => {}
        }
        let mut missing: Vec<(&str, &str)> = Vec::new();
        match &step.turn {
            Turn::Choose { options, .. } => missing.extend(
                options
                    .iter()
                    .filter(|o| o.feedback.is_none())
                    .map(|o| ("steps/turn/options/id", o.id.as_str())),
            ),
            Turn::Free {
                routes, otherwise, ..
            } => {
                missing.extend(
                    routes
                        .iter()
                        .filter(|r| r.feedback.is_none())
                        .map(|r| ("steps/turn/routes/id", r.id.as_str())),
                );
                if otherwise.feedback.is_none() {
                    missing.push(("steps/turn/otherwise/id", otherwise.id.as_str()));
                }
            }
            Turn::End { .. } => {}
        }
        for (path, id) in missing {
            let pos = c.at(path, id, 0);
            c.push(
                Code::E013,
                pos,
                format!("选项 `{id}` 没有反馈"),
                format!("option `{id}` has no feedback"),
            )
            .hint = Some("feedback: (text: (zh: \"…\", en: \"…\"), guidance: [\"3.2\"])".into());
        }
    }
}

fn check_rubric_ids(c: &mut Ctx, s: &Scenario, r: &Rubric) {
    let techniques: Vec<&str> = r.techniques.iter().map(|t| t.id.as_str()).collect();
    let antis: Vec<&str> = r.anti_patterns.iter().map(|t| t.id.as_str()).collect();
    let procs: Vec<&str> = r.procedures.iter().map(|t| t.id.as_str()).collect();
    let mut items: Vec<(&str, String, &Vec<&str>, &str)> = Vec::new();
    for o in &s.objectives {
        items.push(("objectives", o.clone(), &techniques, "technique"));
    }
    for p in &s.procedure {
        items.push(("procedure", p.clone(), &procs, "procedure"));
    }
    for step in &s.steps {
        let mut conds: Vec<(&str, &Cond)> = step
            .branches
            .iter()
            .map(|b| ("steps/branches/when", &b.when))
            .collect();
        match &step.turn {
            Turn::Choose { options, .. } => {
                for o in options {
                    items.extend(o.tags.iter().map(|t| {
                        (
                            "steps/turn/options/tags",
                            t.clone(),
                            &techniques,
                            "technique",
                        )
                    }));
                    items.extend(
                        o.anti.iter().map(|t| {
                            ("steps/turn/options/anti", t.clone(), &antis, "anti-pattern")
                        }),
                    );
                    items.extend(o.procedure.iter().map(|t| {
                        (
                            "steps/turn/options/procedure",
                            t.clone(),
                            &procs,
                            "procedure",
                        )
                    }));
                }
            }
            Turn::Free {
                routes, expects, ..
            } => {
                items.extend(
                    expects
                        .iter()
                        .map(|t| ("steps/turn/expects", t.clone(), &techniques, "technique")),
                );
                conds.extend(
                    routes
                        .iter()
                        .filter_map(|r| r.when.as_ref().map(|w| ("steps/turn/routes/when", w))),
                );
            }
            Turn::End { .. } => {}
        }
        for (path, cond) in conds {
            cond.visit(&mut |leaf| match leaf {
                Cond::Used(t) => items.push((path, t.clone(), &techniques, "technique")),
                Cond::Committed(t) => items.push((path, t.clone(), &antis, "anti-pattern")),
                Cond::Done(t) => items.push((path, t.clone(), &procs, "procedure")),
                _ => {}
            });
        }
    }
    let mut counted: HashMap<(&str, String), usize> = HashMap::new();
    for (path, id, known, kind) in items {
        let n = counted.entry((path, id.clone())).or_default();
        if !known.contains(&id.as_str()) {
            let pos = c.at(path, &id, *n);
            let hint = match did_you_mean(&id, known.iter().copied()) {
                Some(m) => format!("did you mean `{m}`? ({})", known.join(", ")),
                None => known.join(", "),
            };
            let (kz, ke) = match kind {
                "technique" => ("技巧", "technique"),
                "anti-pattern" => ("反模式", "anti-pattern"),
                _ => ("程序", "procedure"),
            };
            c.push(
                Code::E011,
                pos,
                format!("评分规则中没有{kz} `{id}`"),
                format!("unknown {ke} id `{id}`"),
            )
            .hint = Some(hint);
        }
        *n += 1;
    }
    // Guidance ids.
    let mut gids: Vec<(&str, &str)> = s
        .guidance
        .iter()
        .map(|g| ("guidance", g.as_str()))
        .collect();
    for step in &s.steps {
        let fb = |f: &Option<crate::model::Feedback>| {
            f.as_ref().map(|f| f.guidance.clone()).unwrap_or_default()
        };
        match &step.turn {
            Turn::Choose { options, .. } => {
                for o in options {
                    for g in fb(&o.feedback) {
                        if !guidance::is_section(&g) {
                            let pos = c.at("steps/turn/options/feedback/guidance", &g, 0);
                            c.push(
                                Code::E018,
                                pos,
                                format!("指南中没有章节 `{g}`"),
                                format!("no guidance section `{g}`"),
                            )
                            .hint = Some(sections_hint());
                        }
                    }
                }
            }
            Turn::Free {
                routes, otherwise, ..
            } => {
                for r in routes.iter().chain(std::iter::once(&**otherwise)) {
                    for g in fb(&r.feedback) {
                        if !guidance::is_section(&g) {
                            let pos = c.ls.locator.find_str(&g);
                            c.push(
                                Code::E018,
                                pos,
                                format!("指南中没有章节 `{g}`"),
                                format!("no guidance section `{g}`"),
                            )
                            .hint = Some(sections_hint());
                        }
                    }
                }
            }
            Turn::End { .. } => {}
        }
    }
    gids.retain(|(_, g)| !guidance::is_section(g));
    for (path, g) in gids {
        let pos = c.at(path, g, 0);
        c.push(
            Code::E018,
            pos,
            format!("指南中没有章节 `{g}`"),
            format!("no guidance section `{g}`"),
        )
        .hint = Some(sections_hint());
    }
}

fn sections_hint() -> String {
    let ids: Vec<&str> = guidance::SECTIONS.iter().map(|s| s.0).collect();
    format!("sections: {}", ids.join(", "))
}

fn check_ranges(c: &mut Ctx, s: &Scenario) {
    let mut levels: Vec<(&str, i32)> = vec![
        ("initial/agitation", s.initial.agitation),
        ("initial/trust", s.initial.trust),
    ];
    if let Some(g) = &s.group {
        levels.push(("group/mood", g.mood));
    }
    levels.extend(
        s.visitors
            .iter()
            .filter_map(|v| v.agitation.map(|a| ("visitors/agitation", a))),
    );
    let mut deltas: Vec<(&str, Effect)> = Vec::new();
    for step in &s.steps {
        let mut conds: Vec<&Cond> = step.branches.iter().map(|b| &b.when).collect();
        match &step.turn {
            Turn::Choose { options, .. } => deltas.extend(
                options
                    .iter()
                    .map(|o| ("steps/turn/options/effect", o.effect)),
            ),
            Turn::Free {
                routes, otherwise, ..
            } => {
                deltas.extend(
                    routes
                        .iter()
                        .map(|r| ("steps/turn/routes/effect", r.effect)),
                );
                deltas.push(("steps/turn/otherwise/effect", otherwise.effect));
                conds.extend(routes.iter().filter_map(|r| r.when.as_ref()));
            }
            Turn::End { .. } => {}
        }
        for cond in conds {
            cond.visit(&mut |leaf| {
                if let Cond::AgitationAtLeast(v)
                | Cond::AgitationBelow(v)
                | Cond::TrustAtLeast(v)
                | Cond::TrustBelow(v)
                | Cond::GroupAtLeast(v)
                | Cond::GroupBelow(v) = leaf
                    && !(0..=100).contains(v)
                {
                    levels.push(("", *v));
                }
            });
        }
    }
    for (path, v) in levels {
        if !(0..=100).contains(&v) {
            let pos = find_num(c, path, v);
            c.push(
                Code::E012,
                pos,
                format!("状态值 {v} 超出 0–100"),
                format!("state value {v} is outside 0–100"),
            );
        }
    }
    for (path, e) in deltas {
        for (field, v) in [
            ("agitation", e.agitation),
            ("trust", e.trust),
            ("group", e.group),
        ] {
            if !(-100..=100).contains(&v) {
                let pos = find_num(c, &format!("{path}/{field}"), v);
                c.push(
                    Code::E012,
                    pos,
                    format!("变化量 {v} 超出 −100–100"),
                    format!("change {v} is outside −100…100"),
                );
            }
        }
    }
}

fn find_num(c: &Ctx, path: &str, v: i32) -> Option<Pos> {
    let loc = &c.ls.locator;
    let text = v.to_string();
    loc.tokens
        .iter()
        .find(|t| {
            t.kind == Num
                && (path.is_empty() || loc.path(t) == path)
                && loc.value(t).trim_start_matches('+') == text
        })
        .map(|t| loc.pos(t.offset))
}

fn check_texts(c: &mut Ctx, s: &Scenario) {
    let mut texts: Vec<(&Text, &str)> = vec![(&s.title, "title"), (&s.briefing, "briefing")];
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
    for (t, what) in texts {
        let any = t.zh.as_deref().or(t.en.as_deref()).unwrap_or("");
        if t.zh.as_deref().unwrap_or("").trim().is_empty()
            && t.en.as_deref().unwrap_or("").trim().is_empty()
        {
            let pos = c.ls.locator.find_str(any);
            c.push(
                Code::E020,
                pos,
                format!("{what} 的文字为空"),
                format!("the {what} text is empty"),
            );
        } else if let Some(lang) = t.missing() {
            let pos = c.ls.locator.find_str(any);
            let (zh, en) = match lang {
                Lang::Zh => ("中文", "Chinese"),
                Lang::En => ("英文", "English"),
            };
            c.push(
                Code::W101,
                pos,
                format!("{what} 缺少{zh}"),
                format!("the {what} has no {en} translation"),
            )
            .hint = Some("(zh: \"…\", en: \"…\")".into());
        }
    }
}

/// Reachability on the step graph, ignoring conditions.
fn check_graph(c: &mut Ctx, s: &Scenario) {
    let index: HashMap<&str, usize> = s
        .steps
        .iter()
        .enumerate()
        .map(|(i, st)| (st.id.as_str(), i))
        .collect();
    let Some(&start) = index.get(s.start.as_str()) else {
        return;
    };
    let succ: Vec<Vec<usize>> = s
        .steps
        .iter()
        .map(|st| {
            st.successors()
                .into_iter()
                .filter_map(|n| index.get(n).copied())
                .collect()
        })
        .collect();
    let mut seen = vec![false; s.steps.len()];
    let mut stack = vec![start];
    seen[start] = true;
    while let Some(i) = stack.pop() {
        for &j in &succ[i] {
            if !seen[j] {
                seen[j] = true;
                stack.push(j);
            }
        }
    }
    let mut first_index: HashSet<&str> = HashSet::new();
    for (i, st) in s.steps.iter().enumerate() {
        if !seen[i] && first_index.insert(st.id.as_str()) {
            let pos = Some(c.ls.locator.step(&st.id));
            c.push(
                Code::E008,
                pos,
                format!("从开始步骤到不了步骤 `{}`", st.id),
                format!("step `{}` cannot be reached from the start", st.id),
            )
            .hint = Some(
                c.lang
                    .pick(
                        "让某个选项、路线或分支的 next 指向它，或删掉它",
                        "point some option, route or branch at it, or remove it",
                    )
                    .into(),
            );
        }
    }
    // Which steps can reach an ending.
    let mut pred: Vec<Vec<usize>> = vec![Vec::new(); s.steps.len()];
    for (i, ss) in succ.iter().enumerate() {
        for &j in ss {
            pred[j].push(i);
        }
    }
    let mut good = vec![false; s.steps.len()];
    let mut stack: Vec<usize> = (0..s.steps.len())
        .filter(|&i| s.steps[i].is_end())
        .collect();
    for &i in &stack {
        good[i] = true;
    }
    while let Some(i) = stack.pop() {
        for &p in &pred[i] {
            if !good[p] {
                good[p] = true;
                stack.push(p);
            }
        }
    }
    if !good[start] {
        let pos = c.at("start", &s.start, 0);
        c.push(
            Code::E010,
            pos,
            "从开始步骤到不了任何结局".into(),
            "no ending can be reached from the start".into(),
        )
        .hint = Some(
            c.lang
                .pick(
                    "至少要有一个 turn: End(…) 的步骤，并有路径通向它",
                    "add a step with turn: End(…) and a path to it",
                )
                .into(),
        );
        return;
    }
    let stuck: Vec<&str> = (0..s.steps.len())
        .filter(|&i| seen[i] && !good[i] && !succ[i].is_empty())
        .map(|i| s.steps[i].id.as_str())
        .collect();
    if let Some(first) = stuck.first() {
        let pos = Some(c.ls.locator.step(first));
        c.push(
            Code::W104,
            pos,
            format!("这些步骤互相跳转却到不了结局：{}", stuck.join(", ")),
            format!(
                "these steps loop without reaching an ending: {}",
                stuck.join(", ")
            ),
        );
    }
}

fn check_objectives(c: &mut Ctx, s: &Scenario) {
    let mut used: HashSet<String> = HashSet::new();
    for step in &s.steps {
        match &step.turn {
            Turn::Choose { options, .. } => options
                .iter()
                .for_each(|o| used.extend(o.tags.iter().cloned())),
            Turn::Free {
                routes, expects, ..
            } => {
                used.extend(expects.iter().cloned());
                for r in routes {
                    if let Some(w) = &r.when {
                        w.visit(&mut |leaf| {
                            if let Cond::Used(t) = leaf {
                                used.insert(t.clone());
                            }
                        });
                    }
                }
            }
            Turn::End { .. } => {}
        }
    }
    for o in &s.objectives {
        if !used.contains(o) {
            let pos = c.at("objectives", o, 0);
            c.push(
                Code::W103,
                pos,
                format!("学习目标 `{o}` 没有任何选项练到"),
                format!("objective `{o}` is exercised by no option or route"),
            );
        }
    }
}

/// Endings reachable in the step graph but never under the state model.
fn check_state_model(c: &mut Ctx, s: &Scenario, rubric: &Rubric) {
    let Ok(report) = crate::explore::explore(s, rubric) else {
        return;
    };
    for e in &report.endings {
        if !e.reachable {
            let pos = Some(c.ls.locator.step(&e.step));
            c.push(
                Code::W102,
                pos,
                format!("按情绪和信任的变化，结局 `{}` 永远到不了", e.step),
                format!("the state model never reaches the ending `{}`", e.step),
            )
            .hint = Some(
                c.lang
                    .pick(
                        "检查通向它的分支条件和选项的 effect",
                        "check the branch conditions and the effects of the options leading there",
                    )
                    .into(),
            );
        }
    }
}

/// Checks a rubric: ids unique and cross-referenced, ranges sane, guidance ids real.
pub fn validate_rubric(lr: &Loaded<Rubric>, lang: Lang) -> Vec<Diagnostic> {
    let r = &lr.value;
    let loc = &lr.locator;
    let mut out = Vec::new();
    let mut push = |code: Code, pos: Option<Pos>, zh: String, en: String| {
        out.push(Diagnostic::new(
            code,
            &lr.path,
            pos.unwrap_or(ORIGIN),
            msg(lang, zh, en),
        ));
    };
    let techniques: Vec<&str> = r.techniques.iter().map(|t| t.id.as_str()).collect();
    let antis: Vec<&str> = r.anti_patterns.iter().map(|t| t.id.as_str()).collect();
    let procs: Vec<&str> = r.procedures.iter().map(|t| t.id.as_str()).collect();
    let stages: Vec<&str> = r.stages.iter().map(|t| t.id.as_str()).collect();
    for (path, ids) in [
        ("techniques/id", &techniques),
        ("anti_patterns/id", &antis),
        ("procedures/id", &procs),
        ("stages/id", &stages),
    ] {
        let mut seen = HashSet::new();
        let mut n: HashMap<&str, usize> = HashMap::new();
        for id in ids.iter() {
            let k = n.entry(id).or_default();
            if !seen.insert(*id) {
                push(
                    Code::E016,
                    loc.find_nth(Str, path, id, *k),
                    format!("id `{id}` 重复"),
                    format!("duplicate id `{id}`"),
                );
            }
            *k += 1;
        }
    }
    let mut refs: Vec<(&str, &str, &Vec<&str>)> = Vec::new();
    for a in &r.anti_patterns {
        refs.extend(
            a.against
                .iter()
                .map(|t| ("anti_patterns/against", t.as_str(), &techniques)),
        );
    }
    for s in &r.stages {
        refs.extend(
            s.reached_by
                .iter()
                .map(|t| ("stages/reached_by", t.as_str(), &techniques)),
        );
    }
    for g in &r.gates {
        refs.push(("gates/technique", g.technique.as_str(), &techniques));
        refs.push(("gates/stage", g.stage.as_str(), &stages));
        refs.extend(
            g.anti_pattern
                .iter()
                .map(|a| ("gates/anti_pattern", a.as_str(), &antis)),
        );
    }
    for rule in &r.rules {
        refs.extend(
            rule.used
                .iter()
                .chain(&rule.lacking)
                .map(|t| ("rules/used", t.as_str(), &techniques)),
        );
        refs.extend(
            rule.stage_at_least
                .iter()
                .chain(&rule.stage_below)
                .map(|t| ("rules/stage_at_least", t.as_str(), &stages)),
        );
    }
    refs.push((
        "crowd/seats_representatives",
        r.crowd.seats_representatives.as_str(),
        &procs,
    ));
    refs.push((
        "scoring/open_question_technique",
        r.scoring.open_question_technique.as_str(),
        &techniques,
    ));
    refs.push((
        "scoring/restating_technique",
        r.scoring.restating_technique.as_str(),
        &techniques,
    ));
    refs.push((
        "scoring/courtesy_technique",
        r.scoring.courtesy_technique.as_str(),
        &techniques,
    ));
    refs.push((
        "scoring/empty_politeness",
        r.scoring.empty_politeness.as_str(),
        &antis,
    ));
    for (_, id, known) in refs {
        if !known.contains(&id) {
            push(
                Code::E011,
                loc.find_str(id),
                format!("未定义的 id `{id}`"),
                format!("undefined id `{id}`"),
            );
        }
    }
    let mut guidance: Vec<&str> = Vec::new();
    for t in &r.techniques {
        guidance.extend(t.guidance.iter().map(String::as_str));
    }
    for t in &r.anti_patterns {
        guidance.extend(t.guidance.iter().map(String::as_str));
    }
    for t in &r.procedures {
        guidance.extend(t.guidance.iter().map(String::as_str));
    }
    for g in &r.gates {
        guidance.extend(g.guidance.iter().map(String::as_str));
    }
    for g in &r.rules {
        guidance.extend(g.guidance.iter().map(String::as_str));
    }
    for g in guidance {
        if !guidance::is_section(g) {
            push(
                Code::E018,
                loc.find_str(g),
                format!("指南中没有章节 `{g}`"),
                format!("no guidance section `{g}`"),
            );
        }
    }
    for (v, what) in [
        (r.crowd.spread, "spread"),
        (r.crowd.seated_calm, "seated_calm"),
        (r.crowd.bystander, "bystander"),
        (r.analyser.echo_share, "echo_share"),
        (r.scoring.procedure_share, "procedure_share"),
    ] {
        if !(0.0..=1.0).contains(&v) {
            push(
                Code::E012,
                loc.find_nth(crate::source::TokenKind::Field, "", what, 0),
                format!("{what} 应在 0–1 之间"),
                format!("{what} must lie in 0–1"),
            );
        }
    }
    for a in &r.anti_patterns {
        if a.penalty < 0.0 {
            push(
                Code::E012,
                loc.find_str(&a.id),
                format!("`{}` 的扣分不能为负", a.id),
                format!("the penalty of `{}` cannot be negative", a.id),
            );
        }
    }
    for t in &r.techniques {
        for (name, text) in [
            ("name", &t.name),
            ("summary", &t.summary),
            ("advice", &t.advice),
        ] {
            if t.name.missing().is_some() || text.missing().is_some() {
                push(
                    Code::W101,
                    loc.find_str(text.zh.as_deref().or(text.en.as_deref()).unwrap_or("")),
                    format!("`{}` 的 {name} 缺少翻译", t.id),
                    format!("the {name} of `{}` lacks a translation", t.id),
                );
            }
        }
    }
    out.sort_by_key(|d| (d.pos.line, d.pos.column));
    out
}
