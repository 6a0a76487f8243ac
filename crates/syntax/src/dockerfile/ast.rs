//! The typed Dockerfile document: instructions with byte spans on every keyword, flag, argument and heredoc.

use crate::{Span, Spanned, SyntaxError};

/// A parsed Dockerfile. Parsing always yields one: errors are collected and the parser resumes at the next line.
#[derive(Clone, Debug, Default)]
pub struct Dockerfile {
    /// Parser directives from the top of the file (`# syntax=…`, `# escape=…`, `# check=…`).
    pub directives: Vec<ParserDirective>,
    /// The escape character in force (`\` unless `# escape=` says otherwise).
    pub escape: char,
    /// Instructions in file order.
    pub instructions: Vec<Instruction>,
    /// Every comment line outside heredoc bodies, including those inside continuations, without the directives.
    pub comments: Vec<Comment>,
    /// Syntax errors, in file order.
    pub errors: Vec<SyntaxError>,
    /// Blank (or white-space only) lines inside a continuation, which the parser skips. BuildKit warns about
    /// them (`NoEmptyContinuation`: they are to become errors); each span covers the line without its newline.
    pub empty_continuation_lines: Vec<Span>,
}

impl Dockerfile {
    /// Every instruction, each followed by the one its ONBUILD wraps (if any), in file order.
    pub fn all_instructions(&self) -> impl Iterator<Item = &Instruction> {
        self.instructions.iter().flat_map(|instruction| {
            std::iter::successors(Some(instruction), |current| match &current.args {
                Arguments::OnBuild(inner) => Some(&**inner),
                _ => None,
            })
        })
    }

    /// Every span the document holds (directives, comments, instructions with their keywords, flags,
    /// arguments and heredocs, nested ONBUILD instructions, errors), each with a label saying what it is.
    /// For invariant checks and tools that need to walk positions without knowing the AST's shape.
    pub fn spans(&self) -> Vec<(&'static str, Span)> {
        let mut out = Vec::new();
        for d in &self.directives {
            out.push(("directive name", d.name.span));
            out.push(("directive value", d.value.span));
        }
        for c in &self.comments {
            out.push(("comment", c.span));
        }
        for i in &self.instructions {
            i.push_spans(&mut out);
        }
        for e in &self.errors {
            out.push(("error", e.span));
        }
        for &line in &self.empty_continuation_lines {
            out.push(("empty continuation line", line));
        }
        out
    }
}

/// `# name=value` before the first instruction or comment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParserDirective {
    /// Lower-cased directive name.
    pub name: Spanned<String>,
    /// The value, trimmed.
    pub value: Spanned<String>,
}

/// A comment line. `text` is what follows `#`, with the surrounding white space trimmed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comment {
    /// The comment's text after `#`.
    pub text: String,
    /// The whole comment, from `#` to the end of the line (no newline).
    pub span: Span,
}

/// The instructions Docker knows.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[allow(missing_docs)]
pub enum Keyword {
    Add,
    Arg,
    Cmd,
    Copy,
    Entrypoint,
    Env,
    Expose,
    From,
    Healthcheck,
    Label,
    Maintainer,
    Onbuild,
    Run,
    Shell,
    Stopsignal,
    User,
    Volume,
    Workdir,
}

impl Keyword {
    /// Every keyword, in alphabetical order.
    pub const ALL: [Keyword; 18] = [
        Keyword::Add,
        Keyword::Arg,
        Keyword::Cmd,
        Keyword::Copy,
        Keyword::Entrypoint,
        Keyword::Env,
        Keyword::Expose,
        Keyword::From,
        Keyword::Healthcheck,
        Keyword::Label,
        Keyword::Maintainer,
        Keyword::Onbuild,
        Keyword::Run,
        Keyword::Shell,
        Keyword::Stopsignal,
        Keyword::User,
        Keyword::Volume,
        Keyword::Workdir,
    ];

