//! Byte spans into a file's original text.

/// Identifies one loaded file within a run. Assigned by whoever loads files; parsers only carry it.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FileId(pub u32);

/// A half-open byte range `start..end` into the original text of `file` (BOM and CRLF included).
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    /// The file the offsets belong to.
    pub file: FileId,
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
}

impl Span {
    /// A span of `start..end` in `file`.
    pub fn new(file: FileId, start: usize, end: usize) -> Self {
        debug_assert!(start <= end, "span start {start} after end {end}");
        Span {
            file,
            start: to_u32(start),
            end: to_u32(end),
        }
    }

    /// An empty span at `offset`, for errors that point between characters (end of file, a missing token).
    pub fn empty(file: FileId, offset: usize) -> Self {
        Span::new(file, offset, offset)
    }

    /// The byte range, for slicing the source text.
    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    /// Length in bytes.
    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    /// Whether the span covers no bytes.
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The smallest span covering both `self` and `other` (same file).
    pub fn cover(self, other: Span) -> Span {
        Span {
            file: self.file,
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    /// The text this span covers in `source`.
    pub fn text(self, source: &str) -> &str {
        source.get(self.range()).unwrap_or("")
    }

    /// Whether this span lies inside `source` with both ends on character boundaries: the invariant every
    /// parser keeps, checked by the property tests and fuzz targets. The error says how it is broken.
    pub fn check_within(self, source: &str) -> Result<(), String> {
        let (start, end) = (self.start as usize, self.end as usize);
        if start > end || end > source.len() {
            Err(format!("span {start}..{end} outside 0..{}", source.len()))
        } else if source.get(start..end).is_none() {
            Err(format!("span {start}..{end} not on character boundaries"))
        } else {
            Ok(())
        }
    }
}

/// Files larger than 4 GiB are refused at load time, so offsets always fit; saturate rather than wrap.
fn to_u32(offset: usize) -> u32 {
    u32::try_from(offset).unwrap_or(u32::MAX)
}

/// A value together with the span of the text it came from.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Spanned<T> {
    /// The parsed value (unquoted, unescaped where the format says so).
    pub value: T,
    /// Where it was written.
    pub span: Span,
}

impl<T> Spanned<T> {
    /// Pairs a value with its span.
    pub fn new(value: T, span: Span) -> Self {
        Spanned { value, span }
    }
}

impl Spanned<String> {
    /// The value as `&str`.
    pub fn as_str(&self) -> &str {
        &self.value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_within_rejects_spans_past_the_end_or_inside_a_character() {
        let text = "é=1";
        assert!(Span::new(FileId(0), 0, 2).check_within(text).is_ok());
        assert!(Span::new(FileId(0), 0, 4).check_within(text).is_ok());
        let inside = Span::new(FileId(0), 1, 2).check_within(text);
        assert!(inside.is_err_and(|e| e.contains("character boundaries")));
        let past = Span::new(FileId(0), 2, 5).check_within(text);
        assert!(past.is_err_and(|e| e.contains("outside 0..4")));
    }
}
