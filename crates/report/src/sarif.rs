//! SARIF 2.1.0: one run whose driver lists the enabled rules and whose results are the findings.
//!
//! Choices a consumer may need to know:
//! - `message.text` is the finding's message, then `help: ...` on its own line when it has help, because
//!   GitHub code scanning shows only the message of a result.
//! - Rules carry `shortDescription` (the summary), `fullDescription` (the doc's *What it does*), `help` (the
//!   whole markdown doc, as both text and markdown), `helpUri` (that doc in the project's repository),
//!   `defaultConfiguration.level`, `properties.tags` (the domain, the rule's tags, and `security` for rules
//!   with a security severity) and `properties."security-severity"` (a string such as `"7.5"`, which GitHub
//!   reads).
//! - Rule `name`s stay kebab-case (the names users write in `shiplint.toml`), although the SARIF multitool
//!   suggests PascalCase.
//! - A rule that is not among the enabled rules but has findings (the engine's own rules, say) is appended
//!   to `rules[]` so that every `ruleIndex` is valid.
//! - Regions use 1-based lines and columns counted in Unicode code points (`columnKind`), ends one past the
//!   last character; an empty span is an empty region.
//! - Relative paths are relative URIs against `%SRCROOT%`; absolute paths are `file:` URIs with no base.
//! - `partialFingerprints["shiplint/v1"]` is described in the fingerprint module.
//! - Findings a baseline hid are results too, in their place, with one suppression `{"kind": "external",
//!   "status": "accepted"}`: GitHub code scanning closes the alert of a result whose suppression is
//!   accepted, and their fingerprints stay what they are without the baseline. The run's
//!   `properties.baselineHidden` counts them.
//! - `%SRCROOT%` is described in `originalUriBaseIds`, with its `file:` URI when the caller gives the
//!   directory ([`SarifOptions::src_root`]).
//!
//! Written compactly on one line followed by a newline: SARIF files are read by programs and can be large.

use crate::fingerprint::{self, Fingerprints};
use crate::location::locate;
use crate::message::with_help;
use crate::uri::{ArtifactUri, artifact_uri, directory_uri};
use crate::{INFORMATION_URI, Report, TOOL_NAME, TOOL_VERSION};
use serde::Serialize;
use shiplint_lint::{Finding, RuleMeta, Severity};
use shiplint_syntax::Span;
use std::collections::BTreeMap;
use std::io;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
const SARIF_VERSION: &str = "2.1.0";
const SRCROOT: &str = "%SRCROOT%";

/// Options that only the SARIF format reads.
#[derive(Clone, Debug, Default)]
pub struct SarifOptions {
    /// The absolute directory relative paths are relative to (the working directory), written as the URI of
    /// `%SRCROOT%` in `originalUriBaseIds`. Without it, `%SRCROOT%` only carries a description and the
    /// consumer supplies the root (as GitHub does with the checkout).
    pub src_root: Option<String>,
}

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool<'a>,
    original_uri_base_ids: BTreeMap<&'static str, ArtifactLocation>,
    results: Vec<SarifResult<'a>>,
    column_kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    properties: Option<RunProperties>,
}

/// The run's property bag: how many findings the baseline hid, when one was given.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RunProperties {
    baseline_hidden: usize,
}

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'a> {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    information_uri: &'static str,
    rules: Vec<Rule<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule<'a> {
    id: &'static str,
    name: &'static str,
    short_description: Message<'a>,
    full_description: Message<'a>,
    help_uri: String,
    help: Help,
    default_configuration: Configuration,
    properties: RuleProperties,
}

#[derive(Serialize)]
struct Message<'a> {
    text: std::borrow::Cow<'a, str>,
}

impl<'a> Message<'a> {
    fn new(text: impl Into<std::borrow::Cow<'a, str>>) -> Self {
        Message { text: text.into() }
    }
}

#[derive(Serialize)]
struct Help {
    text: &'static str,
    markdown: &'static str,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct RuleProperties {
    tags: Vec<&'static str>,
    #[serde(rename = "security-severity", skip_serializing_if = "Option::is_none")]
    security_severity: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Message<'a>,
    locations: [Location<'a>; 1],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location<'a>>,
    partial_fingerprints: BTreeMap<&'static str, String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    suppressions: Option<[Suppression; 1]>,
}

/// Why a result is not an open problem: the baseline recorded it.
#[derive(Serialize)]
struct Suppression {
    kind: &'static str,
    status: &'static str,
    justification: &'static str,
}

const BASELINE_SUPPRESSION: Suppression = Suppression {
    kind: "external",
    status: "accepted",
    justification: "recorded in the baseline file (--baseline)",
};

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Message<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    #[serde(skip_serializing_if = "Option::is_none")]
    uri: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<Message<'static>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: u32,
    start_column: u32,
    end_line: u32,
    end_column: u32,
}

/// Writes the SARIF log for `report`.
pub(crate) fn write(
    report: &Report<'_>,
    options: &SarifOptions,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    serde_json::to_writer(&mut *out, &log(report, options))?;
    out.write_all(b"\n")
}

