use super::*;
use crate::FileId;
use proptest::prelude::*;

const F: FileId = FileId(0);

fn texts<'a>(file: &GoFile, text: &'a str) -> Vec<&'a str> {
    file.tokens.iter().map(|t| t.text(text)).collect()
}

#[test]
fn tokens_skip_comments_and_insert_semicolons_at_line_ends() {
    let text = "x := a // c\ny /* d */ ++\n`raw\n` + 'r'\n";
    let file = parse(F, text);
    assert_eq!(
        texts(&file, text),
        ["x", ":=", "a", "", "y", "++", "", "`raw\n`", "+", "'r'", ""]
    );
    assert_eq!(file.comments.len(), 2);
    assert_eq!(file.comments[0].text(text), "// c");
}

#[test]
fn strings_hold_escapes_and_comment_markers() {
    let text = "package main\nvar s = \"a\\\"//b\" // real\n";
    let file = parse(F, text);
    assert_eq!(file.comments.len(), 1);
    assert_eq!(file.values[0].name.value, "s");
    let value = file.values[0].value.clone().expect("value");
    assert_eq!(
        unquote(file.tokens[value.start].text(text)).as_deref(),
        Some("a\"//b")
    );
    assert!(file.errors.is_empty(), "{:?}", file.errors);
}

