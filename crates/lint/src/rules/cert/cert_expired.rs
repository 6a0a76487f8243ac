//! CRT002 cert-expired: a certificate is outside its validity period: notAfter is past, or notBefore is
//! still to come.

use super::common::who;
use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::pem::{PemBundle, text};

declare_rule! {
    /// A certificate has expired or is not valid yet.
    #[derive(Default)]
    pub struct CertExpired {}
    code = "CRT002", name = "cert-expired", domain = "cert", severity = Error,
}

impl Check<PemBundle> for CertExpired {
    fn check(&self, bundle: &PemBundle, cx: &mut Ctx<'_>) {
        let now = cx.project().now.0;
        for (block, cert) in bundle.certificates() {
            if cert.not_after <= now {
                cx.report(
                    block.span,
                    format!(
                        "certificate `{}` expired {} ago ({})",
                        who(cert),
                        text::days(now - cert.not_after),
                        text::rfc3339(cert.not_after)
                    ),
                )
                .help("replace it with a renewed certificate; clients refuse an expired one");
            } else if cert.not_before > now {
                cx.report(
                    block.span,
                    format!(
                        "certificate `{}` is not valid until {}",
                        who(cert),
                        text::rfc3339(cert.not_before)
                    ),
                )
                .help("check the clock of the machine that issued it, or wait before deploying it");
            }
        }
    }
}
