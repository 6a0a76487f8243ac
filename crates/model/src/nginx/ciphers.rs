//! OpenSSL cipher strings (`ssl_ciphers HIGH:!aNULL:!MD5`) expanded to the suites they select, as
//! `openssl ciphers -v` does: `:`/`,`/` `-separated rules, `+`-joined aliases (AND), `!` (remove for good),
//! `-` (remove), `+` (move to the end: the set is unchanged), `DEFAULT` at the start, `@STRENGTH` and
//! `@SECLEVEL=n` (ordering and security level do not change what `openssl ciphers -v` lists). TLS 1.3 suites
//! are configured apart (`ssl_conf_command Ciphersuites`) and are not part of the expansion.
//!
//! The table is OpenSSL 3.0's (`openssl ciphers -v 'ALL:COMPLEMENTOFALL:@SECLEVEL=0'`, TLS 1.3 rows left
//! out). Legacy suites that OpenSSL 3 no longer builds (RC4, DES, 3DES, EXPORT, IDEA, SEED) select nothing
//! here, as with `openssl ciphers`; [`legacy_terms`] finds strings that ask for them, since an nginx linked to
//! an older OpenSSL would enable them.

/// The minimum protocol version of a suite.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum MinVersion {
    /// SSLv3 (and so TLSv1.0 and later).
    Ssl3,
    /// TLSv1.0.
    Tls1,
    /// TLSv1.2.
    Tls12,
}

/// One cipher suite: OpenSSL's name and the columns `openssl ciphers -v` prints.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Suite {
    /// OpenSSL's name (`ECDHE-RSA-AES128-GCM-SHA256`).
    pub name: &'static str,
    /// Minimum protocol version.
    pub version: MinVersion,
    /// Key exchange (`Kx=`): RSA, DH, ECDH, PSK, RSAPSK, DHEPSK, ECDHEPSK, SRP.
    pub kx: &'static str,
    /// Authentication (`Au=`): RSA, DSS, ECDSA, PSK, SRP, None.
    pub au: &'static str,
    /// Encryption (`Enc=` without the bits): AES, AESGCM, AESCCM, AESCCM8, ARIAGCM, Camellia,
    /// CHACHA20/POLY1305, None.
    pub enc: &'static str,
    /// Key bits of the encryption.
    pub bits: u16,
    /// MAC (`Mac=`): AEAD, SHA1, SHA256, SHA384, MD5.
    pub mac: &'static str,
}

impl Suite {
    /// Why the suite is weak, if it is: no encryption, no authentication, or an MD5 MAC.
    pub fn weakness(&self) -> Option<&'static str> {
        if self.enc == "None" {
            Some("no encryption")
        } else if self.au == "None" {
            Some("no authentication")
        } else if self.mac == "MD5" {
            Some("an MD5 MAC")
        } else {
            None
        }
    }

    /// Whether the key exchange is ephemeral Diffie-Hellman over a finite field (needs `ssl_dhparam`).
    pub fn is_dhe(&self) -> bool {
        matches!(self.kx, "DH" | "DHEPSK")
    }
}

use MinVersion::{Ssl3, Tls1, Tls12};

const fn s(
    name: &'static str,
    version: MinVersion,
    kx: &'static str,
    au: &'static str,
    enc: &'static str,
    bits: u16,
    mac: &'static str,
) -> Suite {
    Suite {
        name,
        version,
        kx,
        au,
        enc,
        bits,
        mac,
    }
}

