//! One finding: a rule, a primary span, a message, help, and related spans (same file or others).

use crate::Severity;
use crate::rule::RuleMeta;
use shiplint_syntax::Span;

/// A problem found by a rule, anchored on a span.
#[derive(Clone, Debug)]
pub struct Finding {
    /// The rule that found it.
    pub rule: &'static RuleMeta,
    /// Its severity after configuration overrides.
    pub severity: Severity,
    /// The primary location.
    pub span: Span,
    /// What is wrong: lower-case start, offending value in backticks, no trailing period.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
    /// Other locations that explain the finding (may be in other files).
    pub related: Vec<Related>,
}

/// A secondary location and why it matters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Related {
    /// Where.
    pub span: Span,
    /// Why it is shown.
    pub message: String,
}

impl Finding {
    /// A finding of `rule` at its default severity.
    pub fn new(rule: &'static RuleMeta, span: Span, message: impl Into<String>) -> Finding {
        Finding {
            rule,
            severity: rule.severity,
            span,
            message: message.into(),
            help: None,
            related: Vec::new(),
        }
    }

    /// Adds a related location.
    pub fn label(&mut self, span: Span, message: impl Into<String>) -> &mut Finding {
        self.related.push(Related {
            span,
            message: message.into(),
        });
        self
    }

    /// Sets the help text.
    pub fn help(&mut self, help: impl Into<String>) -> &mut Finding {
        self.help = Some(help.into());
        self
    }

    /// The order findings are reported in: file, offset, code, then message for ties.
    pub fn sort_key(&self) -> (shiplint_syntax::FileId, u32, u32, &'static str, &str) {
        (
            self.span.file,
            self.span.start,
            self.span.end,
            self.rule.code,
            &self.message,
        )
    }
}
