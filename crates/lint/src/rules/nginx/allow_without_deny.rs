//! NGX009 allow-without-deny: `allow` rules with no `deny` after them in the same block allow everyone,
//! since access is granted when no rule matches.

use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::nginx::NginxConfig;
use shiplint_syntax::nginx::Directive;

declare_rule! {
    /// A block has `allow` rules but no `deny`, so every other client is allowed too.
    #[derive(Default)]
    pub struct AllowWithoutDeny {}
    code = "NGX009", name = "allow-without-deny", domain = "nginx", severity = Warning,
    tags = ["security"], security_severity = 5.0,
}

fn check_level(level: &[Directive], cx: &mut Ctx<'_>) {
    let Some(allow) = level.iter().find(|d| d.name() == "allow") else {
        return;
    };
    if allow.arg(0) == Some("all") || level.iter().any(|d| d.name() == "deny") {
        return;
    }
    cx.report(
        allow.span,
        format!(
            "`allow {}` without a `deny` allows every client",
            allow.arg(0).unwrap_or("")
        ),
    )
    .help("end the list with `deny all;`");
}

impl Check<NginxConfig> for AllowWithoutDeny {
    fn check(&self, config: &NginxConfig, cx: &mut Ctx<'_>) {
        check_level(&config.tree, cx);
        for (_, directive) in config.walk() {
            if let Some(children) = &directive.block {
                check_level(children, cx);
            }
        }
    }
}
