//! `include` patterns with `*`, `?` and `[...]`, expanded through the [`Fs`] the way nginx's glob() does:
//! one path component at a time, names starting with `.` only matched by a pattern starting with `.`, results
//! sorted. Like glob(), a name is matched as its directory lists it, without opening it: a symlink that leads
//! nowhere or loops is a match (which nginx then fails to open), not a name passed over.

use crate::fs::Fs;
use std::path::{Component, Path, PathBuf};

/// Whether `pattern` holds a wildcard.
pub(crate) fn has_magic(pattern: &str) -> bool {
    pattern.contains(['*', '?', '['])
}

/// The files matching `pattern` (an absolute or project-relative path), sorted: the matches that are not
/// directories, with the names a wildcard matched that lead nowhere (opening them is left to the caller,
/// which says why they cannot be read).
pub(crate) fn expand(fs: &dyn Fs, pattern: &Path) -> Vec<PathBuf> {
    // Each path so far, and whether its last component was matched in a listing (not written in the pattern).
    let mut current: Vec<(PathBuf, bool)> = vec![(PathBuf::new(), false)];
    for component in pattern.components() {
        let part = component.as_os_str().to_string_lossy();
        let magic = matches!(component, Component::Normal(_)) && has_magic(&part);
        let mut next = Vec::new();
        for (base, _) in &current {
            if !magic {
                next.push((base.join(component.as_os_str()), false));
                continue;
            }
            let dir = if base.as_os_str().is_empty() {
                Path::new(".")
            } else {
                base.as_path()
            };
            let Ok(entries) = fs.read_dir(dir) else {
                continue;
            };
            for entry in entries {
                let Some(name) = entry.file_name().map(|n| n.to_string_lossy().into_owned()) else {
                    continue;
                };
                if name.starts_with('.') && !part.starts_with('.') {
                    continue;
                }
                if wildcard(&part, &name) {
                    next.push((base.join(&name), true));
                }
            }
        }
        current = next;
    }
    let mut files: Vec<PathBuf> = current
        .into_iter()
        .filter(|(path, listed)| match fs.metadata(path) {
            Ok(metadata) => !metadata.is_dir,
            // A name written in the pattern that is not there is no match; a listed one is.
            Err(_) => *listed,
        })
        .map(|(path, _)| path)
        .collect();
    files.sort();
    files.dedup();
    files
}

/// The refusal of the directory a pattern's wildcards start in, when a confining [`Fs`] refuses it (outside
/// the project root): the pattern then matches nothing because it was not looked at, which is said.
pub(crate) fn refused_base(fs: &dyn Fs, pattern: &Path) -> Option<std::io::Error> {
    let base: PathBuf = pattern
        .components()
        .take_while(|c| !has_magic(&c.as_os_str().to_string_lossy()))
        .collect();
    let error = fs.metadata(&base).err()?;
    crate::OutsideRoot::is(&error).then_some(error)
}

/// Shell wildcard match of one name: `*`, `?`, `[abc]`, `[a-z]`, `[!x]`.
fn wildcard(pattern: &str, name: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let n: Vec<char> = name.chars().collect();
    let (mut pi, mut ni) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ni < n.len() {
        let step = match p.get(pi) {
            Some('*') => {
                star = Some((pi, ni));
                pi += 1;
                continue;
            }
            Some('?') => Some(1),
            Some('[') => class(&p[pi..], n[ni]),
            Some(&c) => (c == n[ni]).then_some(1),
            None => None,
        };
        match step {
            Some(len) => {
                pi += len.max(1);
                ni += 1;
            }
            None => match star {
                Some((sp, sn)) => {
                    pi = sp + 1;
                    ni = sn + 1;
                    star = Some((sp, sn + 1));
                }
                None => return false,
            },
        }
    }
    p[pi..].iter().all(|&c| c == '*')
}

/// Matches `c` against the class at the start of `p` (`[...]`); returns the class's length in the pattern.
/// A `[` without a closing `]` is a literal `[`.
fn class(p: &[char], c: char) -> Option<usize> {
    let close = p.iter().skip(2).position(|&x| x == ']').map(|i| i + 2)?;
    let body = &p[1..close];
    let (negate, body) = match body.first() {
        Some('!' | '^') => (true, &body[1..]),
        _ => (false, body),
    };
    let mut hit = false;
    let mut i = 0;
    while i < body.len() {
        if i + 2 < body.len() && body[i + 1] == '-' {
            hit |= body[i] <= c && c <= body[i + 2];
            i += 3;
        } else {
            hit |= body[i] == c;
            i += 1;
        }
    }
    (hit != negate).then_some(close + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::MemoryFs;

    #[test]
    fn wildcards_match_like_glob() {
        assert!(wildcard("*.conf", "a.conf"));
        assert!(!wildcard("*.conf", "a.conf.bak"));
        assert!(wildcard("a?c", "abc"));
        assert!(wildcard("[a-c]*", "bx"));
        assert!(!wildcard("[!a-c]*", "bx"));
        assert!(wildcard("*", ""));
        assert!(wildcard("*a*b", "xaayb"));
    }

    #[test]
    fn expands_per_component_skipping_dot_files_and_directories() {
        let mut fs = MemoryFs::new();
        fs.insert("/n/conf.d/b.conf", "");
        fs.insert("/n/conf.d/a.conf", "");
        fs.insert("/n/conf.d/.hidden.conf", "");
        fs.insert("/n/conf.d/sub.conf/x", "");
        fs.insert("/n/sites/one/x.conf", "");
        assert_eq!(
            expand(&fs, Path::new("/n/conf.d/*.conf")),
            [
                PathBuf::from("/n/conf.d/a.conf"),
                PathBuf::from("/n/conf.d/b.conf")
            ]
        );
        assert_eq!(
            expand(&fs, Path::new("/n/*/one/*.conf")),
            [PathBuf::from("/n/sites/one/x.conf")]
        );
        assert!(expand(&fs, Path::new("/n/none/*.conf")).is_empty());
    }
}
