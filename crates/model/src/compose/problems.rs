//! What loading a compose file found wrong beyond YAML syntax: values of the wrong shape, references that
//! resolve to nothing, required variables without a value (errors), and variables used without a value
//! (information).

use shiplint_syntax::Span;

/// How serious a load problem is.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ProblemKind {
    /// Docker Compose would refuse the file (or could not find what it points to).
    Invalid,
    /// A variable used without a value in `.env` and without a default: it becomes an empty string.
    UnsetVariable,
}

/// One load problem.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Its kind.
    pub kind: ProblemKind,
    /// Where it is.
    pub span: Span,
    /// What is wrong, naming the value.
    pub message: String,
}

/// The problems of one load, in the order found.
#[derive(Clone, Debug, Default)]
pub struct Problems {
    /// The problems.
    pub items: Vec<Problem>,
}

impl Problems {
    /// Records an [`ProblemKind::Invalid`] problem.
    pub fn error(&mut self, span: Span, message: impl Into<String>) {
        self.items.push(Problem {
            kind: ProblemKind::Invalid,
            span,
            message: message.into(),
        });
    }

    /// Records an unset variable once per span and name.
    pub fn unset(&mut self, span: Span, name: &str) {
        let message = format!("variable `{name}` is not set in `.env` and has no default");
        if !self
            .items
            .iter()
            .any(|p| p.span == span && p.message == message)
        {
            self.items.push(Problem {
                kind: ProblemKind::UnsetVariable,
                span,
                message,
            });
        }
    }
}
