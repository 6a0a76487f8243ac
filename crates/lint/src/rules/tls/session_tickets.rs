//! TLS007 session-tickets: TLS session tickets are on (nginx's default), which weakens forward secrecy
//! unless the ticket keys are rotated.

use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::nginx::NginxConfig;

declare_rule! {
    /// TLS session tickets are enabled, so a stolen ticket key decrypts past sessions.
    #[derive(Default)]
    pub struct SessionTickets {}
    code = "TLS007", name = "session-tickets", domain = "tls", severity = Info,
}

impl Check<NginxConfig> for SessionTickets {
    fn check(&self, config: &NginxConfig, cx: &mut Ctx<'_>) {
        for server in config.effective.tls_servers() {
            match &server.settings.ssl_session_tickets {
                Some(value) if value.is_on() => {
                    cx.report(
                        value.span,
                        "`ssl_session_tickets on` weakens forward secrecy",
                    )
                    .help("write `ssl_session_tickets off;` unless ticket keys are rotated often");
                }
                Some(_) => {}
                None => {
                    cx.report(
                        server.tls_anchor(),
                        "this TLS server keeps nginx's default `ssl_session_tickets on`, which weakens forward secrecy",
                    )
                    .help("add `ssl_session_tickets off;` (Mozilla's recommendation for every profile)");
                }
            }
        }
    }
}
