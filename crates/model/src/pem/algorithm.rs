//! Key and signature algorithms by OID: the names shiplint prints (OpenSSL's, so a dump diffs against
//! `openssl x509 -text`) and the facts the strength rules read (key size, curve, hash).

use std::fmt;

/// `rsaEncryption`
pub(crate) const RSA: &str = "1.2.840.113549.1.1.1";
/// `RSASSA-PSS` used as a key algorithm.
pub(crate) const RSA_PSS: &str = "1.2.840.113549.1.1.10";
/// `id-ecPublicKey`
pub(crate) const EC: &str = "1.2.840.10045.2.1";
/// `ED25519`
pub(crate) const ED25519: &str = "1.3.101.112";
/// `ED448`
pub(crate) const ED448: &str = "1.3.101.113";
/// `dsaEncryption`
pub(crate) const DSA: &str = "1.2.840.10040.4.1";

/// A public key's algorithm and strength.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeyAlgorithm {
    /// RSA with its modulus size.
    Rsa {
        /// Modulus size in bits.
        bits: u32,
    },
    /// An elliptic curve key.
    Ec {
        /// The curve's common name (`P-256`), or its OID when unknown.
        curve: String,
        /// The curve's field size in bits (0 when the curve is unknown).
        bits: u32,
    },
    /// Ed25519.
    Ed25519,
    /// Ed448.
    Ed448,
    /// DSA with its public value's size.
    Dsa {
        /// Size of the public value in bits.
        bits: u32,
    },
    /// An algorithm shiplint does not know, by OID.
    Other {
        /// The dotted OID.
        oid: String,
    },
}

impl KeyAlgorithm {
    /// The key's strength in bits, as `openssl` prints it (`Public-Key: (2048 bit)`); `None` when unknown.
    pub fn bits(&self) -> Option<u32> {
        match self {
            KeyAlgorithm::Rsa { bits } | KeyAlgorithm::Dsa { bits } => Some(*bits),
            KeyAlgorithm::Ec { bits, .. } => (*bits > 0).then_some(*bits),
            KeyAlgorithm::Ed25519 => Some(256),
            KeyAlgorithm::Ed448 => Some(456),
            KeyAlgorithm::Other { .. } => None,
        }
    }

    /// The algorithm's family name: `RSA`, `EC`, `Ed25519`, `Ed448`, `DSA`, or the OID.
    pub fn family(&self) -> &str {
        match self {
            KeyAlgorithm::Rsa { .. } => "RSA",
            KeyAlgorithm::Ec { .. } => "EC",
            KeyAlgorithm::Ed25519 => "Ed25519",
            KeyAlgorithm::Ed448 => "Ed448",
            KeyAlgorithm::Dsa { .. } => "DSA",
            KeyAlgorithm::Other { oid } => oid,
        }
    }
}

impl fmt::Display for KeyAlgorithm {
    /// `RSA 2048`, `EC P-256`, `Ed25519`, `DSA 1024`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeyAlgorithm::Rsa { bits } => write!(f, "RSA {bits}"),
            KeyAlgorithm::Dsa { bits } => write!(f, "DSA {bits}"),
            KeyAlgorithm::Ec { curve, .. } => write!(f, "EC {curve}"),
            other => f.write_str(other.family()),
        }
    }
}

/// A named curve's common name and field size.
pub(crate) fn curve(oid: &str) -> (String, u32) {
    let (name, bits) = match oid {
        "1.2.840.10045.3.1.7" => ("P-256", 256),
        "1.3.132.0.34" => ("P-384", 384),
        "1.3.132.0.35" => ("P-521", 521),
        "1.2.840.10045.3.1.1" => ("P-192", 192),
        "1.3.132.0.33" => ("P-224", 224),
        "1.3.132.0.10" => ("secp256k1", 256),
        "1.3.36.3.3.2.8.1.1.7" => ("brainpoolP256r1", 256),
        "1.3.36.3.3.2.8.1.1.11" => ("brainpoolP384r1", 384),
        "1.3.36.3.3.2.8.1.1.13" => ("brainpoolP512r1", 512),
        other => return (other.to_string(), 0),
    };
    (name.to_string(), bits)
}

