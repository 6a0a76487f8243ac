//! `check --root`: an audit of a scratch /etc-like tree built at test time (nginx with includes and
//! sites-enabled, Let's Encrypt live/ -> archive/ links as certbot makes them, a compose project), and the
//! confinement of repository runs. Files outside the root hold a canary that must never reach the output.

#![cfg(unix)]

use assert_cmd::Command;
use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair, date_time_ymd};
use serde_json::Value;
use std::os::unix::fs::symlink;
use std::path::Path;

const CANARY: &str = "CANARY-7f3a9c";
const NOW: &str = "2026-12-01T00:00:00Z";

/// Mozilla's intermediate cipher list.
const INTERMEDIATE_CIPHERS: &str = "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384";

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().expect("a parent")).expect("directories");
    std::fs::write(path, text).expect("a file");
}

/// certbot's layout for `name`: archive/NAME/{cert,chain,fullchain,privkey}1.pem and live/NAME/*.pem
/// relative links to them. The leaf expires on `not_after` (year, month, day).
fn certbot(
    etc: &Path,
    name: &str,
    (issuer, chain): &(Issuer<'_, KeyPair>, String),
    not_after: (i32, u8, u8),
) {
    let key = KeyPair::generate().expect("leaf key");
    let mut params =
        CertificateParams::new(vec![name.to_string(), format!("www.{name}")]).expect("leaf params");
    params.distinguished_name.push(DnType::CommonName, name);
    params.not_before = date_time_ymd(not_after.0, not_after.1 - 3, not_after.2);
    params.not_after = date_time_ymd(not_after.0, not_after.1, not_after.2);
    let leaf = params.signed_by(&key, issuer).expect("leaf").pem();
    let archive = etc.join("letsencrypt/archive").join(name);
    write(&archive.join("cert1.pem"), &leaf);
    write(&archive.join("chain1.pem"), chain);
    write(&archive.join("fullchain1.pem"), &format!("{leaf}{chain}"));
    write(&archive.join("privkey1.pem"), &key.serialize_pem());
    let live = etc.join("letsencrypt/live").join(name);
    std::fs::create_dir_all(&live).expect("live dir");
    for file in ["cert", "chain", "fullchain", "privkey"] {
        symlink(
            format!("../../archive/{name}/{file}1.pem"),
            live.join(format!("{file}.pem")),
        )
        .expect("a live link");
    }
}

/// A CA (`CN=R99, O=Scratch CA`) and its certificate in PEM.
fn test_ca() -> (Issuer<'static, KeyPair>, String) {
    let key = KeyPair::generate().expect("ca key");
    let mut params = CertificateParams::new(Vec::<String>::new()).expect("ca params");
    params
        .distinguished_name
        .push(DnType::OrganizationName, "Scratch CA");
    params.distinguished_name.push(DnType::CommonName, "R99");
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    params.not_before = date_time_ymd(2026, 1, 1);
    params.not_after = date_time_ymd(2029, 1, 1);
    let pem = params.self_signed(&key).expect("ca cert").pem();
    (Issuer::new(params, key), pem)
}

/// The scratch server: `<tmp>/root` is the snapshot, `<tmp>/outside` holds the canary.
fn scratch_server() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temp dir");
    let root = dir.path().join("root");
    let outside = dir.path().join("outside");
    write(
        &outside.join("secret.conf"),
        &format!("add_header X-Canary {CANARY};\n"),
    );
    write(&outside.join("secret.env"), &format!("TOKEN={CANARY}\n"));
    let etc = root.join("etc");
    write(
        &etc.join("nginx/nginx.conf"),
        "user www-data;\nevents {}\nhttp {\n    server_tokens off;\n    include /etc/nginx/conf.d/*.conf;\n    include /etc/nginx/sites-enabled/*;\n}\n",
    );
    write(
        &etc.join("nginx/conf.d/tls.conf"),
        "ssl_session_tickets off;\n",
    );
    write(
        &etc.join("nginx/snippets/hsts.conf"),
        "add_header Strict-Transport-Security \"max-age=63072000\" always;\n",
    );
    // The real path of the canary on this machine: under --root it names a file inside the root, which is
    // not there.
    let canary_path = outside.join("secret.conf");
    write(
        &etc.join("nginx/sites-available/example.com"),
        &format!(
            "server {{\n    listen 443 ssl;\n    server_name example.com www.example.com;\n    ssl_certificate /etc/letsencrypt/live/example.com/fullchain.pem;\n    ssl_certificate_key /etc/letsencrypt/live/example.com/privkey.pem;\n    ssl_protocols TLSv1.2 TLSv1.3;\n    ssl_ciphers {INTERMEDIATE_CIPHERS};\n    ssl_prefer_server_ciphers off;\n    include snippets/hsts.conf;\n    include {};\n    location / {{\n        proxy_pass http://127.0.0.1:8080;\n    }}\n}}\nserver {{\n    listen 80;\n    server_name example.com www.example.com;\n    return 301 https://$host$request_uri;\n}}\n",
            canary_path.display()
        ),
    );
    write(
        &etc.join("nginx/sites-available/old.example"),
        "server {\n    listen 443 ssl;\n    server_name old.example;\n    ssl_certificate /etc/letsencrypt/live/old.example/fullchain.pem;\n    ssl_certificate_key /etc/letsencrypt/live/old.example/privkey.pem;\n    ssl_protocols TLSv1.2;\n    include snippets/hsts.conf;\n    include snippets/escape.conf;\n}\n",
    );
    std::fs::create_dir_all(etc.join("nginx/sites-enabled")).expect("sites-enabled");
    for site in ["example.com", "old.example"] {
        symlink(
            format!("../sites-available/{site}"),
            etc.join("nginx/sites-enabled").join(site),
        )
        .expect("an enabled site");
    }
    // A link that climbs out of the root: `..` stops at the root.
    symlink(
        "../../../../outside/secret.conf",
        etc.join("nginx/snippets/escape.conf"),
    )
    .expect("an escaping link");
    let ca = test_ca();
    certbot(&etc, "example.com", &ca, (2026, 12, 8));
    certbot(&etc, "old.example", &ca, (2026, 11, 20));
    write(
        &root.join("srv/app/compose.yaml"),
        &format!(
            "services:\n  app:\n    image: example/app:1.4.2\n    ports:\n      - \"127.0.0.1:8080:8080\"\n    env_file: {}\n",
            outside.join("secret.env").display()
        ),
    );
    dir
}

