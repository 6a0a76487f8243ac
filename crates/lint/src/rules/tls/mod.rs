//! TLS rules: the TLS side of nginx servers, checked against a profile (Mozilla's server-side TLS
//! recommendations: intermediate by default, modern or old by `tls-profile` in shiplint.toml).

pub mod deprecated_ssl_directive;
pub mod missing_certificate;
pub mod missing_hsts;
pub mod missing_https_redirect;
pub mod prefer_server_ciphers;
pub mod profile;
pub mod session_tickets;
pub mod weak_cipher;
pub mod weak_dhparam;
pub mod weak_tls_protocol;

pub use profile::{NGINX_DEFAULT_CIPHERS, Profile};

/// Rules that take a `profile` option, which the top-level `tls-profile` fills when they do not set it.
const PROFILE_RULES: &[&str] = &[
    "weak-tls-protocol",
    "missing-hsts",
    "weak-cipher",
    "prefer-server-ciphers",
];

/// Whether the rule named `name` reads the TLS profile.
pub fn reads_profile(name: &str) -> bool {
    PROFILE_RULES.contains(&name)
}

/// The rule's options with `profile` set to `profile` unless they set it themselves.
pub fn with_profile(options: Option<toml::Value>, profile: &str) -> toml::Value {
    let mut table = match options {
        Some(toml::Value::Table(table)) => table,
        Some(other) => return other,
        None => toml::Table::new(),
    };
    table
        .entry("profile")
        .or_insert_with(|| toml::Value::String(profile.to_string()));
    toml::Value::Table(table)
}
