//! Linking nginx files: which files are roots, expanding each root's includes in place (globs, relative
//! paths against the configuration prefix, absolute `/etc/nginx/...` paths mapped into it), loading included
//! files the walk did not find, and recording includes that resolve to nothing or loop.
//! A root that a compose service runs reads its paths through that service's volume mounts instead
//! ([`super::mounted`]).

use super::glob;
use super::mounted::{self, ContainerView, MountProblem, TlsFile};
use super::{Context, NginxConfig, NginxOptions, NginxVersion, Role, inner_context};
use crate::classify::FileKind;
use crate::fs::Fs;
use crate::project::{Content, Document, Project};
use shiplint_syntax::nginx::{Directive, NginxFile};
use shiplint_syntax::{FileId, SourceFile, Span, SyntaxError};
use std::collections::{BTreeSet, HashMap};
use std::path::{Component, Path, PathBuf};

/// Includes nested deeper than this (counting blocks too) are not expanded further.
const MAX_TREE_DEPTH: usize = 200;

/// Where nginx's own configuration lives on the machines these files are written for; absolute includes
/// under it are read from the prefix directory.
const NGINX_CONF_DIR: &str = "/etc/nginx";

/// Directories that, in the Debian and Alpine layouts, sit directly in the configuration prefix.
const PREFIX_CHILD_DIRS: &[&str] = &[
    "conf.d",
    "sites-enabled",
    "sites-available",
    "snippets",
    "http.d",
    "servers",
    "vhosts",
    "vhosts.d",
];

/// Files every nginx package installs next to nginx.conf (nginx's own `conf/`, Debian's `proxy_params` and
/// `snippets/`): a configuration may include them without shipping them.
pub(super) const STOCK_FILES: &[&str] = &[
    "mime.types",
    "fastcgi_params",
    "fastcgi.conf",
    "scgi_params",
    "uwsgi_params",
    "koi-utf",
    "koi-win",
    "win-utf",
    "proxy_params",
    "fastcgi-php.conf",
    "snakeoil.conf",
];

impl IncludeProblemKind {
    /// Whether this is a missing file that nginx packages install themselves (`mime.types`, ...).
    pub fn is_missing_stock_file(&self) -> bool {
        match self {
            IncludeProblemKind::Missing(path) => Path::new(path)
                .file_name()
                .is_some_and(|name| STOCK_FILES.contains(&name.to_string_lossy().as_ref())),
            _ => false,
        }
    }
}

/// An include that could not be followed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IncludeProblem {
    /// The include's argument.
    pub span: Span,
    /// What went wrong.
    pub kind: IncludeProblemKind,
}

/// Why an include could not be followed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IncludeProblemKind {
    /// A path without wildcards that names no file; the path it was resolved to.
    Missing(String),
    /// The file could not be read; the path and the reason.
    Unreadable(String, String),
    /// A file a wildcard include matched cannot be read (a symlink that leads nowhere or loops, a pipe): nginx
    /// fails to open it and refuses to start. The path and the reason.
    UnreadableMatch(String, String),
    /// The file is already being included further up: the chain of paths, ending with the repeated one.
    Cycle(Vec<String>),
    /// Nested (through includes and blocks) deeper than the limit.
    TooDeep,
}

