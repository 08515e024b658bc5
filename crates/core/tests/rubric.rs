//! The shipped rubric is complete and consistent.

mod common;
use common::*;
use jiedai_core::Lang;
use jiedai_core::load::load_str;
use jiedai_core::rubric::Rubric;
use jiedai_core::validate::validate_rubric;
use std::path::Path;

#[test]
fn the_shipped_rubric_checks_clean() {
    let text = std::fs::read_to_string(root().join("assets/rubric.ron")).unwrap();
    let lr = load_str::<Rubric>(Path::new("assets/rubric.ron"), text).unwrap();
    let d = validate_rubric(&lr);
    assert!(d.is_empty(), "{d:#?}");
    let r = lr.value;
    for id in [
        "listening",
        "empathy",
        "deescalation",
        "explanation",
        "channels",
        "firmness",
        "respect",
    ] {
        assert!(r.technique(id).is_some(), "{id}");
    }
    for id in [
        "law_first",
        "threat",
        "interrupting",
        "cold",
        "buck_passing",
        "false_promise",
        "concession",
        "temper",
    ] {
        assert!(r.anti_pattern(id).is_some(), "{id}");
    }
    assert_eq!(Rubric::builtin().techniques.len(), r.techniques.len());
}

#[test]
fn a_broken_rubric_is_reported() {
    let text = std::fs::read_to_string(root().join("assets/rubric.ron")).unwrap();
    let broken = text.replacen(
        "against: [\"deescalation\", \"explanation\"]",
        "against: [\"deescalaton\"]",
        1,
    );
    let lr = load_str::<Rubric>(Path::new("rubric.ron"), broken).unwrap();
    let d = validate_rubric(&lr);
    assert!(
        d.iter().any(|d| d.code == jiedai_core::diag::Code::E011
            && d.message(Lang::En).contains("deescalaton")),
        "{d:#?}"
    );
}

/// The acts, anti-patterns and gate added from the 2022 regulations and guidance 2.4a, 2.4c and
/// 3.2, each found and scored as the rubric says.
mod additions {
    use super::common::*;
    use jiedai_core::analyse::Analyser;
    use jiedai_core::judge::{Judge, Moment};

    fn judged(text: &str, agitation: i32, stage: usize) -> jiedai_core::judge::Judged {
        let r = rubric();
        let an = Analyser::new(&r);
        Judge::new(&r, &an).moment(
            text,
            &Moment {
                agitation,
                stage,
                turn: 3,
                ..Moment::default()
            },
        )
    }

    #[test]
    fn reporting_and_starting_the_plan_is_the_report_act() {
        let r = rubric();
        let p = r.procedure("report").expect("report act");
        assert!(p.basis.get(jiedai_core::Lang::Zh).contains("第二十五条"));
        let j = judged("小王，你马上去报告值班领导，按预案准备。", 40, 1);
        assert!(j.procedures.contains(&"report".into()), "{j:?}");
    }

    #[test]
    fn dissuading_is_an_act_and_lawful_handling_is_no_threat() {
        let j = judged("我劝大家先别堵门，这样会影响其他群众办事。", 50, 1);
        assert!(j.procedures.contains(&"dissuade".into()), "{j:?}");
        let j = judged("如果继续滋事，驻点民警会依法处置，这是条例写明的。", 50, 1);
        assert!(j.procedures.contains(&"lawful_handling".into()), "{j:?}");
        assert!(!j.anti_patterns.contains(&"threat".into()), "{j:?}");
        let r = rubric();
        assert!(
            r.procedure("lawful_handling")
                .unwrap()
                .basis
                .get(jiedai_core::Lang::Zh)
                .contains("第二十七条")
        );
        assert!(
            r.procedure("dissuade")
                .unwrap()
                .basis
                .get(jiedai_core::Lang::Zh)
                .contains("第四十七条")
        );
    }

    #[test]
    fn judging_the_outcome_and_taking_sides_are_anti_patterns() {
        let j = judged("那个判决本来就判得不对，您再去告。", 30, 2);
        assert!(j.anti_patterns.contains(&"judging".into()), "{j:?}");
        let j = judged("这个街道办就是不作为，您别理他们。", 30, 2);
        assert!(j.anti_patterns.contains(&"taking_sides".into()), "{j:?}");
        let r = rubric();
        assert_eq!(
            r.anti_pattern("judging").unwrap().guidance,
            vec!["2.4a".to_owned()]
        );
        assert_eq!(
            r.anti_pattern("taking_sides").unwrap().guidance,
            vec!["2.4c".to_owned()]
        );
    }

    /// 3.2: routes pushed at an agitated visitor who has not vented cost as a premature
    /// explanation does; once heard, the same route lands.
    #[test]
    fn a_route_before_the_visitor_is_heard_is_route_first() {
        let text = "您去区人社局三楼的劳动仲裁窗口，带上合同。";
        let hot = judged(text, 80, 0);
        assert!(hot.premature.contains(&"channels".into()), "{hot:?}");
        assert!(hot.anti_patterns.contains(&"route_first".into()), "{hot:?}");
        assert!(hot.effect.agitation > 0, "{hot:?}");
        let heard = judged(text, 80, 1);
        assert!(heard.detected.contains(&"channels".into()), "{heard:?}");
        assert!(
            !heard.anti_patterns.contains(&"route_first".into()),
            "{heard:?}"
        );
        let calm = judged(text, 30, 0);
        assert!(calm.detected.contains(&"channels".into()), "{calm:?}");
    }
}
