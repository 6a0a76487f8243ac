//! `--baseline FILE` and `--write-baseline FILE`: accepting today's findings so that only new ones are shown.
//!
//! A finding is recorded by its rule code, its path (relative to the baseline file's directory, with `/`)
//! and the fingerprint SARIF uses (`shiplint_report::fingerprint`): a hash of the code, that path, the
//! normalised text of the primary span and of its lines, and the finding's occurrence among identical keys.
//! Line numbers are not part of it, so lines inserted above a finding keep it hidden; editing the flagged
//! text, or adding a second identical finding, shows the new one.
//!
//! The file is versioned JSON, one finding per line, sorted, so it diffs well:
//!
//! ```json
//! {
//!   "version": 1,
//!   "findings": [
//!     {"path": "app/Dockerfile", "code": "DKR001", "fingerprint": "5a0f3c9e1b2d4f60"}
//!   ]
//! }
//! ```
//! It holds no message and no source text (messages quote values from the files), only hashes.
//! It is written through a temporary file in the same directory and a rename, so a reader never sees half
//! of it.

use serde_json::Value;
use shiplint_lint::Finding;
use shiplint_model::Project;
use shiplint_report::fingerprint::Fingerprints;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

/// The version of the file format this build reads and writes.
const VERSION: u64 = 1;

/// One recorded finding.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Entry {
    /// The finding's file relative to the baseline's directory (as shown, when outside it).
    path: String,
    /// The rule code.
    code: String,
    /// `shiplint_report::fingerprint` of the finding, computed with `path`.
    fingerprint: String,
}

impl Entry {
    /// `{"path": .., "code": .., "fingerprint": ..}` on one line.
    fn to_json(&self) -> String {
        let quote = |text: &str| Value::from(text).to_string();
        format!(
            "{{\"path\": {}, \"code\": {}, \"fingerprint\": {}}}",
            quote(&self.path),
            quote(&self.code),
            quote(&self.fingerprint)
        )
    }

    /// An entry read back; `None` unless it has exactly the three string fields.
    fn from_json(value: &Value) -> Option<Entry> {
        let object = value.as_object().filter(|o| o.len() == 3)?;
        let field = |name: &str| object.get(name)?.as_str().map(str::to_string);
        Some(Entry {
            code: field("code")?,
            path: field("path")?,
            fingerprint: field("fingerprint")?,
        })
    }
}

/// The recorded findings, as a multiset.
#[derive(Debug, Default)]
pub struct Baseline {
    entries: BTreeMap<Entry, usize>,
}

/// The baseline entry of each finding, in order. `findings` must be the engine's whole sorted list: the
/// occurrence counter inside a fingerprint counts along it.
pub fn entries(project: &Project, findings: &[Finding], baseline_file: &Path) -> Vec<Entry> {
    let base = baseline_file.parent().unwrap_or(Path::new(""));
    let paths: Vec<String> = (0..project.files.len())
        .map(|id| relative_path(project, id, base))
        .collect();
    let mut fingerprints = Fingerprints::default();
    findings
        .iter()
        .map(|finding| {
            let path = paths
                .get(finding.span.file.0 as usize)
                .map_or("", String::as_str);
            Entry {
                code: finding.rule.code.to_string(),
                path: path.to_string(),
                fingerprint: fingerprints.next_at(path, &project.files, finding),
            }
        })
        .collect()
}

/// The path of file `id` relative to `base`, with `/` (and `..` to leave `base` when the file is not under
/// it, so the entry is the same whatever directory shiplint runs from); the path as shown when the two have
/// no common root.
fn relative_path(project: &Project, id: usize, base: &Path) -> String {
    let shown = || {
        project
            .files
            .get(id)
            .map_or(String::new(), |f| f.path.clone())
    };
    let Some(document) = project
        .documents
        .get(id)
        .filter(|d| d.file.0 as usize == id)
    else {
        return shown();
    };
    if base.as_os_str().is_empty() {
        return shown();
    }
    relative_to(&document.path, base).unwrap_or_else(shown)
}

/// `path` relative to `base` (both absolute and lexically clean), with `/` and `..`; `None` when they share
/// no root (another drive).
fn relative_to(path: &Path, base: &Path) -> Option<String> {
    let path: Vec<_> = path.components().collect();
    let base: Vec<_> = base.components().collect();
    let common = path.iter().zip(&base).take_while(|(a, b)| a == b).count();
    if common == 0 {
        return None;
    }
    let up = std::iter::repeat_n("..".into(), base.len() - common);
    let down = path[common..]
        .iter()
        .map(|c| c.as_os_str().to_string_lossy());
    Some(up.chain(down).collect::<Vec<_>>().join("/"))
}

