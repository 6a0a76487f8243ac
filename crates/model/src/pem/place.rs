//! Where a PEM file lies, asked through the [`Fs`]: its permission bits, and whether it sits inside a git
//! work tree (so it is, or is about to be, committed).

use crate::fs::Fs;
use std::path::{Path, PathBuf};

/// How far up a relative path is followed (through `..`) looking for a `.git`.
const MAX_PARENT_HOPS: usize = 64;

/// Facts about a PEM file's place on disk.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Placement {
    /// Unix permission bits, when the file system has them.
    pub mode: Option<u32>,
    /// The root of the git work tree holding the file (the directory with a `.git` entry), if any.
    pub git_work_tree: Option<PathBuf>,
}

impl Placement {
    /// Looks up `path`'s mode and nearest enclosing git work tree.
    pub fn probe(fs: &dyn Fs, path: &Path) -> Placement {
        Placement {
            mode: fs.metadata(path).ok().and_then(|m| m.mode),
            git_work_tree: git_work_tree(fs, path),
        }
    }
}

/// The nearest ancestor directory of `path` holding `.git` (a directory, or the file a linked work tree or
/// submodule has). A relative path is followed up through `..`, since the loader may hold paths relative to
/// the current directory.
fn git_work_tree(fs: &dyn Fs, path: &Path) -> Option<PathBuf> {
    let has_git = |dir: &Path| fs.metadata(&dir.join(".git")).is_ok();
    for dir in path.ancestors().skip(1) {
        if has_git(dir) {
            return Some(if dir.as_os_str().is_empty() {
                PathBuf::from(".")
            } else {
                dir.to_path_buf()
            });
        }
    }
    if path.is_relative() {
        let mut dir = PathBuf::from("..");
        for _ in 0..MAX_PARENT_HOPS {
            if has_git(&dir) {
                return Some(dir);
            }
            dir.push("..");
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::MemoryFs;

    #[test]
    fn finds_the_enclosing_work_tree_and_the_mode() {
        let mut fs = MemoryFs::new();
        fs.insert("/repo/.git/HEAD", "ref: refs/heads/main\n");
        fs.insert_with_mode("/repo/deploy/certs/key.pem", "", 0o644);
        fs.insert("/srv/certs/key.pem", "");
        let inside = Placement::probe(&fs, Path::new("/repo/deploy/certs/key.pem"));
        assert_eq!(inside.mode, Some(0o644));
        assert_eq!(inside.git_work_tree, Some(PathBuf::from("/repo")));
        let outside = Placement::probe(&fs, Path::new("/srv/certs/key.pem"));
        assert_eq!(outside, Placement::default());
        let relative = Placement::probe(&fs, Path::new("certs/key.pem"));
        assert_eq!(relative.git_work_tree, None);
    }
}
