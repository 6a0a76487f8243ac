//! One logical line to one instruction: the keyword, the `--flags`, and the arguments in the shape BuildKit's
//! parser gives each instruction (exec or shell form, words, key/value pairs, HEALTHCHECK, ONBUILD), plus the
//! checks that make an instruction unusable (unknown keyword, missing arguments, bad pairs).

use super::json::{self, JsonArray};
use super::lines::Logical;
use crate::dockerfile::{Arguments, Flag, Instruction, KeyValue, Keyword, Separator};
use crate::{Span, Spanned, SyntaxError};
use std::ops::Range;

/// What parsing an instruction needs besides the line: the escape character and where errors go.
pub(super) struct Ctx<'e> {
    pub escape: char,
    pub errors: &'e mut Vec<SyntaxError>,
}

impl Ctx<'_> {
    fn error(&mut self, span: Span, message: String) {
        self.errors.push(SyntaxError { span, message });
    }
}

/// BuildKit separates the keyword and plain words with these (its `[\t\v\f\r ]+`), not all Unicode spaces.
fn is_sep(c: char) -> bool {
    matches!(c, '\t' | '\x0b' | '\x0c' | '\r' | ' ')
}

/// `range` without leading and trailing Unicode white space.
fn trim(t: &str, range: Range<usize>) -> Range<usize> {
    let s = t.get(range.clone()).unwrap_or("");
    let start = range.start + (s.len() - s.trim_start().len());
    let end = range.start + s.trim_end().len();
    start..end.max(start)
}

/// Skips characters matching `pred` from `i`, up to `end`.
fn skip(t: &str, i: usize, end: usize, pred: fn(char) -> bool) -> usize {
    let s = t.get(i..end).unwrap_or("");
    i + (s.len() - s.trim_start_matches(pred).len())
}

/// Parses `ll.text[range]` as an instruction. Errors go to `cx`; `None` when the line cannot become one.
pub(super) fn parse(ll: &Logical, range: Range<usize>, cx: &mut Ctx) -> Option<Instruction> {
    parse_nested(ll, range, cx, false)
}

/// `inside_onbuild`: this is an ONBUILD trigger. A trigger that is itself ONBUILD is reported and not
/// parsed further, which also bounds the recursion on lines like `ONBUILD ONBUILD ONBUILD …`.
fn parse_nested(
    ll: &Logical,
    range: Range<usize>,
    cx: &mut Ctx,
    inside_onbuild: bool,
) -> Option<Instruction> {
    let t = ll.text.as_str();
    let r = trim(t, range);
    if r.is_empty() {
        return None;
    }
    let s = t.get(r.clone())?;
    let kw = r.start..r.start + s.find(is_sep).unwrap_or(s.len());
    let written = t.get(kw.clone())?;
    let keyword_span = ll.span(kw.clone());
    let after_kw = skip(t, kw.end, r.end, is_sep);
    let (flags, args_start) = flags(ll, after_kw..r.end);
    let args = trim(t, args_start..r.end);

    let Some(keyword) = Keyword::parse(written) else {
        cx.error(
            keyword_span,
            format!("unknown instruction `{}`", short(written)),
        );
        return None;
    };
    let mut inst = Instruction {
        keyword,
        keyword_span,
        flags,
        args: Arguments::None,
        heredocs: Vec::new(),
        span: ll.span(r),
        healthcheck_type: None,
    };
    inst.args = match keyword {
        Keyword::Run | Keyword::Cmd | Keyword::Entrypoint | Keyword::Shell => {
            maybe_json(ll, args.clone(), cx)?
        }
        Keyword::Copy | Keyword::Add | Keyword::Volume => match maybe_json(ll, args.clone(), cx)? {
            Arguments::Shell(_) => Arguments::Words(words(ll, args.clone())),
            other => other,
        },
        Keyword::From | Keyword::Expose => match words(ll, args.clone()) {
            w if w.is_empty() => Arguments::None,
            w => Arguments::Words(w),
        },
        Keyword::User | Keyword::Workdir | Keyword::Maintainer | Keyword::Stopsignal => {
            if args.is_empty() {
                Arguments::None
            } else {
                Arguments::Shell(ll.shell_text(args.clone()))
            }
        }
        Keyword::Env | Keyword::Label => name_val(ll, args.clone(), cx)?,
        Keyword::Arg => match parse_words(t, args.clone(), cx.escape) {
            w if w.is_empty() => Arguments::None,
            w => Arguments::Pairs(w.into_iter().map(|w| pair(ll, w)).collect()),
        },
        Keyword::Healthcheck => healthcheck(ll, args.clone(), cx, &mut inst)?,
        Keyword::Onbuild if inside_onbuild => {
            cx.error(
                inst.keyword_span,
                "chaining `ONBUILD ONBUILD` is not allowed".to_string(),
            );
            return Some(inst);
        }
        Keyword::Onbuild => {
            if args.is_empty() {
                Arguments::None
            } else {
                let inner = parse_nested(ll, args.clone(), cx, true)?;
                check_trigger(&inner, cx);
                Arguments::OnBuild(Box::new(inner))
            }
        }
    };
    check_arity(&inst, written, ll.span(args), cx);
    Some(inst)
}

