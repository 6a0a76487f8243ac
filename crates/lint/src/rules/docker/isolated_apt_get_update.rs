//! DKR028 isolated-apt-get-update: `apt-get update` runs in one RUN and the install in a later one. The
//! update layer is cached on its own, so later builds install from a stale package index: old versions, or
//! "404 Not Found" once the mirror has moved on.

use super::common::{head_span, is_apt};
use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::docker::{DockerImage, Run};

declare_rule! {
    /// `apt-get update` and `apt-get install` are in different RUN instructions, so the index goes stale.
    #[derive(Default)]
    pub struct IsolatedAptGetUpdate {}
    code = "DKR028", name = "isolated-apt-get-update", domain = "docker", severity = Warning,
}

const INSTALLS: [&str; 4] = ["install", "upgrade", "dist-upgrade", "full-upgrade"];

/// Whether the run installs after its last `apt-get update`, or has no update at all.
fn update_is_used(run: &Run) -> bool {
    let mut pending = false;
    for command in run.commands() {
        if is_apt(command, &["update"]) {
            pending = true;
        } else if is_apt(command, &INSTALLS) {
            pending = false;
        }
    }
    !pending
}

impl Check<DockerImage> for IsolatedAptGetUpdate {
    fn check(&self, image: &DockerImage, cx: &mut Ctx<'_>) {
        for stage in &image.stages {
            for (i, run) in stage.runs.iter().enumerate() {
                if update_is_used(run) {
                    continue;
                }
                let later_install = stage.runs[i + 1..]
                    .iter()
                    .flat_map(|r| r.commands())
                    .find(|c| is_apt(c, &INSTALLS));
                let (Some(install), Some(update)) = (
                    later_install,
                    run.commands().filter(|c| is_apt(c, &["update"])).last(),
                ) else {
                    continue;
                };
                cx.report(
                    head_span(update),
                    "`apt-get update` runs in a RUN of its own, apart from the install",
                )
                .label(head_span(install), "installs from the cached, possibly stale, index")
                .help(
                    "update and install in the same RUN: \
                     `RUN apt-get update && apt-get install -y --no-install-recommends … && rm -rf /var/lib/apt/lists/*`",
                );
            }
        }
    }
}
