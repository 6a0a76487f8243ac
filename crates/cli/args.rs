//! Command-line arguments (clap derive). Values are parsed here; what they mean is decided in the commands.

use clap::builder::ArgPredicate;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// shiplint: lints what you ship (Dockerfiles, compose, nginx, certificates, the Go service), file by file
/// and across files.
#[derive(Debug, Parser)]
#[command(name = "shiplint", version, about, max_term_width = 100)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check files and directories (default `.`).
    Check(Box<CheckArgs>),
    /// List every rule: code, name, severity, summary.
    Rules,
    /// Print a rule's documentation.
    Explain {
        /// A rule code (`DKR001`) or name (`single-stage-build`).
        rule: String,
    },
    /// Developer tools.
    #[command(subcommand)]
    Debug(DebugCommand),
}

/// `shiplint debug ...`.
#[derive(Debug, Subcommand)]
pub enum DebugCommand {
    /// Print how shiplint parsed a file, in the form the format's own tool prints (BuildKit's parse tree for
    /// Dockerfiles, crossplane's JSON for nginx files, `docker compose config --format json` for compose files),
    /// or for a `.go` file, a `go.mod` or a directory, the Go model of the modules around them.
    Dump {
        /// The file to parse.
        file: PathBuf,
        /// Compose: more files merged over the first, in order (`docker compose -f FILE -f MORE ...`); Go: more
        /// files or directories.
        more: Vec<PathBuf>,
    },
}

/// `shiplint check` options.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files or directories to check. Directories are walked (gitignore-aware); files are always checked.
    /// Given only files inside a project (shiplint.toml or git top level), the project around them is
    /// loaded and only findings touching them are reported (pre-commit mode).
    #[arg(
        default_value = ".",
        default_value_if("root", ArgPredicate::IsPresent, None)
    )]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Text)]
    pub format: FormatArg,
    /// Write the report to FILE instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Configuration file (default: the nearest shiplint.toml from the first path upward).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Rules to enable (codes, names or prefixes such as DKR, comma-separated); replaces the config's select.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub select: Option<Vec<String>>,
    /// Rules to disable (codes, names or prefixes, comma-separated); added to the config's ignore.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub ignore: Vec<String>,
    /// Exit 1 when a finding at or above this severity remains [default: warning, or the config's fail-on].
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub fail_on: Option<FailOnArg>,
    /// The current time for time-dependent rules, as RFC 3339 (e.g. 2026-12-01T00:00:00Z).
    #[arg(long, value_name = "RFC3339")]
    pub now: Option<String>,
    /// Colour in text output: auto means only on a terminal and never when NO_COLOR is set.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    pub color: ColorArg,
    /// Text output: print only the summary line.
    #[arg(long, short)]
    pub quiet: bool,
    /// Text output: add a count of findings per rule.
    #[arg(long)]
    pub statistics: bool,
    /// Worker threads (default: one per core; at most 4 per core). The output is the same whatever the number.
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// nginx: the directory relative `include` paths resolve against (default: the main config's directory).
    #[arg(long, value_name = "DIR")]
    pub nginx_prefix: Option<PathBuf>,
    /// nginx: the version whose built-in defaults apply (e.g. 1.24.0), for rules such as TLS001.
    #[arg(long, value_name = "VERSION")]
    pub nginx_version: Option<String>,
    /// nginx: check the output of `nginx -T` (a file, or - for standard input) instead of PATHs; findings
    /// name the original paths.
    #[arg(long, value_name = "FILE")]
    pub nginx_dump: Option<PathBuf>,
    /// Hide the findings recorded in FILE (written by --write-baseline); only new ones are reported.
    #[arg(long, value_name = "FILE", conflicts_with = "write_baseline")]
    pub baseline: Option<PathBuf>,
    /// Record the current findings in FILE (replaced atomically) instead of reporting them, and exit 0.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// Audit a server, or a snapshot of one mounted at DIR (`/` for the running machine): absolute paths in
    /// configurations and links resolve under DIR, PATHs are the server's paths (default: nginx.conf,
    /// Let's Encrypt's live certificates, compose projects in /srv and /opt), and the text report ends with
    /// tables of certificates and TLS profiles.
    #[arg(long, value_name = "DIR", conflicts_with = "nginx_dump")]
    pub root: Option<PathBuf>,
}

/// `--format`.
#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// Snippets with labels and help, then a summary line.
    Text,
    /// The stable JSON document (version 1).
    Json,
    /// SARIF 2.1.0 for code scanning.
    Sarif,
    /// GitHub Actions workflow commands.
    Github,
}

/// `--fail-on`.
#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
#[allow(missing_docs)]
pub enum FailOnArg {
    Error,
    Warning,
    Info,
    Never,
}

/// `--color`.
#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
#[allow(missing_docs)]
pub enum ColorArg {
    Auto,
    Always,
    Never,
}
