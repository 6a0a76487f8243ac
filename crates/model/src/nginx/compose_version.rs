//! The nginx version of files that a compose service mounts into an nginx container: the service's image
//! tag (`nginx:1.25-alpine`) names the release whose built-in defaults apply to every file under one of its
//! bind mounts' host paths.

use super::NginxVersion;
use super::include::normalize;
use crate::compose::MountKind;
use crate::project::Project;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Where a file's nginx version came from when no `--nginx-version` or dump header gave one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImageOrigin {
    /// The image as written (`nginx:1.22`).
    pub image: String,
    /// The compose service that runs it.
    pub service: String,
    /// The release as the tag names it (`1.22`, `1.27.3`): a tag without a patch number runs the newest
    /// patch of that line, which the model's `x.y.0` only stands for.
    pub release: String,
}

/// A bind mount of an nginx service with a versioned image.
struct VersionedMount {
    host: PathBuf,
    version: NginxVersion,
    origin: ImageOrigin,
}

/// For each nginx document (by index) under a bind mount of a versioned nginx service: that version and
/// the service it came from. A document that services of different versions mount gets no entry.
pub(super) fn versions_from_compose(
    project: &Project,
) -> HashMap<usize, (NginxVersion, ImageOrigin)> {
    let mounts = versioned_mounts(project);
    let mut out = HashMap::new();
    if mounts.is_empty() {
        return out;
    }
    for (index, document) in project.documents.iter().enumerate() {
        if document.nginx().is_none() {
            continue;
        }
        let path = normalize(&document.path);
        let mut found: Option<&VersionedMount> = None;
        let mut conflict = false;
        for mount in mounts.iter().filter(|m| path.starts_with(&m.host)) {
            match found {
                Some(first) if first.version != mount.version => conflict = true,
                Some(_) => {}
                None => found = Some(mount),
            }
        }
        if let (Some(mount), false) = (found, conflict) {
            out.insert(index, (mount.version, mount.origin.clone()));
        }
    }
    out
}

fn versioned_mounts(project: &Project) -> Vec<VersionedMount> {
    let mut mounts = Vec::new();
    for document in &project.documents {
        let Some(compose) = document.compose() else {
            continue;
        };
        // Paths resolve against the directory of the compose file as it was read.
        let dir = document.path.parent().unwrap_or(Path::new(""));
        // Services brought in by `include:` have paths relative to their own file, checked on its own.
        for service in compose.services.iter().filter(|s| !s.included) {
            let Some(image) = &service.image else {
                continue;
            };
            let Some(version) = NginxVersion::from_image(&image.value) else {
                continue;
            };
            for mount in service.volumes.iter().filter(|m| m.kind == MountKind::Bind) {
                let Some(source) = &mount.source else {
                    continue;
                };
                let Some(host) = host_path(dir, &source.value) else {
                    continue;
                };
                mounts.push(VersionedMount {
                    host,
                    version,
                    origin: ImageOrigin {
                        image: image.value.clone(),
                        service: service.name.value.clone(),
                        release: release(&image.value),
                    },
                });
            }
        }
    }
    mounts
}

/// The version numbers of an image's tag: `nginx:1.25-alpine` -> `1.25`.
fn release(image: &str) -> String {
    let tag = image
        .split('@')
        .next()
        .and_then(|i| i.rsplit('/').next())
        .and_then(|last| last.split_once(':'))
        .map_or("", |(_, tag)| tag);
    tag.chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect::<String>()
        .trim_end_matches('.')
        .to_string()
}

/// A bind mount's host path resolved against the compose file's directory; `None` for what cannot be
/// placed in the checked tree (`~`, unresolved variables).
fn host_path(dir: &Path, source: &str) -> Option<PathBuf> {
    if source.starts_with('~') || source.contains('$') {
        return None;
    }
    let path = Path::new(source);
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        dir.join(path)
    };
    Some(normalize(&joined))
}
