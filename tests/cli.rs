//! The binary's contract: exit codes, formats, configuration, suppressions, discovery and determinism.

use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;

const SINGLE_STAGE: &str =
    "FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\nCMD [\"/app\"]\n";

fn shiplint(dir: &Path) -> Command {
    let mut command = Command::cargo_bin("shiplint").expect("binary built");
    command.current_dir(dir).env_remove("NO_COLOR");
    command
}

fn write(dir: &Path, path: &str, text: &str) {
    let full = dir.join(path);
    std::fs::create_dir_all(full.parent().expect("has a parent")).expect("mkdir");
    std::fs::write(full, text).expect("write");
}

fn json(dir: &Path, args: &[&str]) -> (i32, Value) {
    let output = shiplint(dir)
        .args(["check", "--format", "json"])
        .args(args)
        .output()
        .expect("runs");
    let stdout = String::from_utf8(output.stdout).expect("utf-8");
    let value = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"));
    (output.status.code().expect("exit code"), value)
}

fn codes(report: &Value) -> Vec<String> {
    report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| d["code"].as_str().expect("code").to_string())
        .collect()
}

fn project_with_single_stage() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "svc/Dockerfile", SINGLE_STAGE);
    dir
}

#[test]
fn findings_at_the_gate_exit_one_and_name_the_file_line_and_column() {
    let dir = project_with_single_stage();
    let (code, report) = json(dir.path(), &[]);
    assert_eq!(code, 1);
    let first = report["diagnostics"]
        .as_array()
        .and_then(|d| d.iter().find(|d| d["code"] == "DKR001"))
        .expect("DKR001");
    assert_eq!(first["path"], "svc/Dockerfile");
    assert_eq!(
        (first["line"].as_u64(), first["column"].as_u64()),
        (Some(1), Some(1))
    );
    assert_eq!(first["name"], "single-stage-build");
    assert_eq!(report["version"], 1);
    assert_eq!(report["summary"]["files"], 1);
}

#[test]
fn fail_on_sets_the_gate() {
    let dir = project_with_single_stage();
    assert_eq!(json(dir.path(), &["--fail-on", "never"]).0, 0);
    let (code, report) = json(dir.path(), &["--fail-on", "error", "--select", "DKR001"]);
    assert_eq!(codes(&report), ["DKR001"]);
    assert_eq!(code, 0, "DKR001 is a warning");
    assert_eq!(
        json(dir.path(), &["--fail-on", "info", "--select", "DKR001"]).0,
        1
    );
}

#[test]
fn usage_and_io_errors_exit_two_with_one_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    for args in [
        vec!["check", "--bogus"],
        vec!["check", "missing/path"],
        vec!["check", "--now", "yesterday"],
        vec!["check", "--format", "xml"],
        vec!["check", "--select", "NOPE999"],
        vec!["explain", "no-such-rule"],
    ] {
        let output = shiplint(dir.path()).args(&args).output().expect("runs");
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(stderr.trim_end().lines().count(), 1, "{args:?}: {stderr}");
        assert!(stderr.starts_with("error: "), "{args:?}: {stderr}");
        if args == ["check", "missing/path"] {
            assert!(
                stderr.starts_with("error: cannot read `missing/path`: "),
                "the path is named as given: {stderr}"
            );
        }
    }
}

/// Writes `config` as shiplint.toml, runs `check`, and returns standard error of the exit-2 run.
fn config_error(dir: &Path, config: &str) -> String {
    write(dir, "shiplint.toml", config);
    let output = shiplint(dir).args(["check", "svc"]).output().expect("runs");
    assert_eq!(output.status.code(), Some(2), "{config}");
    String::from_utf8(output.stderr).expect("utf-8")
}

#[test]
fn an_invalid_config_is_reported_with_its_line() {
    let dir = project_with_single_stage();
    let cases = [
        (
            "ignore = [\"DKR002\"]\n\nfail_on = \"error\"\n",
            "shiplint.toml:3:1:",
            "fail_on",
        ),
        (
            "[severity]\nno-such-rule = \"error\"\n",
            "shiplint.toml:2:1:",
            "no-such-rule",
        ),
        (
            "[rules.single-stage-build]\nno-such-option = 1\n",
            "shiplint.toml:",
            "no-such-option",
        ),
        ("select = [\"NOPE\"]\n", "shiplint.toml:1:", "NOPE"),
    ];
    for (config, position, named) in cases {
        let stderr = config_error(dir.path(), config);
        assert!(
            stderr.contains(position) && stderr.contains(named),
            "{config}: {stderr}"
        );
    }
}

