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
        let (start, end) = (span.start as usize, span.end as usize);
        assert!(
            start <= end && end <= text.len(),
            "span {start}..{end} outside 0..{}",
            text.len()
        );
        assert!(
            text.is_char_boundary(start) && text.is_char_boundary(end),
            "span {start}..{end} not on character boundaries"
        );
    }
    assert_eq!(crossplane_json(&file, &text).is_err(), !file.errors.is_empty());
});
