//! shiplint_report: writes sorted findings as text (codespan-reporting snippets), JSON, SARIF 2.1.0 or GitHub
//! workflow commands. No rule logic lives here.
//!
//! Every format reads the same [`Report`] and resolves spans through one helper (`location`), so a finding
//! has the same path, line and column in all of them. Output is a pure function of the report: findings are
//! written in the order they arrive, and nothing reads the clock, the environment or the terminal.

pub mod audit;
mod counts;
pub mod fingerprint;
mod github;
mod json;
mod location;
mod message;
mod sarif;
mod text;
mod uri;

pub use sarif::SarifOptions;

use shiplint_lint::{Finding, RuleMeta};
use shiplint_syntax::SourceFile;
use std::io;

/// The tool name every machine-readable format reports.
pub(crate) const TOOL_NAME: &str = "shiplint";

/// The version every machine-readable format reports (this crate's version, kept in step with the binary).
pub(crate) const TOOL_VERSION: &str = env!("CARGO_PKG_VERSION");

/// The project's home page (SARIF `informationUri`).
pub(crate) const INFORMATION_URI: &str = "https://github.com/shiplint/shiplint";

/// Output formats of `shiplint check --format`.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Format {
    /// Human-readable snippets and a summary line.
    Text,
    /// The stable JSON document, version 1.
    Json,
    /// SARIF 2.1.0, one run.
    Sarif,
    /// GitHub Actions workflow commands (`::warning file=…::…`).
    Github,
}

impl Format {
    /// Every format, in the order `--help` lists them.
    pub const ALL: [Format; 4] = [Format::Text, Format::Json, Format::Sarif, Format::Github];
}

/// Everything a report shows.
pub struct Report<'a> {
    /// Every loaded file, indexed by `FileId` (paths already as shown to the user).
    pub files: &'a [SourceFile],
    /// The findings, already filtered and sorted.
    pub findings: &'a [Finding],
    /// The rules that were enabled in this run, sorted by code (SARIF `rules[]`).
    pub rules: &'a [&'static RuleMeta],
    /// How many files were checked.
    pub files_checked: usize,
    /// The findings a baseline file hid, sorted as `findings` (`None` when no baseline was given). Text and
    /// JSON only count them (summary line, `summary.baseline_hidden`); SARIF lists them as results with an
    /// accepted external suppression, which GitHub code scanning shows as closed alerts.
    pub baseline_hidden: Option<&'a [Finding]>,
    /// The certificate and TLS-profile tables of a server audit (`check --root`): after the findings in
    /// text, the `audit` key in JSON; other formats leave them out.
    pub audit: Option<&'a audit::Audit>,
}

/// Options that only the text format reads.
#[derive(Copy, Clone, Debug, Default)]
pub struct TextOptions {
    /// Use ANSI colours (decided by the caller from the terminal, `--color` and `NO_COLOR`).
    pub color: bool,
    /// Only the summary line (and nothing when clean).
    pub quiet: bool,
    /// Add a table of counts per rule.
    pub statistics: bool,
}

/// Writes `report` in `format` to `out`.
///
/// SARIF is written with [`SarifOptions::default`]; call [`write_sarif`] to name the source root.
///
/// The writers make many small writes (codespan, serde): callers buffer, for example by writing into a
/// `Vec<u8>` or a `BufWriter`. `out` is flushed at the end.
pub fn write(
    report: &Report<'_>,
    format: Format,
    text: TextOptions,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    match format {
        Format::Text => text::write(report, text, out).and_then(|()| match report.audit {
            Some(tables) => audit::write_text(tables, out),
            None => Ok(()),
        }),
        Format::Json => json::write(report, out),
        Format::Sarif => sarif::write(report, &SarifOptions::default(), out),
        Format::Github => github::write(report, out),
    }?;
    out.flush()
}

/// Writes `report` as SARIF 2.1.0 with `options` (for example the absolute directory `%SRCROOT%` stands for).
///
/// As with [`write`], callers buffer; `out` is flushed at the end.
pub fn write_sarif(
    report: &Report<'_>,
    options: &SarifOptions,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    sarif::write(report, options, out)?;
    out.flush()
}
