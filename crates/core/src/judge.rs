//! The one place that judges a reply: an option picked or a reply typed, at the visitor's
//! state, under the rubric. The session engine, the explorer, `jiedai score` and the app's
//! screens all ask here, so a rule such as "law first while agitated" is applied the same way
//! wherever a reply is weighed.
//!
//! What the reply *does* comes from the option's tags (choices) or from the analyser (typed
//! replies); whether it lands, is premature or adds an anti-pattern is decided by
//! [`crate::state::assess`] from the rubric's gates and rules; what it does to the visitor is
//! [`crate::state::apply`].

use crate::analyse::{Analyser, Analysis, Context, Finding, Kind};
use crate::model::{Effect, Reply, Route};
use crate::rubric::Rubric;
use crate::state::{Assessment, Facts, VisitorState, apply, assess, holds};
use crate::text::{Lang, Text};
use serde::Serialize;

/// What an option does, as its author tagged it.
pub fn option_facts(o: &Reply) -> Facts {
    Facts {
        techniques: o.tags.clone(),
        anti_patterns: o.anti.clone(),
        procedures: o.procedure.clone(),
        effect: o.effect,
        typed: false,
    }
}

/// What a typed reply does, as the analyser found it.
pub fn analysis_facts(a: &Analysis) -> Facts {
    Facts {
        techniques: a.techniques.clone(),
        anti_patterns: a.anti_patterns.clone(),
        procedures: a.procedures.clone(),
        effect: Effect::default(),
        typed: true,
    }
}

/// An option picked at `before`.
pub fn choice(rubric: &Rubric, before: &VisitorState, o: &Reply) -> Assessment {
    assess(rubric, before, &option_facts(o))
}

/// The explorer's stand-in for a typed reply that takes `route`: a reply showing what the
/// route's condition asks for, with the route's effect.
pub fn route_stand_in(rubric: &Rubric, before: &VisitorState, route: &Route) -> Assessment {
    let mut f = Facts {
        typed: true,
        effect: route.effect,
        ..Facts::default()
    };
    if let Some(w) = &route.when {
        w.positive_uses(&mut f.techniques, &mut f.anti_patterns);
    }
    assess(rubric, before, &f)
}

/// The route a judged typed reply takes: the first whose condition holds, or `otherwise`.
pub fn pick_route<'a>(
    rubric: &Rubric,
    before: &VisitorState,
    a: &Assessment,
    routes: &'a [Route],
    otherwise: &'a Route,
) -> &'a Route {
    routes
        .iter()
        .find(|r| {
            r.when
                .as_ref()
                .is_some_and(|w| holds(w, rubric, before, Some(a)))
        })
        .unwrap_or(otherwise)
}

/// A typed reply judged at a moment: the analyser's findings, the rubric's assessment, and the
/// findings a gate added (shown by the words of the premature technique).
#[derive(Clone, Debug, Serialize)]
pub struct Typed {
    pub analysis: Analysis,
    pub assessment: Assessment,
    /// The analyser's findings plus those the gates added, in reply order.
    pub findings: Vec<Finding>,
}

/// A reply judged at a moment known only by its agitation and stage (`jiedai score`).
#[derive(Clone, Debug, Default)]
pub struct Moment<'a> {
    pub visitor_line: Option<&'a str>,
    pub agitation: i32,
    /// Stages reached before the reply (0 = none).
    pub stage: usize,
    pub turn: u32,
}

/// The stage to assume when only the turn is known: by the third turn the visitor has had
/// the floor (heard), but nothing says they were acknowledged.
pub fn stage_for_turn(turn: u32) -> usize {
    if turn >= 3 { 1 } else { 0 }
}

/// `jiedai score`'s view of a judged reply.
#[derive(Clone, Debug, Serialize)]
pub struct Judged {
    /// Techniques that landed (after the rubric's timing gates).
    pub detected: Vec<String>,
    pub anti_patterns: Vec<String>,
    pub procedures: Vec<String>,
    /// Techniques found but used too early.
    pub premature: Vec<String>,
    pub findings: Vec<Finding>,
    pub effect: Effect,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub truncated: bool,
}

