//! What a certificate (or a certificate request) says, read once from its DER with x509-parser.

use super::algorithm::{self, KeyAlgorithm, SignatureAlgorithm};
use super::key::PublicKey;
use super::text;
use x509_parser::certification_request::X509CertificationRequest;
use x509_parser::extensions::{GeneralName, ParsedExtension};
use x509_parser::prelude::{FromDer, X509Certificate};
use x509_parser::x509::SubjectPublicKeyInfo;

/// A subject alternative name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum San {
    /// `DNS:example.com`
    Dns(String),
    /// `IP Address:192.0.2.1`
    Ip(std::net::IpAddr),
    /// `email:user@example.com`
    Email(String),
    /// `URI:https://example.com/`
    Uri(String),
    /// Any other kind, as text.
    Other(String),
}

impl std::fmt::Display for San {
    /// OpenSSL's `-ext subjectAltName` form.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            San::Dns(name) => write!(f, "DNS:{name}"),
            San::Ip(ip) => write!(f, "IP Address:{ip}"),
            San::Email(address) => write!(f, "email:{address}"),
            San::Uri(uri) => write!(f, "URI:{uri}"),
            San::Other(text) => f.write_str(text),
        }
    }
}

/// One certificate's facts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Certificate {
    /// The subject (see [`text`](super::text) for the format).
    pub subject: String,
    /// The issuer.
    pub issuer: String,
    /// The serial number, lower-case hex with `:` separators.
    pub serial: String,
    /// Subject alternative names, in order.
    pub sans: Vec<San>,
    /// The subject's common names (CN), as text; those that are not text are left out.
    pub common_names: Vec<String>,
    /// notBefore, seconds since the Unix epoch.
    pub not_before: i64,
    /// notAfter, seconds since the Unix epoch.
    pub not_after: i64,
    /// The subject's public key algorithm and size.
    pub key_algorithm: KeyAlgorithm,
    /// The subject's public key, for matching a private key.
    pub public_key: PublicKey,
    /// The issuer's signature algorithm.
    pub signature: SignatureAlgorithm,
    /// basicConstraints CA flag (`None`: no basicConstraints extension).
    pub is_ca: Option<bool>,
    /// keyUsage bits by name (`digitalSignature`, ...).
    pub key_usage: Vec<String>,
    /// extendedKeyUsage purposes (`serverAuth`, ...).
    pub extended_key_usage: Vec<String>,
    /// Subject and issuer are the same name.
    pub self_issued: bool,
    /// Self-issued and its own key verifies its signature (`None`: cannot be verified here).
    pub self_signed: Option<bool>,
    /// Raw subject and issuer names (DER), to link a chain exactly.
    pub raw_subject: Vec<u8>,
    /// Raw issuer name (DER).
    pub raw_issuer: Vec<u8>,
    der: Vec<u8>,
}

/// Whether a signature could be checked, and its result.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Verification {
    /// The issuer's key verifies the signature.
    Valid,
    /// The issuer's key does not verify the signature.
    Invalid,
    /// The algorithm (or key size) is not one the verifier supports.
    Unsupported,
}

