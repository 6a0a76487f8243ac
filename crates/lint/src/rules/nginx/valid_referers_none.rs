//! NGX007 valid-referers-none: `valid_referers none` accepts requests without a Referer, which any client
//! can send, so the referer check protects nothing.

use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::nginx::NginxConfig;

declare_rule! {
    /// `valid_referers none` lets every request without a Referer through.
    #[derive(Default)]
    pub struct ValidReferersNone {}
    code = "NGX007", name = "valid-referers-none", domain = "nginx", severity = Warning,
    tags = ["security"], security_severity = 4.0,
}

impl Check<NginxConfig> for ValidReferersNone {
    fn check(&self, config: &NginxConfig, cx: &mut Ctx<'_>) {
        for (_, directive) in config.walk() {
            if directive.name() != "valid_referers" {
                continue;
            }
            for none in directive.args.iter().filter(|a| a.value == "none") {
                cx.report(
                    none.span,
                    "`valid_referers none` accepts any request that omits the Referer header",
                )
                .help("drop `none`; a client controls whether it sends a Referer");
            }
        }
    }
}
