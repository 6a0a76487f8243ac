//! `check --root DIR`: auditing a server (or a snapshot of one) as it is deployed. What to load (the given
//! server paths, or the default entry points), walking directories through the rooted view, and the two
//! tables the audit prints: certificates by days left, nginx servers by TLS profile.

use crate::rooted_fs::RootedFs;
use shiplint_lint::rules::tls::{NGINX_DEFAULT_CIPHERS, Profile};
use shiplint_model::classify::{self, NameClass};
use shiplint_model::nginx::{NginxConfig, Server};
use shiplint_model::pem::San;
use shiplint_model::{Candidate, Fs, Project};
use shiplint_report::audit::{Audit, CertificateRow, ServerRow};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The main nginx configuration of Debian, Alpine, RHEL and the official image.
const NGINX_CONF: &str = "/etc/nginx/nginx.conf";

/// certbot's directory of current certificates, one directory per name, holding links into `archive/`.
const LETSENCRYPT_LIVE: &str = "/etc/letsencrypt/live";

/// Where compose projects usually live on a server: each directory directly below that holds a compose
/// file (and the directory itself) is audited when no paths are given.
const COMPOSE_PARENTS: &[&str] = &["/srv", "/opt"];

/// The file names `docker compose` looks for without `-f`.
const COMPOSE_NAMES: &[&str] = &[
    "compose.yaml",
    "compose.yml",
    "docker-compose.yaml",
    "docker-compose.yml",
];

/// Directories nested deeper than this below an entry point are not walked (said in a note).
const MAX_DEPTH: usize = 32;

/// What to load for an audit, and notes on default entry points that are not there.
pub struct EntryPoints {
    /// Files to load, by the server's paths.
    pub candidates: Vec<Candidate>,
    /// Said on stderr: a missing default entry point, a directory not walked.
    pub notes: Vec<String>,
}

/// The files to audit: `paths` (the server's paths; relative ones are taken from `/`), or when there are
/// none, `/etc/nginx/nginx.conf`, each `/etc/letsencrypt/live/*/` and the compose projects of `/srv/*` and
/// `/opt/*`. A given path that does not exist under the root is an error (exit 2); a missing default is a
/// note.
pub fn entry_points(fs: &RootedFs, paths: &[PathBuf]) -> Result<EntryPoints, String> {
    let mut walker = Walker {
        fs,
        found: Vec::new(),
        notes: Vec::new(),
        visited: BTreeSet::new(),
        walking: Vec::new(),
    };
    if paths.is_empty() {
        walker.defaults();
    }
    for path in paths {
        let path = fs.clean(&Path::new("/").join(path));
        let metadata = fs
            .metadata(&path)
            .map_err(|e| format!("cannot read `{}` under --root: {e}", path.display()))?;
        if metadata.is_dir {
            walker.walk(&path, 0);
        } else {
            walker.take(path, true);
        }
    }
    Ok(EntryPoints {
        candidates: once_each(fs, walker.found),
        notes: walker.notes,
    })
}

/// One candidate per file: a file reached by several names (a link to it, a directory link above it, a path
/// named twice) is kept under the first name found, which is named on the command line when any of them is.
/// Sorted by path.
fn once_each(fs: &RootedFs, found: impl IntoIterator<Item = (PathBuf, bool)>) -> Vec<Candidate> {
    let mut first: std::collections::HashMap<PathBuf, usize> = std::collections::HashMap::new();
    let mut kept: Vec<Candidate> = Vec::new();
    for (path, explicit) in found {
        // A path that does not resolve is its own file (it is reported as unreadable by that name).
        let key = fs.real_path(&path).unwrap_or_else(|_| path.clone());
        match first.get(&key) {
            Some(&index) => kept[index].explicit |= explicit,
            None => {
                first.insert(key, kept.len());
                kept.push(Candidate {
                    display: path.to_string_lossy().into_owned(),
                    path,
                    explicit,
                });
            }
        }
    }
    kept.sort_by(|a, b| a.path.cmp(&b.path));
    kept
}

struct Walker<'a> {
    fs: &'a RootedFs,
    found: Vec<(PathBuf, bool)>,
    notes: Vec<String>,
    /// Real directories already walked (a directory reached twice through links is walked once).
    visited: BTreeSet<PathBuf>,
    /// The directories being walked, outermost first: (real path, server path). A link back to one of them
    /// is a loop, said in a note.
    walking: Vec<(PathBuf, PathBuf)>,
}

