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

/// `text` with the bytes of every span replaced by `*` (same length, so offsets and spans stay valid).
pub fn mask(text: &str, spans: &[Span]) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for span in spans {
        let end = (span.end as usize).min(bytes.len());
        let start = (span.start as usize).min(end);
        bytes[start..end].fill(b'*');
    }
    // Whole characters are replaced only if the span ends fall on character boundaries; repair any partial one.
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
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
    }
}