/// Links the project's nginx files (see the module documentation). Reads included files through `fs`.
pub fn link(project: &mut Project, fs: &dyn Fs, options: &NginxOptions) {
    // Roots that a compose service runs read their paths through its mounts (computed before includes load
    // more documents: only files the walk found are mounted).
    let runners = crate::mounts::nginx_runners(project);
    let mut linker = Linker {
        fs,
        options,
        by_path: HashMap::new(),
    };
    for (index, document) in project.documents.iter().enumerate() {
        linker.by_path.insert(normalize(&document.path), index);
    }
    let nginx: Vec<usize> = (0..project.documents.len())
        .filter(|&i| project.documents[i].nginx().is_some())
        .collect();
    if nginx.is_empty() {
        return;
    }
    let mains: Vec<usize> = nginx
        .iter()
        .copied()
        .filter(|&i| {
            project.documents[i]
                .nginx()
                .is_some_and(NginxConfig::is_main)
        })
        .collect();
    let main_dirs: Vec<PathBuf> = mains
        .iter()
        .map(|&i| parent(&normalize(&project.documents[i].path)))
        .collect();

    let mut expanded: HashMap<usize, Expansion> = HashMap::new();
    let mut reached_from_mains = BTreeSet::new();
    for &main in &mains {
        let prefix = options
            .prefix
            .clone()
            .unwrap_or_else(|| parent(&normalize(&project.documents[main].path)));
        let view = ContainerView::of(project, &runners, main);
        let expansion = linker.expand_root(project, main, Context::Main, &prefix, view);
        reached_from_mains.extend(expansion.reached.iter().copied());
        expanded.insert(main, expansion);
    }
    // Every other file: expanded on its own, then a root unless another such file includes it.
    let others: Vec<usize> = nginx
        .iter()
        .copied()
        .filter(|i| !mains.contains(i) && !reached_from_mains.contains(i))
        .collect();
    for &other in &others {
        let path = normalize(&project.documents[other].path);
        let prefix = options
            .prefix
            .clone()
            .unwrap_or_else(|| standalone_prefix(&path, &main_dirs));
        let context = project.documents[other]
            .nginx()
            .map_or(Context::Http, |c| c.context);
        let view = ContainerView::of(project, &runners, other);
        let expansion = linker.expand_root(project, other, context, &prefix, view);
        expanded.insert(other, expansion);
    }
    // X is included when a main reaches it, or another file reaches it without X reaching that file back
    // (files that include each other are all roots: none would otherwise be checked).
    let reaches =
        |from: usize, to: usize| expanded.get(&from).is_some_and(|e| e.reached.contains(&to));
    let included: BTreeSet<usize> = nginx
        .iter()
        .copied()
        .filter(|i| !mains.contains(i))
        .filter(|&i| {
            reached_from_mains.contains(&i)
                || others
                    .iter()
                    .any(|&o| o != i && reaches(o, i) && !reaches(i, o))
        })
        .collect();
    // Precedence: `--nginx-version`, then the dump's header (both in `options`), then a compose image tag.
    let mut from_compose = super::compose_version::versions_from_compose(project, &runners);
    for index in 0..project.documents.len() {
        let Content::Nginx(config) = &mut project.documents[index].content else {
            continue;
        };
        config.version = options.version;
        config.version_origin = None;
        if config.version.is_none()
            && let Some((version, origin)) = from_compose.remove(&index)
        {
            config.version = Some(version);
            config.version_origin = Some(origin);
        }
        let inherit_known = config
            .version
            .is_none_or(NginxVersion::has_add_header_inherit);
        config.rejected = match (config.version, config.version_label()) {
            (Some(version), Some(label)) if !version.has_add_header_inherit() => {
                rejected_directives(&config.syntax, &label)
            }
            _ => Vec::new(),
        };
        let is_main = mains.contains(&index);
        let is_included = included.contains(&index);
        match expanded.remove(&index) {
            Some(expansion) if is_main || !is_included => {
                config.role = if is_main {
                    Role::Main
                } else {
                    Role::Standalone
                };
                config.effective =
                    super::Effective::build(&expansion.tree, config.context, inherit_known);
                config.dhparams = dhparams(fs, &expansion);
                config.runner = expansion.container.map(|view| view.runner);
                config.tls_files = expansion.tls_files;
                config.mount_problems = expansion.mount_problems;
                config.tree = expansion.tree;
                config.include_problems = expansion.problems;
            }
            _ => {
                config.role = Role::Included;
                config.tree = Vec::new();
                config.effective = super::Effective::default();
            }
        }
    }
}

/// The `add_header_inherit` directives of `file`, which the nginx named by `label` (older than 1.29.3)
/// does not know, as errors on their names.
fn rejected_directives(file: &NginxFile, label: &str) -> Vec<SyntaxError> {
    file.walk()
        .filter(|d| d.name() == "add_header_inherit")
        .map(|d| SyntaxError {
            span: d.name.span,
            message: format!(
                "unknown directive `add_header_inherit` for {label}: it exists from nginx 1.29.3, and older versions refuse to start on it"
            ),
        })
        .collect()
}

