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

/// `text` (a message) with each of `values` (longest first) replaced by as many `*` where it is quoted: inside
/// a backtick-quoted part, as a whole word (not inside a longer name). Values are quoted in backticks; the
/// prose around them is the rule's own, which a short value such as `secret` must not garble.
pub fn mask_values(text: &str, values: &[String]) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, part) in text.split('`').enumerate() {
        if i > 0 {
            out.push('`');
        }
        // Odd parts lie between a pair of backticks.
        if i % 2 == 1 {
            out.push_str(&mask_words(part, values));
        } else {
            out.push_str(part);
        }
    }
    out
}

/// `part` with every whole-word occurrence of each of `values` masked.
fn mask_words(part: &str, values: &[String]) -> String {
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    let mut out = part.to_string();
    for value in values.iter().filter(|v| !v.is_empty()) {
        let mut from = 0;
        while let Some(found) = out[from..].find(value.as_str()).map(|at| from + at) {
            let end = found + value.len();
            let before = out[..found].chars().next_back();
            let after = out[end..].chars().next();
            if before.is_some_and(is_word) || after.is_some_and(is_word) {
                from = end;
                continue;
            }
            out.replace_range(found..end, &"*".repeat(value.chars().count()));
            from = found + value.chars().count();
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
    fn quoted_values_are_masked_as_whole_words_and_prose_is_left_alone() {
        let values = vec!["kEy-9876".to_string(), "secret".to_string()];
        assert_eq!(
            mask_values("gin runs in `kEy-9876` mode: `K=kEy-9876` set", &values),
            "gin runs in `********` mode: `K=********` set"
        );
        assert_eq!(
            mask_values(
                "`DB_PASSWORD` is set to a literal secret; use `secrets:` or `secret`",
                &values
            ),
            "`DB_PASSWORD` is set to a literal secret; use `secrets:` or `******`"
        );
        assert_eq!(
            mask_values("`a-secret-b` `xsecret`", &values),
            "`a-******-b` `xsecret`"
        );
    }

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
