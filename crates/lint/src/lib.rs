//! shiplint_lint: findings, the rule trait and registry, the engine, configuration and suppressions.
//!
//! A rule is a struct declared with [`declare_rule!`] (its fields are its `[rules.<name>]` options) that
//! implements [`Check`] for the document it reads. [`registry`] lists every rule once. The [`engine`] runs them
//! over a [`shiplint_model::Project`] in parallel, then applies configuration and suppressions and sorts.

pub mod config;
pub mod engine;
mod finding;
pub mod registry;
pub mod rule;
pub mod rules;
mod settings;
mod severity;
pub mod suppression;

pub use finding::{Finding, Related};
pub use registry::{RuleEntry, registry};
pub use rule::{Check, Ctx, RuleMeta};
pub use severity::Severity;
