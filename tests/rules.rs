//! Runs every rule doc (`rules/**/*.md`) as a test.
//!
//! A doc's `## Example` must produce its rule, its `Use instead:` block must not, and both must produce
//! exactly the findings their `# ^ CODE` markers announce. A marker line refers to the nearest line above it
//! that is not a marker; the finding's primary span must start on that line. Markers are removed before the
//! files are linted. `###` sections are further cases, each with one or more files (a line `` `path`: ``
//! before a block names it). The toml block of `## Options` configures every case of the doc; code blocks
//! inside `## Options` must also give different findings with the default settings, to show the option
//! matters. A `findings` block lists expected findings as `path:line: CODE` for what markers cannot express.

use shiplint_lint::engine::{Settings, run};
use shiplint_lint::registry::registry;
use shiplint_model::{MemoryFs, Project, Timestamp};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// Rules whose findings a doc example cannot produce in memory, and why.
const EXEMPT: [(&str, &str); 3] = [
    (
        "INT001",
        "needs a rule that panics; the engine's own unit tests cover it",
    ),
    (
        "SYN002",
        "needs a file that exists but cannot be read, which an in-memory project cannot hold",
    ),
    (
        "CRT011",
        "needs Unix permission bits, which a doc block cannot carry; tests/cert_fixtures.rs sets them on disk",
    ),
];

/// A fenced block of a doc.
#[derive(Debug, Clone)]
struct Block {
    /// The info string (`dockerfile`, `yaml`, `toml`, `findings`).
    lang: String,
    /// The name given by a `` `path`: `` line right before the block.
    path: Option<String>,
    /// The lines between the fences.
    lines: Vec<String>,
    /// 1-based line of the opening fence in the doc.
    line: usize,
}

/// One thing to lint: a set of files and what the doc expects of them.
#[derive(Debug)]
struct Case {
    /// `Example`, `Use instead`, `Options` or the `###` title.
    name: String,
    /// Line of the case's first block in the doc.
    line: usize,
    blocks: Vec<Block>,
}

/// An expected or actual finding: file, 1-based line, code.
type Key = (String, u32, String);

struct Doc {
    path: PathBuf,
    display: String,
    title: String,
    cases: Vec<Case>,
    options: Option<String>,
    options_cases: Vec<Case>,
}

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn rule_docs() -> Vec<PathBuf> {
    let mut docs = Vec::new();
    let Ok(domains) = fs::read_dir(repo_root().join("rules")) else {
        return docs;
    };
    for domain in domains.flatten() {
        if let Ok(files) = fs::read_dir(domain.path()) {
            docs.extend(
                files
                    .flatten()
                    .map(|f| f.path())
                    .filter(|p| p.extension().is_some_and(|e| e == "md")),
            );
        }
    }
    docs.sort();
    docs
}

/// A `` `path`: `` line naming the next block.
fn block_name(line: &str) -> Option<String> {
    let inner = line
        .trim()
        .strip_suffix(':')?
        .strip_prefix('`')?
        .strip_suffix('`')?;
    (!inner.is_empty()).then(|| inner.to_string())
}

