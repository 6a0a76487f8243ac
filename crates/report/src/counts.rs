//! Findings counted by severity, for the text summary line and the JSON summary.

use shiplint_lint::{Finding, Severity};

/// How many findings there are of each severity.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Counts {
    /// Findings at `error`.
    pub errors: usize,
    /// Findings at `warning`.
    pub warnings: usize,
    /// Findings at `info`.
    pub infos: usize,
}

impl Counts {
    /// Counts `findings` by their (configured) severity.
    pub fn of(findings: &[Finding]) -> Counts {
        let mut counts = Counts::default();
        for finding in findings {
            match finding.severity {
                Severity::Error => counts.errors += 1,
                Severity::Warning => counts.warnings += 1,
                Severity::Info => counts.infos += 1,
            }
        }
        counts
    }

    /// Whether nothing was found.
    pub fn is_empty(self) -> bool {
        self.errors + self.warnings + self.infos == 0
    }
}