/// A root's tree with its includes expanded.
struct Expansion {
    tree: Vec<Directive>,
    /// The prefix relative paths resolved against.
    prefix: PathBuf,
    /// The root's directory as read and as shown.
    shown_dir: (PathBuf, PathBuf),
    problems: Vec<IncludeProblem>,
    /// Documents reached through includes.
    reached: BTreeSet<usize>,
    /// The container that runs the root, when a compose service does.
    container: Option<ContainerView>,
    /// Paths that resolve to nothing through that container's mounts.
    mount_problems: Vec<MountProblem>,
    /// The certificate, key and DH parameter files the tree names.
    tls_files: Vec<TlsFile>,
}

pub(super) struct Linker<'a> {
    pub(super) fs: &'a dyn Fs,
    options: &'a NginxOptions,
    pub(super) by_path: HashMap<PathBuf, usize>,
}

/// The state of one root's expansion.
struct Walk<'p> {
    prefix: &'p Path,
    /// The root's directory as read and as shown, so loaded files are shown like the root.
    shown_dir: (PathBuf, PathBuf),
    /// Documents being included, outermost first (cycle detection).
    chain: Vec<usize>,
    problems: Vec<IncludeProblem>,
    reached: BTreeSet<usize>,
    /// The container that runs the root: its paths are read through the mounts.
    container: Option<&'p ContainerView>,
    mount_problems: Vec<MountProblem>,
}

