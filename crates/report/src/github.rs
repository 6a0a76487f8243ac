//! GitHub Actions workflow commands: one annotation line per finding.
//!
//! ```text
//! ::warning file=Dockerfile,line=1,col=6,endLine=1,endColumn=17,title=DKR001 single-stage-build::the final stage …%0Ahelp: …
//! ```
//! The level is `error`, `warning` or `notice` (for info). Positions are those of the JSON format. The help,
//! when there is one, follows the message on a second annotation line (`%0A`), since GitHub shows only the
//! message. Related locations have no place in an annotation and are left out.

use crate::Report;
use crate::location::locate;
use crate::message::with_help;
use shiplint_lint::Severity;
use std::io;

/// Writes one workflow command per finding.
pub(crate) fn write(report: &Report<'_>, out: &mut dyn io::Write) -> io::Result<()> {
    for finding in report.findings {
        let at = locate(report.files, finding.span);
        let level = match finding.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let title = format!("{} {}", finding.rule.code, finding.rule.name);
        writeln!(
            out,
            "::{level} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            escape_property(at.path),
            at.start.line,
            at.start.column,
            at.end.line,
            at.end.column,
            escape_property(&title),
            escape_data(&with_help(finding)),
        )?;
    }
    Ok(())
}

/// Escapes a command's message the way the Actions runner unescapes it: `%`, CR and LF.
fn escape_data(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => escaped.push_str("%25"),
            '\r' => escaped.push_str("%0D"),
            '\n' => escaped.push_str("%0A"),
            _ => escaped.push(c),
        }
    }
    escaped
}

/// Escapes a property value: as [`escape_data`], plus `:` and `,`, which would end the value.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_escapes_percent_and_line_breaks_only() {
        assert_eq!(escape_data("50% a:b,c\r\nd"), "50%25 a:b,c%0D%0Ad");
    }

    #[test]
    fn properties_also_escape_colon_and_comma() {
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }
}
