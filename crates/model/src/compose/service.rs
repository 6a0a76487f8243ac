//! A compose service as the Compose Specification defines it, with spans, read from its YAML node.

use super::ports::{Port, parse_port_node};
use super::problems::Problems;
use shiplint_syntax::yaml::{Node, NodeKind, ScalarKind};
use shiplint_syntax::{Span, Spanned};

/// One service.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Service {
    /// Its name (the key under `services:`).
    pub name: Spanned<String>,
    /// The whole service mapping.
    pub span: Span,
    /// `image:`.
    pub image: Option<Spanned<String>>,
    /// `build:` (short form: the context).
    pub build: Option<Build>,
    /// `ports:`, one entry per mapped port (short-syntax ranges expanded as Docker Compose expands them).
    pub ports: Vec<Port>,
    /// `expose:`.
    pub expose: Vec<Spanned<String>>,
    /// `environment:` then `env_file:` variables, in the order Compose applies them (later wins).
    pub environment: Vec<EnvVar>,
    /// `env_file:` references.
    pub env_files: Vec<EnvFileRef>,
    /// `depends_on:`.
    pub depends_on: Vec<Dependency>,
    /// `healthcheck:`.
    pub healthcheck: Option<Healthcheck>,
    /// `user:`.
    pub user: Option<Spanned<String>>,
    /// `privileged:`.
    pub privileged: Option<Spanned<bool>>,
    /// `cap_add:`.
    pub cap_add: Vec<Spanned<String>>,
    /// `network_mode:`.
    pub network_mode: Option<Spanned<String>>,
    /// `pid:`.
    pub pid: Option<Spanned<String>>,
    /// `ipc:`.
    pub ipc: Option<Spanned<String>>,
    /// `volumes:`.
    pub volumes: Vec<Mount>,
    /// `secrets:` (the secret names).
    pub secrets: Vec<Spanned<String>>,
    /// `command:` (a string, or the list form's words).
    pub command: Option<Spanned<Vec<String>>>,
    /// `entrypoint:`.
    pub entrypoint: Option<Spanned<Vec<String>>>,
    /// `profiles:`.
    pub profiles: Vec<Spanned<String>>,
    /// `restart:`.
    pub restart: Option<Spanned<String>>,
    /// `extends:`: the service (and file) this one starts from.
    pub extends: Option<Extends>,
    /// Brought in by a top-level `include:` (its spans point at the `include` entry); that file is checked
    /// on its own, so per-service rules skip it here.
    pub included: bool,
    /// This service with the override file beside its compose file merged in, when that file defines it too
    /// (see [`Service::merged`]). The fields above stay as this file writes them.
    pub run: Option<Box<Service>>,
}

/// `build:`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Build {
    /// The whole `build` value.
    pub span: Span,
    /// `context` (`.` when absent), as written.
    pub context: Spanned<String>,
    /// `dockerfile`, as written.
    pub dockerfile: Option<Spanned<String>>,
    /// `dockerfile_inline` is set (then no Dockerfile is read from the context).
    pub inline: bool,
    /// `target`: the stage that ships.
    pub target: Option<Spanned<String>>,
    /// `args`, in order; `None` value for a bare name.
    pub args: Vec<(Spanned<String>, Option<Spanned<String>>)>,
    /// The directory relative paths are resolved against (the compose file's project directory).
    pub base_dir: std::path::PathBuf,
    /// Whether the context directory exists (`None`: a remote context, or not looked at).
    pub context_exists: Option<bool>,
    /// Whether the Dockerfile exists in the context (`None`: inline, remote, or no context to look in).
    pub dockerfile_exists: Option<bool>,
    /// The context or its Dockerfile resolves outside the project root, so it was not looked at (then both
    /// `*_exists` fields are `None` from that point).
    pub outside_root: bool,
}

