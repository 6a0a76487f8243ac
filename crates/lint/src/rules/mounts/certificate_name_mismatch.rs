//! STK012 certificate-name-mismatch: a TLS server's `server_name` names a host that the certificate it serves
//! does not cover, so clients connecting by that name get a certificate error. The certificate is the first
//! one of the file `ssl_certificate` resolves to (through the compose mounts when a service runs the nginx);
//! names are matched as clients match them (`shiplint_model::pem::Certificate::covers`: DNS SANs with a
//! one-label `*`, the CN only without SANs). Names that are not literal hosts (`_`, `""`, regular expressions,
//! nginx wildcards `*.x`/`.x`/`x.*`, variables) are not checked.

use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::nginx::NginxConfig;
use shiplint_model::pem::Item;

declare_rule! {
    /// A TLS server's `server_name` is not covered by the certificate it serves.
    #[derive(Default)]
    pub struct CertificateNameMismatch {}
    code = "STK012", name = "certificate-name-mismatch", domain = "stack", severity = Warning,
    tags = ["security"], security_severity = 5.0,
}

/// Whether nginx reads `name` as one literal host name.
fn is_literal_host(name: &str) -> bool {
    !name.is_empty() && name != "_" && !name.starts_with(['~', '.']) && !name.contains(['*', '$'])
}

impl Check<NginxConfig> for CertificateNameMismatch {
    fn check(&self, config: &NginxConfig, cx: &mut Ctx<'_>) {
        let project = cx.project();
        for server in config.effective.tls_servers() {
            for value in &server.settings.ssl_certificates {
                let Some(argument) = value.args.first() else {
                    continue;
                };
                let Some(document) = config
                    .tls_files
                    .iter()
                    .find(|f| f.span == argument.span)
                    .and_then(|f| project.documents.get(f.document?))
                else {
                    continue;
                };
                let Some((block, leaf)) = document.pem().and_then(|bundle| {
                    bundle.blocks.iter().find_map(|block| match &block.item {
                        Item::Certificate(cert) => Some((block, cert)),
                        _ => None,
                    })
                }) else {
                    continue;
                };
                let names = leaf.host_names();
                let covered = if names.is_empty() {
                    "no host name".to_string()
                } else {
                    names
                        .iter()
                        .map(|n| format!("`{n}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                let cert_path = &project.file(document.file).path;
                for name in server
                    .server_names
                    .iter()
                    .filter(|n| is_literal_host(&n.value) && !leaf.covers(&n.value))
                {
                    cx.report(
                        name.span,
                        format!(
                            "`{}` is not covered by the certificate this server serves, which names {covered}",
                            name.value
                        ),
                    )
                    .label(block.span, format!("the certificate served (first in `{cert_path}`)"))
                    .label(argument.span, "served from this file")
                    .help(format!(
                        "reissue the certificate with `{}` among its subject alternative names (certbot: `-d {}`), or serve that name from a server whose certificate covers it",
                        name.value, name.value
                    ));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::is_literal_host;

    #[test]
    fn only_literal_hosts_are_checked() {
        for name in [
            "example.com",
            "localhost",
            "192.0.2.1",
            "xn--bcher-kva.example",
        ] {
            assert!(is_literal_host(name), "{name}");
        }
        for name in [
            "",
            "_",
            "~^www\\.",
            ".example.com",
            "*.example.com",
            "www.example.*",
            "$host",
        ] {
            assert!(!is_literal_host(name), "{name}");
        }
    }
}
