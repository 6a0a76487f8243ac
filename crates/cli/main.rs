//! The `shiplint` binary: parses arguments, runs a command, maps the outcome to the exit code
//! (0 clean, 1 findings at or above `--fail-on`, 2 usage, configuration or I/O error).

/// Every worker thread allocates per file; glibc grows each thread's arena a page at a time. See README.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod args;
mod audit;
mod baseline;
mod check;
mod clock;
mod confined_fs;
mod discover;
mod disk;
mod go_dump;
mod info;
mod nginx_dump;
mod pem_dump;
mod progress;
mod rooted_fs;
mod scope;

use args::{Cli, Command, DebugCommand};
use clap::Parser;
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) if !error.use_stderr() => {
            // --help and --version.
            let _ = error.print();
            return ExitCode::SUCCESS;
        }
        Err(error) => return usage_error(&error),
    };
    shiplint_lint::engine::report_rule_panics_as_findings();
    let outcome = match cli.command {
        Command::Check(args) => check::run(*args).map(|failed| {
            if failed {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }),
        Command::Rules => print(info::rules()),
        Command::Explain { rule } => info::explain(&rule).and_then(print),
        Command::Debug(DebugCommand::Dump { file, more }) => {
            info::dump(&file, &more).and_then(print)
        }
    };
    outcome.unwrap_or_else(|message| {
        eprintln!("error: {message}");
        ExitCode::from(2)
    })
}

fn print(text: String) -> Result<ExitCode, String> {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(error) if error.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(format!("cannot write: {error}"))
        }
        _ => Ok(ExitCode::SUCCESS),
    }
}

/// A bad flag or argument: one line naming it, exit 2.
fn usage_error(error: &clap::Error) -> ExitCode {
    let rendered = error.render().to_string();
    let first = rendered
        .lines()
        .next()
        .unwrap_or("invalid arguments")
        .trim_start_matches("error: ");
    eprintln!("error: {first} (see `shiplint --help`)");
    ExitCode::from(2)
}
