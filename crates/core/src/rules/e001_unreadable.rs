//! E001 — the file cannot be read: missing, empty, too large, binary, not UTF-8.
//!
//! Detected where files are found and read: `check::collect` (paths and folders) and
//! `source::read_text` / `source::text_from_bytes` (the file itself).

use super::{Checks, Code, Explanation, Rule};
use crate::diag::{Severity, Template};

const CODE: Code = Code::E001;

pub const CANNOT_READ: Template = Template::new(
    CODE,
    "cannot-read",
    "无法读取文件：{error}",
    "cannot read the file: {error}",
);
pub const FOLDER: Template = Template::new(
    CODE,
    "folder",
    "这是一个文件夹，不是文件",
    "this is a folder, not a file",
);
pub const TOO_LARGE: Template = Template::new(
    CODE,
    "too-large",
    "文件有 {megabytes} MB，超过了 8 MB 的上限",
    "the file is {megabytes} MB, over the 8 MB limit",
);
pub const TOO_LARGE_HINT: Template = Template::new(
    CODE,
    "too-large-hint",
    "剧本应当是几百 KB 以内的文本文件；请确认选对了文件",
    "a scenario is a text file of a few hundred KB at most; check that this is the right file",
);
pub const EMPTY: Template = Template::new(CODE, "empty", "文件是空的", "the file is empty");
pub const EMPTY_HINT: Template = Template::new(
    CODE,
    "empty-hint",
    "剧本以 Scenario( 开头；参见 docs/scenario-format.md",
    "a scenario starts with Scenario(; see docs/scenario-format.md",
);
pub const BINARY: Template = Template::new(
    CODE,
    "binary",
    "这是二进制文件，不是文本",
    "this is a binary file, not text",
);
pub const NOT_UTF8: Template = Template::new(
    CODE,
    "not-utf8",
    "文件不是 UTF-8 编码",
    "the file is not UTF-8",
);
pub const NOT_UTF8_HINT: Template = Template::new(
    CODE,
    "not-utf8-hint",
    "请用 UTF-8 重新保存（GBK/GB18030 编码的文件需要转换）",
    "save it again as UTF-8 (convert GBK/GB18030 files)",
);
pub const NO_SCENARIOS: Template = Template::new(
    CODE,
    "no-scenarios",
    "这个文件夹里没有剧本（*.ron）",
    "no scenarios (*.ron) in this folder",
);
pub const NO_SCENARIOS_HINT: Template = Template::new(
    CODE,
    "no-scenarios-hint",
    "剧本是扩展名为 .ron 的文件；参见 docs/scenario-format.md",
    "scenarios are files ending in .ron; see docs/scenario-format.md",
);
pub const NO_SUCH_PATH: Template = Template::new(
    CODE,
    "no-such-path",
    "路径不存在",
    "no such file or folder",
);
pub const CANNOT_READ_FOLDER: Template = Template::new(
    CODE,
    "cannot-read-folder",
    "无法读取文件夹：{error}",
    "cannot read the folder: {error}",
);

pub static RULE: Rule = Rule {
    code: CODE,
    severity: Severity::Error,
    name: "unreadable",
    docs: Explanation {
        title: ("无法读取文件", "file cannot be read"),
        what: (
            "文件不存在、为空、过大（超过 8 MB）、是二进制文件或不是 UTF-8 编码。",
            "The file is missing, empty, larger than 8 MB, binary, or not UTF-8.",
        ),
        why: (
            "剧本必须是 UTF-8 文本的 RON 文件，否则无法加载。",
            "A scenario must be a UTF-8 RON text file or it cannot be loaded.",
        ),
        example: "scenarios/visit.ron  (0 bytes)",
        fix: "Scenario(id: \"visit\", …)  // saved as UTF-8",
    },
    templates: &[
        CANNOT_READ,
        FOLDER,
        TOO_LARGE,
        TOO_LARGE_HINT,
        EMPTY,
        EMPTY_HINT,
        BINARY,
        NOT_UTF8,
        NOT_UTF8_HINT,
        NO_SCENARIOS,
        NO_SCENARIOS_HINT,
        NO_SUCH_PATH,
        CANNOT_READ_FOLDER,
    ],
    checks: Checks::NONE,
};
