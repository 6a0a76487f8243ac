//! Linting a repository (no `--root`): everything linking reads must lie inside the project root, so a
//! hostile change (`include /etc/shadow;`, `env_file: /proc/self/environ`, a symlink to `~/.ssh/id_rsa`)
//! cannot make a CI run print a file of the machine it runs on. Paths are canonicalised (symlinks followed)
//! before the check; a refused path is an [`OutsideRoot`] error, which the reference's finding names.
//!
//! The project root of a path: the top of its git work tree (the nearest directory upward holding `.git`),
//! else the directory of the nearest `shiplint.toml` upward, else the path itself (a file: its directory).

use crate::disk::DiskFs;
use shiplint_model::{Fs, Metadata, OutsideRoot};
use std::collections::HashMap;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

/// The real disk, confined to a set of directories.
pub struct ConfinedFs {
    /// The allowed directories (canonical).
    roots: Vec<PathBuf>,
    /// Directories already canonicalised (a run reads many files per directory): path -> canonical path.
    dirs: Mutex<HashMap<PathBuf, PathBuf>>,
}

impl ConfinedFs {
    /// Confines reads to `roots` (absolute; those that do not exist allow nothing).
    pub fn new(roots: &[PathBuf]) -> ConfinedFs {
        let mut confined = ConfinedFs {
            roots: Vec::new(),
            dirs: Mutex::new(HashMap::new()),
        };
        // Roots are directories: canonicalised through the directory cache, so the hundreds of roots of an
        // explicit file list share the work on their common ancestors.
        let mut roots: Vec<PathBuf> = roots
            .iter()
            .filter_map(|root| match root.is_absolute() {
                true => confined.canonical_dir(root),
                false => std::fs::canonicalize(root).ok(),
            })
            .collect();
        // Sorted component-wise, a directory comes before everything under it: keeping only the roots no
        // earlier root holds leaves disjoint subtrees, which `inside` searches by bisection.
        roots.sort();
        let mut disjoint: Vec<PathBuf> = Vec::with_capacity(roots.len());
        for root in roots {
            if !disjoint.last().is_some_and(|last| root.starts_with(last)) {
                disjoint.push(root);
            }
        }
        confined.roots = disjoint;
        confined
    }

    /// `path` with every symlink resolved, when that lies inside a root. A missing path is `NotFound` when
    /// the part of it that exists lies inside a root, and refused otherwise (so nothing is said about what
    /// exists outside).
    pub fn confine(&self, path: &Path) -> io::Result<PathBuf> {
        if let Some(confined) = self.confine_in_known_dir(path) {
            return confined;
        }
        match std::fs::canonicalize(path) {
            Ok(real) if self.inside(&real) => Ok(real),
            Ok(_) => Err(OutsideRoot::error()),
            Err(error) => {
                let existing = path
                    .ancestors()
                    .skip(1)
                    .find_map(|ancestor| std::fs::canonicalize(ancestor).ok());
                match existing {
                    Some(real) if self.inside(&real) => Err(error),
                    _ => Err(OutsideRoot::error()),
                }
            }
        }
    }

    /// The fast path: a plain name (not a link) in a directory whose canonical path is known costs one
    /// `lstat`. `None` when it does not apply (a link, `..`, a directory not seen yet that does not exist).
    fn confine_in_known_dir(&self, path: &Path) -> Option<io::Result<PathBuf>> {
        let plain = path
            .components()
            .all(|c| matches!(c, Component::Normal(_) | Component::RootDir));
        let (dir, name) = (path.parent()?, path.file_name()?);
        if !plain || !path.is_absolute() {
            return None;
        }
        let real_dir = self.canonical_dir(dir)?;
        let real = real_dir.join(name);
        Some(match std::fs::symlink_metadata(&real) {
            Ok(metadata) if metadata.file_type().is_symlink() => return None,
            Ok(_) if self.inside(&real) => Ok(real),
            Err(error) if self.inside(&real_dir) => Err(error),
            _ => Err(OutsideRoot::error()),
        })
    }

