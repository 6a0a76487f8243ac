//! CRT009 lifetime-too-long: a CA-issued leaf certificate is valid for longer than the CA/Browser Forum
//! allowed when it was issued, so browsers reject it.
//!
//! The schedule, by notBefore (Baseline Requirements 6.3.2; ballot SC-081 for 2026 on):
//!
//! | issued from | maximum |
//! |---|---|
//! | (before) 2018-03-01 | 1185 days (39 months) |
//! | 2018-03-01 | 825 days |
//! | 2020-09-01 | 398 days |
//! | 2026-03-15 | 200 days |
//! | 2027-03-15 | 100 days |
//! | 2029-03-15 | 47 days |

use super::common::{DAY, who};
use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::pem::PemBundle;

declare_rule! {
    /// A leaf certificate is valid longer than the CA/Browser Forum maximum.
    #[derive(Default)]
    pub struct LifetimeTooLong {
        /// A fixed maximum in days, instead of the CA/Browser Forum schedule.
        pub max_days: Option<u32>,
    }
    code = "CRT009", name = "lifetime-too-long", domain = "cert", severity = Warning,
}

/// (first notBefore, maximum days), latest first; seconds since the epoch at 00:00 UTC.
const SCHEDULE: [(i64, i64); 5] = [
    (1_868_227_200, 47),  // 2029-03-15
    (1_805_068_800, 100), // 2027-03-15
    (1_773_532_800, 200), // 2026-03-15
    (1_598_918_400, 398), // 2020-09-01
    (1_519_862_400, 825), // 2018-03-01
];
const BEFORE_2018: i64 = 1185;

/// The maximum lifetime, in days, for a certificate issued at `not_before`.
fn maximum_days(not_before: i64) -> i64 {
    SCHEDULE
        .iter()
        .find(|(from, _)| not_before >= *from)
        .map_or(BEFORE_2018, |(_, days)| *days)
}

impl Check<PemBundle> for LifetimeTooLong {
    fn check(&self, bundle: &PemBundle, cx: &mut Ctx<'_>) {
        for (block, cert) in bundle.certificates() {
            // The limit binds CAs issuing server certificates, not CA certificates or self-signed ones.
            if cert.is_ca == Some(true) || cert.self_issued {
                continue;
            }
            let maximum = self
                .max_days
                .map_or_else(|| maximum_days(cert.not_before), i64::from);
            let days = cert.lifetime() / DAY;
            if cert.lifetime() > maximum * DAY {
                cx.report(
                    block.span,
                    format!(
                        "certificate `{}` is valid for {days} days, more than the {maximum} allowed",
                        who(cert)
                    ),
                )
                .help("issue certificates for at most the allowed lifetime, and automate their renewal");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::maximum_days;

    #[test]
    fn schedule() {
        assert_eq!(maximum_days(1_500_000_000), 1185); // 2017
        assert_eq!(maximum_days(1_598_918_400), 398); // 2020-09-01
        assert_eq!(maximum_days(1_773_532_799), 398);
        assert_eq!(maximum_days(1_773_532_800), 200); // 2026-03-15
        assert_eq!(maximum_days(1_900_000_000), 47);
    }
}
