//! `shiplint debug dump` for Go: the module around the given `.go` files, `go.mod` files or directories is
//! loaded as `check` loads it, and the Go model is printed (see `shiplint_model::golang::dump`).

use crate::disk::DiskFs;
use shiplint_model::classify::{self, NameClass};
use shiplint_model::{Candidate, FileKind, Project, Timestamp};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Whether `path` is dumped as Go: a directory, a `go.mod` or a `.go` file.
pub fn wants(path: &Path) -> bool {
    path.is_dir()
        || matches!(
            classify::by_name(path),
            NameClass::Known(FileKind::GoMod | FileKind::GoSource)
        )
}

/// Directories skipped while collecting a module's files: never Go code of the module.
const SKIP_DIRS: [&str; 2] = [".git", "node_modules"];

/// Loads the modules around `paths` and prints their Go model as JSON.
pub fn dump(paths: &[PathBuf]) -> Result<String, String> {
    let mut roots = BTreeSet::new();
    for path in paths {
        let metadata = std::fs::metadata(path)
            .map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
        let start = if metadata.is_dir() {
            path.clone()
        } else {
            path.parent()
                .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
        };
        let start = if start.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            start
        };
        // The module root: the nearest directory at or above with a go.mod, else where we started.
        let root = start
            .ancestors()
            .find(|dir| dir.join("go.mod").is_file())
            .map_or_else(|| start.clone(), Path::to_path_buf);
        roots.insert(root);
    }
    let mut candidates = Vec::new();
    for root in &roots {
        collect(root, &mut candidates);
    }
    let project = Project::load(&DiskFs, candidates, Timestamp(0));
    let json = shiplint_model::golang::dump::to_json(&project);
    serde_json::to_string_pretty(&json)
        .map(|text| text + "\n")
        .map_err(|e| e.to_string())
}

fn collect(dir: &Path, out: &mut Vec<Candidate>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for path in entries {
        let Ok(file_type) = std::fs::symlink_metadata(&path).map(|m| m.file_type()) else {
            continue;
        };
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if file_type.is_dir() {
            if !SKIP_DIRS.contains(&name.as_str()) {
                collect(&path, out);
            }
        } else if file_type.is_file()
            && matches!(
                classify::by_name(&path),
                NameClass::Known(FileKind::GoMod | FileKind::GoSource)
            )
        {
            out.push(Candidate {
                display: path.to_string_lossy().into_owned(),
                path,
                explicit: false,
            });
        }
    }
}
