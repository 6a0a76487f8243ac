//! The exec form: a JSON array of strings, decoded with the rules of Go's `encoding/json` (which BuildKit
//! uses), so that the choice between exec form, shell-form fallback and error matches BuildKit's.

use nom::IResult;
use nom::Parser;
use nom::branch::alt;
use nom::bytes::complete::tag;
use nom::character::complete::{char, digit0, digit1, one_of};
use nom::combinator::{opt, recognize};
use std::ops::Range;

/// Go's decoder refuses nesting deeper than this; deeper input is then not JSON at all.
const MAX_DEPTH: usize = 10_000;

/// What a candidate exec-form text turned out to be.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum JsonArray {
    /// A valid array of strings: each decoded value with the byte range of its literal (quotes included).
    Strings(Vec<(String, Range<usize>)>),
    /// Valid JSON, but an element is not a string (BuildKit rejects this instead of falling back).
    NotStrings(Range<usize>),
    /// Not a JSON array: BuildKit reads the text as shell form instead.
    Invalid,
}

/// JSON's four white-space bytes.
fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while matches!(b.get(i), Some(b' ' | b'\t' | b'\n' | b'\r')) {
        i += 1;
    }
    i
}

/// Decodes the string literal starting at `s[i]` (a `"`). Returns the value and the index after the closing
/// quote, or `None` when the literal is malformed.
fn string_at(s: &str, i: usize) -> Option<(String, usize)> {
    let b = s.as_bytes();
    let mut out = String::new();
    let mut j = i + 1;
    loop {
        match *b.get(j)? {
            b'"' => return Some((out, j + 1)),
            b'\\' => {
                let esc = *b.get(j + 1)?;
                j += 2;
                match esc {
                    b'"' => out.push('"'),
                    b'\\' => out.push('\\'),
                    b'/' => out.push('/'),
                    b'b' => out.push('\u{8}'),
                    b'f' => out.push('\u{c}'),
                    b'n' => out.push('\n'),
                    b'r' => out.push('\r'),
                    b't' => out.push('\t'),
                    b'u' => {
                        let first = hex4(s, j)?;
                        j += 4;
                        if (0xD800..0xE000).contains(&first) {
                            // A surrogate pair decodes to one character; a lone surrogate becomes U+FFFD
                            // and whatever follows is read on its own, as Go does.
                            let low = s
                                .get(j..j + 2)
                                .filter(|p| *p == "\\u")
                                .and_then(|_| hex4(s, j + 2))
                                .filter(|low| (0xDC00..0xE000).contains(low));
                            match (first < 0xDC00, low) {
                                (true, Some(low)) => {
                                    let c = 0x10000 + ((first - 0xD800) << 10) + (low - 0xDC00);
                                    out.push(char::from_u32(c).unwrap_or('\u{fffd}'));
                                    j += 6;
                                }
                                _ => out.push('\u{fffd}'),
                            }
                        } else {
                            out.push(char::from_u32(first).unwrap_or('\u{fffd}'));
                        }
                    }
                    _ => return None,
                }
            }
            c if c < 0x20 => return None,
            _ => {
                let ch = s.get(j..)?.chars().next()?;
                out.push(ch);
                j += ch.len_utf8();
            }
        }
    }
}

fn hex4(s: &str, i: usize) -> Option<u32> {
    let digits = s.get(i..i + 4)?;
    if !digits.bytes().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    u32::from_str_radix(digits, 16).ok()
}

/// A JSON number, by the JSON grammar (no leading zeros, no bare `.5`).
fn number(input: &str) -> IResult<&str, &str> {
    recognize((
        opt(char('-')),
        alt((tag("0"), recognize((one_of("123456789"), digit0)))),
        opt((char('.'), digit1)),
        opt((one_of("eE"), opt(one_of("+-")), digit1)),
    ))
    .parse(input)
}

fn literal(input: &str) -> IResult<&str, &str> {
    alt((tag("true"), tag("false"), tag("null"))).parse(input)
}

/// Skips one scalar (string, number or literal) at `s[i]`; `None` if there is none. A number too large for
/// a 64-bit float is reported as `Err`, because Go's decoder fails on it rather than on the syntax.
fn scalar_end(s: &str, i: usize) -> Option<Result<usize, ()>> {
    let rest = s.get(i..)?;
    if rest.starts_with('"') {
        return string_at(s, i).map(|(_, end)| Ok(end));
    }
    if let Ok((after, num)) = number(rest) {
        let too_big = num.parse::<f64>().map_or(true, |f| f.is_infinite());
        return Some(if too_big {
            Err(())
        } else {
            Ok(s.len() - after.len())
        });
    }
    literal(rest)
        .ok()
        .map(|(after, _)| Ok(s.len() - after.len()))
}