impl Build {
    /// The build context on disk, when it is a local path (not a Git or HTTP URL).
    pub fn context_path(&self) -> Option<std::path::PathBuf> {
        let context = self.context.value.as_str();
        let remote =
            context.contains("://") || context.starts_with("git@") || context.ends_with(".git");
        (!remote).then(|| super::normalize(&self.base_dir.join(context)))
    }

    /// The Dockerfile on disk: `dockerfile` relative to the context, `Dockerfile` when absent.
    pub fn dockerfile_path(&self) -> Option<std::path::PathBuf> {
        if self.inline {
            return None;
        }
        // An empty `dockerfile` (a variable without a value) means the default, as in Compose.
        let name = self
            .dockerfile
            .as_ref()
            .map(|d| d.value.as_str())
            .filter(|d| !d.is_empty())
            .unwrap_or("Dockerfile");
        Some(super::normalize(&self.context_path()?.join(name)))
    }
}

/// Where an environment variable was set.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum EnvOrigin {
    /// In the compose file's `environment:`.
    Inline,
    /// In an `env_file:`, on this 1-based line of it.
    EnvFile {
        /// The line.
        line: u32,
    },
}

/// One environment variable.
#[derive(Clone, Debug, PartialEq)]
pub struct EnvVar {
    /// The name (for an `env_file` variable: the span of the `env_file` entry).
    pub name: Spanned<String>,
    /// The value after interpolation; `None` when only the name is given (the value would come from the
    /// environment `docker compose` runs in).
    pub value: Option<Spanned<String>>,
    /// Whether the value was written literally (no `${...}` in it) in the compose file.
    pub literal: bool,
    /// Where it was set.
    pub origin: EnvOrigin,
}

/// An `env_file:` entry.
#[derive(Clone, Debug, PartialEq)]
pub struct EnvFileRef {
    /// The path as written.
    pub path: Spanned<String>,
    /// `required: false` lets the file be missing.
    pub required: bool,
}

/// A `depends_on:` entry.
#[derive(Clone, Debug, PartialEq)]
pub struct Dependency {
    /// The service depended on.
    pub service: Spanned<String>,
    /// `condition:` (`service_started` when absent, as in the list form).
    pub condition: Option<Spanned<String>>,
}

/// `healthcheck:`.
#[derive(Clone, Debug, PartialEq)]
pub struct Healthcheck {
    /// The whole healthcheck.
    pub span: Span,
    /// `disable: true` or a `test: ["NONE"]`.
    pub disabled: bool,
}

/// The kind of a `volumes:` entry.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum MountKind {
    /// A host path mounted into the container.
    Bind,
    /// A named or anonymous volume.
    Volume,
    /// A tmpfs.
    Tmpfs,
    /// Another type (`npipe`, `cluster`, `image`).
    Other,
}

/// A `volumes:` entry.
#[derive(Clone, Debug, PartialEq)]
pub struct Mount {
    /// What is mounted.
    pub kind: MountKind,
    /// The host path or volume name (absent for an anonymous volume or a tmpfs).
    pub source: Option<Spanned<String>>,
    /// The path inside the container.
    pub target: Spanned<String>,
    /// Mounted read-only.
    pub read_only: bool,
    /// The whole entry.
    pub span: Span,
}

/// `extends:`.
#[derive(Clone, Debug, PartialEq)]
pub struct Extends {
    /// The service extended.
    pub service: Spanned<String>,
    /// The file it is in, when not this one.
    pub file: Option<Spanned<String>>,
    /// The whole `extends` value.
    pub span: Span,
}

/// A scalar node's text as a spanned string (numbers and booleans as written resolved; null is absent).
pub(crate) fn text(node: &Node) -> Option<Spanned<String>> {
    node.as_str()
        .map(|s| Spanned::new(s.to_string(), node.span))
}

/// A string-or-list node's items as spanned strings.
pub(crate) fn strings(node: &Node) -> Vec<Spanned<String>> {
    match &node.kind {
        NodeKind::Seq(items) => items.iter().filter_map(text).collect(),
        NodeKind::Scalar(_) => text(node).into_iter().collect(),
        NodeKind::Map(_) => Vec::new(),
    }
}

