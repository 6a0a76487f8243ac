//! TLS006 deprecated-ssl-directive: `ssl on;`, deprecated since nginx 1.15.0 and removed in 1.25.1.

use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::nginx::NginxConfig;

declare_rule! {
    /// The `ssl on` directive is deprecated (removed in nginx 1.25.1); `listen ... ssl` replaces it.
    #[derive(Default)]
    pub struct DeprecatedSslDirective {}
    code = "TLS006", name = "deprecated-ssl-directive", domain = "tls", severity = Warning,
}

impl Check<NginxConfig> for DeprecatedSslDirective {
    fn check(&self, config: &NginxConfig, cx: &mut Ctx<'_>) {
        for (_, directive) in config.walk() {
            if directive.name() != "ssl" || directive.is_block() {
                continue;
            }
            let value = directive.arg(0).unwrap_or("");
            cx.report(
                directive.span,
                format!("`ssl {value}` is deprecated and removed in nginx 1.25.1"),
            )
            .help("delete it and add `ssl` to the server's `listen` (`listen 443 ssl;`)");
        }
    }
}
