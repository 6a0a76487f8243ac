//! Rules about the Go (Gin) application, read through `shiplint_model::golang` and the stack that builds it.

pub mod gin_debug_mode;
pub mod listen_address_unknown;
pub mod listens_on_loopback;
