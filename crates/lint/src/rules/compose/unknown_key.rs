//! CMP012 unknown-key: a key the Compose Specification does not define where it is written, in any mapping
//! the specification closes (the tables are in the model's `spec_keys`); `x-` extensions are allowed where
//! the schema allows them. Docker Compose refuses such a file (or, in `extends` and `include`, drops the key).

use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::compose::ComposeFile;

declare_rule! {
    /// A key is not part of the Compose Specification.
    #[derive(Default)]
    pub struct UnknownKey {}
    code = "CMP012", name = "unknown-key", domain = "compose", severity = Error,
}

impl Check<ComposeFile> for UnknownKey {
    fn check(&self, compose: &ComposeFile, cx: &mut Ctx<'_>) {
        for unknown in &compose.unknown_keys {
            let place = if unknown.path.is_empty() {
                "at the top level".to_string()
            } else {
                format!("in `{}`", unknown.path)
            };
            cx.report(unknown.key.span, format!("unknown key `{}` {place}", unknown.key.value))
                .help("check the spelling against the Compose Specification, or prefix custom keys with `x-`");
        }
    }
}
