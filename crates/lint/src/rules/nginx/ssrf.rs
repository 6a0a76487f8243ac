//! NGX003 ssrf: `proxy_pass` whose host comes from the request, so a client chooses where nginx connects.

use super::common::{is_request_variable, variables};
use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::nginx::NginxConfig;

declare_rule! {
    /// `proxy_pass` sends requests to a host taken from the request (server-side request forgery).
    #[derive(Default)]
    pub struct Ssrf {}
    code = "NGX003", name = "ssrf", domain = "nginx", severity = Error,
    tags = ["security"], security_severity = 8.0,
}

impl Check<NginxConfig> for Ssrf {
    fn check(&self, config: &NginxConfig, cx: &mut Ctx<'_>) {
        for (_, location) in config.walk() {
            if !location.is_block() || !matches!(location.name(), "location" | "if") {
                continue;
            }
            // Internal locations are reachable only through nginx's own redirects.
            if location.children().iter().any(|d| d.name() == "internal") {
                continue;
            }
            for pass in location
                .children()
                .iter()
                .filter(|d| d.name() == "proxy_pass")
            {
                let Some(url) = pass.args.first() else {
                    continue;
                };
                let rest = url
                    .value
                    .split_once("://")
                    .map_or(url.value.as_str(), |(_, r)| r);
                let authority = rest.split('/').next().unwrap_or("");
                // Only the first variable can start the host: a later one may as well begin the path.
                let Some(variable) = variables(authority)
                    .into_iter()
                    .next()
                    .filter(|v| is_request_variable(v))
                else {
                    continue;
                };
                cx.report(
                    url.span,
                    format!("`proxy_pass {}` connects to a host taken from the request (`${variable}`)", url.value),
                )
                .help("proxy to a fixed host or upstream; map allowed values with `map` and reject the rest");
            }
        }
    }
}
