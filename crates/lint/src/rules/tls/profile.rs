//! The TLS profiles: what each accepts for protocols and HSTS (Mozilla server-side TLS, version 5.7).

use serde::Deserialize;

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
