//! Stack rules about paths an nginx in a compose service reads through the service's volume mounts, and the
//! certificates those paths lead to (`shiplint_model::mounts`, `NginxConfig::mount_problems`/`tls_files`).
//! Their domain is `stack`; their docs are in `rules/stack/`.

pub mod certificate_name_mismatch;
pub mod path_in_volume;
pub mod unresolved_mount_path;
