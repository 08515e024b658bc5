//! jiedai-core: the domain of the reception trainer, with no Bevy types.
//!
//! Scenario model and loading ([`model`], [`load`]), validation with located diagnostics
//! ([`validate`], [`diag`], one file per rule in [`rules`]), the rubric ([`rubric`]), the
//! visitor's state ([`state`]), the free-text analyser ([`analyse`]), the session engine ([`engine`]), exploration
//! ([`explore`]), scoring and the debrief ([`score`]), the trainee's history and progress report
//! ([`history`], [`report`]), the author's tools ([`check`], [`graph`]), and what the
//! benchmarks measure with ([`synth`], [`measure`]).

pub mod analyse;
pub mod check;
pub mod corpus;
pub mod diag;
pub mod engine;
pub mod explore;
pub mod graph;
pub mod guidance;
pub mod history;
pub mod judge;
pub mod learn;
pub mod load;
pub mod measure;
pub mod model;
pub mod records;
pub mod render;
pub mod report;
pub mod room;
pub mod rubric;
pub mod rules;
pub mod score;
pub mod skeleton;
pub mod source;
pub mod state;
pub mod step;
pub mod synth;
pub mod text;
pub mod validate;

pub use text::{Lang, Text};
