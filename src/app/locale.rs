//! The UI's strings, Chinese first, in one table.

use jiedai_core::Lang;

/// (key, zh, en)
pub(crate) const TABLE: &[(&str, &str, &str)] = &[
    ("app.title", "接待", "Jiedai"),
    (
        "app.subtitle",
        "信访接待模拟训练",
        "Reception training for petition (信访) staff",
    ),
    ("menu.start", "开始练习", "Start practice"),
    ("menu.library", "剧本库", "Scenario library"),
    ("menu.settings", "设置", "Settings"),
    ("menu.quit", "退出", "Quit"),
    ("menu.history", "练习记录", "History"),
    ("menu.trainee", "更换学员", "Change trainee"),
    ("menu.who", "学员", "Trainee"),
    (
        "who.title",
        "谁在训练？请输入姓名或工号",
        "Who is training? Your name or staff number",
    ),
    (
        "who.why",
        "练习记录按学员保存；同一台电脑可以多人轮流使用，无需密码",
        "Visits are kept per trainee; several trainees can share this machine, no password",
    ),
    (
        "who.known",
        "本机已有的学员（按数字键选择）",
        "Trainees on this machine (press a number)",
    ),
    (
        "who.empty",
        "请先输入姓名或工号",
        "Type a name or staff number first",
    ),
    (
        "who.hint",
        "Enter 确认 · 数字键选择已有学员（输入框为空时）",
        "Enter confirms · a number picks a listed trainee (while the box is empty)",
    ),
    (
        "hist.rate",
        "初信初访一次性化解率",
        "First visits resolved on the spot",
    ),
    (
        "hist.trend",
        "各项技巧的走势（每一格是一次接待，最近的在右）",
        "Each technique over time (one bar a visit, the latest on the right)",
    ),
    (
        "hist.sessions",
        "历次接待（↑↓ 选择，Enter 回看）",
        "Visits (↑↓ choose, Enter to look back)",
    ),
    ("hist.abandoned", "中途离开", "left before the end"),
    ("hist.replay", "回看 · 只读", "Looking back · read-only"),
    ("hist.overall", "总分", "Overall"),
    (
        "hist.no_replay",
        "这条记录来自旧版本，没有保存接待过程，无法回看",
        "This visit was kept by an older version without its transcript, so it cannot be looked back at",
    ),
    ("hist.noname", "（未署名）", "(no name)"),
    (
        "deb.back_hist",
        "Esc 返回练习记录",
        "Esc back to the history",
    ),
    (
        "deb.exam",
        "考核模式：过程中不显示反馈和仪表",
        "Exam: no feedback or meters during the visit",
    ),
    (
        "deb.hints",
        "使用提示 {n} 次，扣 {cost} 分",
        "{n} hints used, {cost} points off",
    ),
    ("deb.retried", "重答过的轮次：", "Turns answered again: "),
    (
        "deb.retried_mark",
        "这一轮回退后重答过",
        "this turn was answered again",
    ),
    (
        "deb.weakest",
        "失分最多的是第 {n} 轮：按 W 从这一轮重来",
        "Turn {n} cost most: press W to retry from it",
    ),
    (
        "brief.mode.practice",
        "模式：练习（可回退、可看提示）· M 切换",
        "Mode: practice (go back, hints) · M switches",
    ),
    (
        "brief.mode.exam",
        "模式：考核（不显示反馈，不能回退和提示）· M 切换",
        "Mode: exam (no feedback, no going back, no hints) · M switches",
    ),
    ("rec.exam", "考核", "Exam"),
    ("graph.title", "剧本结构图", "Step graph"),
    ("graph.typed", "文字作答", "typed reply"),
    ("graph.choice", "选择作答", "choice"),
    (
        "graph.hint",
        "绿色：本次走过的步骤 · 红色箭头：走过的分支 · ⇢ 有条件的分支 · Esc 返回",
        "Green: the steps of this visit · red arrows: the edges taken · ⇢ conditional · Esc back",
    ),
    (
        "watch.broken",
        "剧本文件改动后有错误，仍在使用上次能用的版本（改好后自动更新）：",
        "The edited file has errors; the last good version is still in use (fixing it reloads it):",
    ),
    (
        "watch.fell_back",
        "剧本已更新：第 {n} 轮所在的步骤或所选的选项已不存在，已回到此前最近的一步",
        "The scenario was updated: the step or option of turn {n} no longer exists, so the visit went back to the nearest earlier step",
    ),
    (
        "brief.teaching_held",
        "考核模式：政策要点和任务说明在复盘中显示",
        "Exam: the policy points and the task are shown in the debrief",
    ),
    (
        "deb.teaching",
        "案情要点与任务",
        "The teaching of this case",
    ),
    (
        "rec.practice_keys",
        "F1 提示（扣分）· F2 回退一轮 · F3 结构图 · 点击记录中的某一轮可回到那里",
        "F1 hint (costs points) · F2 back one turn · F3 step graph · click a turn in the transcript to go back to it",
    ),
    ("rec.hint", "提示", "Hint"),
    ("rec.hint_cost", "扣 {n} 分", "{n} points off"),
    ("hist.title", "练习记录", "History"),
    ("hist.empty", "还没有完成的练习", "No finished visits yet"),
    (
        "hist.damaged",
        "条记录无法读取，已跳过",
        "records could not be read and were skipped",
    ),
    (
        "hist.hint",
        "↑↓ 选择 · Enter 回看 · Esc 返回",
        "↑↓ choose · Enter looks back · Esc back",
    ),
    (
        "hist.recent",
        "各项技巧：最近 {n} 次练习的平均分（括号内为更早几次的平均）",
        "Each technique: the average of the last {n} visits (in brackets: the visits before)",
    ),
    ("hist.focus", "下一步重点", "Work on next"),
    ("hist.see", "参见指南", "See the guidance"),
    (
        "menu.hint",
        "键盘：数字键选择 · Enter 开始练习 · Esc 退出",
        "Keys: a number chooses · Enter starts practice · Esc quits",
    ),
    ("menu.manual", "使用手册", "Manual"),
    ("lib.title", "剧本库", "Scenario library"),
    (
        "lib.none",
        "这里没有可以练习的剧本：",
        "No playable scenario in",
    ),
    (
        "lib.more",
        "条，用 jiedai check 查看全部",
        "more: jiedai check lists them all",
    ),
    (
        "menu.broken",
        "个剧本文件有错误，详见剧本库",
        "file(s) with errors: see the library",
    ),
    ("lib.filter.type", "来访类型", "Visitor type"),
    ("lib.filter.difficulty", "难度", "Difficulty"),
    ("lib.filter.all", "全部", "All"),
    ("lib.minutes", "分钟", "min"),
    ("lib.objectives", "训练目标", "Objectives"),
    ("lib.open", "查看案情", "Read the case file"),
    (
        "lib.empty",
        "没有符合条件的剧本",
        "No scenario matches the filters",
    ),
    (
        "lib.broken",
        "以下剧本有错误，暂不能练习：",
        "These scenarios have errors and cannot be played:",
    ),
    (
        "lib.hint",
        "↑↓ 选择 · Enter 查看 · T 类型 · D 难度 · Esc 返回",
        "↑↓ select · Enter open · T type · D difficulty · Esc back",
    ),
    ("brief.title", "案情简介", "Case file"),
    ("brief.visitors", "来访人", "Visitors"),
    ("brief.group", "来访总人数", "People in the group"),
    ("brief.begin", "开始接待", "Begin the reception"),
    ("brief.back", "返回剧本库", "Back to the library"),
    (
        "brief.hint",
        "Enter 开始 · Esc 返回",
        "Enter begin · Esc back",
    ),
    ("rec.turn", "回合", "Turn"),
    ("rec.time", "用时", "Time"),
    ("rec.agitation", "情绪激动", "Agitation"),
    ("rec.trust", "信任", "Trust"),
    ("rec.group", "群体情绪", "Group mood"),
    ("rec.transcript", "对话记录", "Transcript"),
    ("rec.you", "你", "You"),
    ("rec.send", "发送", "Send"),
    (
        "rec.choose_hint",
        "按 1–5 或点击选择回答 · Esc 暂停",
        "Press 1–5 or click a reply · Esc pause",
    ),
    (
        "rec.type_hint",
        "可输入中文或英文 · Enter 发送 · Esc 暂停",
        "Chinese or English · Enter sends · Esc pause",
    ),
    ("rec.found", "识别到", "Found"),
    ("rec.feedback", "点评", "Feedback"),
    (
        "rec.empty_reply",
        "回答不能为空",
        "The reply cannot be empty",
    ),
    ("rec.finished", "接待结束", "The visit is over"),
    ("rec.classroom", "课堂模式", "Classroom"),
    (
        "rec.discuss",
        "请大家先讨论：换作您，此刻会怎么回应？为什么？",
        "Discuss first: what would you say now, and why?",
    ),
    (
        "rec.show_options",
        "显示选项 (空格)",
        "Show the options (Space)",
    ),
    ("rec.point", "培训提示", "Trainer's note"),
    ("rec.chosen", "所选回答", "The reply chosen"),
    ("rec.others", "其他回答会怎样", "The other replies"),
    ("rec.to_debrief", "查看复盘", "See the debrief"),
    ("pause.title", "暂停", "Pause"),
    ("pause.resume", "继续", "Resume"),
    ("pause.quit", "退出本次练习", "Leave this visit"),
    (
        "pause.confirm",
        "确定退出？已答过的部分会记为“中途离开”，不计分。",
        "Leave? What you have answered is kept as left unfinished, without a score.",
    ),
    ("pause.yes", "确定退出", "Yes, leave"),
    ("pause.no", "取消", "Cancel"),
    ("deb.title", "复盘", "Debrief"),
    ("deb.outcome", "结果", "Outcome"),
    ("deb.overall", "总分", "Overall"),
    ("deb.soft", "沟通技巧", "Soft skills"),
    ("deb.procedure", "程序规范", "Procedure"),
    (
        "deb.first_visit",
        "初访一次性化解",
        "Resolved at the first visit",
    ),
    ("deb.best", "做得好的时刻", "Best moments"),
    ("deb.worst", "需要改进的时刻", "Moments to improve"),
    ("deb.advice", "下次可以这样做", "Next time"),
    ("deb.transcript", "完整对话", "Full transcript"),
    ("deb.retry", "再练一次", "Try again"),
    ("deb.other", "换一个剧本", "Another scenario"),
    ("deb.menu", "主菜单", "Main menu"),
    ("deb.not_assessed", "未评", "n/a"),
    ("deb.unfinished", "未完成", "Not finished"),
    (
        "deb.hint",
        "R 再练 · W 从失分最多的一轮重来 · G 结构图 · L 剧本库 · Esc 主菜单",
        "R try again · W retry from the weakest turn · G step graph · L library · Esc main menu",
    ),
    ("set.title", "设置", "Settings"),
    ("set.lang", "语言", "Language"),
    ("set.scale", "界面大小", "UI scale"),
    (
        "set.meters",
        "显示情绪和信任指示",
        "Show agitation and trust meters",
    ),
    ("set.speed", "文字速度", "Text speed"),
    ("set.fullscreen", "全屏", "Fullscreen"),
    (
        "set.classroom",
        "课堂模式（投影讨论）",
        "Classroom mode (projector)",
    ),
    ("set.on", "开", "On"),
    ("set.off", "关", "Off"),
    ("set.speed.slow", "慢", "Slow"),
    ("set.speed.normal", "中", "Normal"),
    ("set.speed.fast", "快", "Fast"),
    ("set.speed.instant", "立即", "Instant"),
    ("set.back", "返回", "Back"),
    (
        "set.hint",
        "L 语言 · +/− 大小 · M 指示 · S 速度 · F 全屏 · C 课堂模式 · Esc 返回",
        "L language · +/− scale · M meters · S speed · F fullscreen · C classroom · Esc back",
    ),
    (
        "set.saved_corrupt",
        "设置文件已损坏，已恢复默认设置；原文件另存为",
        "The settings file was damaged; defaults are in use and the old file was kept as",
    ),
    ("menu.present", "课堂演示", "Group session"),
    ("present.briefing", "案情介绍", "The case"),
    ("present.over", "演练结束", "The visit is over"),
    ("present.step", "第 {n} 步", "Step {n}"),
    (
        "present.what_if_banner",
        "推演：假如第 {n} 步换个说法（R 返回全班的选择）",
        "What if, at step {n}, we had said something else (R: back to the room's choice)",
    ),
    ("present.case", "案情", "The case"),
    (
        "present.type_prompt",
        "请写下全班商定的答复",
        "Type the reply the room agrees on",
    ),
    (
        "present.to_summary_key",
        "按 → 查看本次演练小结",
        "Press → for the session's summary",
    ),
    ("present.best", "★ 最佳", "★ best"),
    (
        "present.best_reply",
        "★ 当时最好的答复",
        "★ The best reply at that moment",
    ),
    ("present.reaction", "来访人的反应", "How the visitor reacts"),
    (
        "present.keys_reveal_typed",
        "→ 下一步　← 撤回这一答复",
        "→ next step   ← take the reply back",
    ),
    (
        "notes.shown",
        "投影上也看得到：讲完按 N 收起",
        "The room can see this too: N hides it",
    ),
    (
        "summary.unfinished",
        "本次演练未走到结局",
        "The session ended before the visit did",
    ),
    ("present.room_choice", "▶ 全班所选", "▶ the room's choice"),
    (
        "present.what_if_reply",
        "推演的答复",
        "The reply played out",
    ),
    ("present.room_reply", "全班的答复", "The room's reply"),
    (
        "present.no_majority",
        "还没有哪个选项票数最多：请继续举手计票，或按数字键给全班商定的选项加一票",
        "No option has the most hands yet: count more hands, or press the number of the option the room agrees on",
    ),
    (
        "present.no_option",
        "这里没有这个选项",
        "There is no such option here",
    ),
    (
        "present.keys_line",
        "→ 下一页　← 上一页　B 黑屏　W 白屏　+/− 字号　Esc 菜单",
        "→ next   ← back   B black   W white   +/− type size   Esc menu",
    ),
    (
        "present.keys_typed",
        "Enter 提交答复　PageUp 返回　Esc 菜单",
        "Enter submit the reply   PageUp back   Esc menu",
    ),
    (
        "present.keys_options",
        "数字键 1、2、3… 给 A、B、C… 计一票（Shift 减一票）　→ 揭晓票数最多的选项　T 暂停计时　[ ] 调整时长",
        "1, 2, 3… count a hand for A, B, C… (Shift: one fewer)   → reveal the option with most hands   T pause the timer   [ ] change the time",
    ),
    (
        "present.keys_what_if",
        "→ 沿推演继续　R 返回全班的选择　← 上一页",
        "→ follow the what-if   R back to the room's choice   ← back",
    ),
    (
        "present.keys_reveal",
        "→ 下一步　数字键 推演另一个选项　← 撤回这一答复",
        "→ next step   a number plays out another option   ← take the reply back",
    ),
    (
        "present.keys_over",
        "→ 本次演练小结　← 上一页",
        "→ the session's summary   ← back",
    ),
    (
        "present.confirm",
        "结束本次课堂演练？",
        "End this group session?",
    ),
    (
        "present.to_summary",
        "结束并查看小结",
        "End and see the summary",
    ),
    ("notes.title", "讲师备注", "Trainer's notes"),
    (
        "notes.next_line",
        "下一下：来访人开口",
        "Next click: the visitor speaks",
    ),
    (
        "notes.next_options",
        "下一下：显示选项，开始讨论计时",
        "Next click: the options, and the discussion timer starts",
    ),
    (
        "notes.next_typed",
        "请输入全班商定的答复，Enter 提交",
        "Type the reply the room agrees on; Enter submits it",
    ),
    (
        "notes.next_reveal",
        "下一下：揭晓全班所选的 {x}",
        "Next click: reveal the room's choice, {x}",
    ),
    (
        "notes.next_tie",
        "票数未分出高下：继续计票，或按数字键给全班商定的选项加一票",
        "No majority yet: count more hands, or add one for the option the room agrees on",
    ),
    ("notes.next_end", "下一下：结局", "Next click: how it ended"),
    (
        "notes.next_step",
        "下一下：来访人的下一句",
        "Next click: the visitor's next line",
    ),
    (
        "notes.next_summary",
        "下一下：本次演练小结",
        "Next click: the session's summary",
    ),
    ("notes.timer", "讨论计时", "Discussion"),
    (
        "notes.what_if",
        "正在推演第 {n} 步的另一选项（{id}）",
        "Playing out another option at step {n} ({id})",
    ),
    (
        "notes.what_if_how",
        "可按数字键推演其他选项，看看来访人会怎样反应",
        "Press a number to play out another option and show how the visitor would react",
    ),
    ("summary.title", "课堂演练小结", "Group session summary"),
    (
        "summary.line",
        "全班共答 {n} 步，其中 {m} 步选了当时最好的答复；总分 {overall}",
        "The room answered {n} steps, {m} of them with the best reply the step offered; overall {overall}",
    ),
    ("summary.well", "做得好", "Done well"),
    ("summary.poorly", "需改进", "To work on"),
    ("summary.none", "（无）", "(none)"),
    ("summary.room", "全班", "the room"),
    ("summary.written", "讲义已保存", "Hand-out written"),
    (
        "summary.not_written",
        "讲义未能保存",
        "The hand-out could not be written",
    ),
    (
        "summary.keys",
        "→ 或 E 导出讲义（HTML，可打印）　L 中文/English　Esc 返回主菜单",
        "→ or E writes the hand-out (HTML, printable)   L 中文/English   Esc main menu",
    ),
];

/// The string for `key` in `lang`; the key itself when missing (visible, so it gets noticed).
pub fn tr(lang: Lang, key: &'static str) -> &'static str {
    TABLE
        .iter()
        .find(|(k, _, _)| *k == key)
        .map(|(_, zh, en)| match lang {
            Lang::Zh => *zh,
            Lang::En => *en,
        })
        .unwrap_or(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_and_both_languages_are_filled() {
        let mut seen = std::collections::HashSet::new();
        for (k, zh, en) in TABLE {
            assert!(seen.insert(*k), "duplicate key {k}");
            assert!(!zh.is_empty() && !en.is_empty(), "{k}");
        }
        assert_eq!(tr(Lang::En, "menu.quit"), "Quit");
        assert_eq!(tr(Lang::Zh, "menu.quit"), "退出");
    }
}
