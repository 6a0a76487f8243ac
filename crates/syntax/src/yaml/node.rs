//! The YAML node tree: what serde-saphyr reads, kept with byte spans for every key and value.
//!
//! Built by a serde visitor that asks serde-saphyr for `Spanned<Node>` at every key, value and sequence item,
//! so each node knows where it is written (`span`) and where it is used (`use_span`: the alias `*a` or the
//! `<<` merge entry that brought it in; equal to `span` for a node written in place).

use crate::{FileId, Span};
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use std::fmt;

/// One YAML node with its spans.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// What the node holds.
    pub kind: NodeKind,
    /// Where the node is defined (for an alias: the anchored definition).
    pub span: Span,
    /// Where the node is used: the alias or the merge entry that brought it here, else `span`.
    pub use_span: Span,
}

/// A node's content.
#[derive(Clone, Debug, PartialEq)]
pub enum NodeKind {
    /// A scalar.
    Scalar(Scalar),
    /// A sequence.
    Seq(Vec<Node>),
    /// A mapping, entries in source order (duplicates kept, merges expanded).
    Map(Vec<Entry>),
}

/// One mapping entry.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// The key node.
    pub key: Node,
    /// The value node.
    pub value: Node,
}

/// A scalar's type as YAML 1.2's core schema resolves it (booleans are only `true`/`false`).
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum ScalarKind {
    /// `null`, `~` or nothing.
    Null,
    /// `true` or `false`.
    Bool,
    /// An integer.
    Int,
    /// A floating-point number.
    Float,
    /// A string (quoted, or plain text that is no other type).
    Str,
}

/// A scalar: its resolved text and type.
#[derive(Clone, Debug, PartialEq)]
pub struct Scalar {
    /// The value as text: a string's content; a number or boolean as YAML wrote it resolved (`8080`, `true`);
    /// empty for null.
    pub text: String,
    /// Its type.
    pub kind: ScalarKind,
}

impl Node {
    /// The scalar, if this node is one.
    pub fn scalar(&self) -> Option<&Scalar> {
        match &self.kind {
            NodeKind::Scalar(scalar) => Some(scalar),
            _ => None,
        }
    }

    /// The scalar's text, if this node is a scalar that is not null.
    pub fn as_str(&self) -> Option<&str> {
        self.scalar()
            .filter(|s| s.kind != ScalarKind::Null)
            .map(|s| s.text.as_str())
    }

    /// Whether this is a null scalar.
    pub fn is_null(&self) -> bool {
        self.scalar().is_some_and(|s| s.kind == ScalarKind::Null)
    }

    /// The mapping's entries, if this node is a mapping.
    pub fn entries(&self) -> Option<&[Entry]> {
        match &self.kind {
            NodeKind::Map(entries) => Some(entries),
            _ => None,
        }
    }

    /// The sequence's items, if this node is a sequence.
    pub fn items(&self) -> Option<&[Node]> {
        match &self.kind {
            NodeKind::Seq(items) => Some(items),
            _ => None,
        }
    }

    /// The value of the last entry whose key is the string `key` (YAML loaders keep the last of duplicates).
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|e| &e.value)
    }

    /// The last entry whose key is the string `key`.
    pub fn entry(&self, key: &str) -> Option<&Entry> {
        self.entries()?
            .iter()
            .rev()
            .find(|e| e.key.as_str() == Some(key))
    }

    /// A short name of the node's type, for messages.
    pub fn type_name(&self) -> &'static str {
        match &self.kind {
            NodeKind::Scalar(s) => match s.kind {
                ScalarKind::Null => "null",
                ScalarKind::Bool => "boolean",
                ScalarKind::Int => "integer",
                ScalarKind::Float => "number",
                ScalarKind::Str => "string",
            },
            NodeKind::Seq(_) => "sequence",
            NodeKind::Map(_) => "mapping",
        }
    }
}

/// A node as the visitor builds it, before its location is attached (serde-saphyr gives locations through
/// `Spanned<Raw>` at the parent).
pub(crate) struct Raw(pub(crate) RawKind);

pub(crate) enum RawKind {
    Scalar(Scalar),
    Seq(Vec<serde_saphyr::Spanned<Raw>>),
    Map(Vec<(serde_saphyr::Spanned<Raw>, serde_saphyr::Spanned<Raw>)>),
}

impl<'de> Deserialize<'de> for Raw {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(RawVisitor)
    }
}

struct RawVisitor;

fn scalar(text: impl Into<String>, kind: ScalarKind) -> Raw {
    Raw(RawKind::Scalar(Scalar {
        text: text.into(),
        kind,
    }))
}

