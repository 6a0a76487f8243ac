//! `.env` and `env_file` contents: `KEY=VALUE` lines as Docker Compose reads them.
//!
//! `export ` prefixes, `#` comment lines, inline comments after an unquoted value, single quotes (literal but
//! for `\'`), double quotes (escapes `\n`, `\t`, `\"`, `\\`, `\$` and interpolation) and unquoted values
//! (interpolated with the variables known so far). A line with a key and no `=` names a variable without a
//! value. tests/compose-oracle/dotenv holds crafted cases that CI compares with Docker Compose.

use super::interpolate::interpolate;
use std::collections::BTreeMap;

/// One variable of an env file, in file order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EnvLine {
    /// The variable name.
    pub key: String,
    /// Its value; `None` for a bare `KEY` line.
    pub value: Option<String>,
    /// 1-based line number.
    pub line: usize,
}

/// Parses an env file, with what makes Docker Compose refuse it (`line N: what`): a quoted value that is
/// never closed, a key with a space in it. `outer` holds the variables interpolation may read besides the
/// file's own.
pub fn parse(text: &str, outer: &BTreeMap<String, String>) -> (Vec<EnvLine>, Vec<String>) {
    let mut known = outer.clone();
    let mut lines = Vec::new();
    let mut errors = Vec::new();
    let mut remaining = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut number = 0;
    while !remaining.is_empty() {
        number += 1;
        let (line, rest) = remaining.split_once('\n').unwrap_or((remaining, ""));
        remaining = rest;
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let trimmed = trimmed
            .strip_prefix("export ")
            .map_or(trimmed, str::trim_start);
        let Some((key, raw)) = trimmed.split_once('=') else {
            lines.push(EnvLine {
                key: trimmed.to_string(),
                value: None,
                line: number,
            });
            continue;
        };
        let key = key.trim().to_string();
        let first_line = number;
        if key.contains(char::is_whitespace) {
            errors.push(format!("line {number}: key `{key}` contains a space"));
        }
        let raw = raw.trim_start();
        let unterminated = |quote: char| {
            format!("line {first_line}: quoted value opened with {quote} is never closed")
        };
        let value = if let Some(body) = raw.strip_prefix('\'') {
            let (text, closed) = quoted(body, '\'', &mut remaining, &mut number);
            if !closed {
                errors.push(unterminated('\''));
            }
            text.replace("\\'", "'")
        } else if let Some(body) = raw.strip_prefix('"') {
            let (text, closed) = quoted(body, '"', &mut remaining, &mut number);
            if !closed {
                errors.push(unterminated('"'));
            }
            interpolate(&unescape(&text), &known).value
        } else {
            let value = match raw.find(" #") {
                Some(cut) => &raw[..cut],
                None => raw,
            };
            interpolate(value.trim_end(), &known).value
        };
        known.insert(key.clone(), value.clone());
        lines.push(EnvLine {
            key,
            value: Some(value),
            line: first_line,
        });
    }
    (lines, errors)
}

/// The text of a quoted value up to its closing quote, which may be on a later line.
fn quoted(body: &str, quote: char, remaining: &mut &str, number: &mut usize) -> (String, bool) {
    let mut text = String::new();
    let mut current = body.trim_end_matches('\r').to_string();
    loop {
        if let Some(end) = closing(&current, quote) {
            text.push_str(&current[..end]);
            return (text, true);
        }
        text.push_str(&current);
        if remaining.is_empty() {
            return (text, false);
        }
        text.push('\n');
        let (line, rest) = remaining.split_once('\n').unwrap_or((remaining, ""));
        *remaining = rest;
        *number += 1;
        current = line.trim_end_matches('\r').to_string();
    }
}

fn closing(text: &str, quote: char) -> Option<usize> {
    let mut escaped = false;
    for (i, c) in text.char_indices() {
        if escaped {
            escaped = false;
        } else if c == '\\' && (quote == '"' || text[i + 1..].starts_with('\'')) {
            // Double quotes escape any character; single quotes only themselves.
            escaped = true;
        } else if c == quote {
            return Some(i);
        }
    }
    None
}

fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some(other @ ('"' | '\\')) => out.push(other),
            // `$$` is interpolation's literal dollar: an escaped `$` starts no variable.
            Some('$') => out.push_str("$$"),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// The variables of an env file as a map (later lines win; bare keys are left out).
pub fn to_map(lines: &[EnvLine]) -> BTreeMap<String, String> {
    lines
        .iter()
        .filter_map(|l| l.value.clone().map(|v| (l.key.clone(), v)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn env_file_forms() {
        let text = "# comment\nexport A=1\nB = two # note\nC='$A lit'\nD=\"x\\ny $A\"\nE=${A}-${MISSING:-d}\nBARE\nF=\"multi\nline\"\nG=\n";
        let lines = parse(text, &BTreeMap::new()).0;
        let got: Vec<(&str, Option<&str>)> = lines
            .iter()
            .map(|l| (l.key.as_str(), l.value.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                ("A", Some("1")),
                ("B", Some("two")),
                ("C", Some("$A lit")),
                ("D", Some("x\ny 1")),
                ("E", Some("1-d")),
                ("BARE", None),
                ("F", Some("multi\nline")),
                ("G", Some("")),
            ]
        );
        assert_eq!((lines[6].line, lines[7].line), (8, 10));
    }

    #[test]
    fn escaped_quotes_and_dollars() {
        let text = "A=1\nB='a\\'b'\nC=\"\\$A $A\"\nD='\\n $A'\nE=\"\\\\$A\"\n";
        let got: Vec<Option<String>> = parse(text, &BTreeMap::new())
            .0
            .into_iter()
            .map(|l| l.value)
            .collect();
        let want = ["1", "a'b", "$A 1", "\\n $A", "\\1"];
        assert_eq!(got, want.map(|v| Some(v.to_string())));
    }

    #[test]
    fn what_compose_refuses() {
        let (_, errors) = parse("A=1\nB C=2\nD=\"open\nE=3\n", &BTreeMap::new());
        assert_eq!(
            errors,
            [
                "line 2: key `B C` contains a space",
                "line 3: quoted value opened with \" is never closed"
            ]
        );
        let (_, errors) = parse("A='closed'\nB=\"multi\nline\"\n", &BTreeMap::new());
        assert_eq!(errors, Vec::<String>::new());
    }
}
