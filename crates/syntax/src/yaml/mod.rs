//! YAML with spans, for compose files: serde-saphyr reads the text into a [`Node`] tree whose every key and
//! value has a byte span (and, for aliases and `<<` merges, the use site as well as the definition).
//!
//! Options: YAML 1.2 booleans only (`yes`/`on` stay strings, as Docker Compose reads them), duplicate keys
//! passed through to the tree (so [`duplicate_keys`] reports both positions), and budgets that stop
//! billion-laughs input and deep nesting early with a [`SyntaxError`] instead of exhausting time, memory or
//! the stack. What YAML 1.1 would read differently (`22:22` as a base-60 number) is found from the source
//! text by [`base60_scalars`].

mod node;
mod text;

pub use node::{Entry, Node, NodeKind, Scalar, ScalarKind};
pub use text::{all_spans, base60_scalars, comment_spans, is_plain, statement_spans};

use crate::{FileId, Span, SyntaxError};

/// Deepest nesting of mappings and sequences accepted. Compose files nest about ten levels; the visitor
/// recurses once per level inside serde-saphyr, and 40 levels fit a 2 MiB thread stack (rayon's and the test
/// harness's) even in a debug build, where 64 do not.
pub const MAX_DEPTH: usize = 40;
/// Most events that alias replay may inject in one file: what stops a billion-laughs document.
pub const MAX_REPLAYED_EVENTS: usize = 100_000;

/// A parsed YAML file: its first document's tree, or the error that stopped it.
#[derive(Clone, Debug, Default)]
pub struct YamlFile {
    /// The root node of the first document; `None` when the text has no document or did not parse.
    pub root: Option<Node>,
    /// Errors (YAML allows none to be recovered from, so at most one).
    pub errors: Vec<SyntaxError>,
    /// Every comment's span (`# ...` to the end of its line).
    pub comments: Vec<Span>,
}

/// Parses `text` as YAML.
pub fn parse(file: FileId, text: &str) -> YamlFile {
    let options = serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_depth: MAX_DEPTH,
            // Compose files use many aliases per anchor (`<<: *defaults` in every service); the replay
            // limit below is what bounds the work, so the ratio check would only refuse honest files.
            enforce_alias_anchor_ratio: false,
        },
        alias_limits: serde_saphyr::alias_limits! {
            max_total_replayed_events: MAX_REPLAYED_EVENTS,
        },
        strict_booleans: true,
        duplicate_keys: serde_saphyr::DuplicateKeyPolicy::PassThrough,
        with_snippet: false,
    };
    let result: Result<Option<serde_saphyr::Spanned<node::Raw>>, _> =
        serde_saphyr::from_str_with_options(text, options);
    match result {
        Ok(root) => {
            let root = root.map(|root| node::build(file, text, root));
            let comments = text::comment_spans(file, text, root.as_ref());
            YamlFile {
                root,
                errors: Vec::new(),
                comments,
            }
        }
        Err(error) => YamlFile {
            root: None,
            errors: vec![syntax_error(file, text, &error)],
            comments: text::comment_spans(file, text, None),
        },
    }
}

fn syntax_error(file: FileId, text: &str, error: &serde_saphyr::Error) -> SyntaxError {
    let error = error.without_snippet();
    let offset = error_offset(text, error);
    let mut message = error.to_string();
    // The position is the finding's; drop the library's own "at line X column Y" suffix.
    if let Some(cut) = message.find(" at line ") {
        message.truncate(cut);
    }
    let mut message = message.trim().to_string();
    // Budget breaches name the limit in words rather than the library's debug form.
    if message.contains("budget breached: Depth") || message.contains("recursion limit exceeded") {
        message = format!("nesting is deeper than {MAX_DEPTH} levels");
    } else if message.contains("alias replay limit exceeded") || message.contains("budget breached")
    {
        message = format!(
            "aliases expand past the limit of {MAX_REPLAYED_EVENTS} events (a billion-laughs document?)"
        );
    }
    if let Some(first) = message.get(..1) {
        let lower = first.to_lowercase();
        message.replace_range(..1, &lower);
    }
    SyntaxError {
        span: Span::empty(file, offset),
        message: format!("invalid YAML: {message}"),
    }
}

/// The byte offset an error points at: its location's byte offset, else its line and column, else the
/// scanner's marker (parser errors may carry no location of their own), else the start of the file.
fn error_offset(text: &str, error: &serde_saphyr::Error) -> usize {
    let location = error
        .location()
        .or_else(|| error.locations().and_then(|l| l.primary_location()))
        .filter(|l| l.line() > 0);
    if let Some(location) = location {
        if let Some(offset) = location.span().byte_offset() {
            return (offset as usize).min(text.len());
        }
        return offset_of(
            text,
            location.line() as usize,
            location.column().saturating_sub(1) as usize,
        );
    }
    if let serde_saphyr::Error::ExternalMessage { source, .. } = error
        && let serde_saphyr::ExternalMessageSource::Parser(scan) = source.as_ref()
    {
        return offset_of(text, scan.marker().line(), scan.marker().col());
    }
    0
}

/// The byte offset of 1-based `line` and 0-based character `column`, clamped to the text.
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let line_start = if line <= 1 {
        0
    } else {
        text.match_indices('\n')
            .nth(line - 2)
            .map_or(text.len(), |(i, _)| i + 1)
    };
    let rest = &text[line_start..];
    let line_text = &rest[..rest.find('\n').unwrap_or(rest.len())];
    line_start
        + line_text
            .char_indices()
            .nth(column)
            .map_or(line_text.len(), |(i, _)| i)
}

/// A key written twice in one mapping: the first and the repeated occurrence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DuplicateKey {
    /// The key.
    pub key: String,
    /// The earlier occurrence's key span.
    pub first: Span,
    /// The later occurrence's key span (the one a YAML loader keeps, or rejects).
    pub repeated: Span,
}

/// Keys written more than once in the same mapping, anywhere in the tree (keys brought in by a `<<` merge
/// are overridden by design and do not count).
pub fn duplicate_keys(root: &Node) -> Vec<DuplicateKey> {
    let mut found = Vec::new();
    let mut stack = vec![root];
    while let Some(node) = stack.pop() {
        match &node.kind {
            NodeKind::Map(entries) => {
                let own: Vec<&Entry> = entries.iter().filter(|e| is_own(node, e)).collect();
                for (i, entry) in own.iter().enumerate() {
                    let Some(key) = entry.key.scalar() else {
                        continue;
                    };
                    if let Some(first) = own[..i]
                        .iter()
                        .find(|e| e.key.scalar().is_some_and(|k| k.text == key.text))
                    {
                        found.push(DuplicateKey {
                            key: key.text.clone(),
                            first: first.key.span,
                            repeated: entry.key.span,
                        });
                    }
                }
                stack.extend(entries.iter().filter(|e| is_own(node, e)).map(|e| &e.value));
            }
            NodeKind::Seq(items) => stack.extend(items),
            NodeKind::Scalar(_) => {}
        }
    }
    found.sort_by_key(|d| d.repeated);
    found
}

/// Whether a mapping entry is written in the mapping itself, not brought in by a merge or alias.
fn is_own(map: &Node, entry: &Entry) -> bool {
    entry.key.use_span == entry.key.span
        && entry.key.span.start >= map.span.start
        && entry.key.span.end <= map.span.end
}

#[cfg(test)]
mod tests;