impl Certificate {
    /// Reads a certificate; `Err` says why it is not one.
    pub fn from_der(der: &[u8]) -> Result<Certificate, String> {
        let (rest, cert) = X509Certificate::from_der(der).map_err(|e| e.to_string())?;
        if !rest.is_empty() {
            return Err(format!("{} bytes after the certificate", rest.len()));
        }
        let spki = cert.public_key();
        let sans = match cert.subject_alternative_name() {
            Ok(Some(extension)) => extension.value.general_names.iter().map(san).collect(),
            _ => Vec::new(),
        };
        let key_usage = match cert.key_usage() {
            Ok(Some(usage)) => usage
                .value
                .to_string()
                .split(", ")
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect(),
            _ => Vec::new(),
        };
        let extended_key_usage = match cert.extended_key_usage() {
            Ok(Some(eku)) => {
                let eku = eku.value;
                let mut names: Vec<String> = [
                    (eku.any, "anyExtendedKeyUsage"),
                    (eku.server_auth, "serverAuth"),
                    (eku.client_auth, "clientAuth"),
                    (eku.code_signing, "codeSigning"),
                    (eku.email_protection, "emailProtection"),
                    (eku.time_stamping, "timeStamping"),
                    (eku.ocsp_signing, "OCSPSigning"),
                ]
                .into_iter()
                .filter(|(set, _)| *set)
                .map(|(_, name)| name.to_string())
                .collect();
                names.extend(eku.other.iter().map(|oid| oid.to_id_string()));
                names
            }
            _ => Vec::new(),
        };
        let raw_subject = cert.subject().as_raw().to_vec();
        let raw_issuer = cert.issuer().as_raw().to_vec();
        let self_issued = raw_subject == raw_issuer;
        let self_signed = if self_issued {
            match verify(&cert, spki) {
                Verification::Valid => Some(true),
                Verification::Invalid => Some(false),
                Verification::Unsupported => None,
            }
        } else {
            Some(false)
        };
        Ok(Certificate {
            subject: text::distinguished_name(cert.subject()),
            issuer: text::distinguished_name(cert.issuer()),
            serial: cert.raw_serial_as_string(),
            sans,
            common_names: cert
                .subject()
                .iter_common_name()
                .filter_map(|cn| cn.as_str().ok())
                .map(String::from)
                .collect(),
            not_before: cert.validity().not_before.timestamp(),
            not_after: cert.validity().not_after.timestamp(),
            key_algorithm: key_algorithm(spki),
            public_key: PublicKey::from_spki(spki),
            signature: SignatureAlgorithm::from_oid(
                &cert.signature_algorithm.algorithm.to_id_string(),
            ),
            is_ca: cert
                .basic_constraints()
                .ok()
                .flatten()
                .map(|bc| bc.value.ca),
            key_usage,
            extended_key_usage,
            self_issued,
            self_signed,
            raw_subject,
            raw_issuer,
            der: der.to_vec(),
        })
    }

    /// The lifetime, notAfter minus notBefore, in seconds.
    pub fn lifetime(&self) -> i64 {
        self.not_after.saturating_sub(self.not_before)
    }

    /// Whether `issuer`'s subject is this certificate's issuer name (byte for byte).
    pub fn names_issuer(&self, issuer: &Certificate) -> bool {
        self.raw_issuer == issuer.raw_subject
    }

    /// Whether `issuer`'s key verifies this certificate's signature.
    pub fn verify_signed_by(&self, issuer: &Certificate) -> Verification {
        let (Ok((_, cert)), Ok((_, signer))) = (
            X509Certificate::from_der(&self.der),
            X509Certificate::from_der(&issuer.der),
        ) else {
            return Verification::Unsupported;
        };
        verify(&cert, signer.public_key())
    }
}

/// Verifies with ring through x509-parser. ring refuses RSA keys under 2048 bits except for SHA-1
/// signatures, and would call that a bad signature: such keys are `Unsupported`, not `Invalid`.
fn verify(cert: &X509Certificate<'_>, signer: &SubjectPublicKeyInfo<'_>) -> Verification {
    if let KeyAlgorithm::Rsa { bits } = key_algorithm(signer) {
        let sha1 = SignatureAlgorithm::from_oid(&cert.signature_algorithm.algorithm.to_id_string())
            .hash
            == algorithm::Hash::Sha1;
        if bits < 2048 && !(sha1 && bits >= 1024) || bits > 8192 {
            return Verification::Unsupported;
        }
    }
    match cert.verify_signature(Some(signer)) {
        Ok(()) => Verification::Valid,
        Err(x509_parser::error::X509Error::SignatureVerificationError) => Verification::Invalid,
        Err(_) => Verification::Unsupported,
    }
}

