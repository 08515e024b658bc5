//! Diagnostics: one type with a stable code, a severity, a place and a hint.
//!
//! Rendering lives with the hosts (terminal, JSON, the app); this module only describes.

use crate::text::Lang;
use serde::Serialize;
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

/// Every rule `jiedai check` applies. The code is stable; docs live in [`Code::explain`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Code {
    /// The file cannot be read: missing, empty, too large, binary, not UTF-8.
    E001,
    /// RON syntax error.
    E002,
    /// Unknown field.
    E003,
    /// Missing required field.
    E004,
    /// A value of the wrong type or an unknown variant.
    E005,
    /// Duplicate step id.
    E006,
    /// A reference to a step that does not exist.
    E007,
    /// A step that cannot be reached from the start.
    E008,
    /// A step with no way on that is not an ending.
    E009,
    /// No ending can be reached.
    E010,
    /// Unknown technique, anti-pattern or procedure id.
    E011,
    /// A state value out of range.
    E012,
    /// An option without feedback.
    E013,
    /// The same scenario id in two files.
    E014,
    /// A collective visit with fewer than five visitors.
    E015,
    /// Duplicate id of a line, option, route or visitor.
    E016,
    /// A choice with fewer than 2 or more than 5 options.
    E017,
    /// Unknown guidance section id.
    E018,
    /// Unknown speaker (visitor id).
    E019,
    /// An empty required text.
    E020,
    /// Missing translation.
    W101,
    /// An ending that the state model can never reach.
    W102,
    /// A learning objective that no option exercises.
    W103,
    /// A loop that can never reach an ending.
    W104,
    /// The best option is also the longest in most choice steps.
    W105,
    /// An option lists an anti-pattern that the rubric's gates add.
    W106,
}

pub struct Explanation {
    pub title: (&'static str, &'static str),
    pub what: (&'static str, &'static str),
    pub why: (&'static str, &'static str),
    pub example: &'static str,
    pub fix: &'static str,
}

