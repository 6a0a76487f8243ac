//! A light Go scanner, not a Go parser: tokens (comments, strings, runes, numbers, semicolon insertion), the
//! package clause, the imports, and the outline of top-level functions and constants/variables, enough for the
//! model to find gin engines, `SetMode` calls, listen addresses and environment reads. Also `go.mod`.
//!
//! Total over any input: never panics, never loops, linear time; what Go would reject lexically (an
//! unterminated string or comment, a stray character) is a [`crate::SyntaxError`] and scanning goes on.

mod file;
mod gomod;
mod lexer;

pub use file::{FuncDecl, GoFile, Import, ValueSpec, parse};
pub use gomod::{GoMod, Replace, Require, parse_go_mod};
pub use lexer::{Token, TokenKind, unquote};

#[cfg(test)]
mod tests;
