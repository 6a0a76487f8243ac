//! CMP011 base60-port: an unquoted `xx:yy` port value with a two-digit second part below 60 (`22:22`) is a
//! base-60 number to YAML 1.1 loaders (1342), which older docker-compose and many tools use.

use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::compose::ComposeFile;

declare_rule! {
    /// An unquoted port mapping reads as a base-60 number in YAML 1.1.
    #[derive(Default)]
    pub struct Base60Port {}
    code = "CMP011", name = "base60-port", domain = "compose", severity = Warning,
}

impl Check<ComposeFile> for Base60Port {
    fn check(&self, compose: &ComposeFile, cx: &mut Ctx<'_>) {
        for (path, value) in &compose.base60 {
            if !(path.ends_with(".ports") || path.ends_with(".expose")) {
                continue;
            }
            cx.report(
                value.span,
                format!(
                    "unquoted `{}` is a base-60 number to YAML 1.1 loaders",
                    value.value
                ),
            )
            .help(format!("quote it: \"{}\"", value.value));
        }
    }
}