impl<'de> Visitor<'de> for RawVisitor {
    type Value = Raw;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML node")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Raw, E> {
        Ok(scalar(v.to_string(), ScalarKind::Bool))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Raw, E> {
        Ok(scalar(v.to_string(), ScalarKind::Int))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Raw, E> {
        Ok(scalar(v.to_string(), ScalarKind::Int))
    }
    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Raw, E> {
        Ok(scalar(v.to_string(), ScalarKind::Int))
    }
    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Raw, E> {
        Ok(scalar(v.to_string(), ScalarKind::Int))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Raw, E> {
        Ok(scalar(v.to_string(), ScalarKind::Float))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Raw, E> {
        Ok(scalar(v, ScalarKind::Str))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Raw, E> {
        Ok(scalar(v, ScalarKind::Str))
    }
    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Raw, E> {
        Ok(scalar(String::from_utf8_lossy(v), ScalarKind::Str))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Raw, E> {
        Ok(scalar("", ScalarKind::Null))
    }
    fn visit_none<E: de::Error>(self) -> Result<Raw, E> {
        Ok(scalar("", ScalarKind::Null))
    }
    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Raw, D::Error> {
        Raw::deserialize(deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Raw, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<serde_saphyr::Spanned<Raw>>()? {
            items.push(item);
        }
        Ok(Raw(RawKind::Seq(items)))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Raw, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<serde_saphyr::Spanned<Raw>>()? {
            let value = map.next_value::<serde_saphyr::Spanned<Raw>>()?;
            entries.push((key, value));
        }
        Ok(Raw(RawKind::Map(entries)))
    }
}

/// Converts the visitor's tree into [`Node`]s with byte spans, without recursion (an explicit stack), so a
/// tree of any depth the budget lets through converts without growing the call stack.
pub(crate) fn build(file: FileId, text: &str, root: serde_saphyr::Spanned<Raw>) -> Node {
    enum Task {
        Visit(serde_saphyr::Spanned<Raw>),
        FinishSeq(Span, Span, usize),
        FinishMap(Span, Span, usize),
    }
    let mut tasks = vec![Task::Visit(root)];
    let mut done: Vec<Node> = Vec::new();
    while let Some(task) = tasks.pop() {
        match task {
            Task::Visit(spanned) => {
                let span = to_span(file, text, &spanned.defined);
                let use_span = if spanned.referenced == spanned.defined {
                    span
                } else {
                    to_span(file, text, &spanned.referenced)
                };
                match spanned.value.0 {
                    RawKind::Scalar(scalar) => done.push(Node {
                        kind: NodeKind::Scalar(scalar),
                        span,
                        use_span,
                    }),
                    RawKind::Seq(items) => {
                        tasks.push(Task::FinishSeq(span, use_span, items.len()));
                        tasks.extend(items.into_iter().rev().map(Task::Visit));
                    }
                    RawKind::Map(entries) => {
                        tasks.push(Task::FinishMap(span, use_span, entries.len()));
                        for (key, value) in entries.into_iter().rev() {
                            tasks.push(Task::Visit(value));
                            tasks.push(Task::Visit(key));
                        }
                    }
                }
            }
            Task::FinishSeq(span, use_span, count) => {
                let items = done.split_off(done.len() - count);
                let sites = items.iter().map(|n| written_at(n, span, use_span));
                let span = close_flow(text, cover_children(span, sites));
                done.push(Node {
                    kind: NodeKind::Seq(items),
                    span,
                    use_span: if use_span.start == span.start {
                        span
                    } else {
                        use_span
                    },
                });
            }
            Task::FinishMap(span, use_span, count) => {
                let flat = done.split_off(done.len() - 2 * count);
                let mut entries = Vec::with_capacity(count);
                let mut iter = flat.into_iter();
                while let (Some(key), Some(value)) = (iter.next(), iter.next()) {
                    entries.push(Entry { key, value });
                }
                // Merged entries point into their anchor; only this mapping's own entries extend its span.
                let own = entries
                    .iter()
                    .filter(|e| e.key.use_span == e.key.span || e.key.use_span == use_span)
                    .flat_map(|e| [e.key.span, written_at(&e.value, span, use_span)]);
                let span = close_flow(text, cover_children(span, own));
                done.push(Node {
                    kind: NodeKind::Map(entries),
                    span,
                    use_span: if use_span.start == span.start {
                        span
                    } else {
                        use_span
                    },
                });
            }
        }
    }
    done.pop().unwrap_or(Node {
        kind: NodeKind::Scalar(Scalar {
            text: String::new(),
            kind: ScalarKind::Null,
        }),
        span: Span::empty(file, 0),
        use_span: Span::empty(file, 0),
    })
}

/// Where a child is written inside its parent: its use site, unless it only shares the use site of its
/// parent (both replayed from one alias), in which case its own definition.
fn written_at(child: &Node, parent_span: Span, parent_use: Span) -> Span {
    if child.use_span == parent_use && parent_use != parent_span {
        child.span
    } else {
        child.use_span
    }
}

/// A collection's span: from its start to the end of its last child written after it (children that are
/// aliases point elsewhere and do not count).
fn cover_children(span: Span, children: impl Iterator<Item = Span>) -> Span {
    let end = children
        .filter(|c| c.start >= span.start)
        .map(|c| c.end)
        .max()
        .unwrap_or(span.end)
        .max(span.end);
    Span { end, ..span }
}

/// A flow collection's span reaches its closing bracket.
fn close_flow(text: &str, span: Span) -> Span {
    let bytes = text.as_bytes();
    let close = match bytes.get(span.start as usize) {
        Some(b'[') => b']',
        Some(b'{') => b'}',
        _ => return span,
    };
    let mut end = span.end as usize;
    while let Some(&b) = bytes.get(end) {
        match b {
            b' ' | b'\t' | b'\n' | b'\r' | b',' => end += 1,
            _ if b == close => return Span::new(span.file, span.start as usize, end + 1),
            _ => break,
        }
    }
    span
}

/// A serde-saphyr location as a byte span; a location without byte information is an empty span at 0.
fn to_span(file: FileId, text: &str, location: &serde_saphyr::Location) -> Span {
    let span = location.span();
    let start = span.byte_offset().unwrap_or(0) as usize;
    let len = span.byte_len().unwrap_or(0) as usize;
    let start = start.min(text.len());
    let end = start.saturating_add(len).min(text.len());
    Span::new(file, start, end)
}