/// Skips any JSON value at `s[i]` without recursion. `Ok(end)` after it, `Err(())` when invalid or when Go's
/// decoder would fail on it.
fn value_end(s: &str, mut i: usize, depth: usize) -> Result<usize, ()> {
    let b = s.as_bytes();
    let mut stack: Vec<u8> = Vec::new();
    loop {
        // Expecting a value at `i`.
        i = skip_ws(b, i);
        match b.get(i) {
            Some(&open @ (b'[' | b'{')) => {
                stack.push(open);
                if depth + stack.len() > MAX_DEPTH {
                    return Err(());
                }
                i = skip_ws(b, i + 1);
                let close = if open == b'[' { b']' } else { b'}' };
                if b.get(i) == Some(&close) {
                    stack.pop();
                    i += 1;
                } else {
                    if open == b'{' {
                        i = key_end(s, i)?;
                    }
                    continue;
                }
            }
            _ => i = scalar_end(s, i).ok_or(())??,
        }
        // After a value: close containers or move to the next element.
        loop {
            let Some(&top) = stack.last() else {
                return Ok(i);
            };
            i = skip_ws(b, i);
            let close = if top == b'[' { b']' } else { b'}' };
            match b.get(i) {
                Some(b',') => {
                    i += 1;
                    if top == b'{' {
                        i = key_end(s, skip_ws(b, i))?;
                    }
                    break;
                }
                Some(&c) if c == close => {
                    stack.pop();
                    i += 1;
                }
                _ => return Err(()),
            }
        }
    }
}

/// Skips `"key" :` at `s[i]`.
fn key_end(s: &str, i: usize) -> Result<usize, ()> {
    if s.as_bytes().get(i) != Some(&b'"') {
        return Err(());
    }
    let (_, end) = string_at(s, i).ok_or(())?;
    let end = skip_ws(s.as_bytes(), end);
    if s.as_bytes().get(end) != Some(&b':') {
        return Err(());
    }
    Ok(end + 1)
}

/// Reads `s` (which starts with `[` and has no trailing white space beyond JSON's) as BuildKit's exec form.
pub(super) fn parse_array(s: &str) -> JsonArray {
    let b = s.as_bytes();
    if b.first() != Some(&b'[') {
        return JsonArray::Invalid;
    }
    let mut items = Vec::new();
    let mut not_string: Option<Range<usize>> = None;
    let mut i = skip_ws(b, 1);
    if b.get(i) == Some(&b']') {
        i += 1;
    } else {
        loop {
            i = skip_ws(b, i);
            if b.get(i) == Some(&b'"') {
                let Some((value, end)) = string_at(s, i) else {
                    return JsonArray::Invalid;
                };
                items.push((value, i..end));
                i = end;
            } else {
                let Ok(end) = value_end(s, i, 1) else {
                    return JsonArray::Invalid;
                };
                not_string.get_or_insert(i..end);
                i = end;
            }
            i = skip_ws(b, i);
            match b.get(i) {
                Some(b',') => i += 1,
                Some(b']') => {
                    i += 1;
                    break;
                }
                _ => return JsonArray::Invalid,
            }
        }
    }
    if skip_ws(b, i) != b.len() {
        return JsonArray::Invalid;
    }
    match not_string {
        Some(range) => JsonArray::NotStrings(range),
        None => JsonArray::Strings(items),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(s: &str) -> Option<Vec<String>> {
        match parse_array(s) {
            JsonArray::Strings(v) => Some(v.into_iter().map(|(s, _)| s).collect()),
            _ => None,
        }
    }

    #[test]
    fn decodes_arrays_of_strings_with_escapes() {
        assert_eq!(strings("[]"), Some(vec![]));
        assert_eq!(
            strings("[ \"a\" ,\t\"b\" ]"),
            Some(vec!["a".into(), "b".into()])
        );
        assert_eq!(
            strings(r#"["\" \\ \/ \b \f \n \r \t \u0000 \u2665"]"#),
            Some(vec!["\" \\ / \u{8} \u{c} \n \r \t \0 ♥".into()])
        );
        assert_eq!(
            strings(r#"["\ud83d\ude00", "\udc00x"]"#),
            Some(vec!["😀".into(), "\u{fffd}x".into()])
        );
    }

    #[test]
    fn ranges_cover_the_literals() {
        let s = r#"[ "a b", "c" ]"#;
        let JsonArray::Strings(v) = parse_array(s) else {
            panic!("not strings");
        };
        assert_eq!(&s[v[0].1.clone()], "\"a b\"");
        assert_eq!(&s[v[1].1.clone()], "\"c\"");
    }

    #[test]
    fn valid_json_with_other_values_is_not_a_string_array() {
        assert_eq!(
            parse_array(r#"[ "echo", [ "nested json" ] ]"#),
            JsonArray::NotStrings(10..27)
        );
        assert!(matches!(
            parse_array(r#"["a", 1, {"k": [true, null]}]"#),
            JsonArray::NotStrings(_)
        ));
    }

    #[test]
    fn anything_else_is_invalid() {
        for s in [
            "['a']",
            r#"["a""#,
            r#"["a]"#,
            r#"["a",]"#,
            r#"["a"] x"#,
            r#"["\x"]"#,
            "[\"a\u{1}\"]",
            "[01]",
            "[1e999]",
            "[[[[",
            "{}",
        ] {
            assert_eq!(parse_array(s), JsonArray::Invalid, "{s}");
        }
    }

    #[test]
    fn deep_nesting_does_not_overflow_the_stack() {
        let deep = format!("[{}{}]", "[".repeat(20_000), "]".repeat(20_000));
        assert_eq!(parse_array(&deep), JsonArray::Invalid);
        let ok = format!("[{}{}]", "[".repeat(500), "]".repeat(500));
        assert!(matches!(parse_array(&ok), JsonArray::NotStrings(_)));
    }
}
