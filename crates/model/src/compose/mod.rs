//! The compose model: a compose file's services as the Compose Specification defines them, with spans, after
//! interpolation, `extends` (same and other file), top-level `include:` and `env_file:`; and several files
//! merged in `-f` order as Docker Compose merges them ([`load_files`]).
//!
//! Variables come from the `.env` beside the file (the project directory) and never from the environment
//! shiplint runs in: a check must give the same result on every machine. A variable used without a value
//! is reported as information and replaced by an empty string, as Docker Compose does with a warning.
//!
//! Spans: everything read from the checked file points into it. Values brought in from another file (an
//! `extends: {file: ...}` base, an `include:`d file) point at the `extends` or `include` entry that brought
//! them in, so every span of a [`ComposeFile`] is in its own file. All file access goes through [`Fs`].

mod dotenv;
pub mod dump;
mod interpolate;
mod keys;
mod linked;
mod merge;
mod overrides;
mod ports;
mod problems;
mod service;
mod spec_keys;

pub use dotenv::EnvLine;
pub use interpolate::{Interpolated, interpolate};
pub use keys::UnknownKey;
pub use merge::overlay;
pub use overrides::Overrides;
pub(crate) use overrides::merge_overrides;
pub use ports::Port;
pub use problems::{Problem, ProblemKind};
pub use service::{
    Build, Dependency, EnvFileRef, EnvOrigin, EnvVar, Extends, Healthcheck, Mount, MountKind,
    Service, is_host_path,
};

use crate::fs::Fs;
use problems::Problems;
use shiplint_syntax::yaml::{self, DuplicateKey, Node, NodeKind, ScalarKind, YamlFile};
use shiplint_syntax::{FileId, Span, Spanned};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// How deep `extends` and `include` chains are followed (deeper is reported, never a hang).
const MAX_LINK_DEPTH: usize = 16;

/// One compose file and its services.
#[derive(Debug, Default)]
pub struct ComposeFile {
    /// The YAML as written (before interpolation): tree, syntax errors, comments.
    pub yaml: YamlFile,
    /// The directory relative paths and `.env` are read from.
    pub project_dir: PathBuf,
    /// The `version:` entry, if written (obsolete in the Compose Specification): its value, spanned on the key.
    pub version: Option<Spanned<String>>,
    /// `name:`.
    pub name: Option<Spanned<String>>,
    /// The services, in file order (included files' services after this file's own).
    pub services: Vec<Service>,
    /// Keys written twice in one mapping.
    pub duplicate_keys: Vec<DuplicateKey>,
    /// Plain scalars that YAML 1.1 reads as base-60 numbers, as `(path, scalar)`: the path says where
    /// (`services.web.ports`).
    pub base60: Vec<(String, Spanned<String>)>,
    /// Keys the Compose Specification does not allow where they are written.
    pub unknown_keys: Vec<UnknownKey>,
    /// What loading found wrong (invalid values, missing references) or worth saying (unset variables).
    pub problems: Vec<Problem>,
}

impl ComposeFile {
    /// Reads the compose file at `path` (text already read, parsed as `file`); `.env`, `env_file`,
    /// `extends` and `include` files are read through `fs`.
    pub fn load(fs: &dyn Fs, path: &Path, file: FileId, text: &str) -> ComposeFile {
        let project_dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let yaml = yaml::parse(file, text);
        let mut compose = ComposeFile {
            project_dir: project_dir.clone(),
            ..ComposeFile::default()
        };
        let Some(raw) = yaml.root.clone() else {
            compose.yaml = yaml;
            return compose;
        };
        compose.duplicate_keys = yaml::duplicate_keys(&raw);
        compose.base60 = base60_in(&raw, text);
        compose.unknown_keys = keys::unknown_keys(&raw);
        let mut problems = Problems::default();
        let (env, env_errors) = checked_dotenv_of(fs, &project_dir);
        // Compose refuses the whole project for a broken `.env`; the first key stands for the project.
        let site = raw
            .entries()
            .and_then(<[_]>::first)
            .map_or(raw.span, |e| e.key.span);
        for error in env_errors {
            problems.error(site, format!("the project's `.env` is not valid: {error}"));
        }
        let mut root = raw;
        interpolate_tree(&mut root, &env, &mut problems);
        compose.version = root
            .entry("version")
            .map(|e| Spanned::new(e.value.as_str().unwrap_or_default().to_string(), e.key.span));
        compose.name = root.get("name").and_then(service::text);
        if root.entries().is_none() && !root.is_null() {
            problems.error(
                root.span,
                format!(
                    "a compose file must be a mapping, not a {}",
                    root.type_name()
                ),
            );
        }
        let context = Context { fs, env: &env };
        compose.services = context.services(&root, &project_dir, &mut problems, 0);
        mark_literal_values(&mut compose.services, text);
        look_up_build_paths(fs, &mut compose.services);
        compose.problems = problems.items;
        compose.yaml = yaml;
        compose
    }

