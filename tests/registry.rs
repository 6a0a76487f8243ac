//! Conventions every rule follows, checked over the registry: well-formed unique codes and names, one-line
//! summaries, docs with the required sections, and enough Dockerfile rules.

use shiplint_lint::registry::registry;
use std::collections::BTreeSet;

fn is_code(code: &str) -> bool {
    code.len() == 6
        && code[..3].chars().all(|c| c.is_ascii_uppercase())
        && code[3..].chars().all(|c| c.is_ascii_digit())
}

fn is_kebab(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('-')
        && !name.ends_with('-')
        && !name.contains("--")
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

#[test]
fn codes_are_unique_and_well_formed() {
    let mut seen = BTreeSet::new();
    for rule in registry() {
        assert!(is_code(rule.meta.code), "bad code `{}`", rule.meta.code);
        assert!(
            seen.insert(rule.meta.code),
            "duplicate code {}",
            rule.meta.code
        );
    }
    let codes: Vec<_> = registry().iter().map(|r| r.meta.code).collect();
    let mut sorted = codes.clone();
    sorted.sort_unstable();
    assert_eq!(codes, sorted, "the registry is sorted by code");
}

#[test]
fn names_are_unique_kebab_case() {
    let mut seen = BTreeSet::new();
    for rule in registry() {
        assert!(
            is_kebab(rule.meta.name),
            "{}: name `{}` is not kebab-case",
            rule.meta.code,
            rule.meta.name
        );
        assert!(
            seen.insert(rule.meta.name),
            "duplicate name {}",
            rule.meta.name
        );
        assert!(
            !rule.meta.name.starts_with("require-") && !rule.meta.name.starts_with("no-"),
            "{}: a name says what is wrong, not what is required: `{}`",
            rule.meta.code,
            rule.meta.name
        );
    }
}

#[test]
fn summaries_are_one_sentence() {
    for rule in registry() {
        let summary = rule.meta.summary();
        let code = rule.meta.code;
        assert!(!summary.contains('\n'), "{code}: the summary is one line");
        assert!(
            summary.ends_with('.'),
            "{code}: the summary ends with a period: `{summary}`"
        );
        assert!(
            summary
                .chars()
                .find(|c| c.is_alphabetic() || *c == '`')
                .is_some_and(|c| c.is_uppercase() || c == '`'),
            "{code}: the summary starts upper-case (or with code): `{summary}`"
        );
        assert!(
            summary.len() <= 100,
            "{code}: the summary is short: `{summary}`"
        );
    }
}

#[test]
fn security_rules_say_how_severe() {
    for rule in registry() {
        let security = rule.meta.tags.contains(&"security");
        assert_eq!(
            security,
            rule.meta.security_severity.is_some(),
            "{}: a security tag and a security severity go together",
            rule.meta.code
        );
        if let Some(level) = rule.meta.security_severity {
            assert!(
                (0.0..=10.0).contains(&level),
                "{}: security severity {level}",
                rule.meta.code
            );
        }
    }
}

#[test]
fn docs_have_the_required_sections() {
    for rule in registry() {
        let doc = rule.meta.doc;
        let code = rule.meta.code;
        let title = format!("# {} ({code})", rule.meta.name);
        assert_eq!(
            doc.lines().next(),
            Some(title.as_str()),
            "{code}: the doc starts with `{title}`"
        );
        let headings: Vec<&str> = doc.lines().filter(|l| l.starts_with("## ")).collect();
        for required in [
            "## What it does",
            "## Why is this bad?",
            "## Example",
            "## References",
        ] {
            assert!(
                headings.contains(&required),
                "{code}: the doc has no `{required}`"
            );
        }
        let order = ["## What it does", "## Why is this bad?", "## Example"];
        let positions: Vec<_> = order
            .iter()
            .filter_map(|h| headings.iter().position(|x| x == h))
            .collect();
        assert!(
            positions.windows(2).all(|w| w[0] < w[1]),
            "{code}: sections in order {order:?}"
        );
        let engine_made = matches!(rule.runs, shiplint_lint::registry::Runs::ByEngine);
        if !engine_made {
            assert!(
                doc.lines().any(|l| l.trim() == "Use instead:"),
                "{code}: the doc has a `Use instead:` block"
            );
        }
        assert!(!doc.contains("TODO"), "{code}: the doc is unfinished");
    }
}

#[test]
fn at_least_twenty_dockerfile_rules() {
    let count = registry()
        .iter()
        .filter(|r| r.meta.code.starts_with("DKR"))
        .count();
    assert!(count >= 20, "only {count} DKR rules");
    for rule in registry().iter().filter(|r| r.meta.code.starts_with("DKR")) {
        assert_eq!(rule.meta.domain, "docker", "{}", rule.meta.code);
    }
}

/// The README's rule table, as generated from the registry.
fn readme_rule_table() -> String {
    let mut table = String::from("| code | name | severity | summary |\n|---|---|---|---|\n");
    for rule in registry() {
        let meta = rule.meta;
        let summary = meta.summary().replace('|', "\\|");
        table += &format!(
            "| {} | [{}](rules/{}/{}.md) | {} | {} |\n",
            meta.code, meta.name, meta.domain, meta.name, meta.severity, summary
        );
    }
    table
}

#[test]
fn the_readme_lists_every_rule() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    let begin = readme
        .find("<!-- BEGIN RULES")
        .expect("README has a BEGIN RULES marker");
    let end = readme
        .find("<!-- END RULES -->")
        .expect("README has an END RULES marker");
    let section = &readme[begin..end];
    let expected = readme_rule_table();
    if !section.contains(&expected) {
        // Regenerate with: SHIPLINT_WRITE_README=1 cargo test --test registry the_readme_lists_every_rule
        if std::env::var_os("SHIPLINT_WRITE_README").is_some() {
            let header_end = begin + section.find("-->").expect("marker closes") + 3;
            let updated = format!(
                "{}\n\n{}\n{}",
                &readme[..header_end],
                expected,
                &readme[end..]
            );
            std::fs::write(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"), updated)
                .expect("write README");
        }
        panic!("README's rule table is out of date; regenerate it:\n{expected}");
    }
}
