//! DKR021 deprecated-maintainer: the MAINTAINER instruction, deprecated since Docker 1.13 in favour of a
//! label that tools can read.

use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::docker::DockerImage;
use shiplint_syntax::dockerfile::{Arguments, Keyword};

declare_rule! {
    /// MAINTAINER is deprecated; the authors belong in a label.
    #[derive(Default)]
    pub struct DeprecatedMaintainer {}
    code = "DKR021", name = "deprecated-maintainer", domain = "docker", severity = Info,
}

impl Check<DockerImage> for DeprecatedMaintainer {
    fn check(&self, image: &DockerImage, cx: &mut Ctx<'_>) {
        for instruction in image
            .syntax
            .instructions
            .iter()
            .filter(|i| i.keyword == Keyword::Maintainer)
        {
            let who = match &instruction.args {
                Arguments::Shell(text) => text.text.trim().replace('"', "'"),
                _ => String::new(),
            };
            cx.report(instruction.keyword_span, "`MAINTAINER` is deprecated")
                .help(format!(
                    "use `LABEL org.opencontainers.image.authors=\"{who}\"`"
                ));
        }
    }
}
