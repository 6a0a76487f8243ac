//! The human format: one codespan-reporting snippet per finding, an optional table of counts per rule, and
//! one summary line.
//!
//! ```text
//! warning[DKR001]: the final stage builds with `golang:1.22`
//!   ┌─ Dockerfile:1:6
//!   │
//! 1 │ FROM golang:1.22
//!   │      ^^^^^^^^^^^
//!   ·
//! 4 │ RUN go build ./cmd/api
//!   │ ---------------------- compiled here
//!   │
//!   = help: build in a `builder` stage and copy the binary into a small runtime image
//!   = rule: single-stage-build (shiplint explain DKR001)
//!
//! Found 1 warning in 3 files.
//! ```
//! The header is `<severity>[<CODE>]: <message>` with severity `error`, `warning` or `info`. The primary
//! span is underlined with `^`, related spans (in the same file or others) with `-` and their message; the
//! help and the rule's name follow as notes. The summary line is `Found 3 errors, 2 warnings and 1 info in
//! 12 files.` (only the severities that occur) or `No problems found in 12 files.`. With `quiet`, only the
//! summary line is written, and nothing when there are no findings. With a baseline, the summary line ends
//! with `(N hidden by the baseline).` With `statistics`, lines of
//! `count  CODE  name` (most frequent first, then by code) come before the summary. Colours appear only
//! when [`TextOptions::color`] is set. Input-derived text is stripped of control characters first.

mod clean;
mod files;
mod paint;

use crate::counts::Counts;
use crate::{Report, TextOptions};
use clean::{multi_line, one_line};
use codespan_reporting::diagnostic::{Diagnostic, Label, Severity as Level};
use codespan_reporting::term::{Config, emit_to_write_style};
use files::Sources;
use paint::Painter;
use shiplint_lint::{Finding, Severity};
use std::collections::BTreeMap;
use std::io;

/// Writes the text report.
pub(crate) fn write(
    report: &Report<'_>,
    options: TextOptions,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    let counts = Counts::of(report.findings);
    if options.quiet {
        if counts.is_empty() {
            return Ok(());
        }
        return writeln!(out, "{}", summary_line(report, counts));
    }

    let sources = Sources::new(report.files);
    // Spelled out rather than left to codespan's defaults, so that output never changes under us silently.
    let config = Config {
        tab_width: 4,
        ..Config::default()
    };
    {
        let mut painter = Painter::new(&mut *out, options.color);
        for finding in report.findings {
            emit_to_write_style(
                &mut painter,
                &config,
                &sources,
                &diagnostic(&sources, finding),
            )
            .map_err(into_io)?;
        }
    }
    if options.statistics {
        write_statistics(report.findings, out)?;
    }
    writeln!(out, "{}", summary_line(report, counts))
}

/// The summary line, saying how many findings the baseline hid when one was given.
fn summary_line(report: &Report<'_>, counts: Counts) -> String {
    let line = summary(counts, report.files_checked);
    match report.baseline_hidden {
        Some(hidden) => with_baseline(&line, hidden.len()),
        None => line,
    }
}

/// `Found 1 warning in 3 files.` becomes `Found 1 warning in 3 files (2 hidden by the baseline).`
fn with_baseline(summary: &str, hidden: usize) -> String {
    let stem = summary.strip_suffix('.').unwrap_or(summary);
    format!("{stem} ({hidden} hidden by the baseline).")
}

