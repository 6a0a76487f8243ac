//! The nginx configuration parser: nginx's grammar (directives, blocks, quoted strings with escapes,
//! `$var`/`${var}`, comments, raw `*_by_lua_block` bodies, `if (...)` conditions), byte spans on every
//! directive and argument, recovery after errors, a nesting limit, and crossplane's JSON shape for
//! `shiplint debug dump`.

mod ast;
mod dump;
mod lexer;
mod parser;

pub use ast::{Directive, NginxFile, Word};
pub use dump::crossplane_json;
pub use parser::{MAX_DEPTH, parse};

#[cfg(test)]
mod tests;
