//! Dockerfile variable substitution (`$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR:+alt}`, …) and the
//! unquoting of ENV/ARG values, as BuildKit applies them to FROM, USER, WORKDIR, EXPOSE and ENV.

/// The result of substituting variables in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Expanded {
    /// The text with every known variable replaced (unknown ones become empty, as in BuildKit).
    pub value: String,
    /// Whether a variable had no value and no default: the value may not be what the build will see.
    pub unresolved: bool,
}

/// Substitutes variables in `text`, looking names up with `lookup`. A backslash escapes `$`.
pub fn expand(text: &str, lookup: &dyn Fn(&str) -> Option<String>) -> Expanded {
    let mut value = String::with_capacity(text.len());
    let mut unresolved = false;
    let mut rest = text;
    while let Some(pos) = rest.find(['$', '\\']) {
        value.push_str(&rest[..pos]);
        let after = &rest[pos + 1..];
        if rest.as_bytes()[pos] == b'\\' {
            match after.chars().next() {
                Some('$') => {
                    value.push('$');
                    rest = &after[1..];
                }
                _ => {
                    value.push('\\');
                    rest = after;
                }
            }
            continue;
        }
        if let Some(braced) = after.strip_prefix('{') {
            let Some(close) = braced.find('}') else {
                value.push_str(&rest[pos..]);
                rest = "";
                break;
            };
            let inner = &braced[..close];
            rest = &braced[close + 1..];
            let name_len = inner
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(inner.len());
            let (name, modifier) = inner.split_at(name_len);
            let current = lookup(name);
            // With a colon, an empty value counts as unset (`${A:-x}`); without, only a missing one does.
            let colon = modifier.starts_with(':');
            let set = current.as_deref().is_some_and(|v| !colon || !v.is_empty());
            let (op, word) = if let Some(word) = modifier.strip_prefix(":-") {
                ("-", word)
            } else if let Some(word) = modifier.strip_prefix(":+") {
                ("+", word)
            } else if let Some(word) = modifier.strip_prefix('-') {
                ("-", word)
            } else if let Some(word) = modifier.strip_prefix('+') {
                ("+", word)
            } else {
                ("", "")
            };
            match op {
                "-" if !set => {
                    let inner = expand(word, lookup);
                    unresolved |= inner.unresolved;
                    value.push_str(&inner.value);
                }
                "+" => {
                    if set {
                        let inner = expand(word, lookup);
                        unresolved |= inner.unresolved;
                        value.push_str(&inner.value);
                    } else if current.is_none() {
                        unresolved = true;
                    }
                }
                _ => match current {
                    Some(v) => value.push_str(&v),
                    None => unresolved = true,
                },
            }
            continue;
        }
        let name_len = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(after.len());
        if name_len == 0 {
            value.push('$');
            rest = after;
            continue;
        }
        match lookup(&after[..name_len]) {
            Some(v) => value.push_str(&v),
            None => unresolved = true,
        }
        rest = &after[name_len..];
    }
    value.push_str(rest);
    Expanded { value, unresolved }
}

/// Removes one level of quotes from an ENV/ARG value as written: `"a b"` and `'a b'` become `a b`, `\"`
/// inside double quotes becomes `"`; unquoted backslash escapes are applied.
pub fn unquote(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    let mut quote: Option<char> = None;
    while let Some(c) = chars.next() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (Some('\''), c) => out.push(c),
            (_, '\\') => match chars.next() {
                Some(next) if quote.is_none() || matches!(next, '"' | '\\' | '$') => {
                    // An escaped `$` stays escaped: expansion runs later and must not see a variable.
                    if next == '$' {
                        out.push('\\');
                    }
                    out.push(next)
                }
                Some(next) => {
                    out.push('\\');
                    out.push(next);
                }
                None => out.push('\\'),
            },
            (_, c) => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars(name: &str) -> Option<String> {
        match name {
            "GO_VERSION" => Some("1.22".into()),
            "EMPTY" => Some(String::new()),
            _ => None,
        }
    }

    fn exp(text: &str) -> (String, bool) {
        let e = expand(text, &vars);
        (e.value, e.unresolved)
    }

    #[test]
    fn plain_and_braced_forms() {
        assert_eq!(
            exp("golang:${GO_VERSION}-alpine"),
            ("golang:1.22-alpine".into(), false)
        );
        assert_eq!(exp("golang:$GO_VERSION"), ("golang:1.22".into(), false));
        assert_eq!(exp("a$-b"), ("a$-b".into(), false));
    }

    #[test]
    fn defaults_and_alternatives() {
        assert_eq!(exp("${MISSING:-1.21}"), ("1.21".into(), false));
        assert_eq!(exp("${EMPTY:-x}"), ("x".into(), false));
        assert_eq!(exp("${EMPTY-x}"), (String::new(), false));
        assert_eq!(exp("${GO_VERSION:+set}"), ("set".into(), false));
        assert_eq!(exp("${MISSING:-$GO_VERSION}"), ("1.22".into(), false));
    }

    #[test]
    fn unknown_variables_are_flagged() {
        assert_eq!(exp("alpine:${TAG}"), ("alpine:".into(), true));
        assert_eq!(exp("$TAG"), (String::new(), true));
        assert_eq!(exp("\\$TAG"), ("$TAG".into(), false));
    }

    #[test]
    fn every_prefix_of_tricky_input_expands_without_panicking() {
        let nasty = r#"${A:-${B:+é$C}}\$D$ "x\"y" 'z' ${"#;
        for (end, _) in nasty.char_indices() {
            let _ = expand(&nasty[..end], &vars);
            let _ = unquote(&nasty[..end]);
        }
    }

    #[test]
    fn unquoting() {
        assert_eq!(unquote(r#""a b""#), "a b");
        assert_eq!(unquote("'a $b'"), "a $b");
        assert_eq!(unquote(r#""say \"hi\"""#), r#"say "hi""#);
        assert_eq!(unquote(r"a\ b"), "a b");
        assert_eq!(unquote("plain"), "plain");
    }
}
