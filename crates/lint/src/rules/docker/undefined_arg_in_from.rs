//! DKR023 undefined-arg-in-from: a FROM uses a variable that no ARG before the first FROM declares. Only
//! those ARGs are visible to FROM, so the variable expands to nothing and the base image is not the one meant.

use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::docker::DockerImage;

declare_rule! {
    /// A FROM line uses a variable that is not declared by an ARG before the first FROM.
    #[derive(Default)]
    pub struct UndefinedArgInFrom {}
    code = "DKR023", name = "undefined-arg-in-from", domain = "docker", severity = Warning,
}

/// The variable names referenced in `text` (`$A`, `${B}`, `${C:-x}`).
fn variables(text: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(pos) = rest.find('$') {
        let after = rest[pos + 1..]
            .strip_prefix('{')
            .unwrap_or(&rest[pos + 1..]);
        let len = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(after.len());
        if len > 0 {
            names.push(&after[..len]);
        }
        rest = &after[len..];
    }
    names
}

impl Check<DockerImage> for UndefinedArgInFrom {
    fn check(&self, image: &DockerImage, cx: &mut Ctx<'_>) {
        for stage in &image.stages {
            for name in variables(&stage.image.raw) {
                if image.global_args.iter().any(|a| a.name.value == name) {
                    continue;
                }
                cx.report(
                    stage.image.span,
                    format!(
                        "`${name}` in `{}` is not declared by an `ARG` before the first `FROM`",
                        stage.image.raw
                    ),
                )
                .help(format!(
                    "declare `ARG {name}=<default>` at the top of the file, before the first `FROM`"
                ));
            }
        }
    }
}
