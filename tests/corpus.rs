//! The whole shared corpus in one run: no crash, every Dockerfile counted, syntax errors only where expected.

mod common;

use serde_json::Value;

const BROKEN_DOCKERFILE: &str =
    "docker__compose/pkg/e2e/fixtures/wrong-composefile/service1/Dockerfile";
/// A consul-template source (Go template syntax), not an nginx config: nginx rejects it too.
const TEMPLATE_NGINX: &str = "nginxinc__NGINX-Demos/consul-template-demo/nginx/nginx.conf";

#[test]
fn the_shared_corpus_runs_clean_and_flags_only_the_broken_dockerfile() {
    let corpus = common::shared().join("corpus");
    let report = common::check_json(&corpus, "json", ".");
    let diagnostics = report["diagnostics"].as_array().expect("diagnostics");

    let manifest = std::fs::read_to_string(corpus.join("MANIFEST.tsv")).expect("manifest");
    let of_kind = |kind: &str| {
        manifest
            .lines()
            .filter(|l| l.split('\t').next() == Some(kind))
            .count() as u64
    };
    assert_eq!(of_kind("dockerfile"), 498);
    assert_eq!(of_kind("compose"), 355);
    assert_eq!(of_kind("nginx"), 116);
    assert_eq!(of_kind("pem"), 25);
    // Every file of a kind this version parses is counted: 498 Dockerfiles + 355 compose + 116 nginx + 25 PEM.
    assert_eq!(
        report["summary"]["files"].as_u64(),
        Some(of_kind("dockerfile") + of_kind("compose") + of_kind("nginx") + of_kind("pem"))
    );

    let syntax_errors: Vec<&str> = diagnostics
        .iter()
        .filter(|d| d["code"] == "SYN001")
        .filter_map(|d| d["path"].as_str())
        .collect();
    let mut files_with_errors = syntax_errors.clone();
    files_with_errors.dedup();
    assert_eq!(files_with_errors, [BROKEN_DOCKERFILE, TEMPLATE_NGINX]);
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

/// The corpus's known-bad compose files are reported with positions: the duplicate `environment:` key (both
/// occurrences) and the invalid key of the wrong-composefile fixture.
#[test]
fn known_bad_compose_files_are_reported_with_positions() {
    let corpus = common::shared().join("corpus");
    let report = common::check_json(&corpus, "json", ".");
    let diagnostics = report["diagnostics"].as_array().expect("diagnostics");
    let find = |path: &str, code: &str| -> Vec<&Value> {
        diagnostics
            .iter()
            .filter(|d| d["path"] == path && d["code"] == code)
            .collect()
    };
    let duplicate = find(
        "nginxinc__NGINX-Demos/zookeeper-demo/docker-compose.yml",
        "CMP010",
    );
    assert_eq!(duplicate.len(), 1, "{duplicate:?}");
    assert_eq!(
        (
            duplicate[0]["line"].as_u64(),
            duplicate[0]["column"].as_u64()
        ),
        (Some(21), Some(5))
    );
    let first = &duplicate[0]["related"][0];
    assert_eq!(
        (first["line"].as_u64(), first["column"].as_u64()),
        (Some(19), Some(5)),
        "{first}"
    );
    let unknown = find(
        "docker__compose/pkg/e2e/fixtures/wrong-composefile/compose.yaml",
        "CMP012",
    );
    assert_eq!(unknown.len(), 1, "{unknown:?}");
    assert_eq!(
        (unknown[0]["line"].as_u64(), unknown[0]["column"].as_u64()),
        (Some(4), Some(5))
    );
    assert!(
        unknown[0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("wrongField"))
    );
}

/// corpus/parse/dockerfile: the team's odd and broken inputs. Every `broken-*` file is a syntax error (what a
/// build rejects, as well as what the parser rejects); every other file parses clean, whatever its oddity.
#[test]
fn odd_inputs_parse_and_broken_ones_are_syntax_errors() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let report = common::check_json(root, "json", "corpus/parse/dockerfile");
    let mut files: Vec<String> = std::fs::read_dir(root.join("corpus/parse/dockerfile"))
        .expect("corpus/parse/dockerfile")
        .filter_map(Result::ok)
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".Dockerfile"))
        .collect();
    files.sort();
    assert!(files.len() >= 12, "{files:?}");
    assert_eq!(
        report["summary"]["files"].as_u64(),
        Some(files.len() as u64)
    );
    for file in &files {
        let path = format!("corpus/parse/dockerfile/{file}");
        let errors = report["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .iter()
            .filter(|d| {
                d["path"] == path.as_str()
                    && matches!(d["code"].as_str(), Some("SYN001" | "INT001"))
            })
            .count();
        if file.starts_with("broken-") {
            assert!(
                errors >= 1,
                "{path} is broken but no syntax error was reported"
            );
        } else {
            assert_eq!(errors, 0, "{path} should parse: {report}");
        }
    }
}
