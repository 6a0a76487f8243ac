//! Pre-commit mode: `check` given only files (as pre-commit passes the staged ones) loads the project around
//! them, so cross-file rules see the whole stack, and reports only the findings that touch a given file.
//!
//! The project around a file is the nearest directory above it holding `shiplint.toml`, else the git top
//! level (the nearest directory holding a `.git` entry, directory or file; git itself is not run). Every
//! such directory is walked as a directory argument would be, the given files are added as explicit files,
//! and a finding is reported when its primary span or one of its related spans lies in a given file.
//!
//! Nothing changes when a directory is among the paths (directories are walked and everything found is
//! reported, files named beside them included), or when no given file has a project around it (the files
//! are checked on their own, with what they include, as before).

use shiplint_lint::Finding;
use shiplint_model::Project;
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

const CONFIG_NAME: &str = "shiplint.toml";

/// The plan of a pre-commit run.
#[derive(Debug)]
pub struct PreCommit {
    /// The project directories to walk (none inside another).
    pub roots: Vec<PathBuf>,
    /// The given files (absolute, as given).
    pub files: BTreeSet<PathBuf>,
}

/// Pre-commit mode for `paths` (absolute), or `None` when a path is a directory or no file has a project
/// around it.
pub fn plan(paths: &[PathBuf]) -> Option<PreCommit> {
    if paths.iter().any(|path| path.is_dir()) {
        return None;
    }
    let mut cache = HashMap::new();
    let mut roots: Vec<PathBuf> = paths
        .iter()
        .filter_map(|file| project_root(file.parent()?, &mut cache))
        .collect();
    if roots.is_empty() {
        return None;
    }
    roots.sort();
    roots.dedup();
    // Sorted, so a directory comes before the directories under it.
    let mut outermost: Vec<PathBuf> = Vec::new();
    for root in roots {
        if !outermost.iter().any(|outer| root.starts_with(outer)) {
            outermost.push(root);
        }
    }
    Some(PreCommit {
        roots: outermost,
        files: paths.iter().cloned().collect(),
    })
}

/// The nearest directory from `dir` upward holding `shiplint.toml`, else holding `.git`; answers are
/// remembered per starting directory (pre-commit passes many files of few directories).
fn project_root(dir: &Path, cache: &mut HashMap<PathBuf, Option<PathBuf>>) -> Option<PathBuf> {
    if let Some(known) = cache.get(dir) {
        return known.clone();
    }
    let root = dir
        .ancestors()
        .find(|a| a.join(CONFIG_NAME).is_file())
        .or_else(|| {
            dir.ancestors()
                .find(|a| std::fs::symlink_metadata(a.join(".git")).is_ok())
        })
        .map(Path::to_path_buf);
    cache.insert(dir.to_path_buf(), root.clone());
    root
}

impl PreCommit {
    /// What to discover: the project directories, then the given files.
    pub fn discover_paths(&self) -> Vec<PathBuf> {
        self.roots.iter().chain(&self.files).cloned().collect()
    }

    /// Which loaded files (by `FileId` index) are given files.
    pub fn given_files(&self, project: &Project) -> Vec<bool> {
        let mut given = vec![false; project.files.len()];
        for document in &project.documents {
            if let Some(slot) = given.get_mut(document.file.0 as usize) {
                *slot = self.files.contains(&document.path);
            }
        }
        given
    }
}

/// Whether `finding` has its primary span or a related span in a given file.
fn touches(finding: &Finding, given: &[bool]) -> bool {
    let in_given = |file: shiplint_syntax::FileId| given.get(file.0 as usize) == Some(&true);
    in_given(finding.span.file) || finding.related.iter().any(|r| in_given(r.span.file))
}

/// Keeps the findings that touch a given file, and the baseline keys of those (when there are keys, one per
/// finding in the same order).
pub fn retain_touching<K>(
    findings: Vec<Finding>,
    keys: Option<&mut Vec<K>>,
    given: &[bool],
) -> Vec<Finding> {
    let keep: Vec<bool> = findings.iter().map(|f| touches(f, given)).collect();
    if let Some(keys) = keys {
        let mut index = 0;
        keys.retain(|_| {
            index += 1;
            keep.get(index - 1) == Some(&true)
        });
    }
    findings
        .into_iter()
        .zip(keep)
        .filter_map(|(finding, keep)| keep.then_some(finding))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nearest_config_wins_over_the_git_top_level() {
        let dir = tempfile::tempdir().expect("temp dir");
        let top = dir.path();
        std::fs::create_dir_all(top.join(".git")).expect("mkdir");
        std::fs::create_dir_all(top.join("deploy/nginx")).expect("mkdir");
        std::fs::create_dir_all(top.join("svc")).expect("mkdir");
        std::fs::write(top.join("deploy/shiplint.toml"), "").expect("write");
        let files = [
            top.join("deploy/nginx/app.conf"),
            top.join("svc/Dockerfile"),
        ];
        for file in &files {
            std::fs::write(file, "").expect("write");
        }
        let plan = plan(&files).expect("pre-commit mode");
        // deploy/ lies inside the git top level, which is walked anyway.
        assert_eq!(plan.roots, vec![top.to_path_buf()]);
        let only_deploy = super::plan(&files[..1]).expect("pre-commit mode");
        assert_eq!(only_deploy.roots, vec![top.join("deploy")]);
    }

    #[test]
    fn a_directory_or_no_project_keeps_the_plain_run() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("Dockerfile");
        std::fs::write(&file, "").expect("write");
        assert!(plan(std::slice::from_ref(&file)).is_none());
        std::fs::write(dir.path().join(".git"), "gitdir: elsewhere\n").expect("write");
        assert!(plan(std::slice::from_ref(&file)).is_some());
        assert!(plan(&[file, dir.path().to_path_buf()]).is_none());
    }
}
