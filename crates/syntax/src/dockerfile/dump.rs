//! BuildKit's parse-tree test format: one `(instruction [flags] "arg" …)` line per instruction, as the
//! `result` files of BuildKit's parser tests print it. `shiplint debug dump` shows it so users can diff our
//! reading of a Dockerfile against BuildKit's.

use super::{Arguments, Dockerfile, Instruction, Keyword, Separator};
use crate::LineIndex;
use std::fmt::Write;

/// Prints the document parsed from `text` in BuildKit's parse-tree test format, or the first error as
/// `line:column: message`.
pub fn buildkit_tree(doc: &Dockerfile, text: &str) -> Result<String, String> {
    if let Some(first) = doc.errors.first() {
        let at = LineIndex::new(text).line_col(text, first.span.start);
        return Err(format!("{}:{}: {}", at.line, at.column, first.message));
    }
    let mut out = String::new();
    for inst in &doc.instructions {
        out.push('(');
        node(inst, &mut out);
        out.push_str(")\n");
    }
    Ok(out)
}

fn node(inst: &Instruction, out: &mut String) {
    out.push_str(inst.keyword.as_str());
    if !inst.flags.is_empty() {
        out.push_str(" [");
        for (i, flag) in inst.flags.iter().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            let mut word = format!("--{}", flag.name.value);
            if let Some(value) = &flag.value {
                word.push('=');
                word.push_str(&value.value);
            }
            go_quote(&word, out);
        }
        out.push(']');
    }
    if let Some(kind) = &inst.healthcheck_type {
        out.push(' ');
        go_quote(&kind.value, out);
    }
    args(inst.keyword, &inst.args, out);
}

fn args(keyword: Keyword, arguments: &Arguments, out: &mut String) {
    let value = |s: &str, out: &mut String| {
        out.push(' ');
        go_quote(s, out);
    };
    match arguments {
        Arguments::Exec(items) | Arguments::Words(items) => {
            for item in items {
                value(&item.value, out);
            }
        }
        Arguments::Shell(text) => value(&text.text, out),
        Arguments::Pairs(pairs) => {
            for pair in pairs {
                let v = pair.value.as_ref().map_or("", |v| v.value.as_str());
                if keyword == Keyword::Arg {
                    // ARG is split into plain words by BuildKit's parser, not into triples.
                    match pair.separator {
                        Separator::None => value(&pair.key.value, out),
                        _ => value(&format!("{}={v}", pair.key.value), out),
                    }
                } else {
                    value(&pair.key.value, out);
                    value(v, out);
                    value(
                        if pair.separator == Separator::Equals {
                            "="
                        } else {
                            ""
                        },
                        out,
                    );
                }
            }
        }
        Arguments::Healthcheck(Some(cmd)) => args(keyword, cmd, out),
        Arguments::Healthcheck(None) | Arguments::None => {}
        Arguments::OnBuild(inner) => {
            out.push_str(" (");
            node(inner, out);
            out.push(')');
        }
    }
}

/// Quotes like Go's `strconv.Quote`: printable characters as they are, the usual short escapes, `\x`, `\u`
/// or `\U` for the rest.
fn go_quote(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{b}' => out.push_str("\\v"),
            c if is_go_printable(c) => out.push(c),
            c if (c as u32) < 0x80 => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c if (c as u32) < 0x10000 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => {
                let _ = write!(out, "\\U{:08x}", c as u32);
            }
        }
    }
    out.push('"');
}

/// Go's `unicode.IsPrint`, approximated without Unicode tables: everything except control characters,
/// white space other than the ASCII space, the common format characters, private-use code points and
/// non-characters. Unassigned code points count as printable here (Go would escape them).
fn is_go_printable(c: char) -> bool {
    let u = c as u32;
    if c == ' ' {
        return true;
    }
    if c.is_control() || c.is_whitespace() {
        return false;
    }
    let format = matches!(u,
        0xAD | 0x600..=0x605 | 0x61C | 0x6DD | 0x70F | 0x890..=0x891 | 0x8E2 | 0x180E
        | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x2064 | 0x2066..=0x206F | 0xFEFF
        | 0xFFF9..=0xFFFB | 0x110BD | 0x110CD | 0x13430..=0x1343F | 0x1BCA0..=0x1BCA3
        | 0x1D173..=0x1D17A | 0xE0001 | 0xE0020..=0xE007F);
    let private = matches!(u, 0xE000..=0xF8FF | 0xF0000..=0xFFFFD | 0x100000..=0x10FFFD);
    let nonchar = matches!(u, 0xFDD0..=0xFDEF) || (u & 0xFFFE) == 0xFFFE;
    !(format || private || nonchar)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(s: &str) -> String {
        let mut out = String::new();
        go_quote(s, &mut out);
        out
    }

    #[test]
    fn quotes_like_go() {
        assert_eq!(q("a \"b\" \\"), r#""a \"b\" \\""#);
        assert_eq!(q("\u{0} \u{7f} \t"), r#""\x00 \x7f \t""#);
        assert_eq!(q("♥ ☃ é"), "\"♥ ☃ é\"");
        assert_eq!(q("\u{a0}\u{feff}\u{2028}"), r#""\u00a0\ufeff\u2028""#);
        assert_eq!(q("\u{10ffff}"), r#""\U0010ffff""#);
    }
}
