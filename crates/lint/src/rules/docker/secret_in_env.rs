//! DKR008 secret-in-env: an ENV or ARG whose name says it holds a secret. ENV values are stored in the image
//! configuration and ARG values in the image history, where anyone who can pull the image reads them.
//! Messages never show the value.

use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::docker::DockerImage;
use shiplint_model::secrets::is_secret_name;
use shiplint_syntax::dockerfile::{Arguments, Keyword};

declare_rule! {
    /// A secret is passed through ENV or ARG, so it is readable in the image.
    #[derive(Default)]
    pub struct SecretInEnv {}
    code = "DKR008", name = "secret-in-env", domain = "docker", severity = Error,
    tags = ["security"], security_severity = 7.5,
}

impl Check<DockerImage> for SecretInEnv {
    fn check(&self, image: &DockerImage, cx: &mut Ctx<'_>) {
        for instruction in &image.syntax.instructions {
            let Arguments::Pairs(pairs) = &instruction.args else {
                continue;
            };
            for pair in pairs {
                if !is_secret_name(&pair.key.value) {
                    continue;
                }
                let key = &pair.key.value;
                match instruction.keyword {
                    Keyword::Env => {
                        let empty = pair
                            .value
                            .as_ref()
                            .is_none_or(|v| matches!(v.value.as_str(), "" | "\"\"" | "''"));
                        if empty {
                            continue;
                        }
                        cx.report(
                            pair.key.span,
                            format!("`ENV {key}` stores a secret in the image configuration"),
                        )
                        .help(
                            "pass it at run time (compose `secrets:` or an environment file outside the image); \
                             for build steps use `RUN --mount=type=secret,id=...`",
                        );
                    }
                    Keyword::Arg => {
                        cx.report(
                            pair.key.span,
                            format!("`ARG {key}` passes a secret that stays in the image history"),
                        )
                        .help("use a build secret: `RUN --mount=type=secret,id=...` and `docker build --secret`");
                    }
                    _ => {}
                }
            }
        }
    }
}