impl Walker<'_> {
    fn defaults(&mut self) {
        let nginx = Path::new(NGINX_CONF);
        if self.fs.metadata(nginx).is_ok_and(|m| !m.is_dir) {
            self.take(nginx.to_path_buf(), true);
        } else {
            self.notes.push(format!(
                "no `{NGINX_CONF}` under the root: nginx not audited"
            ));
        }
        match self.fs.read_dir(Path::new(LETSENCRYPT_LIVE)) {
            Ok(entries) => {
                for entry in entries {
                    match self.fs.metadata(&entry) {
                        Ok(metadata) if metadata.is_dir => self.walk(&entry, 0),
                        // certbot's README beside the names.
                        Ok(_) => {}
                        Err(error) => self.cannot_follow(&entry, &error),
                    }
                }
            }
            Err(_) => self.notes.push(format!(
                "no `{LETSENCRYPT_LIVE}/` under the root: no Let's Encrypt certificates audited"
            )),
        }
        let mut projects = 0;
        for parent in COMPOSE_PARENTS.iter().map(Path::new) {
            let mut dirs = vec![parent.to_path_buf()];
            for entry in self.fs.read_dir(parent).unwrap_or_default() {
                match self.fs.metadata(&entry) {
                    Ok(metadata) if metadata.is_dir => dirs.push(entry),
                    Ok(_) => {}
                    // A project directory linked to a volume that is not mounted, say.
                    Err(error) => self.cannot_follow(&entry, &error),
                }
            }
            for dir in dirs {
                if COMPOSE_NAMES
                    .iter()
                    .any(|name| self.fs.metadata(&dir.join(name)).is_ok_and(|m| !m.is_dir))
                {
                    projects += 1;
                    self.walk(&dir, 0);
                }
            }
        }
        if projects == 0 {
            self.notes.push(format!(
                "no compose project in {} or a directory below: name compose projects as paths to audit them",
                COMPOSE_PARENTS.join(", ")
            ));
        }
    }

    fn take(&mut self, path: PathBuf, explicit: bool) {
        self.found.push((path, explicit));
    }

    /// A name the walk cannot follow (a link that leads nowhere or loops, no permission): whatever it would
    /// have led to was not checked, so a note says so.
    fn cannot_follow(&mut self, path: &Path, error: &std::io::Error) {
        self.notes.push(format!(
            "cannot follow `{}`, so what it leads to was not checked: {error}",
            path.display()
        ));
    }

    /// Every file below `dir` whose name shiplint knows, through the rooted view (links followed inside the
    /// root, `.git` skipped).
    fn walk(&mut self, dir: &Path, depth: usize) {
        let real = match self.fs.real_path(dir) {
            Ok(real) => real,
            Err(error) => {
                self.cannot_follow(dir, &error);
                return;
            }
        };
        if let Some((_, ancestor)) = self.walking.iter().find(|(walking, _)| *walking == real) {
            self.notes.push(format!(
                "`{}` leads back to `{}` (a directory link loop): walked once",
                dir.display(),
                ancestor.display()
            ));
            return;
        }
        // Reached before by another name: its files are audited once, under that name.
        if !self.visited.insert(real.clone()) {
            return;
        }
        if depth > MAX_DEPTH {
            self.notes.push(format!(
                "`{}` is nested more than {MAX_DEPTH} directories deep: not walked",
                dir.display()
            ));
            return;
        }
        let entries = match self.fs.read_dir(dir) {
            Ok(entries) => entries,
            Err(error) => {
                self.notes
                    .push(format!("cannot list `{}`: {error}", dir.display()));
                return;
            }
        };
        self.walking.push((real, dir.to_path_buf()));
        for entry in entries {
            if entry.file_name().is_some_and(|name| name == ".git") {
                continue;
            }
            let known = classify::by_name(&entry) != NameClass::Other;
            match self.fs.metadata(&entry) {
                Ok(metadata) if metadata.is_dir => self.walk(&entry, depth + 1),
                Ok(_) if known => self.take(entry, false),
                Ok(_) => {}
                // A link that leads nowhere or loops, by a name shiplint reads: SYN002 on it, with the reason.
                Err(_) if known => self.take(entry, false),
                // By another name it may have been a directory: said, not passed over.
                Err(error) => self.cannot_follow(&entry, &error),
            }
        }
        self.walking.pop();
    }
}

/// The audit tables of a loaded project, at the project's clock.
pub fn tables(project: &Project) -> Audit {
    let mut certificates = certificate_rows(project);
    certificates
        .sort_by(|a, b| (a.days_left, &a.path, a.line).cmp(&(b.days_left, &b.path, b.line)));
    let mut servers = server_rows(project);
    servers.sort_by(|a, b| {
        (profile_rank(&a.profile), &a.path, a.line).cmp(&(
            profile_rank(&b.profile),
            &b.path,
            b.line,
        ))
    });
    Audit {
        certificates,
        servers,
    }
}

