//! The stable JSON document (version 1): one pretty-printed object, two-space indented, ending in a newline.
//!
//! ```json
//! {
//!   "version": 1,
//!   "tool": { "name": "shiplint", "version": "0.1.0" },
//!   "diagnostics": [
//!     { "code": "DKR001", "name": "single-stage-build", "severity": "warning",
//!       "message": "...", "help": "...", "path": "Dockerfile", "line": 1, "column": 6,
//!       "end_line": 1, "end_column": 17,
//!       "related": [{ "path": "compose.yaml", "line": 3, "column": 5, "message": "..." }] }
//!   ],
//!   "summary": { "files": 12, "errors": 0, "warnings": 1, "infos": 0 }
//! }
//! ```
//! With `--baseline`, `summary` also has `baseline_hidden`: how many findings the baseline hid (they are
//! left out of `diagnostics`).
//! A server audit (`check --root`) adds `"audit": { "certificates": [...], "servers": [...] }` (the rows of
//! [`crate::audit::Audit`]); the key is absent otherwise.
//! `help` is left out when a finding has none; `end_line`/`end_column` are the position of the span's end
//! (one past its last character, equal to the start for an empty span). Pretty-printed because people read
//! it in CI logs and diffs, and every JSON reader accepts it; the field set only ever grows within version 1.

use crate::counts::Counts;
use crate::location::locate;
use crate::{Report, TOOL_NAME, TOOL_VERSION};
use serde::Serialize;
use std::io;

/// The format version; bumped only when a field changes meaning or disappears.
const VERSION: u32 = 1;

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    tool: Tool,
    diagnostics: Vec<Diagnostic<'a>>,
    summary: Summary,
    #[serde(skip_serializing_if = "Option::is_none")]
    audit: Option<&'a crate::audit::Audit>,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct Diagnostic<'a> {
    code: &'static str,
    name: &'static str,
    severity: &'static str,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<&'a str>,
    path: &'a str,
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
    related: Vec<Related<'a>>,
}

#[derive(Serialize)]
struct Related<'a> {
    path: &'a str,
    line: u32,
    column: u32,
    message: &'a str,
}

#[derive(Serialize)]
struct Summary {
    files: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
    /// Only when a baseline was given: how many findings it hid (they are not in `diagnostics`).
    #[serde(skip_serializing_if = "Option::is_none")]
    baseline_hidden: Option<usize>,
}

/// Writes the JSON document for `report`.
pub(crate) fn write(report: &Report<'_>, out: &mut dyn io::Write) -> io::Result<()> {
    let document = document(report);
    serde_json::to_writer_pretty(&mut *out, &document)?;
    out.write_all(b"\n")
}

fn document<'a>(report: &Report<'a>) -> Document<'a> {
    let diagnostics = report
        .findings
        .iter()
        .map(|finding| {
            let at = locate(report.files, finding.span);
            Diagnostic {
                code: finding.rule.code,
                name: finding.rule.name,
                severity: finding.severity.as_str(),
                message: &finding.message,
                help: finding.help.as_deref(),
                path: at.path,
                line: at.start.line,
                column: at.start.column,
                end_line: at.end.line,
                end_column: at.end.column,
                related: finding
                    .related
                    .iter()
                    .map(|related| {
                        let at = locate(report.files, related.span);
                        Related {
                            path: at.path,
                            line: at.start.line,
                            column: at.start.column,
                            message: &related.message,
                        }
                    })
                    .collect(),
            }
        })
        .collect();
    let counts = Counts::of(report.findings);
    Document {
        version: VERSION,
        tool: Tool {
            name: TOOL_NAME,
            version: TOOL_VERSION,
        },
        diagnostics,
        summary: Summary {
            files: report.files_checked,
            errors: counts.errors,
            warnings: counts.warnings,
            infos: counts.infos,
            baseline_hidden: report.baseline_hidden.map(<[_]>::len),
        },
        audit: report.audit,
    }
}
