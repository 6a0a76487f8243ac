//! Every rule, one file each, grouped by domain.

pub mod compose;
pub mod docker;
pub mod meta;
