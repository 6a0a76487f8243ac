//! Container paths through compose volume mounts.
//!
//! A path an nginx running in a compose service reads (`/etc/nginx/conf.d/app.conf`,
//! `/etc/letsencrypt/live/x/fullchain.pem`) is a path inside that service's container. [`ServiceMounts`]
//! says where it comes from: a bind mount's host path (the file the checked tree holds), a named volume (whose
//! content the tool cannot see), a mount it cannot place (`~`, an unresolved variable, a tmpfs), or no mount at
//! all (the image's own file). The mount with the longest container path covering the path wins, as in the
//! running container where a deeper mount hides what a shallower one puts there.
//!
//! [`nginx_runners`] says which compose services run each nginx document: a service with an nginx image that
//! bind-mounts the file (or a directory holding it), with the path the file has in its container.

use crate::compose::{ComposeFile, Mount, MountKind, Overrides, Service};
use crate::nginx::{is_nginx_image, normalize};
use crate::project::Project;
use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

/// Where a path inside a container comes from.
#[derive(Clone, Debug, PartialEq)]
pub enum MountResolution<'a> {
    /// A bind mount covers it: the file at `path` on the host (resolved against the compose file's directory).
    Host {
        /// The host path (lexically normalised).
        path: PathBuf,
        /// The bind mount.
        mount: &'a Mount,
    },
    /// A named volume covers it: its content lives in Docker's storage, not in the checked tree.
    NamedVolume {
        /// The volume's name.
        name: String,
        /// The mount.
        mount: &'a Mount,
    },
    /// A mount covers it whose content the tool cannot place: a bind source under `~` or with an unresolved
    /// variable, a Windows host path, an anonymous volume, a tmpfs, another mount type.
    Unknown {
        /// The mount.
        mount: &'a Mount,
        /// Why its content is unknown (for messages).
        reason: String,
    },
    /// No mount covers it: the container sees the image's own file (or nothing).
    NotMounted,
}

impl<'a> MountResolution<'a> {
    /// The mount that covers the path, unless none does.
    pub fn mount(&self) -> Option<&'a Mount> {
        match self {
            MountResolution::Host { mount, .. }
            | MountResolution::NamedVolume { mount, .. }
            | MountResolution::Unknown { mount, .. } => Some(mount),
            MountResolution::NotMounted => None,
        }
    }

    /// The host path, for a bind mount.
    pub fn host_path(&self) -> Option<&Path> {
        match self {
            MountResolution::Host { path, .. } => Some(path),
            _ => None,
        }
    }
}

/// One compose service's volumes, with the directory their relative bind sources resolve against.
#[derive(Clone, Copy, Debug)]
pub struct ServiceMounts<'a> {
    /// The compose file's directory (Compose resolves relative bind sources against it).
    dir: &'a Path,
    /// The service's `volumes:`.
    mounts: &'a [Mount],
}

impl<'a> ServiceMounts<'a> {
    /// The mounts of `service`, a service of `compose`.
    pub fn new(compose: &'a ComposeFile, service: &'a Service) -> Self {
        ServiceMounts::from_parts(&compose.project_dir, &service.merged().volumes)
    }

    /// Mounts whose relative bind sources resolve against `dir`.
    pub fn from_parts(dir: &'a Path, mounts: &'a [Mount]) -> Self {
        ServiceMounts { dir, mounts }
    }

    /// Where `container_path` comes from. A relative path is read against the container's root `/`.
    pub fn resolve(&self, container_path: &str) -> MountResolution<'a> {
        let wanted = container_normalize(container_path);
        // The deepest target covering the path; for equal targets (Compose refuses them) the later entry.
        let Some((mount, target)) = self
            .mounts
            .iter()
            .filter_map(|m| Some((m, container_target(m)?)))
            .filter(|(_, target)| wanted.starts_with(target))
            .max_by_key(|(_, target)| target.components().count())
        else {
            return MountResolution::NotMounted;
        };
        let rest = wanted.strip_prefix(&target).unwrap_or(Path::new(""));
        match mount.kind {
            MountKind::Bind => match bind_source(self.dir, mount) {
                Ok(host) => MountResolution::Host {
                    path: if rest.as_os_str().is_empty() {
                        host
                    } else {
                        host.join(rest)
                    },
                    mount,
                },
                Err(reason) => MountResolution::Unknown { mount, reason },
            },
            MountKind::Volume => match &mount.source {
                Some(name) if !name.value.is_empty() => MountResolution::NamedVolume {
                    name: name.value.clone(),
                    mount,
                },
                _ => MountResolution::Unknown {
                    mount,
                    reason: "an anonymous volume, empty when first created".to_string(),
                },
            },
            MountKind::Tmpfs => MountResolution::Unknown {
                mount,
                reason: "a tmpfs, empty when the container starts".to_string(),
            },
            MountKind::Other => MountResolution::Unknown {
                mount,
                reason: "a mount type whose content this tool does not model".to_string(),
            },
        }
    }

    /// Where the host file `host` appears in the container: for each bind mount whose host path holds it, the
    /// container path and the mount, kept only when no deeper mount hides it there. Sorted by container path.
    pub fn container_paths(&self, host: &Path) -> Vec<(PathBuf, &'a Mount)> {
        let host = normalize(host);
        let mut out: Vec<(PathBuf, &'a Mount)> = Vec::new();
        for mount in self.mounts.iter().filter(|m| m.kind == MountKind::Bind) {
            let (Ok(source), Some(target)) =
                (bind_source(self.dir, mount), container_target(mount))
            else {
                continue;
            };
            let Ok(rest) = host.strip_prefix(&source) else {
                continue;
            };
            let inside = if rest.as_os_str().is_empty() {
                target
            } else {
                target.join(rest)
            };
            let visible = match self.resolve(&inside.to_string_lossy()) {
                MountResolution::Host { path, mount: seen } => {
                    path == host && std::ptr::eq(seen, mount)
                }
                _ => false,
            };
            if visible && !out.iter().any(|(p, _)| *p == inside) {
                out.push((inside, mount));
            }
        }
        out.sort_by(|a, b| a.0.cmp(&b.0));
        out
    }
}

