//! Property test: PEM-shaped random input (BEGIN/END lines with real and odd labels, headers, base64 cut
//! anywhere, garbage, CRLF, multi-byte text) never makes the reader panic; every span it returns lies inside
//! the text on character boundaries, and each block's body lies inside the block.

use proptest::prelude::*;
use shiplint_syntax::pem::{decode_base64, from_der, looks_like_der, parse};
use shiplint_syntax::{FileId, Span};

const FRAGMENTS: &[&str] = &[
    "-----BEGIN CERTIFICATE-----\n",
    "-----END CERTIFICATE-----\n",
    "-----BEGIN PRIVATE KEY-----\n",
    "-----END PRIVATE KEY-----\n",
    "-----BEGIN RSA PRIVATE KEY-----\r\n",
    "-----END RSA PRIVATE KEY-----",
    "-----BEGIN ENCRYPTED PRIVATE KEY-----\n",
    "-----BEGIN -----\n",
    "-----END -----\n",
    "-----BEGIN X",
    "-----END",
    "Proc-Type: 4,ENCRYPTED\n",
    "DEK-Info: AES-128-CBC,00\n",
    " continued\n",
    "\n",
    "\r\n",
    "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA\n",
    "aGVsbG8=\n",
    "aGVsbG8\n",
    "====\n",
    "a=b=\n",
    "*&^%\n",
    "# shiplint: ignore-file[CRT001]\n",
    "Certificate:\n    Data:\n",
    "é€😀",
    "\u{feff}",
    "-----",
    ":",
];

fn check(text: &str, what: &str, span: Span) {
    if let Err(error) = span.check_within(text) {
        panic!("{what} {error}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn the_reader_never_panics_and_spans_stay_in_bounds(
        parts in prop::collection::vec(prop::sample::select(FRAGMENTS), 0..40),
        cut in any::<prop::sample::Index>(),
    ) {
        let full: String = parts.concat();
        // Truncate anywhere (on a character boundary): a cut-off download or copy-paste.
        let mut at = cut.index(full.len() + 1);
        while !full.is_char_boundary(at) {
            at -= 1;
        }
        let text = &full[..at];
        let pem = parse(FileId(0), text);
        for block in &pem.blocks {
            check(text, "block", block.span);
            check(text, "body", block.body);
            prop_assert!(block.span.start <= block.body.start && block.body.end <= block.span.end);
        }
        for error in &pem.errors {
            check(text, "error", error.span);
            prop_assert!(!error.message.is_empty());
        }
        for comment in &pem.comments {
            check(text, "comment", *comment);
        }
        // A file with no readable block always says why.
        prop_assert!(!pem.blocks.is_empty() || !pem.errors.is_empty());
    }

    #[test]
    fn base64_and_der_framing_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = decode_base64(&bytes);
        let _ = looks_like_der(&bytes);
        prop_assert_eq!(from_der(FileId(0), &bytes).blocks.len(), 1);
    }
}
