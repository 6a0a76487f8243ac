//! Which kind of file is this? First by name and location; for ambiguous names, by a look at the content.

use std::path::Path;

/// The kinds of file shiplint understands.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FileKind {
    /// Dockerfile, Containerfile, `*.Dockerfile`, `Dockerfile.*`.
    Dockerfile,
    /// A docker compose file.
    Compose,
    /// An nginx configuration file or snippet.
    Nginx,
    /// PEM (or DER) certificates, keys and requests.
    Pem,
    /// A Go module's `go.mod`.
    GoMod,
    /// A Go source file.
    GoSource,
}

impl FileKind {
    /// A short lower-case name, for messages and statistics.
    pub fn as_str(self) -> &'static str {
        match self {
            FileKind::Dockerfile => "dockerfile",
            FileKind::Compose => "compose",
            FileKind::Nginx => "nginx",
            FileKind::Pem => "pem",
            FileKind::GoMod => "go.mod",
            FileKind::GoSource => "go",
        }
    }
}

/// What the name alone says about a file.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum NameClass {
    /// The name settles it.
    Known(FileKind),
    /// The name allows this kind; the content decides (read the file and call [`by_content`]).
    Sniff(FileKind),
    /// Not a file shiplint reads.
    Other,
}

const NGINX_DIRS: [&str; 6] = [
    "nginx",
    "sites-enabled",
    "sites-available",
    "conf.d",
    "snippets",
    "http.d",
];
const NGINX_FILES: [&str; 6] = [
    "nginx.conf",
    "mime.types",
    "fastcgi_params",
    "fastcgi.conf",
    "uwsgi_params",
    "scgi_params",
];
const PEM_EXTENSIONS: [&str; 8] = ["pem", "crt", "cer", "cert", "key", "csr", "der", "chain"];

/// Classifies a path by its file name and parent directories.
pub fn by_name(path: &Path) -> NameClass {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return NameClass::Other;
    };
    let lower = name.to_ascii_lowercase();
    let extension = lower.rsplit_once('.').map(|(_, ext)| ext);
    if is_dockerfile_name(&lower) {
        return NameClass::Known(FileKind::Dockerfile);
    }
    if is_compose_name(&lower) {
        return NameClass::Known(FileKind::Compose);
    }
    if lower == "go.mod" {
        return NameClass::Known(FileKind::GoMod);
    }
    if extension == Some("go") {
        return NameClass::Known(FileKind::GoSource);
    }
    if NGINX_FILES.contains(&lower.as_str()) {
        return NameClass::Known(FileKind::Nginx);
    }
    if let Some(ext) = extension.filter(|ext| PEM_EXTENSIONS.contains(ext)) {
        // A DER file has no text to sniff; every other extension here is confirmed by a BEGIN line.
        return if ext == "der" {
            NameClass::Known(FileKind::Pem)
        } else {
            NameClass::Sniff(FileKind::Pem)
        };
    }
    if matches!(extension, Some("yml" | "yaml")) {
        return NameClass::Sniff(FileKind::Compose);
    }
    if extension == Some("conf") || lower.contains(".conf.") || in_nginx_dir(path) {
        return NameClass::Sniff(FileKind::Nginx);
    }
    NameClass::Other
}

fn is_dockerfile_name(lower: &str) -> bool {
    if lower.ends_with(".dockerignore") {
        return false;
    }
    let stem_matches = |stem: &str| {
        lower
            .strip_prefix(stem)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('.'))
    };
    stem_matches("dockerfile")
        || stem_matches("containerfile")
        || lower.ends_with(".dockerfile")
        || lower.ends_with(".containerfile")
}

fn is_compose_name(lower: &str) -> bool {
    // docker-compose.prod.yml, compose.override.yaml, docker-compose-dev.yml
    let yaml = lower.ends_with(".yml") || lower.ends_with(".yaml");
    yaml && (lower.starts_with("docker-compose.")
        || lower.starts_with("docker-compose-")
        || lower.starts_with("compose."))
}

/// Whether the file's directory or the one above it is an nginx directory (`nginx/sites-enabled/app`).
/// Only the two nearest: a checkout that happens to live under some `nginx/` folder is not an nginx tree.
fn in_nginx_dir(path: &Path) -> bool {
    path.parent().is_some_and(|parent| {
        parent.components().rev().take(2).any(|c| {
            c.as_os_str()
                .to_str()
                .is_some_and(|dir| NGINX_DIRS.contains(&dir))
        })
    })
}

/// The kind of the file at `path` holding `text`, or `None` when shiplint does not read it. A file named on
/// the command line (`explicit`) is always taken: as what its name suggests even if the content does not
/// confirm it, and when the name says nothing, as a PEM, compose or nginx file if its content says so,
/// otherwise as a Dockerfile (as `hadolint FILE` would take it).
pub fn classify(path: &Path, text: &str, explicit: bool) -> Option<FileKind> {
    match by_name(path) {
        NameClass::Known(kind) => Some(kind),
        NameClass::Sniff(kind) => by_content(kind, text).or_else(|| explicit.then_some(kind)),
        NameClass::Other if explicit => Some(
            [FileKind::Pem, FileKind::Compose, FileKind::Nginx]
                .into_iter()
                .find_map(|kind| by_content(kind, text))
                .unwrap_or(FileKind::Dockerfile),
        ),
        NameClass::Other => None,
    }
}

/// Confirms a [`NameClass::Sniff`] candidate by its content.
pub fn by_content(candidate: FileKind, text: &str) -> Option<FileKind> {
    let confirmed = match candidate {
        FileKind::Compose => has_top_level_services(text),
        FileKind::Nginx => looks_like_nginx(text),
        FileKind::Pem => text.contains("-----BEGIN "),
        _ => true,
    };
    confirmed.then_some(candidate)
}