fn bool_value(node: &Node) -> Option<Spanned<bool>> {
    let scalar = node.scalar()?;
    let value = match (scalar.kind, scalar.text.as_str()) {
        (ScalarKind::Bool, text) => text == "true",
        (ScalarKind::Str, "true" | "True" | "TRUE") => true,
        (ScalarKind::Str, "false" | "False" | "FALSE") => false,
        _ => return None,
    };
    Some(Spanned::new(value, node.span))
}

/// Splits a string command into words as Compose does (shell-like: quotes group, a backslash escapes;
/// no expansion, no operators).
fn split_words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut quote: Option<char> = None;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some('"'), '\\') | (None, '\\') => {
                if let Some(next) = chars.next() {
                    word.push(next);
                }
                in_word = true;
            }
            (Some(_), c) => word.push(c),
            (None, '\'' | '"') => {
                quote = Some(c);
                in_word = true;
            }
            (None, c) if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            (None, c) => {
                word.push(c);
                in_word = true;
            }
        }
    }
    if in_word {
        words.push(word);
    }
    words
}

/// A command or entrypoint: a list of words, or a string split into words.
fn command(node: &Node) -> Option<Spanned<Vec<String>>> {
    match &node.kind {
        NodeKind::Seq(items) => Some(Spanned::new(
            items
                .iter()
                .filter_map(|i| i.as_str().map(str::to_string))
                .collect(),
            node.span,
        )),
        NodeKind::Scalar(_) => node
            .as_str()
            .map(|s| Spanned::new(split_words(s), node.span)),
        NodeKind::Map(_) => None,
    }
}

impl Service {
    /// The service as `docker compose` runs it: with the override file loaded beside this one merged in, when
    /// that file defines it too; else this service. Merged entries keep the spans of the file that wrote them.
    pub fn merged(&self) -> &Service {
        self.run.as_deref().unwrap_or(self)
    }

    /// Reads a service from its mapping node. `base_dir` is the directory relative paths start from.
    pub(crate) fn from_node(
        name: Spanned<String>,
        node: &Node,
        base_dir: &std::path::Path,
        problems: &mut Problems,
    ) -> Service {
        let mut service = Service {
            name,
            span: node.span,
            ..Service::default()
        };
        let Some(entries) = node.entries() else {
            if !node.is_null() {
                problems.error(
                    node.span,
                    format!(
                        "service `{}` must be a mapping, not a {}",
                        service.name.value,
                        node.type_name()
                    ),
                );
            }
            return service;
        };
        for entry in entries {
            let Some(key) = entry.key.as_str() else {
                continue;
            };
            let value = &entry.value;
            match key {
                "image" => service.image = text(value),
                "build" => service.build = Some(build(value, base_dir)),
                "ports" => {
                    for item in value.items().unwrap_or_default() {
                        match parse_port_node(item) {
                            Ok(ports) => {
                                // Compose keeps one of identical mappings (`3000` and `3000-3005`).
                                for port in ports {
                                    if !service.ports.iter().any(|p| p.same_mapping(&port)) {
                                        service.ports.push(port);
                                    }
                                }
                            }
                            Err(message) => problems.error(item.span, message),
                        }
                    }
                }
                "expose" => service.expose = strings(value),
                "environment" => service.environment = environment(value),
                "env_file" => service.env_files = env_files(value),
                "depends_on" => service.depends_on = depends_on(value),
                "healthcheck" => service.healthcheck = Some(healthcheck(value)),
                "user" => service.user = text(value),
                "privileged" => service.privileged = bool_value(value),
                "cap_add" => service.cap_add = strings(value),
                "network_mode" => service.network_mode = text(value),
                "pid" => service.pid = text(value),
                "ipc" => service.ipc = text(value),
                "volumes" => {
                    service.volumes = value
                        .items()
                        .unwrap_or_default()
                        .iter()
                        .filter_map(mount)
                        .collect()
                }
                "secrets" => service.secrets = secrets(value),
                "command" => service.command = command(value),
                "entrypoint" => service.entrypoint = command(value),
                "profiles" => service.profiles = strings(value),
                "restart" => service.restart = text(value),
                "extends" => service.extends = extends(value),
                _ => {}
            }
        }
        service
    }
}

