//! Generated scenarios of any size, for benchmarks and stress tests.

use std::fmt::Write;

/// A valid scenario of `steps` steps (at least 8), shaped like a large branching script: a
/// binary tree of conversation beats about log2(steps) turns deep. Each beat offers a warm reply
/// and one that passes the buck; every seventh beat a third reply crosses into the neighbouring
/// branch (paths merge) and pairs of sibling beats lead to each other by a third reply that asks the
/// visitor to go over the story again (a loop that leaves the mood as it was). A typed reply every fiftieth beat, an agitation branch every
/// twenty-fifth, and four endings.
pub fn large_scenario(steps: usize) -> String {
    let body = steps.max(8) - 4;
    let id = |k: usize| format!("s{k}");
    let mut s = String::with_capacity(steps * 900);
    s.push_str(
        "Scenario(\n    id: \"synthetic\",\n    title: (zh: \"合成剧本\", en: \"Synthetic scenario\"),\n    briefing: (zh: \"用于测量。\", en: \"For measurement.\"),\n    visitor_type: FirstVisit,\n    difficulty: Beginner,\n    minutes: 5,\n    objectives: [\"listening\", \"empathy\"],\n    guidance: [\"3.2\"],\n    visitors: [Visitor(id: \"v\", name: (zh: \"来访人\", en: \"Visitor\"))],\n    initial: (agitation: 50, trust: 40),\n    start: \"s1\",\n    steps: [\n",
    );
    let fb = "feedback: (text: (zh: \"说明\", en: \"Why\"), guidance: [\"3.2\"])";
    // Beats 1..=body, numbered as a heap: the children of k are 2k and 2k+1.
    let child = |k: usize, c: usize, leaf_end: &str| {
        if k * 2 + c <= body {
            id(k * 2 + c)
        } else {
            leaf_end.to_owned()
        }
    };
    for k in 1..=body {
        let a = child(k, 0, "end_ok");
        let b = child(k, 1, if k % 2 == 0 { "end_ref" } else { "end_left" });
        let _ = write!(
            s,
            "        Step(\n            id: \"s{k}\",\n            lines: [Line(id: \"s{k}.l1\", text: (zh: \"第{k}句话。\", en: \"Line {k}.\")), Line(id: \"s{k}.l2\", text: (zh: \"第{k}句另一种说法。\", en: \"Line {k}, again.\"))],\n            cue: (zh: \"看着你\", en: \"looks at you\"),\n"
        );
        if k % 25 == 0 {
            s.push_str("            branches: [Branch(when: AgitationAtLeast(90), next: \"end_storm\")],\n");
        }
        if k % 50 == 0 {
            let _ = write!(
                s,
                "            turn: Free(\n                expects: [\"empathy\"],\n                routes: [Route(id: \"s{k}.r1\", when: Used(\"empathy\"), effect: (agitation: -3), {fb}, next: \"{a}\")],\n                otherwise: Route(id: \"s{k}.r0\", effect: (agitation: 3), {fb}, next: \"{b}\"),\n            ),\n        ),\n"
            );
            continue;
        }
        let _ = write!(
            s,
            "            turn: Choose(options: [\n                Reply(id: \"s{k}.a\", text: (zh: \"您慢慢说。\", en: \"Take your time.\"), tags: [\"listening\"], effect: (agitation: -3, trust: 3), {fb}, next: \"{a}\"),\n                Reply(id: \"s{k}.b\", text: (zh: \"这个不归我们管。\", en: \"Not our department.\"), anti: [\"buck_passing\"], effect: (agitation: 6, trust: -4), {fb}, next: \"{b}\"),\n"
        );
        let sibling = match k % 10 {
            0 if k < body => Some(k + 1),
            1 if k > 1 => Some(k - 1),
            _ => None,
        };
        if let Some(sib) = sibling {
            let _ = writeln!(
                s,
                "                Reply(id: \"s{k}.c\", text: (zh: \"您再从头说一遍？\", en: \"Could you go over it again?\"), {fb}, next: \"{}\"),",
                id(sib)
            );
        } else if k % 7 == 0 && k * 2 + 2 <= body {
            let _ = writeln!(
                s,
                "                Reply(id: \"s{k}.c\", text: (zh: \"我请同事一起看看。\", en: \"Let me ask a colleague.\"), tags: [\"channels\"], {fb}, next: \"{}\"),",
                id(k * 2 + 2)
            );
        }
        s.push_str("            ]),\n        ),\n");
    }
    s.push_str("        Step(id: \"end_storm\", lines: [Line(id: \"end_storm.l1\", text: (zh: \"我不谈了！\", en: \"I'm done!\"))], turn: End(outcome: Escalated, debrief: (zh: \"情绪失控。\", en: \"Stormed out.\"))),\n");
    for (id, outcome) in [
        ("end_ok", "Resolved"),
        ("end_ref", "Referred"),
        ("end_left", "Unsatisfied"),
    ] {
        let _ = writeln!(
            s,
            "        Step(id: \"{id}\", lines: [Line(id: \"{id}.l1\", text: (zh: \"结束。\", en: \"The end.\"))], turn: End(outcome: {outcome}, debrief: (zh: \"结束。\", en: \"The end.\"))),"
        );
    }
    s.push_str("    ],\n)\n");
    s
}