/// Every TLS 1.2-and-earlier suite OpenSSL 3.0 knows, in its default order.
#[rustfmt::skip]
pub const SUITES: &[Suite] = &[
    s("ECDHE-ECDSA-AES256-GCM-SHA384", Tls12, "ECDH", "ECDSA", "AESGCM", 256, "AEAD"),
    s("ECDHE-RSA-AES256-GCM-SHA384", Tls12, "ECDH", "RSA", "AESGCM", 256, "AEAD"),
    s("DHE-DSS-AES256-GCM-SHA384", Tls12, "DH", "DSS", "AESGCM", 256, "AEAD"),
    s("DHE-RSA-AES256-GCM-SHA384", Tls12, "DH", "RSA", "AESGCM", 256, "AEAD"),
    s("ECDHE-ECDSA-CHACHA20-POLY1305", Tls12, "ECDH", "ECDSA", "CHACHA20/POLY1305", 256, "AEAD"),
    s("ECDHE-RSA-CHACHA20-POLY1305", Tls12, "ECDH", "RSA", "CHACHA20/POLY1305", 256, "AEAD"),
    s("DHE-RSA-CHACHA20-POLY1305", Tls12, "DH", "RSA", "CHACHA20/POLY1305", 256, "AEAD"),
    s("ECDHE-ECDSA-AES256-CCM8", Tls12, "ECDH", "ECDSA", "AESCCM8", 256, "AEAD"),
    s("ECDHE-ECDSA-AES256-CCM", Tls12, "ECDH", "ECDSA", "AESCCM", 256, "AEAD"),
    s("DHE-RSA-AES256-CCM8", Tls12, "DH", "RSA", "AESCCM8", 256, "AEAD"),
    s("DHE-RSA-AES256-CCM", Tls12, "DH", "RSA", "AESCCM", 256, "AEAD"),
    s("ECDHE-ECDSA-ARIA256-GCM-SHA384", Tls12, "ECDH", "ECDSA", "ARIAGCM", 256, "AEAD"),
    s("ECDHE-ARIA256-GCM-SHA384", Tls12, "ECDH", "RSA", "ARIAGCM", 256, "AEAD"),
    s("DHE-DSS-ARIA256-GCM-SHA384", Tls12, "DH", "DSS", "ARIAGCM", 256, "AEAD"),
    s("DHE-RSA-ARIA256-GCM-SHA384", Tls12, "DH", "RSA", "ARIAGCM", 256, "AEAD"),
    s("ADH-AES256-GCM-SHA384", Tls12, "DH", "None", "AESGCM", 256, "AEAD"),
    s("ECDHE-ECDSA-AES128-GCM-SHA256", Tls12, "ECDH", "ECDSA", "AESGCM", 128, "AEAD"),
    s("ECDHE-RSA-AES128-GCM-SHA256", Tls12, "ECDH", "RSA", "AESGCM", 128, "AEAD"),
    s("DHE-DSS-AES128-GCM-SHA256", Tls12, "DH", "DSS", "AESGCM", 128, "AEAD"),
    s("DHE-RSA-AES128-GCM-SHA256", Tls12, "DH", "RSA", "AESGCM", 128, "AEAD"),
    s("ECDHE-ECDSA-AES128-CCM8", Tls12, "ECDH", "ECDSA", "AESCCM8", 128, "AEAD"),
    s("ECDHE-ECDSA-AES128-CCM", Tls12, "ECDH", "ECDSA", "AESCCM", 128, "AEAD"),
    s("DHE-RSA-AES128-CCM8", Tls12, "DH", "RSA", "AESCCM8", 128, "AEAD"),
    s("DHE-RSA-AES128-CCM", Tls12, "DH", "RSA", "AESCCM", 128, "AEAD"),
    s("ECDHE-ECDSA-ARIA128-GCM-SHA256", Tls12, "ECDH", "ECDSA", "ARIAGCM", 128, "AEAD"),
    s("ECDHE-ARIA128-GCM-SHA256", Tls12, "ECDH", "RSA", "ARIAGCM", 128, "AEAD"),
    s("DHE-DSS-ARIA128-GCM-SHA256", Tls12, "DH", "DSS", "ARIAGCM", 128, "AEAD"),
    s("DHE-RSA-ARIA128-GCM-SHA256", Tls12, "DH", "RSA", "ARIAGCM", 128, "AEAD"),
    s("ADH-AES128-GCM-SHA256", Tls12, "DH", "None", "AESGCM", 128, "AEAD"),
    s("ECDHE-ECDSA-AES256-SHA384", Tls12, "ECDH", "ECDSA", "AES", 256, "SHA384"),
    s("ECDHE-RSA-AES256-SHA384", Tls12, "ECDH", "RSA", "AES", 256, "SHA384"),
    s("DHE-RSA-AES256-SHA256", Tls12, "DH", "RSA", "AES", 256, "SHA256"),
    s("DHE-DSS-AES256-SHA256", Tls12, "DH", "DSS", "AES", 256, "SHA256"),
    s("ECDHE-ECDSA-CAMELLIA256-SHA384", Tls12, "ECDH", "ECDSA", "Camellia", 256, "SHA384"),
    s("ECDHE-RSA-CAMELLIA256-SHA384", Tls12, "ECDH", "RSA", "Camellia", 256, "SHA384"),
    s("DHE-RSA-CAMELLIA256-SHA256", Tls12, "DH", "RSA", "Camellia", 256, "SHA256"),
    s("DHE-DSS-CAMELLIA256-SHA256", Tls12, "DH", "DSS", "Camellia", 256, "SHA256"),
    s("ADH-AES256-SHA256", Tls12, "DH", "None", "AES", 256, "SHA256"),
    s("ADH-CAMELLIA256-SHA256", Tls12, "DH", "None", "Camellia", 256, "SHA256"),
    s("ECDHE-ECDSA-AES128-SHA256", Tls12, "ECDH", "ECDSA", "AES", 128, "SHA256"),
    s("ECDHE-RSA-AES128-SHA256", Tls12, "ECDH", "RSA", "AES", 128, "SHA256"),
    s("DHE-RSA-AES128-SHA256", Tls12, "DH", "RSA", "AES", 128, "SHA256"),
    s("DHE-DSS-AES128-SHA256", Tls12, "DH", "DSS", "AES", 128, "SHA256"),
    s("ECDHE-ECDSA-CAMELLIA128-SHA256", Tls12, "ECDH", "ECDSA", "Camellia", 128, "SHA256"),
    s("ECDHE-RSA-CAMELLIA128-SHA256", Tls12, "ECDH", "RSA", "Camellia", 128, "SHA256"),
    s("DHE-RSA-CAMELLIA128-SHA256", Tls12, "DH", "RSA", "Camellia", 128, "SHA256"),
    s("DHE-DSS-CAMELLIA128-SHA256", Tls12, "DH", "DSS", "Camellia", 128, "SHA256"),
    s("ADH-AES128-SHA256", Tls12, "DH", "None", "AES", 128, "SHA256"),
    s("ADH-CAMELLIA128-SHA256", Tls12, "DH", "None", "Camellia", 128, "SHA256"),
    s("ECDHE-ECDSA-AES256-SHA", Tls1, "ECDH", "ECDSA", "AES", 256, "SHA1"),
    s("ECDHE-RSA-AES256-SHA", Tls1, "ECDH", "RSA", "AES", 256, "SHA1"),
    s("DHE-RSA-AES256-SHA", Ssl3, "DH", "RSA", "AES", 256, "SHA1"),
    s("DHE-DSS-AES256-SHA", Ssl3, "DH", "DSS", "AES", 256, "SHA1"),
    s("DHE-RSA-CAMELLIA256-SHA", Ssl3, "DH", "RSA", "Camellia", 256, "SHA1"),
    s("DHE-DSS-CAMELLIA256-SHA", Ssl3, "DH", "DSS", "Camellia", 256, "SHA1"),
    s("AECDH-AES256-SHA", Tls1, "ECDH", "None", "AES", 256, "SHA1"),
    s("ADH-AES256-SHA", Ssl3, "DH", "None", "AES", 256, "SHA1"),
    s("ADH-CAMELLIA256-SHA", Ssl3, "DH", "None", "Camellia", 256, "SHA1"),
    s("ECDHE-ECDSA-AES128-SHA", Tls1, "ECDH", "ECDSA", "AES", 128, "SHA1"),
    s("ECDHE-RSA-AES128-SHA", Tls1, "ECDH", "RSA", "AES", 128, "SHA1"),
    s("DHE-RSA-AES128-SHA", Ssl3, "DH", "RSA", "AES", 128, "SHA1"),
    s("DHE-DSS-AES128-SHA", Ssl3, "DH", "DSS", "AES", 128, "SHA1"),
    s("DHE-RSA-CAMELLIA128-SHA", Ssl3, "DH", "RSA", "Camellia", 128, "SHA1"),
    s("DHE-DSS-CAMELLIA128-SHA", Ssl3, "DH", "DSS", "Camellia", 128, "SHA1"),
    s("AECDH-AES128-SHA", Tls1, "ECDH", "None", "AES", 128, "SHA1"),
    s("ADH-AES128-SHA", Ssl3, "DH", "None", "AES", 128, "SHA1"),
    s("ADH-CAMELLIA128-SHA", Ssl3, "DH", "None", "Camellia", 128, "SHA1"),
    s("RSA-PSK-AES256-GCM-SHA384", Tls12, "RSAPSK", "RSA", "AESGCM", 256, "AEAD"),
    s("DHE-PSK-AES256-GCM-SHA384", Tls12, "DHEPSK", "PSK", "AESGCM", 256, "AEAD"),
    s("RSA-PSK-CHACHA20-POLY1305", Tls12, "RSAPSK", "RSA", "CHACHA20/POLY1305", 256, "AEAD"),
    s("DHE-PSK-CHACHA20-POLY1305", Tls12, "DHEPSK", "PSK", "CHACHA20/POLY1305", 256, "AEAD"),
    s("ECDHE-PSK-CHACHA20-POLY1305", Tls12, "ECDHEPSK", "PSK", "CHACHA20/POLY1305", 256, "AEAD"),
    s("DHE-PSK-AES256-CCM8", Tls12, "DHEPSK", "PSK", "AESCCM8", 256, "AEAD"),
    s("DHE-PSK-AES256-CCM", Tls12, "DHEPSK", "PSK", "AESCCM", 256, "AEAD"),
    s("RSA-PSK-ARIA256-GCM-SHA384", Tls12, "RSAPSK", "RSA", "ARIAGCM", 256, "AEAD"),
    s("DHE-PSK-ARIA256-GCM-SHA384", Tls12, "DHEPSK", "PSK", "ARIAGCM", 256, "AEAD"),
    s("AES256-GCM-SHA384", Tls12, "RSA", "RSA", "AESGCM", 256, "AEAD"),
    s("AES256-CCM8", Tls12, "RSA", "RSA", "AESCCM8", 256, "AEAD"),
    s("AES256-CCM", Tls12, "RSA", "RSA", "AESCCM", 256, "AEAD"),
    s("ARIA256-GCM-SHA384", Tls12, "RSA", "RSA", "ARIAGCM", 256, "AEAD"),
    s("PSK-AES256-GCM-SHA384", Tls12, "PSK", "PSK", "AESGCM", 256, "AEAD"),
    s("PSK-CHACHA20-POLY1305", Tls12, "PSK", "PSK", "CHACHA20/POLY1305", 256, "AEAD"),
    s("PSK-AES256-CCM8", Tls12, "PSK", "PSK", "AESCCM8", 256, "AEAD"),
    s("PSK-AES256-CCM", Tls12, "PSK", "PSK", "AESCCM", 256, "AEAD"),
    s("PSK-ARIA256-GCM-SHA384", Tls12, "PSK", "PSK", "ARIAGCM", 256, "AEAD"),
    s("RSA-PSK-AES128-GCM-SHA256", Tls12, "RSAPSK", "RSA", "AESGCM", 128, "AEAD"),
    s("DHE-PSK-AES128-GCM-SHA256", Tls12, "DHEPSK", "PSK", "AESGCM", 128, "AEAD"),
    s("DHE-PSK-AES128-CCM8", Tls12, "DHEPSK", "PSK", "AESCCM8", 128, "AEAD"),
    s("DHE-PSK-AES128-CCM", Tls12, "DHEPSK", "PSK", "AESCCM", 128, "AEAD"),
    s("RSA-PSK-ARIA128-GCM-SHA256", Tls12, "RSAPSK", "RSA", "ARIAGCM", 128, "AEAD"),
    s("DHE-PSK-ARIA128-GCM-SHA256", Tls12, "DHEPSK", "PSK", "ARIAGCM", 128, "AEAD"),
    s("AES128-GCM-SHA256", Tls12, "RSA", "RSA", "AESGCM", 128, "AEAD"),
    s("AES128-CCM8", Tls12, "RSA", "RSA", "AESCCM8", 128, "AEAD"),
    s("AES128-CCM", Tls12, "RSA", "RSA", "AESCCM", 128, "AEAD"),
    s("ARIA128-GCM-SHA256", Tls12, "RSA", "RSA", "ARIAGCM", 128, "AEAD"),
    s("PSK-AES128-GCM-SHA256", Tls12, "PSK", "PSK", "AESGCM", 128, "AEAD"),
    s("PSK-AES128-CCM8", Tls12, "PSK", "PSK", "AESCCM8", 128, "AEAD"),
    s("PSK-AES128-CCM", Tls12, "PSK", "PSK", "AESCCM", 128, "AEAD"),
    s("PSK-ARIA128-GCM-SHA256", Tls12, "PSK", "PSK", "ARIAGCM", 128, "AEAD"),
    s("AES256-SHA256", Tls12, "RSA", "RSA", "AES", 256, "SHA256"),
    s("CAMELLIA256-SHA256", Tls12, "RSA", "RSA", "Camellia", 256, "SHA256"),
    s("AES128-SHA256", Tls12, "RSA", "RSA", "AES", 128, "SHA256"),
    s("CAMELLIA128-SHA256", Tls12, "RSA", "RSA", "Camellia", 128, "SHA256"),
    s("ECDHE-PSK-AES256-CBC-SHA384", Tls1, "ECDHEPSK", "PSK", "AES", 256, "SHA384"),
    s("ECDHE-PSK-AES256-CBC-SHA", Tls1, "ECDHEPSK", "PSK", "AES", 256, "SHA1"),
    s("SRP-DSS-AES-256-CBC-SHA", Ssl3, "SRP", "DSS", "AES", 256, "SHA1"),
    s("SRP-RSA-AES-256-CBC-SHA", Ssl3, "SRP", "RSA", "AES", 256, "SHA1"),
    s("SRP-AES-256-CBC-SHA", Ssl3, "SRP", "SRP", "AES", 256, "SHA1"),
    s("RSA-PSK-AES256-CBC-SHA384", Tls1, "RSAPSK", "RSA", "AES", 256, "SHA384"),
    s("DHE-PSK-AES256-CBC-SHA384", Tls1, "DHEPSK", "PSK", "AES", 256, "SHA384"),
    s("RSA-PSK-AES256-CBC-SHA", Ssl3, "RSAPSK", "RSA", "AES", 256, "SHA1"),
    s("DHE-PSK-AES256-CBC-SHA", Ssl3, "DHEPSK", "PSK", "AES", 256, "SHA1"),
    s("ECDHE-PSK-CAMELLIA256-SHA384", Tls1, "ECDHEPSK", "PSK", "Camellia", 256, "SHA384"),
    s("RSA-PSK-CAMELLIA256-SHA384", Tls1, "RSAPSK", "RSA", "Camellia", 256, "SHA384"),
    s("DHE-PSK-CAMELLIA256-SHA384", Tls1, "DHEPSK", "PSK", "Camellia", 256, "SHA384"),
    s("AES256-SHA", Ssl3, "RSA", "RSA", "AES", 256, "SHA1"),
    s("CAMELLIA256-SHA", Ssl3, "RSA", "RSA", "Camellia", 256, "SHA1"),
    s("PSK-AES256-CBC-SHA384", Tls1, "PSK", "PSK", "AES", 256, "SHA384"),
    s("PSK-AES256-CBC-SHA", Ssl3, "PSK", "PSK", "AES", 256, "SHA1"),
    s("PSK-CAMELLIA256-SHA384", Tls1, "PSK", "PSK", "Camellia", 256, "SHA384"),
    s("ECDHE-PSK-AES128-CBC-SHA256", Tls1, "ECDHEPSK", "PSK", "AES", 128, "SHA256"),
    s("ECDHE-PSK-AES128-CBC-SHA", Tls1, "ECDHEPSK", "PSK", "AES", 128, "SHA1"),
    s("SRP-DSS-AES-128-CBC-SHA", Ssl3, "SRP", "DSS", "AES", 128, "SHA1"),
    s("SRP-RSA-AES-128-CBC-SHA", Ssl3, "SRP", "RSA", "AES", 128, "SHA1"),
    s("SRP-AES-128-CBC-SHA", Ssl3, "SRP", "SRP", "AES", 128, "SHA1"),
    s("RSA-PSK-AES128-CBC-SHA256", Tls1, "RSAPSK", "RSA", "AES", 128, "SHA256"),
    s("DHE-PSK-AES128-CBC-SHA256", Tls1, "DHEPSK", "PSK", "AES", 128, "SHA256"),
    s("RSA-PSK-AES128-CBC-SHA", Ssl3, "RSAPSK", "RSA", "AES", 128, "SHA1"),
    s("DHE-PSK-AES128-CBC-SHA", Ssl3, "DHEPSK", "PSK", "AES", 128, "SHA1"),
    s("ECDHE-PSK-CAMELLIA128-SHA256", Tls1, "ECDHEPSK", "PSK", "Camellia", 128, "SHA256"),
    s("RSA-PSK-CAMELLIA128-SHA256", Tls1, "RSAPSK", "RSA", "Camellia", 128, "SHA256"),
    s("DHE-PSK-CAMELLIA128-SHA256", Tls1, "DHEPSK", "PSK", "Camellia", 128, "SHA256"),
    s("AES128-SHA", Ssl3, "RSA", "RSA", "AES", 128, "SHA1"),
    s("CAMELLIA128-SHA", Ssl3, "RSA", "RSA", "Camellia", 128, "SHA1"),
    s("PSK-AES128-CBC-SHA256", Tls1, "PSK", "PSK", "AES", 128, "SHA256"),
    s("PSK-AES128-CBC-SHA", Ssl3, "PSK", "PSK", "AES", 128, "SHA1"),
    s("PSK-CAMELLIA128-SHA256", Tls1, "PSK", "PSK", "Camellia", 128, "SHA256"),
    s("ECDHE-ECDSA-NULL-SHA", Tls1, "ECDH", "ECDSA", "None", 0, "SHA1"),
    s("ECDHE-RSA-NULL-SHA", Tls1, "ECDH", "RSA", "None", 0, "SHA1"),
    s("AECDH-NULL-SHA", Tls1, "ECDH", "None", "None", 0, "SHA1"),
    s("NULL-SHA256", Tls12, "RSA", "RSA", "None", 0, "SHA256"),
    s("ECDHE-PSK-NULL-SHA384", Tls1, "ECDHEPSK", "PSK", "None", 0, "SHA384"),
    s("ECDHE-PSK-NULL-SHA256", Tls1, "ECDHEPSK", "PSK", "None", 0, "SHA256"),
    s("ECDHE-PSK-NULL-SHA", Tls1, "ECDHEPSK", "PSK", "None", 0, "SHA1"),
    s("RSA-PSK-NULL-SHA384", Tls1, "RSAPSK", "RSA", "None", 0, "SHA384"),
    s("RSA-PSK-NULL-SHA256", Tls1, "RSAPSK", "RSA", "None", 0, "SHA256"),
    s("DHE-PSK-NULL-SHA384", Tls1, "DHEPSK", "PSK", "None", 0, "SHA384"),
    s("DHE-PSK-NULL-SHA256", Tls1, "DHEPSK", "PSK", "None", 0, "SHA256"),
    s("RSA-PSK-NULL-SHA", Ssl3, "RSAPSK", "RSA", "None", 0, "SHA1"),
    s("DHE-PSK-NULL-SHA", Ssl3, "DHEPSK", "PSK", "None", 0, "SHA1"),
    s("NULL-SHA", Ssl3, "RSA", "RSA", "None", 0, "SHA1"),
    s("NULL-MD5", Ssl3, "RSA", "RSA", "None", 0, "MD5"),
    s("PSK-NULL-SHA384", Tls1, "PSK", "PSK", "None", 0, "SHA384"),
    s("PSK-NULL-SHA256", Tls1, "PSK", "PSK", "None", 0, "SHA256"),
    s("PSK-NULL-SHA", Ssl3, "PSK", "PSK", "None", 0, "SHA1"),
];

