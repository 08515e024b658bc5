//! `jiedai new`: a commented scenario skeleton that checks clean, to start a scenario from.

use super::{Env, FOUND_ERRORS, OK, USAGE};
use clap::Args;
use jiedai_core::Lang;
use jiedai_core::skeleton;
use std::path::PathBuf;

#[derive(Args)]
pub struct NewArgs {
    /// The scenario's id: lowercase letters, digits and hyphens (e.g. collective-bus-route).
    id: String,
    /// first-visit, repeat-petitioner, collective, agitated, extreme-action or referral.
    #[arg(long = "type", value_name = "TYPE", default_value = "first-visit")]
    kind: String,
    /// Where to write it (default: ID.ron in the current folder). An existing file is never
    /// overwritten.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
}

pub fn new(env: &Env, a: NewArgs) -> u8 {
    let lang = env.lang;
    if !skeleton::valid_id(&a.id) {
        eprintln!(
            "{}",
            match lang {
                Lang::Zh => format!(
                    "剧本 id `{}` 只能用小写字母、数字和连字符，例如 collective-bus-route",
                    a.id
                ),
                Lang::En => format!(
                    "scenario id `{}`: use lowercase letters, digits and hyphens, e.g. collective-bus-route",
                    a.id
                ),
            }
        );
        return USAGE;
    }
    let Some(&(_, t)) = skeleton::TYPES.iter().find(|(n, _)| *n == a.kind) else {
        let names: Vec<&str> = skeleton::TYPES.iter().map(|(n, _)| *n).collect();
        eprintln!(
            "--type {}: {}{}",
            a.kind,
            lang.pick("可用的类型：", "one of: "),
            names.join(", ")
        );
        return USAGE;
    };
    let path = a
        .output
        .unwrap_or_else(|| PathBuf::from(format!("{}.ron", a.id)));
    let text = skeleton::scenario(&a.id, t);
    // create_new: a file that is there already is left alone.
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .and_then(|mut f| std::io::Write::write_all(&mut f, text.as_bytes()));
    match written {
        Ok(()) => {
            println!(
                "{}",
                match lang {
                    Lang::Zh => format!(
                        "已写入 {0}。把其中带括号的占位文字换成您的内容，然后运行：\n  jiedai check {0}\n  jiedai --scenarios {0}",
                        path.display()
                    ),
                    Lang::En => format!(
                        "wrote {0}. Replace the bracketed placeholders with your own text, then run:\n  jiedai check {0}\n  jiedai --scenarios {0}",
                        path.display()
                    ),
                }
            );
            OK
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            eprintln!(
                "{}: {}",
                path.display(),
                lang.pick(
                    "文件已存在，未作改动（用 -o 指定另一个文件）",
                    "already exists and was left as it is (name another file with -o)"
                )
            );
            FOUND_ERRORS
        }
        Err(e) => {
            eprintln!("{}: {e}", path.display());
            FOUND_ERRORS
        }
    }
}
