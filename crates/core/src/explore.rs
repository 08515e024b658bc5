//! Explores every visit a scenario allows, memoised over (step, visitor state).
//!
//! Paths are never enumerated: the explorer builds the graph of reachable (step, state) nodes,
//! condenses its cycles (Tarjan, iteratively) and runs dynamic programmes over the condensation
//! for path counts, shortest paths and the range of scores per technique.

use crate::judge;
use crate::model::{Outcome, Scenario, Turn};
use crate::rubric::Rubric;
use crate::state::{Assessment, VisitorState, apply};
use crate::step::{self, Landing};
use serde::Serialize;
use std::collections::{HashMap, VecDeque};

/// Nodes beyond which exploration stops and says so.
pub const MAX_NODES: usize = 400_000;

#[derive(Debug, thiserror::Error)]
pub enum ExploreError {
    #[error("the start step `{0}` does not exist")]
    NoStart(String),
}

struct Edge {
    to: usize,
    label: String,
    /// Net points per rubric technique.
    points: Vec<f32>,
}

struct Graph {
    /// (step index, state) of each node.
    nodes: Vec<(usize, VisitorState)>,
    edges: Vec<Vec<Edge>>,
    truncated: bool,
    /// Nodes where branches kept jumping.
    branch_loops: Vec<usize>,
}

/// The step a visit lands on from `step`, or `None` when branches loop or lead nowhere.
fn resolve(s: &Scenario, r: &Rubric, step: usize, state: &VisitorState) -> Option<usize> {
    match step::land(s, r, step, state) {
        Landing::At { step, .. } => Some(step),
        Landing::Missing(_) | Landing::Loop { .. } => None,
    }
}

fn build(s: &Scenario, r: &Rubric) -> Result<Graph, ExploreError> {
    let index: HashMap<&str, usize> = s
        .steps
        .iter()
        .enumerate()
        .map(|(i, st)| (st.id.as_str(), i))
        .collect();
    let tech: HashMap<&str, usize> = r
        .techniques
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id.as_str(), i))
        .collect();
    let start = *index
        .get(s.start.as_str())
        .ok_or_else(|| ExploreError::NoStart(s.start.clone()))?;
    let mut g = Graph {
        nodes: Vec::new(),
        edges: Vec::new(),
        truncated: false,
        branch_loops: Vec::new(),
    };
    let mut ids: HashMap<(usize, VisitorState), usize> = HashMap::new();
    let init = VisitorState::initial(s);
    let Some(first) = resolve(s, r, start, &init) else {
        return Ok(g);
    };
    ids.insert((first, init.clone()), 0);
    g.nodes.push((first, init));
    g.edges.push(Vec::new());
    let mut queue = VecDeque::from([0usize]);
    while let Some(n) = queue.pop_front() {
        let (step_i, state) = g.nodes[n].clone();
        let step = &s.steps[step_i];
        let mut outs: Vec<(String, Assessment, &str)> = Vec::new();
        match &step.turn {
            Turn::Choose { options, .. } => {
                for o in options {
                    outs.push((o.id.clone(), judge::choice(r, &state, o), o.next.as_str()));
                }
            }
            Turn::Free {
                routes, otherwise, ..
            } => {
                // A reply that shows what a route asks for, judged as the engine would judge it:
                // the edge exists only where that reply takes this route at this state (a gate
                // can make a technique premature, so the route's condition fails).
                for route in routes.iter().chain(std::iter::once(&**otherwise)) {
                    let a = judge::route_stand_in(r, &state, route);
                    if judge::pick_route(r, &state, &a, routes, otherwise).id != route.id {
                        continue;
                    }
                    outs.push((route.id.clone(), a, route.next.as_str()));
                }
            }
            Turn::End { .. } => continue,
        }
        for (label, a, next) in outs {
            let Some(&next_i) = index.get(next) else {
                continue;
            };
            let after = apply(r, &state, &a, step::speaker_index(s, step));
            let Some(target) = resolve(s, r, next_i, &after) else {
                g.branch_loops.push(n);
                continue;
            };
            let mut points = vec![0.0; r.techniques.len()];
            for p in &a.points {
                if let Some(&i) = tech.get(p.technique.as_str()) {
                    points[i] += p.points;
                }
            }
            let key = (target, after);
            let to = match ids.get(&key) {
                Some(&id) => id,
                None => {
                    if g.nodes.len() >= MAX_NODES {
                        g.truncated = true;
                        continue;
                    }
                    let id = g.nodes.len();
                    ids.insert(key.clone(), id);
                    g.nodes.push(key);
                    g.edges.push(Vec::new());
                    queue.push_back(id);
                    id
                }
            };
            g.edges[n].push(Edge { to, label, points });
        }
    }
    Ok(g)
}

