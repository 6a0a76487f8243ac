use super::*;

fn root(text: &str) -> Node {
    let file = parse(FileId(0), text);
    assert!(file.errors.is_empty(), "{:?}", file.errors);
    file.root.expect("a document")
}

#[test]
fn keys_values_aliases_and_merges_keep_their_spans() {
    let text = "base: &b\n  image: nginx:1.25\n  port: 80\nsvc:\n  <<: *b\n  name: \"web\"\n  list: [a, 'b']\n  ref: *b\n";
    let root = root(text);
    let svc = root.get("svc").expect("svc");
    let name = svc.entry("name").expect("name");
    assert_eq!(name.key.span.text(text), "name");
    assert_eq!(name.value.span.text(text), "\"web\"");
    assert_eq!(name.value.as_str(), Some("web"));
    assert_eq!(svc.get("list").expect("list").span.text(text), "[a, 'b']");
    // A merged entry: defined in the anchor, used at the merge.
    let image = svc.entry("image").expect("merged image");
    assert_eq!(image.value.span.text(text), "nginx:1.25");
    assert_eq!(image.value.use_span.text(text), "*b");
    assert_eq!(image.key.span.text(text), "image");
    let port = svc.get("port").expect("merged port");
    assert_eq!(
        (port.as_str(), port.scalar().map(|s| s.kind)),
        (Some("80"), Some(ScalarKind::Int))
    );
    // An alias: the use site and the anchored definition.
    let reference = svc.get("ref").expect("ref");
    assert_eq!(reference.use_span.text(text), "*b");
    assert!(
        reference.span.text(text).starts_with("image: nginx:1.25"),
        "{:?}",
        reference.span.text(text)
    );
    assert!(
        svc.span.text(text).ends_with("ref: *b"),
        "{:?}",
        svc.span.text(text)
    );
    assert!(
        duplicate_keys(&root).is_empty(),
        "merged keys are not duplicates"
    );
}

#[test]
fn yaml_1_2_booleans_and_types() {
    let root = root("a: yes\nb: true\nc: ~\nd: 1.5\ne: '1'\nf:\n");
    let kind = |k: &str| root.get(k).and_then(Node::scalar).map(|s| s.kind);
    assert_eq!(kind("a"), Some(ScalarKind::Str));
    assert_eq!(kind("b"), Some(ScalarKind::Bool));
    assert_eq!(kind("c"), Some(ScalarKind::Null));
    assert_eq!(kind("d"), Some(ScalarKind::Float));
    assert_eq!(kind("e"), Some(ScalarKind::Str));
    assert_eq!(kind("f"), Some(ScalarKind::Null));
}

#[test]
fn duplicate_keys_have_both_positions() {
    let text =
        "services:\n  web:\n    image: a\n    environment: {}\n    environment:\n      - X=1\n";
    let root = root(text);
    let duplicates = duplicate_keys(&root);
    assert_eq!(duplicates.len(), 1);
    let d = &duplicates[0];
    assert_eq!(d.key, "environment");
    assert_eq!((d.first.start, d.repeated.start), (34, 54));
    assert_eq!(d.repeated.text(text), "environment");
}

#[test]
fn base60_values_are_found_in_plain_scalars_only() {
    let text = "ports:\n  - 22:22\n  - \"23:23\"\n  - 8080:80\n  - 80\n  - 1:2:3\n";
    let root = root(text);
    let found: Vec<&str> = base60_scalars(&root, text)
        .iter()
        .map(|n| n.span.text(text))
        .collect();
    assert_eq!(
        found,
        ["22:22", "1:2:3"],
        "8080:80 has a minutes part over 59"
    );
}

#[test]
fn comments_outside_scalars() {
    let text = "# top\na: \"x # not\" # yes\nb: c#d\nc: |\n  # in block\n";
    let comments: Vec<&str> = parse(FileId(0), text)
        .comments
        .iter()
        .map(|s| s.text(text))
        .collect();
    assert_eq!(comments, ["# top", "# yes"]);
}

#[test]
fn syntax_errors_have_a_position() {
    let text = "services:\n  web:\n    image: [a\n";
    let file = parse(FileId(0), text);
    assert!(file.root.is_none());
    assert_eq!(file.errors.len(), 1);
    assert!(
        file.errors[0].message.starts_with("invalid YAML: "),
        "{:?}",
        file.errors
    );
    assert!(file.errors[0].span.start > 0, "{:?}", file.errors);
}

#[test]
fn billion_laughs_ends_with_a_finding() {
    let mut text = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let names = ["b", "c", "d", "e", "f", "g", "h", "i"];
    let mut previous = "a";
    for name in names {
        let refs = vec![format!("*{previous}"); 9].join(",");
        text += &format!("{name}: &{name} [{refs}]\n");
        previous = name;
    }
    let file = parse(FileId(0), &text);
    assert!(file.root.is_none());
    assert_eq!(file.errors.len(), 1, "{:?}", file.errors);
    assert!(
        file.errors[0].message.contains("billion-laughs"),
        "{:?}",
        file.errors
    );
}

#[test]
fn deep_nesting_ends_with_a_finding() {
    for text in [
        "[".repeat(100_000),
        "- ".repeat(100_000) + "x\n",
        "{a: ".repeat(100_000),
    ] {
        let file = parse(FileId(0), &text);
        assert!(file.root.is_none());
        assert_eq!(file.errors.len(), 1);
        assert_eq!(
            file.errors[0].message,
            "invalid YAML: nesting is deeper than 40 levels"
        );
    }
}
