//! The outline of a Go source file read from its tokens: the build constraint, the package clause, the
//! imports, and the top-level functions and constants/variables with the token ranges of their parts. No
//! expression grammar: the model reads the call patterns it needs from the token ranges.

use super::lexer::{Lexed, Token, TokenKind, lex, unquote};
use crate::{FileId, Span, Spanned, SyntaxError};
use std::ops::Range;

/// One Go source file: tokens plus the outline the model reads.
#[derive(Clone, Debug, Default)]
pub struct GoFile {
    /// Every token (comments excluded, inserted semicolons included).
    pub tokens: Vec<Token>,
    /// For each token: the index of the bracket closing it when it opens one (`(`, `[`, `{`), else its own
    /// index; an opener never closed points at `tokens.len()`.
    pub closing: Vec<u32>,
    /// Every comment.
    pub comments: Vec<Span>,
    /// The `//go:build` expression, when the file has one before its package clause.
    pub build_constraint: Option<Spanned<String>>,
    /// The package name (`main`).
    pub package: Option<Spanned<String>>,
    /// The import specs in order.
    pub imports: Vec<Import>,
    /// Top-level functions and methods.
    pub funcs: Vec<FuncDecl>,
    /// Top-level `const` and `var` names with their value expressions.
    pub values: Vec<ValueSpec>,
    /// Statements for suppressions: runs of tokens between `;` (written or implied by a line end), `{` and
    /// `}`, so a comment above `r.Run(addr)` covers that call and one above `func main() {` its header.
    pub statements: Vec<Span>,
    /// Unterminated literals and comments, characters Go does not allow, a missing package clause.
    pub errors: Vec<SyntaxError>,
}

/// One import spec: `"path"`, `alias "path"`, `_ "path"` or `. "path"`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Import {
    /// The import path, unquoted, spanning the quoted literal.
    pub path: Spanned<String>,
    /// The name written before the path (`_`, `.` or an identifier).
    pub alias: Option<Spanned<String>>,
    /// The whole spec.
    pub span: Span,
}

impl Import {
    /// The name the file refers to the package by: the alias, else the path's last element (with a
    /// `/vN` major-version suffix skipped, as `gopkg.in/yaml.v3` and `.../v2` are named by their package).
    pub fn name(&self) -> &str {
        if let Some(alias) = &self.alias {
            return &alias.value;
        }
        let mut parts = self.path.value.rsplit('/');
        let last = parts.next().unwrap_or("");
        let is_major = last.len() > 1
            && last.starts_with('v')
            && last[1..].bytes().all(|b| b.is_ascii_digit());
        let last = if is_major {
            parts.next().unwrap_or(last)
        } else {
            last
        };
        last.split('.').next().unwrap_or(last)
    }
}

/// A top-level `func`, as token index ranges into [`GoFile::tokens`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FuncDecl {
    /// The function's name.
    pub name: Spanned<String>,
    /// Whether it is a method (has a receiver).
    pub method: bool,
    /// The tokens inside the parameter list's parentheses.
    pub params: Range<usize>,
    /// The tokens of the result type(s), between the parameters and the body.
    pub results: Range<usize>,
    /// The tokens inside the body's braces, when it has one.
    pub body: Option<Range<usize>>,
    /// From `func` to the body's closing brace.
    pub span: Span,
}

/// One name of a top-level `const` or `var` spec.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValueSpec {
    /// The declared name.
    pub name: Spanned<String>,
    /// `const` rather than `var`.
    pub constant: bool,
    /// The tokens of the type, when written.
    pub type_tokens: Range<usize>,
    /// The tokens of this name's value expression, when it has one.
    pub value: Option<Range<usize>>,
}

/// Reads the outline of Go source `text`. Never fails and never panics; linear in the input.
pub fn parse(file: FileId, text: &str) -> GoFile {
    let Lexed {
        tokens,
        comments,
        mut errors,
    } = lex(file, text);
    let closing = match_brackets(&tokens, text);
    let build_constraint = build_constraint(&comments, &tokens, text);
    let mut outline = GoFile {
        tokens,
        closing,
        comments,
        build_constraint,
        ..GoFile::default()
    };
    outline.read_decls(text);
    outline.statements = statements(&outline.tokens, text);
    if outline.package.is_none() && !outline.tokens.is_empty() {
        let first = outline.tokens[0].span;
        errors.push(SyntaxError {
            span: first,
            message: format!("expected `package` clause, found `{}`", first.text(text)),
        });
    }
    outline.errors = errors;
    outline
}

