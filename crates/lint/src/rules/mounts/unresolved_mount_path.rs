//! STK010 unresolved-mount-path: an nginx run by a compose service names an include, certificate, key or DH
//! parameter file at a container path that no volume mounts (and the image does not ship), or that a bind
//! mount takes from a host path that does not exist. nginx in that container will not find it.

use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::nginx::{MountProblemKind, NginxConfig};

declare_rule! {
    /// A path nginx reads inside its compose container resolves to nothing through the service's mounts.
    #[derive(Default)]
    pub struct UnresolvedMountPath {}
    code = "STK010", name = "unresolved-mount-path", domain = "stack", severity = Error,
}

impl Check<NginxConfig> for UnresolvedMountPath {
    fn check(&self, config: &NginxConfig, cx: &mut Ctx<'_>) {
        for problem in &config.mount_problems {
            let (directive, path, service) = (
                &problem.directive,
                &problem.container_path,
                &problem.service,
            );
            match &problem.kind {
                MountProblemKind::NotMounted => {
                    cx.report(
                        problem.span,
                        format!("`{directive}` path `{path}` is not in the container of compose service `{service}`: none of its volumes mounts it"),
                    )
                    .label(problem.service_span, format!("`{service}` runs this nginx"))
                    .help(format!("add a bind mount under `{service}`'s `volumes:` that holds `{path}`, or correct the path"));
                }
                MountProblemKind::MissingOnHost { host, mount } => {
                    cx.report(
                        problem.span,
                        format!("`{directive}` path `{path}` is mounted from `{host}`, which does not exist"),
                    )
                    .label(*mount, format!("this volume of `{service}` brings `{path}` in"))
                    .help(format!("create `{host}`, or correct the path or the mount; nginx in `{service}` will not find it"));
                }
                MountProblemKind::NamedVolume { .. } | MountProblemKind::Unknown { .. } => {}
            }
        }
    }
}