fn parse_doc(path: &Path, text: &str) -> Doc {
    let display = path
        .strip_prefix(repo_root())
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/");
    let title = text.lines().next().unwrap_or("").to_string();
    // Walk the doc once, assigning each block to the section it is in.
    let mut section = String::new();
    let mut subsection: Option<(String, usize)> = None;
    let mut after_use_instead = false;
    let mut pending_name: Option<String> = None;
    let mut open: Option<Block> = None;
    let mut example = Case {
        name: "Example".into(),
        line: 0,
        blocks: vec![],
    };
    let mut use_instead = Case {
        name: "Use instead".into(),
        line: 0,
        blocks: vec![],
    };
    let mut options_case = Case {
        name: "Options".into(),
        line: 0,
        blocks: vec![],
    };
    let mut sub_cases: Vec<Case> = Vec::new();
    let mut options = None;
    for (i, line) in text.lines().enumerate() {
        let number = i + 1;
        if let Some(block) = open.as_mut() {
            if line.trim_start().starts_with("```") {
                let Some(block) = open.take() else { continue };
                if section == "Options" && block.lang == "toml" {
                    options = Some(block.lines.join("\n"));
                    continue;
                }
                let target = if let Some((title, _)) = &subsection {
                    if sub_cases.last().is_none_or(|c| &c.name != title) {
                        sub_cases.push(Case {
                            name: title.clone(),
                            line: number,
                            blocks: vec![],
                        });
                    }
                    sub_cases.last_mut()
                } else {
                    match section.as_str() {
                        "Example" if after_use_instead => Some(&mut use_instead),
                        "Example" => Some(&mut example),
                        "Options" => Some(&mut options_case),
                        _ => None,
                    }
                };
                if let Some(case) = target {
                    if case.blocks.is_empty() {
                        case.line = block.line;
                    }
                    case.blocks.push(block);
                }
            } else {
                block.lines.push(line.to_string());
            }
            continue;
        }
        if let Some(heading) = line.strip_prefix("## ") {
            section = heading.trim().to_string();
            subsection = None;
            after_use_instead = false;
        } else if let Some(heading) = line.strip_prefix("### ") {
            subsection = Some((heading.trim().to_string(), number));
        } else if line.trim() == "Use instead:" {
            // `Use instead:` belongs to the Example even after a `###` case.
            after_use_instead = true;
            subsection = None;
        } else if let Some(lang) = line.trim_start().strip_prefix("```") {
            open = Some(Block {
                lang: lang.trim().to_string(),
                path: pending_name.take(),
                lines: Vec::new(),
                line: number,
            });
        } else if let Some(name) = block_name(line) {
            pending_name = Some(name);
        } else if !line.trim().is_empty() {
            pending_name = None;
        }
    }
    let mut cases = vec![example, use_instead];
    cases.extend(sub_cases);
    let options_cases = if options_case.blocks.is_empty() {
        vec![]
    } else {
        vec![options_case]
    };
    Doc {
        path: path.to_path_buf(),
        display,
        title,
        cases,
        options,
        options_cases,
    }
}

/// The codes of a marker line (`# ^ DKR001` or `# ^ DKR001 DKR003`), if it is one.
fn marker_codes(line: &str) -> Option<Vec<String>> {
    let rest = line
        .trim()
        .strip_prefix('#')?
        .trim_start()
        .strip_prefix('^')?;
    let codes: Vec<String> = rest
        .split([' ', ','])
        .filter(|c| !c.is_empty())
        .map(str::to_string)
        .collect();
    let well_formed = !codes.is_empty()
        && codes.iter().all(|c| {
            c.len() == 6
                && c[..3].chars().all(|ch| ch.is_ascii_uppercase())
                && c[3..].chars().all(|ch| ch.is_ascii_digit())
        });
    well_formed.then_some(codes)
}

/// The default file name for a block's language.
fn default_path(lang: &str) -> Option<&'static str> {
    match lang {
        "dockerfile" | "Dockerfile" => Some("Dockerfile"),
        "yaml" | "yml" => Some("compose.yaml"),
        "nginx" => Some("nginx.conf"),
        "pem" => Some("cert.pem"),
        "go" => Some("main.go"),
        _ => None,
    }
}

/// The files of a case with markers stripped, and the findings the markers and `findings` blocks expect.
fn materialize(
    case: &Case,
    errors: &mut Vec<String>,
    doc: &str,
) -> (Vec<(String, String)>, Vec<Key>) {
    let (files, expected, _) = materialize_mapped(case, errors, doc);
    (files, expected)
}

/// For each file of a case, the doc line of each line of the stripped file (index 0 = line 1).
type LineMap = BTreeMap<String, Vec<usize>>;

