//! jiedai: the reception trainer. No arguments open the app; subcommands serve authors and scripts.

mod app;
mod cli;
mod paths;

fn main() -> std::process::ExitCode {
    cli::run()
}
