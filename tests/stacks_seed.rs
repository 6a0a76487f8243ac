//! The seed deployment: written naively it gives the headline rules (DKR001, APP001, TLS001, TLS002, STK001,
//! CRT001) in one run; written carefully, none of them and no error.

mod common;

use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;

const HEADLINE: [&str; 6] = ["DKR001", "APP001", "TLS001", "TLS002", "STK001", "CRT001"];

fn findings(stack: &str) -> Vec<Value> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let report = common::check_json_with(
        root,
        "json",
        &[
            "--now",
            "2026-12-01T00:00:00Z",
            &format!("corpus/stacks/{stack}"),
        ],
    );
    report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .clone()
}

fn codes(findings: &[Value]) -> BTreeSet<&str> {
    findings.iter().filter_map(|d| d["code"].as_str()).collect()
}

#[test]
fn the_naive_seed_gives_every_headline_rule_in_one_run() {
    let findings = findings("seed-naive");
    let codes = codes(&findings);
    for code in HEADLINE {
        assert!(codes.contains(code), "{code} missing from {codes:?}");
    }
    // The port path: the app listens on 8080 (its fallback), EXPOSE, compose and both proxy_pass say 3000.
    let ports: BTreeSet<(&str, u64)> = findings
        .iter()
        .filter(|d| d["code"] == "STK001")
        .filter_map(|d| Some((d["path"].as_str()?, d["line"].as_u64()?)))
        .collect();
    assert_eq!(
        ports,
        BTreeSet::from([
            ("corpus/stacks/seed-naive/app/Dockerfile", 7),
            ("corpus/stacks/seed-naive/compose.yaml", 19),
            ("corpus/stacks/seed-naive/nginx/conf.d/app.conf", 6),
            ("corpus/stacks/seed-naive/nginx/conf.d/app.conf", 19),
        ])
    );
    // Cross-file findings carry the other hops.
    let proxy = findings
        .iter()
        .find(|d| {
            d["code"] == "STK001" && d["path"].as_str().is_some_and(|p| p.ends_with("app.conf"))
        })
        .expect("a proxy_pass finding");
    let related: BTreeSet<&str> = proxy["related"]
        .as_array()
        .expect("related")
        .iter()
        .filter_map(|r| r["path"].as_str())
        .collect();
    assert!(
        related.contains("corpus/stacks/seed-naive/app/main.go"),
        "{related:?}"
    );
    assert!(
        related.contains("corpus/stacks/seed-naive/compose.yaml"),
        "{related:?}"
    );
    let gin = findings
        .iter()
        .find(|d| d["code"] == "APP001")
        .expect("APP001");
    assert_eq!(gin["path"], "corpus/stacks/seed-naive/app/main.go");
}

#[test]
fn the_careful_seed_gives_none_of_them_and_no_error() {
    let findings = findings("seed-careful");
    let codes = codes(&findings);
    for code in HEADLINE {
        assert!(
            !codes.contains(code),
            "{code} reported on seed-careful: {findings:#?}"
        );
    }
    let errors: Vec<&Value> = findings
        .iter()
        .filter(|d| d["severity"] == "error")
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}