/// The cells of a table line (cells hold no spaces in the columns compared).
fn row(line: &str) -> Vec<&str> {
    line.split_whitespace().collect()
}

fn audit(dir: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let output = Command::cargo_bin("shiplint")
        .expect("binary built")
        .current_dir(dir)
        .args(["check", "--root", "root", "--now", NOW, "--color", "never"])
        .args(args)
        .output()
        .expect("runs");
    (
        output.status.code(),
        String::from_utf8(output.stdout).expect("utf-8"),
        String::from_utf8(output.stderr).expect("utf-8"),
    )
}

/// The canary is in files outside the root only: it appears nowhere. (Paths of this machine may appear,
/// where the configuration itself names them.)
/// Every one of `expected` is in `text`.
fn assert_contains_all(text: &str, expected: &[&str]) {
    for part in expected {
        assert!(text.contains(part), "missing `{part}`:\n{text}");
    }
}

fn assert_nothing_from_outside(text: &str) {
    assert!(!text.contains(CANARY), "the canary leaked:\n{text}");
}

#[test]
fn an_audit_prints_the_findings_then_the_certificate_and_profile_tables() {
    let dir = scratch_server();
    let (code, stdout, stderr) = audit(dir.path(), &[]);
    assert_eq!(code, Some(1), "{stdout}\n{stderr}");
    assert_nothing_from_outside(&stdout);
    assert_nothing_from_outside(&stderr);
    assert!(
        !stderr.contains("checked "),
        "no progress in a pipe: {stderr}"
    );
    // No compose project in /srv? There is one: no note for it; every default entry point was there.
    assert!(!stderr.contains("note: no"), "{stderr}");

    // Findings name the server's paths; the live links are shown, not the archive files they lead to.
    assert_contains_all(
        &stdout,
        &[
            "error[CRT002]",
            "/etc/letsencrypt/live/old.example/cert.pem:1:1",
            "warning[CRT001]",
            "/etc/letsencrypt/live/example.com/cert.pem:1:1",
            "error[NGX014]",
            "/etc/nginx/sites-enabled/example.com:10:13",
            "/etc/nginx/sites-enabled/old.example:8:13",
            // certbot writes privkey*.pem 0600; these were written 0644.
            "warning[CRT011]",
            "/etc/letsencrypt/live/example.com/privkey.pem:1:1",
            "error[CMP015]",
            "/srv/app/compose.yaml:6:15",
        ],
    );
    // Shown by the names nginx and certbot's users know: the enabled site and the live link.
    assert!(!stdout.contains("/archive/"), "{stdout}");
    assert!(!stdout.contains("sites-available"), "{stdout}");

    let tables = &stdout[stdout.find("Certificates by days left").expect("the table")..];
    let lines: Vec<&str> = tables.lines().collect();
    // 2 names x (cert, chain, fullchain: leaf + CA) = 8 certificates.
    assert_eq!(lines[0], "Certificates by days left (8):", "{tables}");
    assert_eq!(lines[1].split_whitespace().next(), Some("DAYS"));
    // The expired leaf leads, marked; then the one expiring in 7 days; then the CA.
    assert_eq!(
        row(lines[2])[..4],
        [
            "-11",
            "EXPIRED",
            "2026-11-20T00:00:00Z",
            "/etc/letsencrypt/live/old.example/cert.pem:1"
        ]
    );
    assert_eq!(
        row(lines[3])[..3],
        ["-11", "EXPIRED", "2026-11-20T00:00:00Z"]
    );
    let soon: Vec<&&str> = lines[2..]
        .iter()
        .filter(|l| l.trim_start().starts_with("7 "))
        .collect();
    assert_eq!(soon.len(), 2, "{tables}");
    assert!(
        soon[0].contains("/etc/letsencrypt/live/example.com/cert.pem:1")
            && soon[0].contains("example.com, www.example.com")
            && soon[0].contains("CN=R99, O=Scratch CA"),
        "{tables}"
    );
    assert!(lines[6].trim_start().starts_with("762 "), "{tables}");

    let servers = &tables[tables.find("Servers by TLS profile").expect("the table")..];
    let lines: Vec<&str> = servers.lines().collect();
    assert_eq!(lines[0], "Servers by TLS profile (3):", "{servers}");
    assert_eq!(
        row(lines[2])[..4],
        [
            "old",
            "/etc/nginx/sites-enabled/old.example:1",
            "old.example",
            "443"
        ]
    );
    assert!(lines[2].contains("TLSv1.2 (ssl_protocols); ciphers HIGH:!aNULL:!MD5"));
    assert_eq!(
        row(lines[3])[..3],
        [
            "intermediate",
            "/etc/nginx/sites-enabled/example.com:1",
            "example.com"
        ]
    );
    assert_eq!(
        row(lines[4])[..2],
        ["plain-http", "/etc/nginx/sites-enabled/example.com:15"]
    );
}

