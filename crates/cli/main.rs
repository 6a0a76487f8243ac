//! The `shiplint` binary (being written).
fn main() {}