    /// The canonical path of a plain absolute directory path, from the nearest ancestor already known, one
    /// `lstat` per new component (a link in between is resolved by the system); `None` if it is not a
    /// directory. Iterative: a path of any depth costs no stack.
    fn canonical_dir(&self, dir: &Path) -> Option<PathBuf> {
        let ancestors: Vec<&Path> = dir.ancestors().collect();
        let (known, mut real) = {
            let cache = self.lock();
            match ancestors
                .iter()
                .enumerate()
                .find_map(|(i, a)| cache.get(*a).map(|real| (i, real.clone())))
            {
                Some(hit) => hit,
                None => {
                    let top = ancestors.len() - 1;
                    drop(cache);
                    (top, std::fs::canonicalize(ancestors[top]).ok()?)
                }
            }
        };
        let mut learned = vec![(ancestors[known].to_path_buf(), real.clone())];
        for ancestor in ancestors[..known].iter().rev() {
            let next = real.join(ancestor.file_name()?);
            let metadata = std::fs::symlink_metadata(&next).ok()?;
            real = if metadata.file_type().is_symlink() {
                std::fs::canonicalize(ancestor).ok()?
            } else if metadata.is_dir() {
                next
            } else {
                return None;
            };
            learned.push((ancestor.to_path_buf(), real.clone()));
        }
        self.lock().extend(learned);
        Some(real)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<PathBuf, PathBuf>> {
        self.dirs
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Whether `real` lies in a root: the only root that can hold it is the last one sorting at or before it.
    fn inside(&self, real: &Path) -> bool {
        let after = self.roots.partition_point(|root| root.as_path() <= real);
        after > 0 && real.starts_with(&self.roots[after - 1])
    }
}

impl Fs for ConfinedFs {
    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        DiskFs.read(&self.confine(path)?)
    }

    fn metadata(&self, path: &Path) -> io::Result<Metadata> {
        DiskFs.metadata(&self.confine(path)?)
    }

    /// Entries named under `path` as given, not under where a link led.
    fn read_dir(&self, path: &Path) -> io::Result<Vec<PathBuf>> {
        crate::disk::read_dir_named(&self.confine(path)?, path)
    }
}

/// The project root of each path (absolute), plus `extra` directories the user named (`--nginx-prefix`);
/// sorted, without repeats.
pub fn project_roots(paths: &[PathBuf], extra: Option<&Path>) -> Vec<PathBuf> {
    use rayon::prelude::*;
    // Many files of one directory (pre-commit, an explicit file list) need one look upward: the distinct
    // directories, each looked at once, with one memory of the directories the markers passed.
    let starts: std::collections::BTreeSet<&Path> = paths
        .par_iter()
        .map(|path| match path.is_dir() {
            true => path.as_path(),
            false => path.parent().unwrap_or(path),
        })
        .collect();
    let (mut git, mut config) = (Markers::new(".git"), Markers::new("shiplint.toml"));
    let mut roots: Vec<PathBuf> = starts
        .into_iter()
        .map(|start| {
            git.nearest(start)
                .or_else(|| config.nearest(start))
                .unwrap_or_else(|| start.to_path_buf())
        })
        .collect();
    roots.extend(extra.map(Path::to_path_buf));
    roots.sort();
    roots.dedup();
    roots
}

/// The nearest directory at or above a start that holds `marker`, remembered per directory: files of a
/// thousand directories of one tree cost one `lstat` per directory, not one per file and ancestor.
struct Markers {
    marker: &'static str,
    nearest: HashMap<PathBuf, Option<PathBuf>>,
}

impl Markers {
    fn new(marker: &'static str) -> Markers {
        Markers {
            marker,
            nearest: HashMap::new(),
        }
    }

