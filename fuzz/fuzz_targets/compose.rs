//! Fuzz target: the YAML layer and the compose model on arbitrary bytes (read as lossy UTF-8) must not
//! panic or hang, and every span they return must lie inside the text on character boundaries.

#![no_main]

use libfuzzer_sys::fuzz_target;
use shiplint_model::MemoryFs;
use shiplint_model::compose::{ComposeFile, dump};
use shiplint_syntax::yaml::{all_spans, parse};
use shiplint_syntax::{FileId, Span};
use std::path::Path;

fn check(text: &str, what: &str, span: Span) {
    if let Err(error) = span.check_within(text) {
        panic!("{what} {error}");
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let yaml = parse(FileId(0), &text);
    for span in yaml.root.iter().flat_map(all_spans) {
        check(&text, "node", span);
    }
    for span in yaml
        .comments
        .iter()
        .chain(yaml.errors.iter().map(|e| &e.span))
    {
        check(&text, "comment or error", *span);
    }
    assert!(yaml.errors.len() <= 1 && (yaml.errors.is_empty() || yaml.root.is_none()));

    let mut fs = MemoryFs::new();
    fs.insert("/p/compose.yaml", data.to_vec());
    fs.insert("/p/.env", "TAG=1\n");
    let compose = ComposeFile::load(&fs, Path::new("/p/compose.yaml"), FileId(0), &text);
    for span in compose.secret_spans() {
        check(&text, "secret", span);
    }
    for problem in &compose.problems {
        check(&text, "problem", problem.span);
    }
    for service in &compose.services {
        check(&text, "service", service.span);
        for port in &service.ports {
            check(&text, "published", port.published_span);
        }
    }
    let _ = dump::to_json(&compose.services);
});
