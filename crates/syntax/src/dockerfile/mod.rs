//! The Dockerfile parser: BuildKit's grammar (directives, continuations, heredocs, JSON vs shell form),
//! error recovery at instruction boundaries, and a printer for BuildKit's parse-tree test format.

mod ast;
mod dump;
mod parser;

pub use ast::*;
pub use dump::buildkit_tree;
pub use parser::parse;
