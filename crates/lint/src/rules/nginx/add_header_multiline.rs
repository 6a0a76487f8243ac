//! NGX011 add-header-multiline: an `add_header` value spanning lines; the line break is sent as is,
//! which clients reject or read as folded (obsolete) header syntax.

use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::nginx::NginxConfig;

declare_rule! {
    /// An add_header value contains a line break.
    #[derive(Default)]
    pub struct AddHeaderMultiline {}
    code = "NGX011", name = "add-header-multiline", domain = "nginx", severity = Warning,
}

impl Check<NginxConfig> for AddHeaderMultiline {
    fn check(&self, config: &NginxConfig, cx: &mut Ctx<'_>) {
        for (_, directive) in config.walk() {
            if !matches!(directive.name(), "add_header" | "more_set_headers") {
                continue;
            }
            for value in directive
                .args
                .iter()
                .skip(1)
                .filter(|a| a.value.contains('\n'))
            {
                let name = directive.arg(0).unwrap_or("");
                cx.report(value.span, format!("the value of header `{name}` spans several lines"))
                    .help("write the value on one line; a line break inside a header is obsolete line folding");
            }
        }
    }
}
