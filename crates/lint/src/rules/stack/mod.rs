//! Cross-file rules over the linked stack (`shiplint_model::stack`): ports along the path from nginx to the
//! app, and proxy targets.

pub mod dockerfile_not_checked;
pub mod port_mismatch;
pub mod proxy_target_not_found;
pub mod unknown_build_target;
