//! CRT005 weak-signature: a certificate is signed with MD5 or SHA-1, whose collisions let an attacker forge
//! a certificate with the same signature. A self-signed CA (a trust anchor) is exempt: clients trust it by
//! presence, not by its signature.

use super::common::who;
use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::pem::{Hash, PemBundle};

declare_rule! {
    /// A certificate is signed with MD5 or SHA-1.
    #[derive(Default)]
    pub struct WeakSignature {}
    code = "CRT005", name = "weak-signature", domain = "cert", severity = Error,
    tags = ["security"], security_severity = 7.5,
}

impl Check<PemBundle> for WeakSignature {
    fn check(&self, bundle: &PemBundle, cx: &mut Ctx<'_>) {
        for (block, cert) in bundle.certificates() {
            let trust_anchor = cert.self_issued && cert.is_ca == Some(true);
            if matches!(cert.signature.hash, Hash::Md5 | Hash::Sha1) && !trust_anchor {
                cx.report(
                    block.span,
                    format!(
                        "certificate `{}` is signed with `{}`",
                        who(cert),
                        cert.signature.name
                    ),
                )
                .help("reissue it with a SHA-256 (or stronger) signature; browsers reject SHA-1 certificates");
            }
        }
    }
}
