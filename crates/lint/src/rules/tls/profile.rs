//! The TLS profiles: what each accepts for protocols and HSTS (Mozilla server-side TLS, version 5.7).

use serde::Deserialize;
use shiplint_model::nginx::{Suite, expand_ciphers, legacy_terms};

/// nginx's `ssl_ciphers` when the directive is absent.
pub const NGINX_DEFAULT_CIPHERS: &str = "HIGH:!aNULL:!MD5";

/// A TLS configuration profile.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Profile {
    /// TLS 1.2 and 1.3, forward-secret AEAD suites; the default.
    #[default]
    MozillaIntermediate,
    /// TLS 1.3 only.
    MozillaModern,
    /// Down to TLS 1.0, for very old clients.
    MozillaOld,
}

impl Profile {
    /// The profile's name as configured.
    pub fn name(self) -> &'static str {
        match self {
            Profile::MozillaIntermediate => "mozilla-intermediate",
            Profile::MozillaModern => "mozilla-modern",
            Profile::MozillaOld => "mozilla-old",
        }
    }

    /// Whether the profile rejects the protocol `name` (as nginx spells it: `TLSv1.1`).
    pub fn rejects_protocol(self, name: &str) -> bool {
        let weak_everywhere = ["SSLv2", "SSLv3"];
        let weak_in_intermediate = ["TLSv1", "TLSv1.1"];
        if weak_everywhere.iter().any(|w| w.eq_ignore_ascii_case(name)) {
            return true;
        }
        match self {
            Profile::MozillaOld => false,
            Profile::MozillaIntermediate => weak_in_intermediate
                .iter()
                .any(|w| w.eq_ignore_ascii_case(name)),
            Profile::MozillaModern => !name.eq_ignore_ascii_case("TLSv1.3"),
        }
    }

    /// The protocols the profile recommends, as an nginx `ssl_protocols` line's arguments.
    pub fn protocols(self) -> &'static str {
        match self {
            Profile::MozillaIntermediate => "TLSv1.2 TLSv1.3",
            Profile::MozillaModern => "TLSv1.3",
            Profile::MozillaOld => "TLSv1 TLSv1.1 TLSv1.2 TLSv1.3",
        }
    }

    /// Whether the profile wants the server's cipher order to decide (`ssl_prefer_server_ciphers on`): only
    /// mozilla-old, whose list still holds weak suites; the others allow only strong ones.
    pub fn prefers_server_ciphers(self) -> bool {
        self == Profile::MozillaOld
    }

    /// The smallest HSTS `max-age` accepted, in seconds (six months; modern asks for two years).
    pub fn hsts_min_age(self) -> u64 {
        match self {
            Profile::MozillaModern => 63_072_000,
            Profile::MozillaIntermediate | Profile::MozillaOld => 15_768_000,
        }
    }
}

impl Profile {
    /// Every profile, the strictest first.
    pub const STRICTEST_FIRST: [Profile; 3] = [
        Profile::MozillaModern,
        Profile::MozillaIntermediate,
        Profile::MozillaOld,
    ];

    /// Whether the profile accepts a TLS 1.2-and-below cipher suite: modern and intermediate take only
    /// forward-secret AEAD suites (ECDHE or DHE, authenticated, AES-GCM or ChaCha20-Poly1305); old takes
    /// every suite that is not weak (TLS003's definition).
    pub fn accepts_suite(self, suite: &Suite) -> bool {
        match self {
            Profile::MozillaOld => suite.weakness().is_none(),
            Profile::MozillaIntermediate | Profile::MozillaModern => {
                matches!(suite.kx, "ECDH" | "DH")
                    && matches!(suite.au, "RSA" | "ECDSA")
                    && matches!(suite.enc, "AESGCM" | "CHACHA20/POLY1305")
                    && suite.mac == "AEAD"
            }
        }
    }

    /// The terms of `ciphers` asking for legacy suites (RC4, DES, 3DES, ...) the profile refuses; mozilla-old
    /// keeps 3DES for very old clients.
    pub fn rejected_legacy_terms(self, ciphers: &str) -> Vec<&str> {
        legacy_terms(ciphers)
            .into_iter()
            .filter(|t| {
                !(self == Profile::MozillaOld && (t.contains("3DES") || t.contains("CBC3")))
            })
            .collect()
    }

    /// Whether a TLS server with these enabled `protocols` (nginx's spelling) and `ssl_ciphers` string meets
    /// the profile. The cipher string matters only when a protocol below TLS 1.3 is enabled.
    pub fn is_met_by(self, protocols: &[&str], ciphers: &str) -> bool {
        if protocols.iter().any(|p| self.rejects_protocol(p)) {
            return false;
        }
        if protocols.iter().all(|p| p.eq_ignore_ascii_case("TLSv1.3")) {
            return true;
        }
        self.rejected_legacy_terms(ciphers).is_empty()
            && expand_ciphers(ciphers)
                .into_iter()
                .all(|suite| self.accepts_suite(suite))
    }

    /// The strictest profile a server with these `protocols` and `ciphers` meets, if any.
    pub fn strictest_met(protocols: &[&str], ciphers: &str) -> Option<Profile> {
        Profile::STRICTEST_FIRST
            .into_iter()
            .find(|profile| profile.is_met_by(protocols, ciphers))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_strictest_profile_met_follows_protocols_then_ciphers() {
        let intermediate = "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-CHACHA20-POLY1305:DHE-RSA-AES256-GCM-SHA384";
        let met = |protocols: &str, ciphers: &str| {
            let protocols: Vec<&str> = protocols.split(' ').collect();
            Profile::strictest_met(&protocols, ciphers)
        };
        assert_eq!(
            met("TLSv1.3", NGINX_DEFAULT_CIPHERS),
            Some(Profile::MozillaModern)
        );
        assert_eq!(
            met("TLSv1.2 TLSv1.3", intermediate),
            Some(Profile::MozillaIntermediate)
        );
        // nginx's default cipher string holds CBC and non-forward-secret suites.
        assert_eq!(
            met("TLSv1.2 TLSv1.3", NGINX_DEFAULT_CIPHERS),
            Some(Profile::MozillaOld)
        );
        assert_eq!(
            met("TLSv1 TLSv1.1 TLSv1.2", intermediate),
            Some(Profile::MozillaOld)
        );
        assert_eq!(met("TLSv1.2", "HIGH:aNULL"), None);
        assert_eq!(met("TLSv1.2", "HIGH:RC4"), None);
        assert_eq!(
            met("TLSv1.2", "HIGH:3DES:!aNULL"),
            Some(Profile::MozillaOld)
        );
        assert_eq!(met("SSLv3 TLSv1.2", intermediate), None);
    }
}
