//! The JSON format, field by field.

mod common;

use common::{fixture_json, render};
use serde_json::{Value, json};
use shiplint_report::{Format, TextOptions};

#[test]
fn top_level_shape_and_summary() {
    let doc = fixture_json(Format::Json);
    let keys: Vec<&str> = doc
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys, ["diagnostics", "summary", "tool", "version"]);
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["tool"]["name"], "shiplint");
    assert_eq!(doc["tool"]["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(
        doc["summary"],
        json!({"files": 12, "errors": 2, "warnings": 1, "infos": 1})
    );
    assert_eq!(doc["diagnostics"].as_array().map(Vec::len), Some(4));
}

#[test]
fn a_diagnostic_with_help_and_related_locations() {
    let doc = fixture_json(Format::Json);
    // BOM not counted; `golang:1.22` is at 1:6..1:17.
    assert_eq!(
        doc["diagnostics"][0],
        json!({
            "code": "DKR001",
            "name": "single-stage-build",
            "severity": "warning",
            "message": "the final stage builds with `golang:1.22`",
            "help": "build in a `builder` stage and copy the binary into a small runtime image",
            "path": "Dockerfile",
            "line": 1,
            "column": 6,
            "end_line": 1,
            "end_column": 17,
            "related": [
                {"path": "Dockerfile", "line": 3, "column": 2, "message": "compiled here"},
                {"path": "deploy/compose.yaml", "line": 4, "column": 5, "message": "built for service `api`"}
            ]
        })
    );
}

#[test]
fn help_is_omitted_when_absent_and_columns_count_characters() {
    let doc = fixture_json(Format::Json);
    let syn = &doc["diagnostics"][1];
    assert!(syn.get("help").is_none(), "no help key: {syn}");
    assert_eq!(syn["severity"], "error");
    assert_eq!(syn["path"], "deploy/compose.yaml");
    // `café:latest`: 11 characters (12 bytes) starting at column 13 of line 3.
    assert_eq!((&syn["line"], &syn["column"]), (&json!(3), &json!(13)));
    assert_eq!(
        (&syn["end_line"], &syn["end_column"]),
        (&json!(3), &json!(24))
    );
    assert_eq!(syn["related"], json!([]));
}

#[test]
fn severity_after_override_and_paths_as_given() {
    let doc = fixture_json(Format::Json);
    let sup = &doc["diagnostics"][3];
    assert_eq!(sup["code"], "SUP001");
    assert_eq!(sup["severity"], "info");
    assert_eq!(sup["path"], "/etc/shiplint/Dockerfile");
    assert_eq!(doc["diagnostics"][2]["path"], "my app/nginx.conf");
}

#[test]
fn clean_run_and_output_framing() {
    let text = render(&common::files(), &[], Format::Json, TextOptions::default());
    assert!(text.ends_with("}\n") && !text.ends_with("\n\n"));
    let doc: Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(doc["diagnostics"], json!([]));
    assert_eq!(
        doc["summary"],
        json!({"files": 12, "errors": 0, "warnings": 0, "infos": 0})
    );
}
