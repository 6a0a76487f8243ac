//! CMP014 unset-variable: a `${VAR}` without a value in the project's `.env` and without a default. shiplint
//! reads variables from `.env` only (never from the environment it runs in), so the result is the same on
//! every machine; Docker Compose would substitute an empty string unless the variable is exported.

use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::compose::{ComposeFile, ProblemKind};

declare_rule! {
    /// A variable is used without a value in `.env` and without a default.
    #[derive(Default)]
    pub struct UnsetVariable {}
    code = "CMP014", name = "unset-variable", domain = "compose", severity = Info,
}

impl Check<ComposeFile> for UnsetVariable {
    fn check(&self, compose: &ComposeFile, cx: &mut Ctx<'_>) {
        for problem in compose
            .problems
            .iter()
            .filter(|p| p.kind == ProblemKind::UnsetVariable)
        {
            cx.report(problem.span, problem.message.clone()).help(
                "set it in `.env` beside the compose file, or give a default: `${VAR:-value}`",
            );
        }
    }
}
