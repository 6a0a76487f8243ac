//! CMP008 obsolete-version: the top-level `version:` key is obsolete; Docker Compose ignores it with a
//! warning.

use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::compose::ComposeFile;

declare_rule! {
    /// The obsolete top-level `version:` key is set.
    #[derive(Default)]
    pub struct ObsoleteVersion {}
    code = "CMP008", name = "obsolete-version", domain = "compose", severity = Info,
}

impl Check<ComposeFile> for ObsoleteVersion {
    fn check(&self, compose: &ComposeFile, cx: &mut Ctx<'_>) {
        if let Some(version) = &compose.version {
            cx.report(
                version.span,
                format!("`version: {}` is obsolete and ignored", version.value),
            )
            .help(
                "remove the `version:` line; Compose reads every file by the Compose Specification",
            );
        }
    }
}
