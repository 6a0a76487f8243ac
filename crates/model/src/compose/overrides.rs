//! The override file `docker compose` loads beside a main compose file (`compose.override.yaml` beside
//! `compose.yaml`), and what it changes in the containers the main file's services run.

use super::merge::replace_by;
use super::{default_rank, normalize, override_names};
use crate::project::{Content, Project};
use shiplint_syntax::FileId;
use std::collections::HashMap;
use std::path::PathBuf;

/// The loaded main compose files (by document) and the override `docker compose` loads beside each: the
/// preferred main name of a directory, and its preferred override name, both among the loaded documents.
pub fn override_pairs(project: &Project) -> HashMap<FileId, FileId> {
    let mut by_dir: HashMap<PathBuf, Vec<(&str, FileId)>> = HashMap::new();
    for document in project.documents.iter().filter(|d| d.compose().is_some()) {
        let Some(name) = document.path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let dir = normalize(document.path.parent().unwrap_or(std::path::Path::new("")));
        by_dir.entry(dir).or_default().push((name, document.file));
    }
    let mut pairs = HashMap::new();
    for files in by_dir.values() {
        let Some(&(main_name, main)) = files
            .iter()
            .filter(|(name, _)| default_rank(name).is_some())
            .min_by_key(|(name, _)| default_rank(name))
        else {
            continue;
        };
        let over = override_names(main_name)
            .iter()
            .find_map(|wanted| files.iter().find(|(name, _)| name == wanted));
        if let Some(&(_, over)) = over {
            pairs.insert(main, over);
        }
    }
    pairs
}

/// Sets [`Service::run_volumes`](super::Service::run_volumes) on each main file's service that its override
/// gives volumes: the override's entries replace those of the same container path, as Compose merges them.
/// The main file's own `volumes` stay as written, for the rules that read that file.
pub(crate) fn merge_override_volumes(project: &mut Project) {
    let mut merged = Vec::new();
    for (&main, &over) in &override_pairs(project) {
        let (Some(main_file), Some(over_file)) = (
            project.documents[main.0 as usize].compose(),
            project.documents[over.0 as usize].compose(),
        ) else {
            continue;
        };
        for (index, service) in main_file.services.iter().enumerate() {
            let Some(overriding) = over_file
                .services
                .iter()
                .find(|o| o.name.value == service.name.value && !o.volumes.is_empty())
            else {
                continue;
            };
            let volumes = replace_by(&service.volumes, &overriding.volumes, |m| {
                m.target.value.clone()
            });
            merged.push((main, index, volumes));
        }
    }
    for (main, index, volumes) in merged {
        if let Content::Compose(compose) = &mut project.documents[main.0 as usize].content
            && let Some(service) = compose.services.get_mut(index)
        {
            service.run_volumes = Some(volumes);
        }
    }
}
