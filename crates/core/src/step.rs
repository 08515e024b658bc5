//! A step's mechanics, shared by the session engine and the explorer: where branches lead, who
//! speaks, which variant of the line is said and in which order the options are shown.

use crate::model::{Scenario, Step};
use crate::rubric::Rubric;
use crate::state::{VisitorState, holds};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};

/// Branch jumps on entering one step, beyond which the scenario is taken to loop.
pub const MAX_BRANCH_HOPS: usize = 64;

/// Where entering a step lands once its branches are followed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Landing {
    /// The step (index) that awaits a reply, and the steps jumped through on the way.
    At { step: usize, hops: Vec<usize> },
    /// A branch names a step that does not exist.
    Missing(String),
    /// Branches kept jumping; `at` is where the jumping was stopped.
    Loop { at: usize, hops: Vec<usize> },
}

/// Follows the branches of `from` (and of the steps they lead to) for the visitor's state.
pub fn land(s: &Scenario, r: &Rubric, from: usize, state: &VisitorState) -> Landing {
    let mut at = from;
    let mut hops = Vec::new();
    for _ in 0..=MAX_BRANCH_HOPS {
        let Some(step) = s.steps.get(at) else {
            return Landing::Missing(String::new());
        };
        match step
            .branches
            .iter()
            .find(|b| holds(&b.when, r, state, None))
        {
            Some(b) => match s.step_index(&b.next) {
                Some(next) => {
                    hops.push(at);
                    at = next;
                }
                None => return Landing::Missing(b.next.clone()),
            },
            None => return Landing::At { step: at, hops },
        }
    }
    Landing::Loop { at, hops }
}

/// The visitor a step's reply is addressed to, as an index into the scenario's visitors.
pub fn speaker_index(s: &Scenario, step: &Step) -> usize {
    step.speaker
        .as_deref()
        .and_then(|id| s.visitors.iter().position(|v| v.id == id))
        .unwrap_or(0)
}

/// The speaker's id: the step's own, or the first visitor's.
pub fn speaker_id<'a>(s: &'a Scenario, step: &'a Step) -> Option<&'a str> {
    step.speaker
        .as_deref()
        .or(s.visitors.first().map(|v| v.id.as_str()))
}

/// FNV-1a over a step id, to mix the step into a seed.
fn mix(seed: u64, step: &str, turn: u32, salt: u64) -> u64 {
    let h = step.bytes().fold(0xcbf29ce484222325u64, |h, b| {
        (h ^ b as u64).wrapping_mul(0x100000001b3)
    });
    seed ^ h ^ ((turn as u64) << 32) ^ salt
}

/// The variant of a step's line for this seed, step and turn.
pub fn pick_line(seed: u64, step: &str, turn: u32, n: usize) -> Option<usize> {
    match n {
        0 => None,
        1 => Some(0),
        n => {
            let mut rng = StdRng::seed_from_u64(mix(seed, step, turn, 0));
            Some(rng.random_range(0..n))
        }
    }
}

/// The order the options of a choice step are shown in, as indices into the file's options:
/// shuffled per visit from the seed, so neither position nor habit gives the answer away, or
/// the file's order where the author pinned it.
pub fn option_order(seed: u64, step: &str, turn: u32, n: usize, pinned: bool) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    if !pinned && n > 1 {
        let mut rng = StdRng::seed_from_u64(mix(seed, step, turn, 0x9e37_79b9_7f4a_7c15));
        order.shuffle(&mut rng);
    }
    order
}
