//! DKR023 undefined-arg-in-from: a FROM uses a variable that no ARG before the first FROM declares. Only
//! those ARGs are visible to FROM, so the variable expands to nothing and the base image is not the one meant.

use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::docker::{DockerImage, expand};
use std::cell::RefCell;

declare_rule! {
    /// A FROM line uses a variable that is not declared by an ARG before the first FROM.
    #[derive(Default)]
    pub struct UndefinedArgInFrom {}
    code = "DKR023", name = "undefined-arg-in-from", domain = "docker", severity = Warning,
}

/// The variables `text` uses that no global ARG declares, each once, in order of use. Expands like the build
/// does, so `\$A` is not a variable and a default is only read when it is used.
fn undeclared(image: &DockerImage, text: &str) -> Vec<String> {
    let unknown = RefCell::new(Vec::<String>::new());
    expand(
        text,
        &|name: &str| match image.global_args.iter().find(|a| a.name.value == name) {
            Some(arg) => Some(arg.default.clone().unwrap_or_default()),
            None => {
                let mut unknown = unknown.borrow_mut();
                if !name.is_empty() && !unknown.iter().any(|n| n == name) {
                    unknown.push(name.to_string());
                }
                None
            }
        },
    );
    unknown.into_inner()
}

impl Check<DockerImage> for UndefinedArgInFrom {
    fn check(&self, image: &DockerImage, cx: &mut Ctx<'_>) {
        for stage in &image.stages {
            for name in undeclared(image, &stage.image.raw) {
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