#[test]
fn json_carries_the_tables_under_audit() {
    let dir = scratch_server();
    let (code, stdout, stderr) = audit(dir.path(), &["--format", "json"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert_nothing_from_outside(&stdout);
    let report: Value = serde_json::from_str(&stdout).expect("JSON");
    let certificates = report["audit"]["certificates"]
        .as_array()
        .expect("certificates");
    assert_eq!(certificates.len(), 8);
    // Every finding is at a path as the server sees it.
    for diagnostic in report["diagnostics"].as_array().expect("diagnostics") {
        let path = diagnostic["path"].as_str().expect("a path");
        assert!(
            path.starts_with("/etc/") || path.starts_with("/srv/"),
            "{path}"
        );
    }
    assert_eq!(certificates[0]["days_left"], -11);
    assert_eq!(certificates[0]["expired"], true);
    assert_eq!(
        certificates[0]["sans"],
        serde_json::json!(["old.example", "www.old.example"])
    );
    let profiles: Vec<&str> = report["audit"]["servers"]
        .as_array()
        .expect("servers")
        .iter()
        .map(|s| s["profile"].as_str().expect("a profile"))
        .collect();
    assert_eq!(profiles, ["old", "intermediate", "plain-http"]);
}

#[test]
fn named_paths_replace_the_defaults_and_a_missing_one_is_a_usage_error() {
    let dir = scratch_server();
    let (code, stdout, stderr) = audit(dir.path(), &["/srv/app"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stdout.contains("Certificates by days left (0):"),
        "{stdout}"
    );
    assert!(stdout.contains("/srv/app/compose.yaml"), "{stdout}");
    assert_nothing_from_outside(&stdout);

    let (code, _, stderr) = audit(dir.path(), &["/srv/none"]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("`/srv/none`"), "{stderr}");
}

#[test]
fn missing_default_entry_points_are_notes() {
    let dir = tempfile::tempdir().expect("a temp dir");
    std::fs::create_dir_all(dir.path().join("root/etc")).expect("an empty etc");
    let (code, stdout, stderr) = audit(dir.path(), &[]);
    assert_eq!(code, Some(0), "{stdout}\n{stderr}");
    assert_contains_all(
        &stderr,
        &[
            "note: no `/etc/nginx/nginx.conf` under the root",
            "note: no `/etc/letsencrypt/live/` under the root",
            "note: no compose project in /srv, /opt",
        ],
    );
    assert!(
        stdout.contains("Certificates by days left (0):\n  (none)"),
        "{stdout}"
    );
}

#[test]
fn a_repository_run_reports_references_outside_the_project_and_reads_none() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let repo = dir.path().join("repo");
    std::fs::create_dir_all(repo.join(".git")).expect("a git dir");
    write(
        &dir.path().join("secret.conf"),
        &format!("add_header X-Canary {CANARY};\n"),
    );
    write(&dir.path().join("secret.env"), &format!("TOKEN={CANARY}\n"));
    write(
        &repo.join("deploy/nginx/site.conf"),
        &format!(
            "server {{\n    listen 80;\n    include {};\n    include ../../../secret.conf;\n    include snippets/leak.conf;\n}}\n",
            dir.path().join("secret.conf").display()
        ),
    );
    std::fs::create_dir_all(repo.join("deploy/nginx/snippets")).expect("snippets");
    symlink(
        "../../../../secret.conf",
        repo.join("deploy/nginx/snippets/leak.conf"),
    )
    .expect("an escaping link");
    write(
        &repo.join("deploy/compose.yaml"),
        "services:\n  web:\n    image: nginx:1.27.3\n    env_file: ../../secret.env\n",
    );
    // Found while walking: a link inside the tree to a file outside it.
    symlink(
        dir.path().join("secret.conf"),
        repo.join("deploy/stolen.conf"),
    )
    .expect("a link out");
    symlink("../../secret.env", repo.join("deploy/.env")).expect("a linked .env");

    let output = Command::cargo_bin("shiplint")
        .expect("binary built")
        .current_dir(&repo)
        .args(["check", "--format", "json", "--fail-on", "never", "deploy"])
        .output()
        .expect("runs");
    let stdout = String::from_utf8(output.stdout).expect("utf-8");
    let stderr = String::from_utf8(output.stderr).expect("utf-8");
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(
        !stdout.contains(CANARY) && !stderr.contains(CANARY),
        "{stdout}"
    );
    let report: Value = serde_json::from_str(&stdout).expect("JSON");
    let refused: Vec<(String, String)> = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| {
            d["message"]
                .as_str()
                .is_some_and(|m| m.contains("outside the project root"))
        })
        .map(|d| {
            (
                d["code"].as_str().expect("code").to_string(),
                format!("{}:{}", d["path"].as_str().expect("path"), d["line"]),
            )
        })
        .collect();
    let expected: Vec<(String, String)> = [
        // The linked `.env`: Compose refuses the project, so the finding is on its first key.
        ("CMP015", "deploy/compose.yaml:1"),
        ("CMP015", "deploy/compose.yaml:4"),
        ("NGX014", "deploy/nginx/site.conf:3"),
        ("NGX014", "deploy/nginx/site.conf:4"),
        // Found by the walk too: the link itself is reported where it is.
        ("SYN002", "deploy/nginx/snippets/leak.conf:1"),
        ("SYN002", "deploy/stolen.conf:1"),
    ]
    .iter()
    .map(|(c, p)| (c.to_string(), p.to_string()))
    .collect();
    assert_eq!(refused, expected, "{stdout}");
    assert!(report.get("audit").is_none(), "no tables without --root");
}

#[test]
fn certificates_nginx_names_outside_the_entry_points_are_audited_too() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let etc = dir.path().join("root/etc");
    let (ca, ca_pem) = test_ca();
    let key = KeyPair::generate().expect("key");
    let mut params = CertificateParams::new(vec!["intranet.example".to_string()]).expect("params");
    params.not_before = date_time_ymd(2026, 6, 1);
    params.not_after = date_time_ymd(2027, 6, 1);
    let leaf = params.signed_by(&key, &ca).expect("leaf").pem();
    // No extension nginx or shiplint would know it by: read because nginx names it.
    write(&etc.join("ssl/intranet/served"), &format!("{leaf}{ca_pem}"));
    write(&etc.join("ssl/intranet/served-key"), &key.serialize_pem());
    write(
        &etc.join("nginx/nginx.conf"),
        "events {}\nhttp {\n    server {\n        listen 443 ssl;\n        server_name intranet.example;\n        ssl_certificate /etc/ssl/intranet/served;\n        ssl_certificate_key /etc/ssl/intranet/served-key;\n        ssl_protocols TLSv1.3;\n    }\n}\n",
    );
    let (code, stdout, stderr) = audit(dir.path(), &["--format", "json"]);
    assert_eq!(code, Some(1), "{stderr}");
    let report: Value = serde_json::from_str(&stdout).expect("JSON");
    let certificates: Vec<(&str, i64)> = report["audit"]["certificates"]
        .as_array()
        .expect("certificates")
        .iter()
        .map(|c| {
            (
                c["path"].as_str().expect("path"),
                c["days_left"].as_i64().expect("days"),
            )
        })
        .collect();
    assert_eq!(
        certificates,
        [
            ("/etc/ssl/intranet/served", 182),
            ("/etc/ssl/intranet/served", 762)
        ]
    );
    assert_eq!(report["audit"]["servers"][0]["profile"], "modern");
}

