//! NGX004 http-splitting: a header or redirect built from `$uri`, `$document_uri` or a regex capture that
//! can hold a decoded CR or LF, so a client injects headers into the response (or the upstream request).

use super::common::variables;
use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::nginx::NginxConfig;
use shiplint_syntax::nginx::Directive;

declare_rule! {
    /// A header or redirect carries a decoded request path, so CRLF in the URL splits the response.
    #[derive(Default)]
    pub struct HttpSplitting {}
    code = "NGX004", name = "http-splitting", domain = "nginx", severity = Error,
    tags = ["security"], security_severity = 7.0,
}

/// Directives whose value ends up in a header line, and which argument holds it.
fn header_value(directive: &Directive) -> Option<usize> {
    match directive.name() {
        "add_header" | "proxy_set_header" | "more_set_headers" => Some(1),
        // A redirect's URL goes into Location; `return 200 "text"` is a body.
        "return" => match directive.args.as_slice() {
            [url] if !url.value.chars().all(|c| c.is_ascii_digit()) => Some(0),
            [code, _] if matches!(code.value.as_str(), "301" | "302" | "303" | "307" | "308") => {
                Some(1)
            }
            _ => None,
        },
        "rewrite" => Some(1),
        _ => None,
    }
}

/// Whether a regex has a group that can capture a line break: a negated class (`[^/]`) that does not
/// exclude `\n` and `\r`. `.` does not match a line break in PCRE's default mode.
fn captures_line_breaks(regex: &str) -> bool {
    let mut rest = regex;
    while let Some(at) = rest.find("[^") {
        let body = &rest[at + 2..];
        let end = body.find(']').unwrap_or(body.len());
        let class = &body[..end];
        if !(class.contains("\\n") || class.contains("\\r") || class.contains("\\s")) {
            return regex.contains('(');
        }
        rest = &body[end..];
    }
    false
}

impl Check<NginxConfig> for HttpSplitting {
    fn check(&self, config: &NginxConfig, cx: &mut Ctx<'_>) {
        // (directives, regex of the enclosing regex location)
        let mut stack: Vec<(&[Directive], Option<&str>)> = vec![(&config.tree, None)];
        while let Some((level, regex)) = stack.pop() {
            for directive in level {
                if let Some(children) = &directive.block {
                    let inner = match (directive.name(), directive.args.as_slice()) {
                        ("location", [modifier, path]) if modifier.value.starts_with('~') => {
                            Some(path.value.as_str())
                        }
                        _ => regex,
                    };
                    stack.push((children, inner));
                    continue;
                }
                let Some(index) = header_value(directive) else {
                    continue;
                };
                let Some(value) = directive.args.get(index) else {
                    continue;
                };
                let own_regex = (directive.name() == "rewrite")
                    .then(|| directive.arg(0))
                    .flatten()
                    .or(regex);
                let Some(culprit) = variables(&value.value).into_iter().find(|v| match *v {
                    "uri" | "document_uri" => true,
                    digits if digits.chars().all(|c| c.is_ascii_digit()) => {
                        own_regex.is_some_and(captures_line_breaks)
                    }
                    _ => false,
                }) else {
                    continue;
                };
                cx.report(
                    value.span,
                    format!(
                        "`{}` writes `${culprit}` into a header; a URL-encoded CR LF in the request splits it",
                        directive.name()
                    ),
                )
                .help("use `$request_uri` (kept encoded), or exclude line breaks from the capture (`[^/\\r\\n]`)");
            }
        }
    }
}
