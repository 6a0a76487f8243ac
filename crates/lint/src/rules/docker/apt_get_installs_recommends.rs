//! DKR019 apt-get-installs-recommends: `apt-get install` in a stage that ships, without
//! `--no-install-recommends`, also installs every package the requested ones merely recommend.

use super::common::{apt_bool, apt_option_value, head_span, is_apt, shipped_lineage};
use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::docker::DockerImage;

declare_rule! {
    /// `apt-get install` in the shipped image also installs recommended packages.
    #[derive(Default)]
    pub struct AptGetInstallsRecommends {}
    code = "DKR019", name = "apt-get-installs-recommends", domain = "docker", severity = Info,
}

impl Check<DockerImage> for AptGetInstallsRecommends {
    fn check(&self, image: &DockerImage, cx: &mut Ctx<'_>) {
        for stage in shipped_lineage(image) {
            for command in stage.commands() {
                if !is_apt(command, &["install"]) {
                    continue;
                }
                let off = command.has_option(None, &["no-install-recommends"])
                    || apt_option_value(command, "install-recommends").and_then(apt_bool)
                        == Some(false);
                if off {
                    continue;
                }
                let packages: Vec<&str> = command
                    .operands()
                    .skip(1)
                    .map(|w| w.value.as_str())
                    .collect();
                let shown = match packages.as_slice() {
                    [] => String::from("apt-get install"),
                    [one] => format!("apt-get install {one}"),
                    [one, ..] => format!("apt-get install {one} …"),
                };
                cx.report(
                    head_span(command),
                    format!("`{shown}` also installs the recommended packages"),
                )
                .help("add `--no-install-recommends` and list what the image really needs");
            }
        }
    }
}