#[test]
fn unquote_reads_go_escapes() {
    assert_eq!(unquote(r#""\x41\u00e9\101\t""#).as_deref(), Some("AéA\t"));
    assert_eq!(unquote("`a\\n`").as_deref(), Some("a\\n"));
    assert_eq!(unquote(r#""\q""#), None);
}

#[test]
fn imports_single_grouped_aliased_blank_and_dot() {
    let text = r#"package main

import "fmt"
import (
	"net/http"
	g "github.com/gin-gonic/gin"
	_ "embed"
	. "strings"
	"gopkg.in/yaml.v3"
	"github.com/go-chi/chi/v5"
)
"#;
    let file = parse(F, text);
    assert_eq!(
        file.package.as_ref().map(|p| p.value.as_str()),
        Some("main")
    );
    let names: Vec<(&str, &str)> = file
        .imports
        .iter()
        .map(|i| (i.path.value.as_str(), i.name()))
        .collect();
    assert_eq!(
        names,
        [
            ("fmt", "fmt"),
            ("net/http", "http"),
            ("github.com/gin-gonic/gin", "g"),
            ("embed", "_"),
            ("strings", "."),
            ("gopkg.in/yaml.v3", "yaml"),
            ("github.com/go-chi/chi/v5", "chi"),
        ]
    );
    assert_eq!(
        file.imports[2].span.text(text),
        r#"g "github.com/gin-gonic/gin""#
    );
    assert!(file.errors.is_empty());
}

#[test]
fn funcs_methods_generics_and_values() {
    let text = r#"//go:build linux && !cgo

package main

/*
#include <stdio.h>
*/
import "C"

const (
	port = "8080"
	a, b = 1, 2
	c
)

var addr string = ":" + port

type T[K comparable] struct{ m map[K]int }

func (t *T[K]) Get(k K) (int, bool) { v, ok := t.m[k]; return v, ok }

func Map[S ~[]E, E any](s S, f func(E) E) S { return s }

func router() *gin.Engine { return gin.New() }

func main() {
	ポート := "9090"
	_ = ポート
}
"#;
    let file = parse(F, text);
    assert!(file.errors.is_empty(), "{:?}", file.errors);
    assert_eq!(
        file.build_constraint.as_ref().map(|b| b.value.as_str()),
        Some("linux && !cgo")
    );
    let funcs: Vec<(&str, bool)> = file
        .funcs
        .iter()
        .map(|f| (f.name.value.as_str(), f.method))
        .collect();
    assert_eq!(
        funcs,
        [
            ("Get", true),
            ("Map", false),
            ("router", false),
            ("main", false)
        ]
    );
    let router = &file.funcs[2];
    let results: Vec<&str> = file.tokens[router.results.clone()]
        .iter()
        .map(|t| t.text(text))
        .collect();
    assert_eq!(results, ["*", "gin", ".", "Engine"]);
    let values: Vec<(&str, Option<String>)> = file
        .values
        .iter()
        .map(|v| {
            let value = v
                .value
                .clone()
                .and_then(|r| file.span_of(r))
                .map(|s| s.text(text).to_string());
            (v.name.value.as_str(), value)
        })
        .collect();
    assert_eq!(
        values,
        [
            ("port", Some("\"8080\"".to_string())),
            ("a", Some("1".to_string())),
            ("b", Some("2".to_string())),
            ("c", None),
            ("addr", Some("\":\" + port".to_string())),
        ]
    );
    let body = file.funcs[3].body.clone().expect("body");
    assert_eq!(file.tokens[body.start].text(text), "ポート");
}

#[test]
fn unterminated_literals_and_comments_are_errors_with_positions() {
    for (text, at, what) in [
        (
            "package main\nvar s = \"abc\nvar t = 1\n",
            21,
            "unterminated string",
        ),
        ("package main\nvar r = 'a\n", 21, "unterminated rune"),
        ("package main\nvar s = `abc", 21, "unterminated raw string"),
        ("package main\n/* never closed", 13, "unterminated comment"),
        (
            "package main\nvar x = 1 # 2\n",
            23,
            "unexpected character `#`",
        ),
    ] {
        let file = parse(F, text);
        assert_eq!(file.errors.len(), 1, "{text:?}: {:?}", file.errors);
        assert_eq!(file.errors[0].span.start as usize, at, "{text:?}");
        assert!(
            file.errors[0].message.contains(what),
            "{}",
            file.errors[0].message
        );
    }
    // The line after an unterminated string is still read.
    let file = parse(F, "package main\nvar s = \"abc\nvar t = 1\n");
    assert_eq!(file.values.len(), 2);
}

#[test]
fn a_file_without_package_clause_is_an_error() {
    let file = parse(F, "func main() {}\n");
    assert_eq!(file.errors.len(), 1);
    assert!(file.errors[0].message.contains("expected `package`"));
    assert!(parse(F, "").errors.is_empty());
    assert!(parse(F, "\u{feff}package main\n").errors.is_empty());
}

#[test]
fn brackets_match_and_stray_closers_are_skipped() {
    let text = "package main\nfunc f() { a := []int{1, 2}; g(a) } ) ]\nfunc main() {";
    let file = parse(F, text);
    let names: Vec<&str> = file.funcs.iter().map(|f| f.name.value.as_str()).collect();
    assert_eq!(names, ["f", "main"]);
    assert_eq!(file.funcs[1].body.clone().map(|b| b.len()), Some(0));
}

#[test]
fn go_mod_directives() {
    let text = "// top\nmodule \"example.com/shop\"\n\ngo 1.22\ntoolchain go1.22.5\n\nrequire github.com/gin-gonic/gin v1.10.0\n\nrequire (\n\tgolang.org/x/net v0.25.0 // indirect\n\texample.com/lib v1.0.0\n)\n\nreplace example.com/lib => ../lib\nreplace example.com/x v1.0.0 => example.com/y v1.2.0\n";
    let m = parse_go_mod(F, text);
    assert!(m.errors.is_empty(), "{:?}", m.errors);
    assert_eq!(
        m.module.as_ref().map(|s| s.value.as_str()),
        Some("example.com/shop")
    );
    assert_eq!(
        m.module.as_ref().map(|s| s.span.text(text)),
        Some("\"example.com/shop\"")
    );
    assert_eq!(m.go.as_ref().map(|s| s.value.as_str()), Some("1.22"));
    let requires: Vec<(&str, &str, bool)> = m
        .requires
        .iter()
        .map(|r| (r.path.value.as_str(), r.version.value.as_str(), r.indirect))
        .collect();
    assert_eq!(
        requires,
        [
            ("github.com/gin-gonic/gin", "v1.10.0", false),
            ("golang.org/x/net", "v0.25.0", true),
            ("example.com/lib", "v1.0.0", false)
        ]
    );
    assert_eq!(
        m.require("github.com/gin-gonic/gin")
            .map(|r| r.span.text(text)),
        Some("require github.com/gin-gonic/gin v1.10.0")
    );
    assert_eq!(m.replaces.len(), 2);
    assert_eq!(m.replaces[0].new.value, "../lib");
    assert_eq!(
        m.replaces[1].new_version.as_ref().map(|v| v.value.as_str()),
        Some("v1.2.0")
    );
    assert_eq!(m.comments.len(), 2);
}

#[test]
fn go_mod_malformed_lines_are_errors() {
    let text = "module\nrequire a\nfrobnicate x\nreplace a b\nrequire (\n\tb v1\n";
    let m = parse_go_mod(F, text);
    let messages: Vec<&str> = m.errors.iter().map(|e| e.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "malformed `module` line",
            "malformed `require` line",
            "unknown directive `frobnicate`",
            "malformed `replace` line",
            "unterminated block: `(` has no `)`"
        ]
    );
    assert_eq!(m.errors[1].span.text(text), "require a");
    assert_eq!(m.requires.len(), 1);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn any_text_scans_without_panic_and_spans_stay_inside(text in any::<String>()) {
        check_spans(&text);
    }

    #[test]
    fn go_like_text_scans_without_panic(text in "(package|import|func|var|const|main|gin|\\(|\\)|\\{|\\}|\\[|\\]|\"|`|'|/|\\*|\\\\|\n| |=|:|,|;|x|1|é|\\.)*") {
        check_spans(&text);
    }
}

fn check_spans(text: &str) {
    let file = parse(F, text);
    let spans = file
        .tokens
        .iter()
        .map(|t| t.span)
        .chain(file.comments.iter().copied())
        .chain(file.errors.iter().map(|e| e.span))
        .chain(file.imports.iter().flat_map(|i| [i.span, i.path.span]))
        .chain(file.funcs.iter().flat_map(|f| [f.span, f.name.span]))
        .chain(file.values.iter().map(|v| v.name.span));
    for span in spans {
        if let Err(error) = span.check_within(text) {
            panic!("{error}");
        }
    }
    for f in &file.funcs {
        assert!(f.params.end <= file.tokens.len() && f.results.end <= file.tokens.len());
        assert!(
            f.body
                .as_ref()
                .is_none_or(|b| b.start <= b.end && b.end <= file.tokens.len())
        );
    }
    let m = parse_go_mod(F, text);
    let spans = m
        .errors
        .iter()
        .map(|e| e.span)
        .chain(m.comments.iter().copied())
        .chain(m.statements.iter().copied())
        .chain(
            m.requires
                .iter()
                .flat_map(|r| [r.span, r.path.span, r.version.span]),
        );
    for span in spans {
        if let Err(error) = span.check_within(text) {
            panic!("{error}");
        }
    }
}
