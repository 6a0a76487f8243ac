//! Compose variable interpolation: `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`,
//! `${VAR:?error}`, `${VAR?error}`, `${VAR:+alt}`, `${VAR+alt}` and `$$` for a literal `$`.
//!
//! Values come from the project's `.env` only, never from the environment shiplint runs in, so a check gives
//! the same result on every machine; a variable that is not set there is reported (as information) and
//! replaced by an empty string, as Docker Compose does with a warning.

use std::collections::BTreeMap;

/// What interpolating one string found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Interpolated {
    /// The text with every reference replaced.
    pub value: String,
    /// Variables that were used without a value and without a default.
    pub unset: Vec<String>,
    /// A required variable (`${VAR:?message}`) without a value: the variable and its message.
    pub required: Option<(String, String)>,
}

/// Deepest nesting of `${...}` inside defaults followed (compose files nest one or two levels).
const MAX_NESTING: usize = 8;

/// Interpolates `text` with the variables of `env`.
pub fn interpolate(text: &str, env: &BTreeMap<String, String>) -> Interpolated {
    let mut out = Interpolated::default();
    out.value = expand(text, env, &mut out, 0);
    out
}

fn expand(
    text: &str,
    env: &BTreeMap<String, String>,
    out: &mut Interpolated,
    depth: usize,
) -> String {
    if !text.contains('$') {
        return text.to_string();
    }
    let mut result = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('$') {
        result.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        if let Some(tail) = after.strip_prefix('$') {
            result.push('$');
            rest = tail;
        } else if let Some(body) = after.strip_prefix('{') {
            match braced_end(body) {
                Some(end) => {
                    result.push_str(&braced(&body[..end], env, out, depth));
                    rest = &body[end + 1..];
                }
                None => {
                    // No closing brace: compose rejects the file; keep the text as written.
                    result.push_str(&rest[at..]);
                    rest = "";
                }
            }
        } else {
            let len = name_len(after);
            if len == 0 {
                result.push('$');
                rest = after;
            } else {
                let name = &after[..len];
                result.push_str(&lookup(name, env, out));
                rest = &after[len..];
            }
        }
    }
    result.push_str(rest);
    result
}

/// The index of the `}` that closes a `${`, counting nested `${...}` in defaults.
fn braced_end(body: &str) -> Option<usize> {
    let mut depth = 0usize;
    let bytes = body.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'$' if bytes.get(i + 1) == Some(&b'{') => {
                depth += 1;
                i += 1;
            }
            b'}' if depth == 0 => return Some(i),
            b'}' => depth -= 1,
            _ => {}
        }
        i += 1;
    }
    None
}

fn name_len(text: &str) -> usize {
    text.bytes()
        .enumerate()
        .take_while(|&(i, b)| b == b'_' || b.is_ascii_alphabetic() || (i > 0 && b.is_ascii_digit()))
        .count()
}

fn lookup(name: &str, env: &BTreeMap<String, String>, out: &mut Interpolated) -> String {
    match env.get(name) {
        Some(value) => value.clone(),
        None => {
            if !out.unset.iter().any(|n| n == name) {
                out.unset.push(name.to_string());
            }
            String::new()
        }
    }
}

fn braced(
    body: &str,
    env: &BTreeMap<String, String>,
    out: &mut Interpolated,
    depth: usize,
) -> String {
    let len = name_len(body);
    let name = &body[..len];
    let operator = &body[len..];
    let value = env.get(name);
    let nested = |text: &str, out: &mut Interpolated| {
        if depth >= MAX_NESTING {
            text.to_string()
        } else {
            expand(text, env, out, depth + 1)
        }
    };
    let set_nonempty = value.is_some_and(|v| !v.is_empty());
    if operator.is_empty() {
        return lookup(name, env, out);
    }
    if let Some(default) = operator.strip_prefix(":-") {
        return if set_nonempty {
            value.cloned().unwrap_or_default()
        } else {
            nested(default, out)
        };
    }
    if let Some(default) = operator.strip_prefix('-') {
        return match value {
            Some(v) => v.clone(),
            None => nested(default, out),
        };
    }
    if let Some(message) = operator.strip_prefix(":?") {
        if !set_nonempty && out.required.is_none() {
            out.required = Some((name.to_string(), nested(message, out)));
        }
        return value.cloned().unwrap_or_default();
    }
    if let Some(message) = operator.strip_prefix('?') {
        if value.is_none() && out.required.is_none() {
            out.required = Some((name.to_string(), nested(message, out)));
        }
        return value.cloned().unwrap_or_default();
    }
    if let Some(alternative) = operator.strip_prefix(":+") {
        return if set_nonempty {
            nested(alternative, out)
        } else {
            String::new()
        };
    }
    if let Some(alternative) = operator.strip_prefix('+') {
        return if value.is_some() {
            nested(alternative, out)
        } else {
            String::new()
        };
    }
    // `${VAR}` with something compose does not know after the name: kept as written.
    format!("${{{body}}}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env() -> BTreeMap<String, String> {
        [("TAG", "1.25"), ("EMPTY", "")]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn forms() {
        let env = env();
        let value = |text: &str| interpolate(text, &env).value;
        assert_eq!(value("nginx:${TAG}"), "nginx:1.25");
        assert_eq!(value("nginx:$TAG-x"), "nginx:1.25-x");
        assert_eq!(
            value("${MISSING:-a}/${EMPTY:-b}/${EMPTY-c}/${MISSING-d}"),
            "a/b//d"
        );
        assert_eq!(value("${TAG:+set}${MISSING:+no}"), "set");
        assert_eq!(value("$$HOME and $${TAG}"), "$HOME and ${TAG}");
        assert_eq!(value("${MISSING:-${TAG}}"), "1.25");
        assert_eq!(value("cost: 5$"), "cost: 5$");
    }

    #[test]
    fn unset_and_required() {
        let env = env();
        let out = interpolate("${A}-$B-${A}", &env);
        assert_eq!(
            (out.value.as_str(), out.unset),
            ("--", vec!["A".to_string(), "B".to_string()])
        );
        let out = interpolate("${ID:?ID must be set}", &env);
        assert_eq!(
            out.required,
            Some(("ID".to_string(), "ID must be set".to_string()))
        );
        assert!(interpolate("${EMPTY?x}", &env).required.is_none());
        assert!(interpolate("${EMPTY:?x}", &env).required.is_some());
    }
}
