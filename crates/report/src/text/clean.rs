//! Making input-derived text safe to print on a terminal: a file or message could otherwise carry escape
//! sequences that recolour, move the cursor or hide lines.

use std::borrow::Cow;

/// `text` with every control character except tab, line feed and a carriage return before a line feed
/// replaced by `?`, one per byte, so byte offsets into it stay those of the original.
pub(crate) fn same_length(text: &str) -> Cow<'_, str> {
    let unsafe_at = |i: usize, c: char| {
        c.is_control() && c != '\t' && c != '\n' && !(c == '\r' && text[i + 1..].starts_with('\n'))
    };
    if !text.char_indices().any(|(i, c)| unsafe_at(i, c)) {
        return Cow::Borrowed(text);
    }
    let mut clean = String::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        if unsafe_at(i, c) {
            clean.extend(std::iter::repeat_n('?', c.len_utf8()));
        } else {
            clean.push(c);
        }
    }
    Cow::Owned(clean)
}

/// `text` on one line: every control character (line breaks and tabs included) becomes a space.
pub(crate) fn one_line(text: &str) -> Cow<'_, str> {
    if !text.chars().any(char::is_control) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect(),
    )
}

/// `text` keeping its line breaks (help may span lines); other control characters become spaces.
pub(crate) fn multi_line(text: &str) -> String {
    text.lines()
        .map(|line| one_line(line).into_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_length_keeps_offsets_and_line_breaks() {
        let text = "a\u{1b}[31mb\r\nc\rd\t\u{85}e";
        let clean = same_length(text);
        assert_eq!(clean.len(), text.len());
        assert_eq!(clean, "a?[31mb\r\nc?d\t??e");
        assert!(matches!(same_length("x\r\ny"), Cow::Borrowed(_)));
    }

    #[test]
    fn one_line_and_multi_line_remove_escapes() {
        assert_eq!(one_line("a\nb\u{1b}c"), "a b c");
        assert_eq!(multi_line("a\r\nb\u{7}"), "a\nb ");
    }
}
