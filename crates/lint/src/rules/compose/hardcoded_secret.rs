//! CMP001 hardcoded-secret: an environment variable or build arg whose name says it holds a secret, with a
//! value written in the compose file. The message names the variable, never the value; the value is masked
//! in every snippet (the model lists it in `secret_spans`).

use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::compose::{ComposeFile, EnvOrigin};
use shiplint_model::secrets::is_secret_name;

declare_rule! {
    /// A secret is written in the compose file.
    #[derive(Default)]
    pub struct HardcodedSecret {}
    code = "CMP001", name = "hardcoded-secret", domain = "compose", severity = Error,
    tags = ["security"], security_severity = 7.5,
}

/// An empty value or a yes/no switch (`MYSQL_ALLOW_EMPTY_PASSWORD: yes`) is no secret.
fn is_flag(value: &str) -> bool {
    matches!(
        value.to_ascii_lowercase().as_str(),
        "" | "yes" | "no" | "true" | "false" | "on" | "off" | "0" | "1"
    )
}

impl Check<ComposeFile> for HardcodedSecret {
    fn check(&self, compose: &ComposeFile, cx: &mut Ctx<'_>) {
        for service in compose.own_services() {
            for var in service
                .environment
                .iter()
                .filter(|v| v.origin == EnvOrigin::Inline && v.literal)
            {
                let has_value = var.value.as_ref().is_some_and(|v| !is_flag(&v.value));
                if has_value && is_secret_name(&var.name.value) {
                    cx.report(
                        var.name.span,
                        format!("`{}` of service `{}` is set to a literal secret", var.name.value, service.name.value),
                    )
                    .help("read it from a `secrets:` file, or write `${VAR}` and keep the value in an untracked `.env`");
                }
            }
            for (name, value) in service.build.iter().flat_map(|b| &b.args) {
                let literal = value
                    .as_ref()
                    .is_some_and(|v| !is_flag(&v.value) && v.span != name.span);
                if literal && is_secret_name(&name.value) {
                    cx.report(
                        name.span,
                        format!("build arg `{}` of service `{}` is set to a literal secret", name.value, service.name.value),
                    )
                    .help("build args stay in the image history; use `build.secrets` and `RUN --mount=type=secret`");
                }
            }
        }
    }
}
