//! CRT008 self-signed-leaf: a server (non-CA) certificate signs itself, so no client can verify it without
//! trusting that one certificate by hand.

use super::common::who;
use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::pem::PemBundle;

declare_rule! {
    /// A leaf certificate is self-signed.
    #[derive(Default)]
    pub struct SelfSignedLeaf {}
    code = "CRT008", name = "self-signed-leaf", domain = "cert", severity = Warning,
    tags = ["security"], security_severity = 5.0,
}

impl Check<PemBundle> for SelfSignedLeaf {
    fn check(&self, bundle: &PemBundle, cx: &mut Ctx<'_>) {
        for (block, cert) in bundle.certificates() {
            // A self-issued leaf whose signature cannot be verified here (an RSA key under 2048 bits) is
            // still taken as self-signed: only a signature that fails with its own key says otherwise.
            if cert.self_issued && cert.self_signed != Some(false) && cert.is_ca != Some(true) {
                cx.report(
                    block.span,
                    format!("certificate `{}` is self-signed", who(cert)),
                )
                .help("serve a certificate from a CA clients trust (Let's Encrypt), or an internal CA clients are configured with");
            }
        }
    }
}
