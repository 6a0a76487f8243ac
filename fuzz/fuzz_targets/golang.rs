//! Fuzz target: the Go scanner and the go.mod parser on arbitrary bytes (read as lossy UTF-8) must not panic,
//! every span they return must lie inside the text on character boundaries, and the module model built from
//! the text as a main package must not panic either.

#![no_main]

use libfuzzer_sys::fuzz_target;
use shiplint_model::{MemoryFs, Project, Timestamp};
use shiplint_syntax::FileId;
use shiplint_syntax::golang::{parse, parse_go_mod};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let file = parse(FileId(0), &text);
    let spans = file
        .tokens
        .iter()
        .map(|t| t.span)
        .chain(file.comments.iter().copied())
        .chain(file.statements.iter().copied())
        .chain(file.errors.iter().map(|e| e.span))
        .chain(file.imports.iter().map(|i| i.span))
        .chain(file.funcs.iter().map(|f| f.span));
    for span in spans {
        if let Err(error) = span.check_within(&text) {
            panic!("{error}");
        }
    }
    let go_mod = parse_go_mod(FileId(0), &text);
    for span in go_mod.errors.iter().map(|e| e.span).chain(go_mod.statements.iter().copied()) {
        if let Err(error) = span.check_within(&text) {
            panic!("{error}");
        }
    }
    let mut fs = MemoryFs::new();
    fs.insert("/m/go.mod", "module example.com/m\n");
    fs.insert("/m/main.go", text.as_bytes());
    let candidates = fs.candidates(false);
    let project = Project::load(&fs, candidates, Timestamp(0));
    for module in project.go_modules() {
        for main in &module.mains {
            for span in main.engines.iter().chain(main.listens.iter().map(|l| &l.span)) {
                if let Err(error) = span.check_within(&text) {
                    panic!("{error}");
                }
            }
        }
    }
});
