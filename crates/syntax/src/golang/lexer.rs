//! Go's tokens: identifiers, numbers, strings (interpreted and raw), runes, operators, comments, and the
//! semicolons Go inserts at line ends. One pass, linear in the input, total over any text.

use crate::{FileId, Span, SyntaxError};

/// What a token is. Operators and delimiters keep their text in the source; compare with [`Token::text`].
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// An identifier or keyword (`gin`, `func`, `ポート`).
    Ident,
    /// An integer, floating-point or imaginary literal.
    Number,
    /// An interpreted string literal `"..."`.
    String,
    /// A raw string literal `` `...` ``.
    RawString,
    /// A rune literal `'x'`.
    Rune,
    /// An operator or delimiter (`:=`, `(`, `.`).
    Punct,
    /// A `;`, written or inserted at a line end (then its span is empty, at the line break).
    Semi,
    /// A character Go does not allow outside strings and comments (reported as a syntax error).
    Invalid,
}

/// One token with its byte span.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// What it is.
    pub kind: TokenKind,
    /// Where it is.
    pub span: Span,
}

impl Token {
    /// The token's text in `source`.
    pub fn text(self, source: &str) -> &str {
        self.span.text(source)
    }

    /// Whether this is the punctuation `p`.
    pub fn is_punct(self, source: &str, p: &str) -> bool {
        self.kind == TokenKind::Punct && self.text(source) == p
    }

    /// Whether this is the identifier (or keyword) `name`.
    pub fn is_ident(self, source: &str, name: &str) -> bool {
        self.kind == TokenKind::Ident && self.text(source) == name
    }
}

/// The tokens, comments and lexical errors of one file.
#[derive(Clone, Debug, Default)]
pub struct Lexed {
    /// Tokens in order, comments excluded, inserted semicolons included.
    pub tokens: Vec<Token>,
    /// Every comment, `//` to the line end (line break excluded) or `/*` to `*/`.
    pub comments: Vec<Span>,
    /// Unterminated literals and comments, characters Go does not allow.
    pub errors: Vec<SyntaxError>,
}

const OPERATORS: [&str; 47] = [
    "<<=", ">>=", "&^=", "...", "&&", "||", "<-", "++", "--", "==", "!=", "<=", ">=", ":=", "+=",
    "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<", ">>", "&^", "+", "-", "*", "/", "%", "&", "|",
    "^", "<", ">", "=", "!", "(", ")", "[", "]", "{", "}", ",", ".", ":", "~",
];

/// Splits `text` into tokens. Never fails: what Go would reject becomes a [`SyntaxError`] and lexing goes on.
pub fn lex(file: FileId, text: &str) -> Lexed {
    let mut lexer = Lexer {
        file,
        text,
        bytes: text.as_bytes(),
        pos: 0,
        out: Lexed::default(),
    };
    lexer.run();
    lexer.out
}

struct Lexer<'a> {
    file: FileId,
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    out: Lexed,
}

