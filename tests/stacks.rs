//! The example stacks of corpus/stacks, each checked whole by the binary at a fixed clock and compared with its
//! snapshot (tests/snapshots/stacks__<name>.snap). Every stack directory is found by walking corpus/stacks, so a
//! new stack without a snapshot, or without its row in corpus/stacks/README.md, fails here.
//!
//! The snapshot is a concise rendering of the JSON report, one finding per line with its span, then its related
//! locations and help, then what the run said on standard error (notes about what could not be checked belong
//! to the expected output as much as the findings do). Regenerate with `INSTA_UPDATE=always cargo test --test
//! stacks` (or `cargo insta review`) and compare the result with the stack's written intent in its README.md.

use assert_cmd::Command;
use serde_json::Value;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The clock every stack is checked at: the certificates of the stacks have fixed dates around it.
const NOW: &str = "2026-12-01T00:00:00Z";

/// Codes that mean the tool could not read a file or crashed: a stack may only show them when its README says
/// so on a line `Intended errors: CODE, ...`.
const ERROR_CODES: [&str; 2] = ["SYN001", "INT001"];

fn stacks_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/stacks")
}

/// The stack directories, sorted by name.
fn stack_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(stacks_dir())
        .expect("corpus/stacks is readable")
        .map(|entry| entry.expect("a directory entry"))
        .filter(|entry| entry.file_type().expect("a file type").is_dir())
        .map(|entry| {
            entry
                .file_name()
                .into_string()
                .expect("stack names are UTF-8")
        })
        .collect();
    names.sort();
    names
}

/// Runs `shiplint check` on one stack from inside corpus/stacks, so reported paths start with the stack's name.
fn check(name: &str) -> (Value, String) {
    let output = Command::cargo_bin("shiplint")
        .expect("binary built")
        .current_dir(stacks_dir())
        .args([
            "check",
            "--now",
            NOW,
            "--format",
            "json",
            "--fail-on",
            "never",
            name,
        ])
        .output()
        .expect("shiplint runs");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(0), "{name}: {stderr}");
    let report = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("{name}: the report is not JSON ({e}): {stderr}"));
    (report, stderr)
}

fn field<'a>(value: &'a Value, key: &str) -> &'a str {
    value[key].as_str().unwrap_or_default()
}

fn number(value: &Value, key: &str) -> u64 {
    value[key].as_u64().unwrap_or_default()
}

/// `path:line:col-end_line:end_col: CODE severity: message`, then indented related locations and help.
fn render(report: &Value, stderr: &str) -> String {
    let mut out = String::new();
    let diagnostics = report["diagnostics"].as_array().expect("diagnostics");
    for d in diagnostics {
        let _ = writeln!(
            out,
            "{}:{}:{}-{}:{}: {} {}: {}",
            field(d, "path"),
            number(d, "line"),
            number(d, "column"),
            number(d, "end_line"),
            number(d, "end_column"),
            field(d, "code"),
            field(d, "severity"),
            field(d, "message"),
        );
        for related in d["related"].as_array().into_iter().flatten() {
            let _ = writeln!(
                out,
                "    related {}:{}:{}: {}",
                field(related, "path"),
                number(related, "line"),
                number(related, "column"),
                field(related, "message"),
            );
        }
        if !field(d, "help").is_empty() {
            let _ = writeln!(out, "    help: {}", field(d, "help"));
        }
    }
    if diagnostics.is_empty() {
        out.push_str("no findings\n");
    }
    for line in stderr.lines().filter(|l| !l.trim().is_empty()) {
        let _ = writeln!(out, "stderr: {line}");
    }
    out
}

/// The codes of ERROR_CODES that the stack's README.md declares intended on a line `Intended errors: ...`.
fn intended_errors(name: &str) -> Vec<String> {
    let readme =
        std::fs::read_to_string(stacks_dir().join(name).join("README.md")).unwrap_or_default();
    readme
        .lines()
        .filter_map(|line| line.trim().strip_prefix("Intended errors:"))
        .flat_map(|codes| {
            codes
                .split(',')
                .map(|c| c.trim().trim_matches('`').to_string())
        })
        .filter(|code| !code.is_empty())
        .collect()
}

