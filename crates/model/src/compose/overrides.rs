//! The override file `docker compose` loads beside a main compose file (`compose.override.yaml` beside
//! `compose.yaml`), and what it changes in the containers the main file's services run.

use super::merge::overlay;
use super::service::Service;
use super::{default_rank, normalize, override_names};
use crate::project::{Content, Project};
use shiplint_syntax::FileId;
use std::collections::HashMap;
use std::path::PathBuf;

/// The loaded main compose files (by document) and the override `docker compose` loads beside each: the
/// preferred main name of a directory, and its preferred override name, both among the loaded documents.
fn override_pairs(project: &Project) -> HashMap<FileId, FileId> {
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

/// Sets [`Service::merged`](super::Service) on each main file's service that its override defines too: the
/// service with the override applied, as Compose merges them ([`overlay`], keeping the main file's name). The
/// main file's own fields stay as written, for the rules that read that file.
pub(crate) fn merge_overrides(project: &mut Project) {
    let mut merged = Vec::new();
    for (&main, &over) in &override_pairs(project) {
        let (Some(main_file), Some(over_file)) = (
            project.documents[main.0 as usize].compose(),
            project.documents[over.0 as usize].compose(),
        ) else {
            continue;
        };
        for (index, service) in main_file.services.iter().enumerate() {
            if let Some(overriding) = over_file.service(&service.name.value) {
                let run = Service {
                    name: service.name.clone(),
                    ..overlay(service, overriding)
                };
                merged.push((main, index, run));
            }
        }
    }
    for (main, index, run) in merged {
        if let Content::Compose(compose) = &mut project.documents[main.0 as usize].content
            && let Some(service) = compose.services.get_mut(index)
        {
            service.run = Some(Box::new(run));
        }
    }
}

/// Which loaded compose files are overrides, and of which main file.
pub struct Overrides {
    main_of: HashMap<FileId, FileId>,
}

impl Overrides {
    /// The overrides among the project's compose files.
    pub fn new(project: &Project) -> Overrides {
        let main_of = override_pairs(project)
            .into_iter()
            .map(|(main, over)| (over, main))
            .collect();
        Overrides { main_of }
    }

    /// The main file that `document` overrides, when it is an override.
    pub fn main_of(&self, document: FileId) -> Option<FileId> {
        self.main_of.get(&document).copied()
    }

    /// Whether service `name` of compose file `document` is an override's entry for a service its main file
    /// defines: it runs as part of that service ([`Service::merged`]), not on its own.
    pub fn merged_into_main(&self, project: &Project, document: FileId, name: &str) -> bool {
        self.main_of(document)
            .and_then(|main| project.documents[main.0 as usize].compose())
            .is_some_and(|main| main.service(name).is_some())
    }
}