fn build(node: &Node, base_dir: &std::path::Path) -> Build {
    let mut build = Build {
        span: node.span,
        context: Spanned::new(".".to_string(), node.span),
        base_dir: base_dir.to_path_buf(),
        ..Build::default()
    };
    if let Some(context) = text(node) {
        build.context = context;
        return build;
    }
    if let Some(context) = node.get("context").and_then(text) {
        build.context = context;
    }
    build.dockerfile = node.get("dockerfile").and_then(text);
    build.inline = node.get("dockerfile_inline").is_some_and(|n| !n.is_null());
    build.target = node.get("target").and_then(text);
    if let Some(args) = node.get("args") {
        build.args = key_values(args)
            .into_iter()
            .map(|(k, v, _)| (k, v))
            .collect();
    }
    build
}

/// The span of bytes `from..to` of a scalar's value, inside the scalar's span (after an opening quote),
/// clamped to it (an escape or an interpolation can make the value longer than its source).
pub(crate) fn inner_span(node: &Node, value_len: usize) -> impl Fn(usize, usize) -> Span {
    let span = node.span;
    let quoted = span.len() != value_len;
    let start = span.start as usize + usize::from(quoted);
    let end = span.end as usize - usize::from(quoted && span.len() >= 2);
    move |from, to| {
        let a = (start + from).min(end);
        let b = (start + to).min(end).max(a);
        Span::new(span.file, a, b)
    }
}

/// A list-or-map of `KEY=VALUE` pairs (environment, args, labels): name, value, and whether the value was
/// written in the source (not only the name).
fn key_values(node: &Node) -> Vec<(Spanned<String>, Option<Spanned<String>>, bool)> {
    match &node.kind {
        NodeKind::Map(entries) => entries
            .iter()
            .filter_map(|e| {
                let key = text(&e.key)?;
                let value = if e.value.is_null() {
                    None
                } else {
                    Some(Spanned::new(
                        e.value.scalar().map(|s| s.text.clone()).unwrap_or_default(),
                        e.value.span,
                    ))
                };
                Some((key, value, true))
            })
            .collect(),
        NodeKind::Seq(items) => items
            .iter()
            .filter_map(|item| {
                let whole = item.as_str()?;
                let piece = inner_span(item, whole.len());
                Some(match whole.split_once('=') {
                    Some((k, v)) => (
                        Spanned::new(k.to_string(), piece(0, k.len())),
                        Some(Spanned::new(v.to_string(), piece(k.len() + 1, whole.len()))),
                        true,
                    ),
                    None => (
                        Spanned::new(whole.to_string(), piece(0, whole.len())),
                        None,
                        false,
                    ),
                })
            })
            .collect(),
        NodeKind::Scalar(_) => Vec::new(),
    }
}

fn environment(node: &Node) -> Vec<EnvVar> {
    key_values(node)
        .into_iter()
        .map(|(name, value, _)| EnvVar {
            name,
            value,
            literal: true,
            origin: EnvOrigin::Inline,
        })
        .collect()
}

fn env_files(node: &Node) -> Vec<EnvFileRef> {
    let items: Vec<&Node> = match &node.kind {
        NodeKind::Seq(items) => items.iter().collect(),
        _ => vec![node],
    };
    items
        .into_iter()
        .filter_map(|item| {
            if let Some(path) = text(item) {
                return Some(EnvFileRef {
                    path,
                    required: true,
                });
            }
            let path = item.get("path").and_then(text)?;
            let required = item
                .get("required")
                .and_then(bool_value)
                .is_none_or(|r| r.value);
            Some(EnvFileRef { path, required })
        })
        .collect()
}

