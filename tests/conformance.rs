//! `shiplint debug dump` against BuildKit's own parser cases: the same tree for every positive case, an error
//! (exit 2) for every negative one.

use assert_cmd::Command;
use std::path::{Path, PathBuf};

fn cases(folder: &str) -> Vec<PathBuf> {
    let root = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/conformance/buildkit-parser"
    ))
    .join(folder);
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("{} must exist: {e}", root.display()))
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.join("Dockerfile").is_file())
        .collect();
    cases.sort();
    cases
}

fn dump(dockerfile: &Path) -> std::process::Output {
    Command::cargo_bin("shiplint")
        .expect("binary built")
        .args(["debug", "dump"])
        .arg(dockerfile)
        .output()
        .expect("runs")
}

#[test]
fn every_positive_case_prints_buildkits_tree() {
    let cases = cases("testfiles");
    assert_eq!(cases.len(), 33);
    let mismatched: Vec<String> = cases
        .iter()
        .filter(|case| {
            let expected = std::fs::read_to_string(case.join("result")).expect("result file");
            let output = dump(&case.join("Dockerfile"));
            output.status.code() != Some(0)
                || String::from_utf8_lossy(&output.stdout).trim_end() != expected.trim_end()
        })
        .map(|case| case.display().to_string())
        .collect();
    assert!(
        mismatched.is_empty(),
        "trees differ from BuildKit's for: {mismatched:#?}"
    );
}

#[test]
fn every_negative_case_is_an_error() {
    let cases = cases("testfiles-negative");
    assert_eq!(cases.len(), 4);
    for case in cases {
        let output = dump(&case.join("Dockerfile"));
        assert_eq!(
            output.status.code(),
            Some(2),
            "{} should not parse",
            case.display()
        );
        assert!(output.stdout.is_empty());
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.starts_with("error: ") && stderr.contains("Dockerfile:"),
            "{stderr}"
        );
    }
}