impl Linker<'_> {
    fn expand_root(
        &mut self,
        project: &mut Project,
        root: usize,
        context: Context,
        prefix: &Path,
        container: Option<ContainerView>,
    ) -> Expansion {
        let directives = project.documents[root]
            .nginx()
            .map(|c| c.syntax.directives.clone())
            .unwrap_or_default();
        let document = &project.documents[root];
        let shown_dir = (
            parent(&normalize(&document.path)),
            parent(Path::new(&project.files[root].path)),
        );
        let mut walk = Walk {
            prefix,
            shown_dir,
            chain: vec![root],
            problems: Vec::new(),
            reached: BTreeSet::new(),
            container: container.as_ref(),
            mount_problems: Vec::new(),
        };
        let tree = self.expand(project, &directives, context, 0, &mut walk);
        let mut problems = walk.problems;
        problems.dedup();
        let mut mount_problems = walk.mount_problems;
        let (tls_files, tls_problems) =
            mounted::tls_files(self, &tree, container.as_ref(), prefix, &walk.shown_dir);
        mount_problems.extend(tls_problems);
        mount_problems.sort_by_key(|p| p.span);
        mount_problems.dedup();
        Expansion {
            tree,
            prefix: prefix.to_path_buf(),
            shown_dir: walk.shown_dir,
            problems,
            reached: walk.reached,
            container,
            mount_problems,
            tls_files,
        }
    }

    fn expand(
        &mut self,
        project: &mut Project,
        directives: &[Directive],
        context: Context,
        depth: usize,
        walk: &mut Walk<'_>,
    ) -> Vec<Directive> {
        let mut out = Vec::with_capacity(directives.len());
        for directive in directives {
            if let Some(children) = &directive.block {
                let mut copy = directive.clone();
                copy.block = Some(if depth >= MAX_TREE_DEPTH {
                    Vec::new()
                } else {
                    let inner = inner_context(context, directive);
                    self.expand(project, children, inner, depth + 1, walk)
                });
                out.push(copy);
                continue;
            }
            out.push(directive.clone());
            if directive.name() == "include"
                && let Some(pattern) = directive.args.first()
            {
                self.include(
                    project,
                    &pattern.value,
                    pattern.span,
                    context,
                    depth,
                    walk,
                    &mut out,
                );
            }
        }
        out
    }

    #[allow(clippy::too_many_arguments)]
    fn include(
        &mut self,
        project: &mut Project,
        pattern: &str,
        span: Span,
        context: Context,
        depth: usize,
        walk: &mut Walk<'_>,
        out: &mut Vec<Directive>,
    ) {
        let paths: Vec<(PathBuf, Option<Span>)> = match walk.container {
            // Inside a container the mounts say where the path leads.
            Some(view) => mounted::include_targets(
                self.fs,
                view,
                pattern,
                span,
                &mut walk.problems,
                &mut walk.mount_problems,
            )
            .into_iter()
            .map(|(path, mount)| (path, Some(mount)))
            .collect(),
            None => {
                let resolved = resolve(pattern, walk.prefix);
                if glob::has_magic(pattern) {
                    let found = glob::expand(self.fs, &resolved);
                    if found.is_empty()
                        && let Some(error) = glob::refused_base(self.fs, &resolved)
                    {
                        let shown =
                            show(&normalize(&resolved), &walk.shown_dir.0, &walk.shown_dir.1);
                        walk.problems.push(IncludeProblem {
                            span,
                            kind: IncludeProblemKind::Unreadable(shown, error.to_string()),
                        });
                    }
                    found
                } else {
                    vec![resolved]
                }
                .into_iter()
                .map(|path| (path, None))
                .collect()
            }
        };
        let matched = glob::has_magic(pattern);
        for (path, mount) in paths {
            let index = match self.load(project, &path, &walk.shown_dir, matched) {
                Ok(index) => index,
                Err(IncludeProblemKind::Missing(host))
                    if let (Some(view), Some(mount)) = (walk.container, mount) =>
                {
                    let problem = mounted::missing_on_host(view, span, pattern, host, mount);
                    walk.mount_problems.push(problem);
                    continue;
                }
                Err(kind) => {
                    walk.problems.push(IncludeProblem { span, kind });
                    continue;
                }
            };
            if walk.chain.contains(&index) {
                let mut chain: Vec<String> = walk
                    .chain
                    .iter()
                    .map(|&i| project.files[i].path.clone())
                    .collect();
                chain.push(project.files[index].path.clone());
                walk.problems.push(IncludeProblem {
                    span,
                    kind: IncludeProblemKind::Cycle(chain),
                });
                continue;
            }
            if depth >= MAX_TREE_DEPTH {
                walk.problems.push(IncludeProblem {
                    span,
                    kind: IncludeProblemKind::TooDeep,
                });
                continue;
            }
            walk.reached.insert(index);
            let directives = match project.documents[index].nginx() {
                Some(config) => config.syntax.directives.clone(),
                // A file classified as something else: read as nginx here, in its include site.
                None => {
                    let file = &project.files[index];
                    NginxConfig::build(file.id, &file.text).syntax.directives
                }
            };
            walk.chain.push(index);
            let inner = self.expand(project, &directives, context, depth + 1, walk);
            walk.chain.pop();
            out.extend(inner);
        }
    }

    /// The document at `path`, loading it through the file system when the walk did not find it. `matched`:
    /// the path is a wildcard's match, so it is listed in its directory even when opening it fails.
    fn load(
        &mut self,
        project: &mut Project,
        path: &Path,
        (dir, shown_dir): &(PathBuf, PathBuf),
        matched: bool,
    ) -> Result<usize, IncludeProblemKind> {
        let key = normalize(path);
        if let Some(&index) = self.by_path.get(&key) {
            return Ok(index);
        }
        let shown = show(&key, dir, shown_dir);
        let unreadable = |shown: String, reason: String| match matched {
            true => IncludeProblemKind::UnreadableMatch(shown, reason),
            false => IncludeProblemKind::Unreadable(shown, reason),
        };
        match self.fs.metadata(&key) {
            Ok(meta) if !meta.is_dir => {}
            Ok(_) => return Err(unreadable(shown, "is a directory".to_string())),
            // Listed, yet nothing there: the name is a symlink whose target does not exist.
            Err(error) if is_missing(&error) && matched => {
                return Err(unreadable(
                    shown,
                    "it is a symbolic link to nothing".to_string(),
                ));
            }
            Err(error) if is_missing(&error) => return Err(IncludeProblemKind::Missing(shown)),
            // Outside the project root, a symlink loop, no permission.
            Err(error) => return Err(unreadable(shown, error.to_string())),
        }
        let bytes = self
            .fs
            .read(&key)
            .map_err(|e| unreadable(shown.clone(), e.to_string()))?;
        let text = String::from_utf8(bytes)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        let index = project.documents.len();
        let id = FileId(index as u32);
        let mut config = NginxConfig::build(id, &text);
        config.version = self.options.version;
        project.files.push(SourceFile::new(id, shown, text));
        project.documents.push(Document {
            file: id,
            path: key.clone(),
            kind: FileKind::Nginx,
            content: Content::Nginx(Box::new(config)),
        });
        self.by_path.insert(key, index);
        Ok(index)
    }
}

