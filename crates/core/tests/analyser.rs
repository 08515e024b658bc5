//! The free-text analyser on the forms the guidance cares about.

mod common;
use common::*;
use jiedai_core::analyse::{Analyser, Context};
use jiedai_core::judge::{Judge, Moment};

fn found(text: &str) -> (Vec<String>, Vec<String>) {
    let a = Analyser::new(&rubric()).analyse(text, &Context::default());
    (a.techniques, a.anti_patterns)
}

#[test]
fn reassurance_and_listening_are_found_with_evidence() {
    let r = rubric();
    let an = Analyser::new(&r);
    let j = Judge::new(&r, &an).moment("您先别着急，慢慢说，我听着。", &Moment::default());
    assert!(
        j.detected.contains(&"listening".into()) && j.detected.contains(&"deescalation".into()),
        "{:?}",
        j.detected
    );
    let ev: Vec<&str> = j.findings.iter().map(|f| f.evidence.as_str()).collect();
    assert!(
        ev.contains(&"别着急") && ev.contains(&"慢慢说") && ev.contains(&"我听着"),
        "{ev:?}"
    );
}

#[test]
fn law_while_agitated_is_law_first_and_calm_it_is_explanation() {
    let r = rubric();
    let an = Analyser::new(&r);
    let text = "根据《信访工作条例》，你这个诉求不予受理。";
    let hot = Judge::new(&r, &an).moment(
        text,
        &Moment {
            agitation: 85,
            ..Moment::default()
        },
    );
    assert!(hot.anti_patterns.contains(&"law_first".into()), "{hot:?}");
    assert!(!hot.detected.contains(&"explanation".into()));
    assert!(
        hot.findings
            .iter()
            .any(|f| f.id == "law_first" && text[f.start..f.end] == f.evidence)
    );
    let calm = Judge::new(&r, &an).moment(
        text,
        &Moment {
            agitation: 20,
            ..Moment::default()
        },
    );
    assert!(
        calm.detected.contains(&"explanation".into())
            && !calm.anti_patterns.contains(&"law_first".into())
    );
    let acknowledged = Judge::new(&r, &an).moment(
        text,
        &Moment {
            agitation: 85,
            stage: 2,
            ..Moment::default()
        },
    );
    assert!(acknowledged.detected.contains(&"explanation".into()));
}

#[test]
fn negation_and_its_look_alikes() {
    assert!(
        found("您不要着急，我们来想办法。")
            .0
            .contains(&"deescalation".into())
    );
    assert!(!found("我不着急。").0.contains(&"deescalation".into()));
    assert!(
        !found("我不理解你为什么这样。")
            .0
            .contains(&"empathy".into())
    );
    assert!(found("我理解您的心情。").0.contains(&"empathy".into()));
    assert!(
        !found("我们不是不管，是要走程序。")
            .1
            .contains(&"buck_passing".into())
    );
    assert!(found("这事我们不管。").1.contains(&"buck_passing".into()));
    assert!(
        !found("不管怎样，我们都会给您答复。")
            .1
            .contains(&"buck_passing".into())
    );
    assert!(found("Honestly, I don't care.").1.contains(&"cold".into()));
    assert!(
        !found("I don't understand what you want.")
            .0
            .contains(&"empathy".into())
    );
    assert!(
        found("I understand, that must be frustrating.")
            .0
            .contains(&"empathy".into())
    );
    assert!(
        !found("I'm not going to call the police.")
            .1
            .contains(&"threat".into())
    );
}

#[test]
fn english_matches_whole_words_only() {
    // "referee" is not "refer"; "whatever" inside another word is not dismissal.
    assert!(!found("The referee said so.").0.contains(&"channels".into()));
    assert!(
        found("I will refer this to the housing department.")
            .0
            .contains(&"channels".into())
    );
}

#[test]
fn open_questions_count_as_listening_closed_ones_do_not() {
    assert!(
        found("能说说当时是什么情况吗？")
            .0
            .contains(&"listening".into())
    );
    assert!(
        found("What happened after that?")
            .0
            .contains(&"listening".into())
    );
    assert!(!found("是不是上个月的事？").0.contains(&"listening".into()));
    assert!(
        !found("Did you bring your ID?")
            .0
            .contains(&"listening".into())
    );
}

#[test]
fn restating_needs_an_echo_of_the_visitor() {
    let an = Analyser::new(&rubric());
    let line = "我在工地干了八个月，老板一分钱工资都没给。";
    let a = an.analyse(
        "您是说干了八个月，老板一分钱工资都没给，对吧。",
        &Context {
            visitor_line: Some(line),
            ..Context::default()
        },
    );
    assert!(a.techniques.contains(&"listening".into()));
    assert!(a.findings.iter().any(|f| f.id == "echo"));
    let b = an.analyse(
        "您是说您想要个说法。",
        &Context {
            visitor_line: Some(line),
            ..Context::default()
        },
    );
    assert!(!b.findings.iter().any(|f| f.id == "echo"));
}

#[test]
fn politeness_alone_is_empty_but_not_beside_substance() {
    let (t, a) = found("您好，谢谢。");
    assert!(t.is_empty() && a.contains(&"empty_politeness".into()));
    assert!(
        found("Hello, thank you.")
            .1
            .contains(&"empty_politeness".into())
    );
    let (t, a) = found("您好，请坐，慢慢说。");
    assert!(!t.is_empty() && a.is_empty(), "{t:?} {a:?}");
}

#[test]
fn mixed_replies_keep_both_the_good_and_the_bad() {
    let (t, a) = found("我理解您着急，您先坐下慢慢说；您再闹我就叫警察了。");
    assert!(t.contains(&"empathy".into()) && t.contains(&"listening".into()));
    assert!(a.contains(&"threat".into()));
    // A contrast that leads only to a threat takes the acknowledgement back.
    let (t, a) = found("我理解您着急，但您再闹我就叫警察了。");
    assert!(!t.contains(&"empathy".into()) && a.contains(&"threat".into()));
}

#[test]
fn bad_text_never_panics_and_stays_bounded() {
    let an = Analyser::new(&rubric());
    let ctx = Context {
        visitor_line: Some("同志，我要反映问题"),
        ..Context::default()
    };
    for text in [
        String::new(),
        "\u{0}\u{1}\u{7f}\r\n\t".to_owned(),
        "😡😡😡 你们 👍 ok?? 🙏".to_owned(),
        "Mixed 混合 script ミックス 혼합 ".repeat(50),
        "理解".repeat(600_000),
        "\u{202e}reversed\u{200b}zero width".to_owned(),
    ] {
        let a = an.analyse(&text, &ctx);
        assert!(
            a.findings
                .iter()
                .all(|f| f.end <= text.len() && text.is_char_boundary(f.start))
        );
    }
    let big = "您慢慢说。".repeat(100_000);
    assert!(big.len() > 1_000_000);
    assert!(an.analyse(&big, &ctx).truncated);
}
