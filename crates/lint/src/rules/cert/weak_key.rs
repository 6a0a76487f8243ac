//! CRT004 weak-key: a certificate, request or private key uses a key too small to resist factoring or
//! discrete-log attacks: RSA under 2048 bits, an elliptic curve under 256 bits, or DSA at any size.

use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::pem::{Item, KeyAlgorithm, PemBundle};

declare_rule! {
    /// A certificate or key uses a weak key: RSA under 2048 bits, EC under 256 bits, or DSA.
    pub struct WeakKey {
        /// The smallest acceptable RSA modulus, in bits.
        pub min_rsa_bits: u32,
        /// The smallest acceptable elliptic curve, in bits.
        pub min_ec_bits: u32,
    }
    code = "CRT004", name = "weak-key", domain = "cert", severity = Error,
    tags = ["security"], security_severity = 7.5,
}

impl Default for WeakKey {
    fn default() -> Self {
        WeakKey {
            min_rsa_bits: 2048,
            min_ec_bits: 256,
        }
    }
}

const DSA_UNSUPPORTED: &str = "which TLS 1.3 and current browsers no longer accept";
const HELP: &str = "generate a new key (EC P-256, or RSA 2048 or more) and reissue the certificate";

impl WeakKey {
    /// Why `algorithm` is weak, if it is.
    fn weakness(&self, algorithm: &KeyAlgorithm) -> Option<String> {
        match algorithm {
            KeyAlgorithm::Rsa { bits } if *bits > 0 && *bits < self.min_rsa_bits => {
                Some(format!("is under {} bits", self.min_rsa_bits))
            }
            KeyAlgorithm::Ec { bits, .. } if *bits > 0 && *bits < self.min_ec_bits => {
                Some(format!("is under {} bits", self.min_ec_bits))
            }
            KeyAlgorithm::Dsa { .. } => {
                Some("is DSA, which TLS 1.3 and current browsers no longer accept".into())
            }
            _ => None,
        }
    }
}

impl Check<PemBundle> for WeakKey {
    fn check(&self, bundle: &PemBundle, cx: &mut Ctx<'_>) {
        for block in &bundle.blocks {
            let (what, algorithm) = match &block.item {
                Item::Certificate(cert) => ("certificate", &cert.key_algorithm),
                Item::PrivateKey(key) => ("private key", &key.algorithm),
                Item::Request(request) => ("certificate request", &request.key_algorithm),
                Item::PublicKey(algorithm) => ("public key", algorithm),
                Item::OpaqueKey { label } if label.starts_with("DSA") => {
                    cx.report(
                        block.span,
                        format!("the private key is DSA, {DSA_UNSUPPORTED}"),
                    )
                    .help(HELP);
                    continue;
                }
                _ => continue,
            };
            if let Some(why) = self.weakness(algorithm) {
                cx.report(block.span, format!("the {what}'s `{algorithm}` key {why}"))
                    .help(HELP);
            }
        }
    }
}
