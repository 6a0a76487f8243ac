//! Physical lines of the source and the logical lines built from them: continuation lines joined the way
//! BuildKit joins them, with a map from every byte of the joined text back to the original text.

use crate::dockerfile::ShellText;
use crate::{FileId, Span};
use std::ops::Range;

/// One physical line. `end` excludes the `\n` and any `\r` before it; `next` is where the following line starts.
#[derive(Copy, Clone, Debug)]
pub(super) struct PhysLine {
    pub start: usize,
    pub end: usize,
}

/// Walks the physical lines of a text once, front to back.
pub(super) struct Lines<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Lines<'a> {
    /// Starts after a byte-order mark, which BuildKit drops from the first line.
    pub fn new(text: &'a str) -> Self {
        let pos = if text.starts_with('\u{feff}') {
            '\u{feff}'.len_utf8()
        } else {
            0
        };
        Lines { text, pos }
    }

    /// Where the next line starts (the text length once every line is read).
    pub fn position(&self) -> usize {
        self.pos
    }
}

impl Iterator for Lines<'_> {
    type Item = PhysLine;

    fn next(&mut self) -> Option<PhysLine> {
        let rest = self.text.get(self.pos..)?;
        if rest.is_empty() {
            return None;
        }
        let start = self.pos;
        let (raw_end, next) = match rest.find('\n') {
            Some(i) => (start + i, start + i + 1),
            None => (self.text.len(), self.text.len()),
        };
        self.pos = next;
        // BuildKit trims every trailing `\r` and `\n`, so `a\r\r\n` reads as `a`.
        let line = self.text.get(start..raw_end).unwrap_or("");
        let end = start + line.trim_end_matches(['\r', '\n']).len();
        Some(PhysLine { start, end })
    }
}

/// Splits off a trailing continuation: the escape character, then only blanks and tabs, and not itself
/// escaped. Returns the text without it and whether the line continues.
pub(super) fn trim_continuation(line: &str, escape: char) -> (&str, bool) {
    let trimmed = line.trim_end_matches([' ', '\t']);
    if let Some(before) = trimmed.strip_suffix(escape) {
        // BuildKit's rule: the escape must be alone on the line or follow a character other than the escape.
        if before.is_empty() || !before.ends_with(escape) {
            return (before, true);
        }
    }
    (line, false)
}

/// The text of one instruction after continuations are removed, with where each piece came from.
#[derive(Debug)]
pub(super) struct Logical {
    pub file: FileId,
    pub text: String,
    /// `(offset in text, offset in source)` for each contiguous piece, ascending, no empty pieces.
    pieces: Vec<(u32, u32)>,
}

impl Logical {
    pub fn new(file: FileId) -> Self {
        Logical {
            file,
            text: String::new(),
            pieces: Vec::new(),
        }
    }

    /// Appends `s`, which starts at byte `source` of the original text.
    pub fn push(&mut self, s: &str, source: usize) {
        if s.is_empty() {
            return;
        }
        self.pieces.push((self.text.len() as u32, source as u32));
        self.text.push_str(s);
    }

    /// Index of the last piece whose logical start satisfies `pred`.
    fn piece_before(&self, offset: usize, inclusive: bool) -> Option<(u32, u32)> {
        let i = self.pieces.partition_point(|&(t, _)| {
            if inclusive {
                t as usize <= offset
            } else {
                (t as usize) < offset
            }
        });
        i.checked_sub(1).and_then(|i| self.pieces.get(i).copied())
    }

    /// Source offset of a start position.
    pub fn source_start(&self, offset: usize) -> usize {
        match self.piece_before(offset, true) {
            Some((t, s)) => s as usize + (offset - t as usize),
            None => self.pieces.first().map_or(0, |&(_, s)| s as usize),
        }
    }

    /// Source offset of an end position: at a piece boundary it stays at the end of the earlier piece, so a
    /// token never swallows the continuation that follows it.
    pub fn source_end(&self, offset: usize) -> usize {
        match self.piece_before(offset, false) {
            Some((t, s)) => s as usize + (offset - t as usize),
            None => self.source_start(offset),
        }
    }

    /// The source span of `text[range]`.
    pub fn span(&self, range: Range<usize>) -> Span {
        let start = self.source_start(range.start);
        if range.end <= range.start {
            return Span::new(self.file, start, start);
        }
        let end = self.source_end(range.end).max(start);
        Span::new(self.file, start, end)
    }

    /// `text[range]` as shell text that keeps its own map to the source.
    pub fn shell_text(&self, range: Range<usize>) -> ShellText {
        let text = self.text.get(range.clone()).unwrap_or("").to_string();
        let mut pieces = Vec::new();
        for (i, &(t, s)) in self.pieces.iter().enumerate() {
            let piece_end = self
                .pieces
                .get(i + 1)
                .map_or(self.text.len(), |&(next, _)| next as usize);
            let (t, s) = (t as usize, s as usize);
            if piece_end <= range.start || t >= range.end {
                continue;
            }
            let from = t.max(range.start);
            pieces.push(((from - range.start) as u32, (s + (from - t)) as u32));
        }
        ShellText {
            text,
            span: self.span(range),
            pieces,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<&str> {
        Lines::new(text)
            .map(|l| text.get(l.start..l.end).unwrap_or("?"))
            .collect()
    }

    #[test]
    fn lines_drop_newlines_carriage_returns_and_a_bom() {
        assert_eq!(lines("\u{feff}a\r\nb\n\nc"), ["a", "b", "", "c"]);
        assert_eq!(lines("a\r\r\n"), ["a"]);
        assert!(lines("").is_empty());
    }

    #[test]
    fn continuation_needs_an_unescaped_escape_at_the_end() {
        assert_eq!(trim_continuation("a \\  ", '\\'), ("a ", true));
        assert_eq!(trim_continuation("\\", '\\'), ("", true));
        assert_eq!(trim_continuation("a\\\\", '\\'), ("a\\\\", false));
        assert_eq!(trim_continuation("a`", '`'), ("a", true));
        assert_eq!(trim_continuation("a\\", '`'), ("a\\", false));
    }

    #[test]
    fn logical_offsets_map_back_across_a_removed_continuation() {
        let src = "RUN a \\\n  b";
        let mut l = Logical::new(FileId(0));
        l.push("RUN a ", 0);
        l.push("  b", 8);
        assert_eq!(l.text, "RUN a   b");
        assert_eq!(l.span(4..5).text(src), "a");
        assert_eq!(l.span(8..9).text(src), "b");
        assert_eq!(l.span(4..9).text(src), "a \\\n  b");
        // An end on the boundary stays before the continuation.
        assert_eq!(l.span(4..6).text(src), "a ");
        let sh = l.shell_text(4..9);
        assert_eq!(sh.text, "a   b");
        assert_eq!(sh.span_of(4..5).text(src), "b");
    }
}