/// Strongly connected components, iteratively; returned in reverse topological order.
fn tarjan(edges: &[Vec<Edge>]) -> (Vec<usize>, usize) {
    let n = edges.len();
    let mut index = vec![usize::MAX; n];
    let mut low = vec![0usize; n];
    let mut on = vec![false; n];
    let mut comp = vec![usize::MAX; n];
    let mut stack = Vec::new();
    let mut next = 0usize;
    let mut ncomp = 0usize;
    let mut call: Vec<(usize, usize)> = Vec::new();
    for root in 0..n {
        if index[root] != usize::MAX {
            continue;
        }
        call.push((root, 0));
        while let Some(&mut (v, ref mut ei)) = call.last_mut() {
            if *ei == 0 && index[v] == usize::MAX {
                index[v] = next;
                low[v] = next;
                next += 1;
                stack.push(v);
                on[v] = true;
            }
            if let Some(e) = edges[v].get(*ei) {
                *ei += 1;
                let w = e.to;
                if index[w] == usize::MAX {
                    call.push((w, 0));
                } else if on[w] {
                    low[v] = low[v].min(index[w]);
                }
            } else {
                call.pop();
                if let Some(&(parent, _)) = call.last() {
                    low[parent] = low[parent].min(low[v]);
                }
                if low[v] == index[v] {
                    while let Some(w) = stack.pop() {
                        on[w] = false;
                        comp[w] = ncomp;
                        if w == v {
                            break;
                        }
                    }
                    ncomp += 1;
                }
            }
        }
    }
    (comp, ncomp)
}

