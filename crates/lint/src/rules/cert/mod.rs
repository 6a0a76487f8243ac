//! Certificate and key rules. Each reads the certificate model of `shiplint_model::pem`; the clock is
//! `Project::now`.

mod common;

pub mod cert_expired;
pub mod cert_expiring_soon;
pub mod cert_key_mismatch;
pub mod chain_incomplete;
pub mod chain_out_of_order;
pub mod key_not_checked;
pub mod lifetime_too_long;
pub mod private_key_committed;
pub mod private_key_readable;
pub mod self_signed_leaf;
pub mod weak_key;
pub mod weak_signature;
