//! Helpers shared by the core's integration tests.
#![allow(dead_code)]

use jiedai_core::model::Scenario;
use jiedai_core::rubric::Rubric;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub fn rubric() -> Rubric {
    let text = std::fs::read_to_string(root().join("assets/rubric.ron")).unwrap();
    jiedai_core::load::parse(Path::new("assets/rubric.ron"), &text).unwrap()
}

pub fn scenario_str(text: &str) -> Scenario {
    jiedai_core::load::parse(Path::new("test.ron"), text).unwrap()
}

pub fn minimal() -> Arc<Scenario> {
    let text = std::fs::read_to_string(root().join("tests/fixtures/valid/minimal.ron")).unwrap();
    Arc::new(scenario_str(&text))
}