#[test]
fn the_nearest_config_above_the_first_path_applies() {
    let dir = project_with_single_stage();
    write(
        dir.path(),
        "shiplint.toml",
        "ignore = [\"single-stage-build\"]\n[severity]\n",
    );
    let (_, report) = json(&dir.path().join("svc"), &["Dockerfile"]);
    assert!(!codes(&report).contains(&"DKR001".to_string()), "{report}");
    let (_, report) = json(dir.path(), &["--config", "/dev/null", "svc"]);
    assert!(
        codes(&report).contains(&"DKR001".to_string()),
        "an explicit --config replaces discovery"
    );
}

#[test]
fn select_ignore_severity_and_per_file_ignores() {
    let dir = project_with_single_stage();
    write(dir.path(), "legacy/Dockerfile", SINGLE_STAGE);
    let (_, report) = json(dir.path(), &["--select", "DKR001"]);
    assert_eq!(codes(&report), ["DKR001", "DKR001"]);
    let (_, report) = json(dir.path(), &["--ignore", "DKR"]);
    assert!(
        codes(&report).iter().all(|c| !c.starts_with("DKR")),
        "{report}"
    );

    write(
        dir.path(),
        "shiplint.toml",
        "select = [\"DKR001\"]\n[severity]\nsingle-stage-build = \"error\"\n[per-file-ignores]\n\"legacy/**\" = [\"DKR001\"]\n",
    );
    let (code, report) = json(dir.path(), &["--fail-on", "error"]);
    assert_eq!(code, 1);
    let diagnostics = report["diagnostics"].as_array().expect("array");
    assert_eq!(diagnostics.len(), 1, "{report}");
    assert_eq!(diagnostics[0]["path"], "svc/Dockerfile");
    assert_eq!(diagnostics[0]["severity"], "error");
}

#[test]
fn inline_suppressions_apply_to_the_next_statement_and_unused_ones_are_reported() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        "a/Dockerfile",
        &format!(
            "# shiplint: ignore[DKR001] the builder image is the product\n# another comment\n{SINGLE_STAGE}"
        ),
    );
    write(
        dir.path(),
        "b/Dockerfile",
        &format!("# shiplint: ignore-file[single-stage-build]\n{SINGLE_STAGE}"),
    );
    write(
        dir.path(),
        "c/Dockerfile",
        "# shiplint: ignore[DKR001] nothing to suppress here\nFROM scratch\nCOPY app /app\n",
    );
    write(
        dir.path(),
        "d/Dockerfile",
        &format!("# shiplint: ignore[NOPE123]\n{SINGLE_STAGE}"),
    );
    let (_, report) = json(
        dir.path(),
        &["--select", "DKR001,SUP", "--fail-on", "never"],
    );
    let found: Vec<(String, String, u64)> = report["diagnostics"]
        .as_array()
        .expect("array")
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap_or("").to_string(),
                d["code"].as_str().unwrap_or("").to_string(),
                d["line"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    let expected = [
        ("c/Dockerfile", "SUP001", 1),
        ("d/Dockerfile", "SUP002", 1),
        ("d/Dockerfile", "DKR001", 2),
    ];
    let expected: Vec<(String, String, u64)> = expected
        .iter()
        .map(|(p, c, l)| (p.to_string(), c.to_string(), *l))
        .collect();
    assert_eq!(found, expected);
    let unused = &report["diagnostics"][0];
    assert_eq!(
        (unused["severity"].as_str(), unused["column"].as_u64()),
        (Some("info"), Some(20))
    );
}

#[test]
fn discovery_follows_gitignore_includes_hidden_folders_and_takes_explicit_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), ".gitignore", "ignored/\n");
    write(dir.path(), "ignored/Dockerfile", SINGLE_STAGE);
    write(dir.path(), ".hidden/Dockerfile", SINGLE_STAGE);
    write(dir.path(), ".git/Dockerfile", SINGLE_STAGE);
    write(dir.path(), "notes/build.txt", SINGLE_STAGE);
    write(dir.path(), "deploy/api.Dockerfile", SINGLE_STAGE);
    write(dir.path(), "deploy/Dockerfile.prod", SINGLE_STAGE);
    let (_, report) = json(dir.path(), &["--select", "DKR001"]);
    let mut paths: Vec<&str> = report["diagnostics"]
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|d| d["path"].as_str())
        .collect();
    paths.dedup();
    assert_eq!(
        paths,
        [
            ".hidden/Dockerfile",
            "deploy/Dockerfile.prod",
            "deploy/api.Dockerfile"
        ]
    );
    let (_, report) = json(
        dir.path(),
        &[
            "--select",
            "DKR001",
            "notes/build.txt",
            "ignored/Dockerfile",
        ],
    );
    assert_eq!(
        report["summary"]["files"], 2,
        "explicit files are always taken: {report}"
    );
}