/// [`materialize`], plus where each line of each file is in the doc (for error messages).
fn materialize_mapped(
    case: &Case,
    errors: &mut Vec<String>,
    doc: &str,
) -> (Vec<(String, String)>, Vec<Key>, LineMap) {
    let mut lines_in_doc = LineMap::new();
    let mut files = Vec::new();
    let mut expected = Vec::new();
    for block in &case.blocks {
        if block.lang == "findings" {
            for (offset, line) in block.lines.iter().enumerate() {
                let parsed = line.rsplit_once(' ').and_then(|(place, code)| {
                    let (path, line) = place.trim_end_matches(':').rsplit_once(':')?;
                    Some((path.to_string(), line.parse().ok()?, code.to_string()))
                });
                match parsed {
                    Some(key) => expected.push(key),
                    None if line.trim().is_empty() => {}
                    None => errors.push(format!(
                        "{doc}:{}: a `findings` line is `path:line: CODE`, not `{line}`",
                        block.line + 1 + offset
                    )),
                }
            }
            continue;
        }
        let Some(path) = block
            .path
            .clone()
            .or_else(|| default_path(&block.lang).map(String::from))
        else {
            continue;
        };
        if files.iter().any(|(p, _)| *p == path) {
            errors.push(format!(
                "{doc}:{}: `{}` has two blocks for `{path}`; name them with a `` `path`: `` line",
                block.line, case.name
            ));
        }
        let mut kept: Vec<&str> = Vec::new();
        let map = lines_in_doc.entry(path.clone()).or_default();
        for (offset, line) in block.lines.iter().enumerate() {
            match marker_codes(line) {
                Some(codes) if !kept.is_empty() => {
                    for code in codes {
                        expected.push((path.clone(), kept.len() as u32, code));
                    }
                }
                Some(_) => errors.push(format!(
                    "{doc}:{}: a marker needs a line above it",
                    block.line + 1 + offset
                )),
                None => {
                    kept.push(line);
                    map.push(block.line + 1 + offset);
                }
            }
        }
        let mut text = kept.join("\n");
        text.push('\n');
        files.push((path, text));
    }
    (files, expected, lines_in_doc)
}

/// A finding as the harness compares it: where and which rule, plus what it says.
struct Seen {
    key: Key,
    message: String,
    help: Option<String>,
}

/// Lints files in memory and returns every finding by (file, line, code).
fn lint(files: &[(String, String)], settings: &Settings) -> Vec<Seen> {
    let mut fs = MemoryFs::new();
    for (path, text) in files {
        fs.insert(path.as_str(), text.as_bytes().to_vec());
    }
    let project = Project::load(&fs, fs.candidates(false), Timestamp(1_767_225_600));
    run(&project, settings)
        .into_iter()
        .map(|f| {
            let source = project.file(f.span.file);
            let line = source.line_col(f.span.start).line;
            Seen {
                key: (source.path.clone(), line, f.rule.code.to_string()),
                message: f.message,
                help: f.help,
            }
        })
        .collect()
}

/// Messages follow the house style: lower-case start (or a backticked value), no trailing period, and the
/// fix in the help, which every rule (not the engine's) gives.
fn style_problems(findings: &[Seen], doc: &str) -> Vec<String> {
    let mut problems = Vec::new();
    for Seen { key, message, help } in findings {
        let code = &key.2;
        let first = message.chars().next().unwrap_or(' ');
        if !(first.is_lowercase() || first == '`') || message.ends_with('.') {
            problems.push(format!(
                "{doc}: {code} message breaks the style: `{message}`"
            ));
        }
        let engine_made = ["SYN", "SUP", "INT"].iter().any(|p| code.starts_with(p));
        if !engine_made && help.as_deref().is_none_or(str::is_empty) {
            problems.push(format!("{doc}: {code} finding has no help: `{message}`"));
        }
    }
    problems
}

