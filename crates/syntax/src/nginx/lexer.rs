//! Tokens of nginx's configuration grammar, with byte spans: words (bare or quoted), `{`, `}`, `;`, and the
//! raw bodies of `*_by_lua_block` directives. Comments are collected on the side.
//!
//! White space is what nginx itself skips (space, tab, CR, LF). A backslash escapes the next character
//! everywhere; inside quotes only an escaped quote of the same kind is unescaped, as nginx does.

use super::ast::Word;
use crate::{FileId, Span, SyntaxError};
use nom::IResult;
use nom::Parser;
use nom::bytes::complete::take_while;
use nom::character::complete::char as one_char;
use nom::combinator::recognize;
use nom::sequence::pair;

/// One token.
#[derive(Clone, Debug)]
pub(crate) enum Token {
    /// A bare or quoted word.
    Word(Word),
    /// `{` at this offset.
    Open(usize),
    /// `}` at this offset.
    Close(usize),
    /// `;` at this offset.
    Semi(usize),
}

pub(crate) struct Lexer<'a> {
    file: FileId,
    text: &'a str,
    pos: usize,
    pub(crate) comments: Vec<Span>,
    pub(crate) errors: Vec<SyntaxError>,
}

pub(crate) fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\r' | '\n')
}

/// A comment: `#` up to the end of the line (the line break excluded).
fn comment(input: &str) -> IResult<&str, &str> {
    recognize(pair(one_char('#'), take_while(|c| c != '\n'))).parse(input)
}

impl<'a> Lexer<'a> {
    pub(crate) fn new(file: FileId, text: &'a str) -> Self {
        let mut lexer = Lexer {
            file,
            text,
            pos: 0,
            comments: Vec::new(),
            errors: Vec::new(),
        };
        // nginx reads a byte order mark as part of the first directive's name and fails; report it, then
        // skip it so the rest is still checked.
        if text.starts_with('\u{feff}') {
            lexer.error(
                0,
                3,
                "the file starts with a byte order mark, which nginx reads as part of the first directive"
                    .to_string(),
            );
            lexer.pos = 3;
        }
        lexer
    }

    pub(crate) fn offset(&self) -> usize {
        self.pos
    }

    pub(crate) fn len(&self) -> usize {
        self.text.len()
    }

    pub(crate) fn span(&self, start: usize, end: usize) -> Span {
        Span::new(self.file, start, end)
    }

    pub(crate) fn error(&mut self, start: usize, end: usize, message: String) {
        let span = self.span(start, end);
        self.errors.push(SyntaxError { span, message });
    }

    fn rest(&self) -> &'a str {
        self.text.get(self.pos..).unwrap_or("")
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    /// Skips white space and comments.
    fn skip_trivia(&mut self) {
        loop {
            let rest = self.rest();
            let trimmed = rest.trim_start_matches(is_space);
            self.pos += rest.len() - trimmed.len();
            match comment(trimmed) {
                Ok((after, found)) => {
                    self.comments
                        .push(self.span(self.pos, self.pos + found.len()));
                    self.pos += trimmed.len() - after.len();
                }
                Err(_) => return,
            }
        }
    }

    /// The next token, or `None` at the end of the text.
    pub(crate) fn next_token(&mut self) -> Option<Token> {
        self.skip_trivia();
        let start = self.pos;
        let c = self.peek()?;
        match c {
            '{' | '}' | ';' => {
                self.pos += 1;
                Some(match c {
                    '{' => Token::Open(start),
                    '}' => Token::Close(start),
                    _ => Token::Semi(start),
                })
            }
            '"' | '\'' => Some(Token::Word(self.quoted(c))),
            _ => Some(Token::Word(self.bare())),
        }
    }

    /// A bare word: up to white space, `{`, `}` or `;`. `${name}` is part of the word.
    fn bare(&mut self) -> Word {
        let start = self.pos;
        let mut value = String::new();
        let mut chars = self.rest().chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\\' => {
                    value.push(c);
                    if let Some(next) = chars.next() {
                        value.push(next);
                    }
                }
                '{' if value.ends_with('$') => {
                    value.push(c);
                    while let Some(&next) = chars.peek() {
                        if is_space(next) || next == ';' {
                            break;
                        }
                        chars.next();
                        value.push(next);
                        if next == '}' {
                            break;
                        }
                    }
                }
                c if is_space(c) || matches!(c, '{' | '}' | ';') => break,
                c => value.push(c),
            }
        }
        // A bare word's value is exactly its source text.
        self.pos = start + value.len();
        Word {
            value,
            span: self.span(start, self.pos),
            quote: None,
        }
    }

    /// A quoted word starting at the quote `quote`.
    fn quoted(&mut self, quote: char) -> Word {
        let start = self.pos;
        let mut value = String::new();
        let mut chars = self.rest().char_indices().skip(1);
        let mut end = None;
        while let Some((i, c)) = chars.next() {
            match c {
                '\\' => match chars.next() {
                    Some((_, next)) if next == quote => value.push(next),
                    Some((_, next)) => {
                        value.push(c);
                        value.push(next);
                    }
                    None => value.push(c),
                },
                c if c == quote => {
                    end = Some(start + i + 1);
                    break;
                }
                c => value.push(c),
            }
        }
        let end = match end {
            Some(end) => end,
            None => {
                self.error(start, start + 1, format!("unterminated `{quote}` string"));
                self.text.len()
            }
        };
        self.pos = end;
        // nginx wants a separator right after a closing quote; `)` (ending an `if` condition) starts a word.
        if let Some(next) = self.peek()
            && !is_space(next)
            && !matches!(next, '{' | '}' | ';' | ')')
        {
            self.error(
                end,
                end + next.len_utf8(),
                format!("unexpected `{next}` after a quoted string"),
            );
        }
        Word {
            value,
            span: self.span(start, end),
            quote: Some(quote),
        }
    }

    /// After a `*_by_lua_block` name: the raw Lua text between `{` and its matching `}`, if a `{` follows.
    /// Lua strings and `--` comments are skipped when counting braces.
    pub(crate) fn lua_body(&mut self) -> Option<Word> {
        let rest = self.rest();
        let trimmed = rest.trim_start_matches(is_space);
        if !trimmed.starts_with('{') {
            return None;
        }
        let open = self.pos + (rest.len() - trimmed.len());
        let body_start = open + 1;
        let body = self.text.get(body_start..).unwrap_or("");
        let bytes = body.as_bytes();
        let mut depth = 1usize;
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\\' => i += 1,
                b'-' if bytes.get(i + 1) == Some(&b'-') => {
                    while i < bytes.len() && bytes[i] != b'\n' {
                        i += 1;
                    }
                    continue;
                }
                quote @ (b'"' | b'\'') => {
                    i += 1;
                    while i < bytes.len() && bytes[i] != quote {
                        if bytes[i] == b'\\' {
                            i += 1;
                        }
                        i += 1;
                    }
                }
                b'{' => depth += 1,
                b'}' => {
                    depth -= 1;
                    if depth == 0 {
                        let end = body_start + i;
                        self.pos = end + 1;
                        return Some(Word {
                            value: body.get(..i).unwrap_or("").to_string(),
                            span: self.span(body_start, end),
                            quote: None,
                        });
                    }
                }
                _ => {}
            }
            i += 1;
        }
        self.error(
            open,
            open + 1,
            "unexpected end of file in a Lua block, expecting `}`".to_string(),
        );
        self.pos = self.text.len();
        Some(Word {
            value: body.to_string(),
            span: self.span(body_start, self.text.len()),
            quote: None,
        })
    }
}