/// The predicate an alias stands for, or `None` for a word OpenSSL does not know.
fn alias(word: &str) -> Option<fn(&Suite) -> bool> {
    let predicate: fn(&Suite) -> bool = match word {
        "ALL" | "HIGH" => |c| c.enc != "None",
        "COMPLEMENTOFALL" | "eNULL" | "NULL" => |c| c.enc == "None",
        // OpenSSL 3.0 leaves these out of DEFAULT: anonymous and DSS authentication, CCM, Camellia, ARIA.
        "COMPLEMENTOFDEFAULT" => |c| {
            c.enc != "None"
                && (matches!(c.au, "None" | "DSS")
                    || matches!(c.enc, "AESCCM" | "AESCCM8" | "Camellia" | "ARIAGCM"))
        },
        // Known to OpenSSL, but no suite of its 3.0 default provider is in these classes.
        "MEDIUM" | "LOW" | "EXP" | "EXPORT" | "DES" | "3DES" | "RC4" | "RC2" | "IDEA" | "SEED" => {
            |_| false
        }
        "MD5" => |c| c.mac == "MD5",
        "kRSA" | "RSA" => |c| c.kx == "RSA",
        "aRSA" => |c| c.au == "RSA",
        "kDHE" | "kEDH" | "DH" => |c| c.kx == "DH",
        "DHE" | "EDH" => |c| c.kx == "DH" && c.au != "None",
        "ADH" => |c| c.kx == "DH" && c.au == "None",
        "kECDHE" | "kEECDH" | "ECDH" => |c| c.kx == "ECDH",
        "ECDHE" | "EECDH" => |c| c.kx == "ECDH" && c.au != "None",
        "AECDH" => |c| c.kx == "ECDH" && c.au == "None",
        "aNULL" => |c| c.au == "None",
        "aDSS" | "DSS" => |c| c.au == "DSS",
        "aECDSA" | "ECDSA" => |c| c.au == "ECDSA",
        "kPSK" => |c| c.kx == "PSK",
        "kRSAPSK" => |c| c.kx == "RSAPSK",
        "kDHEPSK" => |c| c.kx == "DHEPSK",
        "kECDHEPSK" => |c| c.kx == "ECDHEPSK",
        "PSK" => |c| c.kx.ends_with("PSK"),
        "aPSK" => |c| c.au == "PSK",
        "kSRP" | "SRP" => |c| c.kx == "SRP",
        "aSRP" => |c| c.au == "SRP",
        "AES" => |c| c.enc.starts_with("AES"),
        "AES128" => |c| c.enc.starts_with("AES") && c.bits == 128,
        "AES256" => |c| c.enc.starts_with("AES") && c.bits == 256,
        "AESGCM" => |c| c.enc == "AESGCM",
        "AESCCM" => |c| c.enc.starts_with("AESCCM"),
        "AESCCM8" => |c| c.enc == "AESCCM8",
        "CAMELLIA" => |c| c.enc == "Camellia",
        "CAMELLIA128" => |c| c.enc == "Camellia" && c.bits == 128,
        "CAMELLIA256" => |c| c.enc == "Camellia" && c.bits == 256,
        "CHACHA20" => |c| c.enc.starts_with("CHACHA20"),
        "ARIA" | "ARIAGCM" => |c| c.enc == "ARIAGCM",
        "ARIA128" => |c| c.enc == "ARIAGCM" && c.bits == 128,
        "ARIA256" => |c| c.enc == "ARIAGCM" && c.bits == 256,
        "SHA1" | "SHA" => |c| c.mac == "SHA1",
        "SHA256" => |c| c.mac == "SHA256",
        "SHA384" => |c| c.mac == "SHA384",
        "SSLv3" => |c| c.version == Ssl3,
        "TLSv1" | "TLSv1.0" => |c| c.version == Tls1,
        "TLSv1.2" => |c| c.version == Tls12,
        _ => return None,
    };
    Some(predicate)
}

