//! The rule contract: static metadata, the [`Check`] trait, the context a rule reports through, and
//! [`declare_rule!`](crate::declare_rule).

use crate::{Finding, Severity};
use shiplint_model::compose::ComposeFile;
use shiplint_model::docker::DockerImage;
use shiplint_model::nginx::NginxConfig;
use shiplint_model::pem::PemBundle;
use shiplint_model::{Document, FileKind, Project};
use shiplint_syntax::Span;

/// What every rule declares about itself.
#[derive(Debug)]
pub struct RuleMeta {
    /// `DKR001`: three upper-case letters and three digits.
    pub code: &'static str,
    /// `single-stage-build`: kebab-case, says what is wrong.
    pub name: &'static str,
    /// Folder under `rules/` holding its doc: docker, compose, nginx, tls, cert, app, stack, syntax.
    pub domain: &'static str,
    /// Default severity.
    pub severity: Severity,
    /// One line, from the rule's doc comment.
    pub summary: &'static str,
    /// The rule's markdown (`rules/<domain>/<name>.md`).
    pub doc: &'static str,
    /// Extra SARIF tags (`security`, ...).
    pub tags: &'static [&'static str],
    /// SARIF `security-severity` (0.0 to 10.0) for security rules.
    pub security_severity: Option<f32>,
}

impl RuleMeta {
    /// The summary without surrounding white space.
    pub fn summary(&self) -> &'static str {
        self.summary.trim()
    }

    /// The text of the doc's `## What it does` section (SARIF fullDescription), else the summary.
    pub fn full_description(&self) -> String {
        doc_section(self.doc, "What it does").unwrap_or_else(|| self.summary().to_string())
    }

    /// Whether a `--select`/`--ignore` selector (a code, a name, or a code prefix such as `DKR`) names this rule.
    pub fn matches(&self, selector: &str) -> bool {
        let selector = selector.trim();
        !selector.is_empty()
            && (self.name.eq_ignore_ascii_case(selector)
                || self.code.len() >= selector.len()
                    && self.code[..selector.len()].eq_ignore_ascii_case(selector)
                || selector.eq_ignore_ascii_case("ALL"))
    }
}

/// The body of the `## <heading>` section of a markdown doc, trimmed.
pub fn doc_section(doc: &str, heading: &str) -> Option<String> {
    let marker = format!("## {heading}");
    let start = doc.lines().position(|line| line.trim_end() == marker)?;
    let body: Vec<&str> = doc
        .lines()
        .skip(start + 1)
        .take_while(|line| !line.starts_with("## "))
        .collect();
    let body = body.join("\n").trim().to_string();
    (!body.is_empty()).then_some(body)
}

/// Implemented by [`declare_rule!`](crate::declare_rule): the rule's static metadata.
pub trait RuleInfo {
    /// The rule's metadata.
    fn meta() -> &'static RuleMeta;
}

/// A rule's check over one kind of target (a document model, or the whole [`Project`]).
pub trait Check<T: ?Sized> {
    /// Reads `target` and reports findings through `cx`.
    fn check(&self, target: &T, cx: &mut Ctx<'_>);
}

/// What a rule runs on: a document model of one kind, or the whole project.
pub trait Target: 'static {
    /// The file kind this target comes from; `None` for project-wide rules.
    const KIND: Option<FileKind>;
    /// The target in `document`, or in the whole project when `document` is `None`.
    fn select<'a>(project: &'a Project, document: Option<&'a Document>) -> Option<&'a Self>;
}

impl Target for DockerImage {
    const KIND: Option<FileKind> = Some(FileKind::Dockerfile);
    fn select<'a>(_: &'a Project, document: Option<&'a Document>) -> Option<&'a Self> {
        document?.dockerfile()
    }
}

impl Target for PemBundle {
    const KIND: Option<FileKind> = Some(FileKind::Pem);
    fn select<'a>(_: &'a Project, document: Option<&'a Document>) -> Option<&'a Self> {
        document?.pem()
    }
}

