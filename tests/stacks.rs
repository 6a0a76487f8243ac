//! The example stacks of corpus/stacks, each checked whole by the binary at a fixed clock and compared with its
//! snapshot (tests/snapshots/stacks__<name>.snap). Every stack directory is found by walking corpus/stacks, so a
//! new stack without a snapshot, or without its row in corpus/stacks/README.md, fails here.
//!
//! The snapshot is a concise rendering of the JSON report, one finding per line with its span, then its related
//! locations and help, then what the run said on standard error (notes about what could not be checked belong
//! to the expected output as much as the findings do). Regenerate with `INSTA_UPDATE=always cargo test --test
//! stacks` (or `cargo insta review`) and compare the result with the stack's written intent in its README.md.
//!
//! That intent is checked too: each stack's README.md ends with a `findings` block listing every finding it
//! expects (`path:line: CODE`), and the run must give exactly those whose rules the binary has.

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

/// One line of a stack's `findings` block: `[not ]path:line: CODE[ when CODE]`.
#[derive(Debug, PartialEq)]
struct Expectation {
    present: bool,
    key: (String, u64, String),
    when: Option<String>,
}

fn parse_expectation(line: &str) -> Option<Expectation> {
    let (present, rest) = match line.strip_prefix("not ") {
        Some(rest) => (false, rest),
        None => (true, line),
    };
    let (rest, when) = match rest.split_once(" when ") {
        Some((rest, when)) => (rest, Some(when.trim().to_string())),
        None => (rest, None),
    };
    let (location, code) = rest.rsplit_once(": ")?;
    let (path, line) = location.rsplit_once(':')?;
    Some(Expectation {
        present,
        key: (
            path.to_string(),
            line.parse().ok()?,
            code.trim().to_string(),
        ),
        when,
    })
}

/// The `findings` block of a stack's README.md; `None` when the README has none.
fn expectations(readme: &str) -> Option<Vec<Expectation>> {
    let start = readme.find("```findings\n")? + "```findings\n".len();
    let block = &readme[start..start + readme[start..].find("```")?];
    Some(
        block
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| {
                parse_expectation(l)
                    .unwrap_or_else(|| panic!("not `[not ]path:line: CODE[ when CODE]`: {l}"))
            })
            .collect(),
    )
}

/// Compares a run's findings with the expectations: returns what is wrong, one line each.
fn unmet(
    actual: &[(String, u64, String)],
    expected: &[Expectation],
    known: &[String],
) -> Vec<String> {
    let known = |code: &str| known.iter().any(|k| k == code);
    let applies = |e: &Expectation| known(&e.key.2) && e.when.as_deref().is_none_or(known);
    let mut rest: Vec<&(String, u64, String)> = actual.iter().collect();
    let mut problems = Vec::new();
    for e in expected.iter().filter(|e| e.present && applies(e)) {
        match rest.iter().position(|a| **a == e.key) {
            Some(i) => {
                rest.remove(i);
            }
            None => problems.push(format!("missing {}:{}: {}", e.key.0, e.key.1, e.key.2)),
        }
    }
    for a in rest {
        let tolerated = expected.iter().any(|e| !applies(e) && e.key == *a);
        if !tolerated && known(&a.2) {
            problems.push(format!("unexpected {}:{}: {}", a.0, a.1, a.2));
        }
    }
    problems
}

/// The rule codes this binary has (`shiplint rules`).
fn known_codes() -> Vec<String> {
    let output = Command::cargo_bin("shiplint")
        .expect("binary built")
        .arg("rules")
        .output()
        .expect("shiplint rules runs");
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .skip(1)
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .collect()
}

/// Each stack's README.md ends with its expected findings; the run must give exactly those of them whose
/// rules this binary has. The seeds have no README of their own: tests/stacks_seed.rs asserts them.
#[test]
fn every_stack_gives_the_findings_its_readme_expects() {
    let known = known_codes();
    assert!(known.iter().any(|c| c == "SYN001"), "{known:?}");
    let mut problems = Vec::new();
    let mut checked = 0;
    for name in stack_names() {
        let Ok(readme) = std::fs::read_to_string(stacks_dir().join(&name).join("README.md")) else {
            continue;
        };
        let expected = expectations(&readme)
            .unwrap_or_else(|| panic!("{name}/README.md has no ```findings block"));
        let (report, _) = check(&name);
        let actual: Vec<(String, u64, String)> = report["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .iter()
            .map(|d| {
                (
                    field(d, "path").to_string(),
                    number(d, "line"),
                    field(d, "code").to_string(),
                )
            })
            .collect();
        problems.extend(
            unmet(&actual, &expected, &known)
                .into_iter()
                .map(|p| format!("{name}: {p}")),
        );
        checked += 1;
    }
    assert!(
        checked >= 8,
        "only {checked} stacks have a README with expected findings"
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn expectations_apply_once_their_rules_exist() {
    let readme =
        "x\n```findings\ns/a:1: AAA001\nnot s/b:2: BBB001 when CCC001\ns/c:3: CCC001\n```\n";
    let expected = expectations(readme).expect("a block");
    assert_eq!(
        expected[1],
        Expectation {
            present: false,
            key: ("s/b".to_string(), 2, "BBB001".to_string()),
            when: Some("CCC001".to_string()),
        }
    );
    let key = |p: &str, l: u64, c: &str| (p.to_string(), l, c.to_string());
    let codes = |c: &[&str]| c.iter().map(|c| c.to_string()).collect::<Vec<_>>();
    // Before CCC001 exists: BBB001 is tolerated, CCC001 is not required.
    let before = [key("s/a", 1, "AAA001"), key("s/b", 2, "BBB001")];
    assert!(unmet(&before, &expected, &codes(&["AAA001", "BBB001"])).is_empty());
    // Once it exists: BBB001 must go and CCC001 must be there.
    assert_eq!(
        unmet(&before, &expected, &codes(&["AAA001", "BBB001", "CCC001"])),
        ["missing s/c:3: CCC001", "unexpected s/b:2: BBB001"]
    );
    // A finding of a known rule that no line names is refused; one of an unknown rule is not judged.
    let extra = [
        key("s/a", 1, "AAA001"),
        key("s/a", 1, "AAA001"),
        key("s/z", 9, "ZZZ001"),
    ];
    assert_eq!(
        unmet(&extra, &expected, &codes(&["AAA001"])),
        ["unexpected s/a:1: AAA001"]
    );
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
