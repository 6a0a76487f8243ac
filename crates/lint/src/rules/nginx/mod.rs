//! nginx security rules (the checks gixy made popular), and the include graph's problems.

pub mod add_header_content_type;
pub mod add_header_multiline;
pub mod alias_traversal;
pub mod allow_without_deny;
mod common;
pub mod header_dropped;
pub mod host_spoofing;
pub mod http_splitting;
pub mod if_is_evil;
pub mod include_cycle;
pub mod include_not_found;
pub mod origin_regex;
pub mod resolver_external;
pub mod server_tokens;
pub mod ssrf;
pub mod stock_include_not_found;
pub mod valid_referers_none;
