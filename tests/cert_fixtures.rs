//! The certificate fixtures of corpus/certs and the example stacks, checked at a fixed clock: each fixture is
//! reported with exactly its rule; key material never reaches any output; key placement (git work tree,
//! file mode) is read from the real disk.

use assert_cmd::Command;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;

const NOW: &str = "2026-12-01T00:00:00Z";

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn check(dir: &Path, args: &[&str]) -> Value {
    let output = Command::cargo_bin("shiplint")
        .expect("binary built")
        .current_dir(dir)
        .args([
            "check",
            "--now",
            NOW,
            "--fail-on",
            "never",
            "--format",
            "json",
        ])
        .args(args)
        .output()
        .expect("runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("json report")
}

fn findings(report: &Value) -> BTreeSet<(String, u64, String)> {
    report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap_or("").to_string(),
                d["line"].as_u64().unwrap_or(0),
                d["code"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

#[test]
fn every_fixture_is_reported_with_its_rule_and_nothing_else() {
    let report = check(repo(), &["corpus/certs"]);
    let expected: BTreeSet<(String, u64, String)> = [
        ("encrypted-key/key.pem", 1, "CRT010"),
        ("encrypted-key/key.pem", 1, "CRT012"),
        ("expired-intermediate/fullchain.pem", 18, "CRT002"),
        ("expiring-soon/cert.pem", 1, "CRT002"),
        ("long-lifetime/cert.pem", 1, "CRT009"),
        ("mismatched-key/key.pem", 1, "CRT003"),
        ("mismatched-key/key.pem", 1, "CRT010"),
        ("missing-intermediate/fullchain.pem", 1, "CRT007"),
        ("ok/privkey.pem", 1, "CRT010"),
        ("rsa-1024/cert.pem", 1, "CRT004"),
        ("self-signed/cert.pem", 1, "CRT008"),
        ("sha1/cert.pem", 1, "CRT005"),
        ("wrong-intermediate/fullchain.pem", 1, "CRT007"),
        ("wrong-order/fullchain.pem", 1, "CRT006"),
    ]
    .into_iter()
    .map(|(path, line, code)| (format!("corpus/certs/{path}"), line, code.to_string()))
    .collect();
    assert_eq!(findings(&report), expected);
    // 12 cases in 16 files, the binary DER leaf of `ok/` among them (read, and clean).
    assert_eq!(report["summary"]["files"].as_u64(), Some(16));
}

#[test]
fn the_example_stacks_naive_expires_soon_careful_is_clean() {
    let report = check(
        repo(),
        &[
            "--select",
            "CRT",
            "corpus/stacks/seed-naive",
            "corpus/stacks/seed-careful",
        ],
    );
    let expected: BTreeSet<(String, u64, String)> = [(
        "corpus/stacks/seed-naive/certs/live/example.com/fullchain.pem".to_string(),
        1,
        "CRT001".to_string(),
    )]
    .into_iter()
    .collect();
    assert_eq!(findings(&report), expected);
}

#[test]
fn the_same_fixtures_a_year_earlier() {
    // On 2026-01-01 the 90-day leaf is 12 days from its end rather than expired; nothing else changes.
    let output = Command::cargo_bin("shiplint")
        .expect("binary built")
        .current_dir(repo())
        .args([
            "check",
            "--now",
            "2026-01-01T00:00:00Z",
            "--fail-on",
            "never",
            "--format",
            "json",
        ])
        .args(["--select", "CRT001,CRT002", "corpus/certs"])
        .output()
        .expect("runs");
    let report: Value = serde_json::from_slice(&output.stdout).expect("json");
    let codes: Vec<(String, u64, String)> = findings(&report).into_iter().collect();
    assert_eq!(
        codes,
        [
            (
                "corpus/certs/expired-intermediate/fullchain.pem".to_string(),
                18,
                "CRT002".to_string()
            ),
            (
                "corpus/certs/expiring-soon/cert.pem".to_string(),
                1,
                "CRT001".to_string()
            ),
        ]
    );
}

/// The last 16 characters of each base64 line of every private key block of `text` (the start of a key
/// is its algorithm's constant ASN.1 header, which the rule docs show too; the end is key material).
fn key_lines(text: &str) -> Vec<String> {
    let mut inside = false;
    let mut lines = Vec::new();
    for line in text.lines() {
        if line.starts_with("-----BEGIN") {
            inside = line.contains("PRIVATE KEY");
        } else if line.starts_with("-----END") {
            inside = false;
        } else if inside && line.len() >= 32 && !line.contains(':') {
            lines.push(line[line.len() - 16..].to_string());
        }
    }
    lines
}

/// Keys made for this test only (the rule docs embed the fixtures' keys, and SARIF embeds the docs): a
/// certificate, the key of another certificate, and a legacy encrypted key whose body is fresh bytes.
fn fresh_keys() -> (String, String, String) {
    let cert_key = rcgen::KeyPair::generate().expect("key");
    let params =
        rcgen::CertificateParams::new(vec!["fresh.example.com".to_string()]).expect("params");
    let cert = params.self_signed(&cert_key).expect("cert");
    let other = rcgen::KeyPair::generate().expect("key");
    let body: String = other
        .serialize_pem()
        .lines()
        .filter(|l| !l.starts_with("-----"))
        .map(|l| format!("{}\n", l.chars().rev().collect::<String>()))
        .collect();
    let encrypted = format!(
        "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF\n\n{body}-----END RSA PRIVATE KEY-----\n"
    );
    (cert.pem(), other.serialize_pem(), encrypted)
}

#[test]
fn key_material_never_appears_in_any_format_or_dump() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (cert, key, encrypted) = fresh_keys();
    std::fs::write(dir.path().join("cert.pem"), &cert).expect("write");
    std::fs::write(dir.path().join("key.pem"), &key).expect("write");
    std::fs::write(dir.path().join("other.key"), &encrypted).expect("write");
    let secrets: Vec<String> = key_lines(&key)
        .into_iter()
        .chain(key_lines(&encrypted))
        .collect();
    assert!(secrets.len() >= 4, "{secrets:?}");
    for format in ["text", "json", "sarif", "github"] {
        let output = Command::cargo_bin("shiplint")
            .expect("binary built")
            .current_dir(dir.path())
            .args([
                "check", "--now", NOW, "--format", format, "--color", "always", ".",
            ])
            .output()
            .expect("runs");
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(
            stdout.contains("CRT003") && stdout.contains("CRT012"),
            "{format}: {stdout}"
        );
        for secret in &secrets {
            assert!(
                !stdout.contains(secret.as_str()),
                "{format} shows key material: {stdout}"
            );
        }
    }
    for file in ["key.pem", "other.key"] {
        let dump = Command::cargo_bin("shiplint")
            .expect("binary built")
            .current_dir(dir.path())
            .args(["debug", "dump", file])
            .output()
            .expect("runs");
        let text = String::from_utf8_lossy(&dump.stdout);
        assert!(dump.status.success() && text.contains("\"kind\""), "{text}");
        for secret in &secrets {
            assert!(
                !text.contains(secret.as_str()),
                "the dump shows key material: {text}"
            );
        }
    }
}

#[cfg(unix)]
#[test]
fn key_placement_is_read_from_disk() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let certs = repo().join("corpus/certs/ok");
    let server = dir.path().join("srv");
    std::fs::create_dir(&server).expect("mkdir");
    for name in ["fullchain.pem", "privkey.pem"] {
        std::fs::copy(certs.join(name), server.join(name)).expect("copy");
    }
    let key = server.join("privkey.pem");
    std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    let codes = |report: &Value| {
        findings(report)
            .into_iter()
            .map(|(path, _, code)| format!("{path} {code}"))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        codes(&check(dir.path(), &["srv"])),
        ["srv/privkey.pem CRT011"]
    );
    std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    assert!(codes(&check(dir.path(), &["srv"])).is_empty());
    // Inside a git work tree the key is committed, whatever its mode.
    std::fs::create_dir(dir.path().join(".git")).expect("mkdir .git");
    assert_eq!(
        codes(&check(dir.path(), &["srv"])),
        ["srv/privkey.pem CRT010"]
    );
}

#[test]
fn a_der_certificate_is_dumped_like_its_pem() {
    let dump = |file: &str| -> Value {
        let output = Command::cargo_bin("shiplint")
            .expect("binary built")
            .current_dir(repo().join("corpus/certs/ok"))
            .args(["debug", "dump", file])
            .output()
            .expect("runs");
        serde_json::from_slice(&output.stdout).expect("json dump")
    };
    let der = dump("cert.der");
    let pem = dump("fullchain.pem");
    let without_place = |block: &Value| {
        let mut block = block.clone();
        block
            .as_object_mut()
            .expect("object")
            .retain(|k, _| k != "lines" && k != "kind");
        block
    };
    assert_eq!(der["blocks"][0]["kind"], "DER");
    assert_eq!(
        without_place(&der["blocks"][0]),
        without_place(&pem["blocks"][0])
    );
    assert_eq!(der["blocks"][0]["subject"], "CN=ok.example.com");
}

#[test]
fn suppressions_in_pem_comments_and_dsa_keys() {
    let dir = tempfile::tempdir().expect("tempdir");
    let expiring =
        std::fs::read_to_string(repo().join("corpus/certs/expiring-soon/cert.pem")).expect("cert");
    // A comment line above a block covers that block; the text around blocks is free.
    std::fs::write(
        dir.path().join("old.pem"),
        format!("# shiplint: ignore[cert-expired] replaced in the next release\n{expiring}"),
    )
    .expect("write");
    std::fs::write(dir.path().join("new.pem"), &expiring).expect("write");
    std::fs::write(
        dir.path().join("legacy.key"),
        "-----BEGIN DSA PRIVATE KEY-----\nMIIBuwIBAAKBgQD=\n-----END DSA PRIVATE KEY-----\n",
    )
    .expect("write");
    let report = check(dir.path(), &["--select", "CRT002,CRT004,CRT012,SUP", "."]);
    let expected: BTreeSet<(String, u64, String)> = [
        ("legacy.key", 1, "CRT004"),
        ("legacy.key", 1, "CRT012"),
        ("new.pem", 1, "CRT002"),
    ]
    .into_iter()
    .map(|(path, line, code)| (path.to_string(), line, code.to_string()))
    .collect();
    assert_eq!(findings(&report), expected);
}
