//! CRT001 cert-expiring-soon: a certificate's notAfter is near. "Near" is the smaller of a fixed number of
//! days and a share of the certificate's lifetime, so short-lived certificates (47 days by 2029) do not warn
//! for their whole life.

use super::common::{DAY, who};
use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::pem::{PemBundle, text};

declare_rule! {
    /// A certificate expires soon.
    pub struct CertExpiringSoon {
        /// Warn at most this many days before notAfter.
        pub days: u32,
        /// ... and at most this fraction of the lifetime before it: `3` is the last third.
        pub lifetime_divisor: u32,
    }
    code = "CRT001", name = "cert-expiring-soon", domain = "cert", severity = Warning,
}

impl Default for CertExpiringSoon {
    fn default() -> Self {
        CertExpiringSoon {
            days: 30,
            lifetime_divisor: 3,
        }
    }
}

impl Check<PemBundle> for CertExpiringSoon {
    fn check(&self, bundle: &PemBundle, cx: &mut Ctx<'_>) {
        let now = cx.project().now.0;
        for (block, cert) in bundle.certificates() {
            if cert.not_before > now || cert.not_after <= now {
                continue; // cert-expired says so
            }
            let share = cert.lifetime() / i64::from(self.lifetime_divisor.max(1));
            let window = (i64::from(self.days) * DAY).min(share);
            let left = cert.not_after - now;
            if left < window {
                cx.report(
                    block.span,
                    format!(
                        "certificate `{}` expires in {} ({})",
                        who(cert),
                        text::days(left),
                        text::rfc3339(cert.not_after)
                    ),
                )
                .help("renew it now (certbot: `certbot renew`), and check that automatic renewal runs");
            }
        }
    }
}
