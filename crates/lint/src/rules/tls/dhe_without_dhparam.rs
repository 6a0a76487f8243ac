//! TLS008 dhe-without-dhparam: `ssl_ciphers` enables DHE suites but no `ssl_dhparam` is set; since nginx
//! 1.11.0 those suites are then silently never used.

use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::nginx::{NginxConfig, expand_ciphers};

declare_rule! {
    /// DHE cipher suites are enabled without `ssl_dhparam`, so nginx never uses them.
    #[derive(Default)]
    pub struct DheWithoutDhparam {}
    code = "TLS008", name = "dhe-without-dhparam", domain = "tls", severity = Info,
}

impl Check<NginxConfig> for DheWithoutDhparam {
    fn check(&self, config: &NginxConfig, cx: &mut Ctx<'_>) {
        for server in config.effective.servers.iter().filter(|s| s.is_tls()) {
            let settings = &server.settings;
            let (Some(ciphers), None) = (&settings.ssl_ciphers, &settings.ssl_dhparam) else {
                continue;
            };
            let Some(value) = ciphers.args.first() else {
                continue;
            };
            let dhe: Vec<&str> = expand_ciphers(&value.value)
                .into_iter()
                .filter(|s| s.is_dhe())
                .map(|s| s.name)
                .collect();
            let Some(first) = dhe.first() else {
                continue;
            };
            cx.report(
                value.span,
                format!("`ssl_ciphers` enables {} DHE suites (`{first}`, ...) but no `ssl_dhparam` is set", dhe.len()),
            )
            .help("add `ssl_dhparam` with the RFC 7919 ffdhe2048 group (or larger), or drop the DHE suites");
        }
    }
}
