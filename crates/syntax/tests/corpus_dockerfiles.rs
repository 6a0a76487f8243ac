//! Every Dockerfile of the shared corpus (../shared/corpus/MANIFEST.tsv) parses; exactly one, a deliberately
//! broken fixture, has an error, at a known place; every span lies inside its file on character boundaries.

mod common;

use shiplint_syntax::FileId;
use shiplint_syntax::LineIndex;
use shiplint_syntax::dockerfile::parse;
use std::fs;
use std::path::Path;

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus");
const EXPECTED_FILES: usize = 498;
const BROKEN: &str = "docker__compose/pkg/e2e/fixtures/wrong-composefile/service1/Dockerfile";

fn dockerfile_paths() -> Vec<String> {
    let manifest = Path::new(CORPUS).join("MANIFEST.tsv");
    let text = fs::read_to_string(&manifest)
        .unwrap_or_else(|e| panic!("corpus manifest missing at {}: {e}", manifest.display()));
    text.lines()
        .filter_map(|line| {
            let mut cols = line.split('\t');
            match (cols.next(), cols.next()) {
                (Some("dockerfile"), Some(path)) => Some(path.to_string()),
                _ => None,
            }
        })
        .collect()
}

#[test]
fn every_corpus_dockerfile_parses_and_only_the_broken_one_has_errors() {
    let paths = dockerfile_paths();
    assert_eq!(
        paths.len(),
        EXPECTED_FILES,
        "dockerfile rows in the manifest"
    );
    let mut with_errors = Vec::new();
    let mut instructions = 0;
    let mut spans = 0;
    for rel in &paths {
        let full = Path::new(CORPUS).join(rel);
        let bytes =
            fs::read(&full).unwrap_or_else(|e| panic!("cannot read {}: {e}", full.display()));
        let src = String::from_utf8_lossy(&bytes);
        let doc = parse(FileId(0), &src);
        if let Err(e) = common::check_spans(&src, &doc) {
            panic!("{rel}: {e}");
        }
        spans += doc.spans().len();
        instructions += doc.instructions.len();
        if !doc.errors.is_empty() {
            with_errors.push((rel.clone(), src.to_string(), doc));
        }
    }
    assert!(
        instructions > 5_000,
        "only {instructions} instructions over the corpus"
    );
    assert!(spans > 4 * instructions, "only {spans} spans checked");
    let names: Vec<_> = with_errors
        .iter()
        .map(|(p, _, d)| format!("{p}: {:?}", d.errors))
        .collect();
    assert_eq!(
        with_errors.len(),
        1,
        "files with errors:\n{}",
        names.join("\n")
    );
    let (path, src, doc) = &with_errors[0];
    assert_eq!(path, BROKEN);
    assert_eq!(doc.errors.len(), 1, "{:?}", doc.errors);
    let err = &doc.errors[0];
    assert_eq!(err.span.text(src), "WRONG");
    assert_eq!(err.message, "unknown instruction `WRONG`");
    let at = LineIndex::new(src).line_col(src, err.span.start);
    assert_eq!((at.line, at.column), (17, 1));
    // Recovery: the valid instruction before the error is kept.
    assert_eq!(doc.instructions.len(), 1);
}
