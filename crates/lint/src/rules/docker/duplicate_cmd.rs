//! DKR011 duplicate-cmd: a stage has more than one CMD, ENTRYPOINT or HEALTHCHECK; only the last one takes
//! effect, so the others are dead code that misleads the reader.

use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::docker::DockerImage;
use shiplint_syntax::dockerfile::Keyword;

declare_rule! {
    /// A stage sets CMD, ENTRYPOINT or HEALTHCHECK more than once; only the last one counts.
    #[derive(Default)]
    pub struct DuplicateCmd {}
    code = "DKR011", name = "duplicate-cmd", domain = "docker", severity = Warning,
}

impl Check<DockerImage> for DuplicateCmd {
    fn check(&self, image: &DockerImage, cx: &mut Ctx<'_>) {
        for stage in &image.stages {
            for keyword in [Keyword::Cmd, Keyword::Entrypoint, Keyword::Healthcheck] {
                let all: Vec<_> = image
                    .instructions_of(stage)
                    .filter(|(_, i)| i.keyword == keyword)
                    .map(|(_, i)| i)
                    .collect();
                let Some((last, earlier)) = all.split_last() else {
                    continue;
                };
                let name = keyword.as_str().to_ascii_uppercase();
                for instruction in earlier {
                    cx.report(
                        instruction.keyword_span,
                        format!(
                            "this `{name}` is overridden by a later `{name}` in the same stage"
                        ),
                    )
                    .label(last.keyword_span, "this one takes effect")
                    .help(format!(
                        "remove the `{name}` instructions that do not take effect"
                    ));
                }
            }
        }
    }
}
