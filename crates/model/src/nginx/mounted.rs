//! nginx inside a compose service: the paths its configuration names (includes, certificates, keys, DH
//! parameters) are container paths. They are read through the service's volume mounts ([`crate::mounts`]) to
//! the host files the checked tree holds; one that resolves to nothing there is a [`MountProblem`]. The
//! certificate and key files of every root are resolved to the PEM documents the walk loaded ([`TlsFile`]),
//! for a host nginx too (by today's prefix rules), so certificate rules can follow `ssl_certificate` to its
//! file.

use super::glob;
use super::include::{
    IncludeProblem, IncludeProblemKind, Linker, STOCK_FILES, normalize, resolve, show,
};
use crate::compose::Mount;
use crate::mounts::{MountResolution, NginxRunner, ServiceMounts};
use crate::project::Project;
use shiplint_syntax::Span;
use shiplint_syntax::nginx::Directive;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// nginx's configuration prefix in the official images (`nginx -V`: `--prefix=/etc/nginx`): relative
/// includes and certificate paths resolve against it inside the container.
const CONTAINER_PREFIX: &str = "/etc/nginx";

/// Directives whose argument names a certificate, key or DH parameter file.
pub const TLS_FILE_DIRECTIVES: &[&str] = &[
    "ssl_certificate",
    "ssl_certificate_key",
    "ssl_trusted_certificate",
    "ssl_client_certificate",
    "ssl_dhparam",
];

/// A certificate, key or DH parameter file a root names, and the document it resolved to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TlsFile {
    /// The path argument.
    pub span: Span,
    /// The directive (`ssl_certificate`, ...).
    pub directive: String,
    /// The host path it resolved to, as reports show it; `None` when it resolved to nothing (see the root's
    /// [`MountProblem`]s) or holds a variable.
    pub path: Option<String>,
    /// The loaded document at that path (a PEM bundle for certificates and keys), when the walk took it:
    /// certificate and key files are never read behind the walk's back (a git-ignored key stays unread).
    pub document: Option<usize>,
}

/// A path an nginx in a compose service names that resolves to nothing through the service's mounts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MountProblem {
    /// The path argument.
    pub span: Span,
    /// The directive (`include`, `ssl_certificate`, ...).
    pub directive: String,
    /// The path inside the container (relative paths read against `/etc/nginx`).
    pub container_path: String,
    /// The compose service that runs this nginx.
    pub service: String,
    /// The service's name in the compose file.
    pub service_span: Span,
    /// What the path leads to.
    pub kind: MountProblemKind,
}

/// Why a container path resolves to nothing the tool can check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MountProblemKind {
    /// No mount covers it, and it is not a file the nginx image provides.
    NotMounted,
    /// A bind mount covers it but its host path does not exist: the host path as shown, and the mount.
    MissingOnHost {
        /// The host path, as reports show it.
        host: String,
        /// The mount entry.
        mount: Span,
    },
    /// A named volume covers it: its content is not in the checked files.
    NamedVolume {
        /// The volume's name.
        name: String,
        /// The mount entry.
        mount: Span,
    },
    /// A mount covers it whose content cannot be placed (`~`, a variable, a tmpfs, ...).
    Unknown {
        /// Why.
        reason: String,
        /// The mount entry.
        mount: Span,
    },
}

impl MountProblemKind {
    /// Whether nginx will not find the file (rather than the tool not seeing it).
    pub fn is_missing(&self) -> bool {
        matches!(
            self,
            MountProblemKind::NotMounted | MountProblemKind::MissingOnHost { .. }
        )
    }

    /// The compose mount entry involved, if any.
    pub fn mount(&self) -> Option<Span> {
        match self {
            MountProblemKind::NotMounted => None,
            MountProblemKind::MissingOnHost { mount, .. }
            | MountProblemKind::NamedVolume { mount, .. }
            | MountProblemKind::Unknown { mount, .. } => Some(*mount),
        }
    }
}

/// The container a root nginx file runs in: the runner and a copy of its service's mounts (the project is
/// being extended while roots are expanded, so nothing here borrows it).
#[derive(Clone, Debug)]
pub(super) struct ContainerView {
    pub(super) runner: NginxRunner,
    service: String,
    service_span: Span,
    dir: PathBuf,
    mounts: Vec<Mount>,
}

/// Where a container path leads.
enum Located {
    /// A host path, through this mount.
    Host(PathBuf, Span),
    /// Nothing the tool can check.
    Problem(MountProblemKind),
    /// No mount: the image's own file.
    Image,
}

