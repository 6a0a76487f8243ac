//! Property tests for the nginx parser: nginx-shaped random input never makes it panic and every span it
//! returns is well formed; generated valid configurations parse without errors into the tree they were
//! built from; and arbitrary nesting depth is bounded.

use proptest::prelude::*;
use shiplint_syntax::FileId;
use shiplint_syntax::nginx::{Directive, NginxFile, crossplane_json, parse};

const FRAGMENTS: &[&str] = &[
    "server",
    "location",
    "if",
    "(",
    ")",
    "$host",
    "${var}",
    "$",
    "{",
    "}",
    ";",
    ";",
    " ",
    " ",
    "\t",
    "\n",
    "\n",
    "\r\n",
    "\"",
    "'",
    "\\",
    "\\\"",
    "#",
    "# c\n",
    "~*",
    "^/a(b)$",
    "listen",
    "443",
    "ssl",
    "content_by_lua_block",
    "set_by_lua_block",
    "--",
    "é",
    "😀",
    "\u{feff}",
    "\u{a0}",
    "a",
    "x=y",
    "\"a b\"",
    "'c;d'",
];

fn nginx_ish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        9 => proptest::sample::select(FRAGMENTS).prop_map(str::to_string),
        1 => "\\PC{0,3}",
    ];
    proptest::collection::vec(piece, 0..80).prop_map(|v| v.concat())
}

fn check_spans(src: &str, file: &NginxFile) -> Result<(), String> {
    for span in file.spans() {
        span.check_within(src)?;
    }
    for comment in &file.comments {
        if !comment.text(src).starts_with('#') {
            return Err(format!("comment span {comment:?} does not start at `#`"));
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn never_panics_and_spans_are_well_formed(src in nginx_ish()) {
        let file = parse(FileId(3), &src);
        if let Err(e) = check_spans(&src, &file) {
            return Err(TestCaseError::fail(format!("{e} in {src:?}")));
        }
        prop_assert_eq!(crossplane_json(&file, &src).is_err(), !file.errors.is_empty());
    }
}

/// A generated tree: (name, args, children or none).
#[derive(Clone, Debug)]
struct Node {
    name: String,
    args: Vec<String>,
    block: Option<Vec<Node>>,
}

fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z_][a-z0-9_]{0,8}",
        "\\$[a-z_]{1,6}",
        "/[a-z/.]{0,10}",
        "[A-Za-z0-9 ;{}#'é]{0,10}".prop_map(|s| format!("\"{s}\"")),
    ]
}

fn node() -> impl Strategy<Value = Node> {
    let leaf =
        ("[a-z_]{1,10}", proptest::collection::vec(word(), 0..4)).prop_map(|(name, args)| Node {
            name,
            args,
            block: None,
        });
    leaf.prop_recursive(4, 40, 5, |inner| {
        (
            "[a-z_]{1,10}",
            proptest::collection::vec(word(), 0..3),
            proptest::collection::vec(inner, 0..5),
        )
            .prop_map(|(name, args, children)| Node {
                name,
                args,
                block: Some(children),
            })
    })
}

fn render(nodes: &[Node], indent: usize, out: &mut String) {
    for node in nodes {
        out.push_str(&"  ".repeat(indent));
        out.push_str(&node.name);
        for arg in &node.args {
            out.push(' ');
            out.push_str(arg);
        }
        match &node.block {
            Some(children) => {
                out.push_str(" {  # block\n");
                render(children, indent + 1, out);
                out.push_str(&"  ".repeat(indent));
                out.push_str("}\n");
            }
            None => out.push_str(";\n"),
        }
    }
}

fn same(parsed: &[Directive], expected: &[Node], src: &str) -> Result<(), String> {
    if parsed.len() != expected.len() {
        return Err(format!(
            "{} directives, expected {}",
            parsed.len(),
            expected.len()
        ));
    }
    for (d, n) in parsed.iter().zip(expected) {
        if d.name() != n.name {
            return Err(format!("name {} != {}", d.name(), n.name));
        }
        let raw: Vec<&str> = d.args.iter().map(|a| a.span.text(src)).collect();
        if raw != n.args.iter().map(String::as_str).collect::<Vec<_>>() {
            return Err(format!("args {raw:?} != {:?}", n.args));
        }
        match (&d.block, &n.block) {
            (Some(a), Some(b)) => same(a, b, src)?,
            (None, None) => {}
            _ => return Err(format!("`{}`: block mismatch", d.name())),
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn valid_configurations_parse_into_their_tree(nodes in proptest::collection::vec(node(), 0..6)) {
        // `if` strips parentheses and Lua blocks are raw: keep generated names clear of both.
        prop_assume!(nodes.iter().all(|n| n.name != "if" && !n.name.ends_with("_by_lua_block")));
        let mut src = String::new();
        render(&nodes, 0, &mut src);
        let file = parse(FileId(0), &src);
        prop_assert!(file.errors.is_empty(), "{:?} in {}", file.errors, src);
        if let Err(e) = same(&file.directives, &nodes, &src) {
            return Err(TestCaseError::fail(format!("{e} in {src}")));
        }
    }

    #[test]
    fn any_nesting_depth_is_an_error_or_a_tree_not_a_crash(depth in 0usize..3000) {
        let src = format!("{}{}", "a {".repeat(depth), "}".repeat(depth));
        let file = parse(FileId(0), &src);
        prop_assert_eq!(file.errors.is_empty(), depth <= shiplint_syntax::nginx::MAX_DEPTH);
    }
}
