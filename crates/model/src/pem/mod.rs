//! The certificate model: every block of a PEM (or DER) file read into what it means (certificates with
//! their names, dates, keys and extensions; private keys with their public half; requests), where the file
//! lies (permissions, inside a git work tree), and which key goes with which certificate.
//!
//! Key material never leaves this module: a [`PrivateKey`] keeps only its algorithm and public half, and
//! [`PemBundle::secret_spans`] covers every private key body so reports mask it.

mod algorithm;
mod cert;
mod chain;
mod key;
mod names;
mod nginx_pairs;
mod pair;
mod place;
pub mod text;

pub use algorithm::{Hash, KeyAlgorithm, SignatureAlgorithm};
pub use cert::{Certificate, CertificateRequest, San, Verification};
pub use chain::ChainProblem;
pub use key::{KeyEncoding, PrivateKey, PublicKey};
pub use names::dns_matches;
pub use pair::{KeyPair, PairSource, pairs};
pub use place::Placement;

use shiplint_syntax::pem::{self as syntax, BlockKind, PemFile};
use shiplint_syntax::{FileId, Span, SyntaxError};

/// What one block holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Item {
    /// An X.509 certificate.
    Certificate(Box<Certificate>),
    /// A private key that could be read.
    PrivateKey(PrivateKey),
    /// A private key encrypted with a passphrase: its algorithm and public half cannot be read.
    EncryptedKey {
        /// How it is encrypted, for messages (`PKCS#8 ENCRYPTED PRIVATE KEY`, `PEM encryption AES-128-CBC`).
        scheme: String,
    },
    /// A private key in a format shiplint recognises but does not decode (`OPENSSH PRIVATE KEY`).
    OpaqueKey {
        /// The block's label.
        label: String,
    },
    /// A PKCS#10 certificate signing request.
    Request(Box<CertificateRequest>),
    /// A public key (`PUBLIC KEY`, `RSA PUBLIC KEY`).
    PublicKey(KeyAlgorithm),
    /// A block whose bytes are not what its label says, or did not decode (a syntax error says why).
    Unreadable,
    /// A block of another kind (`X509 CRL`, `DH PARAMETERS`): framed, not interpreted.
    Other {
        /// The block's label.
        label: String,
    },
}

impl Item {
    /// Whether this block is a private key of any kind (readable, encrypted or opaque).
    pub fn is_private_key(&self) -> bool {
        matches!(
            self,
            Item::PrivateKey(_) | Item::EncryptedKey { .. } | Item::OpaqueKey { .. }
        )
    }
}

/// One block and what it holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    /// BEGIN..END (empty at 0 for a DER file).
    pub span: Span,
    /// The label (`CERTIFICATE`), or `DER` for a binary file.
    pub label: String,
    /// What it holds.
    pub item: Item,
}

/// A PEM or DER file, read.
#[derive(Clone, Debug, Default)]
pub struct PemBundle {
    /// The framing: blocks, comments, syntax errors.
    pub syntax: PemFile,
    /// The blocks, read, in file order.
    pub blocks: Vec<Block>,
    /// Blocks whose content is not what their label says (a certificate that does not parse, ...).
    pub content_errors: Vec<SyntaxError>,
    /// Where the file lies (filled by the project loader through the `Fs`).
    pub placement: Placement,
    /// What is wrong with the chain its certificates form (filled by [`PemBundle::place`]).
    chain: Vec<chain::Stored>,
}

impl PemBundle {
    /// Reads a text file.
    pub fn from_text(file: FileId, text: &str) -> PemBundle {
        PemBundle::from_syntax(syntax::parse(file, text))
    }

    /// Reads a binary DER file.
    pub fn from_der(file: FileId, bytes: &[u8]) -> PemBundle {
        PemBundle::from_syntax(syntax::from_der(file, bytes))
    }

    fn from_syntax(syntax: PemFile) -> PemBundle {
        let mut content_errors = Vec::new();
        let blocks = syntax
            .blocks
            .iter()
            .map(|block| {
                let item = read_block(block).unwrap_or_else(|reason| {
                    content_errors.push(SyntaxError {
                        span: block.span,
                        message: reason,
                    });
                    Item::Unreadable
                });
                Block {
                    span: block.span,
                    label: if block.kind == BlockKind::Der {
                        "DER".into()
                    } else {
                        block.label.clone()
                    },
                    item,
                }
            })
            .collect();
        PemBundle {
            syntax,
            blocks,
            content_errors,
            placement: Placement::default(),
            chain: Vec::new(),
        }
    }

    /// Framing and content errors, in file order.
    pub fn errors(&self) -> impl Iterator<Item = &SyntaxError> {
        self.syntax.errors.iter().chain(&self.content_errors)
    }

    /// The certificates, with their blocks, in file order.
    pub fn certificates(&self) -> impl Iterator<Item = (&Block, &Certificate)> {
        self.blocks.iter().filter_map(|block| match &block.item {
            Item::Certificate(cert) => Some((block, cert.as_ref())),
            _ => None,
        })
    }

    /// Records where the file was read: its placement (through `fs`) and, as a chain file is known by its
    /// name, what is wrong with its chain. Done once at load, so every chain rule reads the same checked chain.
    pub fn place(&mut self, fs: &dyn crate::Fs, path: &std::path::Path) {
        self.placement = Placement::probe(fs, path);
        self.chain = chain::problems(self, path);
    }

