//! Facts read from the YAML source text around the parsed nodes: comments, plain (unquoted) scalars, and
//! values that YAML 1.1 loaders read as base-60 numbers.

use super::{Node, NodeKind, ScalarKind};
use crate::{FileId, Span};

/// Whether a scalar node was written plain (no quotes, not a block scalar).
pub fn is_plain(node: &Node, text: &str) -> bool {
    matches!(node.kind, NodeKind::Scalar(_))
        && !matches!(
            text.as_bytes().get(node.span.start as usize),
            Some(b'"' | b'\'' | b'|' | b'>')
        )
}

/// Plain scalars that a YAML 1.1 loader (PyYAML, the old docker-compose, many editors) reads as base-60
/// integers: `22:22` is 1342 there, and a string in YAML 1.2.
pub fn base60_scalars<'a>(root: &'a Node, text: &str) -> Vec<&'a Node> {
    let mut found = Vec::new();
    let mut stack = vec![root];
    while let Some(node) = stack.pop() {
        match &node.kind {
            NodeKind::Scalar(scalar) => {
                if scalar.kind == ScalarKind::Str
                    && node.use_span == node.span
                    && is_plain(node, text)
                    && is_sexagesimal(&scalar.text)
                {
                    found.push(node);
                }
            }
            NodeKind::Seq(items) => stack.extend(items),
            NodeKind::Map(entries) => stack.extend(entries.iter().map(|e| &e.value)),
        }
    }
    found.sort_by_key(|n| n.span);
    found
}

/// YAML 1.1's sexagesimal integer: `[-+]?[1-9][0-9_]*(:[0-5]?[0-9])+`.
fn is_sexagesimal(value: &str) -> bool {
    let value = value.strip_prefix(['-', '+']).unwrap_or(value);
    let mut parts = value.split(':');
    let Some(head) = parts.next() else {
        return false;
    };
    let head_ok = head.starts_with(|c: char| ('1'..='9').contains(&c))
        && head.chars().all(|c| c.is_ascii_digit() || c == '_');
    let mut tails = 0;
    for part in parts {
        let ok = matches!(part.len(), 1 | 2)
            && part.chars().all(|c| c.is_ascii_digit())
            && (part.len() == 1 || part.as_bytes()[0] <= b'5');
        if !ok {
            return false;
        }
        tails += 1;
    }
    head_ok && tails > 0
}

/// The spans of all comments: a `#` at the start of a line or after a blank, outside every scalar.
pub fn comment_spans(file: FileId, text: &str, root: Option<&Node>) -> Vec<Span> {
    let mut scalars: Vec<(usize, usize)> = Vec::new();
    if let Some(root) = root {
        let mut stack = vec![root];
        while let Some(node) = stack.pop() {
            match &node.kind {
                NodeKind::Scalar(_) => {
                    if node.use_span == node.span && !node.span.is_empty() {
                        scalars.push((node.span.start as usize, node.span.end as usize));
                    }
                }
                NodeKind::Seq(items) => stack.extend(items),
                NodeKind::Map(entries) => {
                    stack.extend(entries.iter().flat_map(|e| [&e.key, &e.value]))
                }
            }
        }
    }
    scalars.sort_unstable();
    let inside = |offset: usize| {
        let i = scalars.partition_point(|&(start, _)| start <= offset);
        i > 0 && offset < scalars[i - 1].1
    };
    let bytes = text.as_bytes();
    let mut comments = Vec::new();
    let mut offset = 0;
    while offset < bytes.len() {
        let at = match memchr_hash(&bytes[offset..]) {
            Some(i) => offset + i,
            None => break,
        };
        let after_blank = at == 0 || matches!(bytes[at - 1], b' ' | b'\t' | b'\n' | b'\r');
        if after_blank && !inside(at) && (root.is_some() || !in_quoted_line(text, at)) {
            let end = text[at..].find(['\n', '\r']).map_or(text.len(), |i| at + i);
            comments.push(Span::new(file, at, end));
            offset = end;
        } else {
            offset = at + 1;
        }
    }
    comments
}

fn memchr_hash(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == b'#')
}

/// Without a tree (the file did not parse), a `#` inside quotes on its line is not a comment.
fn in_quoted_line(text: &str, at: usize) -> bool {
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let before = &text[line_start..at];
    before.matches('"').count() % 2 == 1 || before.matches('\'').count() % 2 == 1
}

/// The statements of a YAML file for suppressions: every mapping entry (key to the end of its value) and
/// every sequence item written in the file (not brought in by an alias or merge).
pub fn statement_spans(root: &Node) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut stack = vec![root];
    while let Some(node) = stack.pop() {
        match &node.kind {
            NodeKind::Scalar(_) => {}
            NodeKind::Seq(items) => {
                for item in items.iter().filter(|i| i.use_span == i.span) {
                    spans.push(item.span);
                    stack.push(item);
                }
            }
            NodeKind::Map(entries) => {
                for entry in entries.iter().filter(|e| e.key.use_span == e.key.span) {
                    let end = if entry.value.use_span.start >= entry.key.span.start {
                        entry.value.use_span
                    } else {
                        entry.key.span
                    };
                    spans.push(entry.key.span.cover(end));
                    if entry.value.use_span == entry.value.span {
                        stack.push(&entry.value);
                    }
                }
            }
        }
    }
    spans.sort();
    spans
}

/// Every span in the tree (definitions and use sites of keys and values), for checks that spans stay inside
/// the text.
pub fn all_spans(root: &Node) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut stack = vec![root];
    while let Some(node) = stack.pop() {
        spans.push(node.span);
        spans.push(node.use_span);
        match &node.kind {
            NodeKind::Scalar(_) => {}
            NodeKind::Seq(items) => stack.extend(items),
            NodeKind::Map(entries) => stack.extend(entries.iter().flat_map(|e| [&e.key, &e.value])),
        }
    }
    spans
}