/// Whether `suite` matches one rule's `+`-joined aliases (a suite name matches itself).
fn matches(suite: &Suite, terms: &[&str]) -> bool {
    terms.iter().all(|term| {
        if let Some(predicate) = alias(term) {
            predicate(suite)
        } else {
            suite.name == *term
        }
    })
}

/// Whether every `+`-joined term of a rule is known (an unknown one makes OpenSSL skip the rule).
fn known(terms: &[&str]) -> bool {
    terms
        .iter()
        .all(|t| alias(t).is_some() || SUITES.iter().any(|s| s.name == *t))
}

/// The suites `cipher_string` selects, in the table's order (the set is what matters; OpenSSL's order also
/// depends on `+` and `@STRENGTH`).
pub fn expand(cipher_string: &str) -> Vec<&'static Suite> {
    let mut selected = vec![false; SUITES.len()];
    let mut killed = vec![false; SUITES.len()];
    let mut rules: Vec<&str> = cipher_string
        .split([':', ',', ' ', ';'])
        .filter(|r| !r.is_empty())
        .collect();
    // `DEFAULT` is only special as the first rule: it stands for `ALL:!COMPLEMENTOFDEFAULT:!eNULL`.
    if rules.first() == Some(&"DEFAULT") {
        rules.splice(0..1, ["ALL", "!COMPLEMENTOFDEFAULT", "!eNULL"]);
    }
    for rule in rules {
        if rule.starts_with('@') {
            continue;
        }
        let (op, body) = match rule.as_bytes()[0] {
            b'!' | b'-' | b'+' => (rule.as_bytes()[0], &rule[1..]),
            _ => (b' ', rule),
        };
        let terms: Vec<&str> = body.split('+').filter(|t| !t.is_empty()).collect();
        if terms.is_empty() || !known(&terms) {
            continue;
        }
        for (i, suite) in SUITES.iter().enumerate() {
            if !matches(suite, &terms) {
                continue;
            }
            match op {
                b'!' => {
                    killed[i] = true;
                    selected[i] = false;
                }
                b'-' => selected[i] = false,
                b'+' => {}
                _ => selected[i] = selected[i] || !killed[i],
            }
        }
    }
    SUITES
        .iter()
        .zip(selected)
        .filter_map(|(suite, on)| on.then_some(suite))
        .collect()
}

