//! A loaded file and the mapping from byte offsets to 1-based line and column.

use crate::span::FileId;
use std::ops::Range;
use std::sync::Arc;

/// One file's text, its display path and its line index.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// The id spans into this file carry.
    pub id: FileId,
    /// Path as shown to the user: relative to the working directory when under it, `/`-separated.
    pub path: String,
    /// The full original text (a BOM, if any, is kept so offsets match the bytes on disk).
    pub text: Arc<str>,
    /// Line starts of `text`.
    pub lines: LineIndex,
}

impl SourceFile {
    /// Builds a source file and its line index.
    pub fn new(id: FileId, path: impl Into<String>, text: impl Into<Arc<str>>) -> Self {
        let text = text.into();
        let lines = LineIndex::new(&text);
        SourceFile {
            id,
            path: path.into(),
            text,
            lines,
        }
    }

    /// Line and column of a byte offset in this file.
    pub fn line_col(&self, offset: u32) -> LineCol {
        self.lines.line_col(&self.text, offset)
    }

    /// Byte range of 0-based line `line`, including its terminator (`\n` or `\r\n`), or `None` past the
    /// last line. Line 0 starts after a BOM, which belongs to no line.
    pub fn line_range(&self, line: usize) -> Option<Range<usize>> {
        let start = self.lines.line_start(line)? as usize;
        let end = self
            .lines
            .line_start(line + 1)
            .map_or(self.text.len(), |next| next as usize);
        let start = if line == 0 && self.text.starts_with(BOM) {
            BOM.len().min(end)
        } else {
            start
        };
        Some(start..end)
    }
}

/// A 1-based line and a 1-based column counted in Unicode scalar values (a BOM does not count).
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LineCol {
    /// 1-based line number.
    pub line: u32,
    /// 1-based column, in characters.
    pub column: u32,
}

/// Byte offsets at which each line starts. Lines end at `\n`; a `\r` before it belongs to the line.
#[derive(Clone, Debug, Default)]
pub struct LineIndex {
    starts: Vec<u32>,
}

const BOM: &str = "\u{feff}";

impl LineIndex {
    /// Indexes the line starts of `text`.
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| (i + 1) as u32),
        );
        LineIndex { starts }
    }

    /// Number of lines (a trailing newline starts one more, empty, line).
    pub fn len(&self) -> usize {
        self.starts.len()
    }

    /// Whether there are no lines (never: an empty text has one empty line).
    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }

    /// Byte offset at which 0-based line `line` starts.
    pub fn line_start(&self, line: usize) -> Option<u32> {
        self.starts.get(line).copied()
    }

    /// The 0-based line holding `offset`.
    pub fn line_of(&self, offset: u32) -> usize {
        self.starts
            .partition_point(|&start| start <= offset)
            .saturating_sub(1)
    }

    /// Line and column of `offset` in `text` (the text this index was built from). Offsets past the end or
    /// inside a multi-byte character are clamped to the nearest character boundary before them.
    pub fn line_col(&self, text: &str, offset: u32) -> LineCol {
        let offset = floor_char_boundary(text, offset as usize);
        let line = self.line_of(offset as u32);
        let mut start = self.starts[line] as usize;
        if line == 0 && text.starts_with(BOM) && offset >= BOM.len() {
            start = BOM.len();
        }
        let column = text.get(start..offset).map_or(0, |s| s.chars().count());
        LineCol {
            line: line as u32 + 1,
            column: column as u32 + 1,
        }
    }
}

/// The largest character boundary of `text` at or before `offset`, which is first clamped to the text's
/// length.
pub fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lc(text: &str, offset: u32) -> (u32, u32) {
        let lc = LineIndex::new(text).line_col(text, offset);
        (lc.line, lc.column)
    }

    #[test]
    fn counts_lines_and_columns_from_one() {
        assert_eq!(lc("ab\ncd", 0), (1, 1));
        assert_eq!(lc("ab\ncd", 4), (2, 2));
        assert_eq!(lc("ab\ncd", 5), (2, 3));
    }

    #[test]
    fn crlf_keeps_the_carriage_return_on_its_line() {
        assert_eq!(lc("a\r\nb", 1), (1, 2));
        assert_eq!(lc("a\r\nb", 3), (2, 1));
    }

    #[test]
    fn columns_count_characters_not_bytes_and_skip_a_bom() {
        assert_eq!(lc("\u{feff}FROM", 3), (1, 1));
        assert_eq!(lc("é=x", 2), (1, 2));
        assert_eq!(lc("\tx", 1), (1, 2));
    }

    #[test]
    fn offsets_inside_a_character_or_past_the_end_are_clamped() {
        assert_eq!(lc("é", 1), (1, 1));
        assert_eq!(lc("ab", 99), (1, 3));
    }

    #[test]
    fn line_ranges_skip_the_bom_and_keep_terminators() {
        let file = SourceFile::new(FileId(0), "f", "\u{feff}a\r\nbc\nd");
        assert_eq!(file.line_range(0), Some(3..6));
        assert_eq!(file.line_range(1), Some(6..9));
        assert_eq!(file.line_range(2), Some(9..10));
        assert_eq!(file.line_range(3), None);
        let file = SourceFile::new(FileId(0), "f", "x\n");
        assert_eq!(file.line_range(1), Some(2..2));
        assert_eq!(
            SourceFile::new(FileId(0), "f", "\u{feff}").line_range(0),
            Some(3..3)
        );
    }

    #[test]
    fn floor_char_boundary_clamps_to_the_text() {
        assert_eq!(floor_char_boundary("é", 1), 0);
        assert_eq!(floor_char_boundary("ab", 99), 2);
    }
}
