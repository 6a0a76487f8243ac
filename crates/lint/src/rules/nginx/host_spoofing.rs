//! NGX002 host-spoofing: `proxy_set_header Host $http_host` passes the client's Host header (any value it
//! likes) to the backend, where `$host` would be validated against server_name.

use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::nginx::NginxConfig;

declare_rule! {
    /// The Host header sent upstream is taken unchecked from the request.
    #[derive(Default)]
    pub struct HostSpoofing {}
    code = "NGX002", name = "host-spoofing", domain = "nginx", severity = Warning,
    tags = ["security"], security_severity = 5.0,
}

impl Check<NginxConfig> for HostSpoofing {
    fn check(&self, config: &NginxConfig, cx: &mut Ctx<'_>) {
        for (_, directive) in config.walk() {
            if directive.name() != "proxy_set_header" {
                continue;
            }
            let (Some(name), Some(value)) = (directive.args.first(), directive.args.get(1)) else {
                continue;
            };
            if name.value.eq_ignore_ascii_case("host") && value.value.contains("$http_host") {
                cx.report(
                    value.span,
                    format!(
                        "`proxy_set_header Host {}` forwards the client's Host header unchecked",
                        value.value
                    ),
                )
                .help("use `$host`, which nginx takes from the matched server_name");
            }
        }
    }
}
