//! Which values are secrets, and masking them in any text shiplint shows (snippets, fingerprints).

use shiplint_syntax::Span;

/// Name parts that alone mark a secret.
const SECRET_WORDS: [&str; 8] = [
    "password",
    "passwd",
    "secret",
    "token",
    "apikey",
    "credentials",
    "creds",
    "privatekey",
];
/// Adjacent name parts that together mark a secret (`API_KEY`, `ACCESS_KEY`).
const SECRET_PAIRS: [(&str, &str); 5] = [
    ("api", "key"),
    ("access", "key"),
    ("private", "key"),
    ("auth", "key"),
    ("secret", "key"),
];
/// Last parts that make the variable a reference to a secret, not the secret (`PASSWORD_FILE`).
const REFERENCE_SUFFIXES: [&str; 6] = ["file", "path", "dir", "name", "length", "len"];

/// The shortest secret value masked where messages quote it (see [`crate::Project::secret_values`]).
pub const MIN_MASKED_LEN: usize = 4;

/// `text` with every occurrence of each of `values` (longest first) replaced by as many `*`.
pub fn mask_values(text: &str, values: &[String]) -> String {
    let mut out = text.to_string();
    for value in values.iter().filter(|v| !v.is_empty()) {
        if out.contains(value.as_str()) {
            out = out.replace(value.as_str(), &"*".repeat(value.chars().count()));
        }
    }
    out
}

/// Whether a variable name looks like it holds a secret.
pub fn is_secret_name(name: &str) -> bool {
    let parts: Vec<String> = name
        .split(['_', '-', '.'])
        .filter(|p| !p.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    if parts
        .last()
        .is_some_and(|last| REFERENCE_SUFFIXES.contains(&last.as_str()))
    {
        return false;
    }
    parts.iter().any(|p| SECRET_WORDS.contains(&p.as_str()))
        || parts
            .windows(2)
            .any(|w| SECRET_PAIRS.contains(&(w[0].as_str(), w[1].as_str())))
}

/// `text` with every character of every span replaced by `*`, except line breaks: byte offsets and lines stay
/// where they were, so spans and line indexes built for `text` still apply (a secret may span a continuation).
pub fn mask(text: &str, spans: &[Span]) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for span in spans {
        let end = floor_boundary(text, span.end as usize);
        let start = floor_boundary(text, (span.start as usize).min(end));
        for byte in &mut bytes[start..end] {
            if !matches!(*byte, b'\n' | b'\r') {
                *byte = b'*';
            }
        }
    }
    // Whole characters between boundaries became ASCII, so this is valid UTF-8; no input can make it fail.
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

fn floor_boundary(text: &str, mut offset: usize) -> usize {
    offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;
    use shiplint_syntax::FileId;

    #[test]
    fn secret_names() {
        for name in [
            "DB_PASSWORD",
            "GITHUB_TOKEN",
            "aws_secret_access_key",
            "API_KEY",
            "NPM_AUTH_TOKEN",
        ] {
            assert!(is_secret_name(name), "{name}");
        }
        for name in [
            "GPG_KEY",
            "POSTGRES_PASSWORD_FILE",
            "PWD",
            "TOKENIZER",
            "KEYRING",
            "PASSWORD_LENGTH",
        ] {
            assert!(!is_secret_name(name), "{name}");
        }
    }

    #[test]
    fn masking_keeps_offsets() {
        let text = "ENV DB_PASSWORD=hunter2 MODE=prod\n";
        let masked = mask(text, &[Span::new(FileId(0), 16, 23)]);
        assert_eq!(masked, "ENV DB_PASSWORD=******* MODE=prod\n");
        assert_eq!(mask("abc", &[Span::new(FileId(0), 2, 99)]), "ab*");
        let continued = "ENV TOKEN=a \\\r\n  b\nRUN x\n";
        let masked = mask(continued, &[Span::new(FileId(0), 10, 18)]);
        assert_eq!(masked, "ENV TOKEN=***\r\n***\nRUN x\n", "line breaks stay");
        assert_eq!(
            mask("é=ü", &[Span::new(FileId(0), 1, 4)]),
            "***ü",
            "whole characters, never half of one"
        );
    }
}
