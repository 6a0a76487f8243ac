//! Pre-commit mode: `check` given only files (as pre-commit passes the staged ones) loads the project around
//! them, so cross-file rules see the whole stack, and reports only the findings that touch a given file.
//!
//! The project is found from the deepest directory holding every given file: the nearest directory from
//! there upward holding `shiplint.toml`, else the git top level (the nearest holding a `.git` entry,
//! directory or file; git itself is not run). It is walked as a directory argument would be, the given files
//! are added as explicit files, and a finding is reported when its primary span or one of its related spans
//! lies in a given file.
//!
//! Nothing changes when a directory is among the paths (directories are walked and everything found is
//! reported, files named beside them included), or when the files have no project around them (they are
//! checked on their own, with what they include, as before). Deciding costs two `stat`s per directory level
//! above the files, not per file, so a run over a thousand named files is not slowed down.

use crate::discover::Found;
use shiplint_lint::Finding;
use shiplint_model::Project;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

const CONFIG_NAME: &str = "shiplint.toml";

/// The plan of a pre-commit run.
#[derive(Debug)]
pub struct PreCommit {
    /// The project directory to walk.
    pub root: PathBuf,
    /// The given files (absolute, as given).
    pub files: BTreeSet<PathBuf>,
}

/// Whether discovering `paths` (absolute, as given) found exactly those paths, as files: no directory was
/// among them.
pub fn only_files(paths: &[PathBuf], found: &[Found]) -> bool {
    let given: BTreeSet<&PathBuf> = paths.iter().collect();
    found.iter().all(|f| f.explicit) && found.len() == given.len()
}

/// Pre-commit mode for `files` (absolute paths of files, as given), or `None` when they have no project
/// around them.
pub fn plan(files: &[PathBuf]) -> Option<PreCommit> {
    let mut parents = files.iter().filter_map(|file| file.parent());
    let mut common = parents.next()?.to_path_buf();
    for parent in parents {
        while !parent.starts_with(&common) {
            if !common.pop() {
                return None;
            }
        }
    }
    let root = nearest(&common, |dir| dir.join(CONFIG_NAME).is_file())
        .or_else(|| nearest(&common, |dir| dir.join(".git").symlink_metadata().is_ok()))?;
    Some(PreCommit {
        root: root.to_path_buf(),
        files: files.iter().cloned().collect(),
    })
}

/// The nearest directory from `dir` upward for which `holds` is true.
fn nearest(dir: &Path, holds: impl Fn(&Path) -> bool) -> Option<&Path> {
    dir.ancestors().find(|ancestor| holds(ancestor))
}

impl PreCommit {
    /// What to discover: the project directory, then the given files.
    pub fn discover_paths(&self) -> Vec<PathBuf> {
        std::iter::once(&self.root)
            .chain(&self.files)
            .cloned()
            .collect()
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
    fn the_nearest_config_above_the_files_wins_over_the_git_top_level() {
        let dir = tempfile::tempdir().expect("temp dir");
        let top = dir.path();
        std::fs::create_dir_all(top.join(".git")).expect("mkdir");
        std::fs::create_dir_all(top.join("deploy/nginx")).expect("mkdir");
        std::fs::write(top.join("deploy/shiplint.toml"), "").expect("write");
        let conf = top.join("deploy/nginx/app.conf");
        let compose = top.join("deploy/compose.yaml");
        let dockerfile = top.join("svc/Dockerfile");
        let root = |files: &[&PathBuf]| {
            let files: Vec<PathBuf> = files.iter().map(|f| f.to_path_buf()).collect();
            plan(&files).expect("pre-commit mode").root
        };
        assert_eq!(root(&[&conf, &compose]), top.join("deploy"));
        // A file outside deploy/: the git top level, which holds deploy/ too.
        assert_eq!(root(&[&conf, &dockerfile]), top.to_path_buf());
        assert_eq!(root(&[&dockerfile]), top.to_path_buf());
    }

    #[test]
    fn files_without_a_project_around_them_have_no_plan() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("Dockerfile");
        assert!(plan(std::slice::from_ref(&file)).is_none());
        std::fs::write(dir.path().join(".git"), "gitdir: elsewhere\n").expect("write");
        assert!(plan(std::slice::from_ref(&file)).is_some());
        assert!(plan(&[]).is_none());
    }

    #[test]
    fn a_directory_among_the_paths_is_not_only_files() {
        let file = |path: &str, explicit| Found {
            path: PathBuf::from(path),
            explicit,
        };
        let paths = [PathBuf::from("/p/a"), PathBuf::from("/p/b")];
        assert!(only_files(
            &paths,
            &[file("/p/a", true), file("/p/b", true)]
        ));
        // b was a directory holding c.
        assert!(!only_files(
            &paths,
            &[file("/p/a", true), file("/p/b/c", false)]
        ));
        // b was an empty directory.
        assert!(!only_files(&paths, &[file("/p/a", true)]));
    }
}
