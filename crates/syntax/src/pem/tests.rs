use super::*;

const FILE: FileId = FileId(0);

fn block_text(text: &str, block: &PemBlock) -> String {
    block.span.text(text).to_string()
}

#[test]
fn reads_blocks_between_text_and_comments() {
    let text = "# shiplint: ignore-file[CRT001] test data\n\
                Certificate:\n    Data: ...\n\
                -----BEGIN CERTIFICATE-----\naGVs\nbG8=\n-----END CERTIFICATE-----\n\
                between\n\
                -----BEGIN EC PRIVATE KEY-----\r\naGk=\r\n-----END EC PRIVATE KEY-----";
    let pem = parse(FILE, text);
    assert_eq!(pem.errors, []);
    assert_eq!(pem.blocks.len(), 2);
    let cert = &pem.blocks[0];
    assert_eq!(cert.kind, BlockKind::Certificate);
    assert_eq!(cert.der.as_deref(), Some(&b"hello"[..]));
    assert_eq!(
        block_text(text, cert),
        "-----BEGIN CERTIFICATE-----\naGVs\nbG8=\n-----END CERTIFICATE-----"
    );
    assert_eq!(cert.body.text(text), "aGVs\nbG8=\n");
    let key = &pem.blocks[1];
    assert_eq!(key.kind, BlockKind::EcPrivateKey);
    assert!(key.kind.is_private_key());
    assert_eq!(key.der.as_deref(), Some(&b"hi"[..]));
    assert_eq!(key.body.text(text), "aGk=\r\n");
    assert_eq!(pem.comments.len(), 1);
    assert_eq!(
        pem.comments[0].text(text),
        "# shiplint: ignore-file[CRT001] test data"
    );
}

#[test]
fn legacy_encrypted_headers() {
    let text = "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00FF\n\naGk=\n-----END RSA PRIVATE KEY-----\n";
    let pem = parse(FILE, text);
    assert_eq!(pem.errors, []);
    let block = &pem.blocks[0];
    assert!(block.has_encrypted_header());
    assert_eq!(
        block.headers[1],
        ("DEK-Info".into(), "AES-128-CBC,00FF".into())
    );
    assert_eq!(block.der.as_deref(), Some(&b"hi"[..]));
}

#[test]
fn truncated_and_garbled_blocks_are_errors_with_positions() {
    let text = "-----BEGIN CERTIFICATE-----\naGVs*G8=\n-----END CERTIFICATE-----\n-----BEGIN CERTIFICATE-----\naGVs\n";
    let pem = parse(FILE, text);
    assert_eq!(pem.blocks.len(), 1);
    assert_eq!(pem.blocks[0].der, None);
    assert_eq!(pem.errors.len(), 2);
    assert_eq!(pem.errors[0].span.text(text), "*");
    assert!(
        pem.errors[0].message.contains("not a base64 character"),
        "{:?}",
        pem.errors
    );
    assert!(
        pem.errors[1].message.contains("no END line"),
        "{:?}",
        pem.errors
    );
    assert_eq!(
        pem.errors[1].span.start as usize,
        text.rfind("-----BEGIN").expect("second block")
    );

    let cut = parse(
        FILE,
        "-----BEGIN PRIVATE KEY-----\naGVsbG8\n-----END PRIVATE KEY-----\n",
    );
    assert!(
        cut.errors[0].message.contains("truncated"),
        "{:?}",
        cut.errors
    );
}

#[test]
fn mismatched_end_stray_end_and_no_block() {
    let pem = parse(
        FILE,
        "-----BEGIN CERTIFICATE-----\naGk=\n-----END PRIVATE KEY-----\n-----END X-----\n",
    );
    let messages: Vec<&str> = pem.errors.iter().map(|e| e.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "`-----END PRIVATE KEY-----` closes a `CERTIFICATE` block",
            "`-----END X-----` without a BEGIN line"
        ]
    );
    let none = parse(FILE, "just text\n");
    assert_eq!(none.errors[0].message, "no `-----BEGIN` block in this file");
}

#[test]
fn der_framing() {
    assert!(looks_like_der(&[0x30, 0x03, 1, 2, 3]));
    assert!(looks_like_der(&[0x30, 0x81, 0x01, 9]));
    assert!(!looks_like_der(&[0x30, 0x05, 1]));
    assert!(!looks_like_der(b"-----BEGIN"));
    assert!(!looks_like_der(&[0x30, 0x84]));
    let pem = from_der(FILE, &[0x30, 0]);
    assert_eq!(pem.blocks[0].kind, BlockKind::Der);
}
