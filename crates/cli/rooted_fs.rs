//! `--root DIR`: the file system as the audited server sees it. Paths are the server's (`/etc/nginx/x.conf`)
//! and resolve under DIR: symlinks are followed one component at a time inside DIR (an absolute link target
//! starts again at DIR, `..` stops at DIR), so nothing outside DIR is ever read, whatever the links say.

use crate::discover::absolute;
use crate::disk::DiskFs;
use shiplint_model::{Fs, Metadata};
use std::collections::VecDeque;
use std::ffi::OsString;
use std::io;
use std::path::{Component, Path, PathBuf};

/// Symlinks followed while resolving one path before it is called a loop (Linux's own limit).
const MAX_LINKS: usize = 40;

/// A view of the real disk rooted at a directory.
pub struct RootedFs {
    /// The root on the real disk (canonical).
    root: PathBuf,
}

impl RootedFs {
    /// A view rooted at `root`, which must be a directory.
    pub fn new(root: &Path) -> io::Result<RootedFs> {
        let root = std::fs::canonicalize(root)?;
        if !std::fs::metadata(&root)?.is_dir() {
            return Err(io::Error::other("not a directory"));
        }
        Ok(RootedFs { root })
    }

    /// Where the server's `path` is on the real disk: every symlink resolved inside the root. `NotFound` when a
    /// component is missing; an error naming the loop when links nest deeper than [`MAX_LINKS`].
    pub fn real_path(&self, path: &Path) -> io::Result<PathBuf> {
        let mut pending: VecDeque<OsString> = parts(path);
        let mut resolved: Vec<OsString> = Vec::new();
        let mut links = 0;
        while let Some(part) = pending.pop_front() {
            if part == ".." {
                resolved.pop();
                continue;
            }
            let real = self.join(&resolved).join(&part);
            let metadata = match std::fs::symlink_metadata(&real) {
                Ok(metadata) => metadata,
                // Behind a link, say where it led: "no such file" alone reads as if the name were missing.
                Err(error) if links > 0 && error.kind() == io::ErrorKind::NotFound => {
                    let rest: PathBuf = pending.iter().collect();
                    let missing = absolute(&rest, &self.server_path(&real));
                    return Err(io::Error::new(
                        io::ErrorKind::NotFound,
                        format!(
                            "a symbolic link leads to `{}`, which does not exist",
                            missing.display()
                        ),
                    ));
                }
                Err(error) => return Err(error),
            };
            if !metadata.file_type().is_symlink() {
                resolved.push(part);
                continue;
            }
            links += 1;
            if links > MAX_LINKS {
                return Err(io::Error::other(format!(
                    "more than {MAX_LINKS} symbolic links to follow (a loop?)"
                )));
            }
            let target = std::fs::read_link(&real)?;
            if target.has_root() {
                resolved.clear();
            }
            let mut next = parts(&target);
            next.extend(pending);
            pending = next;
        }
        Ok(self.join(&resolved))
    }

    /// The server's name of `real`, a path on the real disk under the root (`<root>/etc/x` is `/etc/x`).
    pub fn server_path(&self, real: &Path) -> PathBuf {
        Path::new("/").join(real.strip_prefix(&self.root).unwrap_or(real))
    }

    /// `path` (a server path) without `.`, repeated `/` or `..`: what reports show. A `..` goes up from where
    /// the links before it led, as the kernel does, so the part up to the last `..` is resolved; when that
    /// fails, `..` is folded by name instead (the path is then reported as unreadable under that name).
    pub fn clean(&self, path: &Path) -> PathBuf {
        let by_name = || absolute(path, Path::new("/"));
        let components: Vec<Component<'_>> = path.components().collect();
        let Some(last_up) = components.iter().rposition(|c| *c == Component::ParentDir) else {
            return by_name();
        };
        let head: PathBuf = components[..=last_up].iter().collect();
        let rest: PathBuf = components[last_up + 1..].iter().collect();
        match self.real_path(&head) {
            Ok(real) => absolute(&rest, &self.server_path(&real)),
            Err(_) => by_name(),
        }
    }

    fn join(&self, parts: &[OsString]) -> PathBuf {
        let mut path = self.root.clone();
        path.extend(parts);
        path
    }
}

/// The components of `path` to walk: names and `..`, with the root and `.` left out (a relative path is
/// taken from the root).
fn parts(path: &Path) -> VecDeque<OsString> {
    path.components()
        .filter_map(|component| match component {
            Component::Normal(name) => Some(name.to_os_string()),
            Component::ParentDir => Some(OsString::from("..")),
            Component::RootDir | Component::CurDir | Component::Prefix(_) => None,
        })
        .collect()
}