#[test]
fn exclude_globs_skip_walked_paths() {
    let dir = project_with_single_stage();
    write(dir.path(), "vendor/x/Dockerfile", SINGLE_STAGE);
    write(dir.path(), "shiplint.toml", "exclude = [\"vendor\"]\n");
    let (_, report) = json(dir.path(), &[]);
    assert_eq!(report["summary"]["files"], 1, "{report}");
}

#[cfg(unix)]
#[test]
fn unreadable_files_are_reported_not_skipped() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::os::unix::fs::symlink("nowhere", dir.path().join("Dockerfile")).expect("symlink");
    let (code, report) = json(dir.path(), &[]);
    assert_eq!(code, 1);
    assert_eq!(codes(&report), ["SYN002"]);
    let output = shiplint(dir.path())
        .args(["check", "Dockerfile"])
        .output()
        .expect("runs");
    assert_eq!(
        output.status.code(),
        Some(2),
        "a file named on the command line that cannot be read"
    );
}

/// Symbolic links the walk does not follow are said: one to a directory outside the project root, one to
/// nothing, one to a directory outside the paths checked. One to a directory walked anyway is silent.
#[cfg(unix)]
#[test]
fn links_the_walk_does_not_follow_are_warnings() {
    let outside = tempfile::tempdir().expect("tempdir");
    write(outside.path(), "secret/Dockerfile", SINGLE_STAGE);
    let dir = project_with_single_stage();
    std::fs::create_dir(dir.path().join(".git")).expect("mkdir");
    write(dir.path(), "docs/README", "notes\n");
    let link = |target: &Path, name: &str| {
        std::os::unix::fs::symlink(target, dir.path().join(name)).expect("symlink");
    };
    link(&outside.path().join("secret"), "svc/escape");
    link(Path::new("gone"), "svc/dangling");
    link(Path::new("../svc"), "docs/again");
    link(Path::new("../docs"), "svc/docs");
    let run = |paths: &[&str]| {
        let output = shiplint(dir.path())
            .args(["check", "--format", "json"])
            .args(paths)
            .output()
            .expect("runs");
        let report: Value = serde_json::from_slice(&output.stdout).expect("json");
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        (report, stderr)
    };

    let (report, stderr) = run(&[]);
    assert_eq!(report["summary"]["files"], 1, "{report}");
    assert!(
        stderr.contains(
            "svc/escape: a symbolic link that leads outside the project root, not followed"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("svc/dangling: a symbolic link to nothing"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("again") && !stderr.contains("svc/docs"),
        "{stderr}"
    );

    let (_, stderr) = run(&["svc"]);
    assert!(
        stderr.contains("svc/docs: a symbolic link to a directory outside the paths checked"),
        "{stderr}"
    );
}

/// A named pipe where a Dockerfile would be: named, it is a one-line error; walked, a warning; through a
/// symlink, an unreadable file. Never a run that waits for a writer.
#[cfg(unix)]
#[test]
fn named_pipes_are_refused_without_waiting() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "svc/Dockerfile", SINGLE_STAGE);
    let made = std::process::Command::new("mkfifo")
        .arg(dir.path().join("Dockerfile"))
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    std::os::unix::fs::symlink("../Dockerfile", dir.path().join("svc/nginx.conf"))
        .expect("symlink");
    let timeout = std::time::Duration::from_secs(60);

    let named = shiplint(dir.path())
        .args(["check", "Dockerfile"])
        .timeout(timeout)
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&named.stderr);
    assert_eq!(named.status.code(), Some(2), "{stderr}");
    assert_eq!(
        stderr.trim_end(),
        "error: cannot read `Dockerfile`: not a regular file (a pipe, socket or device)"
    );

    let walked = shiplint(dir.path())
        .args(["check", "--format", "json", "."])
        .timeout(timeout)
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&walked.stderr);
    assert!(
        stderr.contains("Dockerfile: not a regular file (a pipe, socket or device)"),
        "{stderr}"
    );
    let report: Value = serde_json::from_slice(&walked.stdout).expect("json");
    let unreadable: Vec<&Value> = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["code"] == "SYN002")
        .collect();
    assert_eq!(unreadable.len(), 1, "{report}");
    assert_eq!(unreadable[0]["path"], "svc/nginx.conf", "{report}");
    assert!(
        codes(&report).contains(&"DKR001".to_string()),
        "the rest of the tree is checked: {report}"
    );
}

