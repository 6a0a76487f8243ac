//! The Dockerfile parser. This file owns the walk over the lines: parser directives at the top, comments,
//! continuation lines joined into logical lines, heredoc bodies after their instruction, recovery after an
//! error (at the next logical line) and the whole-file checks. The submodules own the pieces of one line.

mod directive;
mod heredoc;
mod instruction;
mod json;
mod lines;

use super::{Comment, Dockerfile, Heredoc, Keyword, ParserDirective};
use crate::{FileId, Span, Spanned, SyntaxError};
use lines::{Lines, Logical, PhysLine, trim_continuation};

/// Parses `text` as a Dockerfile. Never fails: errors are in [`Dockerfile::errors`], and parsing resumes at
/// the next logical line after each one.
///
/// ```
/// use shiplint_syntax::FileId;
/// use shiplint_syntax::dockerfile::{parse, Arguments, Keyword};
///
/// let src = "FROM golang:1.22 AS build\nCOPY --from=build /out /app\nFORM oops\n";
/// let doc = parse(FileId(0), src);
/// let copy = &doc.instructions[1];
/// assert_eq!(copy.keyword, Keyword::Copy);
/// assert_eq!(copy.flag("from").map(|f| f.span.text(src)), Some("--from=build"));
/// assert!(matches!(&copy.args, Arguments::Words(w) if w[1].value == "/app"));
/// assert_eq!(doc.errors[0].message, "unknown instruction `FORM`");
/// ```
pub fn parse(file: FileId, text: &str) -> Dockerfile {
    let mut p = Parser {
        file,
        text,
        lines: Lines::new(text),
        doc: Dockerfile {
            escape: '\\',
            ..Dockerfile::default()
        },
        directives_open: true,
        saw_instruction: false,
    };
    p.run();
    p.finish()
}

struct Parser<'a> {
    file: FileId,
    text: &'a str,
    lines: Lines<'a>,
    doc: Dockerfile,
    /// Directives are only recognised on the first lines, until any other line.
    directives_open: bool,
    /// Whether any logical line held something, even an unknown instruction.
    saw_instruction: bool,
}

