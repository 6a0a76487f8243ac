//! BuildKit's own parser test cases (../shared/conformance/buildkit-parser): every positive case must print
//! BuildKit's tree byte for byte, every negative case must be an error.

use shiplint_syntax::FileId;
use shiplint_syntax::dockerfile::{buildkit_tree, parse};
use std::fs;
use std::path::{Path, PathBuf};

const ROOT: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/conformance/buildkit-parser"
);
const POSITIVE: usize = 33;
const NEGATIVE: usize = 4;

/// The case directories under `dir`, sorted. Panics when the data is missing: a silent skip would pass.
fn cases(dir: &str) -> Vec<PathBuf> {
    let path = Path::new(ROOT).join(dir);
    let entries = fs::read_dir(&path)
        .unwrap_or_else(|e| panic!("conformance data missing at {}: {e}", path.display()));
    let mut cases: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    cases
}

fn read(path: &Path) -> String {
    let bytes = fs::read(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    String::from_utf8_lossy(&bytes).into_owned()
}

#[test]
fn every_positive_case_prints_buildkits_tree() {
    let cases = cases("testfiles");
    assert_eq!(cases.len(), POSITIVE, "expected {POSITIVE} positive cases");
    let mut failures = Vec::new();
    for case in &cases {
        let name = case.file_name().map(|n| n.to_string_lossy().into_owned());
        let name = name.unwrap_or_default();
        let src = read(&case.join("Dockerfile"));
        let expected = read(&case.join("result"));
        match buildkit_tree(&parse(FileId(0), &src), &src) {
            Ok(tree) if tree.trim_end_matches('\n') == expected.trim_end_matches('\n') => {}
            Ok(tree) => failures.push(format!(
                "{name}:\n--- expected\n{expected}\n--- got\n{tree}"
            )),
            Err(e) => failures.push(format!("{name}: unexpected error {e}")),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {POSITIVE} cases differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The first error we give for each negative case, as `buildkit_tree` prints it.
const NEGATIVE_ERRORS: [(&str, &str); NEGATIVE] = [
    ("empty_dockerfile", "1:1: file with no instructions"),
    ("env_no_value", "3:5: missing value for `PATH`"),
    ("only_comments", "1:1: file with no instructions"),
    (
        "shykes-nested-json",
        "1:15: exec form arrays may only hold strings, found `[ \"nested json\" ]`",
    ),
];

#[test]
fn every_negative_case_is_an_error() {
    let cases = cases("testfiles-negative");
    assert_eq!(cases.len(), NEGATIVE, "expected {NEGATIVE} negative cases");
    for (case, (name, expected)) in cases.iter().zip(NEGATIVE_ERRORS) {
        assert!(case.ends_with(name), "{} is not {name}", case.display());
        let src = read(&case.join("Dockerfile"));
        let doc = parse(FileId(0), &src);
        assert_eq!(
            buildkit_tree(&doc, &src),
            Err(expected.to_string()),
            "{name}"
        );
    }
}
