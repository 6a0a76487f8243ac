//! SARIF of the whole corpus run validates against the OASIS SARIF 2.1.0 schema.

mod common;

use serde_json::Value;

#[test]
fn sarif_of_the_corpus_run_validates_against_the_schema() {
    let shared = common::shared();
    let schema_text = std::fs::read_to_string(shared.join("conformance/sarif-schema-2.1.0.json"))
        .expect("../shared/conformance/sarif-schema-2.1.0.json is present");
    let schema: Value = serde_json::from_str(&schema_text).expect("schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");

    let sarif = common::check_json(shared, "sarif", "corpus");
    let errors: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .take(20)
        .collect();
    assert!(
        errors.is_empty(),
        "schema violations:\n{}",
        errors.join("\n")
    );

    let run = &sarif["runs"][0];
    let results = run["results"].as_array().expect("results");
    assert!(
        results.iter().any(|r| r["ruleId"] == "SYN001"),
        "the broken Dockerfile is in the results"
    );
    let rule_ids: Vec<&str> = run["tool"]["driver"]["rules"]
        .as_array()
        .expect("rules")
        .iter()
        .filter_map(|r| r["id"].as_str())
        .collect();
    for result in results {
        let id = result["ruleId"].as_str().expect("ruleId");
        assert!(
            rule_ids.contains(&id),
            "result of {id} has no rule in rules[]"
        );
        let uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .expect("uri");
        assert!(
            uri.starts_with("corpus/"),
            "relative URI expected, got {uri}"
        );
    }
}