fn certificate_rows(project: &Project) -> Vec<CertificateRow> {
    let now = project.now.0;
    let mut rows = Vec::new();
    for document in &project.documents {
        let Some(bundle) = document.pem() else {
            continue;
        };
        let file = project.file(document.file);
        for (block, certificate) in bundle.certificates() {
            rows.push(CertificateRow {
                path: file.path.clone(),
                line: file.line_col(block.span.start).line,
                subject: certificate.subject.clone(),
                sans: certificate
                    .sans
                    .iter()
                    .map(|san| match san {
                        San::Dns(name) => name.clone(),
                        other => other.to_string(),
                    })
                    .collect(),
                not_after: shiplint_model::pem::text::rfc3339(certificate.not_after),
                days_left: (certificate.not_after - now).div_euclid(86_400),
                expired: certificate.not_after < now,
                not_yet_valid: certificate.not_before > now,
                issuer: certificate.issuer.clone(),
            });
        }
    }
    rows
}

fn server_rows(project: &Project) -> Vec<ServerRow> {
    let mut rows = Vec::new();
    for document in &project.documents {
        let Some(config) = document.nginx().filter(|c| c.is_root()) else {
            continue;
        };
        let effective = &config.effective;
        for server in effective.servers.iter().chain(&effective.stream_servers) {
            let file = project.file(server.name.file);
            let (profile, reason) = profile_of(config, server);
            rows.push(ServerRow {
                path: file.path.clone(),
                line: file.line_col(server.name.start).line,
                server_names: server
                    .server_names
                    .iter()
                    .map(|n| n.value.clone())
                    .collect(),
                listen: server
                    .listens
                    .iter()
                    .map(|l| listen_text(project, l.span))
                    .collect(),
                profile,
                reason,
            });
        }
    }
    rows
}

/// The strictest profile a server meets, judged with the TLS rules' profile definitions, and why.
fn profile_of(config: &NginxConfig, server: &Server) -> (String, String) {
    if !server.is_tls() {
        return ("plain-http".into(), "no TLS listener".into());
    }
    let settings = &server.settings;
    let (protocols, from): (Vec<&str>, String) = match &settings.ssl_protocols {
        Some(value) => (
            value.args.iter().map(|a| a.value.as_str()).collect(),
            "ssl_protocols".into(),
        ),
        None => match (config.version, config.version_label()) {
            (Some(version), Some(label)) => (
                version.default_ssl_protocols().to_vec(),
                format!("default of {label}"),
            ),
            _ => {
                return (
                    "unknown".into(),
                    "no ssl_protocols and the nginx version is unknown (pass --nginx-version)"
                        .into(),
                );
            }
        },
    };
    let ciphers = settings
        .ssl_ciphers
        .as_ref()
        .and_then(|v| v.args.first())
        .map_or(NGINX_DEFAULT_CIPHERS, |w| w.value.as_str());
    let profile = match Profile::strictest_met(&protocols, ciphers) {
        Some(Profile::MozillaModern) => "modern",
        Some(Profile::MozillaIntermediate) => "intermediate",
        Some(Profile::MozillaOld) => "old",
        None => "none",
    };
    let reason = if protocols.iter().all(|p| p.eq_ignore_ascii_case("TLSv1.3")) {
        format!("{} ({from})", protocols.join(" "))
    } else {
        format!("{} ({from}); ciphers {ciphers}", protocols.join(" "))
    };
    (profile.into(), reason)
}

/// Weakest first: the rows that need attention lead the table.
fn profile_rank(profile: &str) -> u8 {
    match profile {
        "none" => 0,
        "old" => 1,
        "unknown" => 2,
        "intermediate" => 3,
        "modern" => 4,
        _ => 5,
    }
}

