//! The SARIF format: schema validity, the fields GitHub code scanning reads, and stable fingerprints.

mod common;

use common::{fixture, fixture_json, render};
use serde_json::{Value, json};
use shiplint_report::{Format, Report, SarifOptions, TextOptions};
use std::sync::LazyLock;

const SCHEMA_PATH: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/conformance/sarif-schema-2.1.0.json"
);

/// The OASIS schema, read and compiled once for all tests.
static VALIDATOR: LazyLock<jsonschema::Validator> = LazyLock::new(|| {
    let schema = std::fs::read_to_string(SCHEMA_PATH)
        .unwrap_or_else(|e| panic!("the SARIF schema must be at {SCHEMA_PATH}: {e}"));
    let schema: Value = serde_json::from_str(&schema).expect("the schema is JSON");
    jsonschema::validator_for(&schema).expect("the schema compiles")
});

fn schema_errors(instance: &Value) -> Vec<String> {
    VALIDATOR
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

fn run(doc: &Value) -> &Value {
    &doc["runs"][0]
}

fn fingerprint(result: &Value) -> &str {
    result["partialFingerprints"]["shiplint/v1"]
        .as_str()
        .expect("every result has a shiplint/v1 fingerprint")
}

#[test]
fn validates_against_the_sarif_schema() {
    let doc = fixture_json(Format::Sarif);
    assert_eq!(schema_errors(&doc), Vec::<String>::new());
    let clean = render(&common::files(), &[], Format::Sarif, TextOptions::default());
    let clean: Value = serde_json::from_str(&clean).expect("JSON");
    assert_eq!(schema_errors(&clean), Vec::<String>::new());
    assert_eq!(run(&clean)["results"], json!([]));
}

#[test]
fn the_schema_check_catches_an_invalid_log() {
    let mut doc = fixture_json(Format::Sarif);
    doc["runs"][0]["results"][0]["level"] = json!("info");
    assert!(!schema_errors(&doc).is_empty());
}

#[test]
fn src_root_becomes_the_srcroot_base() {
    let files = common::files();
    let findings = common::findings();
    let rules = common::rules();
    let report = Report {
        files: &files,
        findings: &findings,
        rules: &rules,
        files_checked: 12,
        baseline_hidden: None,
        audit: None,
    };
    let mut out = Vec::new();
    let options = SarifOptions {
        src_root: Some("/home/ci/checkout".to_string()),
    };
    shiplint_report::write_sarif(&report, &options, &mut out).expect("in memory");
    let doc: Value = serde_json::from_slice(&out).expect("JSON");
    assert_eq!(
        run(&doc)["originalUriBaseIds"]["%SRCROOT%"]["uri"],
        "file:///home/ci/checkout/"
    );
    assert_eq!(schema_errors(&doc), Vec::<String>::new());
}

#[test]
fn log_run_and_driver() {
    let doc = fixture_json(Format::Sarif);
    assert_eq!(doc["version"], "2.1.0");
    assert!(
        doc["$schema"]
            .as_str()
            .is_some_and(|s| s.ends_with("sarif-2.1.0.json"))
    );
    assert_eq!(doc["runs"].as_array().map(Vec::len), Some(1));
    let run = run(&doc);
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    assert!(run["originalUriBaseIds"]["%SRCROOT%"].is_object());
    assert!(run["originalUriBaseIds"]["%SRCROOT%"].get("uri").is_none());
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "shiplint");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(driver["semanticVersion"], env!("CARGO_PKG_VERSION"));
    assert_eq!(
        driver["informationUri"],
        "https://github.com/shiplint/shiplint"
    );
}

