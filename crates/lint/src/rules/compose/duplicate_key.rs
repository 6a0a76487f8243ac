//! CMP010 duplicate-key: a key written twice in one mapping. YAML forbids it; Docker Compose refuses the
//! file, other loaders silently keep one of the two values. Reported at the repeat, with the first as a label.

use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::compose::ComposeFile;

declare_rule! {
    /// A key appears twice in the same mapping.
    #[derive(Default)]
    pub struct DuplicateKey {}
    code = "CMP010", name = "duplicate-key", domain = "compose", severity = Error,
}

impl Check<ComposeFile> for DuplicateKey {
    fn check(&self, compose: &ComposeFile, cx: &mut Ctx<'_>) {
        for duplicate in &compose.duplicate_keys {
            cx.report(
                duplicate.repeated,
                format!(
                    "key `{}` is written twice in the same mapping",
                    duplicate.key
                ),
            )
            .label(duplicate.first, "first written here")
            .help("keep one of them; merge their contents if both matter");
        }
    }
}