#[test]
fn without_ssl_protocols_the_profile_follows_the_nginx_version_or_is_unknown() {
    let dir = tempfile::tempdir().expect("a temp dir");
    write(
        &dir.path().join("root/etc/nginx/nginx.conf"),
        "events {}\nhttp {\n    server {\n        listen 443 ssl;\n        ssl_certificate /etc/ssl/a.pem;\n        ssl_certificate_key /etc/ssl/a.key;\n    }\n}\n",
    );
    let profile = |args: &[&str]| {
        let (_, stdout, stderr) = audit(dir.path(), &[&["--format", "json"], args].concat());
        let report: Value = serde_json::from_str(&stdout).expect(&stderr);
        let server = &report["audit"]["servers"][0];
        (
            server["profile"].as_str().expect("profile").to_string(),
            server["reason"].as_str().expect("reason").to_string(),
        )
    };
    let (unknown, why) = profile(&[]);
    assert_eq!(unknown, "unknown");
    assert!(why.contains("--nginx-version"), "{why}");
    // nginx 1.27.3 enables TLS 1.2 and 1.3 by default, with `HIGH:!aNULL:!MD5`.
    assert_eq!(
        profile(&["--nginx-version", "1.27.3"]),
        (
            "old".to_string(),
            "TLSv1.2 TLSv1.3 (default of nginx 1.27.3); ciphers HIGH:!aNULL:!MD5".to_string()
        )
    );
    // Before 1.23.4 the default still has TLS 1.0 and 1.1, which the old profile accepts.
    assert_eq!(profile(&["--nginx-version", "1.22.1"]).0, "old");
}