/// Whether a path's lookup failed because nothing is there (rather than because it cannot be followed).
fn is_missing(error: &std::io::Error) -> bool {
    matches!(
        error.kind(),
        std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
    )
}

/// A resolved path as reports show it: like the root configuration is shown (relative to the working directory
/// when it is under it), so no absolute path of the machine that ran the check leaks into a report.
pub(super) fn show(path: &Path, dir: &Path, shown_dir: &Path) -> String {
    if dir.as_os_str().is_empty() {
        return path.to_string_lossy().into_owned();
    }
    // Beside the directory (`certs/` next to `conf.d/`): climb as far as the shown form names directories, so
    // a file of the same tree is shown the way the tree is, never as a path of the checking machine.
    let (mut up, mut shown) = (dir, shown_dir.to_path_buf());
    loop {
        if let Ok(rest) = path.strip_prefix(up) {
            return shown.join(rest).to_string_lossy().into_owned();
        }
        let named = matches!(shown.components().next_back(), Some(Component::Normal(_)));
        match up.parent() {
            Some(parent) if named => {
                up = parent;
                shown.pop();
            }
            // Outside the tree as shown: the path as the configuration leads to it.
            _ => return path.to_string_lossy().into_owned(),
        }
    }
}

/// The `ssl_dhparam` files of an expanded tree, resolved like includes and measured.
fn dhparams(fs: &dyn Fs, expansion: &Expansion) -> Vec<super::DhParam> {
    let (dir, shown_dir) = &expansion.shown_dir;
    let mut out = Vec::new();
    let mut stack: Vec<&[Directive]> = vec![&expansion.tree];
    while let Some(level) = stack.pop() {
        for directive in level {
            if let Some(children) = &directive.block {
                stack.push(children);
            } else if directive.name() == "ssl_dhparam"
                && let Some(path) = directive.args.first()
            {
                // In a container, a path that resolves to nothing through the mounts is a mount problem.
                let Some(resolved) = mounted::host_path(
                    fs,
                    expansion.container.as_ref(),
                    &expansion.prefix,
                    &path.value,
                ) else {
                    continue;
                };
                out.push(super::DhParam {
                    span: path.span,
                    path: show(&resolved, dir, shown_dir),
                    bits: super::dhparam::measure(fs, &resolved),
                });
            }
        }
    }
    out.sort_by_key(|d| d.span);
    out
}

/// Where an include's path points: relative to the prefix; `/etc/nginx/...` inside the prefix; other
/// absolute paths as they are.
pub(super) fn resolve(pattern: &str, prefix: &Path) -> PathBuf {
    let path = Path::new(pattern);
    if let Ok(rest) = path.strip_prefix(NGINX_CONF_DIR) {
        return prefix.join(rest);
    }
    if path.is_absolute() {
        return path.to_path_buf();
    }
    prefix.join(path)
}

/// The prefix of a file nothing includes: the directory of the nearest main configuration above it, else its
/// own directory (or that directory's parent, for the Debian/Alpine `conf.d`, `sites-enabled`, ... dirs).
fn standalone_prefix(path: &Path, main_dirs: &[PathBuf]) -> PathBuf {
    let dir = parent(path);
    if let Some(main) = main_dirs
        .iter()
        .filter(|m| dir.starts_with(m))
        .max_by_key(|m| m.components().count())
    {
        return main.clone();
    }
    let name = dir.file_name().map(|n| n.to_string_lossy().into_owned());
    if name.is_some_and(|n| PREFIX_CHILD_DIRS.contains(&n.as_str())) {
        return parent(&dir);
    }
    dir
}

fn parent(path: &Path) -> PathBuf {
    path.parent().map(Path::to_path_buf).unwrap_or_default()
}

/// `a/./b/../c` -> `a/c`, lexically (leading `..` kept).
pub(crate) fn normalize(path: &Path) -> PathBuf {
    let mut out: Vec<Component<'_>> = Vec::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => match out.last() {
                Some(Component::Normal(_)) => {
                    out.pop();
                }
                Some(Component::RootDir | Component::Prefix(_)) => {}
                _ => out.push(component),
            },
            other => out.push(other),
        }
    }
    out.iter().map(|c| c.as_os_str()).collect()
}
