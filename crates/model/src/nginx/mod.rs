//! The nginx model: each file's parse, the include graph that places every file in the context of its include
//! site, and the effective configuration (what applies in each server and location after inheritance).
//!
//! Linking ([`link`]) runs once the project is loaded: main configurations (a top-level `http` or `events`
//! block) and orphan snippets become roots whose includes are expanded in place; a file reached through an
//! include is checked through its includer, in that context. Missing includes and cycles are recorded on the
//! include line.

mod ciphers;
mod compose_version;
mod dhparam;
mod dump;
mod effective;
mod glob;
mod include;
mod secrets;
mod version;

pub use ciphers::{MinVersion, SUITES, Suite, expand as expand_ciphers, legacy_terms};
pub use compose_version::ImageOrigin;
pub use dhparam::DhParam;
pub use dump::{NginxDump, split_dump};
pub use effective::{
    AddHeader, Effective, HeaderSet, Listen, Location, LocationKind, ProxyPass, Server, Settings,
    Upstream, Value,
};
pub use include::{IncludeProblem, IncludeProblemKind, link};
pub use version::{NginxVersion, is_nginx_image};

pub(crate) use include::normalize;

use shiplint_syntax::nginx::{Directive, NginxFile};
use shiplint_syntax::{FileId, Span, SyntaxError};
use std::path::PathBuf;

/// How nginx files are linked: the `--nginx-prefix` and `--nginx-version` options.
#[derive(Clone, Debug, Default)]
pub struct NginxOptions {
    /// The directory relative includes resolve against (nginx's configuration prefix), instead of the main
    /// configuration's own directory. Absolute includes under `/etc/nginx/` are mapped into it too.
    pub prefix: Option<PathBuf>,
    /// The nginx version whose built-in defaults apply (`--nginx-version`, or the `nginx -V`/`-T` header).
    pub version: Option<NginxVersion>,
}

/// Where a file sits in the include graph.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Role {
    /// A main configuration (top-level `http` or `events`): checked as a whole with its includes.
    Main,
    /// A file no root includes: checked on its own, in the context its contents suggest.
    Standalone,
    /// Reached through an include: checked through its includer, in the include site's context.
    Included,
}

/// The context a list of directives is read in (nginx's main > http > server > location).
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Context {
    /// The top of a main configuration.
    Main,
    /// Inside `http`.
    Http,
    /// Inside `server` (http).
    Server,
    /// Inside `location` or `if`.
    Location,
    /// Inside `stream`, `events`, `mail`, `upstream`, `map`, ... (not modelled further).
    Other,
}

/// One nginx file: its parse, its role, and for roots the expanded tree and the effective configuration.
#[derive(Clone, Debug)]
pub struct NginxConfig {
    /// The file's own parse (includes not followed).
    pub syntax: NginxFile,
    /// Its place in the include graph (set by linking; [`Role::Standalone`] before).
    pub role: Role,
    /// The context the root's top-level directives are read in.
    pub context: Context,
    /// For roots: the directives with every include replaced by the included files' directives (spans keep
    /// pointing into the files they came from). Empty for included files.
    pub tree: Vec<Directive>,
    /// Includes of this root's tree that resolve to nothing or form a cycle.
    pub include_problems: Vec<IncludeProblem>,
    /// The effective configuration of this root's tree.
    pub effective: Effective,
    /// Every `ssl_dhparam` of this root's tree, with its file measured at link time.
    pub dhparams: Vec<DhParam>,
    /// The nginx version whose defaults apply, when known. Set at link time from `--nginx-version` or an
    /// `nginx -T` header, else from the image tag of the compose services that bind-mount this file.
    pub version: Option<NginxVersion>,
    /// When [`NginxConfig::version`] came from a compose image: which image of which service.
    pub version_origin: Option<ImageOrigin>,
    /// Directives of this file that its known nginx version does not have (`add_header_inherit` before
    /// 1.29.3): nginx refuses to start on them, so they are reported like syntax errors.
    pub rejected: Vec<SyntaxError>,
}

impl NginxConfig {
    /// Parses `text` as a standalone nginx file (linking may change its role and tree).
    pub fn build(file: FileId, text: &str) -> Self {
        let syntax = shiplint_syntax::nginx::parse(file, text);
        let context = guess_context(&syntax.directives);
        let tree = syntax.directives.clone();
        let effective = Effective::build(&tree, context, true);
        NginxConfig {
            syntax,
            role: Role::Standalone,
            context,
            tree,
            include_problems: Vec::new(),
            effective,
            dhparams: Vec::new(),
            version: None,
            version_origin: None,
            rejected: Vec::new(),
        }
    }

    /// The version for messages: `nginx 1.22.1`, or as the image tag names it with its source when a
    /// compose image gave it (``nginx 1.22 (image `nginx:1.22` of compose service `web`)``). `None` when
    /// unknown.
    pub fn version_label(&self) -> Option<String> {
        let version = self.version?;
        Some(match &self.version_origin {
            Some(origin) => format!(
                "nginx {} (image `{}` of compose service `{}`)",
                origin.release, origin.image, origin.service
            ),
            None => format!("nginx {version}"),
        })
    }

    /// Whether rules check this file as a root (a main configuration or a standalone snippet).
    pub fn is_root(&self) -> bool {
        self.role != Role::Included
    }

    /// Whether the file is a main configuration: a top-level `http` or `events` block.
    pub fn is_main(&self) -> bool {
        self.syntax
            .directives
            .iter()
            .any(|d| d.is_block() && matches!(d.name(), "http" | "events"))
    }

    /// Every directive of the expanded tree with its context, depth first.
    pub fn walk(&self) -> Vec<(Context, &Directive)> {
        let mut out = Vec::new();
        let mut stack: Vec<(Context, std::slice::Iter<'_, Directive>)> =
            vec![(self.context, self.tree.iter())];
        while let Some((context, iter)) = stack.last_mut() {
            let context = *context;
            match iter.next() {
                Some(directive) => {
                    out.push((context, directive));
                    if directive.is_block() {
                        stack.push((
                            inner_context(context, directive),
                            directive.children().iter(),
                        ));
                    }
                }
                None => {
                    stack.pop();
                }
            }
        }
        out
    }

    /// Spans of secret values in this file (masked wherever source text is shown).
    pub fn secret_spans(&self) -> Vec<Span> {
        secrets::secret_spans(&self.syntax)
    }

    /// Spans of the statements of this file (for suppressions).
    pub fn statement_spans(&self) -> impl Iterator<Item = Span> + '_ {
        self.syntax.walk().map(|d| d.span)
    }
}

/// The context inside a block directive met in `outer`.
pub fn inner_context(outer: Context, block: &Directive) -> Context {
    match (outer, block.name()) {
        (Context::Main, "http") => Context::Http,
        (Context::Http, "server") => Context::Server,
        (Context::Server | Context::Location, "location" | "if") => Context::Location,
        (Context::Http | Context::Server | Context::Location, "limit_except") => Context::Location,
        _ => Context::Other,
    }
}

/// The context a snippet's contents suggest when nothing includes it.
fn guess_context(directives: &[Directive]) -> Context {
    let has = |names: &[&str]| directives.iter().any(|d| names.contains(&d.name()));
    if has(&[
        "http",
        "events",
        "stream",
        "mail",
        "worker_processes",
        "user",
        "pid",
    ]) {
        Context::Main
    } else if has(&["listen", "server_name", "location"]) {
        Context::Server
    } else {
        Context::Http
    }
}

#[cfg(test)]
mod tests;
