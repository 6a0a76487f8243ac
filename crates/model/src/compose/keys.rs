//! Unknown keys: every key the Compose Specification does not allow where it is written, found by walking
//! the tree along the shapes of [`spec_keys`](super::spec_keys). `x-` keys are extensions, allowed where the
//! schema allows them.

use super::spec_keys::{Nested, Shape, TOP_LEVEL};
use shiplint_syntax::Spanned;
use shiplint_syntax::yaml::Node;

/// A key the specification does not allow where it is written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownKey {
    /// The key as written, with its span.
    pub key: Spanned<String>,
    /// Where it is: `services.web`, `services.web.build`, or empty for the top level.
    pub path: String,
}

/// Every unknown key of the file, in source order. A key brought in by a `<<` merge or an alias is reported
/// once, where it is written.
pub fn unknown_keys(root: &Node) -> Vec<UnknownKey> {
    let mut out = Vec::new();
    // The schema's nesting is fixed and shallow, so the walk is bounded by it, not by the input.
    let mut stack: Vec<(&Node, &Shape, String)> = vec![(root, &TOP_LEVEL, String::new())];
    while let Some((map, shape, path)) = stack.pop() {
        for entry in map.entries().unwrap_or_default() {
            let Some(key) = entry.key.as_str() else {
                continue;
            };
            let allowed = shape.keys.contains(&key) || (shape.extensions && key.starts_with("x-"));
            if !allowed {
                out.push(UnknownKey {
                    key: Spanned::new(key.to_string(), entry.key.span),
                    path: path.clone(),
                });
                continue;
            }
            let Some((_, nested)) = shape.nested.iter().find(|(name, _)| *name == key) else {
                continue;
            };
            let here = if path.is_empty() {
                key.to_string()
            } else {
                format!("{path}.{key}")
            };
            match *nested {
                Nested::Map(inner) => {
                    if entry.value.entries().is_some() {
                        stack.push((&entry.value, inner, here));
                    }
                }
                Nested::Items(inner) => {
                    for (i, item) in entry.value.items().unwrap_or_default().iter().enumerate() {
                        if item.entries().is_some() {
                            stack.push((item, inner, format!("{here}[{i}]")));
                        }
                    }
                }
                Nested::Named(inner) => {
                    for named in entry.value.entries().unwrap_or_default() {
                        let Some(name) = named.key.as_str() else {
                            continue;
                        };
                        if named.value.entries().is_some() {
                            stack.push((&named.value, inner, format!("{here}.{name}")));
                        }
                    }
                }
            }
        }
    }
    out.sort_by(|a, b| {
        a.key
            .span
            .cmp(&b.key.span)
            .then_with(|| a.path.cmp(&b.path))
    });
    out.dedup_by(|a, b| a.key.span == b.key.span);
    out
}
