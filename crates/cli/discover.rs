//! Finding the files to check: a gitignore-aware parallel walk of directories (hidden folders included,
//! `.git` and excluded globs skipped) plus every file named on the command line.
//!
//! Symbolic links to directories are not followed (what they lead to inside the paths walked is walked under
//! its own name); one that leads outside the project root or outside the paths walked, or that cannot be
//! followed, is returned as a warning, so nothing is passed over in silence.

use crate::confined_fs::ConfinedFs;
use ignore::{WalkBuilder, WalkState};
use shiplint_lint::engine::Settings;
use shiplint_model::OutsideRoot;
use shiplint_model::classify::{self, NameClass};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// A path to load and whether the user named it.
#[derive(Debug)]
pub struct Found {
    /// The path as walked (absolute).
    pub path: PathBuf,
    /// Named on the command line.
    pub explicit: bool,
}

/// Walks `roots` (absolute paths); `confined` tells what lies inside the project root. Missing roots are
/// errors (exit 2); unreadable directories inside a walk, and links the walk does not follow, are returned
/// as warnings (naming paths relative to `cwd`) so the run can say what it could not look at.
pub fn discover(
    roots: &[PathBuf],
    settings: &Settings,
    confined: &ConfinedFs,
    cwd: &Path,
) -> Result<(Vec<Found>, Vec<String>), String> {
    let mut found = Vec::new();
    let mut directories = Vec::new();
    for root in roots {
        let metadata = std::fs::metadata(root)
            .map_err(|e| format!("cannot read `{}`: {e}", display_path(root, cwd)))?;
        if metadata.is_dir() {
            directories.push(root.clone());
        } else {
            found.push(Found {
                path: root.clone(),
                explicit: true,
            });
        }
    }
    let warnings = Mutex::new(Vec::new());
    // Where the walked directories really are: a link into one of them leads to files walked anyway.
    let walked_dirs: Vec<PathBuf> = directories
        .iter()
        .filter_map(|dir| std::fs::canonicalize(dir).ok())
        .collect();
    if let Some((first, rest)) = directories.split_first() {
        let mut builder = WalkBuilder::new(first);
        rest.iter().for_each(|dir| {
            builder.add(dir);
        });
        builder
            .hidden(false)
            .require_git(false)
            .parents(true)
            .follow_links(false);
        builder.filter_entry(|entry| entry.file_name() != ".git");
        let walked = Mutex::new(Vec::new());
        builder.build_parallel().run(|| {
            Box::new(|entry| {
                match entry {
                    Ok(entry)
                        if entry.file_type().is_some_and(|t| t.is_file())
                            || is_link_to_file(&entry) =>
                    {
                        let path = entry.into_path();
                        if classify::by_name(&path) != NameClass::Other
                            && !settings.is_excluded(&path)
                        {
                            lock(&walked).push(path);
                        }
                    }
                    Ok(entry)
                        if entry.file_type().is_some_and(|t| t.is_dir())
                            && settings.is_excluded(entry.path()) =>
                    {
                        return WalkState::Skip;
                    }
                    Ok(entry) if entry.path_is_symlink() && !settings.is_excluded(entry.path()) => {
                        if let Some(warning) =
                            unfollowed_link(entry.path(), confined, &walked_dirs, cwd)
                        {
                            lock(&warnings).push(warning);
                        }
                    }
                    Ok(entry)
                        if entry.file_type().is_some_and(is_special)
                            && classify::by_name(entry.path()) != NameClass::Other
                            && !settings.is_excluded(entry.path()) =>
                    {
                        lock(&warnings).push(format!(
                            "{}: not a regular file (a pipe, socket or device)",
                            display_path(entry.path(), cwd)
                        ));
                    }
                    Ok(_) => {}
                    Err(error) => lock(&warnings).push(walk_error(&error, cwd)),
                }
                WalkState::Continue
            })
        });
        let walked = walked
            .into_inner()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        found.extend(walked.into_iter().map(|path| Found {
            path,
            explicit: false,
        }));
    }
    let mut warnings = warnings
        .into_inner()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    warnings.sort();
    found.sort_by(|a, b| a.path.cmp(&b.path).then(b.explicit.cmp(&a.explicit)));
    found.dedup_by(|a, b| a.path == b.path);
    Ok((found, warnings))
}

/// A pipe, socket or device: neither read nor walked.
fn is_special(file_type: std::fs::FileType) -> bool {
    !(file_type.is_file() || file_type.is_dir() || file_type.is_symlink())
}