#[derive(Clone, Debug, Serialize)]
pub struct PathStep {
    pub step: String,
    pub choice: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct EndingReport {
    pub step: String,
    pub outcome: Outcome,
    pub reachable: bool,
    /// The fewest turns to reach it, as (step, choice) pairs.
    pub shortest: Option<Vec<PathStep>>,
}

#[derive(Clone, Debug, Serialize)]
pub struct TechniqueRange {
    pub id: String,
    pub min_points: f32,
    pub max_points: f32,
    /// 0–100, relative to the best attainable in this scenario.
    pub min_score: Option<u32>,
    pub max_score: Option<u32>,
    /// A loop that can be repeated changes these points (bounds count it once).
    pub via_loop: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct ExploreReport {
    pub scenario: String,
    /// (step, state) nodes explored.
    pub nodes: usize,
    pub truncated: bool,
    pub endings: Vec<EndingReport>,
    /// Distinct paths from the start to an ending; absent when a loop makes them unbounded.
    pub paths: Option<u64>,
    pub paths_saturated: bool,
    pub paths_unbounded: bool,
    pub techniques: Vec<TechniqueRange>,
    /// Groups of steps that loop with no way to an ending.
    pub dead_loops: Vec<Vec<String>>,
    /// Points per technique along the best path overall: the yardstick for scores.
    pub best_path: Vec<(String, f32)>,
    /// Steps whose branches jump without settling.
    pub branch_loops: Vec<String>,
}

/// Net points per technique along the scenario's best path overall: the yardstick that scores
/// are measured against, so a technique the best path does not need is not held against anyone.
#[derive(Clone, Debug, Default, Serialize, serde::Deserialize)]
pub struct Par {
    pub max: Vec<(String, f32)>,
}

impl Par {
    pub fn get(&self, technique: &str) -> f32 {
        self.max
            .iter()
            .find(|(t, _)| t == technique)
            .map_or(0.0, |(_, v)| *v)
    }
}

/// The par of a scenario (zero for every technique when it cannot be explored).
pub fn par(s: &Scenario, r: &Rubric) -> Par {
    match explore(s, r) {
        Ok(rep) => Par {
            max: rep
                .techniques
                .iter()
                .map(|t| (t.id.clone(), t.max_points.max(0.0)))
                .collect(),
        },
        Err(_) => Par::default(),
    }
}

pub fn score_of(points: f32, par: f32) -> Option<u32> {
    (par > 0.0).then(|| (100.0 * points / par).clamp(0.0, 100.0).round() as u32)
}

pub fn explore(s: &Scenario, r: &Rubric) -> Result<ExploreReport, ExploreError> {
    let g = build(s, r)?;
    let n = g.nodes.len();
    let is_end = |v: usize| s.steps[g.nodes[v].0].is_end();
    let (comp, ncomp) = tarjan(&g.edges);
    let mut size = vec![0usize; ncomp];
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); ncomp];
    for v in 0..n {
        size[comp[v]] += 1;
        members[comp[v]].push(v);
    }
    let mut cyclic = vec![false; ncomp];
    for v in 0..n {
        for e in &g.edges[v] {
            if comp[e.to] == comp[v] {
                cyclic[comp[v]] = true;
            }
        }
    }
    // Components come out of Tarjan in reverse topological order: successors first.
    let nt = r.techniques.len();
    let mut reaches_end = vec![false; ncomp];
    let mut count = vec![0u64; ncomp];
    let mut saturated = false;
    let mut unbounded = vec![false; ncomp];
    let neg = f32::NEG_INFINITY;
    let mut best_max = vec![vec![neg; nt]; ncomp];
    let mut best_min = vec![vec![f32::INFINITY; nt]; ncomp];
    // The best path overall (most net points, objectives weighted) and its points per technique.
    let weight: Vec<f32> = r
        .techniques
        .iter()
        .map(|t| {
            if s.objectives.contains(&t.id) {
                r.scoring.objective_weight
            } else {
                1.0
            }
        })
        .collect();
    let mut best_total = vec![f32::NEG_INFINITY; ncomp];
    let mut best_vec = vec![vec![0.0f32; nt]; ncomp];
    let mut loop_gain = vec![vec![(0.0f32, 0.0f32); nt]; ncomp];
    let mut via_loop = vec![false; nt];
    for c in 0..ncomp {
        let mut ends_here = false;
        for &v in &members[c] {
            if is_end(v) {
                ends_here = true;
            }
            for e in &g.edges[v] {
                if comp[e.to] == c {
                    for (t, p) in e.points.iter().enumerate() {
                        if *p > 0.0 {
                            loop_gain[c][t].0 += p;
                        } else {
                            loop_gain[c][t].1 += p;
                        }
                    }
                }
            }
        }
        if ends_here {
            reaches_end[c] = true;
            count[c] = 1;
            best_total[c] = 0.0;
            best_max[c] = vec![0.0; nt];
            best_min[c] = vec![0.0; nt];
        }
        for &v in &members[c] {
            for e in &g.edges[v] {
                let d = comp[e.to];
                if d == c || !reaches_end[d] {
                    continue;
                }
                reaches_end[c] = true;
                unbounded[c] |= unbounded[d];
                let (sum, of) = count[c].overflowing_add(count[d]);
                saturated |= of;
                count[c] = if of { u64::MAX } else { sum };
                let total = best_total[d]
                    + e.points
                        .iter()
                        .zip(&weight)
                        .map(|(p, w)| p * w)
                        .sum::<f32>();
                if total > best_total[c] {
                    best_total[c] = total;
                    best_vec[c] = e
                        .points
                        .iter()
                        .zip(&best_vec[d])
                        .map(|(p, b)| p + b)
                        .collect();
                }
                for t in 0..nt {
                    best_max[c][t] = best_max[c][t].max(e.points[t] + best_max[d][t]);
                    best_min[c][t] = best_min[c][t].min(e.points[t] + best_min[d][t]);
                }
            }
        }
        if cyclic[c] && reaches_end[c] {
            unbounded[c] = true;
            for t in 0..nt {
                let (up, down) = loop_gain[c][t];
                if up != 0.0 || down != 0.0 {
                    via_loop[t] = true;
                }
                best_max[c][t] += up;
                best_min[c][t] += down;
            }
        }
    }
    let root = if n > 0 { Some(comp[0]) } else { None };
    // Shortest paths by BFS from the start node.
    let mut parent: Vec<Option<(usize, usize)>> = vec![None; n];
    let mut dist = vec![usize::MAX; n];
    let mut seen = vec![false; n];
    let mut q = VecDeque::new();
    if n > 0 {
        seen[0] = true;
        dist[0] = 0;
        q.push_back(0);
    }
    while let Some(v) = q.pop_front() {
        for (k, e) in g.edges[v].iter().enumerate() {
            if !seen[e.to] {
                seen[e.to] = true;
                parent[e.to] = Some((v, k));
                dist[e.to] = dist[v] + 1;
                q.push_back(e.to);
            }
        }
    }
    let mut endings = Vec::new();
    for (i, st) in s.steps.iter().enumerate() {
        let Turn::End { outcome, .. } = &st.turn else {
            continue;
        };
        // BFS order: the first node found at this step is the nearest.
        let target = (0..n)
            .filter(|&v| g.nodes[v].0 == i)
            .min_by_key(|&v| dist[v]);
        let shortest = target.map(|mut v| {
            let mut path = Vec::new();
            while let Some((p, k)) = parent[v] {
                path.push(PathStep {
                    step: s.steps[g.nodes[p].0].id.clone(),
                    choice: g.edges[p][k].label.clone(),
                });
                v = p;
            }
            path.reverse();
            path
        });
        endings.push(EndingReport {
            step: st.id.clone(),
            outcome: *outcome,
            reachable: target.is_some(),
            shortest,
        });
    }
    let par: Vec<f32> = match root {
        Some(c) if reaches_end[c] => best_max[c].clone(),
        _ => vec![0.0; nt],
    };
    let techniques = r
        .techniques
        .iter()
        .enumerate()
        .map(|(t, tech)| {
            let (lo, hi) = match root {
                Some(c) if reaches_end[c] => (best_min[c][t], best_max[c][t]),
                _ => (0.0, 0.0),
            };
            TechniqueRange {
                id: tech.id.clone(),
                min_points: lo,
                max_points: hi,
                min_score: score_of(lo, par[t]),
                max_score: score_of(hi, par[t]),
                via_loop: via_loop[t],
            }
        })
        .collect();
    let dead_loops = (0..ncomp)
        .filter(|&c| cyclic[c] && !reaches_end[c])
        .map(|c| {
            let mut steps: Vec<String> = members[c]
                .iter()
                .map(|&v| s.steps[g.nodes[v].0].id.clone())
                .collect();
            steps.sort();
            steps.dedup();
            steps
        })
        .collect();
    let mut branch_loops: Vec<String> = g
        .branch_loops
        .iter()
        .map(|&v| s.steps[g.nodes[v].0].id.clone())
        .collect();
    branch_loops.sort();
    branch_loops.dedup();
    let unb = root.is_some_and(|c| unbounded[c]);
    Ok(ExploreReport {
        scenario: s.id.clone(),
        nodes: n,
        truncated: g.truncated,
        endings,
        paths: match root {
            Some(c) if !unb => Some(count[c]),
            None => Some(0),
            _ => None,
        },
        paths_saturated: saturated,
        paths_unbounded: unb,
        techniques,
        dead_loops,
        best_path: r
            .techniques
            .iter()
            .enumerate()
            .map(|(t, tech)| {
                (
                    tech.id.clone(),
                    root.filter(|&c| reaches_end[c])
                        .map_or(0.0, |c| best_vec[c][t]),
                )
            })
            .collect(),
        branch_loops,
    })
}

