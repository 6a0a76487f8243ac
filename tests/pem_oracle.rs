//! `shiplint debug dump` against OpenSSL on every PEM file of the shared corpus (MANIFEST.tsv kind `pem`) and
//! of this repository's corpus/: per block the same subject, issuer, dates, SANs, key algorithm and size,
//! and signature algorithm. OpenSSL must be installed (.ci/run installs it); the test fails, never skips,
//! without it.
//!
//! Normalisation, on purpose: OpenSSL is run with `-nameopt oneline,-esc_msb` (its default one-line form,
//! but UTF-8 left as text) and prints `CN = x, O = "a, b"`; shiplint prints `CN=x, O=a\, b` (RFC 4514
//! escapes, the certificate's own order). Both are read back into lists of (attribute, value) pairs.
//! Dates become RFC 3339, IP addresses are compared as addresses (OpenSSL 3.0 writes `0:0:0:0:0:0:0:1`
//! where shiplint writes `::1`), key algorithms map `rsaEncryption` -> RSA, `id-ecPublicKey` -> EC.

use assert_cmd::Command;
use serde_json::Value;
use std::io::Write;
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::process::Stdio;

/// Runs `openssl ARGS` with `input` on standard input; its standard output.
fn openssl(args: &[&str], input: &str) -> String {
    let mut child = std::process::Command::new("openssl")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("openssl is installed (apt-get install openssl); this oracle never skips");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("write to openssl");
    let output = child.wait_with_output().expect("openssl runs");
    assert!(
        output.status.success(),
        "openssl {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The PEM blocks of a text, with their labels.
fn blocks(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut current: Option<(String, String)> = None;
    for line in text.lines() {
        let trimmed = line.trim();
        if let Some(label) = trimmed
            .strip_prefix("-----BEGIN ")
            .and_then(|l| l.strip_suffix("-----"))
        {
            current = Some((label.to_string(), String::new()));
        }
        if let Some((_, body)) = current.as_mut() {
            body.push_str(trimmed);
            body.push('\n');
        }
        if trimmed.starts_with("-----END ") {
            out.extend(current.take());
        }
    }
    out
}

type Name = Vec<(String, String)>;

/// OpenSSL's `C = GB, O = "Example, Co."` as pairs.
fn openssl_name(text: &str) -> Name {
    let mut parts = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => current.extend(chars.next()),
            '"' => quoted = !quoted,
            ',' | '+' if !quoted && chars.peek() == Some(&' ') && !current.ends_with(' ') => {
                chars.next();
                parts.push(std::mem::take(&mut current));
            }
            _ => current.push(c),
        }
    }
    parts.push(current);
    parts
        .into_iter()
        .filter_map(|part| {
            let (key, value) = part.split_once(" = ")?;
            Some((key.trim().to_string(), value.to_string()))
        })
        .collect()
}

/// shiplint's `C=GB, O=Example\, Co.` as pairs.
fn our_name(text: &str) -> Name {
    let mut parts = Vec::new();
    let mut current = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                current.push('\\');
                current.extend(chars.next());
            }
            ',' | '+' if chars.peek() == Some(&' ') => {
                chars.next();
                parts.push(std::mem::take(&mut current).trim_end().to_string());
            }
            _ => current.push(c),
        }
    }
    parts.push(current);
    parts
        .into_iter()
        .filter_map(|part| {
            let (key, value) = part.trim().split_once('=')?;
            let mut unescaped = String::new();
            let mut chars = value.chars();
            while let Some(c) = chars.next() {
                if c == '\\' {
                    unescaped.extend(chars.next());
                } else {
                    unescaped.push(c);
                }
            }
            Some((key.to_string(), unescaped))
        })
        .collect()
}

/// `Mar 24 14:31:09 2021 GMT` as `2021-03-24T14:31:09Z`.
fn openssl_date(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let months = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let month = months.iter().position(|m| *m == words[0]).expect("month") + 1;
    let day: u32 = words[1].parse().expect("day");
    format!("{}-{month:02}-{day:02}T{}Z", words[3], words[2])
}

fn normalise_san(san: &str) -> String {
    match san.trim().strip_prefix("IP Address:") {
        Some(ip) => format!(
            "IP:{}",
            ip.parse::<IpAddr>()
                .map_or(ip.to_string(), |ip| ip.to_string())
        ),
        None => san.trim().to_string(),
    }
}

