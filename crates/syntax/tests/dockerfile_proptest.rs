//! Property test: Dockerfile-shaped random input (keywords, escapes, heredoc operators, quotes, brackets,
//! line endings, multi-byte text) never makes the parser panic, and every span it returns is well formed.

mod common;

use proptest::prelude::*;
use shiplint_syntax::FileId;
use shiplint_syntax::dockerfile::{buildkit_tree, parse};

const FRAGMENTS: &[&str] = &[
    "FROM",
    "from",
    "RUN",
    "Run",
    "COPY",
    "ADD",
    "ENV",
    "ARG",
    "LABEL",
    "ONBUILD",
    "HEALTHCHECK",
    "CMD",
    "ENTRYPOINT",
    "SHELL",
    "EXPOSE",
    "VOLUME",
    "USER",
    "WORKDIR",
    "NONE",
    "AS",
    "FORM",
    " ",
    " ",
    "\t",
    "\\",
    "`",
    "<<EOF",
    "<<-EOF",
    "<<'EOF'",
    "<<\"EOF\"",
    "2<<EOF",
    "EOF",
    "\tEOF",
    "\"",
    "'",
    "[",
    "]",
    ",",
    "=",
    "--",
    "--from=x",
    "--mount=type=cache",
    "#",
    "# escape=`",
    "# syntax=x",
    "# check=a",
    "\n",
    "\n",
    "\r\n",
    "\r",
    "é",
    "☃",
    "😀",
    "\u{feff}",
    "\u{a0}",
    "\u{85}",
    "{",
    "}",
    "\\u00e9",
    "$",
    "a",
    "x=y",
    "\"a b\"",
    "[\"a\", \"b\"]",
    "[[",
    "1",
];

fn dockerfile_ish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        9 => proptest::sample::select(FRAGMENTS).prop_map(str::to_string),
        1 => "\\PC{0,3}",
    ];
    proptest::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn never_panics_and_spans_are_well_formed(src in dockerfile_ish()) {
        let doc = parse(FileId(7), &src);
        if let Err(e) = common::check_spans(&src, &doc) {
            return Err(TestCaseError::fail(format!("{e} in {src:?}")));
        }
        prop_assert!(doc.spans().iter().all(|(_, s)| s.file == FileId(7)));
        // The tree printer must not panic either, and agrees with the error list.
        prop_assert_eq!(buildkit_tree(&doc).is_err(), !doc.errors.is_empty());
    }
}