fn san(name: &GeneralName<'_>) -> San {
    match name {
        GeneralName::DNSName(dns) => San::Dns(dns.to_string()),
        GeneralName::RFC822Name(email) => San::Email(email.to_string()),
        GeneralName::URI(uri) => San::Uri(uri.to_string()),
        GeneralName::IPAddress(bytes) => match <[u8; 4]>::try_from(*bytes) {
            Ok(v4) => San::Ip(v4.into()),
            Err(_) => match <[u8; 16]>::try_from(*bytes) {
                Ok(v6) => San::Ip(v6.into()),
                Err(_) => San::Other(format!("IP Address:<invalid {}>", text::hex(bytes))),
            },
        },
        GeneralName::DirectoryName(name) => {
            San::Other(format!("DirName:{}", text::distinguished_name(name)))
        }
        other => San::Other(format!("{other:?}")),
    }
}

/// The algorithm and size of a SubjectPublicKeyInfo.
pub(crate) fn key_algorithm(spki: &SubjectPublicKeyInfo<'_>) -> KeyAlgorithm {
    let oid = spki.algorithm.algorithm.to_id_string();
    match oid.as_str() {
        algorithm::RSA | algorithm::RSA_PSS => match spki.parsed() {
            Ok(x509_parser::public_key::PublicKey::RSA(rsa)) => KeyAlgorithm::Rsa {
                bits: algorithm::bit_length(rsa.modulus),
            },
            _ => KeyAlgorithm::Rsa { bits: 0 },
        },
        algorithm::EC => {
            let curve_oid = spki
                .algorithm
                .parameters
                .as_ref()
                .and_then(|p| p.as_oid().ok())
                .map(|oid| oid.to_id_string())
                .unwrap_or_default();
            let (curve, bits) = algorithm::curve(&curve_oid);
            KeyAlgorithm::Ec { curve, bits }
        }
        algorithm::ED25519 => KeyAlgorithm::Ed25519,
        algorithm::ED448 => KeyAlgorithm::Ed448,
        algorithm::DSA => KeyAlgorithm::Dsa {
            bits: dsa_bits(spki),
        },
        _ => KeyAlgorithm::Other { oid },
    }
}

/// A DSA key's strength is the size of its prime `p`, the first integer of the parameters (OpenSSL prints
/// that size).
fn dsa_bits(spki: &SubjectPublicKeyInfo<'_>) -> u32 {
    let Some(parameters) = spki.algorithm.parameters.as_ref() else {
        return 0;
    };
    match x509_parser::der_parser::der::parse_der_integer(parameters.data) {
        Ok((_, p)) => p.as_slice().map_or(0, algorithm::bit_length),
        Err(_) => 0,
    }
}

/// A certificate signing request's facts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CertificateRequest {
    /// The requested subject.
    pub subject: String,
    /// The requested subject alternative names.
    pub sans: Vec<San>,
    /// The key's algorithm and size.
    pub key_algorithm: KeyAlgorithm,
    /// The request's signature algorithm.
    pub signature: SignatureAlgorithm,
}

impl CertificateRequest {
    /// Reads a PKCS#10 request.
    pub fn from_der(der: &[u8]) -> Result<CertificateRequest, String> {
        let (_, request) = X509CertificationRequest::from_der(der).map_err(|e| e.to_string())?;
        let info = &request.certification_request_info;
        let sans = request
            .requested_extensions()
            .into_iter()
            .flatten()
            .filter_map(|extension| match extension {
                ParsedExtension::SubjectAlternativeName(names) => {
                    Some(names.general_names.iter().map(san))
                }
                _ => None,
            })
            .flatten()
            .collect();
        Ok(CertificateRequest {
            subject: text::distinguished_name(&info.subject),
            sans,
            key_algorithm: key_algorithm(&info.subject_pki),
            signature: SignatureAlgorithm::from_oid(
                &request.signature_algorithm.algorithm.to_id_string(),
            ),
        })
    }
}