fn field<'a>(output: &'a str, prefix: &str) -> Option<&'a str> {
    output
        .lines()
        .find_map(|line| line.trim().strip_prefix(prefix))
}

/// Key algorithm family and bits from `openssl x509 -text` / `pkey -text_pub` / `req -text` output.
fn openssl_key(text: &str) -> (String, Option<u64>) {
    let bits = text.lines().find_map(|line| {
        let rest = line.trim().split("Public-Key: (").nth(1)?;
        rest.split(' ').next()?.parse().ok()
    });
    let family = if text.contains("ED25519") {
        "Ed25519"
    } else if text.contains("ED448") {
        "Ed448"
    } else if text.contains("ASN1 OID:") || text.contains("id-ecPublicKey") {
        "EC"
    } else if text.contains("Modulus:") || text.contains("rsaEncryption") {
        "RSA"
    } else if text.contains("dsaEncryption") {
        "DSA"
    } else {
        "unknown"
    };
    let bits = if family == "Ed25519" { Some(256) } else { bits };
    (family.to_string(), bits)
}

fn our_key(block: &Value) -> (String, Option<u64>) {
    (
        block["key"]["algorithm"]
            .as_str()
            .unwrap_or("none")
            .to_string(),
        block["key"]["bits"].as_u64(),
    )
}

const NAMEOPT: &str = "oneline,-esc_msb";

/// Compares one certificate block; returns the differences.
fn compare_certificate(pem: &str, ours: &Value) -> Vec<String> {
    let fields = openssl(
        &[
            "x509",
            "-noout",
            "-nameopt",
            NAMEOPT,
            "-subject",
            "-issuer",
            "-dates",
            "-ext",
            "subjectAltName",
        ],
        pem,
    );
    let text = openssl(&["x509", "-noout", "-text"], pem);
    let mut diffs = Vec::new();
    let mut same = |what: &str, theirs: String, mine: String| {
        if theirs != mine {
            diffs.push(format!("{what}: openssl `{theirs}`, shiplint `{mine}`"));
        }
    };
    for (what, prefix) in [("subject", "subject="), ("issuer", "issuer=")] {
        same(
            what,
            format!("{:?}", openssl_name(field(&fields, prefix).unwrap_or(""))),
            format!("{:?}", our_name(ours[what].as_str().unwrap_or(""))),
        );
    }
    same(
        "not_before",
        openssl_date(field(&fields, "notBefore=").unwrap_or("")),
        ours["not_before"].as_str().unwrap_or("").to_string(),
    );
    same(
        "not_after",
        openssl_date(field(&fields, "notAfter=").unwrap_or("")),
        ours["not_after"].as_str().unwrap_or("").to_string(),
    );
    let san_line = fields
        .lines()
        .skip_while(|line| !line.contains("Subject Alternative Name"))
        .nth(1)
        .unwrap_or("");
    let theirs: Vec<String> = san_line
        .split(", ")
        .filter(|s| !s.trim().is_empty())
        .map(normalise_san)
        .collect();
    let mine: Vec<String> = ours["sans"]
        .as_array()
        .map(|sans| {
            sans.iter()
                .filter_map(Value::as_str)
                .map(normalise_san)
                .collect()
        })
        .unwrap_or_default();
    same("sans", theirs.join(", "), mine.join(", "));
    same(
        "key",
        format!("{:?}", openssl_key(&text)),
        format!("{:?}", our_key(ours)),
    );
    same(
        "signature_algorithm",
        field(&text, "Signature Algorithm: ")
            .unwrap_or("")
            .to_string(),
        ours["signature_algorithm"]
            .as_str()
            .unwrap_or("")
            .to_string(),
    );
    diffs
}

fn compare_key(pem: &str, ours: &Value) -> Vec<String> {
    let text = openssl(&["pkey", "-noout", "-text_pub"], pem);
    let (theirs, mine) = (openssl_key(&text), our_key(ours));
    if theirs == mine {
        Vec::new()
    } else {
        vec![format!("key: openssl {theirs:?}, shiplint {mine:?}")]
    }
}

