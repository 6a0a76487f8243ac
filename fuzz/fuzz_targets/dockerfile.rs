//! Fuzz target: the Dockerfile parser on arbitrary bytes (read as lossy UTF-8) must not panic, and every
//! span it returns must lie inside the text with both ends on character boundaries.

#![no_main]

use libfuzzer_sys::fuzz_target;
use shiplint_syntax::FileId;
use shiplint_syntax::dockerfile::{buildkit_tree, parse};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let doc = parse(FileId(0), &text);
    for (what, span) in doc.spans() {
        if let Err(error) = span.check_within(&text) {
            panic!("{what} {error}");
        }
    }
    for inst in &doc.instructions {
        for heredoc in &inst.heredocs {
            assert_eq!(heredoc.body.span.text(&text), heredoc.body.value);
        }
    }
    assert_eq!(buildkit_tree(&doc, &text).is_err(), !doc.errors.is_empty());
});
