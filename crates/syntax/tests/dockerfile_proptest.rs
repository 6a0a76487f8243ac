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
        prop_assert_eq!(buildkit_tree(&doc, &src).is_err(), !doc.errors.is_empty());
    }
}

const VALID_LINES: &[&str] = &[
    "FROM alpine:3.19 AS build",
    "RUN apt-get update && apt-get install -y curl",
    "COPY --from=build /out /app",
    "ENV A=1 B=\"two words\"",
    "ENV LEGACY some value",
    "ARG VERSION",
    "LABEL org.example.k=v",
    "CMD [\"a\", \"b c\"]",
    "EXPOSE 80 443/tcp",
    "WORKDIR /app",
    "user app:app",
    "HEALTHCHECK --interval=5s CMD curl -f http://localhost/",
    "ONBUILD RUN make",
    "ENTRYPOINT [\"/init\"]",
    "RUN <<EOF\necho hi\nEOF",
];

/// A valid file: instruction lines, with comment and blank lines between them, each instruction line
/// possibly broken by a continuation (and a comment line inside it) at one of its spaces.
fn valid_file() -> impl Strategy<Value = (Vec<String>, usize)> {
    let line = (
        proptest::sample::select(VALID_LINES),
        any::<prop::sample::Index>(),
        any::<bool>(),
        0..3usize,
    )
        .prop_map(|(line, at, split, extra)| {
            let mut out = String::new();
            match extra {
                1 => out.push_str("# a comment\n"),
                2 => out.push_str("\n\n"),
                _ => {}
            }
            let spaces: Vec<usize> = line
                .char_indices()
                .filter(|&(_, c)| c == ' ')
                .map(|(i, _)| i)
                .collect();
            let first_line_end = line.find('\n').unwrap_or(line.len());
            let candidates: Vec<usize> =
                spaces.into_iter().filter(|&i| i < first_line_end).collect();
            if split && !candidates.is_empty() && !line.starts_with("RUN <<") {
                let cut = candidates[at.index(candidates.len())];
                out.push_str(&line[..cut]);
                out.push_str(" \\\n  # inside\n ");
                out.push_str(&line[cut..]);
            } else {
                out.push_str(line);
            }
            out
        });
    proptest::collection::vec(line, 1..12).prop_map(|lines| {
        let n = lines.len();
        (lines, n)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn valid_files_parse_the_same_with_crlf_and_a_bom((lines, count) in valid_file()) {
        let lf = lines.join("\n") + "\n";
        let doc = parse(FileId(0), &lf);
        prop_assert!(doc.errors.is_empty(), "{:?} in {:?}", doc.errors, lf);
        prop_assert_eq!(doc.instructions.len(), count);
        common::check_spans(&lf, &doc).map_err(TestCaseError::fail)?;
        let tree = buildkit_tree(&doc, &lf);
        prop_assert!(tree.is_ok());

        let crlf = lf.replace('\n', "\r\n");
        let crlf_doc = parse(FileId(0), &crlf);
        common::check_spans(&crlf, &crlf_doc).map_err(TestCaseError::fail)?;
        prop_assert_eq!(&buildkit_tree(&crlf_doc, &crlf), &tree, "CRLF changed the tree");
        for (a, b) in doc.instructions.iter().zip(&crlf_doc.instructions) {
            // Same keyword text at the shifted position.
            prop_assert_eq!(a.keyword_span.text(&lf), b.keyword_span.text(&crlf));
        }

        let bom = format!("\u{feff}{lf}");
        let bom_doc = parse(FileId(0), &bom);
        prop_assert_eq!(&buildkit_tree(&bom_doc, &bom), &tree, "a BOM changed the tree");
        prop_assert_eq!(bom_doc.instructions[0].keyword_span.start, doc.instructions[0].keyword_span.start + 3);
    }
}
