//! The nginx version of files that a compose service mounts into an nginx container: the service's image
//! tag (`nginx:1.25-alpine`) names the release whose built-in defaults apply to every file it runs (bind-mounts,
//! see [`crate::mounts`]).

use super::NginxVersion;
use crate::project::Project;
use std::collections::HashMap;

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

/// For each nginx document (by index) that nginx compose services with a versioned image run (see
/// [`crate::mounts::nginx_runners`]): that version and the service it came from. A document that services of
/// different versions run gets no entry.
pub(super) fn versions_from_compose(
    project: &Project,
) -> HashMap<usize, (NginxVersion, ImageOrigin)> {
    let mut out = HashMap::new();
    for (index, runners) in crate::mounts::nginx_runners(project) {
        let mut found: Option<(NginxVersion, ImageOrigin)> = None;
        let mut conflict = false;
        for service in runners.iter().filter_map(|r| r.service.get(project)) {
            let Some(image) = &service.image else {
                continue;
            };
            let Some(version) = NginxVersion::from_image(&image.value) else {
                continue;
            };
            match &found {
                Some((first, _)) if *first != version => conflict = true,
                Some(_) => {}
                None => {
                    found = Some((
                        version,
                        ImageOrigin {
                            image: image.value.clone(),
                            service: service.name.value.clone(),
                            release: release(&image.value),
                        },
                    ))
                }
            }
        }
        if let (Some(entry), false) = (found, conflict) {
            out.insert(index, entry);
        }
    }
    out
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