/// The best and the worst way through a scenario.
#[derive(Clone, Debug, Serialize)]
pub struct Extremes {
    /// Most net points (objectives weighted) among the paths that end well.
    pub best: Option<Vec<PathStep>>,
    /// Fewest net points among all paths to an ending.
    pub worst: Option<Vec<PathStep>>,
}

#[derive(Clone, Copy)]
enum Via {
    End,
    Edge(usize, usize),
}

/// Finds the best and the worst path over the condensation of the state graph (a loop is
/// passed through at most once, by its shortest way across).
pub fn extremes(s: &Scenario, r: &Rubric) -> Result<Extremes, ExploreError> {
    let g = build(s, r)?;
    let n = g.nodes.len();
    if n == 0 {
        return Ok(Extremes {
            best: None,
            worst: None,
        });
    }
    let (comp, ncomp) = tarjan(&g.edges);
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); ncomp];
    for v in 0..n {
        members[comp[v]].push(v);
    }
    let weight: Vec<f32> = r
        .techniques
        .iter()
        .map(|t| {
            if s.objectives.contains(&t.id) {
                r.scoring.objective_weight
            } else {
                1.0
            }
        })
        .collect();
    let w = |e: &Edge| {
        e.points
            .iter()
            .zip(&weight)
            .map(|(p, w)| p * w)
            .sum::<f32>()
    };
    let outcome = |v: usize| match &s.steps[g.nodes[v].0].turn {
        Turn::End { outcome, .. } => Some(*outcome),
        _ => None,
    };
    let solve = |best: bool| -> Option<Vec<PathStep>> {
        let worse = if best {
            f32::NEG_INFINITY
        } else {
            f32::INFINITY
        };
        let better = |a: f32, b: f32| if best { a > b } else { a < b };
        let mut val = vec![worse; ncomp];
        let mut via: Vec<Option<Via>> = vec![None; ncomp];
        for c in 0..ncomp {
            for &v in &members[c] {
                if let Some(o) = outcome(v)
                    && (!best || o.is_good())
                {
                    val[c] = 0.0;
                    via[c] = Some(Via::End);
                }
            }
            if via[c].is_some() {
                continue;
            }
            for &v in &members[c] {
                for (k, e) in g.edges[v].iter().enumerate() {
                    let d = comp[e.to];
                    if d == c || via[d].is_none() {
                        continue;
                    }
                    let cand = w(e) + val[d];
                    if via[c].is_none() || better(cand, val[c]) {
                        val[c] = cand;
                        via[c] = Some(Via::Edge(v, k));
                    }
                }
            }
        }
        // Walk from the start, crossing each loop by its shortest way to the chosen exit.
        let mut path = Vec::new();
        let mut cur = 0usize;
        for _ in 0..=n {
            let c = comp[cur];
            let (target, exit) = match via[c]? {
                Via::End => (*members[c].iter().find(|&&v| outcome(v).is_some())?, None),
                Via::Edge(v, k) => (v, Some(k)),
            };
            path.extend(within(&g, &comp, s, cur, target)?);
            match exit {
                None => return Some(path),
                Some(k) => {
                    path.push(PathStep {
                        step: s.steps[g.nodes[target].0].id.clone(),
                        choice: g.edges[target][k].label.clone(),
                    });
                    cur = g.edges[target][k].to;
                }
            }
        }
        None
    };
    Ok(Extremes {
        best: solve(true),
        worst: solve(false),
    })
}

/// The shortest way from `from` to `to` inside one strongly connected component.
fn within(
    g: &Graph,
    comp: &[usize],
    s: &Scenario,
    from: usize,
    to: usize,
) -> Option<Vec<PathStep>> {
    let c = comp[from];
    let mut parent: HashMap<usize, (usize, usize)> = HashMap::new();
    let mut q = VecDeque::from([from]);
    let mut seen = std::collections::HashSet::from([from]);
    while let Some(v) = q.pop_front() {
        if v == to {
            break;
        }
        for (k, e) in g.edges[v].iter().enumerate() {
            if comp[e.to] == c && seen.insert(e.to) {
                parent.insert(e.to, (v, k));
                q.push_back(e.to);
            }
        }
    }
    let mut out = Vec::new();
    let mut v = to;
    while v != from {
        let &(p, k) = parent.get(&v)?;
        out.push(PathStep {
            step: s.steps[g.nodes[p].0].id.clone(),
            choice: g.edges[p][k].label.clone(),
        });
        v = p;
    }
    out.reverse();
    Some(out)
}
