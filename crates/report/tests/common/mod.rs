//! A small hand-made report shared by the format tests: a Dockerfile with a BOM, CRLF line ends and a tab,
//! a compose file with multi-byte text, an nginx config whose path has a space, and one absolute path.

#![allow(dead_code)] // each test binary uses a different part of the fixture

use shiplint_lint::rule::RuleInfo;
use shiplint_lint::rules::docker::single_stage_build::SingleStageBuild;
use shiplint_lint::rules::meta::{SyntaxError, UnusedSuppression};
use shiplint_lint::{Finding, RuleMeta, Severity};
use shiplint_report::{Format, Report, TextOptions};
use shiplint_syntax::{FileId, SourceFile, Span};

/// A security rule, so that tags and `security-severity` are exercised before real ones exist.
pub static WEAK_TLS: RuleMeta = RuleMeta {
    code: "TLS001",
    name: "weak-tls-protocol",
    domain: "tls",
    severity: Severity::Error,
    summary: " A server accepts a TLS version that is no longer safe. ",
    doc: "# weak-tls-protocol (TLS001)\n\n## What it does\nFlags `ssl_protocols` that allow TLSv1 or TLSv1.1.\n\n## Why is this bad?\nThey are broken.\n",
    tags: &["security", "nginx"],
    security_severity: Some(7.5),
};

pub const DOCKERFILE: &str =
    "\u{feff}FROM golang:1.22\r\nWORKDIR /src\r\n\tRUN go build ./cmd/api\r\n";
pub const COMPOSE: &str = "services:\n  api:\n    image: \"café:latest\"\n    build: .\n";
pub const NGINX: &str = "server {\n    ssl_protocols TLSv1 TLSv1.2;\n}\n";
pub const ABSOLUTE: &str = "# shiplint: ignore[DKR001]\nFROM alpine\n";

/// Byte range of the first `needle` in `text`.
pub fn find(file: u32, text: &str, needle: &str) -> Span {
    let start = text.find(needle).expect("fixture text holds the needle");
    Span::new(FileId(file), start, start + needle.len())
}

pub fn files() -> Vec<SourceFile> {
    files_with(DOCKERFILE)
}

/// The fixture files with another Dockerfile text.
pub fn files_with(dockerfile: &str) -> Vec<SourceFile> {
    vec![
        SourceFile::new(FileId(0), "Dockerfile", dockerfile),
        SourceFile::new(FileId(1), "deploy/compose.yaml", COMPOSE),
        SourceFile::new(FileId(2), "my app/nginx.conf", NGINX),
        SourceFile::new(FileId(3), "/etc/shiplint/Dockerfile", ABSOLUTE),
    ]
}

pub fn findings() -> Vec<Finding> {
    findings_for(DOCKERFILE)
}

/// The fixture findings, with Dockerfile spans found in `dockerfile`.
pub fn findings_for(dockerfile: &str) -> Vec<Finding> {
    let mut dkr = Finding::new(
        SingleStageBuild::meta(),
        find(0, dockerfile, "golang:1.22"),
        "the final stage builds with `golang:1.22`",
    );
    dkr.label(
        find(0, dockerfile, "RUN go build ./cmd/api"),
        "compiled here",
    )
    .label(find(1, COMPOSE, "build: ."), "built for service `api`")
    .help("build in a `builder` stage and copy the binary into a small runtime image");

    let syn = Finding::new(
        SyntaxError::meta(),
        find(1, COMPOSE, "café:latest"),
        "image reference `café:latest` is not valid",
    );

    let mut tls = Finding::new(&WEAK_TLS, find(2, NGINX, "TLSv1"), "`TLSv1` is allowed");
    tls.help("use `ssl_protocols TLSv1.2 TLSv1.3;`");

    let mut sup = Finding::new(
        UnusedSuppression::meta(),
        find(3, ABSOLUTE, "ignore[DKR001]"),
        "`DKR001` is suppressed here but reports nothing",
    );
    sup.severity = Severity::Info;

    vec![dkr, syn, tls, sup]
}

/// The enabled rules of the fixture run (SYN001 left out on purpose: engine rules may not be listed).
pub fn rules() -> Vec<&'static RuleMeta> {
    vec![
        SingleStageBuild::meta(),
        &WEAK_TLS,
        UnusedSuppression::meta(),
    ]
}

/// Renders a report in `format`.
pub fn render(
    files: &[SourceFile],
    findings: &[Finding],
    format: Format,
    text: TextOptions,
) -> String {
    let rules = rules();
    let report = Report {
        files,
        findings,
        rules: &rules,
        files_checked: 12,
        baseline_hidden: None,
        audit: None,
    };
    let mut out = Vec::new();
    shiplint_report::write(&report, format, text, &mut out).expect("writing to a Vec succeeds");
    String::from_utf8(out).expect("reports are UTF-8")
}

/// The fixture rendered in `format` with default text options.
pub fn fixture(format: Format) -> String {
    render(&files(), &findings(), format, TextOptions::default())
}

/// The fixture parsed as JSON (for the JSON and SARIF formats).
pub fn fixture_json(format: Format) -> serde_json::Value {
    serde_json::from_str(&fixture(format)).expect("output is JSON")
}
