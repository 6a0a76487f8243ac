//! The typed nginx document: directives with their arguments and blocks, each with byte spans.

use crate::{Span, SyntaxError};

/// One parsed nginx file (its includes are not followed here; the model links them).
#[derive(Clone, Debug, Default)]
pub struct NginxFile {
    /// The top-level directives, in order.
    pub directives: Vec<Directive>,
    /// Every `#` comment, in order (suppressions are read from them).
    pub comments: Vec<Span>,
    /// Where the file stopped following nginx's grammar; parsing resumed after each.
    pub errors: Vec<SyntaxError>,
}

/// A simple (`name args;`) or block (`name args { ... }`) directive.
#[derive(Clone, Debug)]
pub struct Directive {
    /// The directive's name as written (`server`, `ssl_protocols`).
    pub name: Word,
    /// Its arguments, unquoted (escapes kept as nginx keeps them).
    pub args: Vec<Word>,
    /// The block's directives, for block directives.
    pub block: Option<Vec<Directive>>,
    /// From the first byte of the name to the terminating `;` or closing `}` (or where parsing stopped).
    pub span: Span,
}

/// A word: a directive name or an argument.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    /// The value: quotes removed, `\"` inside double quotes (and `\'` inside single ones) unescaped, other
    /// backslash escapes kept as written (nginx resolves them per directive).
    pub value: String,
    /// Where it was written, quotes included.
    pub span: Span,
    /// The quote character around it, if any.
    pub quote: Option<char>,
}

impl Directive {
    /// The name as `&str`.
    pub fn name(&self) -> &str {
        &self.name.value
    }

    /// The `n`th argument's value.
    pub fn arg(&self, n: usize) -> Option<&str> {
        self.args.get(n).map(|w| w.value.as_str())
    }

    /// The block's directives (empty for simple directives).
    pub fn children(&self) -> &[Directive] {
        self.block.as_deref().unwrap_or(&[])
    }

    /// Whether this is a block directive.
    pub fn is_block(&self) -> bool {
        self.block.is_some()
    }

    /// The span of the whole argument list, or of the name when there are no arguments.
    pub fn args_span(&self) -> Span {
        match (self.args.first(), self.args.last()) {
            (Some(first), Some(last)) => first.span.cover(last.span),
            _ => self.name.span,
        }
    }
}

impl NginxFile {
    /// Every directive of the file, depth first, in source order.
    pub fn walk(&self) -> impl Iterator<Item = &Directive> {
        let mut stack: Vec<std::slice::Iter<'_, Directive>> = vec![self.directives.iter()];
        std::iter::from_fn(move || {
            loop {
                let top = stack.last_mut()?;
                match top.next() {
                    Some(directive) => {
                        stack.push(directive.children().iter());
                        return Some(directive);
                    }
                    None => {
                        stack.pop();
                    }
                }
            }
        })
    }

    /// Every span the parser produced (for robustness tests: all must lie inside the text).
    pub fn spans(&self) -> Vec<Span> {
        let mut spans: Vec<Span> = self.comments.clone();
        spans.extend(self.errors.iter().map(|e| e.span));
        for directive in self.walk() {
            spans.push(directive.span);
            spans.push(directive.name.span);
            spans.extend(directive.args.iter().map(|a| a.span));
        }
        spans
    }
}
