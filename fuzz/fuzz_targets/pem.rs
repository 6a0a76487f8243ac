//! Fuzz target: the PEM reader and the certificate model on arbitrary bytes (as text, and as DER) must not
//! panic; every span lies inside the text, on character boundaries, and a key block's secret span inside
//! its block.

#![no_main]

use libfuzzer_sys::fuzz_target;
use shiplint_model::pem::PemBundle;
use shiplint_syntax::{FileId, Span};

fn check_span(text: &str, what: &str, span: Span) {
    if let Err(error) = span.check_within(text) {
        panic!("{what} {error}");
    }
}

fuzz_target!(|data: &[u8]| {
    let _ = PemBundle::from_der(FileId(0), data);
    let text = String::from_utf8_lossy(data);
    let bundle = PemBundle::from_text(FileId(0), &text);
    for block in &bundle.syntax.blocks {
        check_span(&text, "block", block.span);
        check_span(&text, "body", block.body);
        assert!(block.span.start <= block.body.start && block.body.end <= block.span.end);
    }
    for error in bundle.errors() {
        check_span(&text, "error", error.span);
    }
    for comment in &bundle.syntax.comments {
        check_span(&text, "comment", *comment);
    }
    for secret in bundle.secret_spans() {
        check_span(&text, "secret", secret);
        assert!(
            bundle
                .syntax
                .blocks
                .iter()
                .any(|b| b.span.start <= secret.start && secret.end <= b.span.end)
        );
    }
});