#[test]
fn syntax_errors_are_findings_and_the_run_goes_on() {
    let dir = project_with_single_stage();
    write(
        dir.path(),
        "broken/Dockerfile",
        "FROM alpine:3.20\nFORM nothing\nRUN echo ok\n",
    );
    let (code, report) = json(dir.path(), &["--select", "SYN,DKR001"]);
    assert_eq!(code, 1);
    let syntax: Vec<&Value> = report["diagnostics"]
        .as_array()
        .expect("array")
        .iter()
        .filter(|d| d["code"] == "SYN001")
        .collect();
    assert_eq!(syntax.len(), 1, "{report}");
    assert_eq!(
        (
            syntax[0]["path"].as_str(),
            syntax[0]["line"].as_u64(),
            syntax[0]["column"].as_u64()
        ),
        (Some("broken/Dockerfile"), Some(2), Some(1))
    );
    assert!(
        codes(&report).contains(&"DKR001".to_string()),
        "other files are still checked"
    );
}

#[test]
fn output_is_identical_whatever_the_thread_count() {
    let corpus = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus"));
    assert!(corpus.is_dir(), "../shared/corpus is missing");
    let run = |threads: &str| {
        let output = shiplint(Path::new(env!("CARGO_MANIFEST_DIR")))
            .args([
                "check",
                "--format",
                "json",
                "--fail-on",
                "never",
                "--threads",
                threads,
            ])
            .arg(corpus)
            .output()
            .expect("runs");
        assert_eq!(output.status.code(), Some(0));
        output.stdout
    };
    let one = run("1");
    assert!(one.len() > 1000);
    assert!(
        one == run("2") && one == run("7"),
        "output differs between thread counts"
    );
}

#[test]
fn a_huge_thread_count_is_capped_not_spawned() {
    let dir = project_with_single_stage();
    let run = |threads: &str| {
        let output = shiplint(dir.path())
            .args(["check", "--format", "json", "--threads", threads])
            .output()
            .expect("runs");
        assert_eq!(output.status.code(), Some(1), "{output:?}");
        output.stdout
    };
    assert_eq!(run("100000"), run("1"));
}

#[test]
fn output_file_and_colour_choice() {
    let dir = project_with_single_stage();
    shiplint(dir.path())
        .args(["check", "--output", "report.txt"])
        .assert()
        .code(1)
        .stdout("");
    let text = std::fs::read_to_string(dir.path().join("report.txt")).expect("report written");
    assert!(
        text.contains("DKR001") && !text.contains('\u{1b}'),
        "{text}"
    );
    let piped = shiplint(dir.path())
        .arg("check")
        .output()
        .expect("runs")
        .stdout;
    assert!(!piped.contains(&0x1b), "auto colour is off when piped");
    let forced = shiplint(dir.path())
        .args(["check", "--color", "always"])
        .output()
        .expect("runs")
        .stdout;
    assert!(forced.contains(&0x1b), "--color always");
    let never = shiplint(dir.path())
        .args(["check", "--color", "never"])
        .env("NO_COLOR", "1")
        .output()
        .expect("runs")
        .stdout;
    assert!(!never.contains(&0x1b));
}

#[test]
fn rules_explain_and_debug_dump() {
    let dir = project_with_single_stage();
    let rules = String::from_utf8(
        shiplint(dir.path())
            .arg("rules")
            .output()
            .expect("runs")
            .stdout,
    )
    .expect("utf-8");
    let docker_rules = rules.lines().filter(|line| line.starts_with("DKR")).count();
    assert!(
        docker_rules >= 20,
        "{docker_rules} Dockerfile rules:\n{rules}"
    );
    assert!(
        rules
            .lines()
            .next()
            .is_some_and(|header| header.starts_with("CODE"))
    );

    let explained = shiplint(dir.path())
        .args(["explain", "dkr001"])
        .output()
        .expect("runs");
    assert!(
        String::from_utf8_lossy(&explained.stdout).starts_with("# single-stage-build (DKR001)")
    );
    let by_name = shiplint(dir.path())
        .args(["explain", "single-stage-build"])
        .output()
        .expect("runs");
    assert_eq!(explained.stdout, by_name.stdout);

    let dump = shiplint(dir.path())
        .args(["debug", "dump", "svc/Dockerfile"])
        .output()
        .expect("runs");
    assert_eq!(dump.status.code(), Some(0));
    assert!(
        String::from_utf8_lossy(&dump.stdout)
            .starts_with("(from \"golang:1.22\")\n(workdir \"/src\")")
    );
    write(dir.path(), "bad/Dockerfile", "FROM alpine\nFORM x\n");
    let dump = shiplint(dir.path())
        .args(["debug", "dump", "bad/Dockerfile"])
        .output()
        .expect("runs");
    assert_eq!(dump.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&dump.stderr).contains("FORM"));
}

