//! Private keys in their three encodings (PKCS#1, PKCS#8, SEC1), reduced to what the rules need: the
//! algorithm, the size, and the public half, so a key can be matched with its certificate. The private
//! numbers are read by the decoders and dropped at once; nothing here keeps or prints them.

use super::algorithm::{self, KeyAlgorithm};
use pkcs8::der::asn1::ObjectIdentifier;
use x509_parser::x509::SubjectPublicKeyInfo;

/// The public half of a key pair, in a form both a certificate and a private key can produce.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PublicKey {
    /// RSA modulus and public exponent, big-endian, leading zeros stripped.
    Rsa {
        /// `n`
        modulus: Vec<u8>,
        /// `e`
        exponent: Vec<u8>,
    },
    /// Any other algorithm: the SubjectPublicKey bits (an EC point, an Ed25519 key).
    Bits(Vec<u8>),
}

impl PublicKey {
    /// The public key of a SubjectPublicKeyInfo.
    pub(crate) fn from_spki(spki: &SubjectPublicKeyInfo<'_>) -> PublicKey {
        match spki.parsed() {
            Ok(x509_parser::public_key::PublicKey::RSA(rsa)) => PublicKey::Rsa {
                modulus: algorithm::strip_leading_zeros(rsa.modulus).to_vec(),
                exponent: algorithm::strip_leading_zeros(rsa.exponent).to_vec(),
            },
            _ => PublicKey::Bits(spki.subject_public_key.data.to_vec()),
        }
    }

    fn rsa(modulus: &[u8], exponent: &[u8]) -> PublicKey {
        PublicKey::Rsa {
            modulus: algorithm::strip_leading_zeros(modulus).to_vec(),
            exponent: algorithm::strip_leading_zeros(exponent).to_vec(),
        }
    }
}

/// How a private key is encoded.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum KeyEncoding {
    /// `RSA PRIVATE KEY`
    Pkcs1,
    /// `PRIVATE KEY`
    Pkcs8,
    /// `EC PRIVATE KEY`
    Sec1,
}

impl KeyEncoding {
    /// `PKCS#1`, `PKCS#8`, `SEC1`.
    pub fn as_str(self) -> &'static str {
        match self {
            KeyEncoding::Pkcs1 => "PKCS#1",
            KeyEncoding::Pkcs8 => "PKCS#8",
            KeyEncoding::Sec1 => "SEC1",
        }
    }
}

/// A readable (unencrypted) private key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PrivateKey {
    /// Its encoding.
    pub encoding: KeyEncoding,
    /// Its algorithm and size.
    pub algorithm: KeyAlgorithm,
    /// Its public half, when the encoding carries it (an EC key may omit its public point; an Ed25519
    /// PKCS#8 v1 key always does). `None`: it cannot be matched with a certificate.
    pub public_key: Option<PublicKey>,
}

impl PrivateKey {
    /// Reads a key of a known encoding.
    pub fn from_der(encoding: KeyEncoding, der: &[u8]) -> Result<PrivateKey, String> {
        match encoding {
            KeyEncoding::Pkcs1 => pkcs1_key(der),
            KeyEncoding::Sec1 => sec1_key(der, None),
            KeyEncoding::Pkcs8 => pkcs8_key(der),
        }
    }
}

fn pkcs1_key(der: &[u8]) -> Result<PrivateKey, String> {
    let key = pkcs1::RsaPrivateKeyRef::try_from(der).map_err(|e| e.to_string())?;
    let modulus = key.modulus.as_bytes();
    Ok(PrivateKey {
        encoding: KeyEncoding::Pkcs1,
        algorithm: KeyAlgorithm::Rsa {
            bits: algorithm::bit_length(modulus),
        },
        public_key: Some(PublicKey::rsa(modulus, key.public_exponent.as_bytes())),
    })
}

/// A SEC1 key; `curve` is the PKCS#8 wrapper's curve when the inner key omits its own.
fn sec1_key(der: &[u8], curve: Option<ObjectIdentifier>) -> Result<PrivateKey, String> {
    let key = sec1::EcPrivateKey::try_from(der).map_err(|e| e.to_string())?;
    let named = key
        .parameters
        .and_then(|p| p.named_curve())
        .or(curve)
        .map(|oid| oid.to_string())
        .unwrap_or_default();
    let (curve, bits) = algorithm::curve(&named);
    Ok(PrivateKey {
        encoding: KeyEncoding::Sec1,
        algorithm: KeyAlgorithm::Ec { curve, bits },
        public_key: key.public_key.map(|point| PublicKey::Bits(point.to_vec())),
    })
}

fn pkcs8_key(der: &[u8]) -> Result<PrivateKey, String> {
    let info = pkcs8::PrivateKeyInfoRef::try_from(der).map_err(|e| e.to_string())?;
    let oid = info.algorithm.oid.to_string();
    let inner = info.private_key.as_bytes();
    let embedded_public = info
        .public_key
        .as_ref()
        .and_then(|bits| bits.as_bytes())
        .map(|bytes| PublicKey::Bits(bytes.to_vec()));
    let mut key = match oid.as_str() {
        algorithm::RSA | algorithm::RSA_PSS => pkcs1_key(inner)?,
        algorithm::EC => {
            let curve = info
                .algorithm
                .parameters
                .and_then(|p| p.decode_as::<ObjectIdentifier>().ok());
            let mut key = sec1_key(inner, curve)?;
            key.public_key = key.public_key.or(embedded_public);
            key
        }
        algorithm::ED25519 | algorithm::ED448 => PrivateKey {
            encoding: KeyEncoding::Pkcs8,
            algorithm: if oid == algorithm::ED25519 {
                KeyAlgorithm::Ed25519
            } else {
                KeyAlgorithm::Ed448
            },
            public_key: embedded_public,
        },
        algorithm::DSA => PrivateKey {
            encoding: KeyEncoding::Pkcs8,
            algorithm: KeyAlgorithm::Dsa {
                bits: dsa_prime_bits(info.algorithm.parameters),
            },
            public_key: None,
        },
        _ => PrivateKey {
            encoding: KeyEncoding::Pkcs8,
            algorithm: KeyAlgorithm::Other { oid },
            public_key: embedded_public,
        },
    };
    key.encoding = KeyEncoding::Pkcs8;
    Ok(key)
}

/// `Dss-Parms ::= SEQUENCE { p INTEGER, q INTEGER, g INTEGER }`: the size of `p` is the key's strength.
fn dsa_prime_bits(parameters: Option<pkcs8::der::asn1::AnyRef<'_>>) -> u32 {
    use pkcs8::der::{Reader, SliceReader};
    let Some(any) = parameters else {
        return 0;
    };
    let Ok(mut reader) = SliceReader::new(any.value()) else {
        return 0;
    };
    reader
        .decode::<pkcs8::der::asn1::UintRef<'_>>()
        .map_or(0, |p| algorithm::bit_length(p.as_bytes()))
}
