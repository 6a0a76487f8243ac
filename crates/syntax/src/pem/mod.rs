//! PEM files as real deployments hold them: any text before, between and after the blocks (openssl's text
//! dumps, comments), several blocks per file (a fullchain), RFC 1421 headers (`Proc-Type: 4,ENCRYPTED`), and
//! binary DER files. The reader only frames and decodes: what a block's bytes mean is the model's business.
//!
//! Nothing here panics or allocates beyond the input's size, whatever the bytes: garbage, a BEGIN without an
//! END, base64 cut in the middle all become [`SyntaxError`]s and the blocks that did decode are kept.

mod base64;

pub use base64::{DecodeError, decode as decode_base64};

use crate::{FileId, Span, SyntaxError};

/// What a block's label says it holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BlockKind {
    /// `CERTIFICATE` (also `X509 CERTIFICATE` and OpenSSL's `TRUSTED CERTIFICATE`).
    Certificate,
    /// `PRIVATE KEY`: PKCS#8, any algorithm.
    PrivateKey,
    /// `RSA PRIVATE KEY`: PKCS#1 (or a legacy encrypted key when the headers say `Proc-Type: 4,ENCRYPTED`).
    RsaPrivateKey,
    /// `EC PRIVATE KEY`: SEC1.
    EcPrivateKey,
    /// `DSA PRIVATE KEY`: OpenSSL's legacy DSA encoding.
    DsaPrivateKey,
    /// `OPENSSH PRIVATE KEY`: OpenSSH's own format.
    OpensshPrivateKey,
    /// `ENCRYPTED PRIVATE KEY`: PKCS#8 encrypted with a passphrase.
    EncryptedPrivateKey,
    /// `CERTIFICATE REQUEST` (or `NEW CERTIFICATE REQUEST`): PKCS#10.
    CertificateRequest,
    /// `PUBLIC KEY` (SubjectPublicKeyInfo) or `RSA PUBLIC KEY` (PKCS#1).
    PublicKey,
    /// A binary DER file: one structure, the model decides which.
    Der,
    /// Any other label (`X509 CRL`, `DH PARAMETERS`, `EC PARAMETERS`, ...): framed, not interpreted.
    Other,
}

impl BlockKind {
    /// The kind a BEGIN label names.
    pub fn from_label(label: &str) -> BlockKind {
        match label {
            "CERTIFICATE" | "X509 CERTIFICATE" | "TRUSTED CERTIFICATE" => BlockKind::Certificate,
            "PRIVATE KEY" => BlockKind::PrivateKey,
            "RSA PRIVATE KEY" => BlockKind::RsaPrivateKey,
            "EC PRIVATE KEY" => BlockKind::EcPrivateKey,
            "DSA PRIVATE KEY" => BlockKind::DsaPrivateKey,
            "OPENSSH PRIVATE KEY" => BlockKind::OpensshPrivateKey,
            "ENCRYPTED PRIVATE KEY" => BlockKind::EncryptedPrivateKey,
            "CERTIFICATE REQUEST" | "NEW CERTIFICATE REQUEST" => BlockKind::CertificateRequest,
            "PUBLIC KEY" | "RSA PUBLIC KEY" => BlockKind::PublicKey,
            _ => BlockKind::Other,
        }
    }

    /// Whether the block holds private key material (its body is a secret).
    pub fn is_private_key(&self) -> bool {
        matches!(
            self,
            BlockKind::PrivateKey
                | BlockKind::RsaPrivateKey
                | BlockKind::EcPrivateKey
                | BlockKind::DsaPrivateKey
                | BlockKind::OpensshPrivateKey
                | BlockKind::EncryptedPrivateKey
        )
    }
}