/// Terms of `cipher_string` that enable legacy suites (RC4, DES, 3DES, EXPORT, ...) which OpenSSL 3 no longer
/// builds but older OpenSSL versions, which nginx may be linked to, would enable. Negated terms are not
/// returned.
pub fn legacy_terms(cipher_string: &str) -> Vec<&str> {
    const LEGACY: &[&str] = &[
        "RC4", "DES", "3DES", "EXP", "EXPORT", "RC2", "IDEA", "SEED", "MEDIUM", "LOW",
    ];
    cipher_string
        .split([':', ',', ' ', ';'])
        .filter(|r| !r.is_empty() && !r.starts_with(['!', '-', '@']))
        .filter(|rule| {
            rule.trim_start_matches('+').split('+').any(|term| {
                LEGACY.contains(&term)
                    || term
                        .split('-')
                        .any(|part| matches!(part, "RC4" | "DES" | "CBC3" | "EXP" | "EXPORT"))
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(string: &str) -> Vec<&'static str> {
        expand(string).iter().map(|s| s.name).collect()
    }

    #[test]
    fn operators_add_remove_and_kill() {
        assert!(
            names("HIGH:!aNULL:!MD5")
                .iter()
                .all(|n| !n.starts_with("ADH"))
        );
        assert_eq!(
            names("ECDHE-RSA-AES128-GCM-SHA256"),
            ["ECDHE-RSA-AES128-GCM-SHA256"]
        );
        // `-` removes but allows adding again; `!` does not.
        assert_eq!(names("AES128-SHA:-AES128-SHA:AES128-SHA"), ["AES128-SHA"]);
        assert!(names("AES128-SHA:!AES128-SHA:AES128-SHA").is_empty());
        assert_eq!(names("EECDH+AESGCM+aECDSA").len(), 2);
        assert!(names("FOO+AES").is_empty());
        assert!(
            names("DEFAULT")
                .iter()
                .all(|n| !n.contains("CAMELLIA") && !n.starts_with("ADH"))
        );
        assert_eq!(names("HIGH:@STRENGTH:@SECLEVEL=2"), names("HIGH"));
        assert!(
            names("NULL")
                .iter()
                .all(|n| expand(n)[0].weakness() == Some("no encryption"))
        );
    }

    #[test]
    fn legacy_terms_are_found_unless_negated() {
        assert_eq!(
            legacy_terms("HIGH:RC4-SHA:!3DES:EXP:+DES-CBC3-SHA"),
            ["RC4-SHA", "EXP", "+DES-CBC3-SHA"]
        );
    }
}