#[test]
fn every_stack_matches_its_snapshot() {
    let names = stack_names();
    assert!(
        names.len() >= 10,
        "corpus/stacks holds the two seeds and at least eight more stacks, found {names:?}"
    );
    let mut failed = Vec::new();
    for name in &names {
        let (report, stderr) = check(name);
        let rendered = render(&report, &stderr);
        let outcome = std::panic::catch_unwind(|| {
            insta::with_settings!({
                description => format!("shiplint check --now {NOW} corpus/stacks/{name}"),
                omit_expression => true,
            }, {
                insta::assert_snapshot!(name.as_str(), rendered);
            });
        });
        if outcome.is_err() {
            failed.push(name.clone());
        }
    }
    assert!(
        failed.is_empty(),
        "snapshots missing or changed for {failed:?}: review them against each stack's README.md"
    );
}

#[test]
fn no_stack_has_unintended_syntax_errors_or_crashes() {
    for name in stack_names() {
        let (report, stderr) = check(&name);
        let intended = intended_errors(&name);
        for d in report["diagnostics"].as_array().expect("diagnostics") {
            let code = field(d, "code");
            assert!(
                !ERROR_CODES.contains(&code) || intended.iter().any(|c| c == code),
                "{name}: unintended {code} at {}:{}: {} ({stderr})",
                field(d, "path"),
                number(d, "line"),
                field(d, "message"),
            );
        }
    }
}

#[test]
fn every_stack_is_described_in_the_readme_table() {
    let readme =
        std::fs::read_to_string(stacks_dir().join("README.md")).expect("corpus/stacks/README.md");
    for name in stack_names() {
        assert!(
            readme.contains(&format!("| `{name}/` |")),
            "corpus/stacks/README.md has no table row `| `{name}/` | ...` for the stack {name}"
        );
    }
}

/// corpus/stacks/MANIFEST.tsv lists every stack's compose file, so that .ci/run has Docker Compose check each one
/// (`scripts/compose-oracle.py ... corpus/stacks --require-all`).
#[test]
fn every_compose_file_is_in_the_manifest_for_the_compose_oracle() {
    let manifest = std::fs::read_to_string(stacks_dir().join("MANIFEST.tsv"))
        .expect("corpus/stacks/MANIFEST.tsv");
    let listed: Vec<&str> = manifest
        .lines()
        .filter_map(|line| line.strip_prefix("compose\t"))
        .filter_map(|rest| rest.split('\t').next())
        .collect();
    let mut expected = Vec::new();
    for name in stack_names() {
        for file in [
            "compose.yaml",
            "compose.yml",
            "docker-compose.yaml",
            "docker-compose.yml",
        ] {
            if stacks_dir().join(&name).join(file).is_file() {
                expected.push(format!("{name}/{file}"));
            }
        }
    }
    assert!(!expected.is_empty());
    assert_eq!(
        listed, expected,
        "corpus/stacks/MANIFEST.tsv is out of date"
    );
}

#[test]
fn rendering_keeps_spans_related_locations_help_and_notes() {
    let report = serde_json::json!({
        "diagnostics": [{
            "code": "STK001", "severity": "warning", "message": "port `3000` is not `8080`",
            "help": "use one port", "path": "s/nginx.conf", "line": 3, "column": 5, "end_line": 3,
            "end_column": 30,
            "related": [{"path": "s/app/main.go", "line": 9, "column": 2, "message": "listens here"}],
        }],
    });
    assert_eq!(
        render(&report, "note: something\n"),
        "s/nginx.conf:3:5-3:30: STK001 warning: port `3000` is not `8080`\n    \
         related s/app/main.go:9:2: listens here\n    help: use one port\nstderr: note: something\n"
    );
    assert_eq!(
        render(&serde_json::json!({"diagnostics": []}), ""),
        "no findings\n"
    );
}
