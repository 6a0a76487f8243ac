//! Compose rules: one file each, reading the compose model (`shiplint_model::compose`).

pub mod base60_port;
pub mod database_port_exposed;
pub mod dependency_not_healthy;
pub mod duplicate_host_port;
pub mod duplicate_key;
pub mod hardcoded_secret;
pub mod host_namespace;
pub mod invalid_compose_file;
pub mod missing_build_context;
pub mod obsolete_version;
pub mod privileged_service;
pub mod sensitive_host_mount;
pub mod unknown_key;
pub mod unpinned_image;
pub mod unset_variable;