/// The codespan diagnostic for one finding.
fn diagnostic(sources: &Sources<'_>, finding: &Finding) -> Diagnostic<usize> {
    let level = match finding.severity {
        Severity::Error => Level::Error,
        Severity::Warning => Level::Warning,
        // Drawn as `info` by the painter.
        Severity::Info => Level::Note,
    };
    let mut labels = Vec::with_capacity(1 + finding.related.len());
    let mut notes = Vec::new();
    if let Some((file, range)) = sources.label_range(finding.span) {
        labels.push(Label::primary(file, range));
    }
    for related in &finding.related {
        let message = one_line(&related.message);
        match sources.label_range(related.span) {
            Some((file, range)) => labels.push(Label::secondary(file, range).with_message(message)),
            None => notes.push(format!("related: {message}")),
        }
    }
    if let Some(help) = &finding.help {
        // Continuation lines line up with the text after `help: `.
        notes.push(format!(
            "help: {}",
            multi_line(help).replace('\n', "\n      ")
        ));
    }
    notes.push(format!(
        "rule: {} (shiplint explain {})",
        finding.rule.name, finding.rule.code
    ));
    Diagnostic::new(level)
        .with_code(finding.rule.code)
        .with_message(one_line(&finding.message))
        .with_labels(labels)
        .with_notes(notes)
}

/// `count  CODE  name` per rule, most frequent first, then by code; columns aligned.
fn write_statistics(findings: &[Finding], out: &mut dyn io::Write) -> io::Result<()> {
    let mut per_rule: BTreeMap<&str, (&str, usize)> = BTreeMap::new();
    for finding in findings {
        per_rule
            .entry(finding.rule.code)
            .or_insert((finding.rule.name, 0))
            .1 += 1;
    }
    let mut rows: Vec<(usize, &str, &str)> = per_rule
        .into_iter()
        .map(|(code, (name, count))| (count, code, name))
        .collect();
    rows.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    let Some(&(largest, _, _)) = rows.first() else {
        return Ok(());
    };
    // Rows are sorted by count, largest first.
    let count_width = largest.to_string().len();
    let code_width = rows.iter().map(|row| row.1.len()).max().unwrap_or(0);
    for (count, code, name) in rows {
        writeln!(out, "{count:>count_width$}  {code:<code_width$}  {name}")?;
    }
    writeln!(out)
}

/// `Found 3 errors, 2 warnings and 1 info in 12 files.` or `No problems found in 12 files.`
fn summary(counts: Counts, files: usize) -> String {
    let files = plural(files, "file", "files");
    let parts: Vec<String> = [
        (counts.errors, "error", "errors"),
        (counts.warnings, "warning", "warnings"),
        (counts.infos, "info", "infos"),
    ]
    .into_iter()
    .filter(|&(n, _, _)| n > 0)
    .map(|(n, one, many)| plural(n, one, many))
    .collect();
    match parts.as_slice() {
        [] => format!("No problems found in {files}."),
        [only] => format!("Found {only} in {files}."),
        [init @ .., last] => format!("Found {} and {last} in {files}.", init.join(", ")),
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn into_io(error: codespan_reporting::files::Error) -> io::Error {
    match error {
        codespan_reporting::files::Error::Io(error) => error,
        other => io::Error::other(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(errors: usize, warnings: usize, infos: usize) -> Counts {
        Counts {
            errors,
            warnings,
            infos,
        }
    }

    #[test]
    fn the_summary_says_how_many_findings_the_baseline_hid() {
        assert_eq!(
            with_baseline(&summary(counts(0, 1, 0), 3), 2),
            "Found 1 warning in 3 files (2 hidden by the baseline)."
        );
        assert_eq!(
            with_baseline(&summary(counts(0, 0, 0), 1), 0),
            "No problems found in 1 file (0 hidden by the baseline)."
        );
    }

    #[test]
    fn summary_lists_only_the_severities_found() {
        assert_eq!(
            summary(counts(0, 0, 0), 12),
            "No problems found in 12 files."
        );
        assert_eq!(summary(counts(0, 0, 0), 1), "No problems found in 1 file.");
        assert_eq!(summary(counts(0, 1, 0), 3), "Found 1 warning in 3 files.");
        assert_eq!(
            summary(counts(2, 0, 2), 3),
            "Found 2 errors and 2 infos in 3 files."
        );
        assert_eq!(
            summary(counts(3, 2, 1), 12),
            "Found 3 errors, 2 warnings and 1 info in 12 files."
        );
    }
}
