//! Every format survives any span over awkward text: offsets inside characters, past the end, reversed,
//! in CRLF pairs and inside a BOM. Spans come from many rules, so the report must never be the one to panic.

mod common;

use shiplint_lint::{Finding, Related};
use shiplint_report::{Format, TextOptions};
use shiplint_syntax::{FileId, SourceFile, Span};

const TEXTS: &[&str] = &[
    "\u{feff}FROM é\r\n\tRUN 🗻 \\\r\n  x\r\n",
    "a\rb\u{1b}c\n\nlast line without newline",
    "",
];

#[test]
fn any_span_renders_in_every_format() {
    for text in TEXTS {
        let files = vec![SourceFile::new(FileId(0), "f", *text)];
        let limit = text.len() as u32 + 2;
        let mut findings = Vec::new();
        for start in 0..=limit {
            for end in 0..=limit {
                let mut finding = Finding::new(
                    &common::WEAK_TLS,
                    Span {
                        file: FileId(0),
                        start,
                        end,
                    },
                    "m",
                );
                finding.related.push(Related {
                    span: Span {
                        file: FileId(0),
                        start: end,
                        end: start,
                    },
                    message: "r".to_string(),
                });
                findings.push(finding);
            }
        }
        for format in Format::ALL {
            // Only the text format reads the colour option.
            let colors: &[bool] = if format == Format::Text {
                &[false, true]
            } else {
                &[false]
            };
            for &color in colors {
                let options = TextOptions {
                    color,
                    ..TextOptions::default()
                };
                let out = common::render(&files, &findings, format, options);
                assert!(out.ends_with('\n'), "{format:?} output ends with a newline");
                if format == Format::Sarif {
                    assert_sarif_regions_not_inverted(&out);
                }
            }
        }
    }
}

fn assert_sarif_regions_not_inverted(out: &str) {
    let sarif: serde_json::Value = serde_json::from_str(out).expect("SARIF is JSON");
    for result in sarif["runs"][0]["results"].as_array().expect("results") {
        let region = &result["locations"][0]["physicalLocation"]["region"];
        let start = (region["startLine"].as_u64(), region["startColumn"].as_u64());
        let end = (region["endLine"].as_u64(), region["endColumn"].as_u64());
        assert!(start <= end, "region never inverted: {region}");
    }
}
