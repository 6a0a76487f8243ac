//! Every rule, one file each, grouped by domain.

pub mod app;
pub mod cert;
pub mod compose;
pub mod docker;
pub mod meta;
pub mod mounts;
pub mod nginx;
pub mod stack;
pub mod tls;