    /// What is wrong with the chain the certificates form, as found by [`PemBundle::place`].
    pub fn chain_problems(&self) -> impl Iterator<Item = ChainProblem<'_>> {
        let certs: Vec<(&Block, &Certificate)> = self.certificates().collect();
        self.chain
            .iter()
            .map(move |problem| problem.resolve(&certs))
    }

    /// The private key blocks of any kind, including those whose body could not be decoded.
    pub fn private_keys(&self) -> impl Iterator<Item = &Block> {
        self.blocks
            .iter()
            .zip(&self.syntax.blocks)
            .filter(|(block, framed)| block.item.is_private_key() || framed.kind.is_private_key())
            .map(|(block, _)| block)
    }

    /// The bodies of private key blocks (decoded or not): masked in every report that shows source text.
    pub fn secret_spans(&self) -> Vec<Span> {
        self.syntax
            .blocks
            .iter()
            .filter(|block| block.kind.is_private_key() || looks_private(&block.label))
            .map(|block| block.body)
            .filter(|span| !span.is_empty())
            .collect()
    }
}

/// Labels of private keys this reader does not list by name (`ENCRYPTED DSA PRIVATE KEY`, `SSH2 ...`).
fn looks_private(label: &str) -> bool {
    label.contains("PRIVATE")
}

fn decode_error(block: &syntax::PemBlock, what: &str, reason: impl std::fmt::Display) -> String {
    if block.kind == BlockKind::Der {
        format!("this binary file is not a DER {what}: {reason}")
    } else {
        format!(
            "the `{}` block is not a valid {what}: {reason}",
            block.label
        )
    }
}

fn read_block(block: &syntax::PemBlock) -> Result<Item, String> {
    // A body that did not decode already has its syntax error.
    let Some(der) = block.der.as_deref() else {
        return Ok(Item::Unreadable);
    };
    if block.has_encrypted_header() {
        let cipher = block
            .headers
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case("DEK-Info"))
            .and_then(|(_, value)| value.split(',').next())
            .unwrap_or("unknown cipher");
        return Ok(Item::EncryptedKey {
            scheme: format!("PEM encryption {cipher}"),
        });
    }
    let key = |encoding| {
        PrivateKey::from_der(encoding, der)
            .map(Item::PrivateKey)
            .map_err(|e| decode_error(block, "private key", e))
    };
    match block.kind {
        BlockKind::Certificate => Certificate::from_der(der)
            .map(|cert| Item::Certificate(Box::new(cert)))
            .map_err(|e| decode_error(block, "certificate", e)),
        BlockKind::PrivateKey => key(KeyEncoding::Pkcs8),
        BlockKind::RsaPrivateKey => key(KeyEncoding::Pkcs1),
        BlockKind::EcPrivateKey => key(KeyEncoding::Sec1),
        BlockKind::EncryptedPrivateKey => Ok(Item::EncryptedKey {
            scheme: "PKCS#8 ENCRYPTED PRIVATE KEY".into(),
        }),
        BlockKind::DsaPrivateKey | BlockKind::OpensshPrivateKey => Ok(Item::OpaqueKey {
            label: block.label.clone(),
        }),
        BlockKind::CertificateRequest => CertificateRequest::from_der(der)
            .map(|request| Item::Request(Box::new(request)))
            .map_err(|e| decode_error(block, "certificate request", e)),
        BlockKind::PublicKey => Ok(read_public_key(der)),
        BlockKind::Der => read_der(block, der),
        BlockKind::Other if looks_private(&block.label) => Ok(Item::OpaqueKey {
            label: block.label.clone(),
        }),
        BlockKind::Other => Ok(Item::Other {
            label: block.label.clone(),
        }),
    }
}

fn read_public_key(der: &[u8]) -> Item {
    use x509_parser::prelude::FromDer;
    match x509_parser::x509::SubjectPublicKeyInfo::from_der(der) {
        Ok((_, spki)) => Item::PublicKey(cert::key_algorithm(&spki)),
        // PKCS#1 `RSA PUBLIC KEY`: SEQUENCE { n, e }.
        Err(_) => match x509_parser::public_key::RSAPublicKey::from_der(der) {
            Ok((_, rsa)) => Item::PublicKey(KeyAlgorithm::Rsa {
                bits: algorithm::bit_length(rsa.modulus),
            }),
            Err(_) => Item::Unreadable,
        },
    }
}

/// A binary file: a certificate, else a private key in any encoding, else a request.
fn read_der(block: &syntax::PemBlock, der: &[u8]) -> Result<Item, String> {
    if let Ok(cert) = Certificate::from_der(der) {
        return Ok(Item::Certificate(Box::new(cert)));
    }
    for encoding in [KeyEncoding::Pkcs8, KeyEncoding::Pkcs1, KeyEncoding::Sec1] {
        if let Ok(key) = PrivateKey::from_der(encoding, der) {
            return Ok(Item::PrivateKey(key));
        }
    }
    if let Ok(request) = CertificateRequest::from_der(der) {
        return Ok(Item::Request(Box::new(request)));
    }
    Err(decode_error(
        block,
        "certificate, private key or certificate request",
        "no reader accepts it",
    ))
}

#[cfg(test)]
mod tests;
