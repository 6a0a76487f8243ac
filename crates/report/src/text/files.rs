//! The loaded files as codespan-reporting sees them: line starts and columns from [`SourceFile`], display
//! text made safe for a terminal, and label ranges clamped to what can be drawn.

use super::clean::{one_line, same_length};
use codespan_reporting::files::{Error, Files};
use shiplint_syntax::{SourceFile, Span, floor_char_boundary};
use std::borrow::Cow;
use std::cell::OnceCell;
use std::ops::Range;

/// Every file of a report, ready to be drawn.
pub(crate) struct Sources<'a> {
    files: &'a [SourceFile],
    /// Cleaned names and texts, made on first use: most loaded files have no finding to draw.
    names: Vec<OnceCell<Cow<'a, str>>>,
    texts: Vec<OnceCell<Cow<'a, str>>>,
}

impl<'a> Sources<'a> {
    /// Wraps `files`; a file's text is copied only when it holds control characters.
    pub fn new(files: &'a [SourceFile]) -> Self {
        Sources {
            files,
            names: files.iter().map(|_| OnceCell::new()).collect(),
            texts: files.iter().map(|_| OnceCell::new()).collect(),
        }
    }

    /// The file index and byte range codespan should underline for `span`, or `None` when the span's file
    /// is not loaded.
    ///
    /// The range is clamped to the text and to character boundaries, starts after a BOM (which is not
    /// drawn), and drops a trailing line break so that a span covering a whole line is drawn on that line.
    pub fn label_range(&self, span: Span) -> Option<(usize, Range<usize>)> {
        let index = span.file.0 as usize;
        let file = self.files.get(index)?;
        let text: &str = &file.text;
        // Line 0 starts after a BOM, if any: nothing before it is drawn.
        let first = file.line_range(0).map_or(0, |range| range.start);
        let start = floor_char_boundary(text, span.start as usize).max(first);
        let mut end = floor_char_boundary(text, span.end as usize).max(start);
        let covered = &text[start..end];
        let trimmed = covered
            .strip_suffix('\n')
            .map(|rest| rest.strip_suffix('\r').unwrap_or(rest));
        if let Some(rest) = trimmed.filter(|rest| !rest.is_empty()) {
            end = start + rest.len();
        }
        Some((index, start..end))
    }

    fn file(&self, id: usize) -> Result<&'a SourceFile, Error> {
        self.files.get(id).ok_or(Error::FileMissing)
    }
}

impl<'s> Files<'s> for Sources<'_> {
    type FileId = usize;
    type Name = &'s str;
    type Source = &'s str;

    fn name(&'s self, id: usize) -> Result<&'s str, Error> {
        let file = self.file(id)?;
        let name = self.names.get(id).ok_or(Error::FileMissing)?;
        Ok(name.get_or_init(|| one_line(&file.path)))
    }

    fn source(&'s self, id: usize) -> Result<&'s str, Error> {
        let file = self.file(id)?;
        let text = self.texts.get(id).ok_or(Error::FileMissing)?;
        Ok(text.get_or_init(|| same_length(&file.text)))
    }

    fn line_index(&'s self, id: usize, byte_index: usize) -> Result<usize, Error> {
        let offset = u32::try_from(byte_index).unwrap_or(u32::MAX);
        Ok(self.file(id)?.lines.line_of(offset))
    }

    fn column_number(&'s self, id: usize, _: usize, byte_index: usize) -> Result<usize, Error> {
        // The same columns as every other format (BOM skipped, characters counted).
        let offset = u32::try_from(byte_index).unwrap_or(u32::MAX);
        Ok(self.file(id)?.line_col(offset).column as usize)
    }

    fn line_range(&'s self, id: usize, line_index: usize) -> Result<Range<usize>, Error> {
        let file = self.file(id)?;
        file.line_range(line_index).ok_or(Error::LineTooLarge {
            given: line_index,
            max: file.lines.len().saturating_sub(1),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shiplint_syntax::FileId;

    fn sources(text: &str) -> Vec<SourceFile> {
        vec![SourceFile::new(FileId(0), "f", text)]
    }

    #[test]
    fn label_ranges_skip_the_bom_and_a_trailing_line_break() {
        let files = sources("\u{feff}FROM x\r\nRUN y\n");
        let sources = Sources::new(&files);
        assert_eq!(
            sources.label_range(Span::new(FileId(0), 0, 4)),
            Some((0, 3..4))
        );
        assert_eq!(
            sources.label_range(Span::new(FileId(0), 3, 11)),
            Some((0, 3..9))
        );
        assert_eq!(
            sources.label_range(Span::new(FileId(0), 9, 11)),
            Some((0, 9..11))
        );
        assert_eq!(sources.label_range(Span::new(FileId(1), 0, 1)), None);
    }

    #[test]
    fn label_ranges_are_clamped_to_character_boundaries() {
        let files = sources("é");
        let sources = Sources::new(&files);
        assert_eq!(
            sources.label_range(Span::new(FileId(0), 1, 9)),
            Some((0, 0..2))
        );
    }

    #[test]
    fn first_line_starts_after_the_bom() {
        let files = sources("\u{feff}a\nb");
        let sources = Sources::new(&files);
        assert_eq!(sources.line_range(0, 0).ok(), Some(3..5));
        assert_eq!(sources.line_range(0, 1).ok(), Some(5..6));
        assert!(sources.line_range(0, 2).is_err());
        assert_eq!(sources.column_number(0, 0, 4).ok(), Some(2));
    }
}