fn has_top_level_services(text: &str) -> bool {
    text.lines().any(|line| {
        line.strip_prefix("services")
            .or_else(|| line.strip_prefix("\"services\""))
            .is_some_and(|rest| rest.trim_start().starts_with(':'))
    })
}

/// nginx's shape: nearly every line is a statement (`name args;`), a block opening (`name args {`), a block
/// end, or a continuation of the line before; top-level statement names are lower-case identifiers. INI, shell, systemd
/// or supervisord files fail on their `[section]` and `key=value` lines.
fn looks_like_nginx(text: &str) -> bool {
    let mut statements = 0usize;
    let mut other = 0usize;
    let mut continued = false;
    let mut depth = 0usize;
    for line in text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        let line = line.split(" #").next().unwrap_or(line).trim_end();
        let ends_statement = line.ends_with(';') || line.ends_with('{') || line.ends_with('}');
        let name = line
            .split(|c: char| c.is_whitespace() || c == ';' || c == '{')
            .next()
            .unwrap_or("");
        let directive_like = !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            && !name.starts_with(|c: char| c.is_ascii_digit());
        // Inside a block (map, types, geo) entries have arbitrary keys; their shape is enough.
        let in_block = depth > 0 && ends_statement;
        if line.ends_with('{') {
            depth += 1;
        } else if line.ends_with('}') {
            depth = depth.saturating_sub(1);
        }
        if continued
            || in_block
            || line == "}"
            || (ends_statement && (directive_like || line.starts_with('"')))
        {
            statements += 1;
        } else if directive_like && !line.contains('=') && !line.contains(':') {
            // The first line of a statement that goes on over several lines.
            statements += 1;
        } else {
            other += 1;
        }
        continued = !ends_statement;
    }
    statements > 0 && other * 10 <= statements
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(path: &str) -> NameClass {
        by_name(Path::new(path))
    }

    #[test]
    fn dockerfile_names() {
        for path in [
            "Dockerfile",
            "svc/Dockerfile.prod",
            "build/api.Dockerfile",
            "base.dockerfile",
            "Containerfile",
        ] {
            assert_eq!(name(path), NameClass::Known(FileKind::Dockerfile), "{path}");
        }
        assert_eq!(name("Dockerfile.dockerignore"), NameClass::Other);
        assert_eq!(name("Dockerfilefoo"), NameClass::Other);
    }

    #[test]
    fn compose_names_and_content() {
        assert_eq!(
            name("deploy/docker-compose.prod.yml"),
            NameClass::Known(FileKind::Compose)
        );
        assert_eq!(
            name("compose.override.yaml"),
            NameClass::Known(FileKind::Compose)
        );
        assert_eq!(
            name("stack/other.yaml"),
            NameClass::Sniff(FileKind::Compose)
        );
        assert_eq!(
            by_content(FileKind::Compose, "services:\n  web:\n"),
            Some(FileKind::Compose)
        );
        assert_eq!(by_content(FileKind::Compose, "jobs:\n  services:\n"), None);
    }

    #[test]
    fn nginx_by_name_location_and_content() {
        assert_eq!(
            name("etc/nginx/nginx.conf"),
            NameClass::Known(FileKind::Nginx)
        );
        assert_eq!(
            name("nginx/sites-enabled/app"),
            NameClass::Sniff(FileKind::Nginx)
        );
        assert_eq!(
            by_content(FileKind::Nginx, "server {\n  listen 80;\n}\n"),
            Some(FileKind::Nginx)
        );
        assert_eq!(
            by_content(FileKind::Nginx, "[section]\nkey = value\n"),
            None
        );
    }

    #[test]
    fn pem_and_go() {
        assert_eq!(
            name("live/example/fullchain.pem"),
            NameClass::Sniff(FileKind::Pem)
        );
        assert_eq!(
            by_content(FileKind::Pem, "junk\n-----BEGIN CERTIFICATE-----\n"),
            Some(FileKind::Pem)
        );
        assert_eq!(name("go.mod"), NameClass::Known(FileKind::GoMod));
        assert_eq!(name("cmd/main.go"), NameClass::Known(FileKind::GoSource));
    }
}

#[cfg(test)]
mod corpus {
    use super::*;

    /// Every file of the shared corpus is classified as its manifest says (names first, content when sniffed).
    #[test]
    fn classifies_the_shared_corpus_as_its_manifest_says() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus");
        let manifest = std::fs::read_to_string(format!("{root}/MANIFEST.tsv"))
            .expect("../shared/corpus is present");
        let mut wrong = Vec::new();
        let mut rows = 0;
        for line in manifest.lines().skip(1) {
            let mut columns = line.split('\t');
            let (Some(kind), Some(path)) = (columns.next(), columns.next()) else {
                continue;
            };
            rows += 1;
            let expected = match kind {
                "dockerfile" => FileKind::Dockerfile,
                "compose" => FileKind::Compose,
                "nginx" => FileKind::Nginx,
                "pem" => FileKind::Pem,
                other => panic!("unknown manifest type {other}"),
            };
            let full = format!("{root}/{path}");
            let got = match by_name(Path::new(&full)) {
                NameClass::Known(kind) => Some(kind),
                NameClass::Sniff(kind) => {
                    let text = String::from_utf8_lossy(
                        &std::fs::read(&full).expect("corpus file readable"),
                    )
                    .into_owned();
                    by_content(kind, &text)
                }
                NameClass::Other => None,
            };
            if got != Some(expected) {
                wrong.push(format!("{path}: expected {expected:?}, got {got:?}"));
            }
        }
        assert_eq!(rows, 994);
        assert!(
            wrong.is_empty(),
            "{} misclassified:\n{}",
            wrong.len(),
            wrong.join("\n")
        );
    }
}