/// The size in bits of a big-endian unsigned integer (leading zero bytes and bits ignored).
pub(crate) fn bit_length(be: &[u8]) -> u32 {
    let digits = strip_leading_zeros(be);
    match digits.first() {
        Some(first) => (digits.len() as u32 - 1) * 8 + (8 - first.leading_zeros()),
        None => 0,
    }
}

/// `be` without leading zero bytes (DER integers carry one before a high bit).
pub(crate) fn strip_leading_zeros(be: &[u8]) -> &[u8] {
    let first = be.iter().position(|&b| b != 0).unwrap_or(be.len());
    &be[first..]
}

/// The hash a signature algorithm uses, for the weak-signature rule.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Hash {
    /// MD2, MD4 or MD5.
    Md5,
    /// SHA-1.
    Sha1,
    /// SHA-2 or SHA-3 (224 bits and up), or an algorithm with its own hash (Ed25519).
    Strong,
    /// Not known to shiplint.
    Unknown,
}

/// A signature algorithm: OpenSSL's name for it and its hash.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignatureAlgorithm {
    /// OpenSSL's long name (`sha256WithRSAEncryption`, `ecdsa-with-SHA256`), or the dotted OID.
    pub name: String,
    /// The hash it signs with.
    pub hash: Hash,
}

impl SignatureAlgorithm {
    /// The algorithm with this OID.
    pub(crate) fn from_oid(oid: &str) -> SignatureAlgorithm {
        let (name, hash) = match oid {
            "1.2.840.113549.1.1.2" => ("md2WithRSAEncryption", Hash::Md5),
            "1.2.840.113549.1.1.3" => ("md4WithRSAEncryption", Hash::Md5),
            "1.2.840.113549.1.1.4" => ("md5WithRSAEncryption", Hash::Md5),
            "1.2.840.113549.1.1.5" => ("sha1WithRSAEncryption", Hash::Sha1),
            "1.3.14.3.2.29" => ("sha1WithRSA", Hash::Sha1),
            "1.2.840.10045.4.1" => ("ecdsa-with-SHA1", Hash::Sha1),
            "1.2.840.10040.4.3" => ("dsaWithSHA1", Hash::Sha1),
            "1.2.840.113549.1.1.14" => ("sha224WithRSAEncryption", Hash::Strong),
            "1.2.840.113549.1.1.11" => ("sha256WithRSAEncryption", Hash::Strong),
            "1.2.840.113549.1.1.12" => ("sha384WithRSAEncryption", Hash::Strong),
            "1.2.840.113549.1.1.13" => ("sha512WithRSAEncryption", Hash::Strong),
            "1.2.840.113549.1.1.10" => ("rsassaPss", Hash::Unknown),
            "1.2.840.10045.4.3.1" => ("ecdsa-with-SHA224", Hash::Strong),
            "1.2.840.10045.4.3.2" => ("ecdsa-with-SHA256", Hash::Strong),
            "1.2.840.10045.4.3.3" => ("ecdsa-with-SHA384", Hash::Strong),
            "1.2.840.10045.4.3.4" => ("ecdsa-with-SHA512", Hash::Strong),
            "2.16.840.1.101.3.4.3.1" => ("dsa_with_SHA224", Hash::Strong),
            "2.16.840.1.101.3.4.3.2" => ("dsa_with_SHA256", Hash::Strong),
            ED25519 => ("ED25519", Hash::Strong),
            ED448 => ("ED448", Hash::Strong),
            other => (other, Hash::Unknown),
        };
        SignatureAlgorithm {
            name: name.to_string(),
            hash,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bit_lengths_ignore_leading_zeros() {
        assert_eq!(bit_length(&[0x00, 0x80, 0x00]), 16);
        assert_eq!(bit_length(&[0x01, 0xff]), 9);
        assert_eq!(bit_length(&[0, 0]), 0);
    }

    #[test]
    fn names_and_hashes() {
        assert_eq!(
            SignatureAlgorithm::from_oid("1.2.840.113549.1.1.5").hash,
            Hash::Sha1
        );
        assert_eq!(SignatureAlgorithm::from_oid("9.9").name, "9.9");
        assert_eq!(
            KeyAlgorithm::Ec {
                curve: "P-256".into(),
                bits: 256
            }
            .to_string(),
            "EC P-256"
        );
        assert_eq!(curve("1.3.132.0.34"), ("P-384".to_string(), 384));
    }
}
