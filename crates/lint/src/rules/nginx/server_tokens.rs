//! NGX006 server-tokens: nginx announces its version in the Server header and on error pages.

use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::nginx::{Context, NginxConfig};

declare_rule! {
    /// The nginx version is disclosed (`server_tokens` on, its default).
    #[derive(Default)]
    pub struct ServerTokens {}
    code = "NGX006", name = "server-tokens", domain = "nginx", severity = Info,
    tags = ["security"], security_severity = 2.0,
}

impl Check<NginxConfig> for ServerTokens {
    fn check(&self, config: &NginxConfig, cx: &mut Ctx<'_>) {
        let mut any = false;
        for (_, directive) in config.walk() {
            if directive.name() != "server_tokens" {
                continue;
            }
            any = true;
            let value = directive.arg(0).unwrap_or("");
            if value.eq_ignore_ascii_case("off") {
                continue;
            }
            cx.report(
                directive.span,
                format!("`server_tokens {value}` discloses the nginx version"),
            )
            .help("write `server_tokens off;` in `http`");
        }
        // The default is on; only a main configuration decides for the whole server.
        if any || config.context != Context::Main {
            return;
        }
        if let Some(http) = config
            .tree
            .iter()
            .find(|d| d.name() == "http" && d.is_block())
        {
            cx.report(
                http.name.span,
                "no `server_tokens off`: nginx discloses its version by default",
            )
            .help("add `server_tokens off;` to this block");
        }
    }
}
