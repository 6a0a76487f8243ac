//! The text format: codespan snippets, notes, colour only on request, statistics and the summary line.

mod common;

use common::{files, find, findings, render};
use shiplint_lint::Finding;
use shiplint_report::{Format, TextOptions};
use shiplint_syntax::{FileId, SourceFile, Span};

const ESC: char = '\u{1b}';

fn text(options: TextOptions) -> String {
    render(&files(), &findings(), Format::Text, options)
}

fn plain() -> String {
    text(TextOptions::default())
}

#[test]
fn snapshot_of_the_fixture_with_statistics() {
    insta::assert_snapshot!(text(TextOptions {
        statistics: true,
        ..TextOptions::default()
    }));
}

#[test]
fn plain_output_has_snippets_help_rule_and_summary_but_no_escapes() {
    let out = plain();
    assert!(!out.contains(ESC), "no ANSI escapes without colour");
    assert!(out.starts_with("warning[DKR001]: the final stage builds with `golang:1.22`\n"));
    assert!(out.contains("\n1 │ FROM golang:1.22\n"));
    assert!(out.contains("\n  ┌─ deploy/compose.yaml:4:5\n"));
    assert!(out.contains("-------- built for service `api`\n"));
    assert!(out.contains(
        "\n  = help: build in a `builder` stage and copy the binary into a small runtime image\n"
    ));
    assert!(out.contains("\n  = rule: single-stage-build (shiplint explain DKR001)\n"));
    assert!(out.contains("\ninfo[SUP001]: `DKR001` is suppressed here but reports nothing\n"));
    assert!(!out.contains("note["), "info findings are labelled info");
    assert!(out.ends_with("\nFound 2 errors, 1 warning and 1 info in 12 files.\n"));
}

#[test]
fn colour_only_when_asked() {
    let out = text(TextOptions {
        color: true,
        ..TextOptions::default()
    });
    assert!(out.contains(ESC));
    assert!(!out.contains("note["));
    let stripped = strip_ansi(&out);
    assert_eq!(stripped, plain());
}

#[test]
fn crlf_bom_and_tab_keep_columns_and_carets_right() {
    let out = plain();
    assert!(!out.contains('\r'), "carriage returns are not printed");
    assert!(!out.contains('\u{feff}'), "the BOM is not printed");
    assert!(out.contains("\n  ┌─ Dockerfile:1:6\n"));
    let lines: Vec<&str> = out.lines().collect();
    let source = lines
        .iter()
        .position(|l| *l == "1 │ FROM golang:1.22")
        .expect("the FROM line is shown");
    assert_eq!(lines[source + 1], "  │      ^^^^^^^^^^^");
    // The tab before RUN is drawn as four spaces and the underline follows it.
    let run = lines
        .iter()
        .position(|l| *l == "3 │     RUN go build ./cmd/api")
        .expect("the RUN line is shown");
    assert_eq!(
        lines[run + 1],
        "  │     ---------------------- compiled here"
    );
}

#[test]
fn multi_byte_text_is_underlined_by_characters() {
    let out = plain();
    let lines: Vec<&str> = out.lines().collect();
    let source = lines
        .iter()
        .position(|l| *l == "3 │     image: \"café:latest\"")
        .expect("the image line is shown");
    assert_eq!(lines[source + 1], "  │             ^^^^^^^^^^^");
    assert!(out.contains("deploy/compose.yaml:3:13"));
}

#[test]
fn quiet_prints_only_the_summary_and_nothing_when_clean() {
    let quiet = TextOptions {
        quiet: true,
        statistics: true,
        ..TextOptions::default()
    };
    assert_eq!(
        text(quiet),
        "Found 2 errors, 1 warning and 1 info in 12 files.\n"
    );
    assert_eq!(render(&files(), &[], Format::Text, quiet), "");
}

#[test]
fn clean_run_prints_one_line() {
    assert_eq!(
        render(&files(), &[], Format::Text, TextOptions::default()),
        "No problems found in 12 files.\n"
    );
}

#[test]
fn statistics_sort_by_count_then_code() {
    let mut findings = findings();
    let tls = findings[2].clone();
    findings.insert(3, tls.clone());
    findings.insert(3, tls);
    let out = render(
        &files(),
        &findings,
        Format::Text,
        TextOptions {
            statistics: true,
            ..TextOptions::default()
        },
    );
    let table: Vec<&str> = out
        .lines()
        .skip_while(|l| !l.starts_with("3  "))
        .take(5)
        .collect();
    assert_eq!(
        table,
        [
            "3  TLS001  weak-tls-protocol",
            "1  DKR001  single-stage-build",
            "1  SUP001  unused-suppression",
            "1  SYN001  syntax-error",
            "",
        ]
    );
    assert!(out.ends_with("\n\nFound 4 errors, 1 warning and 1 info in 12 files.\n"));
}

#[test]
fn control_characters_from_input_are_not_printed() {
    let evil = "FROM x\u{1b}[2J\nRUN \u{7}y\rz\n";
    let files = vec![SourceFile::new(
        FileId(0),
        "evil\u{1b}[31m/Dockerfile",
        evil,
    )];
    let mut finding = Finding::new(
        &common::WEAK_TLS,
        find(0, evil, "y"),
        "bad \u{1b}]0;title\u{7} value\nsecond line",
    );
    finding.help("fix\u{1b}[0m it\nnext");
    let out = render(&files, &[finding], Format::Text, TextOptions::default());
    assert!(
        !out.contains(ESC) && !out.contains('\u{7}') && !out.contains('\r'),
        "{out:?}"
    );
    assert!(out.contains("error[TLS001]: bad  ]0;title  value second line\n"));
    assert!(out.contains("2 │ RUN ?y?z\n"));
    assert!(
        out.contains("  = help: fix [0m it\n          next\n"),
        "{out}"
    );
}

#[test]
fn empty_multi_line_and_unknown_spans_render() {
    let text = "FROM a\nRUN b \\\n  c\n";
    let files = vec![SourceFile::new(FileId(0), "Dockerfile", text)];
    let meta = &common::WEAK_TLS;
    let mut at_end = Finding::new(meta, Span::empty(FileId(0), text.len()), "empty at the end");
    at_end.label(Span::new(FileId(9), 0, 1), "somewhere unknown");
    let multi = Finding::new(meta, find(0, text, "RUN b \\\n  c"), "spans two lines");
    let lost = Finding::new(meta, Span::new(FileId(5), 1, 2), "file not loaded");
    let out = render(
        &files,
        &[at_end, multi, lost],
        Format::Text,
        TextOptions::default(),
    );
    assert!(
        out.contains("error[TLS001]: empty at the end\n  ┌─ Dockerfile:4:1\n"),
        "{out}"
    );
    assert!(out.contains("  = related: somewhere unknown\n"));
    assert!(
        out.contains("4 │ \n  │ ^\n"),
        "an empty span gets one caret: {out}"
    );
    assert!(out.contains("  ┌─ Dockerfile:2:1\n"));
    assert!(
        out.contains("2 │ ╭ RUN b \\\n3 │ │   c\n  │ ╰───^\n"),
        "{out}"
    );
    // Without a snippet there is no line-number gutter, so notes are indented by one space only.
    assert!(
        out.contains("error[TLS001]: file not loaded\n = rule: weak-tls-protocol"),
        "{out}"
    );
}

/// Removes SGR sequences (`ESC [ ... m`), the only escapes the painter writes.
fn strip_ansi(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == ESC {
            for c in chars.by_ref() {
                if c == 'm' {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}
