//! Every Dockerfile of the shared corpus (../shared/corpus/MANIFEST.tsv) parses; exactly one, a deliberately
//! broken fixture, has an error, at a known place; every span lies inside its file on character boundaries.

use shiplint_syntax::dockerfile::{Arguments, Dockerfile, Instruction, parse};
use shiplint_syntax::{FileId, LineIndex, Span};
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

fn check_span(src: &str, span: Span, what: &str, path: &str) {
    let (s, e) = (span.start as usize, span.end as usize);
    assert!(
        s <= e && e <= src.len(),
        "{path}: {what} span {s}..{e} outside 0..{}",
        src.len()
    );
    assert!(
        src.is_char_boundary(s) && src.is_char_boundary(e),
        "{path}: {what} span {s}..{e} not on char boundaries"
    );
}

fn check_instruction(src: &str, inst: &Instruction, path: &str) {
    check_span(src, inst.span, "instruction", path);
    check_span(src, inst.keyword_span, "keyword", path);
    for flag in &inst.flags {
        check_span(src, flag.span, "flag", path);
        check_span(src, flag.name.span, "flag name", path);
        if let Some(v) = &flag.value {
            check_span(src, v.span, "flag value", path);
        }
    }
    for h in &inst.heredocs {
        check_span(src, h.span, "heredoc", path);
        check_span(src, h.name.span, "heredoc name", path);
        check_span(src, h.body.span, "heredoc body", path);
        assert_eq!(h.body.span.text(src), h.body.value, "{path}: heredoc body");
    }
    check_args(src, &inst.args, path);
}

fn check_args(src: &str, args: &Arguments, path: &str) {
    match args {
        Arguments::Exec(v) | Arguments::Words(v) => {
            for a in v {
                check_span(src, a.span, "argument", path);
            }
        }
        Arguments::Shell(t) => {
            check_span(src, t.span, "shell text", path);
            check_span(src, t.span_of(0..t.text.len()), "shell text range", path);
        }
        Arguments::Pairs(pairs) => {
            for p in pairs {
                check_span(src, p.span, "pair", path);
                check_span(src, p.key.span, "key", path);
                if let Some(v) = &p.value {
                    check_span(src, v.span, "value", path);
                }
            }
        }
        Arguments::Healthcheck(Some(cmd)) => check_args(src, cmd, path),
        Arguments::OnBuild(inner) => check_instruction(src, inner, path),
        Arguments::Healthcheck(None) | Arguments::None => {}
    }
}

fn check_doc(src: &str, doc: &Dockerfile, path: &str) {
    for inst in &doc.instructions {
        check_instruction(src, inst, path);
    }
    for c in &doc.comments {
        check_span(src, c.span, "comment", path);
        assert!(c.span.text(src).starts_with('#'), "{path}: comment span");
    }
    for e in &doc.errors {
        check_span(src, e.span, "error", path);
    }
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
    for rel in &paths {
        let full = Path::new(CORPUS).join(rel);
        let bytes =
            fs::read(&full).unwrap_or_else(|e| panic!("cannot read {}: {e}", full.display()));
        let src = String::from_utf8_lossy(&bytes);
        let doc = parse(FileId(0), &src);
        check_doc(&src, &doc, rel);
        instructions += doc.instructions.len();
        if !doc.errors.is_empty() {
            with_errors.push((rel.clone(), src.to_string(), doc));
        }
    }
    assert!(
        instructions > 5_000,
        "only {instructions} instructions over the corpus"
    );
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