#[test]
fn rules_carry_docs_levels_tags_and_security_severity() {
    let doc = fixture_json(Format::Sarif);
    let rules = run(&doc)["tool"]["driver"]["rules"]
        .as_array()
        .expect("rules")
        .clone();
    let ids: Vec<&str> = rules.iter().filter_map(|r| r["id"].as_str()).collect();
    // The enabled rules in order, then SYN001, which has a finding but was not listed.
    assert_eq!(ids, ["DKR001", "TLS001", "SUP001", "SYN001"]);

    let tls = &rules[1];
    assert_eq!(tls["name"], "weak-tls-protocol");
    assert_eq!(
        tls["shortDescription"]["text"],
        "A server accepts a TLS version that is no longer safe."
    );
    assert_eq!(
        tls["fullDescription"]["text"],
        "Flags `ssl_protocols` that allow TLSv1 or TLSv1.1."
    );
    assert_eq!(tls["help"]["markdown"], common::WEAK_TLS.doc);
    assert_eq!(tls["help"]["text"], common::WEAK_TLS.doc);
    assert_eq!(
        tls["helpUri"],
        "https://github.com/shiplint/shiplint/blob/main/rules/tls/weak-tls-protocol.md"
    );
    assert_eq!(tls["defaultConfiguration"]["level"], "error");
    assert_eq!(
        tls["properties"]["tags"],
        json!(["tls", "security", "nginx"])
    );
    assert_eq!(tls["properties"]["security-severity"], "7.5");

    let dkr = &rules[0];
    assert_eq!(dkr["defaultConfiguration"]["level"], "warning");
    assert_eq!(dkr["properties"]["tags"], json!(["docker"]));
    assert!(dkr["properties"].get("security-severity").is_none());
    assert_eq!(rules[2]["defaultConfiguration"]["level"], "note");
}

#[test]
fn results_point_at_rules_and_locations() {
    let doc = fixture_json(Format::Sarif);
    let run = run(&doc);
    let results = run["results"].as_array().expect("results");
    assert_eq!(results.len(), 4);
    for result in results {
        let index = result["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(
            run["tool"]["driver"]["rules"][index]["id"],
            result["ruleId"]
        );
    }

    let dkr = &results[0];
    assert_eq!(dkr["level"], "warning");
    assert_eq!(
        dkr["message"]["text"],
        "the final stage builds with `golang:1.22`\nhelp: build in a `builder` stage and copy the binary into a small runtime image"
    );
    assert_eq!(
        dkr["locations"][0]["physicalLocation"],
        json!({
            "artifactLocation": {"uri": "Dockerfile", "uriBaseId": "%SRCROOT%"},
            "region": {"startLine": 1, "startColumn": 6, "endLine": 1, "endColumn": 17}
        })
    );
    assert_eq!(
        dkr["relatedLocations"],
        json!([
            {"id": 0, "message": {"text": "compiled here"}, "physicalLocation": {
                "artifactLocation": {"uri": "Dockerfile", "uriBaseId": "%SRCROOT%"},
                "region": {"startLine": 3, "startColumn": 2, "endLine": 3, "endColumn": 24}}},
            {"id": 1, "message": {"text": "built for service `api`"}, "physicalLocation": {
                "artifactLocation": {"uri": "deploy/compose.yaml", "uriBaseId": "%SRCROOT%"},
                "region": {"startLine": 4, "startColumn": 5, "endLine": 4, "endColumn": 13}}}
        ])
    );

    assert_eq!(results[1]["ruleId"], "SYN001");
    assert!(results[1].get("relatedLocations").is_none());
    let tls = &results[2]["locations"][0]["physicalLocation"]["artifactLocation"];
    assert_eq!(
        tls,
        &json!({"uri": "my%20app/nginx.conf", "uriBaseId": "%SRCROOT%"})
    );

    let sup = &results[3];
    assert_eq!(sup["level"], "note");
    assert_eq!(
        sup["locations"][0]["physicalLocation"]["artifactLocation"],
        json!({"uri": "file:///etc/shiplint/Dockerfile"})
    );
}