/// The audit's JSON report and stderr with `--threads N`, run with a time limit (a loop must not hang it).
fn audit_json_threads(dir: &Path, threads: &str, paths: &[&str]) -> (Value, String) {
    let output = Command::cargo_bin("shiplint")
        .expect("binary built")
        .current_dir(dir)
        .args(["check", "--root", "root", "--now", NOW, "--format", "json"])
        .args(["--fail-on", "never", "--threads", threads])
        .args(paths)
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .expect("runs");
    let stdout = String::from_utf8(output.stdout).expect("utf-8");
    let stderr = String::from_utf8(output.stderr).expect("utf-8");
    assert_eq!(output.status.code(), Some(0), "{stdout}\n{stderr}");
    assert_nothing_from_outside(&stdout);
    assert_nothing_from_outside(&stderr);
    (serde_json::from_str(&stdout).expect(&stderr), stderr)
}

/// `(code, path:line, message)` of every finding.
fn findings(report: &Value) -> Vec<(String, String, String)> {
    report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            (
                d["code"].as_str().expect("code").to_string(),
                format!("{}:{}", d["path"].as_str().expect("path"), d["line"]),
                d["message"].as_str().expect("message").to_string(),
            )
        })
        .collect()
}

#[test]
fn links_that_lead_nowhere_or_loop_are_said_and_the_audit_goes_on() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let root = dir.path().join("root");
    let etc = root.join("etc");
    write(
        &dir.path().join("outside/secret.conf"),
        &format!("add_header X-Canary {CANARY};\n"),
    );
    write(
        &etc.join("nginx/nginx.conf"),
        "events {}\nhttp {\n    server_tokens off;\n    include /etc/nginx/sites-enabled/*;\n}\n",
    );
    write(
        &etc.join("nginx/sites-available/shop"),
        "server {\n    listen 443 ssl;\n    server_name shop.example;\n    ssl_certificate /etc/ssl/shop.pem;\n    ssl_certificate_key /etc/ssl/shop.key;\n    ssl_protocols TLSv1.3;\n    ssl_session_tickets off;\n    add_header Strict-Transport-Security \"max-age=63072000\" always;\n}\n",
    );
    std::fs::create_dir_all(etc.join("nginx/sites-enabled")).expect("sites-enabled");
    std::fs::create_dir_all(etc.join("ssl")).expect("ssl");
    for (target, link) in [
        ("../sites-available/shop", "nginx/sites-enabled/shop"),
        ("../sites-available/gone", "nginx/sites-enabled/gone"),
        // Served certificates: a link to nothing, a link loop.
        ("shop-1.pem", "ssl/shop.pem"),
        ("shop.key.2", "ssl/shop.key"),
        ("shop.key", "ssl/shop.key.2"),
        // A certificate whose archive file is gone, and a name whose archive directory is.
        (
            "../../archive/x.example/fullchain1.pem",
            "letsencrypt/live/x.example/fullchain.pem",
        ),
        ("../archive/y.example", "letsencrypt/live/y.example"),
        // Climbs out: `..` stops at the root, where nothing is there.
        (
            "../../../../../outside/secret.conf",
            "letsencrypt/live/x.example/privkey.pem",
        ),
    ] {
        let link = etc.join(link);
        std::fs::create_dir_all(link.parent().expect("a parent")).expect("dirs");
        symlink(target, link).expect("a link");
    }
    let app = root.join("srv/app");
    write(
        &app.join("compose.yaml"),
        "services:\n  app:\n    image: example/app:1.4.2\n",
    );
    write(&app.join("svc/Dockerfile"), "FROM alpine\n");
    symlink("..", app.join("svc/up")).expect("a link back up");
    symlink("loop-b", app.join("loop-a")).expect("a loop");
    symlink("loop-a", app.join("loop-b")).expect("a loop");
    symlink("Dockerfile", app.join("Dockerfile")).expect("a link to itself");
    // A project directory linked to a volume that is not there.
    symlink("/mnt/volume/shop", root.join("srv/shop")).expect("a dangling project");

    let (report, stderr) = audit_json_threads(dir.path(), "1", &[]);
    let found = findings(&report);
    let unreadable: Vec<(&str, &str)> = found
        .iter()
        .filter(|(code, ..)| code == "SYN002" || code == "NGX014")
        .map(|(code, at, message)| {
            assert!(message.contains("cannot"), "{message}");
            (code.as_str(), at.as_str())
        })
        .collect();
    assert_eq!(
        unreadable,
        [
            ("SYN002", "/etc/letsencrypt/live/x.example/fullchain.pem:1"),
            ("SYN002", "/etc/letsencrypt/live/x.example/privkey.pem:1"),
            ("NGX014", "/etc/nginx/nginx.conf:4"),
            ("SYN002", "/srv/app/Dockerfile:1"),
        ],
        "{found:#?}"
    );
    let message = |at: &str| {
        found
            .iter()
            .find(|(_, a, _)| a == at)
            .map(|(_, _, m)| m.as_str())
            .expect("a finding")
    };
    assert!(
        message("/etc/letsencrypt/live/x.example/fullchain.pem:1").contains(
            "a symbolic link leads to `/etc/letsencrypt/archive/x.example/fullchain1.pem`, which does not exist"
        ),
        "{found:#?}"
    );
    assert!(
        message("/srv/app/Dockerfile:1").contains("loop"),
        "{found:#?}"
    );
    assert_contains_all(
        &stderr,
        &[
            "note: cannot follow `/etc/letsencrypt/live/y.example`",
            "note: cannot follow `/srv/shop`",
            "note: cannot follow `/srv/app/loop-a`",
            "note: cannot follow `/srv/app/loop-b`",
            "note: `/srv/app/svc/up` leads back to `/srv/app` (a directory link loop)",
            "note: cannot read `/etc/ssl/shop.pem`, so it was not checked: a symbolic link leads to `/etc/ssl/shop-1.pem`, which does not exist",
            "note: cannot read `/etc/ssl/shop.key`, so it was not checked: more than 40 symbolic links",
        ],
    );
    // Said once, by what went wrong: not as files nginx serves that were left out of the walk.
    assert!(!stderr.contains("not among the checked files"), "{stderr}");
    // The rest was audited.
    assert_eq!(
        report["audit"]["servers"][0]["path"],
        "/etc/nginx/sites-enabled/shop"
    );
    assert!(
        found
            .iter()
            .any(|(_, at, _)| at == "/srv/app/svc/Dockerfile:1"),
        "{found:#?}"
    );
    let (again, stderr_again) = audit_json_threads(dir.path(), "2", &[]);
    assert_eq!(report, again, "the same whatever the thread count");
    assert_eq!(stderr, stderr_again);
}

