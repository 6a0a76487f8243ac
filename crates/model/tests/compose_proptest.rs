//! Property test: compose-shaped random YAML (keys compose reads, anchors, aliases, merges, flow and block
//! collections, quotes, interpolation, odd indentation and line endings) never makes the YAML layer or the
//! compose model panic, and every span they return lies inside the text on character boundaries.

use proptest::prelude::*;
use shiplint_model::MemoryFs;
use shiplint_model::compose::{ComposeFile, dump};
use shiplint_syntax::yaml::{all_spans, parse};
use shiplint_syntax::{FileId, Span};
use std::path::Path;

const FRAGMENTS: &[&str] = &[
    "services:",
    "\n  web:",
    "\n    image: ",
    "nginx:${TAG}",
    "\n    build: ",
    ".",
    "\n    build:\n      context: ",
    "\n      dockerfile: ",
    "\n      target: ",
    "\n    ports:",
    "\n      - ",
    "\"8080:80\"",
    "22:22",
    "127.0.0.1:5432:5432/udp",
    "[::1]:53:53",
    "8000-8001:9000-9001",
    "{target: 80, published: 8080}",
    "\n    environment:",
    "\n      DB_PASSWORD: ",
    "hunter2",
    "\n      - A=",
    "${A:-x}",
    "$$",
    "${B:?err}",
    "\n    env_file: ",
    ".env",
    "\n    extends: ",
    "web",
    "{service: web, file: other.yaml}",
    "\n    depends_on:",
    "\n      db:\n        condition: service_healthy",
    "\n    volumes:",
    "/var/run/docker.sock:/s:ro",
    "\ninclude:\n  - ",
    "\nx-base: &b",
    "\n  <<: *b",
    "*b",
    "&a ",
    "[",
    "]",
    "{",
    "}",
    ",",
    ":",
    " ",
    "  ",
    "\t",
    "#",
    " # c",
    "\n",
    "\r\n",
    "'",
    "\"",
    "|",
    ">",
    "-",
    "é",
    "\u{feff}",
    "version: '3'\n",
    "null",
    "~",
];

fn check(text: &str, what: &str, span: Span) {
    if let Err(error) = span.check_within(text) {
        panic!("{what} {error}: {text:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]
    #[test]
    fn compose_files_never_panic(parts in prop::collection::vec(prop::sample::select(FRAGMENTS), 0..60)) {
        let text: String = parts.concat();
        let yaml = parse(FileId(0), &text);
        for span in yaml.root.iter().flat_map(all_spans) {
            check(&text, "node", span);
        }
        for span in &yaml.comments {
            check(&text, "comment", *span);
        }
        let mut fs = MemoryFs::new();
        fs.insert("/p/compose.yaml", text.clone());
        fs.insert("/p/other.yaml", text.clone());
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
                check(&text, "host ip", port.host_ip_span);
            }
            for var in &service.environment {
                check(&text, "variable", var.name.span);
            }
        }
        let _ = dump::to_json(&compose.services);
    }
}
