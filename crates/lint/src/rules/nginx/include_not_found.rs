//! NGX014 include-not-found: an `include` without wildcards names a file that does not exist (nginx refuses
//! to start), or one that cannot be read; or a file a wildcard include matches cannot be read (a symlink left
//! dangling in `sites-enabled/`: nginx refuses to start too).

use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::nginx::{IncludeProblemKind, NginxConfig};

declare_rule! {
    /// An include names a file that does not exist or cannot be read, so what it holds was not checked.
    #[derive(Default)]
    pub struct IncludeNotFound {}
    code = "NGX014", name = "include-not-found", domain = "nginx", severity = Error,
}

impl Check<NginxConfig> for IncludeNotFound {
    fn check(&self, config: &NginxConfig, cx: &mut Ctx<'_>) {
        for problem in config
            .include_problems
            .iter()
            .filter(|p| !p.kind.is_missing_stock_file())
        {
            let included = problem
                .span
                .text(&cx.project().file(problem.span.file).text)
                .to_string();
            match &problem.kind {
                IncludeProblemKind::Missing(path) => {
                    cx.report(problem.span, format!("included file {included} does not exist"))
                        .help(format!("looked for `{path}`; nginx will not start without it (pass --nginx-prefix if relative includes resolve elsewhere)"));
                }
                IncludeProblemKind::Unreadable(path, reason) => {
                    cx.report(
                        problem.span,
                        format!("included file {included} cannot be read: {reason}"),
                    )
                    .help(format!("`{path}` was not checked"));
                }
                IncludeProblemKind::UnreadableMatch(path, reason) => {
                    cx.report(
                        problem.span,
                        format!("included file `{path}` (matched by {included}) cannot be read: {reason}"),
                    )
                    .help("nginx refuses to start on a match it cannot open: remove it or restore what it leads to; it was not checked");
                }
                IncludeProblemKind::TooDeep => {
                    cx.report(
                        problem.span,
                        format!("include {included} is nested too deeply to follow"),
                    )
                    .help("its contents were not checked");
                }
                IncludeProblemKind::Cycle(_) => {}
            }
        }
    }
}
