//! The whole shared corpus in one run: no crash, every Dockerfile counted, syntax errors only where expected.

mod common;

use serde_json::Value;

const BROKEN_DOCKERFILE: &str =
    "docker__compose/pkg/e2e/fixtures/wrong-composefile/service1/Dockerfile";

#[test]
fn the_shared_corpus_runs_clean_and_flags_only_the_broken_dockerfile() {
    let corpus = common::shared().join("corpus");
    let report = common::check_json(&corpus, "json", ".");
    let diagnostics = report["diagnostics"].as_array().expect("diagnostics");

    let manifest = std::fs::read_to_string(corpus.join("MANIFEST.tsv")).expect("manifest");
    let dockerfiles: Vec<&str> = manifest
        .lines()
        .filter_map(|l| l.strip_prefix("dockerfile\t"))
        .filter_map(|l| l.split('\t').next())
        .collect();
    assert_eq!(dockerfiles.len(), 498);
    // Only Dockerfiles have a parser in this version; every one of them is counted.
    assert_eq!(report["summary"]["files"].as_u64(), Some(498));

    let syntax_errors: Vec<&str> = diagnostics
        .iter()
        .filter(|d| d["code"] == "SYN001")
        .filter_map(|d| d["path"].as_str())
        .collect();
    assert_eq!(syntax_errors, [BROKEN_DOCKERFILE]);
    let internal: Vec<&Value> = diagnostics
        .iter()
        .filter(|d| d["code"] == "INT001")
        .collect();
    assert!(internal.is_empty(), "rules crashed: {internal:?}");
    for diagnostic in diagnostics {
        assert!(
            diagnostic["line"].as_u64().is_some_and(|l| l >= 1),
            "{diagnostic}"
        );
        assert!(
            diagnostic["column"].as_u64().is_some_and(|c| c >= 1),
            "{diagnostic}"
        );
        assert!(
            !diagnostic["message"].as_str().unwrap_or("").is_empty(),
            "{diagnostic}"
        );
    }
}