impl Baseline {
    /// Reads a baseline file; any problem is a one-line error naming it (`shown`).
    pub fn load(path: &Path, shown: &str) -> Result<Baseline, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read the baseline `{shown}`: {e}"))?;
        let corrupt = |why: String| {
            format!(
                "the baseline `{shown}` is not a shiplint baseline: {why} (write a new one with --write-baseline)"
            )
        };
        let document: Value = serde_json::from_str(&text).map_err(|e| corrupt(e.to_string()))?;
        match document.get("version").and_then(Value::as_u64) {
            Some(VERSION) => {}
            Some(other) => {
                return Err(format!(
                    "the baseline `{shown}` has version {other}, this shiplint reads version {VERSION} (write a new one with --write-baseline)"
                ));
            }
            None => return Err(corrupt("no `version` number".to_string())),
        }
        let Some(list) = document.get("findings").and_then(Value::as_array) else {
            return Err(corrupt("no `findings` list".to_string()));
        };
        let mut entries = BTreeMap::new();
        for (i, value) in list.iter().enumerate() {
            let entry = Entry::from_json(value).ok_or_else(|| {
                corrupt(format!(
                    "finding {} is not {{\"path\", \"code\", \"fingerprint\"}} (three strings)",
                    i + 1
                ))
            })?;
            *entries.entry(entry).or_insert(0) += 1;
        }
        Ok(Baseline { entries })
    }

    /// Splits `findings` (with their `keys`, in the same order) into those to report and those the
    /// baseline hides. Each recorded entry hides at most one finding.
    pub fn split(&self, findings: Vec<Finding>, keys: &[Entry]) -> (Vec<Finding>, Vec<Finding>) {
        let mut left = self.entries.clone();
        let mut shown = Vec::new();
        let mut hidden = Vec::new();
        for (finding, key) in findings.into_iter().zip(keys) {
            match left.get_mut(key) {
                Some(count) if *count > 0 => {
                    *count -= 1;
                    hidden.push(finding);
                }
                _ => shown.push(finding),
            }
        }
        (shown, hidden)
    }
}

/// The file's text: the entries sorted, one per line.
fn render(entries: &[Entry]) -> String {
    let mut sorted = entries.to_vec();
    sorted.sort();
    let mut text = format!("{{\n  \"version\": {VERSION},\n  \"findings\": [");
    for (i, entry) in sorted.iter().enumerate() {
        text.push_str(if i == 0 { "\n    " } else { ",\n    " });
        text.push_str(&entry.to_json());
    }
    text.push_str(if sorted.is_empty() {
        "]\n}\n"
    } else {
        "\n  ]\n}\n"
    });
    text
}

/// Writes `entries` to `path` atomically; any problem is a one-line error naming it (`shown`).
pub fn write(path: &Path, shown: &str, entries: &[Entry]) -> Result<(), String> {
    let text = render(entries);
    write_atomically(path, text.as_bytes())
        .map_err(|e| format!("cannot write the baseline `{shown}`: {e}"))
}

/// Writes a temporary file beside `path`, flushes it to disk and renames it over `path`; the temporary
/// file is removed when anything fails.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| std::io::Error::other("not a file name"))?
        .to_string_lossy();
    let mut attempt = 0;
    let (temp, mut file) = loop {
        let temp = dir.join(format!(".{name}.{}-{attempt}.tmp", std::process::id()));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)
        {
            Ok(file) => break (temp, file),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && attempt < 100 => {
                attempt += 1;
            }
            Err(e) => return Err(e),
        }
    };
    let written = file
        .write_all(bytes)
        .and_then(|()| file.sync_all())
        .and_then(|()| {
            drop(file);
            std::fs::rename(&temp, path)
        });
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    written
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(path: &str, code: &str, fingerprint: &str) -> Entry {
        Entry {
            code: code.to_string(),
            path: path.to_string(),
            fingerprint: fingerprint.to_string(),
        }
    }

    #[test]
    fn paths_are_relative_to_the_baseline_directory_even_outside_it() {
        let base = Path::new("/srv/shop/ci");
        assert_eq!(
            relative_to(Path::new("/srv/shop/ci/nginx/app.conf"), base).as_deref(),
            Some("nginx/app.conf")
        );
        assert_eq!(
            relative_to(Path::new("/srv/shop/app/Dockerfile"), base).as_deref(),
            Some("../app/Dockerfile")
        );
        assert_eq!(
            relative_to(Path::new("/etc/nginx/nginx.conf"), base).as_deref(),
            Some("../../../etc/nginx/nginx.conf")
        );
    }

    #[test]
    fn the_file_is_sorted_one_finding_per_line() {
        let text = render(&[
            entry("nginx/app.conf", "TLS001", "00000000000000bb"),
            entry("app/Dockerfile", "DKR001", "00000000000000aa"),
        ]);
        assert_eq!(
            text,
            "{\n  \"version\": 1,\n  \"findings\": [\n    \
             {\"path\": \"app/Dockerfile\", \"code\": \"DKR001\", \"fingerprint\": \"00000000000000aa\"},\n    \
             {\"path\": \"nginx/app.conf\", \"code\": \"TLS001\", \"fingerprint\": \"00000000000000bb\"}\n  ]\n}\n"
        );
        assert_eq!(render(&[]), "{\n  \"version\": 1,\n  \"findings\": []\n}\n");
    }

    #[test]
    fn an_atomic_write_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("baseline.json");
        std::fs::write(&path, "old").expect("write");
        write_atomically(&path, b"new").expect("written");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "new");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .expect("list")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("baseline.json")]);
    }

    #[test]
    fn a_failed_write_keeps_the_old_file_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        // A directory where the file should go: the rename fails.
        let path = dir.path().join("baseline.json");
        std::fs::create_dir(&path).expect("mkdir");
        std::fs::write(path.join("keep"), "x").expect("write");
        assert!(write_atomically(&path, b"new").is_err());
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .expect("list")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("baseline.json")]);
        assert!(path.join("keep").is_file());
    }
}