#[test]
fn secret_values_never_appear_in_any_output() {
    let dir = tempfile::tempdir().expect("tempdir");
    let secret = "hunter2-s3cr3t";
    write(
        dir.path(),
        "Dockerfile",
        &format!(
            "FROM alpine:3.20\nENV DB_PASSWORD={secret} MODE=prod\nARG API_TOKEN=\"{secret}\"\nONBUILD ENV GITHUB_TOKEN {secret}\n"
        ),
    );
    for format in ["text", "json", "sarif", "github"] {
        let output = shiplint(dir.path())
            .args(["check", "--format", format, "--color", "always"])
            .output()
            .expect("runs");
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(stdout.contains("DKR008"), "{format}: {stdout}");
        assert!(
            !stdout.contains(secret) && !String::from_utf8_lossy(&output.stderr).contains(secret),
            "{format}: {stdout}"
        );
    }
    let dump = shiplint(dir.path())
        .args(["debug", "dump", "Dockerfile"])
        .output()
        .expect("runs");
    let tree = String::from_utf8_lossy(&dump.stdout);
    assert!(
        tree.contains("(env \"DB_PASSWORD\" \"**************\" \"=\" \"MODE\" \"prod\" \"=\")"),
        "{tree}"
    );
    assert!(!tree.contains(secret), "{tree}");
}

#[test]
fn secret_values_a_link_quotes_are_masked_in_messages_and_labels() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (inline, from_file) = ("kEyVaLuE-9876", "fIlEsEcReT-5432");
    write(
        dir.path(),
        "app/go.mod",
        "module example.com/shop\n\ngo 1.22\n\nrequire github.com/gin-gonic/gin v1.10.0\n",
    );
    write(
        dir.path(),
        "app/main.go",
        "package main\n\nimport (\n\t\"os\"\n\n\t\"github.com/gin-gonic/gin\"\n)\n\nfunc main() {\n\
         \tgin.SetMode(os.Getenv(\"SECRET_KEY\"))\n\tgin.SetMode(os.Getenv(\"API_TOKEN\"))\n\
         \tr := gin.New()\n\tr.Run(\":8080\")\n}\n",
    );
    write(
        dir.path(),
        "app/Dockerfile",
        "FROM golang:1.22.5-bookworm AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/shop .\n\n\
         FROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /out/shop /shop\nUSER 65532\n\
         EXPOSE 8080\nENTRYPOINT [\"/shop\"]\n",
    );
    write(dir.path(), "app.env", &format!("API_TOKEN={from_file}\n"));
    write(
        dir.path(),
        "compose.yaml",
        &format!(
            "services:\n  app:\n    build: ./app\n    env_file: ./app.env\n    environment:\n      SECRET_KEY: {inline}\n"
        ),
    );
    for format in ["text", "json", "sarif", "github"] {
        let (_, stdout, stderr) = run(dir.path(), &["--format", format, "--fail-on", "never"]);
        assert!(stdout.contains("APP001"), "{format}: {stdout}");
        for secret in [inline, from_file] {
            assert!(
                !stdout.contains(secret) && !stderr.contains(secret),
                "{format} shows `{secret}`: {stdout}"
            );
        }
    }
}

#[test]
fn a_secret_continued_over_lines_keeps_later_line_numbers() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        "Dockerfile",
        "FROM alpine:3.20\nENV API_TOKEN=abc \\\n    def\nCMD ./app\n",
    );
    let (_, report) = json(dir.path(), &["--select", "DKR006"]);
    assert_eq!(report["diagnostics"][0]["line"], 4, "{report}");
    let text = String::from_utf8(
        shiplint(dir.path())
            .args(["check", "--select", "DKR006"])
            .output()
            .expect("runs")
            .stdout,
    )
    .expect("utf-8");
    assert!(text.contains("4 │ CMD ./app"), "{text}");
}

#[test]
fn quiet_prints_the_summary_line_only_but_still_says_what_was_not_checked() {
    let dir = project_with_single_stage();
    let (code, stdout, _) = run(dir.path(), &["--quiet"]);
    assert_eq!(code, 1);
    assert!(stdout.starts_with("Found "), "{stdout}");
    assert_eq!(stdout.lines().count(), 1, "{stdout}");

    let clean = tempfile::tempdir().expect("tempdir");
    write(clean.path(), ".git/HEAD", "ref: refs/heads/main\n");
    write(
        clean.path(),
        "nginx/nginx.conf",
        "events {}\nhttp {\n    server_tokens off;\n    server {\n        listen 80;\n        server_name a.example;\n        ssl_certificate /etc/ssl/outside.pem;\n        return 204;\n    }\n}\n",
    );
    let (code, stdout, stderr) = run(clean.path(), &["--quiet"]);
    assert_eq!((code, stdout.as_str()), (0, ""), "{stderr}");
    assert!(
        stderr.contains("not checked:") && stderr.contains("/etc/ssl/outside.pem"),
        "the certificate nginx names outside the project is said under --quiet too: {stderr}"
    );
}