fn match_brackets(tokens: &[Token], text: &str) -> Vec<u32> {
    let mut closing: Vec<u32> = (0..tokens.len() as u32).collect();
    // Open brackets (token index, kind), and per kind the positions in `open` of that kind: a closer finds
    // its opener in constant time, so stray closers cannot make this quadratic.
    let mut open: Vec<(usize, usize)> = Vec::new();
    let mut by_kind: [Vec<usize>; 3] = Default::default();
    for (i, token) in tokens.iter().enumerate() {
        if token.kind != TokenKind::Punct {
            continue;
        }
        let (kind, opens) = match token.text(text) {
            "(" => (0, true),
            "[" => (1, true),
            "{" => (2, true),
            ")" => (0, false),
            "]" => (1, false),
            "}" => (2, false),
            _ => continue,
        };
        if opens {
            by_kind[kind].push(open.len());
            open.push((i, kind));
            continue;
        }
        // A stray closer is skipped; a closer matching an outer opener also closes the unclosed inner ones.
        let Some(&at) = by_kind[kind].last() else {
            continue;
        };
        for (opener, opener_kind) in open.drain(at..) {
            by_kind[opener_kind].pop();
            closing[opener] = i as u32;
        }
    }
    for (i, _) in open {
        closing[i] = tokens.len() as u32;
    }
    closing
}

fn statements(tokens: &[Token], text: &str) -> Vec<Span> {
    let mut runs = Vec::new();
    let mut run: Option<Span> = None;
    for token in tokens {
        if token.kind == TokenKind::Semi || token.is_punct(text, "{") || token.is_punct(text, "}") {
            runs.extend(run.take());
        } else {
            run = Some(run.map_or(token.span, |r| r.cover(token.span)));
        }
    }
    runs.extend(run);
    runs
}

fn build_constraint(comments: &[Span], tokens: &[Token], text: &str) -> Option<Spanned<String>> {
    let package_at = tokens.first().map_or(text.len() as u32, |t| t.span.start);
    comments
        .iter()
        .take_while(|c| c.start < package_at)
        .find_map(|c| {
            let expr = c.text(text).strip_prefix("//go:build")?;
            (expr.is_empty() || expr.starts_with([' ', '\t']))
                .then(|| Spanned::new(expr.trim().to_string(), *c))
        })
}

impl GoFile {
    /// The token at `i`, if any.
    pub fn token(&self, i: usize) -> Option<Token> {
        self.tokens.get(i).copied()
    }

    /// The index one past the bracket opened at `i` is closed (`i + 1` when `i` opens nothing).
    pub fn after_closing(&self, i: usize) -> usize {
        self.closing.get(i).map_or(i + 1, |&c| c as usize + 1)
    }

    /// The span from token `range.start` to the end of token `range.end - 1` (empty when the range is).
    pub fn span_of(&self, range: Range<usize>) -> Option<Span> {
        let first = self.tokens.get(range.start)?;
        let last_index = range.end.min(self.tokens.len()).checked_sub(1)?;
        let last = self.tokens.get(last_index)?;
        (range.start <= last_index).then(|| first.span.cover(last.span))
    }

    fn read_decls(&mut self, text: &str) {
        let mut i = 0;
        let n = self.tokens.len();
        while i < n {
            let token = self.tokens[i];
            if token.kind != TokenKind::Ident {
                i = self.after_closing(i);
                continue;
            }
            match token.text(text) {
                "package" if self.package.is_none() => {
                    if let Some(name) = self.token(i + 1).filter(|t| t.kind == TokenKind::Ident) {
                        self.package = Some(Spanned::new(name.text(text).to_string(), name.span));
                    }
                    i += 2;
                }
                "import" => i = self.read_import(i + 1, text),
                "func" => i = self.read_func(i, text),
                kw @ ("const" | "var") => i = self.read_values(i + 1, kw == "const", text),
                _ => i = self.after_closing(i),
            }
        }
    }

    fn read_import(&mut self, i: usize, text: &str) -> usize {
        match self.token(i) {
            Some(t) if t.is_punct(text, "(") => {
                let end = self.closing[i] as usize;
                let mut j = i + 1;
                while j < end.min(self.tokens.len()) {
                    j = self.read_import_spec(j, end, text);
                }
                self.after_closing(i)
            }
            Some(_) => self.read_import_spec(i, self.tokens.len(), text),
            None => i,
        }
    }