    /// The keyword as BuildKit prints it: lower case.
    pub fn as_str(self) -> &'static str {
        match self {
            Keyword::Add => "add",
            Keyword::Arg => "arg",
            Keyword::Cmd => "cmd",
            Keyword::Copy => "copy",
            Keyword::Entrypoint => "entrypoint",
            Keyword::Env => "env",
            Keyword::Expose => "expose",
            Keyword::From => "from",
            Keyword::Healthcheck => "healthcheck",
            Keyword::Label => "label",
            Keyword::Maintainer => "maintainer",
            Keyword::Onbuild => "onbuild",
            Keyword::Run => "run",
            Keyword::Shell => "shell",
            Keyword::Stopsignal => "stopsignal",
            Keyword::User => "user",
            Keyword::Volume => "volume",
            Keyword::Workdir => "workdir",
        }
    }

    /// Case-insensitive lookup of an instruction word.
    pub fn parse(word: &str) -> Option<Keyword> {
        Keyword::ALL
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(word))
    }
}

/// One instruction, possibly spread over continuation lines and followed by heredoc bodies.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Instruction {
    /// Which instruction.
    pub keyword: Keyword,
    /// The keyword as written (its case is kept).
    pub keyword_span: Span,
    /// `--name[=value]` flags after the keyword, in order.
    pub flags: Vec<Flag>,
    /// The arguments after the flags.
    pub args: Arguments,
    /// Heredocs opened on this instruction's line, in order.
    pub heredocs: Vec<Heredoc>,
    /// From the keyword to the end of the instruction's last line (or heredoc terminator), newline excluded.
    pub span: Span,
    /// HEALTHCHECK only: the word after the flags as written (`CMD`, `NONE`, or another word BuildKit's parser
    /// passes through, such as `CONNECT`); `None` for other instructions and for a bare `HEALTHCHECK`.
    pub healthcheck_type: Option<Spanned<String>>,
}

impl Instruction {
    /// The first flag called `name` (without the leading `--`).
    pub fn flag(&self, name: &str) -> Option<&Flag> {
        self.flags.iter().find(|f| f.name.value == name)
    }

    fn push_spans(&self, out: &mut Vec<(&'static str, Span)>) {
        out.push(("instruction", self.span));
        out.push(("keyword", self.keyword_span));
        for f in &self.flags {
            out.push(("flag", f.span));
            out.push(("flag name", f.name.span));
            if let Some(v) = &f.value {
                out.push(("flag value", v.span));
            }
        }
        if let Some(t) = &self.healthcheck_type {
            out.push(("healthcheck type", t.span));
        }
        self.args.push_spans(out);
        for h in &self.heredocs {
            out.push(("heredoc", h.span));
            out.push(("heredoc name", h.name.span));
            out.push(("heredoc body", h.body.span));
        }
    }
}

/// `--name` or `--name=value`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Flag {
    /// The name without the leading `--`.
    pub name: Spanned<String>,
    /// The value after `=`, if any.
    pub value: Option<Spanned<String>>,
    /// The whole flag including `--`.
    pub span: Span,
}

/// An instruction's arguments, in the shape BuildKit's parser gives each instruction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Arguments {
    /// JSON array form (`["a", "b"]`): each element decoded. RUN, CMD, ENTRYPOINT, SHELL, COPY, ADD, VOLUME.
    Exec(Vec<Spanned<String>>),
    /// Shell form: the rest of the logical line with continuations (and comment lines inside them) removed.
    /// RUN, CMD, ENTRYPOINT; also USER, WORKDIR, MAINTAINER, STOPSIGNAL as one string.
    Shell(ShellText),
    /// White-space separated words, quotes kept as written. FROM, COPY, ADD, EXPOSE, VOLUME.
    Words(Vec<Spanned<String>>),
    /// `key=value` or legacy `key value` pairs. ENV, LABEL, ARG.
    Pairs(Vec<KeyValue>),
    /// `HEALTHCHECK NONE` (no command) or `HEALTHCHECK [flags] CMD …` (the command in exec or shell form).
    Healthcheck(Option<Box<Arguments>>),
    /// The instruction ONBUILD wraps.
    OnBuild(Box<Instruction>),
    /// Nothing after the keyword (an error for most instructions; the parser reports it).
    None,
}

