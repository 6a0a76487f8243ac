//! The one-string form of a finding's message, for formats that have no separate place for help.

use shiplint_lint::Finding;

/// The message, then the help on its own line as `help: ...` when there is one.
///
/// SARIF viewers (GitHub code scanning among them) and GitHub annotations show only the message, so the
/// help, which says how to fix this very finding, would otherwise be lost there.
pub(crate) fn with_help(finding: &Finding) -> String {
    match &finding.help {
        Some(help) => format!("{}\nhelp: {}", finding.message, help),
        None => finding.message.clone(),
    }
}