/// Compares findings with expectations; returns error lines.
fn compare(
    doc: &Doc,
    case: &Case,
    lines: &LineMap,
    expected: &[Key],
    actual: &[Seen],
) -> Vec<String> {
    // Errors point at the doc line that holds the file line, so they can be clicked.
    let at = |path: &str, line: u32| {
        lines
            .get(path)
            .and_then(|map| map.get((line as usize).wrapping_sub(1)))
            .copied()
            .unwrap_or(case.line)
    };
    let mut errors = Vec::new();
    let mut remaining: Vec<&Seen> = actual.iter().collect();
    for key in expected {
        match remaining.iter().position(|seen| seen.key == *key) {
            Some(i) => {
                remaining.remove(i);
            }
            None => errors.push(format!(
                "{}:{}: {}: expected {} on {}:{} but it was not reported",
                doc.display,
                at(&key.0, key.1),
                case.name,
                key.2,
                key.0,
                key.1
            )),
        }
    }
    for Seen {
        key: (path, line, code),
        message,
        ..
    } in remaining
    {
        errors.push(format!(
            "{}:{}: {}: unexpected {code} on {path}:{line}: {message}",
            doc.display,
            at(path, *line),
            case.name
        ));
    }
    errors
}

/// The rule code in a doc title `# name (CODE)`.
fn title_code(title: &str) -> Option<&str> {
    title.rsplit_once('(')?.1.strip_suffix(')')
}

fn check_doc(doc: &Doc) -> Vec<String> {
    let mut errors = Vec::new();
    let Some(code) = title_code(&doc.title) else {
        return vec![format!(
            "{}:1: the title is not `# <name> (<CODE>)`",
            doc.display
        )];
    };
    if let Some((_, reason)) = EXEMPT.iter().find(|(c, _)| *c == code) {
        assert!(!reason.is_empty());
        return errors;
    }
    let settings = match doc.options.as_deref().map(Settings::from_toml) {
        None => Settings::default(),
        Some(Ok(settings)) => settings,
        Some(Err(error)) => {
            return vec![format!(
                "{}: the Options toml is invalid: {error}",
                doc.display
            )];
        }
    };
    for (index, case) in doc.cases.iter().chain(&doc.options_cases).enumerate() {
        let (files, expected, lines) = materialize_mapped(case, &mut errors, &doc.display);
        if files.is_empty() {
            if index < 2 {
                errors.push(format!(
                    "{}: `{}` has no code block",
                    doc.display, case.name
                ));
            }
            continue;
        }
        let own = expected.iter().filter(|k| k.2 == code).count();
        if case.name == "Example" && own == 0 {
            errors.push(format!(
                "{}:{}: Example marks no `# ^ {code}`",
                doc.display, case.line
            ));
        }
        if case.name == "Use instead" && own > 0 {
            errors.push(format!(
                "{}:{}: Use instead must not produce {code}",
                doc.display, case.line
            ));
        }
        let actual = lint(&files, &settings);
        if case.name == "Example" {
            errors.extend(style_problems(&actual, &doc.display));
        }
        errors.extend(compare(doc, case, &lines, &expected, &actual));
    }
    // An option example must behave differently without the option.
    for case in &doc.options_cases {
        let (files, _) = materialize(case, &mut Vec::new(), &doc.display);
        let keys = |findings: Vec<Seen>| {
            findings
                .into_iter()
                .map(|seen| seen.key)
                .collect::<Vec<_>>()
        };
        if doc.options.is_some()
            && keys(lint(&files, &settings)) == keys(lint(&files, &Settings::default()))
        {
            errors.push(format!(
                "{}:{}: the Options example gives the same findings with and without the options",
                doc.display, case.line
            ));
        }
    }
    errors
}

fn load_docs() -> Vec<Doc> {
    rule_docs()
        .iter()
        .map(|path| {
            let text = fs::read_to_string(path).unwrap_or_default();
            parse_doc(path, &text)
        })
        .collect()
}

#[test]
fn every_rule_doc_runs() {
    let docs = load_docs();
    assert!(!docs.is_empty(), "no rule docs found under rules/");
    let errors: Vec<String> = docs.iter().flat_map(check_doc).collect();
    assert!(
        errors.is_empty(),
        "{} problem(s):\n{}",
        errors.len(),
        errors.join("\n")
    );
}