    /// The services written in this file (or brought in by `extends`), not those of `include`d files.
    pub fn own_services(&self) -> impl Iterator<Item = &Service> {
        self.services.iter().filter(|s| !s.included)
    }

    /// The service named `name` (own or included).
    pub fn service(&self, name: &str) -> Option<&Service> {
        self.services.iter().find(|s| s.name.value == name)
    }

    /// Spans of secret values (environment variables and build args with secret-looking names), masked in
    /// every output that shows source text.
    pub fn secret_spans(&self) -> Vec<Span> {
        let file = self.yaml.root.as_ref().map(|r| r.span.file);
        let mut spans: Vec<Span> = self
            .own_services()
            .flat_map(|s| {
                let env = s
                    .environment
                    .iter()
                    .filter(|v| v.origin == EnvOrigin::Inline)
                    .filter_map(|v| Some((&v.name, v.value.as_ref()?)))
                    // A bare name resolved from `.env` has no value written in this file.
                    .filter(|(name, value)| value.span != name.span);
                let args = s
                    .build
                    .iter()
                    .flat_map(|b| b.args.iter().filter_map(|(k, v)| Some((k, v.as_ref()?))));
                env.chain(args).collect::<Vec<_>>()
            })
            .filter(|(name, value)| {
                crate::secrets::is_secret_name(&name.value) && !value.span.is_empty()
            })
            .map(|(_, value)| value.span)
            .filter(|span| Some(span.file) == file)
            .collect();
        spans.sort();
        spans.dedup();
        spans
    }
}

/// The names `docker compose` looks for in a directory when no `-f` is given, in its order of preference.
const DEFAULT_NAMES: [&str; 4] = [
    "compose.yaml",
    "compose.yml",
    "docker-compose.yml",
    "docker-compose.yaml",
];

/// The files `docker compose` loads in `dir` without `-f`: the first of `compose.yaml`, `compose.yml`,
/// `docker-compose.yml`, `docker-compose.yaml` that exists, then its override (`compose.override.yaml`, ...,
/// same stem and extension rules) when one is beside it. Pass the result to [`load_files`].
pub fn default_files(fs: &dyn Fs, dir: &Path) -> Vec<PathBuf> {
    let exists = |path: &Path| fs.metadata(path).is_ok_and(|m| !m.is_dir);
    let Some(main) = DEFAULT_NAMES
        .iter()
        .map(|n| dir.join(n))
        .find(|p| exists(p))
    else {
        return Vec::new();
    };
    let main_name = main.file_name().unwrap_or_default().to_string_lossy();
    let over = override_names(&main_name)
        .iter()
        .map(|name| dir.join(name))
        .find(|p| exists(p));
    std::iter::once(main).chain(over).collect()
}

/// Whether `name` is one of the names `docker compose` loads without `-f`, in its order of preference (0 first).
pub fn default_rank(name: &str) -> Option<usize> {
    DEFAULT_NAMES.iter().position(|n| *n == name)
}

/// The override file names `docker compose` loads beside the main file `main_name`, preferred first:
/// `compose.override.yaml`/`.yml` beside `compose.*`, `docker-compose.override.*` beside `docker-compose.*`.
pub fn override_names(main_name: &str) -> [&'static str; 2] {
    if main_name.starts_with("docker-") {
        [
            "docker-compose.override.yaml",
            "docker-compose.override.yml",
        ]
    } else {
        ["compose.override.yaml", "compose.override.yml"]
    }
}