impl ContainerView {
    /// The container that runs `document` (the first runner, by service), if a compose service does.
    pub(super) fn of(
        project: &Project,
        runners: &BTreeMap<usize, Vec<NginxRunner>>,
        document: usize,
    ) -> Option<ContainerView> {
        let runner = runners.get(&document)?.first()?.clone();
        let compose = runner.service.compose(project)?;
        let service = runner.service.get(project)?;
        Some(ContainerView {
            service: service.name.value.clone(),
            service_span: service.name.span,
            dir: compose.project_dir.clone(),
            mounts: service.merged().volumes.clone(),
            runner,
        })
    }

    /// The container path an argument names.
    fn container_path(argument: &str) -> String {
        if argument.starts_with('/') {
            argument.to_string()
        } else {
            format!("{CONTAINER_PREFIX}/{argument}")
        }
    }

    /// Where `container_path` leads. A bind source written absolute that is not there at all is a path on the
    /// machine that runs the stack (`/etc/letsencrypt:/etc/letsencrypt`), not a missing file: its content is
    /// unknown. A relative one (`./certs`) belongs to the project: missing there, nginx will not find it.
    fn locate(&self, fs: &dyn crate::Fs, container_path: &str) -> Located {
        let mounts = ServiceMounts::from_parts(&self.dir, &self.mounts);
        match mounts.resolve(container_path) {
            MountResolution::Host { path, mount } => {
                let written_absolute = mount
                    .source
                    .as_ref()
                    .is_some_and(|source| Path::new(&source.value).is_absolute());
                match crate::mounts::bind_source(&self.dir, mount) {
                    Ok(source) if written_absolute && fs.metadata(&source).is_err() => {
                        Located::Problem(MountProblemKind::Unknown {
                            reason: format!(
                                "its host path `{}` is not among the checked files: a path on the machine that runs the stack",
                                source.display()
                            ),
                            mount: mount.span,
                        })
                    }
                    _ => Located::Host(path, mount.span),
                }
            }
            MountResolution::NamedVolume { name, mount } => {
                Located::Problem(MountProblemKind::NamedVolume {
                    name,
                    mount: mount.span,
                })
            }
            MountResolution::Unknown { mount, reason } => {
                Located::Problem(MountProblemKind::Unknown {
                    reason,
                    mount: mount.span,
                })
            }
            MountResolution::NotMounted => Located::Image,
        }
    }

    fn problem(
        &self,
        span: Span,
        directive: &str,
        container_path: String,
        kind: MountProblemKind,
    ) -> MountProblem {
        MountProblem {
            span,
            directive: directive.to_string(),
            container_path,
            service: self.service.clone(),
            service_span: self.service_span,
            kind,
        }
    }
}

/// System CA bundles (Debian, Alpine, RHEL layouts) that `ssl_trusted_certificate` often names: the image's
/// base distribution may provide them, so an unmounted one is taken as the image's own file, not reported.
const SYSTEM_CA_BUNDLES: &[&str] = &[
    "/etc/ssl/certs/ca-certificates.crt",
    "/etc/ssl/cert.pem",
    "/etc/pki/tls/certs/ca-bundle.crt",
];

/// Whether `path` names a file every nginx image ships in its prefix (`/etc/nginx/mime.types`).
fn is_stock(container_path: &str) -> bool {
    let path = Path::new(container_path);
    path.starts_with(CONTAINER_PREFIX)
        && path
            .file_name()
            .is_some_and(|name| STOCK_FILES.contains(&name.to_string_lossy().as_ref()))
}

/// The host files an `include` in a container names, each with the mount that brings it in. What cannot be
/// followed is recorded: a stock file the image provides as a missing stock include (as for a host nginx), a
/// path into a volume or outside every mount as a [`MountProblem`]. A wildcard pattern is expanded in the host
/// directory its fixed part is mounted from; when that part is not mounted it matches the image's own files,
/// which nginx accepts (matching nothing is not an error) and nothing is recorded.
pub(super) fn include_targets(
    fs: &dyn crate::Fs,
    view: &ContainerView,
    pattern: &str,
    span: Span,
    problems: &mut Vec<IncludeProblem>,
    mount_problems: &mut Vec<MountProblem>,
) -> Vec<(PathBuf, Span)> {
    let container_path = ContainerView::container_path(pattern);
    if !glob::has_magic(&container_path) {
        return match view.locate(fs, &container_path) {
            Located::Host(path, mount) => vec![(path, mount)],
            Located::Image if is_stock(&container_path) => {
                problems.push(IncludeProblem {
                    span,
                    kind: IncludeProblemKind::Missing(container_path),
                });
                Vec::new()
            }
            Located::Image => {
                mount_problems.push(view.problem(
                    span,
                    "include",
                    container_path,
                    MountProblemKind::NotMounted,
                ));
                Vec::new()
            }
            Located::Problem(kind) => {
                mount_problems.push(view.problem(span, "include", container_path, kind));
                Vec::new()
            }
        };
    }
    // The fixed directories before the first wildcard, and the rest of the pattern.
    let fixed: PathBuf = Path::new(&container_path)
        .components()
        .take_while(|c| !glob::has_magic(&c.as_os_str().to_string_lossy()))
        .collect();
    let rest = Path::new(&container_path)
        .strip_prefix(&fixed)
        .unwrap_or(Path::new(""));
    match view.locate(fs, &fixed.to_string_lossy()) {
        Located::Host(dir, mount) => glob::expand(fs, &dir.join(rest))
            .into_iter()
            .map(|path| (path, mount))
            .collect(),
        Located::Image => Vec::new(),
        Located::Problem(kind) => {
            mount_problems.push(view.problem(span, "include", container_path, kind));
            Vec::new()
        }
    }
}