/// A symlink that does not lead to a directory: a file, or a dangling link, which is then taken when its
/// name is one shiplint reads (and reported as unreadable rather than passed over).
fn is_link_to_file(entry: &ignore::DirEntry) -> bool {
    entry.path_is_symlink()
        && !std::fs::metadata(entry.path()).is_ok_and(|m| m.is_dir())
        && classify::by_name(entry.path()) != NameClass::Other
}

/// Why a link the walk does not take as a file is worth a warning, if it is: it leads outside the project
/// root (a directory, or a file of a name shiplint does not read), it cannot be followed (to nothing, a
/// loop), or it is a directory outside the paths walked. A link to a directory inside them says nothing:
/// what it leads to is walked under its own name.
fn unfollowed_link(
    path: &Path,
    confined: &ConfinedFs,
    walked: &[PathBuf],
    cwd: &Path,
) -> Option<String> {
    let shown = display_path(path, cwd);
    match confined.confine(path) {
        Err(error) if OutsideRoot::is(&error) => Some(format!(
            "{shown}: a symbolic link that leads outside the project root, not followed"
        )),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            Some(format!("{shown}: a symbolic link to nothing"))
        }
        Err(error) => Some(format!(
            "{shown}: a symbolic link that cannot be followed ({error})"
        )),
        Ok(real) if real.is_dir() && !walked.iter().any(|dir| real.starts_with(dir)) => {
            Some(format!(
                "{shown}: a symbolic link to a directory outside the paths checked (`{}`), not followed; name that directory to check it",
                display_path(&real, cwd)
            ))
        }
        Ok(_) => None,
    }
}

/// A walk error, naming its paths as [`display_path`] does.
fn walk_error(error: &ignore::Error, cwd: &Path) -> String {
    match error {
        ignore::Error::WithPath { path, err } => {
            format!("{}: {}", display_path(path, cwd), walk_error(err, cwd))
        }
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            walk_error(err, cwd)
        }
        ignore::Error::Loop { ancestor, child } => format!(
            "{}: a symbolic link loop back to `{}`",
            display_path(child, cwd),
            display_path(ancestor, cwd)
        ),
        ignore::Error::Partial(errors) => errors
            .iter()
            .map(|e| walk_error(e, cwd))
            .collect::<Vec<_>>()
            .join("; "),
        other => other.to_string(),
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The path as shown to users: relative to `cwd` with `/` when under it, otherwise as given (absolute).
pub fn display_path(path: &Path, cwd: &Path) -> String {
    let shown = path.strip_prefix(cwd).unwrap_or(path);
    let text = shown.to_string_lossy();
    if std::path::MAIN_SEPARATOR == '/' {
        text.into_owned()
    } else {
        text.replace(std::path::MAIN_SEPARATOR, "/")
    }
}

/// `path` made absolute against `cwd`, with `.` and `..` components folded (without touching the disk, so
/// symlinks keep the name the user gave).
pub fn absolute(path: &Path, cwd: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        cwd.join(path)
    };
    let mut clean = PathBuf::new();
    for component in joined.components() {
        match component {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                clean.pop();
            }
            other => clean.push(other),
        }
    }
    clean
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_paths_are_relative_under_the_working_directory() {
        let cwd = Path::new("/srv/project");
        assert_eq!(
            display_path(Path::new("/srv/project/svc/Dockerfile"), cwd),
            "svc/Dockerfile"
        );
        assert_eq!(
            display_path(Path::new("/etc/nginx/nginx.conf"), cwd),
            "/etc/nginx/nginx.conf"
        );
    }

    #[test]
    fn walk_errors_name_paths_relative_to_the_working_directory() {
        let cwd = Path::new("/srv/project");
        let denied = ignore::Error::WithDepth {
            depth: 2,
            err: Box::new(ignore::Error::WithPath {
                path: PathBuf::from("/srv/project/svc/private"),
                err: Box::new(ignore::Error::Io(std::io::Error::from(
                    std::io::ErrorKind::PermissionDenied,
                ))),
            }),
        };
        let shown = walk_error(&denied, cwd);
        assert!(shown.starts_with("svc/private: "), "{shown}");
        assert!(!shown.contains("/srv/project"), "{shown}");
        let looped = ignore::Error::Loop {
            ancestor: PathBuf::from("/srv/project/a"),
            child: PathBuf::from("/srv/project/a/b/back"),
        };
        assert_eq!(
            walk_error(&looped, cwd),
            "a/b/back: a symbolic link loop back to `a`"
        );
    }

    #[test]
    fn absolute_folds_dots() {
        let cwd = Path::new("/srv/project");
        assert_eq!(
            absolute(Path::new("../shared/./x"), cwd),
            PathBuf::from("/srv/shared/x")
        );
        assert_eq!(absolute(Path::new("."), cwd), PathBuf::from("/srv/project"));
    }
}
