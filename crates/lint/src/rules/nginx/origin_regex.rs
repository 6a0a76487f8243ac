//! NGX008 origin-regex: an `if` that checks `$http_origin` or `$http_referer` against a regex that is not
//! anchored or has an unescaped dot, so `evil-example.com` or `example.com.evil.net` pass.

use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::nginx::NginxConfig;

declare_rule! {
    /// A regex guarding Origin or Referer is unanchored or too loose, so other sites pass it.
    #[derive(Default)]
    pub struct OriginRegex {}
    code = "NGX008", name = "origin-regex", domain = "nginx", severity = Warning,
    tags = ["security"], security_severity = 5.0,
}

/// What is loose about a regex meant to match a whole origin or URL prefix.
fn looseness(regex: &str) -> Option<&'static str> {
    if !regex.starts_with('^') {
        return Some("is not anchored with `^`, so any origin containing it matches");
    }
    let bytes = regex.as_bytes();
    let unescaped_dot = bytes
        .iter()
        .enumerate()
        .any(|(i, &b)| b == b'.' && (i == 0 || bytes[i - 1] != b'\\'));
    if unescaped_dot {
        return Some("has an unescaped `.`, which matches any character");
    }
    let host_end = regex.trim_end_matches('$');
    if !regex.ends_with('$') && !host_end.ends_with('/') {
        return Some("is not anchored at the end, so `example.com.evil.net` matches");
    }
    None
}

impl Check<NginxConfig> for OriginRegex {
    fn check(&self, config: &NginxConfig, cx: &mut Ctx<'_>) {
        for (_, directive) in config.walk() {
            if directive.name() != "if" {
                continue;
            }
            let [variable, operator, regex] = directive.args.as_slice() else {
                continue;
            };
            if !matches!(variable.value.as_str(), "$http_origin" | "$http_referer")
                || !matches!(operator.value.as_str(), "~" | "~*")
            {
                continue;
            }
            if let Some(problem) = looseness(&regex.value) {
                cx.report(
                    regex.span,
                    format!(
                        "the regex `{}` checking `{}` {problem}",
                        regex.value, variable.value
                    ),
                )
                .help("anchor both ends and escape dots: `^https://(www\\.)?example\\.com$`");
            }
        }
    }
}