#[test]
fn fingerprints_survive_inserted_lines_and_differ_between_findings() {
    let before = fixture_json(Format::Sarif);
    let shifted_text =
        common::DOCKERFILE.replacen("FROM", "# syntax=docker/dockerfile:1\r\n\r\nFROM", 1);
    let shifted = render(
        &common::files_with(&shifted_text),
        &common::findings_for(&shifted_text),
        Format::Sarif,
        TextOptions::default(),
    );
    let shifted: Value = serde_json::from_str(&shifted).expect("JSON");
    let old = &run(&before)["results"][0];
    let new = &run(&shifted)["results"][0];
    assert_ne!(
        old["locations"][0]["physicalLocation"]["region"]["startLine"],
        new["locations"][0]["physicalLocation"]["region"]["startLine"],
        "the finding did move"
    );
    assert_eq!(fingerprint(old), fingerprint(new));

    let all: Vec<&str> = run(&before)["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(fingerprint)
        .collect();
    let mut unique = all.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), all.len(), "fingerprints must differ: {all:?}");
    assert!(
        all.iter()
            .all(|f| f.len() == 16 && f.bytes().all(|b| b.is_ascii_hexdigit()))
    );
}

#[test]
fn identical_findings_are_told_apart_by_occurrence() {
    let files = common::files();
    let mut findings = common::findings();
    findings.truncate(1);
    findings.push(findings[0].clone());
    let doc: Value = serde_json::from_str(&render(
        &files,
        &findings,
        Format::Sarif,
        TextOptions::default(),
    ))
    .expect("JSON");
    let results = run(&doc)["results"].as_array().expect("results");
    assert_ne!(fingerprint(&results[0]), fingerprint(&results[1]));
}

#[test]
fn fingerprints_ignore_the_message_but_not_the_path() {
    let base = fixture_json(Format::Sarif);
    let mut findings = common::findings();
    findings[0].message = "reworded".to_string();
    let mut files = common::files();
    let reworded: Value = serde_json::from_str(&render(
        &files,
        &findings,
        Format::Sarif,
        TextOptions::default(),
    ))
    .expect("JSON");
    assert_eq!(
        fingerprint(&run(&base)["results"][0]),
        fingerprint(&run(&reworded)["results"][0])
    );
    files[0].path = "other/Dockerfile".to_string();
    let moved: Value = serde_json::from_str(&render(
        &files,
        &findings,
        Format::Sarif,
        TextOptions::default(),
    ))
    .expect("JSON");
    assert_ne!(
        fingerprint(&run(&base)["results"][0]),
        fingerprint(&run(&moved)["results"][0])
    );
}

#[test]
fn output_is_one_line() {
    let out = fixture(Format::Sarif);
    assert_eq!(out.lines().count(), 1);
    assert!(out.ends_with("}\n"));
}

#[test]
fn findings_hidden_by_a_baseline_are_accepted_suppressions_in_place() {
    let files = common::files();
    let all = common::findings();
    assert!(all.len() >= 2, "the fixture has several findings");
    let (hidden, shown) = all.split_at(1);
    let rules = common::rules();
    let report = Report {
        files: &files,
        findings: shown,
        rules: &rules,
        files_checked: 12,
        baseline_hidden: Some(hidden),
        audit: None,
    };
    let mut out = Vec::new();
    shiplint_report::write_sarif(&report, &SarifOptions::default(), &mut out).expect("in memory");
    let doc: Value = serde_json::from_slice(&out).expect("JSON");
    assert_eq!(schema_errors(&doc), Vec::<String>::new());
    assert_eq!(run(&doc)["properties"]["baselineHidden"], 1);
    let results = run(&doc)["results"].as_array().expect("results");
    let plain = fixture_json(Format::Sarif);
    let plain = run(&plain)["results"].as_array().expect("results");
    assert_eq!(results.len(), plain.len(), "hidden findings stay results");
    // Same order and fingerprints as without the baseline; only the first one is suppressed.
    for (i, (with, without)) in results.iter().zip(plain).enumerate() {
        assert_eq!(fingerprint(with), fingerprint(without));
        let suppressed = with.get("suppressions").is_some();
        assert_eq!(suppressed, i == 0, "result {i}");
    }
    assert_eq!(
        results[0]["suppressions"],
        json!([{"kind": "external", "status": "accepted",
                "justification": "recorded in the baseline file (--baseline)"}])
    );
}