/// Instructions BuildKit cannot run as ONBUILD triggers.
fn check_trigger(inner: &Instruction, cx: &mut Ctx) {
    let message = match inner.keyword {
        Keyword::From | Keyword::Maintainer => format!(
            "`{}` is not allowed as an ONBUILD trigger",
            inner.keyword.as_str().to_ascii_uppercase()
        ),
        _ => return,
    };
    cx.error(inner.keyword_span, message);
}

/// Argument counts the build would refuse.
fn check_arity(inst: &Instruction, written: &str, args_span: Span, cx: &mut Ctx) {
    let count = match &inst.args {
        Arguments::None => {
            if inst.keyword != Keyword::Healthcheck {
                cx.error(
                    inst.keyword_span,
                    format!("missing arguments after `{written}`"),
                );
            }
            return;
        }
        Arguments::Exec(v) | Arguments::Words(v) => v.len(),
        Arguments::Shell(_) if inst.keyword == Keyword::Shell => {
            cx.error(
                args_span,
                format!("`{written}` takes a JSON array, like `[\"/bin/sh\", \"-c\"]`"),
            );
            return;
        }
        _ => return,
    };
    match inst.keyword {
        Keyword::Copy | Keyword::Add if count < 2 => cx.error(
            args_span,
            format!("`{written}` needs at least a source and a destination"),
        ),
        Keyword::From => {
            if let Arguments::Words(w) = &inst.args {
                let shape_ok = w.len() == 1
                    || (w.len() == 3
                        && w.get(1).is_some_and(|a| a.value.eq_ignore_ascii_case("as")));
                if !shape_ok {
                    let extra = w.get(1).map_or(args_span, |first| {
                        first.span.cover(w.last().map_or(first.span, |l| l.span))
                    });
                    cx.error(
                        extra,
                        format!(
                            "`{written}` takes `image [AS name]`, found `{}`",
                            short(&join(w))
                        ),
                    );
                }
            }
        }
        _ => {}
    }
}

/// Input quoted in a message, cut to a readable length.
pub(super) fn short(s: &str) -> std::borrow::Cow<'_, str> {
    const MAX: usize = 40;
    match s.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{}…", s.get(..cut).unwrap_or("")).into(),
        None => s.into(),
    }
}

