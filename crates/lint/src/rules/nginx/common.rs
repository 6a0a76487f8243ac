//! What several nginx rules ask: which variables the client controls.

/// Whether `name` (without `$`) is a variable whose value comes from the request.
pub(crate) fn is_request_variable(name: &str) -> bool {
    const PREFIXES: &[&str] = &["http_", "arg_", "cookie_", "sent_http_"];
    const NAMES: &[&str] = &[
        "args",
        "query_string",
        "request_uri",
        "uri",
        "document_uri",
        "request_body",
        "request",
        "host",
        "request_filename",
        "binary_remote_addr",
    ];
    PREFIXES.iter().any(|p| name.starts_with(p))
        || NAMES.contains(&name)
        || (!name.is_empty() && name.chars().all(|c| c.is_ascii_digit()))
}

/// The variable names (without `$`, braces removed) used in `value`.
pub(crate) fn variables(value: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = value;
    while let Some(at) = rest.find('$') {
        let after = &rest[at + 1..];
        let (name, next) = if let Some(inner) = after.strip_prefix('{') {
            let end = inner.find('}').unwrap_or(inner.len());
            (&inner[..end], &inner[end.min(inner.len())..])
        } else {
            let end = after
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(after.len());
            (&after[..end], &after[end..])
        };
        if !name.is_empty() {
            out.push(name);
        }
        rest = next;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_variables_and_request_ones() {
        assert_eq!(variables("http://$host:${port}/x$1"), ["host", "port", "1"]);
        assert!(is_request_variable("http_x_target"));
        assert!(is_request_variable("1"));
        assert!(!is_request_variable("upstream_addr"));
    }
}
