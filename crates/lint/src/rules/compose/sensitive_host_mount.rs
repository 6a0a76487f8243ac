//! CMP004 sensitive-host-mount: a bind mount of the Docker socket or of a host directory that controls the
//! host (`/`, `/etc`, `/proc`, `/sys`, `/boot`, `/dev`, `/root`, `/var/run`, `/run`). The Docker socket is
//! root on the host, read-only or not.

use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::compose::{ComposeFile, MountKind};

declare_rule! {
    /// The Docker socket or a sensitive host directory is mounted into the container.
    #[derive(Default)]
    pub struct SensitiveHostMount {}
    code = "CMP004", name = "sensitive-host-mount", domain = "compose", severity = Error,
    tags = ["security"], security_severity = 8.0,
}

const SENSITIVE_DIRS: [&str; 9] = [
    "/", "/etc", "/proc", "/sys", "/boot", "/dev", "/root", "/var/run", "/run",
];

impl Check<ComposeFile> for SensitiveHostMount {
    fn check(&self, compose: &ComposeFile, cx: &mut Ctx<'_>) {
        for service in compose.own_services() {
            for mount in service.volumes.iter().filter(|m| m.kind == MountKind::Bind) {
                let Some(source) = &mount.source else {
                    continue;
                };
                let path = source.value.trim_end_matches('/');
                let path = if path.is_empty() { "/" } else { path };
                if path.ends_with("docker.sock") {
                    cx.report(source.span, format!("service `{}` mounts the Docker socket `{}`", service.name.value, source.value))
                        .help("whoever controls the socket is root on the host; use a socket proxy that allows only the calls needed");
                } else if SENSITIVE_DIRS.contains(&path) {
                    cx.report(
                        source.span,
                        format!(
                            "service `{}` mounts the host directory `{}`",
                            service.name.value, source.value
                        ),
                    )
                    .help("mount only the files the service needs, read-only (`:ro`)");
                }
            }
        }
    }
}
