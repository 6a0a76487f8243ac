//! Key/certificate pairs that nginx servers make: the n-th `ssl_certificate_key` of a server goes with its
//! n-th `ssl_certificate`, each resolved to a loaded PEM document at link time (through the compose mounts
//! when a service runs that nginx, see `NginxConfig::tls_files`).

use super::pair::{KeyPair, PairSource, first_certificate};
use crate::{Document, Project};
use shiplint_syntax::Span;

/// Adds the pairs nginx servers make to `pairs`. A pair that a file convention already made takes the nginx
/// source (its lines are the better evidence); a pair several servers make is added once.
pub(super) fn add<'p>(project: &'p Project, pairs: &mut Vec<KeyPair<'p>>) {
    for document in &project.documents {
        let Some(config) = document.nginx() else {
            continue;
        };
        let resolved = |span: Span| -> Option<&'p Document> {
            let file = config.tls_files.iter().find(|f| f.span == span)?;
            project.documents.get(file.document?)
        };
        for server in config.effective.tls_servers() {
            let settings = &server.settings;
            for (certificate, key) in settings
                .ssl_certificates
                .iter()
                .zip(&settings.ssl_certificate_keys)
            {
                let (Some(cert_arg), Some(key_arg)) = (certificate.args.first(), key.args.first())
                else {
                    continue;
                };
                let (Some(cert_document), Some(key_document)) =
                    (resolved(cert_arg.span), resolved(key_arg.span))
                else {
                    continue;
                };
                let Some(cert_block) = first_certificate(cert_document) else {
                    continue;
                };
                let Some(key_block) = key_document
                    .pem()
                    .and_then(|b| b.blocks.iter().position(|b| b.item.is_private_key()))
                else {
                    continue;
                };
                let source = PairSource::Nginx {
                    certificate: cert_arg.span,
                    key: key_arg.span,
                };
                let same = |p: &KeyPair<'_>| {
                    std::ptr::eq(p.key_document, key_document)
                        && p.key_block == key_block
                        && std::ptr::eq(p.cert_document, cert_document)
                };
                match pairs.iter_mut().find(|p| same(p)) {
                    Some(existing) if !matches!(existing.source, PairSource::Nginx { .. }) => {
                        existing.source = source;
                    }
                    Some(_) => {}
                    None => pairs.push(KeyPair {
                        key_document,
                        key_block,
                        cert_document,
                        cert_block,
                        source,
                    }),
                }
            }
        }
    }
}
