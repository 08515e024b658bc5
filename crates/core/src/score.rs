//! Scoring and the debrief: a pure function of the scenario, the rubric and the transcript.

use crate::engine::{EndReason, SessionState, TurnRecord};
use crate::explore::{Par, score_of};
use crate::model::{Outcome, Scenario, VisitorType};
use crate::rubric::Rubric;
use crate::state::VisitorState;
use crate::text::Text;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TechniqueScore {
    pub id: String,
    pub name: Text,
    /// 0–100 against the best this scenario allows; absent when the scenario cannot score it.
    pub score: Option<u32>,
    pub points: f32,
    pub par: f32,
    pub objective: bool,
    /// Turns where it landed.
    pub uses: u32,
    /// Turns where it was used too early or undermined by an anti-pattern.
    pub lapses: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProcedureItem {
    pub id: String,
    pub name: Text,
    pub basis: Text,
    /// The turn at which it was done.
    pub turn: Option<u32>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Moment {
    pub turn: u32,
    pub step: String,
    pub said: Text,
    pub points: f32,
    pub why: Text,
    pub guidance: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Advice {
    pub text: Text,
    pub guidance: Vec<String>,
}

/// Everything the app, the reports and the exports show after a visit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Debrief {
    pub scenario: String,
    pub title: Text,
    pub outcome: Option<Outcome>,
    pub ending: Text,
    pub end_reason: Option<EndReason>,
    /// A first visit settled on the spot (初信初访一次性化解).
    pub resolved_first_visit: bool,
    pub overall: u32,
    pub soft_skills: u32,
    pub procedure_score: Option<u32>,
    pub procedure: Vec<ProcedureItem>,
    pub techniques: Vec<TechniqueScore>,
    pub best: Vec<Moment>,
    pub worst: Vec<Moment>,
    pub advice: Vec<Advice>,
    pub turns: u32,
    pub final_state: VisitorState,
    /// An exam: feedback only here, no hints, no going back.
    #[serde(default)]
    pub exam: bool,
    /// Practice hints used, and the points they took from `overall`.
    #[serde(default)]
    pub hints: u32,
    #[serde(default)]
    pub hint_cost: u32,
    /// Turns answered again after going back (the path shown is the one finally taken).
    #[serde(default)]
    pub retried: Vec<u32>,
    /// The turn that cost most against the best its step offered: where to retry from.
    #[serde(default)]
    pub weakest: Option<u32>,
}

pub fn debrief(s: &Scenario, r: &Rubric, par: &Par, st: &SessionState) -> Debrief {
    let t = &st.transcript;
    let techniques: Vec<TechniqueScore> = r
        .techniques
        .iter()
        .map(|tech| {
            let points: f32 = t.iter().map(|rec| rec.assessment.net_for(&tech.id)).sum();
            let p = par.get(&tech.id);
            let uses = t
                .iter()
                .filter(|rec| rec.assessment.credited.contains(&tech.id))
                .count() as u32;
            let lapses = t
                .iter()
                .filter(|rec| {
                    rec.assessment
                        .points
                        .iter()
                        .any(|x| x.technique == tech.id && x.points < 0.0)
                })
                .count() as u32;
            let objective = s.objectives.contains(&tech.id);
            // A technique outside the objectives that was neither used nor misused is not
            // assessed; beyond the best path's needs, good use earns full marks, misuse none.
            let unassessed = !objective && uses == 0 && lapses == 0;
            let score = if unassessed {
                None
            } else {
                score_of(points, p)
            }
            .or(if points > 0.0 {
                Some(100)
            } else if lapses > 0 {
                Some(0)
            } else {
                None
            });
            TechniqueScore {
                id: tech.id.clone(),
                name: tech.name.clone(),
                score,
                points,
                par: p,
                objective,
                uses,
                lapses,
            }
        })
        .collect();
    let (mut sum, mut weight) = (0.0f32, 0.0f32);
    for ts in &techniques {
        if let Some(v) = ts.score {
            let w = if ts.objective {
                r.scoring.objective_weight
            } else {
                1.0
            };
            sum += v as f32 * w;
            weight += w;
        }
    }
    let soft = if weight > 0.0 {
        (sum / weight).round() as u32
    } else {
        0
    };
    let procedure: Vec<ProcedureItem> = s
        .procedure
        .iter()
        .filter_map(|id| r.procedure(id))
        .map(|p| ProcedureItem {
            id: p.id.clone(),
            name: p.name.clone(),
            basis: p.basis.clone(),
            turn: t
                .iter()
                .find(|rec| rec.assessment.procedures.contains(&p.id))
                .map(|rec| rec.turn),
        })
        .collect();
    let procedure_score = (!procedure.is_empty()).then(|| {
        (100.0 * procedure.iter().filter(|p| p.turn.is_some()).count() as f32
            / procedure.len() as f32)
            .round() as u32
    });
    let overall = match procedure_score {
        Some(p) => ((1.0 - r.scoring.procedure_share) * soft as f32
            + r.scoring.procedure_share * p as f32)
            .round() as u32,
        None => soft,
    };
    let moment = |rec: &TurnRecord| Moment {
        turn: rec.turn,
        step: rec.step.clone(),
        said: rec.said.clone(),
        points: rec.assessment.net(),
        why: rec
            .feedback
            .as_ref()
            .map(|f| f.text.clone())
            .unwrap_or_else(|| why_of(r, rec)),
        guidance: guidance_of(r, rec),
    };
    let mut ranked: Vec<&TurnRecord> = t.iter().collect();
    ranked.sort_by(|a, b| {
        b.assessment
            .net()
            .total_cmp(&a.assessment.net())
            .then(a.turn.cmp(&b.turn))
    });
    let best: Vec<Moment> = ranked
        .iter()
        .filter(|r| r.assessment.net() > 0.0)
        .take(3)
        .map(|r| moment(r))
        .collect();
    let worst: Vec<Moment> = ranked
        .iter()
        .rev()
        .filter(|r| r.assessment.net() < 0.0)
        .take(3)
        .map(|r| moment(r))
        .collect();
    let advice = advice(r, t, &techniques, &procedure);
    let hints = st.hints.len() as u32;
    let hint_cost = hints * r.scoring.hint_cost;
    let overall = overall.saturating_sub(hint_cost);
    let end = st.end.as_ref();
    let outcome = end.and_then(|e| e.outcome);
    Debrief {
        scenario: s.id.clone(),
        title: s.title.clone(),
        outcome,
        ending: end.map(|e| e.debrief.clone()).unwrap_or_default(),
        end_reason: end.map(|e| e.reason),
        resolved_first_visit: outcome == Some(Outcome::Resolved)
            && s.visitor_type == VisitorType::FirstVisit,
        overall,
        soft_skills: soft,
        procedure_score,
        procedure,
        techniques,
        best,
        worst,
        advice,
        turns: st.turn,
        final_state: st.state.clone(),
        exam: st.exam,
        hints,
        hint_cost,
        retried: st.retried.clone(),
        weakest: crate::judge::weakest_turn(r, s, t),
    }
}

fn why_of(r: &Rubric, rec: &TurnRecord) -> Text {
    let names = |ids: &[String], f: &dyn Fn(&str) -> Option<Text>| -> (String, String) {
        let v: Vec<Text> = ids.iter().filter_map(|i| f(i)).collect();
        (
            v.iter()
                .map(|t| t.get(crate::text::Lang::Zh).to_owned())
                .collect::<Vec<_>>()
                .join("、"),
            v.iter()
                .map(|t| t.get(crate::text::Lang::En).to_owned())
                .collect::<Vec<_>>()
                .join(", "),
        )
    };
    let (gz, ge) = names(&rec.assessment.credited, &|i| {
        r.technique(i).map(|t| t.name.clone())
    });
    let (bz, be) = names(&rec.assessment.anti_patterns, &|i| {
        r.anti_pattern(i).map(|t| t.name.clone())
    });
    let (pz, pe) = names(&rec.assessment.premature, &|i| {
        r.technique(i).map(|t| t.name.clone())
    });
    let mut zh = Vec::new();
    let mut en = Vec::new();
    if !gz.is_empty() {
        zh.push(format!("用到了：{gz}"));
        en.push(format!("used: {ge}"));
    }
    if !pz.is_empty() {
        zh.push(format!("时机过早：{pz}"));
        en.push(format!("too early: {pe}"));
    }
    if !bz.is_empty() {
        zh.push(format!("问题：{bz}"));
        en.push(format!("problems: {be}"));
    }
    if zh.is_empty() {
        zh.push("没有发现明显的技巧或问题".into());
        en.push("no technique or problem found".into());
    }
    Text::pair(zh.join("；"), en.join("; "))
}

fn guidance_of(r: &Rubric, rec: &TurnRecord) -> Vec<String> {
    let mut g: Vec<String> = rec
        .feedback
        .as_ref()
        .map(|f| f.guidance.clone())
        .unwrap_or_default();
    if g.is_empty() {
        for a in &rec.assessment.anti_patterns {
            g.extend(
                r.anti_pattern(a)
                    .map(|x| x.guidance.clone())
                    .unwrap_or_default(),
            );
        }
        for t in &rec.assessment.credited {
            g.extend(
                r.technique(t)
                    .map(|x| x.guidance.clone())
                    .unwrap_or_default(),
            );
        }
    }
    let mut out: Vec<String> = Vec::new();
    for x in g {
        if !out.contains(&x) {
            out.push(x);
        }
    }
    out
}

fn advice(
    r: &Rubric,
    t: &[TurnRecord],
    techniques: &[TechniqueScore],
    procedure: &[ProcedureItem],
) -> Vec<Advice> {
    let mut out = Vec::new();
    // Anti-patterns committed, the costliest first.
    let mut committed: Vec<(&str, f32)> = Vec::new();
    for rec in t {
        for a in &rec.assessment.anti_patterns {
            let cost = r
                .anti_pattern(a)
                .map_or(0.0, |x| x.penalty * x.against.len() as f32);
            match committed.iter_mut().find(|(id, _)| id == a) {
                Some(e) => e.1 += cost,
                None => committed.push((a, cost)),
            }
        }
    }
    committed.sort_by(|a, b| b.1.total_cmp(&a.1));
    for (id, _) in committed {
        if let Some(a) = r.anti_pattern(id) {
            out.push(Advice {
                text: a.advice.clone(),
                guidance: a.guidance.clone(),
            });
        }
    }
    for ts in techniques
        .iter()
        .filter(|ts| ts.objective && ts.score.is_some_and(|v| v < 60))
    {
        if let Some(tech) = r.technique(&ts.id) {
            out.push(Advice {
                text: tech.advice.clone(),
                guidance: tech.guidance.clone(),
            });
        }
    }
    for p in procedure.iter().filter(|p| p.turn.is_none()) {
        if let Some(act) = r.procedure(&p.id) {
            out.push(Advice {
                text: Text::pair(
                    format!(
                        "{}：{}（{}）",
                        act.name.get(crate::text::Lang::Zh),
                        act.summary.get(crate::text::Lang::Zh),
                        act.basis.get(crate::text::Lang::Zh)
                    ),
                    format!(
                        "{}: {} ({})",
                        act.name.get(crate::text::Lang::En),
                        act.summary.get(crate::text::Lang::En),
                        act.basis.get(crate::text::Lang::En)
                    ),
                ),
                guidance: act.guidance.clone(),
            });
        }
    }
    out.truncate(5);
    out
}
