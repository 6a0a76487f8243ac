//! TLS008 weak-dhparam: `ssl_ciphers` enables DHE suites, and `ssl_dhparam` is missing (since nginx 1.11.0
//! the DHE suites are then never used), names a file that cannot be read, or holds a group smaller than
//! `min-bits` (2048). Without `ssl_ciphers`, nginx's default list (which holds DHE suites) is the one an
//! `ssl_dhparam` turns on, so the file it names is checked all the same.

use super::NGINX_DEFAULT_CIPHERS;
use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::nginx::{NginxConfig, expand_ciphers};

declare_rule! {
    /// DHE cipher suites are enabled with a missing, unreadable or too small `ssl_dhparam`.
    pub struct WeakDhparam {
        /// The smallest DH group accepted, in bits.
        pub min_bits: u32,
    }
    code = "TLS008", name = "weak-dhparam", domain = "tls", severity = Warning,
    tags = ["security"], security_severity = 5.0,
}

impl Default for WeakDhparam {
    fn default() -> Self {
        WeakDhparam { min_bits: 2048 }
    }
}

impl Check<NginxConfig> for WeakDhparam {
    fn check(&self, config: &NginxConfig, cx: &mut Ctx<'_>) {
        for server in config.effective.servers.iter().filter(|s| s.is_tls()) {
            let settings = &server.settings;
            let ciphers = settings.ssl_ciphers.as_ref().and_then(|c| c.args.first());
            let dhparam = settings.ssl_dhparam.as_ref().and_then(|d| d.args.first());
            // Without `ssl_ciphers`, nginx's default list applies; it holds DHE suites, which an
            // `ssl_dhparam` turns on, so the file it names is checked. Without either, nothing changed.
            if ciphers.is_none() && dhparam.is_none() {
                continue;
            }
            let cipher_string = ciphers.map_or(NGINX_DEFAULT_CIPHERS, |c| c.value.as_str());
            let dhe: Vec<&str> = expand_ciphers(cipher_string)
                .into_iter()
                .filter(|s| s.is_dhe())
                .map(|s| s.name)
                .collect();
            let Some(first) = dhe.first() else {
                continue;
            };
            let Some(dhparam) = dhparam else {
                let Some(value) = ciphers else {
                    continue;
                };
                cx.report(
                    value.span,
                    format!("`ssl_ciphers` enables {} DHE suites (`{first}`, ...) but no `ssl_dhparam` is set", dhe.len()),
                )
                .help("add `ssl_dhparam` with the RFC 7919 ffdhe2048 group (or larger), or drop the DHE suites");
                continue;
            };
            let Some(measured) = config.dhparams.iter().find(|d| d.span == dhparam.span) else {
                continue;
            };
            match &measured.bits {
                Ok(bits) if *bits >= self.min_bits => {}
                Ok(bits) => {
                    let report = cx.report(
                        dhparam.span,
                        format!(
                            "`ssl_dhparam {}` is a {bits}-bit group, below {}",
                            dhparam.value, self.min_bits
                        ),
                    );
                    let fix = "use the RFC 7919 ffdhe2048 group or larger (`openssl genpkey -genparam -algorithm DH -pkeyopt group:ffdhe2048`)";
                    match ciphers {
                        Some(value) => report.label(value.span, "enables DHE suites").help(fix),
                        None => report.help(format!(
                            "no `ssl_ciphers` is set, so nginx's default `{NGINX_DEFAULT_CIPHERS}` enables DHE suites with this group; {fix}"
                        )),
                    };
                }
                Err(reason) => {
                    cx.report(
                        dhparam.span,
                        format!(
                            "`ssl_dhparam {}` could not be checked: {reason}",
                            dhparam.value
                        ),
                    )
                    .help(format!(
                        "looked for `{}`; nginx will not start without a readable file",
                        measured.path
                    ));
                }
            }
        }
    }
}
