//! TLS003 weak-cipher: a TLS server's effective `ssl_ciphers`, expanded as OpenSSL does, enables suites
//! without encryption or authentication or with an MD5 MAC, or asks for legacy suites (RC4, DES, 3DES,
//! EXPORT) that an nginx linked to an older OpenSSL would enable.

use super::Profile;
use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::nginx::{NginxConfig, expand_ciphers};

declare_rule! {
    /// A TLS server enables NULL, anonymous, MD5 or legacy (RC4, DES, 3DES, EXPORT) cipher suites.
    #[derive(Default)]
    pub struct WeakCipher {
        /// The TLS profile; `mozilla-old` accepts 3DES for very old clients.
        pub profile: Profile,
    }
    code = "TLS003", name = "weak-cipher", domain = "tls", severity = Error,
    tags = ["security"], security_severity = 7.5,
}

impl Check<NginxConfig> for WeakCipher {
    fn check(&self, config: &NginxConfig, cx: &mut Ctx<'_>) {
        for server in config.effective.tls_servers() {
            let Some(ciphers) = &server.settings.ssl_ciphers else {
                continue;
            };
            let Some(value) = ciphers.args.first() else {
                continue;
            };
            let weak: Vec<String> = expand_ciphers(&value.value)
                .into_iter()
                .filter_map(|suite| Some(format!("{} ({})", suite.name, suite.weakness()?)))
                .collect();
            let legacy = self.profile.rejected_legacy_terms(&value.value);
            if weak.is_empty() && legacy.is_empty() {
                continue;
            }
            let mut parts = Vec::new();
            if !weak.is_empty() {
                let shown: Vec<&str> = weak.iter().take(3).map(String::as_str).collect();
                let more = weak.len().saturating_sub(3);
                parts.push(if more > 0 {
                    format!("{} and {more} more", shown.join(", "))
                } else {
                    shown.join(", ")
                });
            }
            if !legacy.is_empty() {
                parts.push(format!("legacy `{}`", legacy.join("`, `")));
            }
            cx.report(
                value.span,
                format!("`ssl_ciphers {}` enables weak suites: {}", value.value, parts.join("; ")),
            )
            .label(server.tls_anchor(), "on this TLS server")
            .help("exclude them (`:!aNULL:!eNULL:!MD5:!RC4:!3DES`), or use the profile's list (Mozilla intermediate: ECDHE+AESGCM:ECDHE+CHACHA20:DHE+AESGCM)");
        }
    }
}