    /// One spec starting at `i` (stops before `end`); returns the index after it and its semicolon.
    fn read_import_spec(&mut self, i: usize, end: usize, text: &str) -> usize {
        let mut j = i;
        let mut alias = None;
        if let Some(t) = self
            .token(j)
            .filter(|t| j < end && (t.kind == TokenKind::Ident || t.is_punct(text, ".")))
        {
            alias = Some(Spanned::new(t.text(text).to_string(), t.span));
            j += 1;
        }
        if let Some(t) = self
            .token(j)
            .filter(|t| j < end && matches!(t.kind, TokenKind::String | TokenKind::RawString))
        {
            if let Some(path) = unquote(t.text(text)) {
                let start = alias.as_ref().map_or(t.span, |a: &Spanned<String>| a.span);
                self.imports.push(Import {
                    path: Spanned::new(path, t.span),
                    alias,
                    span: start.cover(t.span),
                });
            }
            j += 1;
        }
        // Skip to the end of the spec.
        while j < end && self.token(j).is_some_and(|t| t.kind != TokenKind::Semi) {
            j = self.after_closing(j);
        }
        (j + 1).max(i + 1)
    }

    fn read_func(&mut self, func_at: usize, text: &str) -> usize {
        let mut j = func_at + 1;
        let mut method = false;
        if self.token(j).is_some_and(|t| t.is_punct(text, "(")) {
            method = true;
            j = self.after_closing(j);
        }
        let Some(name) = self.token(j).filter(|t| t.kind == TokenKind::Ident) else {
            return j.max(func_at + 1);
        };
        j += 1;
        if self.token(j).is_some_and(|t| t.is_punct(text, "[")) {
            j = self.after_closing(j);
        }
        if !self.token(j).is_some_and(|t| t.is_punct(text, "(")) {
            return j;
        }
        let params = j + 1..(self.closing[j] as usize).min(self.tokens.len());
        j = self.after_closing(j);
        let results_start = j;
        while let Some(t) = self.token(j) {
            if t.kind == TokenKind::Semi || t.is_punct(text, "{") {
                break;
            }
            j = self.after_closing(j);
        }
        let results = results_start..j.min(self.tokens.len());
        let mut body = None;
        let mut last = j.saturating_sub(1);
        if self.token(j).is_some_and(|t| t.is_punct(text, "{")) {
            let close = self.closing[j] as usize;
            body = Some(j + 1..close.min(self.tokens.len()));
            last = close.min(self.tokens.len().saturating_sub(1));
            j = self.after_closing(j);
        }
        let span = self
            .span_of(func_at..last + 1)
            .unwrap_or(self.tokens[func_at].span);
        self.funcs.push(FuncDecl {
            name: Spanned::new(name.text(text).to_string(), name.span),
            method,
            params,
            results,
            body,
            span,
        });
        j
    }

    fn read_values(&mut self, i: usize, constant: bool, text: &str) -> usize {
        match self.token(i) {
            Some(t) if t.is_punct(text, "(") => {
                let end = (self.closing[i] as usize).min(self.tokens.len());
                let mut j = i + 1;
                while j < end {
                    j = self.read_value_spec(j, end, constant, text);
                }
                self.after_closing(i)
            }
            Some(_) => self.read_value_spec(i, self.tokens.len(), constant, text),
            None => i,
        }
    }

    /// `a, b T = x, y` up to its semicolon (or `end`); returns the index after the semicolon.
    fn read_value_spec(&mut self, i: usize, end: usize, constant: bool, text: &str) -> usize {
        let mut names = Vec::new();
        let mut j = i;
        while let Some(t) = self
            .token(j)
            .filter(|t| j < end && t.kind == TokenKind::Ident)
        {
            names.push(Spanned::new(t.text(text).to_string(), t.span));
            j += 1;
            if self
                .token(j)
                .is_some_and(|t| j < end && t.is_punct(text, ","))
            {
                j += 1;
            } else {
                break;
            }
        }
        let type_start = j;
        while j < end
            && self
                .token(j)
                .is_some_and(|t| t.kind != TokenKind::Semi && !t.is_punct(text, "="))
        {
            j = self.after_closing(j);
        }
        let type_tokens = type_start..j.min(end);
        let mut values = Vec::new();
        if self
            .token(j)
            .is_some_and(|t| j < end && t.is_punct(text, "="))
        {
            j += 1;
            let mut start = j;
            while j < end && self.token(j).is_some_and(|t| t.kind != TokenKind::Semi) {
                if self.tokens[j].is_punct(text, ",") {
                    values.push(start..j);
                    start = j + 1;
                }
                j = self.after_closing(j);
            }
            values.push(start..j.min(end));
        }
        let same_count = values.len() == names.len();
        for (k, name) in names.into_iter().enumerate() {
            let value = if same_count {
                values.get(k).cloned()
            } else {
                None
            };
            self.values.push(ValueSpec {
                name,
                constant,
                type_tokens: type_tokens.clone(),
                value,
            });
        }
        (j + 1).max(i + 1)
    }
}
