//! NGX015 include-cycle: a file includes itself, directly or through others; nginx loops until it fails.

use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::nginx::{IncludeProblemKind, NginxConfig};

declare_rule! {
    /// Files include each other in a cycle.
    #[derive(Default)]
    pub struct IncludeCycle {}
    code = "NGX015", name = "include-cycle", domain = "nginx", severity = Error,
}

impl Check<NginxConfig> for IncludeCycle {
    fn check(&self, config: &NginxConfig, cx: &mut Ctx<'_>) {
        for problem in &config.include_problems {
            if let IncludeProblemKind::Cycle(chain) = &problem.kind {
                let repeated = chain.last().map_or("", String::as_str);
                cx.report(
                    problem.span,
                    format!("`{repeated}` is already being included here"),
                )
                .help(format!("break the cycle: {}", chain.join(" -> ")));
            }
        }
    }
}