fn compare_request(pem: &str, ours: &Value) -> Vec<String> {
    let subject = openssl(&["req", "-noout", "-nameopt", NAMEOPT, "-subject"], pem);
    let text = openssl(&["req", "-noout", "-text"], pem);
    let mut diffs = Vec::new();
    let theirs = openssl_name(field(&subject, "subject=").unwrap_or(""));
    let mine = our_name(ours["subject"].as_str().unwrap_or(""));
    if theirs != mine {
        diffs.push(format!("subject: openssl {theirs:?}, shiplint {mine:?}"));
    }
    if openssl_key(&text) != our_key(ours) {
        diffs.push(format!(
            "key: openssl {:?}, shiplint {:?}",
            openssl_key(&text),
            our_key(ours)
        ));
    }
    let signature = field(&text, "Signature Algorithm: ").unwrap_or("");
    if signature != ours["signature_algorithm"].as_str().unwrap_or("") {
        diffs.push(format!(
            "signature_algorithm: openssl {signature}, shiplint {}",
            ours["signature_algorithm"]
        ));
    }
    diffs
}

fn dump(path: &Path) -> Value {
    let output = Command::cargo_bin("shiplint")
        .expect("binary built")
        .args(["debug", "dump"])
        .arg(path)
        .output()
        .expect("runs");
    assert!(output.status.success(), "dump {} failed", path.display());
    serde_json::from_slice(&output.stdout).expect("the dump is JSON")
}

/// Per kind of block: how many were compared. Panics with every difference found.
fn compare_files(files: &[PathBuf]) -> std::collections::BTreeMap<String, usize> {
    let mut counts = std::collections::BTreeMap::new();
    let mut problems = Vec::new();
    for path in files {
        let text = std::fs::read_to_string(path).expect("a text PEM file");
        let ours = dump(path);
        let our_blocks = ours["blocks"].as_array().cloned().unwrap_or_default();
        let theirs = blocks(&text);
        if our_blocks.len() != theirs.len() {
            problems.push(format!(
                "{}: {} blocks, shiplint read {}",
                path.display(),
                theirs.len(),
                our_blocks.len()
            ));
            continue;
        }
        for ((label, pem), mine) in theirs.iter().zip(&our_blocks) {
            let encrypted = label.contains("ENCRYPTED") || pem.contains("Proc-Type: 4,ENCRYPTED");
            let (counted, diffs) = match label.as_str() {
                _ if encrypted && label.contains("PRIVATE KEY") => {
                    // openssl needs the passphrase; shiplint must at least see that it is encrypted.
                    let seen = mine["encrypted"].is_string();
                    let diffs = if seen {
                        Vec::new()
                    } else {
                        vec!["not seen as encrypted".to_string()]
                    };
                    (
                        format!("{label} (encrypted: recognised, not compared)"),
                        diffs,
                    )
                }
                "CERTIFICATE" => (label.clone(), compare_certificate(pem, mine)),
                "CERTIFICATE REQUEST" => (label.clone(), compare_request(pem, mine)),
                "PRIVATE KEY" | "RSA PRIVATE KEY" | "EC PRIVATE KEY" => {
                    (label.clone(), compare_key(pem, mine))
                }
                _ => continue,
            };
            *counts.entry(counted).or_insert(0) += 1;
            problems.extend(
                diffs
                    .into_iter()
                    .map(|d| format!("{} ({label}): {d}", path.display())),
            );
        }
    }
    assert!(
        problems.is_empty(),
        "{} differences from openssl:\n{}",
        problems.len(),
        problems.join("\n")
    );
    counts
}

#[test]
fn the_dump_agrees_with_openssl_on_every_pem_file_of_the_shared_corpus() {
    let corpus = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus"));
    let manifest = std::fs::read_to_string(corpus.join("MANIFEST.tsv")).expect("manifest");
    let files: Vec<PathBuf> = manifest
        .lines()
        .filter_map(|l| l.strip_prefix("pem\t"))
        .filter_map(|l| l.split('\t').next())
        .map(|path| corpus.join(path))
        .collect();
    assert_eq!(files.len(), 25);
    let counts = compare_files(&files);
    eprintln!("shared corpus, blocks compared with openssl: {counts:?}");
    assert_eq!(counts.values().sum::<usize>(), 26, "{counts:?}");
}

#[test]
fn the_dump_agrees_with_openssl_on_this_repositorys_certificates() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut files = Vec::new();
    let mut dirs = vec![root];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir)
            .expect("corpus dir")
            .filter_map(Result::ok)
        {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path
                .extension()
                .is_some_and(|e| ["pem", "crt", "key", "csr"].contains(&e.to_str().unwrap_or("")))
            {
                files.push(path);
            }
        }
    }
    files.sort();
    assert!(files.len() >= 4, "{files:?}");
    let counts = compare_files(&files);
    eprintln!("corpus/, blocks compared with openssl: {counts:?}");
}
