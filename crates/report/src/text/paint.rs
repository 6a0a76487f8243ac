//! The writer codespan-reporting draws through: ANSI colours only when the caller asked for them (never
//! detected here), and the `note` severity word relabelled `info`, shiplint's name for that severity.

use codespan_reporting::diagnostic::{LabelStyle, Severity};
use codespan_reporting::term::termcolor::{Ansi, ColorSpec, WriteColor};
use codespan_reporting::term::{GeneralWriteResult, Styles, WriteStyle};
use std::io;

/// A [`WriteStyle`] over any writer.
pub(crate) struct Painter<'w> {
    out: &'w mut dyn io::Write,
    styles: Option<Styles>,
    /// Set when codespan is about to write the severity word of a `note` header.
    relabel_note: bool,
}

impl<'w> Painter<'w> {
    /// Writes to `out`, with codespan's default colours when `color`.
    pub fn new(out: &'w mut dyn io::Write, color: bool) -> Self {
        Painter {
            out,
            styles: color.then(Styles::default),
            relabel_note: false,
        }
    }

    fn paint(&mut self, spec: impl FnOnce(&Styles) -> &ColorSpec) -> GeneralWriteResult {
        match &self.styles {
            Some(styles) => Ansi::new(&mut *self.out).set_color(spec(styles)),
            None => Ok(()),
        }
    }
}

impl io::Write for Painter<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if std::mem::take(&mut self.relabel_note)
            && let Some(rest) = buf.strip_prefix(b"note")
        {
            // Same length as the word it replaces, so the count returned stays right.
            self.out.write_all(b"info")?;
            self.out.write_all(rest)?;
            return Ok(buf.len());
        }
        self.out.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

impl WriteStyle for Painter<'_> {
    fn set_header(&mut self, severity: Severity) -> GeneralWriteResult {
        self.relabel_note = severity == Severity::Note;
        self.paint(|styles| styles.header(severity))
    }

    fn set_header_message(&mut self) -> GeneralWriteResult {
        self.paint(Styles::header_message)
    }

    fn set_line_number(&mut self) -> GeneralWriteResult {
        self.paint(Styles::line_number)
    }

    fn set_note_bullet(&mut self) -> GeneralWriteResult {
        self.paint(Styles::note_bullet)
    }

    fn set_source_border(&mut self) -> GeneralWriteResult {
        self.paint(Styles::source_border)
    }

    fn set_label(&mut self, severity: Severity, label_style: LabelStyle) -> GeneralWriteResult {
        self.paint(|styles| styles.label(severity, label_style))
    }

    fn reset(&mut self) -> GeneralWriteResult {
        match self.styles {
            Some(_) => WriteColor::reset(&mut Ansi::new(&mut *self.out)),
            None => Ok(()),
        }
    }
}