// --- Baseline (--baseline, --write-baseline) ---

const ONE_ADD: &str = "FROM alpine:3.20\nADD config.json /etc/app/config.json\nUSER 1000\n";

/// Runs `check` with `args` in `dir`: exit code, stdout, stderr.
fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let output = shiplint(dir)
        .arg("check")
        .args(args)
        .output()
        .expect("runs");
    (
        output.status.code().expect("exit code"),
        String::from_utf8(output.stdout).expect("utf-8"),
        String::from_utf8(output.stderr).expect("utf-8"),
    )
}

/// `(exit code, codes shown, summary.baseline_hidden)` of a JSON run with `--baseline base.json`.
fn with_baseline(dir: &Path, extra: &[&str]) -> (i32, Vec<String>, Value) {
    let mut args = vec!["--baseline", "base.json"];
    args.extend_from_slice(extra);
    let (code, report) = json(dir, &args);
    (
        code,
        codes(&report),
        report["summary"]["baseline_hidden"].clone(),
    )
}

#[test]
fn a_baseline_hides_recorded_findings_through_line_shifts_but_not_edits_or_duplicates() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "svc/Dockerfile", ONE_ADD);
    let (code, stdout, stderr) = run(dir.path(), &["--write-baseline", "base.json"]);
    assert_eq!(code, 0, "writing a baseline exits 0: {stderr}");
    assert_eq!(stdout, "", "no report is printed when writing a baseline");
    assert!(
        stderr.contains("wrote 1 finding(s) to the baseline `base.json`"),
        "{stderr}"
    );
    let recorded = std::fs::read_to_string(dir.path().join("base.json")).expect("written");
    assert!(recorded.contains("\"code\": \"DKR007\""), "{recorded}");
    assert!(
        recorded.contains("\"path\": \"svc/Dockerfile\""),
        "{recorded}"
    );
    assert!(
        !recorded.contains("config.json"),
        "no source text in the baseline: {recorded}"
    );

    assert_eq!(with_baseline(dir.path(), &[]), (0, vec![], Value::from(1)));

    // Lines inserted above the finding: still hidden.
    let shifted = "FROM alpine:3.20\n\n# configuration\nWORKDIR /srv\n\nADD config.json /etc/app/config.json\nUSER 1000\n";
    write(dir.path(), "svc/Dockerfile", shifted);
    assert_eq!(with_baseline(dir.path(), &[]), (0, vec![], Value::from(1)));

    // The same finding twice: the second one is new.
    let twice = "FROM alpine:3.20\nADD config.json /etc/app/config.json\nADD config.json /etc/app/config.json\nUSER 1000\n";
    write(dir.path(), "svc/Dockerfile", twice);
    let (code, report) = json(dir.path(), &["--baseline", "base.json"]);
    assert_eq!((code, codes(&report)), (1, vec!["DKR007".to_string()]));
    assert_eq!(
        report["diagnostics"][0]["line"], 3,
        "the added line is the new one"
    );
    assert_eq!(report["summary"]["baseline_hidden"], 1);

    // The flagged text edited: a different finding.
    write(
        dir.path(),
        "svc/Dockerfile",
        "FROM alpine:3.20\nADD settings.json /etc/app/settings.json\nUSER 1000\n",
    );
    assert_eq!(
        with_baseline(dir.path(), &[]),
        (1, vec!["DKR007".to_string()], Value::from(0))
    );
}

#[test]
fn baseline_paths_are_relative_to_the_baseline_file_not_the_working_directory() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "svc/Dockerfile", ONE_ADD);
    let (code, _, stderr) = run(dir.path(), &["--write-baseline", "base.json", "svc"]);
    assert_eq!(code, 0, "{stderr}");
    let (code, report) = json(
        &dir.path().join("svc"),
        &["--baseline", "../base.json", "."],
    );
    assert_eq!((code, codes(&report)), (0, vec![]));
    assert_eq!(report["summary"]["baseline_hidden"], 1);
}

