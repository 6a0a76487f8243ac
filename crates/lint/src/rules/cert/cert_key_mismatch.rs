//! CRT003 cert-key-mismatch: a private key does not belong to the certificate it is paired with (same file,
//! a directory convention such as certbot's `privkey.pem`/`fullchain.pem`, or an nginx server's
//! `ssl_certificate`/`ssl_certificate_key`, followed through compose mounts when a service runs that nginx).

use super::common::who;
use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::Project;
use shiplint_model::pem::{self, Item, PairSource};

declare_rule! {
    /// A private key does not belong to the certificate it is paired with.
    #[derive(Default)]
    pub struct CertKeyMismatch {}
    code = "CRT003", name = "cert-key-mismatch", domain = "cert", severity = Error,
}

impl Check<Project> for CertKeyMismatch {
    fn check(&self, project: &Project, cx: &mut Ctx<'_>) {
        for pair in pem::pairs(project) {
            let (Some(keys), Some(certs)) = (pair.key_document.pem(), pair.cert_document.pem())
            else {
                continue;
            };
            let (Item::PrivateKey(key), Item::Certificate(cert)) = (
                &keys.blocks[pair.key_block].item,
                &certs.blocks[pair.cert_block].item,
            ) else {
                continue;
            };
            // A key without its public half is key-not-checked's to report.
            let Some(public) = &key.public_key else {
                continue;
            };
            if *public == cert.public_key {
                continue;
            }
            let cert_path = &project.file(pair.cert_document.file).path;
            let why = match pair.source {
                PairSource::SameFile => "in the same file".to_string(),
                PairSource::SameDirectory => format!("by its name, beside `{cert_path}`"),
                PairSource::Nginx { .. } => format!(
                    "by nginx `ssl_certificate_key`, beside `ssl_certificate` `{cert_path}`"
                ),
            };
            let finding = cx
                .report(
                    pair.key_span(),
                    format!(
                        "this `{}` key does not belong to certificate `{}` (paired {why})",
                        key.algorithm,
                        who(cert)
                    ),
                )
                .label(pair.cert_span(), "the certificate it is paired with");
            if let PairSource::Nginx { certificate, key } = pair.source {
                finding
                    .label(key, "nginx serves this key")
                    .label(certificate, "with this certificate");
            }
            finding.help("install the key the certificate was issued for, or reissue the certificate for this key");
        }
    }
}