impl Code {
    pub const ALL: [Code; 26] = [
        Code::E001,
        Code::E002,
        Code::E003,
        Code::E004,
        Code::E005,
        Code::E006,
        Code::E007,
        Code::E008,
        Code::E009,
        Code::E010,
        Code::E011,
        Code::E012,
        Code::E013,
        Code::E014,
        Code::E015,
        Code::E016,
        Code::E017,
        Code::E018,
        Code::E019,
        Code::E020,
        Code::W101,
        Code::W102,
        Code::W103,
        Code::W104,
        Code::W105,
        Code::W106,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Code::E001 => "E001",
            Code::E002 => "E002",
            Code::E003 => "E003",
            Code::E004 => "E004",
            Code::E005 => "E005",
            Code::E006 => "E006",
            Code::E007 => "E007",
            Code::E008 => "E008",
            Code::E009 => "E009",
            Code::E010 => "E010",
            Code::E011 => "E011",
            Code::E012 => "E012",
            Code::E013 => "E013",
            Code::E014 => "E014",
            Code::E015 => "E015",
            Code::E016 => "E016",
            Code::E017 => "E017",
            Code::E018 => "E018",
            Code::E019 => "E019",
            Code::E020 => "E020",
            Code::W101 => "W101",
            Code::W102 => "W102",
            Code::W103 => "W103",
            Code::W104 => "W104",
            Code::W105 => "W105",
            Code::W106 => "W106",
        }
    }

    pub fn parse(s: &str) -> Option<Code> {
        let s = s.trim().to_ascii_uppercase();
        Code::ALL.into_iter().find(|c| c.as_str() == s)
    }

    pub fn severity(self) -> Severity {
        if self.as_str().starts_with('W') {
            Severity::Warning
        } else {
            Severity::Error
        }
    }

    /// What the rule checks, why it matters, an example and the fix (ruff's pattern).
    pub fn explain(self) -> Explanation {
        let e = |title, what, why, example, fix| Explanation {
            title,
            what,
            why,
            example,
            fix,
        };
        match self {
            Code::E001 => e(
                ("无法读取文件", "file cannot be read"),
                (
                    "文件不存在、为空、过大（超过 8 MB）、是二进制文件或不是 UTF-8 编码。",
                    "The file is missing, empty, larger than 8 MB, binary, or not UTF-8.",
                ),
                (
                    "剧本必须是 UTF-8 文本的 RON 文件，否则无法加载。",
                    "A scenario must be a UTF-8 RON text file or it cannot be loaded.",
                ),
                "scenarios/visit.ron  (0 bytes)",
                "Scenario(id: \"visit\", …)  // saved as UTF-8",
            ),
            Code::E002 => e(
                ("RON 语法错误", "RON syntax error"),
                (
                    "文件不是合法的 RON：括号不配对、缺逗号、字符串未闭合等。",
                    "The file is not valid RON: unbalanced brackets, a missing comma, an unclosed string.",
                ),
                (
                    "语法错误之后的内容都无法读取。",
                    "Nothing after a syntax error can be read.",
                ),
                "steps: [ Step(id: \"a\" turn: …) ]",
                "steps: [ Step(id: \"a\", turn: …) ]",
            ),
            Code::E003 => e(
                ("未知字段", "unknown field"),
                (
                    "结构里出现了格式中没有的字段名，通常是拼写错误。",
                    "A field name the format does not have, usually a typo.",
                ),
                (
                    "拼错的字段会被悄悄忽略，剧本就不是作者想的样子。",
                    "A misspelt field would be silently ignored and the scenario would not be what its author meant.",
                ),
                "Reply(id: \"a\", text: \"…\", feedbak: …)",
                "Reply(id: \"a\", text: \"…\", feedback: …)",
            ),
            Code::E004 => e(
                ("缺少必填字段", "missing required field"),
                (
                    "结构缺少一个必填字段。",
                    "A structure lacks a field it must have.",
                ),
                (
                    "缺了它，剧本无法运行。",
                    "Without it the scenario cannot run.",
                ),
                "Step(id: \"a\", lines: […])",
                "Step(id: \"a\", lines: […], turn: Choose(options: […]))",
            ),
            Code::E005 => e(
                ("值的类型不对", "wrong type of value"),
                (
                    "字段的值类型不对，或枚举值不存在（例如 outcome 的取值）。",
                    "A value has the wrong type, or names a variant that does not exist (e.g. an outcome).",
                ),
                (
                    "引擎无法理解这个值。",
                    "The engine cannot interpret the value.",
                ),
                "outcome: Solved",
                "outcome: Resolved",
            ),
            Code::E006 => e(
                ("步骤 id 重复", "duplicate step id"),
                ("两个步骤用了同一个 id。", "Two steps share one id."),
                (
                    "跳转、记录和报告都靠 id 找步骤，重复会指错地方。",
                    "Jumps, records and reports find steps by id; a duplicate points to the wrong one.",
                ),
                "Step(id: \"greet\", …), Step(id: \"greet\", …)",
                "Step(id: \"greet\", …), Step(id: \"greet_again\", …)",
            ),
            Code::E007 => e(
                ("引用了不存在的步骤", "reference to a missing step"),
                (
                    "next、start 或分支指向的步骤不存在。",
                    "A next, start or branch names a step that does not exist.",
                ),
                (
                    "走到这里时会话无处可去。",
                    "The session would have nowhere to go.",
                ),
                "next: \"clam_down\"",
                "next: \"calm_down\"",
            ),
            Code::E008 => e(
                ("步骤无法到达", "unreachable step"),
                (
                    "从开始步骤出发，任何选择都到不了这一步。",
                    "No path from the start step leads here.",
                ),
                (
                    "写了却永远用不上，通常是漏了一条跳转。",
                    "Written but never used: usually a missing link.",
                ),
                "Step(id: \"orphan\", …)  // nothing has next: \"orphan\"",
                "Reply(…, next: \"orphan\")",
            ),
            Code::E009 => e(
                ("无路可走的步骤", "step with no way on"),
                (
                    "不是结局的步骤却没有任何选项或路线。",
                    "A step that is not an ending has no option or route.",
                ),
                ("学员会卡在这里。", "The trainee would be stuck here."),
                "turn: Choose(options: [])",
                "turn: End(outcome: Referred, debrief: \"…\")",
            ),
            Code::E010 => e(
                ("没有可到达的结局", "no reachable ending"),
                (
                    "从开始步骤出发到不了任何结局。",
                    "No ending can be reached from the start.",
                ),
                (
                    "会话永远结束不了，也就没有总结。",
                    "The session could never end, so there would be no debrief.",
                ),
                "a → b → a",
                "a → b → end",
            ),
            Code::E011 => e(
                (
                    "未知的技巧、反模式或程序 id",
                    "unknown technique, anti-pattern or procedure id",
                ),
                (
                    "标签或条件里的 id 不在评分规则（rubric）中。",
                    "An id in a tag or condition is not in the rubric.",
                ),
                (
                    "评分引擎无法为它计分。",
                    "The scoring engine cannot score it.",
                ),
                "tags: [\"empathie\"]",
                "tags: [\"empathy\"]",
            ),
            Code::E012 => e(
                ("状态值超出范围", "state value out of range"),
                (
                    "情绪值和信任值在 0–100 之间，变化量在 −100–100 之间。",
                    "Agitation and trust lie in 0–100, changes in −100…100.",
                ),
                (
                    "超出范围的值说明写错了。",
                    "A value outside the range is a mistake.",
                ),
                "initial: (agitation: 150, trust: 20)",
                "initial: (agitation: 90, trust: 20)",
            ),
            Code::E013 => e(
                ("选项缺少反馈", "option without feedback"),
                (
                    "选项或路线没有 feedback。",
                    "An option or route has no feedback.",
                ),
                (
                    "学员需要知道为什么好或为什么不好，并看到指南出处。",
                    "The trainee needs to know why, with the guidance section.",
                ),
                "Reply(id: \"a\", text: \"…\", next: \"b\")",
                "Reply(id: \"a\", text: \"…\", feedback: (text: \"…\", guidance: [\"3.2\"]), next: \"b\")",
            ),
            Code::E014 => e(
                ("剧本 id 重复", "duplicate scenario id"),
                (
                    "两个文件的剧本 id 相同。",
                    "Two files declare the same scenario id.",
                ),
                (
                    "记录和报告用 id 区分剧本。",
                    "Records and reports tell scenarios apart by id.",
                ),
                "a.ron: id: \"wages\"   b.ron: id: \"wages\"",
                "b.ron: id: \"wages_group\"",
            ),
            Code::E015 => e(
                ("集体访人数不足5人", "collective visit with fewer than five"),
                (
                    "集体访的 group.size 必须不少于 5。",
                    "A collective visit needs group.size of at least 5.",
                ),
                (
                    "五人以上才属于集体访，处理方式也不同。",
                    "Five or more people is what makes a collective visit, and it is handled differently.",
                ),
                "visitor_type: Collective, group: Some((size: 3, mood: 60))",
                "group: Some((size: 8, mood: 60))",
            ),
            Code::E016 => e(
                ("id 重复", "duplicate id"),
                (
                    "同一剧本中台词、选项、路线或来访人的 id 重复。",
                    "A line, option, route or visitor id is used twice in one scenario.",
                ),
                (
                    "记录和翻译靠这些 id 对应。",
                    "Records and translations refer to them by id.",
                ),
                "Reply(id: \"a\", …), Reply(id: \"a\", …)",
                "Reply(id: \"a\", …), Reply(id: \"b\", …)",
            ),
            Code::E017 => e(
                ("选项数量不对", "wrong number of options"),
                (
                    "选择题需要 2 到 5 个选项。",
                    "A choice needs 2 to 5 options.",
                ),
                (
                    "一个选项不算选择，太多则无法用数字键选择。",
                    "One option is no choice; more than five cannot be picked with the number keys.",
                ),
                "Choose(options: [Reply(…)])",
                "Choose(options: [Reply(…), Reply(…)])",
            ),
            Code::E018 => e(
                ("未知的指南章节", "unknown guidance section"),
                (
                    "guidance 中的章节 id 不在指南提纲中。",
                    "A guidance id is not a section of the outline.",
                ),
                (
                    "反馈要能指回指南原文。",
                    "Feedback must point back to the guidance.",
                ),
                "guidance: [\"3.4\"]",
                "guidance: [\"3.3.2\"]",
            ),
            Code::E019 => e(
                ("未知的说话人", "unknown speaker"),
                (
                    "speaker 不是 visitors 中的 id。",
                    "A speaker is not a visitor id.",
                ),
                (
                    "界面不知道是谁在说话。",
                    "The app would not know who speaks.",
                ),
                "speaker: Some(\"li\")",
                "visitors: [Visitor(id: \"li\", …)]",
            ),
            Code::E020 => e(
                ("必填文字为空", "empty text"),
                (
                    "标题、台词、选项或反馈的文字为空。",
                    "A title, line, option or feedback text is empty.",
                ),
                (
                    "空文字在界面上什么也显示不出来。",
                    "Empty text shows nothing.",
                ),
                "text: \"\"",
                "text: \"您好，请坐。\"",
            ),
            Code::W101 => e(
                ("缺少翻译", "missing translation"),
                (
                    "文字只有中文或只有英文。",
                    "A text has only Chinese or only English.",
                ),
                (
                    "界面会退回另一种语言显示。",
                    "The app falls back to the other language.",
                ),
                "text: \"您好\"",
                "text: (zh: \"您好\", en: \"Hello\")",
            ),
            Code::W102 => e(
                (
                    "按状态模型永远到不了的结局",
                    "ending the state model never reaches",
                ),
                (
                    "在步骤图上相连，但情绪和信任的变化使它的条件永远不成立。",
                    "Linked in the graph, but the state never satisfies the condition that leads there.",
                ),
                (
                    "作者以为学员会看到它，实际看不到。",
                    "The author expects trainees to see it; they never will.",
                ),
                "branches: [Branch(when: AgitationAtLeast(101), next: \"storm_out\")]",
                "branches: [Branch(when: AgitationAtLeast(80), next: \"storm_out\")]",
            ),
            Code::W103 => e(
                ("学习目标没有被练到", "objective not exercised"),
                (
                    "objectives 中的技巧没有任何选项或路线使用。",
                    "An objective technique is used by no option or route.",
                ),
                (
                    "剧本声称训练它，却无从评分。",
                    "The scenario claims to train it but cannot score it.",
                ),
                "objectives: [\"firmness\"]  // no option tags firmness",
                "Reply(…, tags: [\"firmness\"], …)",
            ),
            Code::W104 => e(
                ("走不出去的循环", "dead loop"),
                (
                    "一组步骤互相跳转，却到不了任何结局。",
                    "A set of steps that lead to each other and never to an ending.",
                ),
                ("学员进去就出不来。", "A trainee who enters cannot leave."),
                "a → b → a",
                "b → end",
            ),
            Code::W105 => crate::validate::giveaway::explanation(),
            Code::W106 => crate::validate::gated_anti::explanation(),
        }
    }
}

/// A place in a file: 1-based line and column (in characters).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
}

#[derive(Clone, Debug, Serialize)]
pub struct Diagnostic {
    #[serde(serialize_with = "ser_code")]
    pub code: Code,
    pub severity: Severity,
    pub file: PathBuf,
    #[serde(flatten)]
    pub pos: Pos,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

fn ser_code<S: serde::Serializer>(c: &Code, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(c.as_str())
}

impl Diagnostic {
    pub fn new(code: Code, file: &Path, pos: Pos, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            code,
            severity: code.severity(),
            file: file.to_path_buf(),
            pos,
            message: message.into(),
            hint: None,
        }
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Diagnostic {
        self.hint = Some(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// A message in both languages, picked at construction.
pub fn msg(lang: Lang, zh: String, en: String) -> String {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

/// The closest candidate by edit distance, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(s, _)| *s > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}
