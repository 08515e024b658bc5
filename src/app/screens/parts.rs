//! Parts that more than one screen shows: a typed reply with the analyser's evidence marked.

use crate::app::UiFont;
use crate::app::theme::palette;
use bevy::prelude::*;
use jiedai_core::analyse::{Finding, Kind};
use jiedai_core::engine::TurnRecord;

/// The colours a part is drawn in: the trainee's light theme or the projector's dark one.
#[derive(Clone, Copy)]
pub struct Colours {
    pub ink: Color,
    pub good: Color,
    pub bad: Color,
    pub procedure: Color,
}

impl Colours {
    pub const LIGHT: Colours = Colours {
        ink: palette::INK,
        good: palette::GOOD,
        bad: palette::BAD,
        procedure: palette::TRUST,
    };
    pub const PROJECTOR: Colours = Colours {
        ink: super::present::style::INK,
        good: super::present::style::GOOD,
        bad: super::present::style::BAD,
        procedure: super::present::style::TRUST,
    };
}

/// The reply with the analyser's evidence marked 【thus】 and coloured by what it is. Words of
/// a technique the judgement found premature are marked as the anti-pattern they became (law
/// first), not as good practice.
pub fn highlighted(
    parent: &mut ChildSpawnerCommands,
    font: &UiFont,
    text: &str,
    rec: &TurnRecord,
    size: f32,
    c: Colours,
) {
    let findings = &rec.findings;
    let premature = &rec.assessment.premature;
    let mut marks: Vec<&Finding> = findings
        .iter()
        .filter(|f| !f.negated && f.kind != Kind::Politeness && f.end <= text.len())
        .collect();
    marks.sort_by_key(|f| f.start);
    let style = |color: Color| {
        (
            TextFont {
                font: font.0.clone().into(),
                font_size: size.into(),
                ..default()
            },
            TextColor(color),
        )
    };
    parent
        .spawn((Text::new(""), style(c.ink)))
        .with_children(|p| {
            let mut at = 0;
            for f in marks {
                if f.start < at || !text.is_char_boundary(f.start) || !text.is_char_boundary(f.end)
                {
                    continue;
                }
                if f.start > at {
                    p.spawn((TextSpan::new(&text[at..f.start]), style(c.ink)));
                }
                let color = match f.kind {
                    Kind::AntiPattern => c.bad,
                    Kind::Technique if premature.contains(&f.id) => c.bad,
                    Kind::Procedure => c.procedure,
                    _ => c.good,
                };
                p.spawn((
                    TextSpan::new(format!("【{}】", &text[f.start..f.end])),
                    style(color),
                ));
                at = f.end;
            }
            if at < text.len() {
                p.spawn((TextSpan::new(&text[at..]), style(c.ink)));
            }
        });
}
