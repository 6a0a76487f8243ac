//! Parser unit tests: grammar pieces, spans, recovery, the nesting limit.

use super::*;
use crate::FileId;

fn names(file: &NginxFile) -> Vec<&str> {
    file.walk().map(Directive::name).collect()
}

fn ok(src: &str) -> NginxFile {
    let file = parse(FileId(0), src);
    assert!(file.errors.is_empty(), "{src:?}: {:?}", file.errors);
    file
}

#[test]
fn blocks_nest_and_spans_cover_name_to_terminator() {
    let src = "http {\n  server {\n    listen 80;\n  }\n}\n";
    let file = ok(src);
    assert_eq!(names(&file), ["http", "server", "listen"]);
    let http = &file.directives[0];
    assert_eq!(http.span.text(src), &src[..src.len() - 1]);
    let listen = &http.children()[0].children()[0];
    assert_eq!(listen.span.text(src), "listen 80;");
    assert_eq!(listen.args[0].span.text(src), "80");
}

#[test]
fn quotes_escapes_and_variables() {
    let src = r#"return 200 "a\"b\n" 'c\'d' x\;y ${host}z;"#;
    let file = ok(src);
    let args: Vec<&str> = file.directives[0]
        .args
        .iter()
        .map(|a| a.value.as_str())
        .collect();
    assert_eq!(args, ["200", "a\"b\\n", "c'd", "x\\;y", "${host}z"]);
    assert_eq!(file.directives[0].args[1].span.text(src), r#""a\"b\n""#);
    assert_eq!(file.directives[0].args[1].quote, Some('"'));
}

#[test]
fn comments_are_collected_and_hash_inside_a_word_is_not_one() {
    let src = "# top\nlisten 80; # trailing\nset $a b#c;\n";
    let file = ok(src);
    let comments: Vec<&str> = file.comments.iter().map(|s| s.text(src)).collect();
    assert_eq!(comments, ["# top", "# trailing"]);
    assert_eq!(file.directives[1].arg(1), Some("b#c"));
}

#[test]
fn if_conditions_lose_their_parentheses() {
    let file = ok("if ($request_method = POST) { return 405; }\nif ( $a ) {}\n");
    assert_eq!(file.directives[0].arg(0), Some("$request_method"));
    assert_eq!(file.directives[0].arg(2), Some("POST"));
    assert_eq!(file.directives[1].args.len(), 1);
    assert_eq!(file.directives[1].arg(0), Some("$a"));
}

#[test]
fn lua_blocks_are_one_raw_argument() {
    let src = "content_by_lua_block {\n  local t = {a = \"}\"} -- }\n  ngx.say(t)\n}\nset_by_lua_block $x { return 1 }\n";
    let file = ok(src);
    assert_eq!(file.directives.len(), 2);
    assert!(file.directives[0].block.is_none());
    assert!(
        file.directives[0]
            .arg(0)
            .is_some_and(|b| b.contains("ngx.say(t)"))
    );
    assert_eq!(file.directives[1].arg(0), Some("$x"));
    assert_eq!(file.directives[1].arg(1), Some(" return 1 "));
}

#[test]
fn regex_locations_and_unicode() {
    let src = "location ~* \\.(png|jpé)$ { return 404 \"ünïcode\"; }\n";
    let file = ok(src);
    assert_eq!(file.directives[0].arg(1), Some("\\.(png|jpé)$"));
    assert_eq!(file.directives[0].children()[0].arg(1), Some("ünïcode"));
}

#[test]
fn errors_are_reported_and_parsing_goes_on() {
    let src = "events {}\n}\nserver { listen 80 }\nroot /x;\n";
    let file = parse(FileId(0), src);
    let messages: Vec<&str> = file.errors.iter().map(|e| e.message.as_str()).collect();
    assert_eq!(messages[0], "unexpected `}`");
    assert_eq!(messages[1], "directive `listen` is not terminated by `;`");
    assert_eq!(names(&file), ["events", "server", "listen", "root"]);
    assert_eq!(file.directives[2].name(), "root");
}

#[test]
fn unclosed_blocks_and_strings_are_errors() {
    assert!(!parse(FileId(0), "http { server {").errors.is_empty());
    assert!(!parse(FileId(0), "return 200 \"abc;\n").errors.is_empty());
    assert!(!parse(FileId(0), "listen 80").errors.is_empty());
    assert!(!parse(FileId(0), "a \"b\"c;").errors.is_empty());
}

#[test]
fn ten_thousand_nested_blocks_give_an_error_not_a_crash() {
    let depth = 10_000;
    let src = format!("{}{}", "a {".repeat(depth), "}".repeat(depth));
    let file = parse(FileId(0), &src);
    assert_eq!(file.errors.len(), 1, "{:?}", file.errors.first());
    assert!(file.errors[0].message.contains("nested deeper than"));
    assert!(file.walk().count() <= MAX_DEPTH + 1);
    assert!(crossplane_json(&file, &src).is_err());
}

#[test]
fn dump_prints_crossplane_shape() {
    let src = "events {}\nhttp {\n  include mime.types;\n}\n";
    let json = crossplane_json(&ok(src), src).expect("parses");
    let compact: String = json.split_whitespace().collect();
    assert_eq!(
        compact,
        r#"[{"directive":"events","line":1,"args":[],"block":[]},{"directive":"http","line":2,"args":[],"block":[{"directive":"include","line":3,"args":["mime.types"]}]}]"#
    );
}

#[test]
fn bom_and_crlf_keep_spans_exact() {
    let src = "\u{feff}listen 80;\r\nroot /srv;\r\n";
    let file = parse(FileId(0), src);
    assert_eq!(file.errors.len(), 1, "nginx rejects a BOM");
    assert_eq!(file.errors[0].span.text(src), "\u{feff}");
    assert_eq!(file.directives[0].name.span.text(src), "listen");
    assert_eq!(file.directives[1].args[0].span.text(src), "/srv");
}

#[test]
fn the_depth_limit_is_exact() {
    let nested = |depth: usize| format!("{}{}", "a {".repeat(depth), "}".repeat(depth));
    assert!(parse(FileId(0), &nested(MAX_DEPTH)).errors.is_empty());
    assert_eq!(parse(FileId(0), &nested(MAX_DEPTH + 1)).errors.len(), 1);
}