impl Fs for RootedFs {
    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        DiskFs.read(&self.real_path(path)?)
    }

    fn metadata(&self, path: &Path) -> io::Result<Metadata> {
        DiskFs.metadata(&self.real_path(path)?)
    }

    /// Entries named under `path` as given (the server's names), not under where links led.
    fn read_dir(&self, path: &Path) -> io::Result<Vec<PathBuf>> {
        crate::disk::read_dir_named(&self.real_path(path)?, path)
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    fn tree() -> (tempfile::TempDir, RootedFs) {
        let dir = tempfile::tempdir().expect("a temp dir");
        let root = dir.path().join("root");
        std::fs::create_dir_all(root.join("etc/letsencrypt/archive/example.com"))
            .expect("archive dir");
        std::fs::create_dir_all(root.join("etc/letsencrypt/live/example.com")).expect("live dir");
        std::fs::write(
            root.join("etc/letsencrypt/archive/example.com/cert1.pem"),
            "CERT",
        )
        .expect("cert");
        std::fs::write(dir.path().join("outside"), "CANARY").expect("a file outside the root");
        let fs = RootedFs::new(&root).expect("a root");
        (dir, fs)
    }

    fn root_of(dir: &tempfile::TempDir) -> PathBuf {
        dir.path().join("root")
    }

    #[test]
    fn relative_links_resolve_inside_the_root_as_certbot_makes_them() {
        let (dir, fs) = tree();
        symlink(
            "../../archive/example.com/cert1.pem",
            root_of(&dir).join("etc/letsencrypt/live/example.com/cert.pem"),
        )
        .expect("link");
        let read = fs
            .read(Path::new("/etc/letsencrypt/live/example.com/cert.pem"))
            .expect("read through the link");
        assert_eq!(read, b"CERT");
        assert_eq!(
            fs.read_dir(Path::new("/etc/letsencrypt/live/example.com"))
                .expect("a directory"),
            vec![PathBuf::from("/etc/letsencrypt/live/example.com/cert.pem")]
        );
    }

    #[test]
    fn absolute_link_targets_start_again_at_the_root() {
        let (dir, fs) = tree();
        symlink(
            "/etc/letsencrypt/archive/example.com/cert1.pem",
            root_of(&dir).join("etc/cert.pem"),
        )
        .expect("link");
        // On the real disk this target does not exist; under the root it does.
        assert_eq!(
            fs.read(Path::new("/etc/cert.pem")).expect("re-rooted"),
            b"CERT"
        );
        // A link to the real file outside the root, by its real absolute path, lands inside the root instead.
        let outside = dir.path().join("outside");
        symlink(&outside, root_of(&dir).join("etc/escape")).expect("link");
        let error = fs
            .read(Path::new("/etc/escape"))
            .expect_err("the outside file is not reachable");
        assert_eq!(error.kind(), io::ErrorKind::NotFound);
    }

    #[test]
    fn dot_dot_stops_at_the_root() {
        let (dir, fs) = tree();
        symlink("../../../../../../outside", root_of(&dir).join("etc/up")).expect("link");
        assert_eq!(
            fs.read(Path::new("/etc/up")).expect_err("clamped").kind(),
            io::ErrorKind::NotFound
        );
        assert_eq!(
            fs.read(Path::new("/../../../outside"))
                .expect_err("clamped")
                .kind(),
            io::ErrorKind::NotFound
        );
        assert_eq!(
            fs.read(Path::new(
                "/../etc/letsencrypt/../letsencrypt/archive/example.com/cert1.pem"
            ))
            .expect("`..` inside the root works as usual"),
            b"CERT"
        );
    }

    #[test]
    fn a_symlink_loop_is_an_error_not_a_hang() {
        let (dir, fs) = tree();
        symlink("b", root_of(&dir).join("etc/a")).expect("link");
        symlink("a", root_of(&dir).join("etc/b")).expect("link");
        symlink("self/x", root_of(&dir).join("etc/self")).expect("link");
        for path in ["/etc/a", "/etc/self"] {
            let error = fs.read(Path::new(path)).expect_err("a loop");
            assert!(error.to_string().contains("loop"), "{error}");
            assert!(fs.metadata(Path::new(path)).is_err());
        }
    }

    #[test]
    fn a_dangling_link_says_where_it_leads() {
        let (dir, fs) = tree();
        symlink(
            "../../archive/example.com/fullchain1.pem",
            root_of(&dir).join("etc/letsencrypt/live/example.com/fullchain.pem"),
        )
        .expect("link");
        let error = fs
            .read(Path::new("/etc/letsencrypt/live/example.com/fullchain.pem"))
            .expect_err("dangling");
        assert_eq!(error.kind(), io::ErrorKind::NotFound);
        assert!(
            error.to_string().contains(
                "`/etc/letsencrypt/archive/example.com/fullchain1.pem`, which does not exist"
            ),
            "{error}"
        );
    }

    #[test]
    fn clean_paths_have_no_dots_or_double_slashes() {
        let (dir, fs) = tree();
        let clean = |path: &str| fs.clean(Path::new(path));
        assert_eq!(
            clean("/etc//letsencrypt/./live/"),
            PathBuf::from("/etc/letsencrypt/live")
        );
        assert_eq!(
            clean("etc/letsencrypt/live/../archive/example.com/cert1.pem"),
            PathBuf::from("/etc/letsencrypt/archive/example.com/cert1.pem")
        );
        // `..` after a link goes up from where the link led.
        symlink(
            "letsencrypt/archive/example.com",
            root_of(&dir).join("etc/ex"),
        )
        .expect("link");
        assert_eq!(
            clean("/etc/ex/../example.com/cert1.pem"),
            PathBuf::from("/etc/letsencrypt/archive/example.com/cert1.pem")
        );
        assert_eq!(clean("/../none/../etc"), PathBuf::from("/etc"));
        assert_eq!(clean("/"), PathBuf::from("/"));
    }

    #[test]
    fn missing_components_are_not_found() {
        let (_dir, fs) = tree();
        for path in [
            "/etc/nginx/nginx.conf",
            "/etc/letsencrypt/archive/example.com/cert1.pem/more",
        ] {
            assert!(fs.read(Path::new(path)).is_err(), "{path}");
        }
        assert_eq!(
            fs.metadata(Path::new("/etc/nginx"))
                .expect_err("missing")
                .kind(),
            io::ErrorKind::NotFound
        );
        assert!(fs.metadata(Path::new("/etc")).expect("a directory").is_dir);
    }
}