/// An include in a container whose mounted host file is missing, as a [`MountProblem`].
pub(super) fn missing_on_host(
    view: &ContainerView,
    span: Span,
    pattern: &str,
    host: String,
    mount: Span,
) -> MountProblem {
    view.problem(
        span,
        "include",
        ContainerView::container_path(pattern),
        MountProblemKind::MissingOnHost { host, mount },
    )
}

/// The host path a file argument of a root leads to: through the mounts in a container (`None` when it
/// resolves to nothing there), else against the prefix as includes are.
pub(super) fn host_path(
    fs: &dyn crate::Fs,
    view: Option<&ContainerView>,
    prefix: &Path,
    argument: &str,
) -> Option<PathBuf> {
    match view {
        Some(view) => match view.locate(fs, &ContainerView::container_path(argument)) {
            Located::Host(path, _) => Some(normalize(&path)),
            _ => None,
        },
        None => Some(normalize(&resolve(argument, prefix))),
    }
}

/// Every certificate, key and DH parameter file named in `tree` (a root's expanded tree), resolved and, for
/// certificates and keys, matched to the documents the walk loaded; plus the [`MountProblem`]s of those that resolve to nothing
/// through a container's mounts. `dirs` is the root's directory as read and as shown.
pub(super) fn tls_files(
    linker: &Linker<'_>,
    tree: &[Directive],
    view: Option<&ContainerView>,
    prefix: &Path,
    dirs: &(PathBuf, PathBuf),
) -> (Vec<TlsFile>, Vec<MountProblem>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    let mut stack: Vec<&[Directive]> = vec![tree];
    let mut found: Vec<&Directive> = Vec::new();
    while let Some(level) = stack.pop() {
        for directive in level {
            if let Some(children) = &directive.block {
                stack.push(children);
            } else if TLS_FILE_DIRECTIVES.contains(&directive.name()) {
                found.push(directive);
            }
        }
    }
    found.sort_by_key(|d| d.span);
    found.dedup_by_key(|d| d.span);
    for directive in found {
        let Some(argument) = directive.args.first() else {
            continue;
        };
        let mut file = TlsFile {
            span: argument.span,
            directive: directive.name().to_string(),
            path: None,
            document: None,
        };
        // A variable (`$ssl_server_name`), an inline `data:` value or an engine key names no file to read.
        let value = argument.value.as_str();
        if value.contains('$') || value.starts_with("data:") || value.starts_with("engine:") {
            files.push(file);
            continue;
        }
        let host = match view {
            Some(view) => {
                let container_path = ContainerView::container_path(value);
                // Ok: the host file to read; Err: nothing to read here, with the problem to say (if any).
                let located = match view.locate(linker.fs, &container_path) {
                    Located::Host(path, mount) => {
                        let path = normalize(&path);
                        if linker.fs.metadata(&path).is_ok() {
                            Ok(path)
                        } else {
                            let host = show(&path, &dirs.0, &dirs.1);
                            Err(Some(MountProblemKind::MissingOnHost { host, mount }))
                        }
                    }
                    // The image's own CA bundle: nothing of the project's to check.
                    Located::Image if SYSTEM_CA_BUNDLES.contains(&container_path.as_str()) => {
                        Err(None)
                    }
                    Located::Image => Err(Some(MountProblemKind::NotMounted)),
                    Located::Problem(kind) => Err(Some(kind)),
                };
                match located {
                    Ok(path) => path,
                    Err(problem) => {
                        if let Some(kind) = problem {
                            problems.push(view.problem(
                                argument.span,
                                directive.name(),
                                container_path,
                                kind,
                            ));
                        }
                        files.push(file);
                        continue;
                    }
                }
            }
            None => normalize(&resolve(value, prefix)),
        };
        file.path = Some(show(&host, &dirs.0, &dirs.1));
        // Only files the walk took: a key the walk skipped (git-ignored) is not read behind its back.
        file.document = linker.by_path.get(&host).copied();
        files.push(file);
    }
    (files, problems)
}
