//! The binary on a stack in a temporary directory: nginx in a compose service reads its certificates through
//! the service's mounts (STK010 when one is not mounted, STK011 when it lives in a named volume), serves names
//! its certificate must cover (STK012) and a key that must match it (CRT003, related to the nginx lines).

mod common;

use serde_json::Value;
use std::fs;
use std::path::Path;

/// The seed-careful stack (compose + nginx + certificates) written into `dir`, with `edit` applied to
/// each file's text.
fn write_stack(dir: &Path, edit: impl Fn(&str, String) -> String) {
    let seed = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/corpus/stacks/seed-careful"
    ));
    for file in [
        "compose.yaml",
        "nginx/nginx.conf",
        "nginx/conf.d/app.conf",
        "certs/live/example.com/fullchain.pem",
        "certs/live/example.com/privkey.pem",
    ] {
        let text = fs::read_to_string(seed.join(file)).expect("seed file");
        let target = dir.join(file);
        fs::create_dir_all(target.parent().expect("a parent")).expect("mkdir");
        fs::write(target, edit(file, text)).expect("write");
    }
}

/// `(code, path:line, message, related path:line list)` of the findings of `codes`.
fn findings(dir: &Path, codes: &[&str]) -> Vec<(String, String, String, Vec<String>)> {
    let report = common::check_json_with(dir, "json", &["--now", "2026-12-01T00:00:00Z", "."]);
    let at = |v: &Value| format!("{}:{}", v["path"].as_str().unwrap_or(""), v["line"]);
    report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| codes.contains(&d["code"].as_str().unwrap_or("")))
        .map(|d| {
            (
                d["code"].as_str().unwrap_or("").to_string(),
                at(d),
                d["message"].as_str().unwrap_or("").to_string(),
                d["related"]
                    .as_array()
                    .expect("related")
                    .iter()
                    .map(at)
                    .collect(),
            )
        })
        .collect()
}

const CODES: &[&str] = &["STK010", "STK011", "STK012", "CRT003"];

#[test]
fn the_careful_seed_resolves_every_path_through_its_mounts() {
    let dir = tempfile::tempdir().expect("tempdir");
    write_stack(dir.path(), |_, text| text);
    assert_eq!(findings(dir.path(), CODES), []);
}

#[test]
fn certificates_not_mounted_or_in_a_volume_are_reported_on_the_nginx_lines() {
    let dir = tempfile::tempdir().expect("tempdir");
    write_stack(dir.path(), |file, text| match file {
        // The certificates come from a named volume; the DH parameters from a path nothing mounts.
        "compose.yaml" => text
            .replace(
                "./certs:/etc/letsencrypt:ro",
                "letsencrypt:/etc/letsencrypt:ro",
            )
            .replace(
                "volumes:\n  db-data:",
                "volumes:\n  db-data:\n  letsencrypt:",
            ),
        "nginx/conf.d/app.conf" => text.replace(
            "    ssl_session_tickets off;",
            "    ssl_session_tickets off;\n    ssl_dhparam /etc/nginx/dhparam.pem;",
        ),
        _ => text,
    });
    let found = findings(dir.path(), CODES);
    let summary: Vec<(&str, &str, Vec<&str>)> = found
        .iter()
        .map(|(code, at, _, related)| {
            (
                code.as_str(),
                at.as_str(),
                related.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (
                "STK011",
                "nginx/conf.d/app.conf:16",
                vec!["compose.yaml:12"]
            ),
            (
                "STK011",
                "nginx/conf.d/app.conf:17",
                vec!["compose.yaml:12"]
            ),
            ("STK010", "nginx/conf.d/app.conf:26", vec!["compose.yaml:4"]),
        ]
    );
    assert!(
        found[0]
            .2
            .contains("named volume `letsencrypt` of compose service `nginx`")
    );
    assert!(found[2].2.contains("`/etc/nginx/dhparam.pem`"));
}

#[test]
fn an_uncovered_name_and_a_mismatched_key_point_at_nginx_and_the_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let naive_key = fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/corpus/stacks/seed-naive/certs/live/example.com/privkey.pem"
    ))
    .expect("naive key");
    write_stack(dir.path(), |file, text| match file {
        "nginx/conf.d/app.conf" => {
            // The TLS server (the second `server_name` line) gains a name the certificate lacks.
            let mut parts: Vec<&str> = text
                .splitn(3, "server_name example.com www.example.com;")
                .collect();
            if parts.len() == 3 {
                let tail = parts.pop().unwrap_or_default();
                format!(
                    "{}server_name example.com www.example.com;{}server_name example.com api.example.com;{tail}",
                    parts[0], parts[1]
                )
            } else {
                text
            }
        }
        "certs/live/example.com/privkey.pem" => naive_key.clone(),
        _ => text,
    });
    let found = findings(dir.path(), CODES);
    let codes: Vec<(&str, &str)> = found
        .iter()
        .map(|(code, at, _, _)| (code.as_str(), at.as_str()))
        .collect();
    assert_eq!(
        codes,
        [
            ("CRT003", "certs/live/example.com/privkey.pem:2"),
            ("STK012", "nginx/conf.d/app.conf:14"),
        ]
    );
    let (_, _, message, related) = &found[0];
    assert!(
        message.contains("paired by nginx `ssl_certificate_key`"),
        "{message}"
    );
    assert_eq!(
        related,
        &[
            "certs/live/example.com/fullchain.pem:1",
            "nginx/conf.d/app.conf:17",
            "nginx/conf.d/app.conf:16",
        ]
    );
    let (_, _, message, related) = &found[1];
    assert_eq!(
        message,
        "`api.example.com` is not covered by the certificate this server serves, which names `example.com`, `www.example.com`"
    );
    assert_eq!(
        related,
        &[
            "certs/live/example.com/fullchain.pem:1",
            "nginx/conf.d/app.conf:16"
        ]
    );
}
