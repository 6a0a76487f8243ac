//! CMP015 invalid-compose-file: what Docker Compose would refuse after parsing the YAML: a value of the wrong
//! shape (a port that is no port, a service that is not a mapping), a required variable (`${VAR:?msg}`)
//! without a value, an `extends`, `include` or `env_file` that resolves to nothing, an `extends` loop, a
//! broken `.env` or `env_file`, and the flaws of a file reached through `extends` or `include`.

use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::compose::{ComposeFile, ProblemKind};

declare_rule! {
    /// Docker Compose would refuse the file: a wrong value or a reference that resolves to nothing.
    #[derive(Default)]
    pub struct InvalidComposeFile {}
    code = "CMP015", name = "invalid-compose-file", domain = "compose", severity = Error,
}

impl Check<ComposeFile> for InvalidComposeFile {
    fn check(&self, compose: &ComposeFile, cx: &mut Ctx<'_>) {
        for problem in compose
            .problems
            .iter()
            .filter(|p| p.kind == ProblemKind::Invalid)
        {
            cx.report(problem.span, problem.message.clone()).help(
                "fix the value or the path; `docker compose config` shows what Compose reads",
            );
        }
    }
}
