//! Which host names a certificate is valid for, as a TLS client checks it (RFC 6125): DNS subject alternative
//! names, compared without case and without a trailing dot, where a `*` that is the whole left-most label
//! matches exactly one label; IP address names for an IP address; the subject's common names only when the
//! certificate has no DNS or IP address names (clients ignore the CN otherwise). Partial-label wildcards
//! (`f*.example.com`) match nothing, as in current browsers.

use super::cert::{Certificate, San};
use std::net::IpAddr;

impl Certificate {
    /// The names a client matches a host name against, as written: DNS and IP address SANs, or the common
    /// names when there are none of those.
    pub fn host_names(&self) -> Vec<String> {
        let sans: Vec<String> = self
            .sans
            .iter()
            .filter_map(|san| match san {
                San::Dns(name) => Some(name.clone()),
                San::Ip(ip) => Some(ip.to_string()),
                _ => None,
            })
            .collect();
        if sans.is_empty() {
            self.common_names.clone()
        } else {
            sans
        }
    }

    /// Whether a client connecting to `host` accepts this certificate's names.
    pub fn covers(&self, host: &str) -> bool {
        let has_sans = self
            .sans
            .iter()
            .any(|san| matches!(san, San::Dns(_) | San::Ip(_)));
        if let Ok(ip) = host.parse::<IpAddr>() {
            return self.sans.contains(&San::Ip(ip))
                || !has_sans && self.common_names.iter().any(|cn| cn.parse() == Ok(ip));
        }
        if has_sans {
            self.sans.iter().any(|san| match san {
                San::Dns(pattern) => dns_matches(pattern, host),
                _ => false,
            })
        } else {
            self.common_names.iter().any(|cn| dns_matches(cn, host))
        }
    }
}

/// Whether the certificate name `pattern` matches `host` (RFC 6125 section 6.4).
pub fn dns_matches(pattern: &str, host: &str) -> bool {
    let pattern = pattern.trim_end_matches('.').to_ascii_lowercase();
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    if pattern.is_empty() || host.is_empty() {
        return false;
    }
    match pattern.strip_prefix("*.") {
        Some(rest) => {
            // The wildcard stands for exactly one non-empty label, and the rest has no wildcard of its own.
            !rest.is_empty()
                && !rest.contains('*')
                && host
                    .split_once('.')
                    .is_some_and(|(label, tail)| !label.is_empty() && tail == rest)
        }
        None => !pattern.contains('*') && pattern == host,
    }
}

#[cfg(test)]
mod tests {
    use super::dns_matches;
    use crate::pem::Certificate;

    /// A self-signed certificate with these SANs (`None`: no SAN extension) and common name.
    fn certificate(sans: Option<&[&str]>, cn: &str) -> Certificate {
        let key = rcgen::KeyPair::generate().expect("key");
        let names: Vec<String> = sans.unwrap_or(&[]).iter().map(|s| s.to_string()).collect();
        let mut params = rcgen::CertificateParams::new(names).expect("params");
        params
            .distinguished_name
            .push(rcgen::DnType::CommonName, cn);
        let cert = params.self_signed(&key).expect("cert");
        Certificate::from_der(cert.der()).expect("parses")
    }

    #[test]
    fn sans_win_over_the_common_name() {
        let cert = certificate(Some(&["*.example.com", "192.0.2.1"]), "example.com");
        assert!(cert.covers("www.example.com"));
        assert!(cert.covers("192.0.2.1"));
        // The CN is ignored once there are SANs.
        assert!(!cert.covers("example.com"));
        assert!(!cert.covers("192.0.2.2"));
        assert_eq!(cert.host_names(), ["*.example.com", "192.0.2.1"]);
        let cn_only = certificate(None, "legacy.example.com");
        assert!(cn_only.covers("LEGACY.example.com"));
        assert!(!cn_only.covers("www.legacy.example.com"));
        assert_eq!(cn_only.host_names(), ["legacy.example.com"]);
    }

    #[test]
    fn wildcards_cover_one_label() {
        assert!(dns_matches("example.com", "EXAMPLE.com."));
        assert!(dns_matches("*.example.com", "www.example.com"));
        assert!(!dns_matches("*.example.com", "example.com"));
        assert!(!dns_matches("*.example.com", "a.b.example.com"));
        assert!(!dns_matches("*.example.com", ".example.com"));
        assert!(!dns_matches("f*.example.com", "foo.example.com"));
        assert!(!dns_matches("*.*.example.com", "a.b.example.com"));
        assert!(!dns_matches("*.", "a"));
        assert!(!dns_matches("", ""));
        assert!(!dns_matches("www.example.com", "example.com"));
    }
}