/// A `listen` directive's arguments as written (`443 ssl`).
fn listen_text(project: &Project, span: shiplint_syntax::Span) -> String {
    let text = span.text(&project.file(span.file).text);
    let text = text.trim().trim_end_matches(';');
    let text = text.strip_prefix("listen").unwrap_or(text);
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Loads the audited files through a view rooted at `root`; certificate and key files that nginx names and
/// the entry points did not reach are loaded too (a second pass), so the table and the certificate rules
/// see what nginx serves. Also returns the paths that could not be read and were said in a note.
pub fn load(
    root: &Path,
    paths: &[PathBuf],
    now: shiplint_model::Timestamp,
    nginx: &shiplint_model::nginx::NginxOptions,
    progress: &crate::progress::Progress,
) -> Result<(Project, BTreeSet<String>), String> {
    let fs = RootedFs::new(root).map_err(|e| format!("--root `{}`: {e}", root.display()))?;
    let entry = entry_points(&fs, paths)?;
    for note in &entry.notes {
        eprintln!("note: {note}");
    }
    let counting = progress.counting(&fs);
    let mut candidates = entry.candidates;
    // Files the user named stop the run when unreadable (exit 2); the defaults and the files nginx names
    // are loaded as named files too (so their kind is taken whatever their name), but only noted.
    let named: BTreeSet<String> = paths
        .iter()
        .map(|p| {
            fs.clean(&Path::new("/").join(p))
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    let mut project = Project::load_with_nginx(&counting, candidates.clone(), now, nginx);
    let walked: BTreeSet<PathBuf> = candidates.iter().map(|c| c.path.clone()).collect();
    let included = project
        .documents
        .iter()
        .map(|d| d.path.clone())
        .filter(|path| !walked.contains(path));
    let served = served_certificate_paths(&fs, &project);
    let renamed = take_nginx_names(&fs, &mut candidates, included.chain(served.iter().cloned()));
    let loaded: BTreeSet<&Path> = candidates.iter().map(|c| c.path.as_path()).collect();
    // Loaded whether or not they can be read, so a served certificate that is a link to nothing is said.
    let more: Vec<Candidate> = served
        .iter()
        .filter(|path| !loaded.contains(path.as_path()))
        .filter(|path| !fs.metadata(path).is_ok_and(|m| m.is_dir))
        .map(|path| Candidate {
            display: path.to_string_lossy().into_owned(),
            path: path.clone(),
            explicit: true,
        })
        .collect();
    if more.is_empty() && !renamed {
        let noted = note_unreadable(&mut project, &named);
        return Ok((project, noted));
    }
    candidates.extend(more);
    let candidates = once_each(&fs, candidates.into_iter().map(|c| (c.path, c.explicit)));
    let mut project = Project::load_with_nginx(&counting, candidates, now, nginx);
    let noted = note_unreadable(&mut project, &named);
    Ok((project, noted))
}

/// The names nginx gives its includes and certificates (`names`): a file the walk found under another name
/// (the target of a link nginx names, a directory reached through a link) takes nginx's name, so it is loaded
/// once and shown the way the configuration names it. Whether any candidate was renamed.
fn take_nginx_names(
    fs: &RootedFs,
    candidates: &mut [Candidate],
    names: impl Iterator<Item = PathBuf>,
) -> bool {
    let mut by_real: std::collections::HashMap<PathBuf, Vec<usize>> =
        std::collections::HashMap::new();
    for (index, candidate) in candidates.iter().enumerate() {
        if let Ok(real) = fs.real_path(&candidate.path) {
            by_real.entry(real).or_default().push(index);
        }
    }
    let mut renamed = false;
    for path in names {
        let Some(same) = fs
            .real_path(&path)
            .ok()
            .and_then(|real| by_real.remove(&real))
        else {
            continue;
        };
        for index in same {
            let candidate = &mut candidates[index];
            if candidate.path != path {
                candidate.display = path.to_string_lossy().into_owned();
                candidate.path = path.clone();
                renamed = true;
            }
        }
    }
    renamed
}

/// Load errors of files the user did not name become notes on stderr (a default entry point or a
/// certificate nginx names that this user may not read, or a link to nothing, say); the others stay and stop
/// the run. Returns the paths noted.
fn note_unreadable(project: &mut Project, named: &BTreeSet<String>) -> BTreeSet<String> {
    let mut noted = BTreeSet::new();
    project.load_errors.retain(|error| {
        if named.contains(&error.display) {
            return true;
        }
        eprintln!(
            "note: cannot read `{}`, so it was not checked: {}",
            error.display, error.reason
        );
        noted.insert(error.display.clone());
        false
    });
    noted
}

/// The `ssl_certificate` and `ssl_certificate_key` files of every nginx server, as clean absolute server
/// paths (relative ones against nginx's configuration directory); values with variables are left out.
fn served_certificate_paths(fs: &RootedFs, project: &Project) -> BTreeSet<PathBuf> {
    let mut paths = BTreeSet::new();
    for config in project.documents.iter().filter_map(|d| d.nginx()) {
        let effective = &config.effective;
        let levels = [&effective.http, &effective.stream]
            .into_iter()
            .chain(effective.servers.iter().map(|s| &s.settings))
            .chain(effective.stream_servers.iter().map(|s| &s.settings));
        for settings in levels {
            for value in settings
                .ssl_certificates
                .iter()
                .chain(&settings.ssl_certificate_keys)
            {
                let Some(word) = value.args.first() else {
                    continue;
                };
                if word.value.contains('$') || word.value.starts_with("data:") {
                    continue;
                }
                paths.insert(fs.clean(&Path::new("/etc/nginx").join(&word.value)));
            }
        }
    }
    paths
}