/// A bind mount's host path, resolved against the compose file's directory and normalised; or why it cannot be
/// placed in the checked tree.
pub fn bind_source(dir: &Path, mount: &Mount) -> Result<PathBuf, String> {
    let Some(source) = mount.source.as_ref().map(|s| s.value.as_str()) else {
        return Err("a bind mount without a source".to_string());
    };
    if source.is_empty() {
        return Err("a bind mount without a source".to_string());
    }
    if source.starts_with('~') {
        return Err(format!(
            "host path `{source}` is under the deploying user's home directory, which the checked files do not show"
        ));
    }
    if source.contains('$') {
        return Err(format!(
            "host path `{source}` holds a variable that could not be resolved"
        ));
    }
    if source.starts_with('\\') || source.as_bytes().get(1) == Some(&b':') {
        return Err(format!("host path `{source}` is a Windows path"));
    }
    let path = Path::new(source);
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        dir.join(path)
    };
    Ok(normalize(&joined))
}

/// A mount's container path, normalised; `None` when it is not absolute (Compose refuses it).
fn container_target(mount: &Mount) -> Option<PathBuf> {
    mount
        .target
        .value
        .starts_with('/')
        .then(|| container_normalize(&mount.target.value))
}

/// A container path, absolute and lexically normalised (`..` stops at `/`, as in the container).
fn container_normalize(path: &str) -> PathBuf {
    let mut out = PathBuf::from("/");
    for component in Path::new(path).components() {
        match component {
            Component::Normal(part) => out.push(part),
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir | Component::RootDir | Component::Prefix(_) => {}
        }
    }
    out
}

/// A compose service, by position: the compose document's index in `project.documents` and the service's
/// index in its `services`.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ServiceRef {
    /// Index of the compose document.
    pub document: usize,
    /// Index of the service in that document's `services`.
    pub service: usize,
}

impl ServiceRef {
    /// The compose file.
    pub fn compose<'p>(&self, project: &'p Project) -> Option<&'p ComposeFile> {
        project.documents.get(self.document)?.compose()
    }

    /// The service.
    pub fn get<'p>(&self, project: &'p Project) -> Option<&'p Service> {
        self.compose(project)?.services.get(self.service)
    }

    /// The service's mounts.
    pub fn mounts<'p>(&self, project: &'p Project) -> Option<ServiceMounts<'p>> {
        let compose = self.compose(project)?;
        Some(ServiceMounts::new(
            compose,
            compose.services.get(self.service)?,
        ))
    }
}

/// A compose service that runs an nginx document: the file is bind-mounted into its nginx container.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NginxRunner {
    /// The service.
    pub service: ServiceRef,
    /// Where the file is inside the container (`/etc/nginx/conf.d/app.conf`).
    pub container_path: PathBuf,
    /// Index of the bind mount in the service's `volumes` that brings it in.
    pub mount: usize,
}

/// Every compose service of the project whose image (with the override beside its file merged in) is an
/// nginx image, written in the compose file itself (services brought in by `include:` have paths relative to
/// their own file, which is checked on its own; an override's entry for a service of its main file runs as
/// part of that service).
pub fn nginx_services(project: &Project) -> Vec<ServiceRef> {
    let overrides = Overrides::new(project);
    let mut out = Vec::new();
    for (document, doc) in project.documents.iter().enumerate() {
        let Some(compose) = doc.compose() else {
            continue;
        };
        for (service, s) in compose.services.iter().enumerate() {
            let image = s.merged().image.as_ref();
            if !s.included
                && image.is_some_and(|i| is_nginx_image(&i.value))
                && !overrides.merged_into_main(project, doc.file, &s.name.value)
            {
                out.push(ServiceRef { document, service });
            }
        }
    }
    out
}

/// For each nginx document (by index) that an nginx compose service bind-mounts: the services running it,
/// with its path in their containers, sorted by service then container path. Documents no service mounts
/// (a host nginx, or files only reached through includes) have no entry.
pub fn nginx_runners(project: &Project) -> BTreeMap<usize, Vec<NginxRunner>> {
    let services = nginx_services(project);
    let mut out: BTreeMap<usize, Vec<NginxRunner>> = BTreeMap::new();
    if services.is_empty() {
        return out;
    }
    for (index, document) in project.documents.iter().enumerate() {
        if document.nginx().is_none() {
            continue;
        }
        for &service in &services {
            let Some(mounts) = service.mounts(project) else {
                continue;
            };
            for (container_path, mount) in mounts.container_paths(&document.path) {
                let position = mounts
                    .mounts
                    .iter()
                    .position(|m| std::ptr::eq(m, mount))
                    .unwrap_or_default();
                out.entry(index).or_default().push(NginxRunner {
                    service,
                    container_path,
                    mount: position,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests;
