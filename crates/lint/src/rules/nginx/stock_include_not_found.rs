//! NGX016 stock-include-not-found: an include of a file every nginx package installs (`mime.types`,
//! `fastcgi_params`, Debian's `proxy_params`, ...) that is not in the checked tree. nginx will find it on the
//! server, so this is not an error, but its contents were not checked, which is said rather than skipped.

use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::nginx::{IncludeProblemKind, NginxConfig};

declare_rule! {
    /// A stock nginx file such as `mime.types` is included but absent, so it was not checked.
    #[derive(Default)]
    pub struct StockIncludeNotFound {}
    code = "NGX016", name = "stock-include-not-found", domain = "nginx", severity = Info,
}

impl Check<NginxConfig> for StockIncludeNotFound {
    fn check(&self, config: &NginxConfig, cx: &mut Ctx<'_>) {
        for problem in config
            .include_problems
            .iter()
            .filter(|p| p.kind.is_missing_stock_file())
        {
            let IncludeProblemKind::Missing(path) = &problem.kind else {
                continue;
            };
            let included = problem
                .span
                .text(&cx.project().file(problem.span.file).text)
                .to_string();
            cx.report(
                problem.span,
                format!("included stock file {included} is not in the checked files, so it was not checked"),
            )
            .help(format!("nginx packages install it; looked for `{path}` (copy it into the tree, or pass --nginx-prefix, to check it)"));
        }
    }
}