#[test]
fn the_baseline_count_is_in_the_text_summary_and_sarif_closes_hidden_results() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "svc/Dockerfile", ONE_ADD);
    assert_eq!(run(dir.path(), &["--write-baseline", "base.json"]).0, 0);
    let (code, stdout, _) = run(dir.path(), &["--baseline", "base.json", "--color", "never"]);
    assert_eq!(code, 0);
    assert_eq!(
        stdout,
        "No problems found in 1 file (1 hidden by the baseline).\n"
    );

    let (_, sarif, _) = run(
        dir.path(),
        &["--baseline", "base.json", "--format", "sarif"],
    );
    let sarif: Value = serde_json::from_str(&sarif).expect("SARIF is JSON");
    let run_0 = &sarif["runs"][0];
    assert_eq!(run_0["properties"]["baselineHidden"], 1);
    let result = &run_0["results"][0];
    assert_eq!(result["ruleId"], "DKR007");
    assert_eq!(result["suppressions"][0]["kind"], "external");
    assert_eq!(result["suppressions"][0]["status"], "accepted");
    // Without the baseline the same result has the same fingerprint and no suppression.
    let (_, plain, _) = run(dir.path(), &["--format", "sarif"]);
    let plain: Value = serde_json::from_str(&plain).expect("SARIF is JSON");
    let plain_result = &plain["runs"][0]["results"][0];
    assert_eq!(
        plain_result["partialFingerprints"],
        result["partialFingerprints"]
    );
    assert!(plain_result.get("suppressions").is_none());
    assert!(plain["runs"][0].get("properties").is_none());
}

#[test]
fn a_missing_corrupt_or_foreign_baseline_is_a_one_line_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "svc/Dockerfile", ONE_ADD);
    let cases = [
        (None, "cannot read the baseline `base.json`"),
        (
            Some("{\"version\": 1, \"findings\": ["),
            "is not a shiplint baseline",
        ),
        (Some("{\"version\": 1}"), "no `findings` list"),
        (
            Some("{\"version\": 1, \"findings\": [{\"code\": 1}]}"),
            "finding 1 is not",
        ),
        (Some("{\"version\": 2, \"findings\": []}"), "has version 2"),
    ];
    for (text, expected) in cases {
        match text {
            Some(text) => write(dir.path(), "base.json", text),
            None => {
                let _ = std::fs::remove_file(dir.path().join("base.json"));
            }
        }
        let (code, stdout, stderr) = run(dir.path(), &["--baseline", "base.json"]);
        assert_eq!(code, 2, "{text:?}: {stderr}");
        assert_eq!(stdout, "");
        assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
        assert!(
            stderr.starts_with("error: ") && stderr.contains(expected),
            "{stderr}"
        );
    }
    let (code, _, stderr) = run(
        dir.path(),
        &["--baseline", "a.json", "--write-baseline", "b.json"],
    );
    assert_eq!(code, 2, "{stderr}");
}

// --- Pre-commit mode: given files, the project around them is loaded ---

/// A small git work tree: a single-stage Dockerfile, a clean compose file, nginx whose main file enables
/// TLSv1 for the server of an included snippet, and a certificate with another certificate's key.
fn stack_in_a_git_work_tree() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    std::fs::create_dir_all(root.join(".git")).expect("mkdir .git");
    write(root, "svc/Dockerfile", SINGLE_STAGE);
    write(
        root,
        "compose.yaml",
        "services:\n  app:\n    build: ./svc\n",
    );
    write(
        root,
        "nginx/nginx.conf",
        "events {}\nhttp {\n    ssl_protocols TLSv1 TLSv1.2;\n    include conf.d/*.conf;\n}\n",
    );
    write(
        root,
        "nginx/conf.d/app.conf",
        &tls_server(
            "example.com",
            "/etc/nginx/certs/cert.pem",
            "/etc/nginx/certs/key.pem",
        ),
    );
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/certs/mismatched-key");
    for name in ["cert.pem", "key.pem"] {
        let text = std::fs::read_to_string(fixtures.join(name)).expect("fixture");
        write(root, &format!("certs/{name}"), &text);
    }
    dir
}

/// An nginx TLS server for `name` with a certificate and key path.
fn tls_server(name: &str, certificate: &str, key: &str) -> String {
    format!(
        "server {{\n    listen 443 ssl;\n    server_name {name};\n    ssl_certificate {certificate};\n    \
         ssl_certificate_key {key};\n    return 200;\n}}\n"
    )
}

/// `(exit code, "CODE path" of each finding, summary.files)` of a pre-commit style run.
fn pre_commit(dir: &Path, files: &[&str]) -> (i32, Vec<String>, Value) {
    let mut args = vec!["--now", "2026-12-01T00:00:00Z"];
    args.extend_from_slice(files);
    let (code, report) = json(dir, &args);
    let found = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            format!(
                "{} {}",
                d["code"].as_str().expect("code"),
                d["path"].as_str().expect("path")
            )
        })
        .collect();
    (code, found, report["summary"]["files"].clone())
}