impl<'a> Parser<'a> {
    fn line_text(&self, line: PhysLine) -> &'a str {
        self.text.get(line.start..line.end).unwrap_or("")
    }

    fn span(&self, start: usize, end: usize) -> Span {
        Span::new(self.file, start, end)
    }

    fn error(&mut self, span: Span, message: String) {
        self.doc.errors.push(SyntaxError { span, message });
    }

    fn run(&mut self) {
        while let Some(line) = self.lines.next() {
            let content = self.line_text(line);
            let stripped = content.trim_start();
            let start = line.start + (content.len() - stripped.len());
            if self.directives_open {
                if self.directive(stripped, start) {
                    continue;
                }
                self.directives_open = false;
            }
            if stripped.starts_with('#') {
                self.comment(stripped, start);
                continue;
            }
            let (first, more) = trim_continuation(stripped, self.doc.escape);
            if !more && first.is_empty() {
                continue;
            }
            let mut logical = Logical::new(self.file);
            logical.push(first, start);
            let mut end = line.end;
            let mut more = more;
            while more {
                let Some(next) = self.lines.next() else {
                    break;
                };
                let content = self.line_text(next);
                let stripped = content.trim_start();
                if stripped.starts_with('#') {
                    self.comment(stripped, next.start + (content.len() - stripped.len()));
                    continue;
                }
                if stripped.is_empty() {
                    let blank = self.span(next.start, next.end);
                    self.doc.empty_continuation_lines.push(blank);
                    continue;
                }
                let (piece, again) = trim_continuation(content, self.doc.escape);
                logical.push(piece, next.start);
                end = next.end;
                more = again;
            }
            self.instruction(&logical, end);
        }
    }

    /// Handles a line while directives are still recognised. Returns whether it was one.
    fn directive(&mut self, line: &str, start: usize) -> bool {
        let Some(found) = directive::parse(line) else {
            return false;
        };
        let name_text = line
            .get(found.name.clone())
            .unwrap_or("")
            .to_ascii_lowercase();
        let value_text = line.get(found.value.clone()).unwrap_or("").to_string();
        let name = Spanned::new(
            name_text.clone(),
            self.span(start + found.name.start, start + found.name.end),
        );
        let value = Spanned::new(
            value_text.clone(),
            self.span(start + found.value.start, start + found.value.end),
        );
        if self
            .doc
            .directives
            .iter()
            .any(|d| d.name.value == name_text)
        {
            self.error(
                name.span,
                format!("only one `{name_text}` parser directive can be used"),
            );
            self.comment(line, start);
            return true;
        }
        if name_text == "escape" {
            match value_text.as_str() {
                "\\" => self.doc.escape = '\\',
                "`" => self.doc.escape = '`',
                _ => self.error(
                    value.span,
                    format!(
                        "invalid escape character `{}`, expected `\\` or `` ` ``",
                        instruction::short(&value_text)
                    ),
                ),
            }
        }
        self.doc.directives.push(ParserDirective { name, value });
        true
    }

    /// Records a comment line; `line` starts at its `#`.
    fn comment(&mut self, line: &str, start: usize) {
        let text = line.get(1..).unwrap_or("").trim().to_string();
        let span = self.span(start, start + line.len());
        self.doc.comments.push(Comment { text, span });
    }

    fn instruction(&mut self, logical: &Logical, end: usize) {
        let mut cx = instruction::Ctx {
            escape: self.doc.escape,
            errors: &mut self.doc.errors,
        };
        let parsed = instruction::parse(logical, 0..logical.text.len(), &mut cx);
        if !logical.text.trim().is_empty() {
            self.saw_instruction = true;
        }
        let Some(mut inst) = parsed else {
            return;
        };
        let mut end = end.max(inst.span.end as usize);
        let target = match &mut inst.args {
            super::Arguments::OnBuild(inner) => inner.as_mut(),
            _ => &mut inst,
        };
        let takes_heredocs = matches!(target.keyword, Keyword::Run | Keyword::Copy | Keyword::Add)
            && !matches!(target.args, super::Arguments::Exec(_));
        if takes_heredocs {
            let heredocs = self.heredocs(logical, &mut end);
            target.heredocs = heredocs;
            target.span.end = target.span.end.max(end as u32);
        }
        inst.span.end = end as u32;
        self.doc.instructions.push(inst);
    }

    /// Reads the bodies of the heredocs opened on `logical`, in order. `end` moves to the last terminator.
    fn heredocs(&mut self, logical: &Logical, end: &mut usize) -> Vec<Heredoc> {
        let mut found = Vec::new();
        for opener in heredoc::openers(&logical.text) {
            let token = logical.span(opener.token.clone());
            let body_start = self.lines.position();
            let mut body_end = self.text.len();
            let mut terminated = false;
            for line in self.lines.by_ref() {
                let content = self.text.get(line.start..line.end).unwrap_or("");
                let candidate = if opener.strip_tabs {
                    content.trim_start_matches('\t')
                } else {
                    content
                };
                if candidate == opener.name {
                    body_end = line.start;
                    *end = line.end;
                    terminated = true;
                    break;
                }
            }
            if !terminated {
                *end = self.text.len();
                self.error(
                    token,
                    format!(
                        "unterminated heredoc: no line `{}` closes it",
                        instruction::short(&opener.name)
                    ),
                );
            }
            let body_start = body_start.min(body_end);
            found.push(Heredoc {
                name: Spanned::new(opener.name, logical.span(opener.name_range)),
                strip_tabs: opener.strip_tabs,
                expand: opener.expand,
                body: Spanned::new(
                    self.text
                        .get(body_start..body_end)
                        .unwrap_or("")
                        .to_string(),
                    self.span(body_start, body_end),
                ),
                span: token,
            });
            if !terminated {
                break;
            }
        }
        found
    }

    fn finish(mut self) -> Dockerfile {
        if !self.saw_instruction {
            let start = self.text.len() - self.text.trim_start_matches('\u{feff}').len();
            let start = start.min('\u{feff}'.len_utf8());
            self.error(
                self.span(start, start),
                "file with no instructions".to_string(),
            );
        }
        self.doc.errors.sort_by_key(|e| (e.span.start, e.span.end));
        self.doc
    }
}

#[cfg(test)]
mod tests;
