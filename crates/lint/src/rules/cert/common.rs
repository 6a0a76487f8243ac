//! Small helpers the certificate rules share.

use shiplint_model::pem::Certificate;

/// How a message names a certificate: its subject, or its serial when the subject is empty.
pub(crate) fn who(cert: &Certificate) -> String {
    if cert.subject.is_empty() {
        format!("serial {}", cert.serial)
    } else {
        cert.subject.clone()
    }
}

/// Seconds in a day.
pub(crate) const DAY: i64 = 86_400;
