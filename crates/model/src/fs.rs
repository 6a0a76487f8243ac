//! The file system seen by the model: a trait so tests can load a whole stack from memory.
//!
//! Parsers never touch the disk; linking (nginx includes and their globs, compose `extends`, `env_file` and
//! build contexts, certificate paths) asks this trait, so every link can be tested in memory.

use crate::Candidate;
use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

/// What linking needs to know about a path without reading it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Metadata {
    /// A directory (after following symlinks).
    pub is_dir: bool,
    /// Size in bytes (0 for directories).
    pub len: u64,
    /// Unix permission bits (`0o640`), when the file system has them.
    pub mode: Option<u32>,
}

/// Read access to files. The binary implements it on the real disk; tests use [`MemoryFs`].
pub trait Fs: Sync {
    /// The bytes of the file at `path`.
    fn read(&self, path: &Path) -> io::Result<Vec<u8>>;

    /// Facts about `path`, following symlinks; `NotFound` when nothing is there.
    fn metadata(&self, path: &Path) -> io::Result<Metadata>;

    /// The entries of the directory at `path` (full paths), sorted.
    fn read_dir(&self, path: &Path) -> io::Result<Vec<PathBuf>>;
}

/// Why a confining [`Fs`] refused a path: it resolves (lexically, or through a symlink) outside the project
/// root. Carried as the source of an [`io::Error`], so a reference's finding can say so instead of "missing".
#[derive(Debug)]
pub struct OutsideRoot;

impl std::fmt::Display for OutsideRoot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("it resolves outside the project root, so it was not read")
    }
}

impl std::error::Error for OutsideRoot {}

impl OutsideRoot {
    /// The error a confining [`Fs`] returns for a path outside its root.
    pub fn error() -> io::Error {
        io::Error::new(io::ErrorKind::PermissionDenied, OutsideRoot)
    }

    /// Whether `error` is a refusal of a path outside the project root.
    pub fn is(error: &io::Error) -> bool {
        error
            .get_ref()
            .is_some_and(|inner| inner.is::<OutsideRoot>())
    }
}

/// Files held in memory, keyed by path. Directories exist implicitly: every ancestor of a file is one.
#[derive(Clone, Debug, Default)]
pub struct MemoryFs {
    files: BTreeMap<PathBuf, (Vec<u8>, Option<u32>)>,
}

impl MemoryFs {
    /// An empty file system.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds or replaces a file (without permission bits).
    pub fn insert(&mut self, path: impl Into<PathBuf>, contents: impl Into<Vec<u8>>) {
        self.files.insert(path.into(), (contents.into(), None));
    }

    /// Adds or replaces a file with Unix permission bits.
    pub fn insert_with_mode(
        &mut self,
        path: impl Into<PathBuf>,
        contents: impl Into<Vec<u8>>,
        mode: u32,
    ) {
        self.files
            .insert(path.into(), (contents.into(), Some(mode)));
    }

    /// Every file held, as candidates shown by their paths: what a test loads into a project.
    pub fn candidates(&self, explicit: bool) -> Vec<Candidate> {
        self.files
            .keys()
            .map(|path| Candidate {
                path: path.clone(),
                display: path.to_string_lossy().into_owned(),
                explicit,
            })
            .collect()
    }

    fn is_dir(&self, path: &Path) -> bool {
        self.files
            .range(path.to_path_buf()..)
            .next()
            .is_some_and(|(file, _)| file != path && file.starts_with(path))
    }
}

fn not_found() -> io::Error {
    io::Error::new(io::ErrorKind::NotFound, "no such file or directory")
}

impl Fs for MemoryFs {
    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        match self.files.get(path) {
            Some((contents, _)) => Ok(contents.clone()),
            None if self.is_dir(path) => Err(io::Error::other("is a directory")),
            None => Err(not_found()),
        }
    }

    fn metadata(&self, path: &Path) -> io::Result<Metadata> {
        if let Some((contents, mode)) = self.files.get(path) {
            return Ok(Metadata {
                is_dir: false,
                len: contents.len() as u64,
                mode: *mode,
            });
        }
        if self.is_dir(path) {
            return Ok(Metadata {
                is_dir: true,
                len: 0,
                mode: None,
            });
        }
        Err(not_found())
    }

    fn read_dir(&self, path: &Path) -> io::Result<Vec<PathBuf>> {
        if !self.is_dir(path) {
            return Err(not_found());
        }
        let mut entries: Vec<PathBuf> = self
            .files
            .range(path.to_path_buf()..)
            .take_while(|(file, _)| file.starts_with(path))
            .filter_map(|(file, _)| {
                let rest = file.strip_prefix(path).ok()?;
                let first = rest.components().next()?;
                Some(path.join(first))
            })
            .collect();
        entries.dedup();
        Ok(entries)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directories_are_implied_by_their_files() {
        let mut fs = MemoryFs::new();
        fs.insert("/etc/nginx/nginx.conf", "events {}");
        fs.insert_with_mode("/etc/nginx/conf.d/b.conf", "", 0o600);
        fs.insert("/etc/nginx/conf.d/a.conf", "");
        fs.insert("/etc/nginx-other", "");

        assert_eq!(
            fs.read_dir(Path::new("/etc/nginx")).expect("a directory"),
            vec![
                PathBuf::from("/etc/nginx/conf.d"),
                PathBuf::from("/etc/nginx/nginx.conf")
            ]
        );
        assert!(
            fs.metadata(Path::new("/etc/nginx/conf.d"))
                .expect("a directory")
                .is_dir
        );
        let b = fs
            .metadata(Path::new("/etc/nginx/conf.d/b.conf"))
            .expect("a file");
        assert_eq!((b.is_dir, b.mode), (false, Some(0o600)));
        assert_eq!(
            fs.metadata(Path::new("/etc/nginx/missing"))
                .expect_err("nothing there")
                .kind(),
            io::ErrorKind::NotFound
        );
        assert!(fs.read(Path::new("/etc/nginx")).is_err());
        assert!(fs.read_dir(Path::new("/etc/nginx/nginx.conf")).is_err());
    }
}