/// One `-----BEGIN X-----` .. `-----END X-----` block (or the whole of a DER file).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PemBlock {
    /// From the start of the BEGIN line to the end of the END line (line break excluded). Empty at 0 for DER.
    pub span: Span,
    /// The label between `BEGIN ` and the dashes (`CERTIFICATE`); empty for DER.
    pub label: String,
    /// What the label says.
    pub kind: BlockKind,
    /// RFC 1421 headers before the body (`Proc-Type`, `DEK-Info`), in order.
    pub headers: Vec<(String, String)>,
    /// Everything between the BEGIN line and the END line: headers and base64 (the part to mask for keys).
    pub body: Span,
    /// The decoded bytes; `None` when the body is not valid base64 (a syntax error says where).
    pub der: Option<Vec<u8>>,
}

impl PemBlock {
    /// Whether RFC 1421 headers mark the body as encrypted (legacy `openssl rsa -des3` keys).
    pub fn has_encrypted_header(&self) -> bool {
        self.headers.iter().any(|(name, value)| {
            name.eq_ignore_ascii_case("Proc-Type") && value.contains("ENCRYPTED")
        })
    }
}

/// A parsed PEM (or DER) file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PemFile {
    /// The blocks in file order, including those whose body did not decode.
    pub blocks: Vec<PemBlock>,
    /// Lines outside blocks that start with `#` (suppression comments live there).
    pub comments: Vec<Span>,
    /// Framing and base64 errors; the blocks around them are still read.
    pub errors: Vec<SyntaxError>,
}

/// A line of the text: its start, its end without the line break, and its trimmed content.
struct Line<'a> {
    start: usize,
    end: usize,
    text: &'a str,
}

fn lines(text: &str) -> impl Iterator<Item = Line<'_>> {
    let mut offset = 0;
    text.split_inclusive('\n').map(move |raw| {
        let start = offset;
        offset += raw.len();
        let content = raw.trim_end_matches(['\n', '\r']);
        Line {
            start,
            end: start + content.len(),
            text: content,
        }
    })
}

fn begin_label(line: &str) -> Option<&str> {
    line.trim()
        .strip_prefix("-----BEGIN ")?
        .strip_suffix("-----")
}

fn end_label(line: &str) -> Option<&str> {
    line.trim().strip_prefix("-----END ")?.strip_suffix("-----")
}

/// A block being read: its BEGIN line and label.
struct Open<'a> {
    begin: Line<'a>,
    label: &'a str,
    body_start: usize,
}

/// Reads every block of `text`.
pub fn parse(file: FileId, text: &str) -> PemFile {
    let mut pem = PemFile::default();
    let mut open: Option<Open<'_>> = None;
    for line in lines(text) {
        if let Some(label) = begin_label(line.text) {
            if let Some(unclosed) = open.take() {
                pem.errors.push(unclosed_error(file, &unclosed));
            }
            open = Some(Open {
                body_start: line.end + text[line.end..].find('\n').map_or(0, |i| i + 1),
                label,
                begin: line,
            });
            continue;
        }
        if let Some(label) = end_label(line.text) {
            match open.take() {
                Some(block) => {
                    pem.blocks
                        .push(close(file, text, block, &line, label, &mut pem.errors))
                }
                None => pem.errors.push(SyntaxError {
                    span: Span::new(file, line.start, line.end),
                    message: format!("`-----END {label}-----` without a BEGIN line"),
                }),
            }
            continue;
        }
        if open.is_none() && line.text.trim_start().starts_with('#') {
            let indent = line.text.len() - line.text.trim_start().len();
            pem.comments
                .push(Span::new(file, line.start + indent, line.end));
        }
    }
    if let Some(unclosed) = open {
        pem.errors.push(unclosed_error(file, &unclosed));
    }
    if pem.blocks.is_empty() && pem.errors.is_empty() {
        pem.errors.push(SyntaxError {
            span: Span::empty(file, 0),
            message: "no `-----BEGIN` block in this file".into(),
        });
    }
    pem
}

fn unclosed_error(file: FileId, open: &Open<'_>) -> SyntaxError {
    SyntaxError {
        span: Span::new(file, open.begin.start, open.begin.end),
        message: format!(
            "`-----BEGIN {}-----` has no END line (the file is truncated?)",
            open.label
        ),
    }
}