#[test]
fn pre_commit_reports_cross_file_findings_whose_related_span_is_in_a_changed_file() {
    let dir = stack_in_a_git_work_tree();
    // The key is the primary location; the changed certificate is the related one.
    let (code, found, files) = pre_commit(dir.path(), &["certs/cert.pem"]);
    assert_eq!(
        (code, found, files),
        (1, vec!["CRT003 certs/key.pem".to_string()], Value::from(1))
    );
    // The snippet is checked where nginx.conf includes it, so the inherited TLSv1 is found; the finding
    // sits in nginx.conf and names the snippet's server.
    let (_, found, _) = pre_commit(dir.path(), &["nginx/conf.d/app.conf"]);
    assert!(
        found.contains(&"TLS001 nginx/nginx.conf".to_string()),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .all(|f| f.ends_with("nginx.conf") || f.ends_with("app.conf")),
        "{found:?}"
    );
}

#[test]
fn pre_commit_leaves_out_findings_only_in_unchanged_files_and_exits_on_what_it_shows() {
    let dir = stack_in_a_git_work_tree();
    // The whole stack has errors, the changed compose file none.
    assert_eq!(
        run(dir.path(), &["--now", "2026-12-01T00:00:00Z", "."]).0,
        1
    );
    assert_eq!(
        pre_commit(dir.path(), &["compose.yaml"]),
        (0, vec![], Value::from(1))
    );
    let (code, found, _) = pre_commit(dir.path(), &["svc/Dockerfile"]);
    assert_eq!(code, 1);
    assert!(
        found.iter().all(|f| f.ends_with(" svc/Dockerfile")),
        "{found:?}"
    );
    assert!(
        found.contains(&"DKR001 svc/Dockerfile".to_string()),
        "{found:?}"
    );
    // A directory among the paths: everything found is reported, as without pre-commit mode.
    let (_, found, _) = pre_commit(dir.path(), &["compose.yaml", "certs"]);
    assert!(
        found.contains(&"CRT003 certs/key.pem".to_string()),
        "{found:?}"
    );
    assert!(!found.iter().any(|f| f.starts_with("DKR")), "{found:?}");
}

#[test]
fn without_a_project_around_them_given_files_are_checked_on_their_own() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "svc/Dockerfile", SINGLE_STAGE);
    write(dir.path(), "other/Dockerfile", SINGLE_STAGE);
    let (code, found, files) = pre_commit(dir.path(), &["svc/Dockerfile"]);
    assert_eq!((code, files), (1, Value::from(1)));
    assert!(
        found.iter().all(|f| f.ends_with(" svc/Dockerfile")),
        "{found:?}"
    );
}

#[test]
fn pre_commit_notes_unchecked_certificates_only_for_the_changed_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    std::fs::create_dir_all(root.join(".git")).expect("mkdir .git");
    write(
        root,
        "edge/nginx.conf",
        &tls_server(
            "a.example",
            "/etc/ssl/private/a.pem",
            "/etc/ssl/private/a.key",
        ),
    );
    write(root, "svc/Dockerfile", SINGLE_STAGE);
    let note = |path: &str| {
        let output = shiplint(root)
            .args(["check", "--quiet", "--fail-on", "never", path])
            .output()
            .expect("runs");
        assert_eq!(output.status.code(), Some(0), "{path}");
        String::from_utf8_lossy(&output.stderr).into_owned()
    };
    assert!(
        note("edge/nginx.conf").contains("`/etc/ssl/private/a.pem`"),
        "the changed nginx file's certificate is said"
    );
    let unrelated = note("svc/Dockerfile");
    assert!(
        !unrelated.contains("a.pem"),
        "a change elsewhere does not list it: {unrelated}"
    );
}

#[test]
fn a_baseline_in_a_subdirectory_matches_from_any_working_directory() {
    let dir = project_with_single_stage();
    let root = dir.path();
    std::fs::create_dir_all(root.join("ci")).expect("mkdir ci");
    let (code, _, _) = run(root, &["--write-baseline", "ci/baseline.json", "."]);
    assert_eq!(code, 0);
    let written = std::fs::read_to_string(root.join("ci/baseline.json")).expect("written");
    assert!(written.contains("\"../svc/Dockerfile\""), "{written}");
    let (code, _, _) = run(root, &["--baseline", "ci/baseline.json", "."]);
    assert_eq!(code, 0, "all recorded findings are hidden from the root");
    let (code, stdout, _) = run(&root.join("ci"), &["--baseline", "baseline.json", ".."]);
    assert_eq!(code, 0, "and from the baseline's directory: {stdout}");
}
