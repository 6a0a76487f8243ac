//! Resolving a span to the file it points into and its 1-based start and end positions, for every format.

use shiplint_syntax::{LineCol, SourceFile, Span};

/// A span resolved against the loaded files.
#[derive(Copy, Clone, Debug)]
pub(crate) struct Location<'a> {
    /// The path as shown to the user (empty when the file is unknown).
    pub path: &'a str,
    /// Where the span starts.
    pub start: LineCol,
    /// Where it ends: the position of `span.end`, so one past the last character; equal to `start` when
    /// the span is empty.
    pub end: LineCol,
}

const FIRST: LineCol = LineCol { line: 1, column: 1 };

/// Resolves `span` against `files` (indexed by `FileId`).
///
/// A span whose file is not loaded resolves to an empty path at 1:1 rather than failing, because a report
/// must still be written when an upstream bug produced such a span; an end before the start is moved to the
/// start so that consumers never see an inverted region.
pub(crate) fn locate(files: &[SourceFile], span: Span) -> Location<'_> {
    match file_of(files, span) {
        Some(file) => {
            let start = file.line_col(span.start);
            let end = file.line_col(span.end).max(start);
            Location {
                path: &file.path,
                start,
                end,
            }
        }
        None => Location {
            path: "",
            start: FIRST,
            end: FIRST,
        },
    }
}

/// The loaded file a span points into.
pub(crate) fn file_of(files: &[SourceFile], span: Span) -> Option<&SourceFile> {
    files.get(span.file.0 as usize)
}

/// The text of the whole lines the span touches, for fingerprints: line terminators and a BOM excluded, so
/// that the text does not change when the line moves to or from the top of the file.
pub(crate) fn line_text(file: &SourceFile, span: Span) -> &str {
    let first = file.lines.line_of(span.start);
    let last = file.lines.line_of(span.end.max(span.start));
    let start = file.line_range(first).map_or(0, |range| range.start);
    let end = file
        .line_range(last)
        .map_or(file.text.len(), |range| range.end);
    file.text
        .get(start..end)
        .unwrap_or("")
        .trim_end_matches(['\n', '\r'])
}

#[cfg(test)]
mod tests {
    use super::*;
    use shiplint_syntax::FileId;

    fn file(text: &str) -> SourceFile {
        SourceFile::new(FileId(0), "a/Dockerfile", text)
    }

    #[test]
    fn resolves_start_and_exclusive_end() {
        let files = [file("FROM x\nRUN make\n")];
        let loc = locate(&files, Span::new(FileId(0), 11, 15));
        assert_eq!(loc.path, "a/Dockerfile");
        assert_eq!((loc.start.line, loc.start.column), (2, 5));
        assert_eq!((loc.end.line, loc.end.column), (2, 9));
    }

    #[test]
    fn empty_span_ends_where_it_starts() {
        let files = [file("FROM x\n")];
        let loc = locate(&files, Span::empty(FileId(0), 4));
        assert_eq!(loc.start, loc.end);
        assert_eq!(loc.start.column, 5);
    }

    #[test]
    fn unknown_file_resolves_to_first_position() {
        let files = [file("FROM x\n")];
        let loc = locate(&files, Span::new(FileId(7), 1, 3));
        assert_eq!(loc.path, "");
        assert_eq!((loc.start, loc.end), (FIRST, FIRST));
    }

    #[test]
    fn line_text_covers_whole_lines_without_terminators() {
        let f = file("\u{feff}FROM x\r\nRUN a \\\r\n  b\r\n");
        assert_eq!(line_text(&f, Span::new(FileId(0), 3, 4)), "FROM x");
        assert_eq!(line_text(&f, Span::new(FileId(0), 12, 13)), "RUN a \\");
        assert_eq!(
            line_text(&f, Span::new(FileId(0), 12, 23)),
            "RUN a \\\r\n  b"
        );
    }
}