    fn nearest(&mut self, start: &Path) -> Option<PathBuf> {
        let mut unknown: Vec<&Path> = Vec::new();
        let mut found = None;
        for dir in start.ancestors() {
            if let Some(known) = self.nearest.get(dir) {
                found = known.clone();
                break;
            }
            if dir.join(self.marker).symlink_metadata().is_ok() {
                found = Some(dir.to_path_buf());
                self.nearest.insert(dir.to_path_buf(), found.clone());
                break;
            }
            unknown.push(dir);
        }
        for dir in unknown {
            self.nearest.insert(dir.to_path_buf(), found.clone());
        }
        found
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    /// A repository with a file inside and a secret beside it, outside.
    fn repo() -> (tempfile::TempDir, PathBuf, ConfinedFs) {
        let dir = tempfile::tempdir().expect("a temp dir");
        let repo = dir.path().join("repo");
        std::fs::create_dir_all(repo.join(".git")).expect("a git dir");
        std::fs::create_dir_all(repo.join("deploy/nginx")).expect("dirs");
        std::fs::write(repo.join("deploy/nginx/app.conf"), "server {}").expect("file");
        std::fs::write(dir.path().join("secret"), "CANARY").expect("outside");
        let roots = project_roots(&[repo.join("deploy")], None);
        assert_eq!(roots, vec![repo.clone()], "the git top is the root");
        let fs = ConfinedFs::new(&roots);
        (dir, repo, fs)
    }

    #[test]
    fn inside_is_read_outside_is_refused() {
        let (dir, repo, fs) = repo();
        assert_eq!(
            fs.read(&repo.join("deploy/nginx/app.conf"))
                .expect("inside"),
            b"server {}"
        );
        for path in [
            dir.path().join("secret"),
            repo.join("deploy/../../secret"),
            PathBuf::from("/etc/passwd"),
            PathBuf::from("/proc/self/environ"),
        ] {
            let error = fs.read(&path).expect_err("outside");
            assert!(OutsideRoot::is(&error), "{}: {error}", path.display());
            assert!(OutsideRoot::is(&fs.metadata(&path).expect_err("outside")));
        }
        assert!(OutsideRoot::is(
            &fs.read_dir(dir.path()).expect_err("outside")
        ));
    }

    #[test]
    fn symlinks_inside_that_point_outside_count_as_outside() {
        let (dir, repo, fs) = repo();
        symlink(dir.path().join("secret"), repo.join("deploy/absolute")).expect("link");
        symlink("../../secret", repo.join("deploy/relative")).expect("link");
        symlink(dir.path(), repo.join("deploy/up")).expect("link to a directory");
        // Twice: the second time, the directory's canonical path comes from the cache.
        for path in [
            "deploy/absolute",
            "deploy/relative",
            "deploy/up/secret",
            "deploy/up/secret",
        ] {
            let error = fs.read(&repo.join(path)).expect_err("outside");
            assert!(OutsideRoot::is(&error), "{path}: {error}");
        }
        symlink("nginx/app.conf", repo.join("deploy/inside")).expect("link");
        assert_eq!(
            fs.read(&repo.join("deploy/inside")).expect("inside"),
            b"server {}"
        );
    }

    #[test]
    fn missing_inside_is_not_found_missing_outside_is_refused() {
        let (dir, repo, fs) = repo();
        let inside = fs
            .read(&repo.join("deploy/nginx/none.conf"))
            .expect_err("missing");
        assert_eq!(inside.kind(), io::ErrorKind::NotFound);
        let outside = fs
            .metadata(&dir.path().join("none/at/all"))
            .expect_err("missing");
        assert!(OutsideRoot::is(&outside));
    }

    #[test]
    fn symlink_loops_are_errors() {
        let (_dir, repo, fs) = repo();
        symlink("b", repo.join("a")).expect("link");
        symlink("a", repo.join("b")).expect("link");
        assert!(fs.read(&repo.join("a")).is_err());
    }

    #[test]
    fn files_of_many_directories_share_the_marker_above_them() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let repo = dir.path().join("repo");
        std::fs::create_dir_all(repo.join(".git")).expect("git dir");
        let mut files = Vec::new();
        for name in ["a", "a/b", "c", "c/d/e"] {
            std::fs::create_dir_all(repo.join(name)).expect("dirs");
            let file = repo.join(name).join("Dockerfile");
            std::fs::write(&file, "FROM scratch\n").expect("file");
            files.push(file);
        }
        let outside = dir.path().join("loose/x.conf");
        std::fs::create_dir_all(dir.path().join("loose")).expect("dir");
        std::fs::write(&outside, "").expect("file");
        files.push(outside);
        assert_eq!(
            project_roots(&files, None),
            vec![dir.path().join("loose"), repo],
            "one root for the repository's files, the directory for a file outside it"
        );
    }

    #[test]
    fn nested_roots_collapse_into_the_outer_one() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let outer = dir.path().join("outer");
        std::fs::create_dir_all(outer.join("inner")).expect("dirs");
        std::fs::write(outer.join("inner/secret.conf"), "x").expect("file");
        let fs = ConfinedFs::new(&[outer.join("inner"), outer.clone()]);
        assert!(fs.read(&outer.join("inner/secret.conf")).is_ok());
        std::fs::write(outer.join("top.conf"), "x").expect("file");
        assert!(
            fs.read(&outer.join("top.conf")).is_ok(),
            "the outer root allows its own files"
        );
        let beside = dir.path().join("beside.conf");
        std::fs::write(&beside, "x").expect("file");
        let refused = fs.read(&beside).expect_err("outside every root");
        assert!(OutsideRoot::is(&refused), "{refused}");
    }

    #[test]
    fn without_a_marker_the_path_is_the_root() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let plain = dir.path().join("plain");
        std::fs::create_dir_all(plain.join("sub")).expect("dirs");
        std::fs::write(plain.join("sub/shiplint.toml"), "").expect("config");
        std::fs::write(plain.join("x.conf"), "").expect("file");
        assert_eq!(
            project_roots(&[plain.join("x.conf")], None),
            vec![plain.clone()]
        );
        assert_eq!(
            project_roots(&[plain.join("sub")], Some(Path::new("/etc/nginx"))),
            vec![PathBuf::from("/etc/nginx"), plain.join("sub")],
            "sorted"
        );
    }
}