fn close(
    file: FileId,
    text: &str,
    open: Open<'_>,
    end: &Line<'_>,
    end_label: &str,
    errors: &mut Vec<SyntaxError>,
) -> PemBlock {
    let body_start = open.body_start.min(end.start);
    let body_text = &text[body_start..end.start];
    if end_label != open.label {
        errors.push(SyntaxError {
            span: Span::new(file, end.start, end.end),
            message: format!(
                "`-----END {end_label}-----` closes a `{}` block",
                open.label
            ),
        });
    }
    let (headers, base64_at) = read_headers(body_text);
    let der = match base64::decode(&body_text.as_bytes()[base64_at..]) {
        Ok(der) if der.is_empty() => {
            errors.push(SyntaxError {
                span: Span::new(file, open.begin.start, open.begin.end),
                message: format!("the `{}` block is empty", open.label),
            });
            None
        }
        Ok(der) => Some(der),
        Err(error) => {
            let at = body_start + base64_at + error.offset;
            // Point at the offending character, or at the END line when the body is cut short.
            let span = if error.offset + base64_at >= body_text.len() {
                Span::new(file, end.start, end.end)
            } else {
                let width = text[at..].chars().next().map_or(0, char::len_utf8);
                Span::new(file, at, at + width)
            };
            errors.push(SyntaxError {
                span,
                message: format!("in the `{}` block: {}", open.label, error.message),
            });
            None
        }
    };
    PemBlock {
        span: Span::new(file, open.begin.start, end.end),
        label: open.label.to_string(),
        kind: BlockKind::from_label(open.label),
        headers,
        body: Span::new(file, body_start, end.start),
        der,
    }
}

/// RFC 1421 headers (`Name: value` lines, ended by a blank line) and the offset where the base64 starts.
fn read_headers(body: &str) -> (Vec<(String, String)>, usize) {
    let first = body.lines().next().unwrap_or("");
    if !first.contains(':') {
        return (Vec::new(), 0);
    }
    let mut headers: Vec<(String, String)> = Vec::new();
    for line in lines(body) {
        if line.text.trim().is_empty() {
            return (headers, (line.end + 1).min(body.len()));
        }
        if line.text.starts_with([' ', '\t']) {
            if let Some((_, value)) = headers.last_mut() {
                value.push_str(line.text.trim());
            }
        } else if let Some((name, value)) = line.text.split_once(':') {
            headers.push((name.trim().to_string(), value.trim().to_string()));
        } else {
            // Not a header after all: read everything as base64 and let the decoder point at the problem.
            return (Vec::new(), 0);
        }
    }
    (headers, body.len())
}

/// A binary DER file as one block of kind [`BlockKind::Der`]; its span is empty, since there is no text.
pub fn from_der(file: FileId, bytes: &[u8]) -> PemFile {
    PemFile {
        blocks: vec![PemBlock {
            span: Span::empty(file, 0),
            label: String::new(),
            kind: BlockKind::Der,
            headers: Vec::new(),
            body: Span::empty(file, 0),
            der: Some(bytes.to_vec()),
        }],
        comments: Vec::new(),
        errors: Vec::new(),
    }
}

/// Whether `bytes` look like one DER structure (a SEQUENCE whose length covers the file), rather than text.
pub fn looks_like_der(bytes: &[u8]) -> bool {
    let [0x30, first, rest @ ..] = bytes else {
        return false;
    };
    let (length, header) = match *first {
        short @ 0..=0x7f => (usize::from(short), 2),
        long @ 0x81..=0x84 => {
            let count = usize::from(long & 0x7f);
            let Some(digits) = rest.get(..count) else {
                return false;
            };
            let length = digits
                .iter()
                .fold(0usize, |acc, &b| (acc << 8) | usize::from(b));
            (length, 2 + count)
        }
        _ => return false,
    };
    header + length == bytes.len()
}

#[cfg(test)]
mod tests;
