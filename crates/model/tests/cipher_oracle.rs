//! Oracle: our expansion of OpenSSL cipher strings agrees with `openssl ciphers -v` on every distinct
//! `ssl_ciphers` value of the shared corpus (also those in comments), on every alias we know alone, and on
//! common real-world strings. TLS 1.3 suites, which `openssl ciphers` always prints and `ssl_ciphers` does not
//! configure, are left out of the comparison.

use shiplint_model::nginx::expand_ciphers;
use shiplint_syntax::FileId;
use shiplint_syntax::nginx::parse;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

fn shared_corpus() -> PathBuf {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
    assert!(
        corpus.join("MANIFEST.tsv").is_file(),
        "../shared/corpus is missing"
    );
    corpus
}

/// `openssl ciphers -v STRING` as a set of names without TLS 1.3 suites; `None` when OpenSSL matches nothing
/// (it then fails with "no cipher match").
fn openssl(string: &str) -> Option<BTreeSet<String>> {
    let output = Command::new("openssl")
        .args(["ciphers", "-v", string])
        .output();
    let output = match output {
        Ok(output) => output,
        Err(error) => {
            assert!(
                std::env::var("CI").as_deref() != Ok("true"),
                "openssl is needed: {error}"
            );
            return None;
        }
    };
    if !output.status.success() {
        return Some(BTreeSet::new());
    }
    Some(
        String::from_utf8_lossy(&output.stdout)
            .lines()
            .filter(|l| l.split_whitespace().nth(1) != Some("TLSv1.3"))
            .filter_map(|l| l.split_whitespace().next().map(str::to_string))
            .collect(),
    )
}

/// Every `ssl_ciphers` value in the corpus's nginx files, from directives and from commented-out lines.
fn corpus_values() -> BTreeSet<String> {
    let corpus = shared_corpus();
    let manifest = std::fs::read_to_string(corpus.join("MANIFEST.tsv")).expect("manifest");
    let mut values = BTreeSet::new();
    for path in manifest
        .lines()
        .filter_map(|l| l.strip_prefix("nginx\t"))
        .filter_map(|l| l.split('\t').next())
    {
        let text = String::from_utf8_lossy(&std::fs::read(corpus.join(path)).expect("readable"))
            .into_owned();
        let uncommented: String = text
            .lines()
            .map(|l| l.trim_start().trim_start_matches('#'))
            .collect::<Vec<_>>()
            .join("\n");
        for source in [&text, &uncommented] {
            let file = parse(FileId(0), source);
            for directive in file.walk().filter(|d| d.name() == "ssl_ciphers") {
                if let Some(value) = directive.arg(0) {
                    values.insert(value.to_string());
                }
            }
        }
    }
    values
}

const ALIASES: &[&str] = &[
    "ALL",
    "HIGH",
    "MEDIUM",
    "LOW",
    "COMPLEMENTOFALL",
    "COMPLEMENTOFDEFAULT",
    "DEFAULT",
    "eNULL",
    "NULL",
    "aNULL",
    "MD5",
    "kRSA",
    "RSA",
    "aRSA",
    "kDHE",
    "kEDH",
    "DH",
    "DHE",
    "EDH",
    "ADH",
    "kECDHE",
    "kEECDH",
    "ECDH",
    "ECDHE",
    "EECDH",
    "AECDH",
    "aDSS",
    "DSS",
    "aECDSA",
    "ECDSA",
    "kPSK",
    "kRSAPSK",
    "kDHEPSK",
    "kECDHEPSK",
    "PSK",
    "aPSK",
    "kSRP",
    "SRP",
    "aSRP",
    "AES",
    "AES128",
    "AES256",
    "AESGCM",
    "AESCCM",
    "AESCCM8",
    "CAMELLIA",
    "CAMELLIA128",
    "CAMELLIA256",
    "CHACHA20",
    "ARIA",
    "ARIA128",
    "ARIA256",
    "SHA1",
    "SHA",
    "SHA256",
    "SHA384",
    "SSLv3",
    "TLSv1",
    "TLSv1.0",
    "TLSv1.2",
    "RC4",
    "3DES",
    "DES",
    "EXPORT",
];

const COMMON: &[&str] = &[
    "HIGH:!aNULL:!MD5",
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384:DHE-RSA-CHACHA20-POLY1305",
    "EECDH+AESGCM:EDH+AESGCM",
    "ALL:!aNULL:!eNULL:!EXPORT:!DES:!RC4:!MD5:!PSK:!SRP:!CAMELLIA",
    "HIGH:MEDIUM:!aNULL:-kRSA:+AES256:@STRENGTH",
    "DEFAULT:!kRSA:@SECLEVEL=2",
    "AES128-SHA:-AES128-SHA:AES128-SHA",
    "AES128-SHA:!AES128-SHA:AES128-SHA",
    "ECDHE+AES128+SHA256:DHE+aRSA",
    "kEECDH+aECDSA, kEDH+aRSA;RSA+AES",
    "HIGH:!FOO+AES",
];

#[test]
fn expansion_agrees_with_openssl_ciphers() {
    let values = corpus_values();
    assert!(values.contains("EECDH+CHACHA20:EECDH+AES"), "{values:?}");
    let mut strings: Vec<String> = values.into_iter().collect();
    strings.extend(ALIASES.iter().map(|s| s.to_string()));
    strings.extend(COMMON.iter().map(|s| s.to_string()));
    let mut disagreements = Vec::new();
    for string in &strings {
        let Some(expected) = openssl(string) else {
            eprintln!("skipped: openssl is not installed");
            return;
        };
        let ours: BTreeSet<String> = expand_ciphers(string)
            .iter()
            .map(|s| s.name.to_string())
            .collect();
        if ours != expected {
            let missing: Vec<_> = expected.difference(&ours).collect();
            let extra: Vec<_> = ours.difference(&expected).collect();
            disagreements.push(format!("{string}: missing {missing:?}, extra {extra:?}"));
        }
    }
    assert!(
        disagreements.is_empty(),
        "{} of {} strings differ:\n{}",
        disagreements.len(),
        strings.len(),
        disagreements.join("\n")
    );
}
