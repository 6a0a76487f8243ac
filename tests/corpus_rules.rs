//! Every rule over every Dockerfile of the shared corpus (`../shared/corpus`, real files from public
//! repositories): no rule may crash, syntax errors only where the corpus says a file is broken, and the
//! true and false positives found by reviewing every rule's corpus findings by hand stay as reviewed.

use shiplint_lint::Finding;
use shiplint_lint::engine::{Settings, run};
use shiplint_model::{MemoryFs, Project, Timestamp};
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::PathBuf;
use std::sync::OnceLock;

fn corpus() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus")
}

/// One in-memory project of Dockerfiles, each taken as a Dockerfile whatever its name (some corpus files are
/// called `Dockerfile-alpine.template`).
fn project_of(files: Vec<(String, Vec<u8>)>) -> Project {
    let mut memory = MemoryFs::new();
    for (path, bytes) in files {
        memory.insert(path.as_str(), bytes);
    }
    Project::load(&memory, memory.candidates(true), Timestamp(1_767_225_600))
}

/// The corpus, loaded and linted once for all the tests of this file.
struct Linted {
    project: Project,
    /// The paths of the loaded Dockerfiles.
    paths: BTreeSet<String>,
    findings: Vec<Finding>,
}

fn linted() -> &'static Linted {
    static LINTED: OnceLock<Linted> = OnceLock::new();
    LINTED.get_or_init(|| {
        let (project, paths) = load();
        let findings = run(&project, &Settings::default());
        Linted {
            project,
            paths,
            findings,
        }
    })
}

/// Loads every Dockerfile row of the manifest into one in-memory project.
fn load() -> (Project, BTreeSet<String>) {
    let root = corpus();
    let manifest = fs::read_to_string(root.join("MANIFEST.tsv"))
        .unwrap_or_else(|e| panic!("corpus manifest missing under {}: {e}", root.display()));
    let mut files = Vec::new();
    for row in manifest.lines().skip(1) {
        let mut columns = row.split('\t');
        let (Some("dockerfile"), Some(path)) = (columns.next(), columns.next()) else {
            continue;
        };
        let bytes = fs::read(root.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
        files.push((path.to_string(), bytes));
    }
    let paths = files.iter().map(|(path, _)| path.clone()).collect();
    (project_of(files), paths)
}

#[test]
fn every_rule_runs_over_the_corpus_without_crashing() {
    let Linted {
        project,
        paths,
        findings,
    } = linted();
    let count = paths.len();
    assert!(count >= 490, "only {count} Dockerfiles in the manifest");
    let mut per_rule: BTreeMap<&str, usize> = BTreeMap::new();
    // `SHIPLINT_SHOW=DKR010` prints that rule's findings, for reviewing them by hand.
    let show = std::env::var("SHIPLINT_SHOW").unwrap_or_default();
    for finding in findings {
        if !show.is_empty() && finding.rule.matches(&show) {
            let file = project.file(finding.span.file);
            let at = file.line_col(finding.span.start);
            eprintln!(
                "{}:{}:{} {} {} [{}]",
                file.path,
                at.line,
                at.column,
                finding.rule.code,
                finding.message,
                finding.span.text(&file.text).lines().next().unwrap_or("")
            );
        }
        *per_rule.entry(finding.rule.code).or_default() += 1;
        let path = &project.file(finding.span.file).path;
        assert_ne!(finding.rule.code, "INT001", "{path}: {}", finding.message);
        if finding.rule.code == "SYN001" {
            assert!(
                path.contains("wrong-composefile"),
                "{path}: unexpected syntax error: {}",
                finding.message
            );
        }
    }
    eprintln!("{per_rule:#?}");
}

/// Codes reported per file.
fn codes_by_file() -> BTreeMap<String, Vec<(&'static str, String)>> {
    let Linted {
        project, findings, ..
    } = linted();
    let mut by_file: BTreeMap<String, Vec<(&'static str, String)>> = BTreeMap::new();
    for finding in findings {
        let path = project.file(finding.span.file).path.clone();
        by_file
            .entry(path)
            .or_default()
            .push((finding.rule.code, finding.message.clone()));
    }
    by_file
}

#[test]
fn reviewed_corpus_findings_stay_as_reviewed() {
    let by_file = codes_by_file();
    let loaded = &linted().paths;
    // A path missing from the corpus would make `!has(…)` pass without checking anything.
    let has = |path: &str, code: &str| {
        assert!(loaded.contains(path), "{path} is not in the corpus");
        by_file
            .get(path)
            .is_some_and(|f| f.iter().any(|(c, _)| *c == code))
    };
    // True positives.
    let secrets = "docker__compose/pkg/e2e/testdata/TestBuildLongOutputLine/Dockerfile";
    assert!(has(secrets, "DKR008"));
    assert!(has("jessfraz__dockerfiles/consul/Dockerfile", "DKR014"));
    assert!(has(
        "nginxinc__NGINX-Demos/autoscaling-demo/nginx_base/Dockerfile",
        "DKR015"
    ));
    assert!(has(
        "docker-library__python/3.12/bookworm/Dockerfile",
        "DKR001"
    ));
    // False positives fixed after the review.
    let postgres = "docker-library__postgres/18/bookworm/Dockerfile";
    assert!(
        !has(postgres, "DKR002"),
        "gosu drops privileges in the entrypoint"
    );
    assert!(
        !has(postgres, "DKR018"),
        "`apt-get install -s` only simulates"
    );
    assert!(
        !has(postgres, "DKR019"),
        "`apt-get install -s` installs nothing"
    );
    assert!(
        !has("docker-library__php/8.2/trixie/apache/Dockerfile", "DKR004"),
        "apt-get dist-clean"
    );
    assert!(
        !has("docker-library__golang/1.26/bookworm/Dockerfile", "DKR001"),
        "buildpack-deps:*-scm"
    );
    for (path, findings) in &by_file {
        for (code, message) in findings {
            assert!(
                !(*code == "DKR010" && message.starts_with("`echo")),
                "{path}: a pipe from echo: {message}"
            );
            assert!(
                !(*code == "DKR010" && message.starts_with("`case")),
                "{path}: a case pattern is not a pipe: {message}"
            );
            assert!(
                !message.contains("FAKE_TO_GENERATE"),
                "{path}: a secret's value is printed: {message}"
            );
        }
    }
}

/// The BuildKit parser's own test inputs (`../shared/conformance/buildkit-parser`): odd and broken files.
/// Every rule must get through all of them without crashing.
#[test]
fn no_rule_crashes_on_the_buildkit_parser_test_files() {
    let root =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/conformance/buildkit-parser");
    let mut files = Vec::new();
    for group in ["testfiles", "testfiles-negative"] {
        let Ok(cases) = fs::read_dir(root.join(group)) else {
            panic!("{group} missing under {}", root.display());
        };
        for case in cases.flatten() {
            let Ok(bytes) = fs::read(case.path().join("Dockerfile")) else {
                continue;
            };
            let display = format!("{group}/{}/Dockerfile", case.file_name().to_string_lossy());
            files.push((display, bytes));
        }
    }
    assert!(files.len() >= 30, "only {} test files", files.len());
    let project = project_of(files);
    for finding in run(&project, &Settings::default()) {
        assert_ne!(
            finding.rule.code,
            "INT001",
            "{}: {}",
            project.file(finding.span.file).path,
            finding.message
        );
    }
}
