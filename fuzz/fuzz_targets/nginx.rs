//! Fuzz target: the nginx parser on arbitrary bytes (read as lossy UTF-8) must not panic, every span it
//! returns must lie inside the text on character boundaries, and the crossplane dump must agree with the
//! error list.

#![no_main]

use libfuzzer_sys::fuzz_target;
use shiplint_syntax::FileId;
use shiplint_syntax::nginx::{crossplane_json, parse};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let file = parse(FileId(0), &text);
    for span in file.spans() {
        if let Err(error) = span.check_within(&text) {
            panic!("{error}");
        }
    }
    assert_eq!(
        crossplane_json(&file, &text).is_err(),
        !file.errors.is_empty()
    );
});
