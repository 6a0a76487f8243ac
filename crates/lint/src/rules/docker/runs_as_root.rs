//! DKR002 runs-as-root: the shipped stage's last USER is root, or there is no USER at all and the base image
//! runs as root by default.

use super::common::{is_windows, root_image};
use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::docker::{DockerImage, Stage};

declare_rule! {
    /// The image that ships runs its process as root.
    #[derive(Default)]
    pub struct RunsAsRoot {}
    code = "DKR002", name = "runs-as-root", domain = "docker", severity = Warning,
    tags = ["security"], security_severity = 5.0,
}

/// Markers of base images built to run as an unprivileged user by default.
const NON_ROOT_MARKERS: [&str; 3] = ["nonroot", "rootless", "unprivileged"];

/// Tools an entrypoint script uses to start the service as another user after root-only setup.
const PRIVILEGE_DROPPERS: [&str; 3] = ["gosu", "su-exec", "setpriv"];

/// Whether the shipped stage installs a privilege-dropping tool: its entrypoint then starts as root on
/// purpose (to fix volume ownership) and runs the service as another user, as the official database images do.
fn drops_privileges(image: &DockerImage, stage: &Stage) -> bool {
    image.lineage(stage).flat_map(Stage::commands).any(|c| {
        c.words().iter().any(|w| {
            let last = w.value.rsplit('/').next().unwrap_or("");
            PRIVILEGE_DROPPERS.iter().any(|tool| {
                last.strip_prefix(tool)
                    .is_some_and(|r| r.is_empty() || r.starts_with('-'))
            })
        })
    })
}

impl Check<DockerImage> for RunsAsRoot {
    fn check(&self, image: &DockerImage, cx: &mut Ctx<'_>) {
        let Some(shipped) = image.shipped_stage(None) else {
            return;
        };
        // Windows users are not uids: ContainerUser and ContainerAdministrator need their own rule.
        if is_windows(root_image(image, shipped)) {
            return;
        }
        const HELP: &str = "create an unprivileged user and switch to it at the end of the shipped stage: \
                            `RUN adduser -D -u 10001 app` then `USER 10001`";
        match &shipped.user {
            Some(user) if user.is_root() => {
                cx.report(
                    user.span,
                    format!("the shipped stage runs as `{}`", user.value),
                )
                .help(HELP);
            }
            Some(_) => {}
            None if drops_privileges(image, shipped) => {}
            None => {
                let base = root_image(image, shipped);
                let text = base.resolved.to_ascii_lowercase();
                if base.unresolved || NON_ROOT_MARKERS.iter().any(|m| text.contains(m)) {
                    return;
                }
                cx.report(
                    shipped.image.span,
                    format!(
                        "the shipped stage sets no `USER`, so it runs as the default user of `{}`, root",
                        base.raw
                    ),
                )
                .help(HELP);
            }
        }
    }
}
