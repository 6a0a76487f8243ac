//! NGX001 alias-traversal: `location /files { alias /srv/files/; }` serves `/files../etc/passwd` as
//! `/srv/files/../etc/passwd`.

use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::nginx::NginxConfig;

declare_rule! {
    /// A prefix location without a trailing slash uses an alias with one, so `..` escapes the directory.
    #[derive(Default)]
    pub struct AliasTraversal {}
    code = "NGX001", name = "alias-traversal", domain = "nginx", severity = Error,
    tags = ["security"], security_severity = 7.5,
}

impl Check<NginxConfig> for AliasTraversal {
    fn check(&self, config: &NginxConfig, cx: &mut Ctx<'_>) {
        for (_, location) in config.walk() {
            if location.name() != "location" || !location.is_block() {
                continue;
            }
            // Prefix locations only: no modifier, or `^~`.
            let path = match location.args.as_slice() {
                [path] => path,
                [modifier, path] if modifier.value == "^~" => path,
                _ => continue,
            };
            if path.value.ends_with('/') {
                continue;
            }
            for alias in location.children().iter().filter(|d| d.name() == "alias") {
                let Some(target) = alias.args.first() else {
                    continue;
                };
                if !target.value.ends_with('/') {
                    continue;
                }
                cx.report(
                    path.span,
                    format!(
                        "`location {}` has no trailing slash but its alias `{}` has one, so `{}../` reaches outside it",
                        path.value, target.value, path.value
                    ),
                )
                .label(target.span, "this alias")
                .help(format!("end the location with a slash too: `location {}/`", path.value));
            }
        }
    }
}
