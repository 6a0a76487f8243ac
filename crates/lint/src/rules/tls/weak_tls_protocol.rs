//! TLS001 weak-tls-protocol: a TLS server (of `http` or `stream`) whose effective `ssl_protocols` (set, inherited, or nginx's
//! version-dependent default) enables SSLv2, SSLv3, TLSv1 or TLSv1.1.

use super::Profile;
use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::nginx::NginxConfig;

declare_rule! {
    /// A TLS server enables SSLv2, SSLv3, TLSv1 or TLSv1.1.
    #[derive(Default)]
    pub struct WeakTlsProtocol {
        /// The TLS profile: `mozilla-intermediate` (default), `mozilla-modern` or `mozilla-old`.
        pub profile: Profile,
    }
    code = "TLS001", name = "weak-tls-protocol", domain = "tls", severity = Error,
    tags = ["security"], security_severity = 7.5,
}

impl Check<NginxConfig> for WeakTlsProtocol {
    fn check(&self, config: &NginxConfig, cx: &mut Ctx<'_>) {
        for server in config.effective.tls_servers() {
            match &server.settings.ssl_protocols {
                Some(protocols) => {
                    for arg in protocols
                        .args
                        .iter()
                        .filter(|a| self.profile.rejects_protocol(&a.value))
                    {
                        cx.report(arg.span, format!("`ssl_protocols` enables `{}`", arg.value))
                            .label(server.tls_anchor(), "on this TLS server")
                            .help(format!(
                                "enable only what the {} profile allows: `ssl_protocols {};`",
                                self.profile.name(),
                                self.profile.protocols()
                            ));
                    }
                }
                None => {
                    let (Some(version), Some(label)) = (config.version, config.version_label())
                    else {
                        continue;
                    };
                    let weak: Vec<&str> = version
                        .default_ssl_protocols()
                        .iter()
                        .copied()
                        .filter(|p| self.profile.rejects_protocol(p))
                        .collect();
                    if weak.is_empty() {
                        continue;
                    }
                    cx.report(
                        server.tls_anchor(),
                        format!(
                            "no `ssl_protocols`: the default of {label} enables `{}`",
                            weak.join(" ")
                        ),
                    )
                    .help(format!(
                        "set `ssl_protocols {};` in this server or around it (`http` or `stream`)",
                        self.profile.protocols()
                    ));
                }
            }
        }
    }
}
