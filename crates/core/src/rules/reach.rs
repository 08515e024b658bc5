//! Which steps the start reaches and which reach an ending, on the step graph alone.

use crate::model::Scenario;
use std::collections::HashMap;

pub struct Reach {
    /// Index of the start step.
    pub start: usize,
    /// Successors of each step, by index.
    pub succ: Vec<Vec<usize>>,
    /// Steps some path from the start leads to.
    pub from_start: Vec<bool>,
    /// Steps from which some path leads to an ending.
    pub to_end: Vec<bool>,
}

impl Reach {
    /// `None` when the start step does not exist.
    pub fn of(s: &Scenario) -> Option<Reach> {
        let index: HashMap<&str, usize> = s
            .steps
            .iter()
            .enumerate()
            .map(|(i, st)| (st.id.as_str(), i))
            .collect();
        let &start = index.get(s.start.as_str())?;
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
        let mut from_start = vec![false; s.steps.len()];
        let mut stack = vec![start];
        from_start[start] = true;
        while let Some(i) = stack.pop() {
            for &j in &succ[i] {
                if !from_start[j] {
                    from_start[j] = true;
                    stack.push(j);
                }
            }
        }
        let mut pred: Vec<Vec<usize>> = vec![Vec::new(); s.steps.len()];
        for (i, ss) in succ.iter().enumerate() {
            for &j in ss {
                pred[j].push(i);
            }
        }
        let mut to_end = vec![false; s.steps.len()];
        let mut stack: Vec<usize> = (0..s.steps.len())
            .filter(|&i| s.steps[i].is_end())
            .collect();
        for &i in &stack {
            to_end[i] = true;
        }
        while let Some(i) = stack.pop() {
            for &p in &pred[i] {
                if !to_end[p] {
                    to_end[p] = true;
                    stack.push(p);
                }
            }
        }
        Some(Reach {
            start,
            succ,
            from_start,
            to_end,
        })
    }
}
