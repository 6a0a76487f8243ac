//! STK011 path-in-volume: an nginx run by a compose service names a file that lives in a named volume (or a
//! mount whose content cannot be placed: `~`, a variable, a tmpfs), so its content is not in the checked files
//! and was not checked. Said, not skipped.

use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::nginx::{MountProblemKind, NginxConfig};

declare_rule! {
    /// A path nginx reads inside its compose container lives in a volume, so it was not checked.
    #[derive(Default)]
    pub struct PathInVolume {}
    code = "STK011", name = "path-in-volume", domain = "stack", severity = Info,
}

impl Check<NginxConfig> for PathInVolume {
    fn check(&self, config: &NginxConfig, cx: &mut Ctx<'_>) {
        for problem in &config.mount_problems {
            let (directive, path, service) = (
                &problem.directive,
                &problem.container_path,
                &problem.service,
            );
            match &problem.kind {
                MountProblemKind::NamedVolume { name, mount } => {
                    cx.report(
                        problem.span,
                        format!("`{directive}` path `{path}` is in named volume `{name}` of compose service `{service}`, so it was not checked"),
                    )
                    .label(*mount, format!("volume `{name}` holds `{path}`"))
                    .help("the volume's content is not in these files: check it where it lives (`shiplint check --root` on the server), or bind-mount the files from the repository");
                }
                MountProblemKind::Unknown { reason, mount } => {
                    cx.report(
                        problem.span,
                        format!("`{directive}` path `{path}` comes from a mount of compose service `{service}` whose content is unknown ({reason}), so it was not checked"),
                    )
                    .label(*mount, "this mount holds it")
                    .help("bind-mount the files from a path inside the project to have them checked");
                }
                MountProblemKind::NotMounted | MountProblemKind::MissingOnHost { .. } => {}
            }
        }
    }
}