/// What an option would bring if picked now: for the classroom's notes and the presenter.
#[derive(Clone, Debug, Serialize)]
pub struct Preview {
    pub assessment: Assessment,
    pub after: VisitorState,
}

impl Preview {
    /// Good when the option scores above zero and commits no anti-pattern.
    pub fn is_good(&self) -> bool {
        self.assessment.anti_patterns.is_empty() && self.assessment.net() > 0.0
    }
}

/// Judges typed replies with one analyser under one rubric.
pub struct Judge<'a> {
    pub rubric: &'a Rubric,
    pub analyser: &'a Analyser,
}

impl<'a> Judge<'a> {
    pub fn new(rubric: &'a Rubric, analyser: &'a Analyser) -> Judge<'a> {
        Judge { rubric, analyser }
    }

    /// A typed reply at `before`, after the visitor said `line` at turn `turn` (1-based).
    pub fn typed(&self, before: &VisitorState, text: &str, line: &Text, turn: u32) -> Typed {
        let analyse = |l: &str| {
            self.analyser.analyse(
                text,
                &Context {
                    visitor_line: Some(l).filter(|s| !s.is_empty()),
                    agitation: before.agitation,
                    stage: before.stage,
                    turn,
                },
            )
        };
        let zh = line.get(Lang::Zh);
        let mut analysis = analyse(zh);
        if analysis.techniques.is_empty() && analysis.anti_patterns.is_empty() {
            // A reply typed in English echoes the English line.
            let en = line.get(Lang::En);
            if !en.is_empty() && en != zh {
                analysis = analyse(en);
            }
        }
        self.settle(before, analysis)
    }

    /// A typed reply at a moment known only by its numbers.
    pub fn moment(&self, text: &str, m: &Moment) -> Judged {
        let before = VisitorState {
            agitation: m.agitation.clamp(0, 100),
            trust: 50,
            stage: m.stage,
            members: Vec::new(),
            done: 0,
        };
        let analysis = self.analyser.analyse(
            text,
            &Context {
                visitor_line: m.visitor_line,
                agitation: before.agitation,
                stage: before.stage,
                turn: m.turn,
            },
        );
        let t = self.settle(&before, analysis);
        Judged {
            detected: t.assessment.credited.clone(),
            anti_patterns: t.assessment.anti_patterns.clone(),
            procedures: t.assessment.procedures.clone(),
            premature: t.assessment.premature.clone(),
            truncated: t.analysis.truncated,
            effect: t.assessment.effect,
            findings: t.findings,
        }
    }

    fn settle(&self, before: &VisitorState, mut analysis: Analysis) -> Typed {
        // A timing anti-pattern the analyser read from the words stands only at a moment its
        // gate allows: law first needs a visitor who is agitated and not yet acknowledged.
        let r = self.rubric;
        let timely = |ap: &str| {
            let gates: Vec<_> = r
                .gates
                .iter()
                .filter(|g| g.anti_pattern.as_deref() == Some(ap))
                .collect();
            gates.is_empty()
                || gates.iter().any(|g| {
                    before.agitation >= g.agitation_at_least
                        && r.stage_index(&g.stage).is_some_and(|i| before.stage <= i)
                })
        };
        analysis.anti_patterns.retain(|ap| timely(ap));
        analysis
            .findings
            .retain(|f| f.kind != Kind::AntiPattern || timely(&f.id));
        let assessment = assess(self.rubric, before, &analysis_facts(&analysis));
        let mut findings = analysis.findings.clone();
        // An anti-pattern a gate added is shown by the words of the premature technique.
        for ap in assessment
            .anti_patterns
            .iter()
            .filter(|ap| !analysis.anti_patterns.contains(ap))
        {
            let gated = self
                .rubric
                .gates
                .iter()
                .filter(|g| g.anti_pattern.as_deref() == Some(ap.as_str()))
                .map(|g| g.technique.as_str());
            for t in gated.filter(|t| assessment.premature.iter().any(|p| p == t)) {
                if let Some(f) = analysis.evidence(t) {
                    findings.push(Finding {
                        kind: Kind::AntiPattern,
                        id: ap.clone(),
                        ..f.clone()
                    });
                }
            }
        }
        findings.sort_by_key(|f| (f.start, f.end));
        Typed {
            analysis,
            assessment,
            findings,
        }
    }
}

