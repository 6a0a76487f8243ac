//! nginx end to end: nginx itself agrees on what parses (corpus/parse/nginx), an `nginx -T` dump gives the
//! same findings as the files, h5bp's main configuration is checked whole with its includes, missing
//! includes of the shared corpus are reported once each, and trailing suppressions work in nginx files.

mod common;

use assert_cmd::Command;
use serde_json::Value;
use shiplint_lint::engine::{Settings, run};
use shiplint_model::{MemoryFs, Project, Timestamp};
use std::path::{Path, PathBuf};

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Debian's nginx, or `None` outside CI when it is not installed (under CI a missing nginx fails the test).
fn nginx() -> Option<PathBuf> {
    let found = ["/usr/sbin/nginx", "/usr/bin/nginx", "/usr/local/sbin/nginx"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.is_file());
    if found.is_none() {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "nginx is not installed; .ci/run installs nginx-full"
        );
        eprintln!("skipped: nginx is not installed (apt-get install nginx-full)");
    }
    found
}

fn shiplint(dir: &Path, args: &[&str]) -> Value {
    common::check_json_with(dir, "json", args)
}

fn diagnostics(report: &Value) -> &Vec<Value> {
    report["diagnostics"].as_array().expect("diagnostics")
}

/// `nginx -t` on each file of corpus/parse/nginx accepts exactly the files we parse without SYN001.
#[test]
fn nginx_accepts_exactly_what_parses_without_syntax_errors() {
    let Some(nginx) = nginx() else {
        return;
    };
    let dir = repo().join("corpus/parse/nginx");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("corpus/parse/nginx")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "conf"))
        .collect();
    files.sort();
    assert!(files.len() >= 10, "{files:?}");
    let mut disagreements = Vec::new();
    for file in &files {
        let prefix = tempfile::tempdir().expect("a scratch prefix");
        let globals = format!(
            "pid {0}/nginx.pid; error_log {0}/error.log;",
            prefix.path().display()
        );
        let tested = std::process::Command::new(&nginx)
            .arg("-t")
            .arg("-q")
            .arg("-c")
            .arg(file)
            .arg("-p")
            .arg(prefix.path())
            .args(["-g", &globals])
            .output()
            .expect("nginx runs");
        let report = shiplint(repo(), &["--select", "SYN001", &file.to_string_lossy()]);
        let ours = diagnostics(&report).is_empty();
        let theirs = tested.status.success();
        let name = file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        assert_eq!(
            name.starts_with("broken-"),
            !theirs,
            "{name}: nginx says {}",
            String::from_utf8_lossy(&tested.stderr)
        );
        if ours != theirs {
            disagreements.push(format!(
                "{name}: nginx {} it, shiplint {} ({})",
                if theirs { "accepts" } else { "rejects" },
                if ours {
                    "parses it"
                } else {
                    "reports a syntax error"
                },
                String::from_utf8_lossy(&tested.stderr).trim()
            ));
        }
    }
    assert!(disagreements.is_empty(), "{disagreements:#?}");
}

