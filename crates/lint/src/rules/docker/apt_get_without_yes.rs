//! DKR018 apt-get-without-yes: `apt-get install` (or upgrade, remove…) without `-y`: there is no terminal in
//! a build, so apt-get answers its own confirmation prompt with "no" and the step fails.

use super::common::{apt_bool, apt_option_value, head_span, head_text, is_apt};
use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::docker::DockerImage;

declare_rule! {
    /// An apt-get command that asks for confirmation runs without `-y`.
    #[derive(Default)]
    pub struct AptGetWithoutYes {}
    code = "DKR018", name = "apt-get-without-yes", domain = "docker", severity = Warning,
}

/// Subcommands that ask "Do you want to continue?" before changing anything.
const PROMPTING: [&str; 7] = [
    "install",
    "upgrade",
    "dist-upgrade",
    "full-upgrade",
    "remove",
    "purge",
    "autoremove",
];

impl Check<DockerImage> for AptGetWithoutYes {
    fn check(&self, image: &DockerImage, cx: &mut Ctx<'_>) {
        for stage in &image.stages {
            for command in stage.commands() {
                if !is_apt(command, &PROMPTING) {
                    continue;
                }
                // `-qq` implies `-y`; `--force-yes` and `-o APT::Get::Assume-Yes=true` answer too.
                let answered = command.has_option(Some('y'), &["yes", "assume-yes", "force-yes"])
                    || command.args().iter().any(|w| w.value == "-qq")
                    || apt_option_value(command, "assume-yes").and_then(apt_bool) == Some(true);
                if answered {
                    continue;
                }
                let what = head_text(command);
                cx.report(
                    head_span(command),
                    format!("`{what}` without `-y` stops at its confirmation prompt"),
                )
                .help(format!("write `{} -y`", what));
            }
        }
    }
}
