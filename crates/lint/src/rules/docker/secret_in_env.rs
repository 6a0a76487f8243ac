//! DKR008 secret-in-env: an ENV or ARG whose name says it holds a secret. ENV values are stored in the image
//! configuration and ARG values in the image history, where anyone who can pull the image reads them.
//! Messages never show the value.

use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::docker::DockerImage;
use shiplint_syntax::dockerfile::{Arguments, Keyword};

declare_rule! {
    /// A secret is passed through ENV or ARG, so it is readable in the image.
    #[derive(Default)]
    pub struct SecretInEnv {}
    code = "DKR008", name = "secret-in-env", domain = "docker", severity = Error,
    tags = ["security"], security_severity = 7.5,
}

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
pub(crate) fn is_secret_name(name: &str) -> bool {
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

impl Check<DockerImage> for SecretInEnv {
    fn check(&self, image: &DockerImage, cx: &mut Ctx<'_>) {
        for instruction in &image.syntax.instructions {
            let Arguments::Pairs(pairs) = &instruction.args else {
                continue;
            };
            for pair in pairs {
                if !is_secret_name(&pair.key.value) {
                    continue;
                }
                let key = &pair.key.value;
                match instruction.keyword {
                    Keyword::Env => {
                        let empty = pair
                            .value
                            .as_ref()
                            .is_none_or(|v| matches!(v.value.as_str(), "" | "\"\"" | "''"));
                        if empty {
                            continue;
                        }
                        cx.report(
                            pair.key.span,
                            format!("`ENV {key}` stores a secret in the image configuration"),
                        )
                        .help(
                            "pass it at run time (compose `secrets:` or an environment file outside the image); \
                             for build steps use `RUN --mount=type=secret,id=...`",
                        );
                    }
                    Keyword::Arg => {
                        cx.report(
                            pair.key.span,
                            format!("`ARG {key}` passes a secret that stays in the image history"),
                        )
                        .help("use a build secret: `RUN --mount=type=secret,id=...` and `docker build --secret`");
                    }
                    _ => {}
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::is_secret_name;

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
}