/// What picking `o` at `before` would bring, the addressed visitor being `speaker`.
pub fn preview(rubric: &Rubric, before: &VisitorState, o: &Reply, speaker: usize) -> Preview {
    let assessment = choice(rubric, before, o);
    let after = apply(rubric, before, &assessment, speaker);
    Preview { assessment, after }
}

/// The best reply among `options` shown in `order` (indices into `options`), judged from the
/// visitor's state `before` as picking it would be: no anti-pattern before any with one, then the
/// most points; ties go to the one shown first. Returns its place in `order`. This is the
/// yardstick the group session's reveal, its trainer's notes and its summary all use.
pub fn best_shown(
    rubric: &Rubric,
    before: &VisitorState,
    options: &[Reply],
    order: &[usize],
    speaker: usize,
) -> Option<usize> {
    let mut best: Option<(usize, (bool, f32))> = None;
    for (k, o) in order.iter().filter_map(|&i| options.get(i)).enumerate() {
        let p = preview(rubric, before, o, speaker);
        let key = (p.assessment.anti_patterns.is_empty(), p.assessment.net());
        if best.is_none_or(|(_, b)| key > b) {
            best = Some((k, key));
        }
    }
    best.map(|(k, _)| k)
}

/// The option of a choice step the rubric values most: judged at a calm moment with the
/// visitor acknowledged, so that the timing gates do not decide it. Ties go to the first.
pub fn best_option(rubric: &Rubric, options: &[Reply]) -> Option<usize> {
    let calm = VisitorState {
        agitation: 20,
        trust: 60,
        stage: rubric.stages.len().min(2),
        members: Vec::new(),
        done: 0,
    };
    let mut best: Option<(usize, f32)> = None;
    for (i, o) in options.iter().enumerate() {
        let v = choice(rubric, &calm, o).net();
        if best.is_none_or(|(_, b)| v > b) {
            best = Some((i, v));
        }
    }
    best.map(|(i, _)| i)
}

/// What a turn cost against the best that its step offered at that moment: the best option
/// (or, at a typed step, the best route's stand-in) judged from the same state, less what the
/// reply brought. Never below zero.
pub fn turn_cost(
    rubric: &Rubric,
    scenario: &crate::model::Scenario,
    rec: &crate::engine::TurnRecord,
) -> f32 {
    use crate::model::Turn;
    let Some(step) = scenario.step(&rec.step) else {
        return 0.0;
    };
    let best = match &step.turn {
        Turn::Choose { options, .. } => options
            .iter()
            .map(|o| choice(rubric, &rec.before, o).net())
            .fold(f32::MIN, f32::max),
        Turn::Free {
            routes, otherwise, ..
        } => routes
            .iter()
            .chain(std::iter::once(&**otherwise))
            .map(|r| route_stand_in(rubric, &rec.before, r).net())
            .fold(f32::MIN, f32::max),
        Turn::End { .. } => return 0.0,
    };
    (best - rec.assessment.net()).max(0.0)
}

/// The turn that cost most against the best its step offered (1-based), for "retry from your
/// weakest turn"; `None` when every reply was as good as the step allowed.
pub fn weakest_turn(
    rubric: &Rubric,
    scenario: &crate::model::Scenario,
    transcript: &[crate::engine::TurnRecord],
) -> Option<u32> {
    let mut worst: Option<(u32, f32)> = None;
    for rec in transcript {
        let c = turn_cost(rubric, scenario, rec);
        if c > 0.05 && worst.is_none_or(|(_, w)| c > w) {
            worst = Some((rec.turn, c));
        }
    }
    worst.map(|(t, _)| t)
}
