//! NGX005 header-dropped: a nested level (location, `if`, or a server under `http`) has its own
//! `add_header`, so security headers set at the outer level are no longer sent there. HSTS is TLS002's.

use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::nginx::{HeaderSet, NginxConfig};
use shiplint_syntax::Span;

declare_rule! {
    /// A nested add_header silently drops the security headers set at an outer level.
    #[derive(Default)]
    pub struct HeaderDropped {}
    code = "NGX005", name = "header-dropped", domain = "nginx", severity = Warning,
    tags = ["security"], security_severity = 4.0,
}

const SECURITY_HEADERS: &[&str] = &[
    "content-security-policy",
    "x-frame-options",
    "x-content-type-options",
    "referrer-policy",
    "permissions-policy",
    "x-xss-protection",
    "cross-origin-opener-policy",
    "cross-origin-embedder-policy",
    "cross-origin-resource-policy",
];

fn report(cx: &mut Ctx<'_>, anchor: Span, set: &HeaderSet) {
    let dropped: Vec<&str> = set
        .dropped
        .iter()
        .filter(|h| SECURITY_HEADERS.contains(&h.name.value.to_ascii_lowercase().as_str()))
        .map(|h| h.name.value.as_str())
        .collect();
    let Some(first) = set
        .dropped
        .iter()
        .find(|h| dropped.contains(&h.name.value.as_str()))
    else {
        return;
    };
    let mut finding = cx.report(
        anchor,
        format!(
            "this block's own `add_header` drops `{}` set outside it",
            dropped.join("`, `")
        ),
    );
    if let Some(own) = set.defined_at {
        finding = finding.label(own, "replaces the inherited headers");
    }
    finding
        .label(first.span, "no longer sent here")
        .help("repeat the security headers in this block (an include shared by both keeps them in step), or use `add_header_inherit merge;` (nginx 1.29.3)");
}

impl Check<NginxConfig> for HeaderDropped {
    fn check(&self, config: &NginxConfig, cx: &mut Ctx<'_>) {
        for server in &config.effective.servers {
            report(cx, server.name, &server.settings.add_headers);
            for location in &server.locations {
                report(cx, location.name, &location.settings.add_headers);
            }
        }
    }
}
