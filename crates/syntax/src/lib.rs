//! shiplint_syntax: positions and one parser per file format.
//!
//! Owns [`Span`], [`FileId`], [`SourceFile`] with its [`LineIndex`], and the parsers that turn text into typed
//! documents plus syntax errors. Everything here is a pure function of its input: no I/O, no clock.

pub mod dockerfile;
pub mod golang;
pub mod nginx;
pub mod pem;
mod source;
mod span;

pub use source::{LineCol, LineIndex, SourceFile, floor_char_boundary};
pub use span::{FileId, Span, Spanned};

/// A place where a file stopped following its grammar. The parser recovers after it and goes on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    /// Where the error is: the smallest span that shows it (often the offending token).
    pub span: Span,
    /// What is wrong, lower-case, naming the offending text in backticks.
    pub message: String,
}
pub mod yaml;
