//! `shiplint debug dump` for PEM and DER files: per block what `openssl x509 -noout -subject -issuer -dates
//! -ext subjectAltName` and `openssl pkey -noout -text_pub` would show, as JSON. Key material is never
//! printed: a private key shows its algorithm, size and encoding only.

use serde_json::{Value, json};
use shiplint_model::pem::{Block, Certificate, Item, KeyAlgorithm, PemBundle, San, text};
use shiplint_syntax::{FileId, SourceFile};

/// The dump of a file's bytes: `{"blocks": [...], "errors": [...]}`, pretty-printed.
pub fn dump(shown: &str, bytes: &[u8]) -> String {
    let id = FileId(0);
    let (bundle, text) = if shiplint_syntax::pem::looks_like_der(bytes) {
        (PemBundle::from_der(id, bytes), String::new())
    } else {
        let text = String::from_utf8_lossy(bytes).into_owned();
        (PemBundle::from_text(id, &text), text)
    };
    let source = SourceFile::new(id, shown, text);
    let blocks: Vec<Value> = bundle
        .blocks
        .iter()
        .map(|block| block_json(&source, block))
        .collect();
    let errors: Vec<Value> = bundle
        .errors()
        .map(|error| {
            let at = source.line_col(error.span.start);
            json!({"line": at.line, "column": at.column, "message": error.message})
        })
        .collect();
    let mut out = serde_json::to_string_pretty(&json!({"blocks": blocks, "errors": errors}))
        .unwrap_or_default();
    out.push('\n');
    out
}

fn key_json(algorithm: &KeyAlgorithm) -> Value {
    let mut key = json!({"algorithm": algorithm.family(), "bits": algorithm.bits()});
    if let KeyAlgorithm::Ec { curve, .. } = algorithm {
        key["curve"] = json!(curve);
    }
    key
}

fn sans_json(sans: &[San]) -> Value {
    json!(sans.iter().map(ToString::to_string).collect::<Vec<_>>())
}

fn certificate_json(cert: &Certificate) -> Value {
    json!({
        "subject": cert.subject,
        "issuer": cert.issuer,
        "serial": cert.serial,
        "not_before": text::rfc3339(cert.not_before),
        "not_after": text::rfc3339(cert.not_after),
        "sans": sans_json(&cert.sans),
        "key": key_json(&cert.key_algorithm),
        "signature_algorithm": cert.signature.name,
        "ca": cert.is_ca,
        "key_usage": cert.key_usage,
        "extended_key_usage": cert.extended_key_usage,
        "self_signed": cert.self_signed,
    })
}

fn block_json(source: &SourceFile, block: &Block) -> Value {
    let start = source.line_col(block.span.start).line;
    let end = source.line_col(block.span.end).line;
    let mut out = match &block.item {
        Item::Certificate(cert) => certificate_json(cert),
        Item::PrivateKey(key) => json!({
            "encoding": key.encoding.as_str(),
            "key": key_json(&key.algorithm),
            "public_key_known": key.public_key.is_some(),
        }),
        Item::EncryptedKey { scheme } => json!({"encrypted": scheme}),
        Item::OpaqueKey { .. } => json!({"key": null}),
        Item::Request(request) => json!({
            "subject": request.subject,
            "sans": sans_json(&request.sans),
            "key": key_json(&request.key_algorithm),
            "signature_algorithm": request.signature.name,
        }),
        Item::PublicKey(algorithm) => json!({"key": key_json(algorithm)}),
        Item::Unreadable => json!({"unreadable": true}),
        Item::Other { .. } => json!({}),
    };
    out["kind"] = json!(block.label);
    out["lines"] = json!([start, end]);
    out
}
