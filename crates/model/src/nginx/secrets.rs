//! Secret values written into nginx files, masked wherever shiplint shows source text: literal values of
//! `set $password ...`, of credential headers and parameters (`proxy_set_header Authorization "Basic ..."`,
//! `fastcgi_param DB_PASSWORD ...`), and the secret words of `secure_link_md5` / `secure_link_secret`.

use crate::secrets::is_secret_name;
use shiplint_syntax::Span;
use shiplint_syntax::nginx::{Directive, NginxFile};

/// Directives whose first argument names a header or parameter and whose second is its value.
const NAMED_VALUES: &[&str] = &[
    "add_header",
    "proxy_set_header",
    "grpc_set_header",
    "fastcgi_param",
    "uwsgi_param",
    "scgi_param",
    "env",
];

fn is_credential_name(name: &str) -> bool {
    let lower = name.trim_start_matches('$').to_ascii_lowercase();
    lower.contains("authorization") || lower == "cookie" || is_secret_name(&lower)
}

fn literal(value: &str) -> bool {
    !value.is_empty() && !value.contains('$')
}

fn directive_secrets(directive: &Directive) -> Option<Span> {
    match (directive.name(), directive.args.as_slice()) {
        ("set", [name, value]) if is_credential_name(&name.value) && literal(&value.value) => {
            Some(value.span)
        }
        (name, [key, value, ..])
            if NAMED_VALUES.contains(&name)
                && is_credential_name(&key.value)
                && literal(&value.value) =>
        {
            Some(value.span)
        }
        // `env NAME=value` passes a value to worker processes.
        ("env", [assignment]) => {
            let (key, value) = assignment.value.split_once('=')?;
            (is_secret_name(key) && literal(value)).then_some(assignment.span)
        }
        ("secure_link_md5" | "secure_link_secret", [value, ..]) => Some(value.span),
        _ => None,
    }
}

/// Spans of the secret values in `file`.
pub(crate) fn secret_spans(file: &NginxFile) -> Vec<Span> {
    file.walk().filter_map(directive_secrets).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use shiplint_syntax::FileId;

    #[test]
    fn finds_literal_credentials_only() {
        let src = "set $api_token abc123;\nset $user $remote_user;\nproxy_set_header Authorization \"Basic dXNlcjpwYXNz\";\nproxy_set_header Authorization $http_authorization;\nfastcgi_param DB_PASSWORD hunter2;\nsecure_link_md5 \"$uri s3cr3t\";\nadd_header X-Frame-Options DENY;\n";
        let file = shiplint_syntax::nginx::parse(FileId(0), src);
        let found: Vec<&str> = secret_spans(&file).iter().map(|s| s.text(src)).collect();
        assert_eq!(
            found,
            [
                "abc123",
                "\"Basic dXNlcjpwYXNz\"",
                "hunter2",
                "\"$uri s3cr3t\""
            ]
        );
    }
}
