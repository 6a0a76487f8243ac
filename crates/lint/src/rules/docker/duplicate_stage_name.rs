//! DKR022 duplicate-stage-name: two stages share an `AS` name (names are case-insensitive); `--from` and
//! `--target` then pick one of them, which is rarely the one the reader expects.

use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::docker::DockerImage;

declare_rule! {
    /// Two build stages have the same name.
    #[derive(Default)]
    pub struct DuplicateStageName {}
    code = "DKR022", name = "duplicate-stage-name", domain = "docker", severity = Error,
}

impl Check<DockerImage> for DuplicateStageName {
    fn check(&self, image: &DockerImage, cx: &mut Ctx<'_>) {
        for (i, stage) in image.stages.iter().enumerate() {
            let Some(alias) = &stage.alias else { continue };
            let first = image.stages[..i]
                .iter()
                .find(|s| s.is_named(&alias.value))
                .and_then(|s| s.alias.as_ref());
            if let Some(first) = first {
                cx.report(
                    alias.span,
                    format!("stage name `{}` is already used", alias.value),
                )
                .label(first.span, "first used here")
                .help("give every stage its own name");
            }
        }
    }
}
