//! Heredoc openers on an instruction line (`<<EOF`, `<<-EOF`, `<<"EOF"`, `3<<EOF`), found the way BuildKit
//! finds them: the line is split into shell words and every word that is a whole heredoc operator counts.

use nom::IResult;
use nom::Parser;
use nom::bytes::complete::tag;
use nom::character::complete::{char, digit0};
use nom::combinator::opt;
use std::ops::Range;

/// A heredoc opener found on a line; ranges are byte offsets into that line.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Opener {
    /// The whole word, e.g. `<<-"EOF"`.
    pub token: Range<usize>,
    /// The delimiter as written after `<<` or `<<-`.
    pub name_range: Range<usize>,
    /// The delimiter with quotes and escapes removed: the terminator line must equal it.
    pub name: String,
    pub strip_tabs: bool,
    pub expand: bool,
}

/// Splits `line` into shell words, quotes and escapes kept, returning their ranges. An unterminated quote
/// makes BuildKit's lexer fail, and then no heredoc is recognised on the line: `None`.
fn shell_words(line: &str) -> Option<Vec<Range<usize>>> {
    let mut words = Vec::new();
    let mut start: Option<usize> = None;
    let mut chars = line.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                words.push(s..i);
            }
            continue;
        }
        start.get_or_insert(i);
        match c {
            '\\' => {
                chars.next();
            }
            '\'' => loop {
                match chars.next() {
                    Some((_, '\'')) => break,
                    Some(_) => {}
                    None => return None,
                }
            },
            '"' => loop {
                match chars.next() {
                    Some((_, '"')) => break,
                    Some((_, '\\')) => {
                        chars.next();
                    }
                    Some(_) => {}
                    None => return None,
                }
            },
            '$' if chars.peek().map(|&(_, c)| c) == Some('{') => {
                // `${…}` is one expansion even when it holds spaces.
                for (_, c) in chars.by_ref() {
                    if c == '}' {
                        break;
                    }
                }
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        words.push(s..line.len());
    }
    Some(words)
}

/// `[digits]<<[-]`: the operator in front of a heredoc delimiter.
fn operator(input: &str) -> IResult<&str, bool> {
    let (rest, (_, _, dash)) = (digit0, tag("<<"), opt(char('-'))).parse(input)?;
    Ok((rest, dash.is_some()))
}

/// Removes shell quoting from a delimiter word. Returns the bare word and whether any quote was removed
/// (a quoted delimiter turns expansion off).
fn unquote(word: &str) -> (String, bool) {
    let mut out = String::new();
    let mut quoted = false;
    let mut chars = word.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(n) = chars.next() {
                    out.push(n);
                }
            }
            '\'' => {
                quoted = true;
                for n in chars.by_ref() {
                    if n == '\'' {
                        break;
                    }
                    out.push(n);
                }
            }
            '"' => {
                quoted = true;
                while let Some(n) = chars.next() {
                    match n {
                        '"' => break,
                        '\\' => match chars.next() {
                            Some(e @ ('"' | '\\' | '$')) => out.push(e),
                            Some(e) => {
                                out.push('\\');
                                out.push(e);
                            }
                            None => out.push('\\'),
                        },
                        _ => out.push(n),
                    }
                }
            }
            _ => out.push(c),
        }
    }
    (out, quoted)
}

/// Every heredoc opener on `line`, in order.
pub(super) fn openers(line: &str) -> Vec<Opener> {
    if !line.contains("<<") {
        return Vec::new();
    }
    let Some(words) = shell_words(line) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for token in words {
        let word = line.get(token.clone()).unwrap_or("");
        let Ok((rest, strip_tabs)) = operator(word) else {
            continue;
        };
        if rest.is_empty() || rest.contains('<') {
            continue;
        }
        let (name, quoted) = unquote(rest);
        let name_start = token.end - rest.len();
        found.push(Opener {
            name_range: name_start..token.end,
            token,
            name,
            strip_tabs,
            expand: !quoted,
        });
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(line: &str) -> Vec<(String, bool, bool)> {
        openers(line)
            .into_iter()
            .map(|o| (o.name, o.strip_tabs, o.expand))
            .collect()
    }

    #[test]
    fn finds_every_opener_on_the_line() {
        assert_eq!(
            names("COPY <<A <<-B /dst/"),
            [
                ("A".to_string(), false, true),
                ("B".to_string(), true, true)
            ]
        );
        assert_eq!(
            names("RUN python3 <<EOF"),
            [("EOF".to_string(), false, true)]
        );
        assert_eq!(names("RUN 3<<EOF cat"), [("EOF".to_string(), false, true)]);
    }

    #[test]
    fn quoted_delimiters_turn_expansion_off() {
        assert_eq!(names(r#"RUN <<"EOF""#), [("EOF".to_string(), false, false)]);
        assert_eq!(names("RUN <<-'E O'"), [("E O".to_string(), true, false)]);
        assert_eq!(names(r"RUN <<\EOF"), [("EOF".to_string(), false, true)]);
    }

    #[test]
    fn ignores_operators_inside_words_quotes_and_here_strings() {
        assert!(names(r#"RUN echo "<<EOF""#).is_empty());
        assert!(names("RUN cat<<EOF").is_empty());
        assert!(names("RUN cat <<<EOF").is_empty());
        assert!(names("RUN cat << EOF").is_empty());
        assert!(names("RUN echo 'unterminated <<EOF").is_empty());
    }

    #[test]
    fn token_and_name_ranges_point_into_the_line() {
        let line = r#"RUN <<-"EOF" x"#;
        let o = &openers(line)[0];
        assert_eq!(&line[o.token.clone()], r#"<<-"EOF""#);
        assert_eq!(&line[o.name_range.clone()], r#""EOF""#);
    }
}