fn log<'a>(report: &Report<'a>, options: &SarifOptions) -> Log<'a> {
    let (rules, index) = rules_of(report);
    let mut fingerprints = Fingerprints::default();
    let results = in_report_order(report)
        .into_iter()
        .map(|(finding, hidden)| SarifResult {
            rule_id: finding.rule.code,
            // `rules_of` indexed every finding's rule.
            rule_index: index[finding.rule.code],
            level: level(finding.severity),
            message: Message::new(with_help(finding)),
            locations: [location(report, finding.span, None, None)],
            related_locations: finding
                .related
                .iter()
                .enumerate()
                .map(|(id, related)| {
                    location(
                        report,
                        related.span,
                        Some(id),
                        Some(Message::new(related.message.as_str())),
                    )
                })
                .collect(),
            partial_fingerprints: BTreeMap::from([(
                fingerprint::KEY,
                fingerprints.next(report.files, finding),
            )]),
            suppressions: hidden.then_some([BASELINE_SUPPRESSION]),
        })
        .collect();

    let src_root = ArtifactLocation {
        uri: options.src_root.as_deref().and_then(directory_uri),
        uri_base_id: None,
        description: Some(Message::new("The directory shiplint was run from.")),
    };
    Log {
        schema: SCHEMA,
        version: SARIF_VERSION,
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: TOOL_NAME,
                    version: TOOL_VERSION,
                    semantic_version: TOOL_VERSION,
                    information_uri: INFORMATION_URI,
                    rules: rules.into_iter().map(rule).collect(),
                },
            },
            original_uri_base_ids: BTreeMap::from([(SRCROOT, src_root)]),
            results,
            column_kind: "unicodeCodePoints",
            properties: report.baseline_hidden.map(|hidden| RunProperties {
                baseline_hidden: hidden.len(),
            }),
        }],
    }
}

/// The reported findings and those the baseline hid, merged in report order; `true` marks a hidden one.
fn in_report_order<'a>(report: &Report<'a>) -> Vec<(&'a Finding, bool)> {
    let hidden = report.baseline_hidden.unwrap_or_default();
    let mut all: Vec<(&Finding, bool)> = report
        .findings
        .iter()
        .map(|finding| (finding, false))
        .chain(hidden.iter().map(|finding| (finding, true)))
        .collect();
    if !hidden.is_empty() {
        all.sort_by(|a, b| a.0.sort_key().cmp(&b.0.sort_key()));
    }
    all
}

/// The enabled rules, then any other rule that has findings, in order of first finding; and the index of
/// each rule code in that list.
fn rules_of(report: &Report<'_>) -> (Vec<&'static RuleMeta>, BTreeMap<&'static str, usize>) {
    let mut rules: Vec<&'static RuleMeta> = Vec::new();
    let mut index = BTreeMap::new();
    let candidates = report.rules.iter().copied();
    let hidden = report.baseline_hidden.unwrap_or_default();
    let found = report.findings.iter().chain(hidden).map(|f| f.rule);
    for rule in candidates.chain(found) {
        index.entry(rule.code).or_insert_with(|| {
            rules.push(rule);
            rules.len() - 1
        });
    }
    (rules, index)
}

fn rule(meta: &'static RuleMeta) -> Rule<'static> {
    let security_severity = meta
        .security_severity
        .filter(|score| score.is_finite())
        .map(|score| format!("{:.1}", score.clamp(0.0, 10.0)));
    let security = security_severity.is_some().then_some("security");
    let mut tags = Vec::new();
    for tag in [meta.domain]
        .into_iter()
        .chain(meta.tags.iter().copied())
        .chain(security)
    {
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    Rule {
        id: meta.code,
        name: meta.name,
        short_description: Message::new(meta.summary()),
        full_description: Message::new(meta.full_description()),
        help_uri: format!(
            "{INFORMATION_URI}/blob/main/rules/{}/{}.md",
            meta.domain, meta.name
        ),
        help: Help {
            text: meta.doc,
            markdown: meta.doc,
        },
        default_configuration: Configuration {
            level: level(meta.severity),
        },
        properties: RuleProperties {
            tags,
            security_severity,
        },
    }
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn location<'a>(
    report: &Report<'a>,
    span: Span,
    id: Option<usize>,
    message: Option<Message<'a>>,
) -> Location<'a> {
    let at = locate(report.files, span);
    let (uri, uri_base_id) = match artifact_uri(at.path) {
        ArtifactUri::Relative(uri) => (uri, Some(SRCROOT)),
        ArtifactUri::Absolute(uri) => (uri, None),
    };
    Location {
        id,
        physical_location: PhysicalLocation {
            artifact_location: ArtifactLocation {
                uri: Some(uri),
                uri_base_id,
                description: None,
            },
            region: Region {
                start_line: at.start.line,
                start_column: at.start.column,
                end_line: at.end.line,
                end_column: at.end.column,
            },
        },
        message,
    }
}
