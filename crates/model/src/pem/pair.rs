//! Which private key goes with which certificate. Today by directory convention (certbot's
//! `privkey.pem`/`fullchain.pem`, `key.pem`/`cert.pem`, `x.key`/`x.crt`) and within one file holding both;
//! nginx's `ssl_certificate`/`ssl_certificate_key` pairs join through [`PairSource`] once the nginx model
//! links them.

use super::{Item, PemBundle};
use crate::{Document, Project};
use shiplint_syntax::Span;
use std::path::{Path, PathBuf};

/// Why a key and a certificate are taken as a pair.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PairSource {
    /// The same file holds both.
    SameFile,
    /// The two file names follow a known convention in one directory.
    SameDirectory,
    /// An nginx server names them with `ssl_certificate` and `ssl_certificate_key` (the n-th key goes with
    /// the n-th certificate): the two path arguments.
    Nginx {
        /// The `ssl_certificate` argument.
        certificate: Span,
        /// The `ssl_certificate_key` argument.
        key: Span,
    },
}

/// A private key and the certificate it should belong to.
#[derive(Clone, Debug)]
pub struct KeyPair<'a> {
    /// The document holding the key.
    pub key_document: &'a Document,
    /// Index of the key block in its bundle.
    pub key_block: usize,
    /// The document holding the certificate.
    pub cert_document: &'a Document,
    /// Index of the certificate block (the first certificate: the leaf of a chain).
    pub cert_block: usize,
    /// Why they are paired.
    pub source: PairSource,
}

impl KeyPair<'_> {
    /// The key block's span.
    pub fn key_span(&self) -> Span {
        bundle_of(self.key_document).map_or_else(Span::default, |b| b.blocks[self.key_block].span)
    }

    /// The certificate block's span.
    pub fn cert_span(&self) -> Span {
        bundle_of(self.cert_document).map_or_else(Span::default, |b| b.blocks[self.cert_block].span)
    }
}

fn bundle_of(document: &Document) -> Option<&PemBundle> {
    document.pem()
}

/// The certificate file names that go with a key file name, most specific first.
fn partner_names(key_name: &str) -> Vec<String> {
    let lower = key_name.to_ascii_lowercase();
    // ASCII lower-casing keeps byte lengths, so a stem of `lower` is a stem of `key_name` too.
    let stem_of = |suffix: &str| {
        lower
            .strip_suffix(suffix)
            .and_then(|stem| key_name.get(..stem.len()))
    };
    match lower.as_str() {
        "privkey.pem" => return vec!["fullchain.pem".into(), "cert.pem".into()],
        "key.pem" => return vec!["cert.pem".into(), "certificate.pem".into()],
        "tls.key" => return vec!["tls.crt".into()],
        _ => {}
    }
    if let Some(stem) = stem_of(".key.pem") {
        return vec![
            format!("{stem}.cert.pem"),
            format!("{stem}.crt.pem"),
            format!("{stem}.pem"),
        ];
    }
    if let Some(stem) = stem_of("-key.pem") {
        return vec![
            format!("{stem}.pem"),
            format!("{stem}-cert.pem"),
            format!("{stem}-crt.pem"),
        ];
    }
    if let Some(stem) = stem_of(".key") {
        return ["crt", "pem", "cer", "cert"]
            .iter()
            .map(|ext| format!("{stem}.{ext}"))
            .collect();
    }
    Vec::new()
}

/// The first certificate block of a document.
pub(super) fn first_certificate(document: &Document) -> Option<usize> {
    document
        .pem()?
        .blocks
        .iter()
        .position(|block| matches!(block.item, Item::Certificate(_)))
}

/// Every key/certificate pair of the project, in document order.
pub fn pairs(project: &Project) -> Vec<KeyPair<'_>> {
    let by_path: std::collections::HashMap<&Path, &Document> = project
        .documents
        .iter()
        .filter(|d| d.pem().is_some())
        .map(|d| (d.path.as_path(), d))
        .collect();
    let mut pairs = Vec::new();
    for document in project.documents.iter() {
        let Some(bundle) = document.pem() else {
            continue;
        };
        for (key_block, _) in bundle
            .blocks
            .iter()
            .enumerate()
            .filter(|(_, b)| b.item.is_private_key())
        {
            if let Some(cert_block) = first_certificate(document) {
                pairs.push(KeyPair {
                    key_document: document,
                    key_block,
                    cert_document: document,
                    cert_block,
                    source: PairSource::SameFile,
                });
                continue;
            }
            let name = document
                .path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or("");
            let dir = document
                .path
                .parent()
                .map(Path::to_path_buf)
                .unwrap_or_default();
            let partner = partner_names(name).into_iter().find_map(|candidate| {
                let path: PathBuf = dir.join(candidate);
                let cert_document = *by_path.get(path.as_path())?;
                Some((cert_document, first_certificate(cert_document)?))
            });
            if let Some((cert_document, cert_block)) = partner {
                pairs.push(KeyPair {
                    key_document: document,
                    key_block,
                    cert_document,
                    cert_block,
                    source: PairSource::SameDirectory,
                });
            }
        }
    }
    super::nginx_pairs::add(project, &mut pairs);
    pairs
}

#[cfg(test)]
mod tests {
    use super::{PairSource, pairs, partner_names};
    use crate::{MemoryFs, Project, Timestamp};

    fn load(files: &[(&str, String)]) -> Project {
        let mut fs = MemoryFs::new();
        for (path, text) in files {
            fs.insert(*path, text.as_bytes().to_vec());
        }
        Project::load(&fs, fs.candidates(false), Timestamp(0))
    }

    #[test]
    fn pairs_by_name_and_within_a_file() {
        let key = rcgen::KeyPair::generate().expect("key");
        let cert = rcgen::CertificateParams::new(vec!["a.example".to_string()])
            .expect("params")
            .self_signed(&key)
            .expect("cert");
        let project = load(&[
            ("live/a/fullchain.pem", cert.pem()),
            ("live/a/privkey.pem", key.serialize_pem()),
            (
                "combined.pem",
                format!("{}{}", cert.pem(), key.serialize_pem()),
            ),
            ("lonely/privkey.pem", key.serialize_pem()),
        ]);
        let found: Vec<(String, String, PairSource)> = pairs(&project)
            .into_iter()
            .map(|pair| {
                (
                    pair.key_document.path.display().to_string(),
                    pair.cert_document.path.display().to_string(),
                    pair.source,
                )
            })
            .collect();
        assert_eq!(
            found,
            [
                (
                    "combined.pem".into(),
                    "combined.pem".into(),
                    PairSource::SameFile
                ),
                (
                    "live/a/privkey.pem".into(),
                    "live/a/fullchain.pem".into(),
                    PairSource::SameDirectory
                ),
            ]
        );
    }

    #[test]
    fn conventions() {
        assert_eq!(partner_names("privkey.pem"), ["fullchain.pem", "cert.pem"]);
        assert_eq!(
            partner_names("server.key")[..2],
            ["server.crt", "server.pem"]
        );
        assert_eq!(
            partner_names("www.example.com.key.pem")[0],
            "www.example.com.cert.pem"
        );
        assert_eq!(partner_names("api-key.pem")[0], "api.pem");
        assert!(partner_names("notes.txt").is_empty());
        assert!(partner_names("k").is_empty());
        assert_eq!(partner_names("Server.KEY")[0], "Server.crt");
    }
}
