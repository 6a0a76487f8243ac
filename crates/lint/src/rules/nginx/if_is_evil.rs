//! NGX013 if-is-evil: inside `if` in a location only `return` and `rewrite ... last` are safe; other
//! directives apply to an implicit nested location and behave in surprising ways.

use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::nginx::{Context, NginxConfig};
use shiplint_syntax::nginx::Directive;

declare_rule! {
    /// A directive other than return or rewrite ... last is used inside `if` in a location.
    #[derive(Default)]
    pub struct IfIsEvil {}
    code = "NGX013", name = "if-is-evil", domain = "nginx", severity = Warning,
}

fn is_safe(directive: &Directive) -> bool {
    match directive.name() {
        "return" | "set" | "break" => true,
        "rewrite" => directive.args.last().is_some_and(|a| a.value == "last"),
        _ => false,
    }
}

impl Check<NginxConfig> for IfIsEvil {
    fn check(&self, config: &NginxConfig, cx: &mut Ctx<'_>) {
        for (context, directive) in config.walk() {
            if directive.name() != "if" || context != Context::Location {
                continue;
            }
            for inner in directive.children().iter().filter(|d| !is_safe(d)) {
                cx.report(
                    inner.name.span,
                    format!("`{}` inside `if` in a location is not reliable", inner.name()),
                )
                .label(directive.name.span, "this `if`")
                .help("keep only `return` or `rewrite ... last` inside `if`; use `map` or a separate location for the rest");
            }
        }
    }
}