/// The findings on the `nginx -T` dump of h5bp's configuration (made by nginx itself) are those on its files,
/// under the same paths.
#[test]
fn an_nginx_dump_gives_the_findings_of_the_file_tree() {
    let Some(nginx) = nginx() else {
        return;
    };
    let source = common::shared().join("corpus/h5bp__server-configs-nginx");
    let scratch = tempfile::tempdir().expect("scratch");
    let root = scratch.path().join("h5bp");
    copy_tree(&source, &root);
    // Enable one of h5bp's test sites (its own CI copies them into conf.d) so there are findings to compare.
    std::fs::copy(
        root.join("test/vhosts/server.localhost.conf"),
        root.join("conf.d/server.localhost.conf"),
    )
    .expect("enable the test site");
    let dump = std::process::Command::new(&nginx)
        .arg("-T")
        .arg("-c")
        .arg(root.join("nginx.conf"))
        .arg("-p")
        .arg(&root)
        .output()
        .expect("nginx runs");
    assert!(
        dump.status.success(),
        "{}",
        String::from_utf8_lossy(&dump.stderr)
    );
    let dump_path = scratch.path().join("dump.txt");
    std::fs::write(&dump_path, &dump.stdout).expect("write the dump");

    let normalize = |report: &Value| -> Vec<String> {
        let prefix = format!("{}/", root.display());
        let mut keys: Vec<String> = diagnostics(report)
            .iter()
            .map(|d| {
                let path = d["path"].as_str().unwrap_or("");
                let path = path.strip_prefix(&prefix).unwrap_or(path);
                format!(
                    "{path}:{}:{}: {} {}",
                    d["line"], d["column"], d["code"], d["message"]
                )
            })
            .collect();
        keys.sort();
        keys
    };
    let from_files = shiplint(&root, &["nginx.conf"]);
    let from_dump = shiplint(scratch.path(), &["--nginx-dump", "dump.txt"]);
    let files = normalize(&from_files);
    assert!(
        !files.is_empty(),
        "the example should have findings to compare"
    );
    assert_eq!(files, normalize(&from_dump));
    assert_eq!(
        from_files["summary"]["files"],
        from_dump["summary"]["files"]
    );
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from)
        .expect("read_dir")
        .filter_map(Result::ok)
    {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// h5bp's nginx.conf alone: every file it includes is loaded and checked in its context.
#[test]
fn h5bp_main_config_is_checked_whole_with_its_includes() {
    let root = common::shared().join("corpus/h5bp__server-configs-nginx");
    let report = shiplint(&root, &["nginx.conf"]);
    // nginx.conf, five h5bp snippets, mime.types (through media_types.conf) and conf.d/no-ssl.default.conf
    // (`conf.d/*.conf` skips the dot file `.default.conf`, as nginx's glob does).
    assert_eq!(report["summary"]["files"].as_u64(), Some(8), "{report}");
    let codes: Vec<&str> = diagnostics(&report)
        .iter()
        .filter_map(|d| d["code"].as_str())
        .collect();
    assert!(!codes.contains(&"NGX014"), "{report}");
    // server_tokens off comes from an include: no NGX006 for the main config.
    assert!(!codes.contains(&"NGX006"), "{report}");
}

/// Each include of the corpus that points at a missing file is reported once, on its line.
#[test]
fn missing_includes_of_the_corpus_are_reported_once_each() {
    let corpus = common::shared().join("corpus");
    let report = common::check_json(&corpus, "json", ".");
    let mut missing: Vec<String> = diagnostics(&report)
        .iter()
        .filter(|d| d["code"] == "NGX014" || d["code"] == "NGX016")
        .map(|d| {
            format!(
                "{}:{}: {}",
                d["path"].as_str().unwrap_or(""),
                d["line"],
                d["code"].as_str().unwrap_or("")
            )
        })
        .collect();
    let count = missing.len();
    missing.dedup();
    assert_eq!(
        count,
        missing.len(),
        "reported more than once: {missing:#?}"
    );
    // Verified by hand: none of these files is in the corpus (they come from the nginx image at run time).
    // `telize.conf` is NGX014 (an error); the others are stock files nginx packages install (NGX016, info).
    assert_eq!(
        missing,
        [
            "jessfraz__dockerfiles/telize/nginx.conf:124: NGX014",
            "nginxinc__NGINX-Demos/fun-with-health-checks/nginxplus/config/nginx.conf:15: NGX016",
            "nginxinc__NGINX-Demos/gce-nginx-plus-deployment-guide-files/etc_nginx_conf.d/gce-all-active-app.conf:15: NGX016",
            "nginxinc__NGINX-Demos/nginx-swarm-demo/nginxplus/nginx.conf:12: NGX016",
            "nginxinc__NGINX-Demos/nginx-swarm-demo/phpfpmbase/default.conf:17: NGX016",
            "nginxinc__NGINX-Demos/nginx-swarm-demo/phpfpmbase/nginx.conf:19: NGX016",
            "nginxinc__NGINX-Demos/redis-demo/nginxplus/nginx.conf:11: NGX016",
        ]
    );
}

fn lint(text: &str) -> Vec<String> {
    let project = project_of(&[("nginx.conf", text)]);
    run(&project, &Settings::default())
        .iter()
        .map(|f| f.rule.code.to_string())
        .collect()
}

/// The files, in memory, loaded as a project.
fn project_of(files: &[(&str, &str)]) -> Project {
    let mut fs = MemoryFs::new();
    for (path, text) in files {
        fs.insert(*path, *text);
    }
    Project::load(&fs, fs.candidates(false), Timestamp(0))
}

#[test]
fn trailing_and_own_line_suppressions_work_in_nginx_files() {
    let base = "events {}\nhttp {\n  server_tokens on;\n}\n";
    assert_eq!(lint(base), ["NGX006"]);
    let trailing =
        "events {}\nhttp {\n  server_tokens on; # shiplint: ignore[NGX006] internal only\n}\n";
    assert!(lint(trailing).is_empty(), "{:?}", lint(trailing));
    let above = "events {}\nhttp {\n  # shiplint: ignore[server-tokens] internal only\n  server_tokens on;\n}\n";
    assert!(lint(above).is_empty(), "{:?}", lint(above));
    let unused =
        "events {}\nhttp {\n  server_tokens off; # shiplint: ignore[NGX006] not needed\n}\n";
    assert_eq!(lint(unused), ["SUP001"]);
}

/// 10,000 nested blocks through the whole binary: one syntax error finding, no stack overflow.
#[test]
fn ten_thousand_nested_blocks_are_a_finding_not_a_crash() {
    let dir = tempfile::tempdir().expect("scratch");
    let depth = 10_000;
    let text = format!(
        "events {{}}\nhttp {{\n{}{}}}\n",
        "location / {".repeat(depth),
        "}".repeat(depth)
    );
    std::fs::write(dir.path().join("nginx.conf"), text).expect("write");
    let report = shiplint(dir.path(), &["nginx.conf"]);
    let syntax: Vec<&Value> = diagnostics(&report)
        .iter()
        .filter(|d| d["code"] == "SYN001")
        .collect();
    assert_eq!(syntax.len(), 1, "{report}");
    assert!(
        syntax[0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("nested deeper")),
        "{report}"
    );
    assert!(
        !diagnostics(&report).iter().any(|d| d["code"] == "INT001"),
        "{report}"
    );
}

const TLS_SERVER_WITHOUT_PROTOCOLS: &str = "events {}\nhttp {\n  server_tokens off;\n  server {\n    listen 443 ssl;\n    ssl_certificate a.pem;\n    ssl_certificate_key a.key;\n    ssl_session_tickets off;\n    add_header Strict-Transport-Security \"max-age=63072000\" always;\n  }\n}\n";

fn codes_at(report: &Value) -> Vec<String> {
    diagnostics(report)
        .iter()
        .map(|d| {
            format!(
                "{}:{}:{}",
                d["path"].as_str().unwrap_or(""),
                d["line"],
                d["code"].as_str().unwrap_or("")
            )
        })
        .collect()
}

/// The default `ssl_protocols` depends on the version: from `--nginx-version`, or a dump's version line.
#[test]
fn nginx_version_picks_the_default_protocols() {
    let dir = tempfile::tempdir().expect("scratch");
    std::fs::write(dir.path().join("nginx.conf"), TLS_SERVER_WITHOUT_PROTOCOLS).expect("write");
    let old = shiplint(dir.path(), &["--nginx-version", "1.22.1", "nginx.conf"]);
    assert_eq!(codes_at(&old), ["nginx.conf:5:TLS001"]);
    let new = shiplint(dir.path(), &["--nginx-version", "1.27.3", "nginx.conf"]);
    assert!(codes_at(&new).is_empty(), "{new}");
    let unknown = shiplint(dir.path(), &["nginx.conf"]);
    assert!(
        codes_at(&unknown).is_empty(),
        "no version, no default to judge: {unknown}"
    );
    Command::cargo_bin("shiplint")
        .expect("binary built")
        .current_dir(dir.path())
        .args(["check", "--nginx-version", "latest", "nginx.conf"])
        .assert()
        .code(2);

    let dump = format!(
        "nginx version: nginx/1.20.2\n# configuration file /etc/nginx/nginx.conf:\n{TLS_SERVER_WITHOUT_PROTOCOLS}\n"
    );
    let output = Command::cargo_bin("shiplint")
        .expect("binary built")
        .args([
            "check",
            "--format",
            "json",
            "--fail-on",
            "never",
            "--nginx-dump",
            "-",
        ])
        .write_stdin(dump)
        .output()
        .expect("runs");
    let report: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(codes_at(&report), ["/etc/nginx/nginx.conf:5:TLS001"]);
}

fn lint_files(files: &[(&str, &str)]) -> Vec<String> {
    let project = project_of(files);
    run(&project, &Settings::default())
        .iter()
        .map(|f| {
            let file = project.file(f.span.file);
            format!(
                "{}:{}:{}",
                file.path,
                file.line_col(f.span.start).line,
                f.rule.code
            )
        })
        .collect()
}

fn stack_with(image: &str) -> String {
    format!(
        "services:\n  proxy:\n    image: {image}\n    ports: [\"443:443\"]\n    volumes:\n      - ./nginx/nginx.conf:/etc/nginx/nginx.conf:ro\n"
    )
}

/// Without `--nginx-version` or a dump, the image tag of the compose service that mounts the file decides.
#[test]
fn a_compose_image_tag_picks_the_default_protocols() {
    let old = stack_with("nginx:1.22");
    let findings = lint_files(&[
        ("stack/compose.yaml", &old),
        ("stack/nginx/nginx.conf", TLS_SERVER_WITHOUT_PROTOCOLS),
    ]);
    assert!(
        findings.contains(&"stack/nginx/nginx.conf:5:TLS001".to_string()),
        "{findings:?}"
    );
    for silent in ["nginx:1.27.3", "nginx:latest", "nginx:1.27-alpine"] {
        let stack = stack_with(silent);
        let findings = lint_files(&[
            ("stack/compose.yaml", &stack),
            ("stack/nginx/nginx.conf", TLS_SERVER_WITHOUT_PROTOCOLS),
        ]);
        assert!(
            !findings.iter().any(|f| f.ends_with("TLS001")),
            "{silent}: {findings:?}"
        );
    }
    // The file outside the mount keeps an unknown version.
    let findings = lint_files(&[
        ("stack/compose.yaml", &old),
        ("elsewhere/nginx.conf", TLS_SERVER_WITHOUT_PROTOCOLS),
    ]);
    assert!(
        !findings.iter().any(|f| f.ends_with("TLS001")),
        "{findings:?}"
    );
}

/// `--nginx-version` wins over the image tag.
#[test]
fn the_nginx_version_flag_wins_over_the_compose_image() {
    let dir = tempfile::tempdir().expect("scratch");
    std::fs::create_dir(dir.path().join("nginx")).expect("mkdir");
    std::fs::write(
        dir.path().join("nginx/nginx.conf"),
        TLS_SERVER_WITHOUT_PROTOCOLS,
    )
    .expect("write");
    std::fs::write(dir.path().join("compose.yaml"), stack_with("nginx:1.22")).expect("write");
    let tls = |report: &Value| -> Vec<String> {
        codes_at(report)
            .into_iter()
            .filter(|c| c.contains("TLS"))
            .collect()
    };
    let by_image = shiplint(dir.path(), &["."]);
    assert_eq!(tls(&by_image), ["nginx/nginx.conf:5:TLS001"], "{by_image}");
    let message = diagnostics(&by_image)
        .iter()
        .find(|d| d["code"] == "TLS001")
        .and_then(|d| d["message"].as_str())
        .unwrap_or("")
        .to_string();
    assert!(
        message
            .contains("the default of nginx 1.22 (image `nginx:1.22` of compose service `proxy`"),
        "{message}"
    );
    let by_flag = shiplint(dir.path(), &["--nginx-version", "1.27.3", "."]);
    assert!(tls(&by_flag).is_empty(), "{by_flag}");
}

/// TLS009 follows the profile: intermediate and modern want `off` (nginx's default), old wants `on`.
#[test]
fn prefer_server_ciphers_follows_the_profile() {
    let with = |line: &str| {
        TLS_SERVER_WITHOUT_PROTOCOLS.replace(
            "    listen 443 ssl;\n",
            &format!("    listen 443 ssl;\n    ssl_protocols TLSv1.2 TLSv1.3;\n{line}"),
        )
    };
    let tls009 = |text: &str, profile: &str| -> Vec<u32> {
        let project = project_of(&[("nginx.conf", text)]);
        let settings =
            Settings::from_toml(&format!("tls-profile = \"{profile}\"\n")).expect("valid settings");
        run(&project, &settings)
            .iter()
            .filter(|f| f.rule.code == "TLS009")
            .map(|f| project.file(f.span.file).line_col(f.span.start).line)
            .collect()
    };
    let on = with("    ssl_prefer_server_ciphers on;\n");
    let off = with("    ssl_prefer_server_ciphers off;\n");
    let unset = with("");
    for profile in ["mozilla-intermediate", "mozilla-modern"] {
        assert_eq!(tls009(&on, profile), [7], "{profile}");
        assert!(tls009(&off, profile).is_empty(), "{profile}");
        assert!(tls009(&unset, profile).is_empty(), "{profile}");
    }
    assert!(tls009(&on, "mozilla-old").is_empty());
    assert_eq!(tls009(&off, "mozilla-old"), [7]);
    // nginx's default `off`: reported on the listen.
    assert_eq!(tls009(&unset, "mozilla-old"), [5]);
}
