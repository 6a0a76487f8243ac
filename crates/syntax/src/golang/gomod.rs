//! `go.mod`: the module path, the `go` version, `require` (line and block forms, `// indirect`) and
//! `replace`. Other directives (`toolchain`, `exclude`, `retract`, `godebug`, `tool`) are accepted and skipped;
//! a line that fits no directive is a [`SyntaxError`].

use crate::{FileId, Span, Spanned, SyntaxError};

/// A parsed `go.mod`.
#[derive(Clone, Debug, Default)]
pub struct GoMod {
    /// The `module` path.
    pub module: Option<Spanned<String>>,
    /// The `go` version.
    pub go: Option<Spanned<String>>,
    /// Every `require`d module.
    pub requires: Vec<Require>,
    /// Every `replace`.
    pub replaces: Vec<Replace>,
    /// Every `//` comment.
    pub comments: Vec<Span>,
    /// Each directive line (a block's lines one by one), for suppressions.
    pub statements: Vec<Span>,
    /// Lines that fit no directive.
    pub errors: Vec<SyntaxError>,
}

/// `require path version`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Require {
    /// The module path.
    pub path: Spanned<String>,
    /// Its version.
    pub version: Spanned<String>,
    /// Marked `// indirect`.
    pub indirect: bool,
    /// The whole line (without the comment).
    pub span: Span,
}

/// `replace old [version] => new [version]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Replace {
    /// The replaced module path.
    pub old: Spanned<String>,
    /// The replacement: a module path, or a directory (starting `./`, `../` or `/`).
    pub new: Spanned<String>,
    /// The replacement's version (none for a directory).
    pub new_version: Option<Spanned<String>>,
    /// The whole line.
    pub span: Span,
}

impl GoMod {
    /// The `require` of module `path`, if any.
    pub fn require(&self, path: &str) -> Option<&Require> {
        self.requires.iter().find(|r| r.path.value == path)
    }
}

/// Parses `go.mod` text. Never fails; linear in the input.
pub fn parse_go_mod(file: FileId, text: &str) -> GoMod {
    let mut out = GoMod::default();
    let mut block: Option<String> = None;
    let mut offset = 0;
    for raw_line in text.split_inclusive('\n') {
        let start = offset;
        offset += raw_line.len();
        let (words, comment) = words(file, raw_line, start);
        if let Some(comment) = comment {
            out.comments.push(comment);
        }
        let Some(first) = words.first() else {
            continue;
        };
        let line_span = first.span.cover(words[words.len() - 1].span);
        let indirect = comment.is_some_and(|c| {
            let body = c.text(text).trim_start_matches('/').trim();
            body == "indirect" || body.starts_with("indirect;")
        });
        if let Some(verb) = &block {
            if first.value == ")" && words.len() == 1 {
                block = None;
                continue;
            }
            let verb = verb.clone();
            out.statements.push(line_span);
            out.directive(&verb, &words, indirect, line_span);
            continue;
        }
        out.statements.push(line_span);
        let verb = first.value.as_str();
        if words.len() == 2 && words[1].value == "(" {
            if KNOWN.contains(&verb) {
                block = Some(verb.to_string());
            } else {
                out.unknown(first);
                block = Some(String::new());
            }
            continue;
        }
        out.directive(verb, &words[1..], indirect, line_span);
    }
    if block.is_some() {
        out.errors.push(SyntaxError {
            span: Span::empty(file, text.len()),
            message: "unterminated block: `(` has no `)`".into(),
        });
    }
    out
}

const KNOWN: [&str; 10] = [
    "module",
    "go",
    "toolchain",
    "require",
    "replace",
    "exclude",
    "retract",
    "godebug",
    "tool",
    "ignore",
];

impl GoMod {
    fn directive(&mut self, verb: &str, args: &[Spanned<String>], indirect: bool, span: Span) {
        match (verb, args) {
            ("", _) => {}
            ("module", [path]) => self.module = Some(path.clone()),
            ("go", [version]) => self.go = Some(version.clone()),
            ("require", [path, version]) => self.requires.push(Require {
                path: path.clone(),
                version: version.clone(),
                indirect,
                span,
            }),
            ("replace", [old, rest @ ..]) => {
                let rest = match rest {
                    [_version, arrow, tail @ ..] if arrow.value == "=>" => tail,
                    [arrow, tail @ ..] if arrow.value == "=>" => tail,
                    _ => &[],
                };
                match rest {
                    [new] => self.replaces.push(Replace {
                        old: old.clone(),
                        new: new.clone(),
                        new_version: None,
                        span,
                    }),
                    [new, version] => self.replaces.push(Replace {
                        old: old.clone(),
                        new: new.clone(),
                        new_version: Some(version.clone()),
                        span,
                    }),
                    _ => self.malformed(verb, span),
                }
            }
            ("toolchain" | "exclude" | "retract" | "godebug" | "tool" | "ignore", [_, ..]) => {}
            (verb, _) if KNOWN.contains(&verb) => self.malformed(verb, span),
            (_, _) => self.malformed(verb, span),
        }
    }

    fn malformed(&mut self, verb: &str, span: Span) {
        let message = if KNOWN.contains(&verb) {
            format!("malformed `{verb}` line")
        } else {
            format!("unknown directive `{verb}`")
        };
        self.errors.push(SyntaxError { span, message });
    }

    fn unknown(&mut self, word: &Spanned<String>) {
        self.errors.push(SyntaxError {
            span: word.span,
            message: format!("unknown directive `{}`", word.value),
        });
    }
}

/// A line's words (quoted strings unquoted) and its `//` comment.
fn words(file: FileId, line: &str, base: usize) -> (Vec<Spanned<String>>, Option<Span>) {
    let mut out = Vec::new();
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b' ' | b'\t' | b'\r' | b'\n' => i += 1,
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                let end = line.trim_end_matches(['\n', '\r']).len().max(i);
                return (out, Some(Span::new(file, base + i, base + end)));
            }
            quote @ (b'"' | b'`') => {
                let close = bytes[i + 1..]
                    .iter()
                    .position(|&b| b == quote || b == b'\n');
                let end = close
                    .map_or(bytes.len(), |c| i + 1 + c + 1)
                    .min(bytes.len());
                let literal = &line[i..end];
                let value = super::lexer::unquote(literal).unwrap_or_else(|| literal.to_string());
                out.push(Spanned::new(value, Span::new(file, base + i, base + end)));
                i = end;
            }
            _ => {
                let end = bytes[i..]
                    .iter()
                    .position(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
                    .map_or(bytes.len(), |p| i + p);
                // A comment glued to a word (`v1.0.0//x`) still starts a comment.
                let end = line[i..end].find("//").map_or(end, |p| i + p).max(i + 1);
                let end = crate::floor_char_boundary(line, end);
                let end = if end <= i {
                    i + line[i..].chars().next().map_or(1, char::len_utf8)
                } else {
                    end
                };
                out.push(Spanned::new(
                    line[i..end].to_string(),
                    Span::new(file, base + i, base + end),
                ));
                i = end;
            }
        }
    }
    (out, None)
}
