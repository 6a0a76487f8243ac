//! TLS004 missing-https-redirect: a name served over TLS is also served over plain HTTP by a server that
//! does not redirect to https.

use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::nginx::{NginxConfig, Server};

declare_rule! {
    /// A name served on HTTPS is also served on plain HTTP without a redirect to HTTPS.
    #[derive(Default)]
    pub struct MissingHttpsRedirect {}
    code = "TLS004", name = "missing-https-redirect", domain = "tls", severity = Warning,
    tags = ["security"], security_severity = 4.0,
}

fn names(server: &Server) -> impl Iterator<Item = &str> {
    server
        .server_names
        .iter()
        .map(|w| w.value.as_str())
        .filter(|n| !n.is_empty() && *n != "_" && *n != "localhost")
}

impl Check<NginxConfig> for MissingHttpsRedirect {
    fn check(&self, config: &NginxConfig, cx: &mut Ctx<'_>) {
        let servers = &config.effective.servers;
        for plain in servers
            .iter()
            .filter(|s| !s.is_tls() && !s.redirects_to_https)
        {
            let Some(shared) = names(plain).find(|name| {
                servers
                    .iter()
                    .filter(|s| s.is_tls())
                    .any(|tls| names(tls).any(|n| n == *name))
            }) else {
                continue;
            };
            let tls = servers
                .iter()
                .find(|s| s.is_tls() && names(s).any(|n| n == shared))
                .map(|s| s.tls_anchor());
            let mut finding = cx.report(
                plain.name,
                format!("`{shared}` is served over HTTPS but this plain-HTTP server does not redirect to it"),
            );
            if let Some(tls) = tls {
                finding = finding.label(tls, "the HTTPS server for the same name");
            }
            finding.help("answer with `return 301 https://$host$request_uri;` in this server");
        }
    }
}
