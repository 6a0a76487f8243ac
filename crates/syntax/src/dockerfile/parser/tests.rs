//! Unit tests of the whole parser: one test per feature, checking values and the source text under spans.

use super::parse;
use crate::FileId;
use crate::dockerfile::*;

fn doc(src: &str) -> Dockerfile {
    parse(FileId(0), src)
}

#[test]
fn parses_a_simple_file() {
    let d = doc("FROM alpine\nRUN echo hi\n");
    assert!(d.errors.is_empty(), "{:?}", d.errors);
    assert_eq!(d.instructions.len(), 2);
}
