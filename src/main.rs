//! jiedai: the reception trainer. No arguments open the app; subcommands serve authors and scripts.

mod app;
mod cli;
mod paths;

/// When the process started: the app benchmark measures start-up from here.
pub static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

fn main() -> std::process::ExitCode {
    STARTED.get_or_init(std::time::Instant::now);
    cli::run()
}