/// Several compose files merged in `-f` order, as `docker compose -f a -f b config` merges them: the
/// project directory (for `.env` and relative paths) is the first file's directory. `files[i]` is read
/// through `fs` and its spans carry `FileId(i)`. `Err` when a file cannot be read or does not parse.
pub fn load_files(fs: &dyn Fs, files: &[PathBuf]) -> Result<Vec<Service>, String> {
    let mut merged: Vec<Service> = Vec::new();
    let project_dir = files
        .first()
        .and_then(|f| f.parent())
        .map(Path::to_path_buf)
        .unwrap_or_default();
    for (index, path) in files.iter().enumerate() {
        let bytes = fs
            .read(path)
            .map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
        let text = String::from_utf8_lossy(&bytes);
        // Every file of a project reads the project's `.env` and resolves paths from its directory.
        let as_if_in_project = project_dir.join(path.file_name().unwrap_or_default());
        let compose = ComposeFile::load(fs, &as_if_in_project, FileId(index as u32), &text);
        let at = |span: Span| {
            let position = shiplint_syntax::LineIndex::new(&text).line_col(&text, span.start);
            format!("{}:{}:{}", path.display(), position.line, position.column)
        };
        if let Some(error) = compose.yaml.errors.first() {
            return Err(format!("{}: {}", at(error.span), error.message));
        }
        // Compose does not look into services of profiles that are not active (none is, here).
        let inactive: Vec<Span> = compose
            .services
            .iter()
            .filter(|s| !s.profiles.is_empty())
            .map(|s| s.span)
            .collect();
        let in_inactive = |span: Span| {
            inactive
                .iter()
                .any(|s| s.start <= span.start && span.end <= s.end)
        };
        if let Some(problem) = compose
            .problems
            .iter()
            .find(|p| p.kind == ProblemKind::Invalid && !in_inactive(p.span))
        {
            return Err(format!("{}: {}", at(problem.span), problem.message));
        }
        for service in compose.services {
            match merged
                .iter_mut()
                .find(|s| s.name.value == service.name.value)
            {
                Some(existing) => *existing = merge::overlay(existing, &service),
                None => merged.push(service),
            }
        }
    }
    Ok(merged)
}