impl Target for NginxConfig {
    const KIND: Option<FileKind> = Some(FileKind::Nginx);
    /// Only roots: a file reached through an include is checked through its includer, in that context.
    fn select<'a>(_: &'a Project, document: Option<&'a Document>) -> Option<&'a Self> {
        document?.nginx().filter(|config| config.is_root())
    }
}

impl Target for ComposeFile {
    const KIND: Option<FileKind> = Some(FileKind::Compose);
    fn select<'a>(_: &'a Project, document: Option<&'a Document>) -> Option<&'a Self> {
        document?.compose()
    }
}

impl Target for Project {
    const KIND: Option<FileKind> = None;
    fn select<'a>(project: &'a Project, document: Option<&'a Document>) -> Option<&'a Self> {
        document.is_none().then_some(project)
    }
}

/// The context a rule reports through.
pub struct Ctx<'a> {
    project: &'a Project,
    document: Option<&'a Document>,
    rule: &'static RuleMeta,
    findings: Vec<Finding>,
}

impl<'a> Ctx<'a> {
    /// A context for `rule` over `document` (or the whole project when `None`).
    pub fn new(
        project: &'a Project,
        document: Option<&'a Document>,
        rule: &'static RuleMeta,
    ) -> Self {
        Ctx {
            project,
            document,
            rule,
            findings: Vec::new(),
        }
    }

    /// The project (for links to other documents, the clock, ...).
    pub fn project(&self) -> &'a Project {
        self.project
    }

    /// The document being checked, if the rule runs per document.
    pub fn document(&self) -> Option<&'a Document> {
        self.document
    }

    /// Reports a finding of the running rule; chain `.label(..)` and `.help(..)` on the result.
    pub fn report(&mut self, span: Span, message: impl Into<String>) -> &mut Finding {
        self.findings.push(Finding::new(self.rule, span, message));
        let last = self.findings.len() - 1;
        &mut self.findings[last]
    }

    /// The findings reported so far.
    pub fn into_findings(self) -> Vec<Finding> {
        self.findings
    }
}

/// Declares a rule: its struct (whose fields are its options), code, name, domain and default severity.
///
/// ```text
/// declare_rule! {
///     /// Final stage ships a build toolchain.
///     #[derive(Default)]
///     pub struct SingleStageBuild { pub extra_toolchain_images: Vec<String> }
///     code = "DKR001", name = "single-stage-build", domain = "docker", severity = Warning,
///     tags = ["security"], security_severity = 5.0,
/// }
/// ```
/// The one doc line is the summary; the markdown doc is read from `rules/<domain>/<name>.md`. The struct must
/// implement `Default` (the values when `[rules.<name>]` is absent); unknown options are errors.
#[macro_export]
macro_rules! declare_rule {
    (
        #[doc = $summary:literal]
        $(#[$attr:meta])*
        pub struct $rule:ident { $($(#[$field_attr:meta])* pub $field:ident : $ty:ty),* $(,)? }
        code = $code:literal, name = $name:literal, domain = $domain:literal, severity = $severity:ident
        $(, tags = [$($tag:literal),* $(,)?])? $(, security_severity = $security:literal)? $(,)?
    ) => {
        #[doc = $summary]
        $(#[$attr])*
        #[derive(Debug, Clone, serde::Deserialize)]
        #[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
        pub struct $rule { $($(#[$field_attr])* pub $field: $ty),* }

        impl $crate::rule::RuleInfo for $rule {
            fn meta() -> &'static $crate::RuleMeta {
                static META: $crate::RuleMeta = $crate::RuleMeta {
                    code: $code,
                    name: $name,
                    domain: $domain,
                    severity: $crate::Severity::$severity,
                    summary: $summary,
                    doc: include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../rules/", $domain, "/", $name, ".md")),
                    tags: &[$($($tag),*)?],
                    security_severity: $crate::__option!($($security)?),
                };
                &META
            }
        }
    };
}

/// `Some(x)` for one argument, `None` for none (used by [`declare_rule!`](crate::declare_rule)).
#[doc(hidden)]
#[macro_export]
macro_rules! __option {
    () => {
        None
    };
    ($value:expr) => {
        Some($value)
    };
}