fn depends_on(node: &Node) -> Vec<Dependency> {
    match &node.kind {
        NodeKind::Seq(items) => items
            .iter()
            .filter_map(text)
            .map(|service| Dependency {
                service,
                condition: None,
            })
            .collect(),
        NodeKind::Map(entries) => entries
            .iter()
            .filter_map(|e| {
                Some(Dependency {
                    service: text(&e.key)?,
                    condition: e.value.get("condition").and_then(text),
                })
            })
            .collect(),
        NodeKind::Scalar(_) => Vec::new(),
    }
}

fn healthcheck(node: &Node) -> Healthcheck {
    let disabled = node
        .get("disable")
        .and_then(bool_value)
        .is_some_and(|d| d.value)
        || node
            .get("test")
            .map(strings)
            .is_some_and(|t| t.first().is_some_and(|w| w.value == "NONE"));
    Healthcheck {
        span: node.span,
        disabled,
    }
}

fn secrets(node: &Node) -> Vec<Spanned<String>> {
    node.items()
        .unwrap_or_default()
        .iter()
        .filter_map(|item| text(item).or_else(|| item.get("source").and_then(text)))
        .collect()
}

fn extends(node: &Node) -> Option<Extends> {
    if let Some(service) = text(node) {
        return Some(Extends {
            service,
            file: None,
            span: node.span,
        });
    }
    Some(Extends {
        service: node.get("service").and_then(text)?,
        file: node.get("file").and_then(text),
        span: node.span,
    })
}

/// A `volumes:` entry, short (`SRC:DST[:MODE]`) or long syntax.
fn mount(item: &Node) -> Option<Mount> {
    if let Some(spec) = item.as_str() {
        let span_of = inner_span(item, spec.len());
        let piece = |from: usize, text: &str| {
            Spanned::new(text.to_string(), span_of(from, from + text.len()))
        };
        let parts = split_volume(spec);
        let (source, target, mode) = match parts.as_slice() {
            [target] => (None, piece(0, target), ""),
            [source, target] => (Some(piece(0, source)), piece(source.len() + 1, target), ""),
            [source, target, mode, ..] => (
                Some(piece(0, source)),
                piece(source.len() + 1, target),
                *mode,
            ),
            [] => return None,
        };
        let kind = match &source {
            Some(s) if is_host_path(&s.value) => MountKind::Bind,
            _ => MountKind::Volume,
        };
        return Some(Mount {
            kind,
            source,
            target,
            read_only: mode.split(',').any(|m| m == "ro"),
            span: item.span,
        });
    }
    let kind = match item.get("type").and_then(Node::as_str) {
        Some("bind") => MountKind::Bind,
        Some("volume") => MountKind::Volume,
        Some("tmpfs") => MountKind::Tmpfs,
        _ => MountKind::Other,
    };
    Some(Mount {
        kind,
        source: item.get("source").and_then(text),
        target: item.get("target").and_then(text)?,
        read_only: item
            .get("read_only")
            .and_then(bool_value)
            .is_some_and(|r| r.value),
        span: item.span,
    })
}

/// Splits a short volume spec on `:`, keeping a Windows drive letter (`C:\data`) with its path.
fn split_volume(spec: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    let bytes = spec.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b != b':' {
            continue;
        }
        let drive = i == start + 1
            && bytes[start].is_ascii_alphabetic()
            && matches!(bytes.get(i + 1), Some(b'\\' | b'/'));
        if !drive {
            parts.push(&spec[start..i]);
            start = i + 1;
        }
    }
    parts.push(&spec[start..]);
    parts
}

/// Whether a short-syntax volume source is a host path (a bind mount) rather than a volume name.
pub fn is_host_path(source: &str) -> bool {
    source.starts_with(['/', '.', '~', '$', '\\']) || source.as_bytes().get(1) == Some(&b':')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_split_like_a_shell() {
        assert_eq!(
            split_words(r#"sh -c 'echo "a b"' x\ y "" end"#),
            ["sh", "-c", "echo \"a b\"", "x y", "", "end"]
        );
    }
}
