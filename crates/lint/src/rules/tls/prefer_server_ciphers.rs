//! TLS009 prefer-server-ciphers: a TLS server's effective `ssl_prefer_server_ciphers` (set, inherited from
//! `http`, or nginx's default `off`) is not what the TLS profile asks for: `off` for mozilla-modern and
//! mozilla-intermediate, whose suites are all strong, `on` for mozilla-old, whose list keeps weak suites
//! for old clients.

use super::Profile;
use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::nginx::NginxConfig;

declare_rule! {
    /// A TLS server's ssl_prefer_server_ciphers differs from what the TLS profile asks for.
    #[derive(Default)]
    pub struct PreferServerCiphers {
        /// The TLS profile: `mozilla-intermediate` (default), `mozilla-modern` or `mozilla-old`.
        pub profile: Profile,
    }
    code = "TLS009", name = "prefer-server-ciphers", domain = "tls", severity = Info,
}

impl Check<NginxConfig> for PreferServerCiphers {
    fn check(&self, config: &NginxConfig, cx: &mut Ctx<'_>) {
        let wanted = self.profile.prefers_server_ciphers();
        let wanted_word = if wanted { "on" } else { "off" };
        let why = if wanted {
            "its cipher list keeps weak suites for old clients, so the server's order must decide"
        } else {
            "every suite it allows is strong, so clients may pick the one their hardware runs fastest"
        };
        for server in config.effective.tls_servers() {
            match &server.settings.ssl_prefer_server_ciphers {
                Some(value) if value.is_on() != wanted => {
                    cx.report(
                        value.span,
                        format!(
                            "`ssl_prefer_server_ciphers {}` differs from the {} profile",
                            value.first(),
                            self.profile.name()
                        ),
                    )
                    .label(server.tls_anchor(), "on this TLS server")
                    .help(format!(
                        "write `ssl_prefer_server_ciphers {wanted_word};`: {why}"
                    ));
                }
                Some(_) => {}
                None if wanted => {
                    cx.report(
                        server.tls_anchor(),
                        format!(
                            "this TLS server keeps nginx's default `ssl_prefer_server_ciphers off`, but the {} profile wants `on`",
                            self.profile.name()
                        ),
                    )
                    .help(format!(
                        "add `ssl_prefer_server_ciphers on;` to this server or around it (`http` or `stream`): {why}"
                    ));
                }
                None => {}
            }
        }
    }
}
