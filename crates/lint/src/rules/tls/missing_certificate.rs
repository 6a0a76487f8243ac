//! TLS005 missing-certificate: a TLS server without `ssl_certificate` or `ssl_certificate_key` in effect,
//! which nginx refuses to start with ("no ssl_certificate is defined").

use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::nginx::NginxConfig;

declare_rule! {
    /// A TLS listener has no certificate or no private key.
    #[derive(Default)]
    pub struct MissingCertificate {}
    code = "TLS005", name = "missing-certificate", domain = "tls", severity = Error,
}

impl Check<NginxConfig> for MissingCertificate {
    fn check(&self, config: &NginxConfig, cx: &mut Ctx<'_>) {
        // An include that could not be read (or resolves to nothing through a container's mounts) may hold
        // them: that include is reported, this is not guessed.
        let unresolved_include = config
            .mount_problems
            .iter()
            .any(|p| p.directive == "include");
        if !config.include_problems.is_empty() || unresolved_include {
            return;
        }
        for server in config.effective.tls_servers() {
            let settings = &server.settings;
            let missing = match (
                settings.ssl_certificates.is_empty(),
                settings.ssl_certificate_keys.is_empty(),
            ) {
                (true, true) => "`ssl_certificate` and `ssl_certificate_key`",
                (true, false) => "`ssl_certificate`",
                (false, true) => "`ssl_certificate_key`",
                (false, false) => continue,
            };
            cx.report(
                server.tls_anchor(),
                format!("this TLS server has no {missing}"),
            )
            .help("set both in the server (or in the `http` or `stream` around it); nginx will not start a TLS listener without them");
        }
    }
}
