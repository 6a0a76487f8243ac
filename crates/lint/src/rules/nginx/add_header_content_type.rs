//! NGX012 add-header-content-type: `add_header Content-Type` adds a second Content-Type header instead of
//! replacing the one nginx sends.

use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::nginx::NginxConfig;

declare_rule! {
    /// `add_header Content-Type` sends a second Content-Type header.
    #[derive(Default)]
    pub struct AddHeaderContentType {}
    code = "NGX012", name = "add-header-content-type", domain = "nginx", severity = Warning,
}

impl Check<NginxConfig> for AddHeaderContentType {
    fn check(&self, config: &NginxConfig, cx: &mut Ctx<'_>) {
        for (_, directive) in config.walk() {
            let Some(name) = directive.args.first() else {
                continue;
            };
            if directive.name() == "add_header" && name.value.eq_ignore_ascii_case("content-type") {
                cx.report(
                    name.span,
                    "`add_header Content-Type` adds a second Content-Type header",
                )
                .help("set the type with `default_type` (or a `types { }` block) instead");
            }
        }
    }
}