#[test]
fn every_rule_has_a_doc_and_every_doc_a_rule() {
    let docs = load_docs();
    let mut by_path: BTreeMap<String, &Doc> = BTreeMap::new();
    for doc in &docs {
        by_path.insert(doc.display.clone(), doc);
    }
    let mut errors = Vec::new();
    for rule in registry() {
        let path = format!("rules/{}/{}.md", rule.meta.domain, rule.meta.name);
        match by_path.remove(&path) {
            Some(doc) if title_code(&doc.title) != Some(rule.meta.code) => errors.push(format!(
                "{path}:1: the title should name {}, not `{}`",
                rule.meta.code, doc.title
            )),
            Some(_) => {}
            None => errors.push(format!(
                "{} ({}) has no doc at {path}",
                rule.meta.code, rule.meta.name
            )),
        }
    }
    for (path, doc) in by_path {
        errors.push(format!(
            "{path}: no rule in the registry ({})",
            doc.path.display()
        ));
    }
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

#[test]
fn markers_refer_to_the_line_above() {
    let case = Case {
        name: "Example".into(),
        line: 1,
        blocks: vec![Block {
            lang: "dockerfile".into(),
            path: None,
            lines: vec![
                "FROM alpine".into(),
                "# ^ DKR003".into(),
                "# ^ DKR002 DKR017".into(),
                "USER root".into(),
                "# not a marker".into(),
            ],
            line: 1,
        }],
    };
    let mut errors = Vec::new();
    let (files, expected) = materialize(&case, &mut errors, "test.md");
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(
        files,
        vec![(
            "Dockerfile".to_string(),
            "FROM alpine\nUSER root\n# not a marker\n".to_string()
        )]
    );
    let lines: Vec<(u32, &str)> = expected.iter().map(|(_, l, c)| (*l, c.as_str())).collect();
    assert_eq!(lines, vec![(1, "DKR003"), (1, "DKR002"), (1, "DKR017")]);
}

#[test]
fn findings_blocks_and_duplicate_files() {
    let block = |lang: &str, lines: &[&str]| Block {
        lang: lang.into(),
        path: None,
        lines: lines.iter().map(|l| l.to_string()).collect(),
        line: 1,
    };
    let case = Case {
        name: "Example".into(),
        line: 1,
        blocks: vec![
            block("findings", &["certs/key.pem:3: CRT003", "nonsense"]),
            block("dockerfile", &["FROM a"]),
            block("dockerfile", &["FROM b"]),
        ],
    };
    let mut errors = Vec::new();
    let (_, expected) = materialize(&case, &mut errors, "t.md");
    assert_eq!(
        expected,
        vec![("certs/key.pem".to_string(), 3, "CRT003".to_string())]
    );
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(errors[0].contains("`nonsense`"));
    assert!(errors[1].contains("two blocks"));
}

#[test]
fn named_blocks_and_sections_are_read() {
    let doc = parse_doc(
        Path::new("x.md"),
        "# n (ABC001)\n## Example\n```dockerfile\nA\n```\nUse instead:\n```dockerfile\nB\n```\n\
         ### Two files\n`svc/Dockerfile`:\n```dockerfile\nC\n```\n`compose.yaml`:\n```yaml\nD\n```\n\
         ## Options\n```toml\n[rules.n]\n```\n",
    );
    assert_eq!(doc.cases.len(), 3);
    assert_eq!(doc.cases[0].blocks[0].lines, vec!["A"]);
    assert_eq!(doc.cases[1].blocks[0].lines, vec!["B"]);
    let paths: Vec<_> = doc.cases[2].blocks.iter().map(|b| b.path.clone()).collect();
    assert_eq!(
        paths,
        vec![Some("svc/Dockerfile".into()), Some("compose.yaml".into())]
    );
    assert_eq!(doc.options.as_deref(), Some("[rules.n]"));
}
