//! `jiedai new`: a commented scenario skeleton for each visitor type, valid as written, so an
//! author never starts from an empty file. Every placeholder says what to write in its place.

use crate::model::VisitorType;

/// The kebab-case names `jiedai new --type` takes, with their visitor types.
pub const TYPES: &[(&str, VisitorType)] = &[
    ("first-visit", VisitorType::FirstVisit),
    ("repeat-petitioner", VisitorType::RepeatPetitioner),
    ("collective", VisitorType::Collective),
    ("agitated", VisitorType::Agitated),
    ("extreme-action", VisitorType::ExtremeAction),
    ("referral", VisitorType::Referral),
];

/// A scenario id as the library expects one: lowercase ASCII letters, digits and hyphens.
pub fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && !id.starts_with('-')
        && !id.ends_with('-')
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn type_name(t: VisitorType) -> &'static str {
    match t {
        VisitorType::FirstVisit => "FirstVisit",
        VisitorType::RepeatPetitioner => "RepeatPetitioner",
        VisitorType::Collective => "Collective",
        VisitorType::Agitated => "Agitated",
        VisitorType::ExtremeAction => "ExtremeAction",
        VisitorType::Referral => "Referral",
        VisitorType::Tutorial => "Tutorial",
    }
}

/// The guidance section each type rests on first.
fn section(t: VisitorType) -> &'static str {
    match t {
        VisitorType::FirstVisit | VisitorType::Tutorial => "3.3.1",
        VisitorType::RepeatPetitioner => "3.3.2",
        VisitorType::Collective => "3.3.3",
        VisitorType::Agitated | VisitorType::ExtremeAction => "3.2",
        VisitorType::Referral => "2.4a",
    }
}

fn visitors(t: VisitorType) -> String {
    let one = |id: &str, zh: &str, en: &str, age: u32| {
        format!(
            "        Visitor(id: \"{id}\", name: (zh: \"{zh}\", en: \"{en}\"), age: Some({age})),\n"
        )
    };
    if t == VisitorType::Collective {
        // A collective visit is five or more people on one matter (E015); the first speaks.
        let mut s = String::from(
            "        // A collective visit has five or more visitors (E015). The first one speaks unless a\n        // step names another with `speaker:`.\n",
        );
        for (i, (zh, en)) in [
            ("代表甲", "Representative A"),
            ("代表乙", "Representative B"),
            ("群众丙", "Villager C"),
            ("群众丁", "Villager D"),
            ("群众戊", "Villager E"),
        ]
        .iter()
        .enumerate()
        {
            s.push_str(&one(&format!("v{}", i + 1), zh, en, 40 + i as u32 * 5));
        }
        s
    } else {
        one(
            "v1",
            "来访人（改成化名）",
            "The visitor (a made-up name)",
            50,
        )
    }
}

/// The skeleton of scenario `id` of type `t`, as RON text.
pub fn scenario(id: &str, t: VisitorType) -> String {
    let sec = section(t);
    let (agitation, trust) = match t {
        VisitorType::Agitated | VisitorType::ExtremeAction | VisitorType::Collective => (70, 25),
        VisitorType::RepeatPetitioner => (55, 20),
        _ => (35, 40),
    };
    let ty = type_name(t);
    let visitors = visitors(t);
    format!(
        r#"// A new {ty} scenario. Replace every placeholder (in both languages), then run
//     jiedai check scenarios/{id}.ron
// The format: docs/scenario-format.md. Legal and procedural facts go with their article
// (docs/facts.md). Name no real people or places.
Scenario(
    id: "{id}",
    title: (zh: "（标题：一句话说清来访事由）", en: "(Title: the matter in a few words)"),
    // What an officer at the window knows before the visitor sits down.
    briefing: (
        zh: "（案情：来访人是谁、为什么来、之前找过哪里。）",
        en: "(The case: who the visitor is, why they came, where they went before.)",
    ),
    visitor_type: {ty},
    difficulty: Beginner,
    minutes: 5,
    // The techniques this scenario trains: every one must be exercised by some option (W103).
    objectives: ["listening", "channels"],
    guidance: ["{sec}"],
    visitors: [
{visitors}    ],
    // 0–100. An agitated visitor starts high; trust starts low after a bad experience.
    initial: (agitation: {agitation}, trust: {trust}),
    // Procedural duties the debrief checks (ids from assets/rubric.ron).
    procedure: ["register"],
    start: "open",
    steps: [
        Step(
            id: "open",
            lines: [Line(id: "open.l1", text: (zh: "（来访人的第一句话）", en: "(The visitor's first words)"))],
            // For the trainer: what this step teaches (shown in classroom mode).
            note: Some((zh: "（这一步要练什么）", en: "(What this step teaches)")),
            // Options are shown in an order shuffled for each visit. Keep the best one from being
            // the longest (W105), and give every option feedback with its guidance section.
            turn: Choose(options: [
                Reply(
                    id: "open.listen",
                    text: (zh: "您慢慢说，我先记下来。", en: "Take your time; I'll note it down."),
                    tags: ["listening"],
                    procedure: ["register"],
                    effect: (agitation: -8, trust: 8),
                    feedback: Some((text: (zh: "（为什么好）", en: "(Why this works)"), guidance: ["{sec}"])),
                    next: "typed",
                ),
                Reply(
                    id: "open.cold",
                    text: (zh: "这事不归我们这儿管，您去别的地方问问吧。", en: "That's not for us here; go and ask somewhere else."),
                    anti: ["buck_passing"],
                    effect: (agitation: 12, trust: -12),
                    feedback: Some((text: (zh: "（为什么不好）", en: "(Why this does not work)"), guidance: ["2.4a"])),
                    next: "left",
                ),
            ]),
        ),
        Step(
            id: "typed",
            lines: [Line(id: "typed.l1", text: (zh: "（来访人接着说的话）", en: "(What the visitor says next)"))],
            // A typed reply: the analyser reads it; the first route whose condition holds is taken.
            turn: Free(
                prompt: Some((zh: "（告诉学员这一步要做到什么）", en: "(Tell the trainee what this reply should do)")),
                expects: ["channels"],
                routes: [
                    Route(
                        id: "typed.r_channels",
                        when: Some(Used("channels")),
                        effect: (agitation: -5, trust: 5),
                        feedback: Some((text: (zh: "（说清了去向）", en: "(Named the route)"), guidance: ["{sec}"])),
                        next: "referred",
                    ),
                ],
                otherwise: Route(
                    id: "typed.r_other",
                    effect: (agitation: 5, trust: -3),
                    feedback: Some((text: (zh: "（还缺什么）", en: "(What was missing)"), guidance: ["{sec}"])),
                    next: "left",
                ),
            ),
        ),
        Step(
            id: "referred",
            lines: [Line(id: "referred.l1", text: (zh: "（满意的回应）", en: "(A satisfied answer)"))],
            turn: End(outcome: Referred, debrief: (zh: "（这样结束意味着什么）", en: "(What this ending means)")),
        ),
        Step(
            id: "left",
            lines: [Line(id: "left.l1", text: (zh: "（不满的回应）", en: "(A dissatisfied answer)"))],
            turn: End(outcome: Unsatisfied, debrief: (zh: "（这样结束意味着什么）", en: "(What this ending means)")),
        ),
    ],
)
"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_checked() {
        assert!(valid_id("collective-bus-route-2"));
        for bad in ["", "Caps", "with space", "-lead", "trail-", "中文", "a/b"] {
            assert!(!valid_id(bad), "{bad}");
        }
    }
}