#[test]
fn a_file_reached_by_several_names_is_audited_once_under_a_clean_path() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let root = dir.path().join("root");
    let etc = root.join("etc");
    write(
        &etc.join("nginx/nginx.conf"),
        "events {}\nhttp {\n    server_tokens off;\n    include /etc/nginx/sites-enabled/*.conf;\n}\n",
    );
    write(
        &etc.join("nginx/sites-available/shop.conf"),
        "server {\n    listen 443 ssl;\n    server_name shop.example;\n    ssl_certificate /etc/letsencrypt/live/shop.example/fullchain.pem;\n    ssl_certificate_key /etc/letsencrypt/live/shop.example/privkey.pem;\n    ssl_protocols TLSv1.3;\n}\n",
    );
    // The whole directory is a link (as some setups make it), not one link per site.
    symlink("sites-available", etc.join("nginx/sites-enabled")).expect("a directory link");
    let ca = test_ca();
    certbot(&etc, "shop.example", &ca, (2027, 6, 1));
    let app = root.join("srv/app");
    write(
        &app.join("compose.yaml"),
        "services:\n  app:\n    image: example/app:latest\n",
    );
    std::fs::create_dir_all(root.join("opt")).expect("opt");
    symlink("../srv/app", root.join("opt/app")).expect("a second path to the project");
    symlink("compose.yaml", app.join("docker-compose.yml")).expect("a second name");

    let paths = [
        "/opt/app/./",
        "/srv//app",
        "/etc/nginx/",
        "etc/letsencrypt/live/../archive",
        "/etc/nginx/sites-enabled/shop.conf",
    ];
    let (report, stderr) = audit_json_threads(dir.path(), "1", &paths);
    let found = findings(&report);
    let mut shown: Vec<&str> = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| d["path"].as_str().expect("path"))
        .chain(
            ["certificates", "servers"]
                .iter()
                .flat_map(|table| report["audit"][table].as_array().expect("a table"))
                .map(|row| row["path"].as_str().expect("path")),
        )
        .collect();
    for path in &shown {
        assert!(
            path.starts_with('/')
                && !path.contains("//")
                && !path.contains("/./")
                && !path.contains("/../"),
            "{path}"
        );
    }
    shown.sort();
    shown.dedup();
    assert_eq!(
        shown,
        [
            "/etc/letsencrypt/archive/shop.example/cert1.pem",
            "/etc/letsencrypt/archive/shop.example/chain1.pem",
            // By the names nginx serves them under, not as the archive files the walk found.
            "/etc/letsencrypt/live/shop.example/fullchain.pem",
            "/etc/letsencrypt/live/shop.example/privkey.pem",
            "/etc/nginx/sites-enabled/shop.conf",
            // The first name given, cleaned.
            "/opt/app/compose.yaml",
        ],
        "{found:#?}\n{stderr}"
    );
    let servers = report["audit"]["servers"].as_array().expect("servers");
    assert_eq!(servers.len(), 1, "{servers:#?}");
    // cert1 (leaf), chain1 (CA), fullchain (leaf + CA): the fullchain file once.
    let certificates = report["audit"]["certificates"].as_array().expect("certs");
    assert_eq!(certificates.len(), 4, "{certificates:#?}");
    // The compose file's finding (`:latest`) once, not once per name of the file or the project.
    let latest: Vec<_> = found.iter().filter(|(code, ..)| code == "CMP002").collect();
    assert_eq!(latest.len(), 1, "{found:#?}");
    let (again, stderr_again) = audit_json_threads(dir.path(), "2", &paths);
    assert_eq!(report, again, "the same whatever the thread count");
    assert_eq!(stderr, stderr_again);
}