/// `path` without `.` components and with `..` applied to the component before it (lexically, as Compose
/// joins relative paths), so the same file has one name whatever way it was reached.
pub fn normalize(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if matches!(out.components().next_back(), Some(Component::Normal(_))) {
                    out.pop();
                } else {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// The `.env` of a project directory as variables (none when there is no such file).
fn dotenv_of(fs: &dyn Fs, dir: &Path) -> BTreeMap<String, String> {
    checked_dotenv_of(fs, dir).0
}

/// The `.env` of a project directory as variables, with what makes Docker Compose refuse it.
fn checked_dotenv_of(fs: &dyn Fs, dir: &Path) -> (BTreeMap<String, String>, Vec<String>) {
    let bytes = match fs.read(&dir.join(".env")) {
        Ok(bytes) => bytes,
        // A `.env` linked to a file outside the project is said, not read.
        Err(error) if crate::OutsideRoot::is(&error) => {
            return (BTreeMap::new(), vec![error.to_string()]);
        }
        Err(_) => return Default::default(),
    };
    let (lines, errors) = dotenv::parse(&String::from_utf8_lossy(&bytes), &BTreeMap::new());
    (dotenv::to_map(&lines), errors)
}

/// Interpolates every string value (not keys) of the tree in place; records unset and required variables.
fn interpolate_tree(root: &mut Node, env: &BTreeMap<String, String>, problems: &mut Problems) {
    let mut stack = vec![root];
    while let Some(node) = stack.pop() {
        let span = node.span;
        match &mut node.kind {
            NodeKind::Scalar(scalar)
                if scalar.kind == ScalarKind::Str && scalar.text.contains('$') =>
            {
                let result = interpolate::interpolate(&scalar.text, env);
                for name in &result.unset {
                    problems.unset(span, name);
                }
                if let Some((name, message)) = result.required {
                    problems.error(
                        span,
                        format!("required variable `{name}` is not set: {message}"),
                    );
                }
                scalar.text = result.value;
            }
            NodeKind::Scalar(_) => {}
            NodeKind::Seq(items) => stack.extend(items.iter_mut()),
            NodeKind::Map(entries) => stack.extend(entries.iter_mut().map(|e| &mut e.value)),
        }
    }
}

/// Records whether each local build context and its Dockerfile exist.
fn look_up_build_paths(fs: &dyn Fs, services: &mut [Service]) {
    for build in services.iter_mut().filter_map(|s| s.build.as_mut()) {
        let Some(context) = build.context_path() else {
            continue;
        };
        let context_meta = fs.metadata(&context);
        if context_meta.as_ref().is_err_and(crate::OutsideRoot::is) {
            build.outside_root = true;
            continue;
        }
        let is_dir = context_meta.is_ok_and(|m| m.is_dir);
        build.context_exists = Some(is_dir);
        if is_dir && let Some(dockerfile) = build.dockerfile_path() {
            match fs.metadata(&dockerfile) {
                Err(error) if crate::OutsideRoot::is(&error) => build.outside_root = true,
                found => build.dockerfile_exists = Some(found.is_ok_and(|m| !m.is_dir)),
            }
        }
    }
}

/// An inline value is literal when it is written in this file (its span is its own, not the site of an
/// `extends` or `include` that brought it in) and holds no `$` reference.
fn mark_literal_values(services: &mut [Service], text: &str) {
    for var in services.iter_mut().flat_map(|s| s.environment.iter_mut()) {
        if var.origin != EnvOrigin::Inline {
            continue;
        }
        var.literal = var
            .value
            .as_ref()
            .is_some_and(|v| v.span != var.name.span && !v.span.text(text).contains('$'));
    }
}

/// Every span and use site of a tree moved to `site` (for nodes read from another file).
fn relocate(root: &mut Node, site: Span) {
    let mut stack = vec![root];
    while let Some(node) = stack.pop() {
        node.span = site;
        node.use_span = site;
        match &mut node.kind {
            NodeKind::Scalar(_) => {}
            NodeKind::Seq(items) => stack.extend(items.iter_mut()),
            NodeKind::Map(entries) => {
                stack.extend(entries.iter_mut().flat_map(|e| [&mut e.key, &mut e.value]))
            }
        }
    }
}

/// Base-60 plain scalars under `services` (the values a YAML 1.1 loader would turn into numbers).
fn base60_in(root: &Node, text: &str) -> Vec<(String, Spanned<String>)> {
    let mut out = Vec::new();
    for service in root
        .get("services")
        .and_then(Node::entries)
        .unwrap_or_default()
    {
        let name = service.key.as_str().unwrap_or_default();
        for entry in service.value.entries().unwrap_or_default() {
            let key = entry.key.as_str().unwrap_or_default();
            for node in yaml::base60_scalars(&entry.value, text) {
                let value = node.as_str().unwrap_or_default().to_string();
                out.push((
                    format!("services.{name}.{key}"),
                    Spanned::new(value, node.span),
                ));
            }
        }
    }
    out.sort_by_key(|(_, s)| s.span);
    out
}

/// What resolving links needs: the file system and the project's variables.
struct Context<'a> {
    fs: &'a dyn Fs,
    env: &'a BTreeMap<String, String>,
}

/// A file's service nodes by name, and the directory its relative paths start from.
struct Source {
    dir: PathBuf,
    nodes: Vec<(Spanned<String>, Node)>,
}

impl Source {
    fn of(root: &Node, dir: &Path) -> Source {
        let nodes = root
            .get("services")
            .and_then(Node::entries)
            .unwrap_or_default()
            .iter()
            .filter_map(|e| Some((service::text(&e.key)?, e.value.clone())))
            .collect();
        Source {
            dir: dir.to_path_buf(),
            nodes,
        }
    }
}

impl Context<'_> {
    /// The services of `root` (a file's interpolated tree), with `extends`, `include` and `env_file` applied.
    fn services(
        &self,
        root: &Node,
        dir: &Path,
        problems: &mut Problems,
        depth: usize,
    ) -> Vec<Service> {
        if let Some(services) = root.get("services")
            && services.entries().is_none()
            && !services.is_null()
        {
            problems.error(
                services.span,
                format!(
                    "`services` must be a mapping, not a {}",
                    services.type_name()
                ),
            );
        }
        let source = Source::of(root, dir);
        let mut services: Vec<Service> = source
            .nodes
            .iter()
            .map(|(name, _)| {
                let mut service =
                    self.resolve(&source, &name.value, problems, &mut Vec::new(), depth);
                self.apply_env_files(&mut service, dir, problems);
                service
            })
            .collect();
        for included in self.includes(root, dir, problems, depth) {
            if let Some(existing) = services
                .iter()
                .find(|s| s.name.value == included.name.value)
            {
                problems.error(
                    included.name.span,
                    format!(
                        "service `{}` is defined here and in an included file",
                        existing.name.value
                    ),
                );
            } else {
                services.push(included);
            }
        }
        services
    }

    /// The service `name` of `source`, with its `extends` chain merged in.
    fn resolve(
        &self,
        source: &Source,
        name: &str,
        problems: &mut Problems,
        visiting: &mut Vec<String>,
        depth: usize,
    ) -> Service {
        let Some((key, node)) = source.nodes.iter().find(|(k, _)| k.value == name) else {
            return Service::default();
        };
        let service = Service::from_node(key.clone(), node, &source.dir, problems);
        let Some(extends) = service.extends.clone() else {
            return service;
        };
        if visiting.iter().any(|v| v == name) || depth >= MAX_LINK_DEPTH {
            problems.error(
                extends.span,
                format!("`extends` of service `{name}` loops back to itself"),
            );
            return service;
        }
        visiting.push(name.to_string());
        let base = match &extends.file {
            None => Ok(source
                .nodes
                .iter()
                .any(|(k, _)| k.value == extends.service.value)
                .then(|| {
                    self.resolve(
                        source,
                        &extends.service.value,
                        problems,
                        visiting,
                        depth + 1,
                    )
                })),
            Some(file) => self.extends_from_file(source, &extends, file, problems, depth),
        };
        visiting.pop();
        match base {
            Ok(Some(base)) => merge::overlay(&base, &service),
            Err(message) => {
                problems.error(
                    extends.file.as_ref().map_or(extends.span, |f| f.span),
                    message,
                );
                service
            }
            Ok(None) => {
                problems.error(
                    extends.service.span,
                    format!(
                        "`extends` names service `{}`, which does not exist",
                        extends.service.value
                    ),
                );
                service
            }
        }
    }

    fn extends_from_file(
        &self,
        source: &Source,
        extends: &Extends,
        file: &Spanned<String>,
        problems: &mut Problems,
        depth: usize,
    ) -> Result<Option<Service>, String> {
        let path = normalize(&source.dir.join(&file.value));
        let (mut root, flaws) = self.read_tree(&path, extends.span)?;
        let name = &extends.service.value;
        // What is wrong in the other file may go unseen there (it need not be a checked file): what Compose
        // would refuse when extending this service is said here, at the reference.
        let mut found = Problems::default();
        interpolate_tree(&mut root, self.env, &mut found);
        let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let other = Source::of(&root, &dir);
        let base = other
            .nodes
            .iter()
            .any(|(k, _)| &k.value == name)
            .then(|| self.resolve(&other, name, &mut found, &mut Vec::new(), depth + 1));
        let flaws = flaws.iter().filter(|f| linked::concerns_service(f, name));
        let messages = flaws
            .map(|f| f.message.clone())
            .chain(invalid_messages(found));
        for message in messages {
            problems.error(
                file.span,
                format!("extended file `{}` is not valid: {message}", file.value),
            );
        }
        Ok(base)
    }

    /// Reads and parses another compose file, every span moved to `site`, with the flaws found in it.
    fn read_tree(&self, path: &Path, site: Span) -> Result<(Node, Vec<linked::Flaw>), String> {
        let bytes = self
            .fs
            .read(path)
            .map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
        let text = String::from_utf8_lossy(&bytes);
        let parsed = yaml::parse(site.file, &text);
        if let Some(error) = parsed.errors.first() {
            return Err(format!(
                "`{}` does not parse: {}",
                path.display(),
                error.message
            ));
        }
        let mut root = parsed.root.unwrap_or_else(|| empty_node(site));
        let flaws = linked::flaws_of(&root, &text);
        relocate(&mut root, site);
        Ok((root, flaws))
    }

    /// The services of the files a top-level `include:` names.
    fn includes(
        &self,
        root: &Node,
        dir: &Path,
        problems: &mut Problems,
        depth: usize,
    ) -> Vec<Service> {
        let Some(include) = root.get("include") else {
            return Vec::new();
        };
        let mut services = Vec::new();
        for item in include.items().unwrap_or_default() {
            let paths: Vec<Spanned<String>> = match service::text(item) {
                Some(path) => vec![path],
                None => item.get("path").map(service::strings).unwrap_or_default(),
            };
            for path in paths {
                if depth >= MAX_LINK_DEPTH {
                    problems.error(path.span, "`include` nests too deeply (a cycle?)");
                    continue;
                }
                let full = normalize(&dir.join(&path.value));
                let (mut included, flaws) = match self.read_tree(&full, item.span) {
                    Ok(read) => read,
                    Err(message) => {
                        problems.error(path.span, message);
                        continue;
                    }
                };
                let included_dir = full.parent().map(Path::to_path_buf).unwrap_or_default();
                let env = dotenv_of(self.fs, &included_dir);
                let env = if env.is_empty() {
                    self.env.clone()
                } else {
                    env
                };
                // As for `extends`: what Compose would refuse in the included file is said at the reference.
                let mut found = Problems::default();
                interpolate_tree(&mut included, &env, &mut found);
                let context = Context {
                    fs: self.fs,
                    env: &env,
                };
                let own = context.services(&included, &included_dir, &mut found, depth + 1);
                let messages = flaws
                    .into_iter()
                    .map(|f| f.message)
                    .chain(invalid_messages(found));
                for message in messages {
                    problems.error(
                        path.span,
                        format!("included file `{}` is not valid: {message}", path.value),
                    );
                }
                services.extend(own.into_iter().map(|s| Service {
                    included: true,
                    ..s
                }));
            }
        }
        services
    }

    /// Adds the variables of the service's `env_file`s before its own `environment` (which wins).
    fn apply_env_files(&self, service: &mut Service, dir: &Path, problems: &mut Problems) {
        let mut from_files = Vec::new();
        for reference in &service.env_files {
            let path = normalize(&dir.join(&reference.path.value));
            let bytes = match self.fs.read(&path) {
                Ok(bytes) => bytes,
                Err(_) if !reference.required => continue,
                Err(error) => {
                    problems.error(
                        reference.path.span,
                        format!(
                            "env file `{}` cannot be read: {error}",
                            reference.path.value
                        ),
                    );
                    continue;
                }
            };
            let (lines, errors) = dotenv::parse(&String::from_utf8_lossy(&bytes), self.env);
            for error in errors {
                problems.error(
                    reference.path.span,
                    format!("env file `{}` is not valid: {error}", reference.path.value),
                );
            }
            for line in lines {
                let value = line.value.or_else(|| self.env.get(&line.key).cloned());
                from_files.push(EnvVar {
                    name: Spanned::new(line.key, reference.path.span),
                    value: value.map(|v| Spanned::new(v, reference.path.span)),
                    literal: false,
                    origin: EnvOrigin::EnvFile {
                        line: u32::try_from(line.line).unwrap_or(u32::MAX),
                    },
                });
            }
        }
        // A name without a value takes the project's variable, as Docker Compose resolves it.
        for var in &mut service.environment {
            if var.value.is_none()
                && let Some(value) = self.env.get(&var.name.value)
            {
                var.value = Some(Spanned::new(value.clone(), var.name.span));
                var.literal = false;
            }
        }
        if !from_files.is_empty() {
            from_files.append(&mut service.environment);
            service.environment = from_files;
        }
    }
}

/// The messages of the problems that make Compose refuse a file (unset variables only warn).
fn invalid_messages(problems: Problems) -> impl Iterator<Item = String> {
    problems
        .items
        .into_iter()
        .filter(|p| p.kind == ProblemKind::Invalid)
        .map(|p| p.message)
}

fn empty_node(site: Span) -> Node {
    Node {
        kind: NodeKind::Map(Vec::new()),
        span: site,
        use_span: site,
    }
}

#[cfg(test)]
mod tests;