fn join(words: &[Spanned<String>]) -> String {
    words
        .iter()
        .map(|w| w.value.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// BuildKit's builder flags: leading words that start with `--`, quotes and `\` escapes removed, ended by
/// the first other word or by a `--` word. Returns the flags and where the arguments start.
fn flags(ll: &Logical, range: Range<usize>) -> (Vec<Flag>, usize) {
    let t = ll.text.as_str();
    let mut flags = Vec::new();
    let mut i = range.start;
    loop {
        i = skip(t, i, range.end, char::is_whitespace);
        let rest = t.get(i..range.end).unwrap_or("");
        if !rest.starts_with("--") {
            return (flags, i);
        }
        let start = i;
        let mut word = String::new();
        let mut quote: Option<char> = None;
        let mut blank_ok = false;
        let mut chars = rest.char_indices().peekable();
        let mut end = range.end;
        while let Some((off, c)) = chars.next() {
            match quote {
                Some(q) => {
                    if c == q {
                        quote = None;
                    } else if c == '\\' {
                        match chars.next() {
                            Some((_, n)) => word.push(n),
                            None => quote = None,
                        }
                    } else {
                        word.push(c);
                    }
                }
                None => {
                    if c.is_whitespace() {
                        end = start + off;
                        break;
                    }
                    if c == '\'' || c == '"' {
                        quote = Some(c);
                        blank_ok = true;
                    } else if c == '\\' {
                        if let Some((_, n)) = chars.next() {
                            word.push(n);
                        }
                    } else {
                        word.push(c);
                    }
                }
            }
        }
        i = end;
        if word == "--" {
            return (flags, end);
        }
        if !blank_ok && word.is_empty() {
            continue;
        }
        let body = word.strip_prefix("--").unwrap_or(&word);
        let raw = t.get(start..end).unwrap_or("");
        let raw_eq = raw
            .get(2..)
            .and_then(|r| r.find('='))
            .map(|p| start + 2 + p);
        let (name, value) = match body.split_once('=') {
            Some((n, v)) => (n.to_string(), Some(v.to_string())),
            None => (body.to_string(), None),
        };
        let name_end = raw_eq.unwrap_or(end);
        let value = value.map(|v| {
            let from = raw_eq.map_or(end, |e| e + 1);
            Spanned::new(v, ll.span(from..end))
        });
        flags.push(Flag {
            name: Spanned::new(name, ll.span((start + 2).min(name_end)..name_end)),
            value,
            span: ll.span(start..end),
        });
    }
}

/// RUN, CMD, ENTRYPOINT, SHELL: exec form when the text is a JSON array of strings, shell form when it is
/// not JSON at all, and an error (`None`) when it is JSON holding something other than strings.
fn maybe_json(ll: &Logical, args: Range<usize>, cx: &mut Ctx) -> Option<Arguments> {
    if args.is_empty() {
        return Some(Arguments::None);
    }
    let s = ll.text.get(args.clone())?;
    if s.starts_with('[') {
        match json::parse_array(s) {
            JsonArray::Strings(items) => {
                let items = items
                    .into_iter()
                    .map(|(value, r)| {
                        Spanned::new(value, ll.span(args.start + r.start..args.start + r.end))
                    })
                    .collect();
                return Some(Arguments::Exec(items));
            }
            JsonArray::NotStrings(r) => {
                let bad = s.get(r.clone()).unwrap_or("");
                cx.error(
                    ll.span(args.start + r.start..args.start + r.end),
                    format!(
                        "exec form arrays may only hold strings, found `{}`",
                        short(bad)
                    ),
                );
                return None;
            }
            JsonArray::Invalid => {}
        }
    }
    Some(Arguments::Shell(ll.shell_text(args)))
}

/// Words separated by BuildKit's white space, quotes kept as written.
fn words(ll: &Logical, args: Range<usize>) -> Vec<Spanned<String>> {
    let t = ll.text.as_str();
    let mut out = Vec::new();
    let mut i = args.start;
    while i < args.end {
        i = skip(t, i, args.end, is_sep);
        let s = t.get(i..args.end).unwrap_or("");
        if s.is_empty() {
            break;
        }
        let len = s.find(is_sep).unwrap_or(s.len());
        let word = s.get(..len).unwrap_or(s);
        out.push(Spanned::new(word.to_string(), ll.span(i..i + len)));
        i += len;
    }
    out
}

/// BuildKit's word splitter for ENV, LABEL and ARG: white space separates words except inside quotes; quotes
/// and escapes are kept in the word; an escape at the very end is dropped. Returns each word and its range.
fn parse_words(t: &str, range: Range<usize>, escape: char) -> Vec<(String, Range<usize>)> {
    #[derive(PartialEq)]
    enum Phase {
        Spaces,
        Word,
        Quote(char),
    }
    let s = t.get(range.clone()).unwrap_or("");
    let base = range.start;
    let mut words = Vec::new();
    let mut word = String::new();
    let mut start = 0;
    let mut blank_ok = false;
    let mut phase = Phase::Spaces;
    let mut chars = s.char_indices();
    while let Some((i, c)) = chars.next() {
        if phase == Phase::Spaces {
            if c.is_whitespace() {
                continue;
            }
            phase = Phase::Word;
            start = i;
        }
        match phase {
            Phase::Word => {
                if c.is_whitespace() {
                    if blank_ok || !word.is_empty() {
                        words.push((std::mem::take(&mut word), base + start..base + i));
                    }
                    word.clear();
                    blank_ok = false;
                    phase = Phase::Spaces;
                    continue;
                }
                if c == '\'' || c == '"' {
                    phase = Phase::Quote(c);
                    blank_ok = true;
                }
                if c == escape {
                    match chars.next() {
                        Some((_, n)) => {
                            word.push(c);
                            word.push(n);
                        }
                        None => continue,
                    }
                    continue;
                }
                word.push(c);
            }
            Phase::Quote(q) => {
                if c == q {
                    phase = Phase::Word;
                }
                if c == escape && q != '\'' {
                    match chars.next() {
                        Some((_, n)) => {
                            word.push(c);
                            word.push(n);
                        }
                        None => phase = Phase::Word,
                    }
                    continue;
                }
                word.push(c);
            }
            Phase::Spaces => {}
        }
    }
    if phase != Phase::Spaces && (blank_ok || !word.is_empty()) {
        words.push((word, base + start..base + s.len()));
    }
    words
}

/// One `key=value` (or bare `key`) word as a pair. The word is its source text up to a dropped final escape,
/// so the `=` found in the word is at the same offset in the source.
fn pair(ll: &Logical, (word, range): (String, Range<usize>)) -> KeyValue {
    let span = ll.span(range.clone());
    match word.split_once('=') {
        Some((key, value)) => {
            let eq = range.start + key.len();
            KeyValue {
                key: Spanned::new(key.to_string(), ll.span(range.start..eq)),
                value: Some(Spanned::new(value.to_string(), ll.span(eq + 1..range.end))),
                separator: Separator::Equals,
                span,
            }
        }
        None => KeyValue {
            key: Spanned::new(word, span),
            value: None,
            separator: Separator::None,
            span,
        },
    }
}

/// ENV and LABEL: `key=value …`, or the legacy `key value with spaces` when the first word has no `=`.
fn name_val(ll: &Logical, args: Range<usize>, cx: &mut Ctx) -> Option<Arguments> {
    let t = ll.text.as_str();
    let words = parse_words(t, args.clone(), cx.escape);
    let first_has_eq = match words.first() {
        None => return Some(Arguments::None),
        Some((w, _)) => w.contains('='),
    };
    if !first_has_eq {
        let s = t.get(args.clone())?;
        let Some(key_len) = s.find(is_sep) else {
            cx.error(ll.span(args), format!("missing value for `{}`", short(s)));
            return None;
        };
        let key = args.start..args.start + key_len;
        let value = skip(t, key.end, args.end, is_sep)..args.end;
        return Some(Arguments::Pairs(vec![KeyValue {
            key: Spanned::new(t.get(key.clone())?.to_string(), ll.span(key)),
            value: Some(Spanned::new(
                t.get(value.clone())?.to_string(),
                ll.span(value),
            )),
            separator: Separator::Space,
            span: ll.span(args),
        }]));
    }
    let mut pairs = Vec::with_capacity(words.len());
    for (word, range) in words {
        if !word.contains('=') {
            cx.error(
                ll.span(range),
                format!("missing `=` in `{}`, expected `name=value`", short(&word)),
            );
            return None;
        }
        pairs.push(pair(ll, (word, range)));
    }
    Some(Arguments::Pairs(pairs))
}

/// HEALTHCHECK: a type word (`NONE`, `CMD`, or anything else BuildKit's parser passes through) and, after
/// it, a command in exec or shell form.
fn healthcheck(
    ll: &Logical,
    args: Range<usize>,
    cx: &mut Ctx,
    inst: &mut Instruction,
) -> Option<Arguments> {
    let t = ll.text.as_str();
    let s = t.get(args.clone())?;
    if s.is_empty() {
        return Some(Arguments::None);
    }
    let typ = args.start..args.start + s.find(char::is_whitespace).unwrap_or(s.len());
    let rest = trim(t, typ.end..args.end);
    let typ_text = t.get(typ.clone())?;
    inst.healthcheck_type = Some(Spanned::new(typ_text.to_string(), ll.span(typ)));
    if typ_text.eq_ignore_ascii_case("none") {
        if !rest.is_empty() {
            cx.error(
                ll.span(rest),
                format!("`HEALTHCHECK {typ_text}` takes no arguments"),
            );
        }
        return Some(Arguments::Healthcheck(None));
    }
    let cmd = maybe_json(ll, rest, cx)?;
    Some(Arguments::Healthcheck(Some(Box::new(cmd))))
}