impl Lexer<'_> {
    fn run(&mut self) {
        while self.pos < self.bytes.len() {
            let start = self.pos;
            let byte = self.bytes[start];
            match byte {
                b'\n' => {
                    self.newline(start);
                    self.pos += 1;
                }
                b' ' | b'\t' | b'\r' => self.pos += 1,
                b'/' if self.peek(1) == Some(b'/') => {
                    let end = self.line_end(start);
                    self.out.comments.push(self.span(start, end));
                    self.pos = end;
                }
                b'/' if self.peek(1) == Some(b'*') => self.block_comment(start),
                b'"' => self.interpreted(start, b'"', TokenKind::String, "string"),
                b'\'' => self.interpreted(start, b'\'', TokenKind::Rune, "rune"),
                b'`' => self.raw_string(start),
                b'0'..=b'9' => self.number(start),
                b'.' if self.peek(1).is_some_and(|b| b.is_ascii_digit()) => self.number(start),
                _ => {
                    if let Some(op) = OPERATORS
                        .iter()
                        .find(|op| self.text[start..].starts_with(**op))
                    {
                        self.pos += op.len();
                        let kind = if *op == ";" {
                            TokenKind::Semi
                        } else {
                            TokenKind::Punct
                        };
                        self.push(kind, start, self.pos);
                    } else if byte == b';' {
                        self.pos += 1;
                        self.push(TokenKind::Semi, start, self.pos);
                    } else {
                        self.ident_or_invalid(start);
                    }
                }
            }
        }
        self.newline(self.bytes.len());
    }

    fn peek(&self, ahead: usize) -> Option<u8> {
        self.bytes.get(self.pos + ahead).copied()
    }

    fn span(&self, start: usize, end: usize) -> Span {
        Span::new(self.file, start, end)
    }

    fn push(&mut self, kind: TokenKind, start: usize, end: usize) {
        let span = self.span(start, end);
        self.out.tokens.push(Token { kind, span });
    }

    fn error(&mut self, start: usize, end: usize, message: String) {
        let span = self.span(start, end);
        self.out.errors.push(SyntaxError { span, message });
    }

    fn line_end(&self, from: usize) -> usize {
        self.bytes[from..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(self.bytes.len(), |i| from + i)
    }

    /// Go's rule: a line break after an identifier, literal, `break`/`continue`/`fallthrough`/`return`,
    /// `++`, `--`, `)`, `]` or `}` ends the statement.
    fn newline(&mut self, at: usize) {
        let Some(last) = self.out.tokens.last().copied() else {
            return;
        };
        let text = last.text(self.text);
        let ends = match last.kind {
            TokenKind::Number | TokenKind::String | TokenKind::RawString | TokenKind::Rune => true,
            TokenKind::Ident => true,
            TokenKind::Punct => matches!(text, "++" | "--" | ")" | "]" | "}"),
            TokenKind::Semi | TokenKind::Invalid => false,
        };
        if ends {
            self.push(TokenKind::Semi, at, at);
        }
    }

    fn block_comment(&mut self, start: usize) {
        match self.text[start + 2..].find("*/") {
            Some(i) => {
                let end = start + 2 + i + 2;
                self.out.comments.push(self.span(start, end));
                self.pos = end;
                // A comment holding a line break acts like one.
                if self.text[start..end].contains('\n') {
                    self.newline(start);
                }
            }
            None => {
                let end = self.bytes.len();
                self.out.comments.push(self.span(start, end));
                self.error(
                    start,
                    start + 2,
                    "unterminated comment: `/*` has no `*/`".into(),
                );
                self.pos = end;
            }
        }
    }

    fn interpreted(&mut self, start: usize, quote: u8, kind: TokenKind, what: &str) {
        let mut i = start + 1;
        while i < self.bytes.len() {
            match self.bytes[i] {
                b'\\' if i + 1 < self.bytes.len() && self.bytes[i + 1] != b'\n' => i += 2,
                b'\n' => break,
                b if b == quote => {
                    self.pos = i + 1;
                    self.push(kind, start, self.pos);
                    return;
                }
                _ => i += 1,
            }
        }
        // Unterminated at the line end (or the end of the file): the token runs to there.
        let end = crate::floor_char_boundary(self.text, i.min(self.bytes.len()));
        let end = if end < start + 1 { start + 1 } else { end };
        self.pos = end;
        self.push(kind, start, end);
        self.error(
            start,
            start + 1,
            format!(
                "unterminated {what}: `{}` is not closed on its line",
                quote as char
            ),
        );
    }

    fn raw_string(&mut self, start: usize) {
        match self.bytes[start + 1..].iter().position(|&b| b == b'`') {
            Some(i) => {
                self.pos = start + 1 + i + 1;
                self.push(TokenKind::RawString, start, self.pos);
            }
            None => {
                self.pos = self.bytes.len();
                self.push(TokenKind::RawString, start, self.pos);
                self.error(
                    start,
                    start + 1,
                    "unterminated raw string: \"`\" has no closing \"`\"".into(),
                );
            }
        }
    }

    fn number(&mut self, start: usize) {
        let hex = self.text[start..].starts_with("0x") || self.text[start..].starts_with("0X");
        let mut i = start;
        while i < self.bytes.len() {
            let b = self.bytes[i];
            let exponent_sign = matches!(b, b'+' | b'-')
                && i > start
                && if hex {
                    matches!(self.bytes[i - 1], b'p' | b'P')
                } else {
                    matches!(self.bytes[i - 1], b'e' | b'E')
                };
            if b.is_ascii_alphanumeric() || b == b'_' || b == b'.' || exponent_sign {
                i += 1;
            } else {
                break;
            }
        }
        self.pos = i;
        self.push(TokenKind::Number, start, i);
    }

    fn ident_or_invalid(&mut self, start: usize) {
        let mut end = start;
        for (offset, c) in self.text[start..].char_indices() {
            let ok = if offset == 0 {
                c == '_' || c.is_alphabetic()
            } else {
                c == '_' || c.is_alphanumeric()
            };
            if !ok {
                break;
            }
            end = start + offset + c.len_utf8();
        }
        if end > start {
            self.pos = end;
            self.push(TokenKind::Ident, start, end);
            return;
        }
        let c = self.text[start..].chars().next().unwrap_or('\u{fffd}');
        let end = start + c.len_utf8();
        self.pos = end;
        self.push(TokenKind::Invalid, start, end);
        if c != '\u{feff}' || start != 0 {
            self.error(
                start,
                end,
                format!("unexpected character `{}`", c.escape_debug()),
            );
        }
    }
}

/// The value of a string literal token's text (`"a\tb"` or `` `raw` ``); `None` when an escape is invalid or
/// the literal is not closed.
pub fn unquote(literal: &str) -> Option<String> {
    if let Some(raw) = literal.strip_prefix('`') {
        return raw.strip_suffix('`').map(|s| s.replace('\r', ""));
    }
    let body = literal.strip_prefix('"')?.strip_suffix('"')?;
    let mut out = String::with_capacity(body.len());
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let escaped = match chars.next()? {
            'a' => '\u{7}',
            'b' => '\u{8}',
            'f' => '\u{c}',
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            'v' => '\u{b}',
            '\\' => '\\',
            '"' => '"',
            'x' => char::from(u8::from_str_radix(&take(&mut chars, 2)?, 16).ok()?),
            'u' => char::from_u32(u32::from_str_radix(&take(&mut chars, 4)?, 16).ok()?)?,
            'U' => char::from_u32(u32::from_str_radix(&take(&mut chars, 8)?, 16).ok()?)?,
            d @ '0'..='7' => {
                let rest = take(&mut chars, 2)?;
                char::from(u8::from_str_radix(&format!("{d}{rest}"), 8).ok()?)
            }
            _ => return None,
        };
        out.push(escaped);
    }
    Some(out)
}

fn take(chars: &mut std::str::Chars<'_>, n: usize) -> Option<String> {
    let taken: String = chars.take(n).collect();
    (taken.chars().count() == n).then_some(taken)
}