impl Arguments {
    fn push_spans(&self, out: &mut Vec<(&'static str, Span)>) {
        match self {
            Arguments::Exec(items) | Arguments::Words(items) => {
                out.extend(items.iter().map(|a| ("argument", a.span)));
            }
            Arguments::Shell(text) => {
                out.push(("shell text", text.span));
                out.push(("shell text range", text.span_of(0..text.text.len())));
            }
            Arguments::Pairs(pairs) => {
                for p in pairs {
                    out.push(("pair", p.span));
                    out.push(("pair key", p.key.span));
                    if let Some(v) = &p.value {
                        out.push(("pair value", v.span));
                    }
                }
            }
            Arguments::Healthcheck(Some(cmd)) => cmd.push_spans(out),
            Arguments::OnBuild(inner) => inner.push_spans(out),
            Arguments::Healthcheck(None) | Arguments::None => {}
        }
    }
}

/// One pair of ENV, LABEL or ARG.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyValue {
    /// The key as written.
    pub key: Spanned<String>,
    /// The value as written, quotes and escapes kept (BuildKit's parse tree keeps them too); `None` for
    /// `ARG name` without a default.
    pub value: Option<Spanned<String>>,
    /// `=` for `key=value`, `Space` for the legacy `ENV key value` form, `None` for a bare `ARG name`.
    pub separator: Separator,
    /// From the key to the end of the value.
    pub span: Span,
}

/// How a key and its value are separated.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Separator {
    /// `key=value`.
    Equals,
    /// `ENV key value with spaces` (legacy).
    Space,
    /// A bare `ARG name`.
    None,
}

/// Shell-form text with continuations removed, and a map back to the source for sub-ranges.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShellText {
    /// The logical text (continuation escapes, the newlines after them and comment lines inside removed).
    pub text: String,
    /// The source range the text was taken from.
    pub span: Span,
    /// Pieces of `text` that were contiguous in the source: `(offset in text, offset in source)`, ascending.
    pub pieces: Vec<(u32, u32)>,
}

impl ShellText {
    /// The source span of `text[range]`. A range crossing a removed continuation covers the gap.
    pub fn span_of(&self, range: std::ops::Range<usize>) -> Span {
        let to_source = |offset: usize| -> usize {
            let i = self
                .pieces
                .partition_point(|&(t, _)| t as usize <= offset)
                .saturating_sub(1);
            match self.pieces.get(i) {
                Some(&(t, s)) => s as usize + (offset - t as usize),
                None => self.span.start as usize + offset,
            }
        };
        let start = to_source(range.start).min(self.span.end as usize);
        let end = to_source(range.end).clamp(start, self.span.end as usize);
        Span::new(self.span.file, start, end)
    }
}

/// A heredoc: `<<EOF`, `<<-EOF`, `<<"EOF"` or `<<'EOF'` and its body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Heredoc {
    /// The delimiter word, unquoted.
    pub name: Spanned<String>,
    /// `<<-`: leading tabs are stripped from body lines.
    pub strip_tabs: bool,
    /// Whether variables in the body are expanded (the delimiter was not quoted).
    pub expand: bool,
    /// The body: the lines after the instruction up to (not including) the terminator line.
    pub body: Spanned<String>,
    /// The `<<EOF` token on the instruction line.
    pub span: Span,
}

impl Heredoc {
    /// The body as the build sees it: with `<<-`, leading tabs are removed from every line.
    pub fn content(&self) -> std::borrow::Cow<'_, str> {
        if !self.strip_tabs {
            return std::borrow::Cow::Borrowed(&self.body.value);
        }
        let mut out = String::with_capacity(self.body.value.len());
        for line in self.body.value.split_inclusive('\n') {
            out.push_str(line.trim_start_matches('\t'));
        }
        std::borrow::Cow::Owned(out)
    }
}
