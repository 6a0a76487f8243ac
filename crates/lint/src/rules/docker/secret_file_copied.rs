//! DKR024 secret-file-copied: COPY or ADD puts a file that holds credentials (`.env`, an SSH or TLS private
//! key, `.npmrc`, `.netrc`, a keystore…) into a stage that ships, where anyone who pulls the image can read it.

use super::common::shipped_lineage;
use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::docker::{DockerImage, copy_operands};
use shiplint_syntax::dockerfile::Keyword;

declare_rule! {
    /// A file holding credentials is copied into the image that ships.
    #[derive(Default)]
    pub struct SecretFileCopied {}
    code = "DKR024", name = "secret-file-copied", domain = "docker", severity = Error,
    tags = ["security"], security_severity = 8.0,
}

/// File names that hold credentials.
const SECRET_NAMES: [&str; 11] = [
    ".env",
    "id_rsa",
    "id_dsa",
    "id_ecdsa",
    "id_ed25519",
    ".npmrc",
    ".pypirc",
    ".netrc",
    ".git-credentials",
    ".dockercfg",
    ".ssh",
];
/// Extensions of private keys and key stores.
const SECRET_EXTENSIONS: [&str; 5] = [".key", ".p12", ".pfx", ".jks", ".keystore"];
/// Suffixes of `.env.<x>` files that are templates, not secrets.
const TEMPLATES: [&str; 5] = ["example", "sample", "template", "dist", "defaults"];

/// Whether a COPY source names a credentials file.
pub(crate) fn is_secret_file(source: &str) -> bool {
    let name = source
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or(source);
    let lower = name.to_ascii_lowercase();
    if let Some(variant) = lower.strip_prefix(".env.") {
        return !TEMPLATES.contains(&variant);
    }
    SECRET_NAMES.contains(&lower.as_str())
        || SECRET_EXTENSIONS
            .iter()
            .any(|ext| lower.ends_with(ext) && lower.len() > ext.len())
        || (lower == "credentials" && source.contains(".aws/"))
}

impl Check<DockerImage> for SecretFileCopied {
    fn check(&self, image: &DockerImage, cx: &mut Ctx<'_>) {
        for stage in shipped_lineage(image) {
            for (_, instruction) in image.instructions_of(stage) {
                if !matches!(instruction.keyword, Keyword::Copy | Keyword::Add) {
                    continue;
                }
                let (sources, _) = copy_operands(instruction);
                for source in sources.iter().filter(|s| is_secret_file(&s.value)) {
                    cx.report(source.span, format!("`{}` is copied into the shipped image", source.value))
                        .help(
                            "keep credentials out of the image: mount them at run time (compose `secrets:`, a \
                             volume) or, for build steps, use `RUN --mount=type=secret`; list the file in \
                             `.dockerignore`",
                        );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::is_secret_file;

    #[test]
    fn secret_files() {
        for path in [
            ".env",
            "./.env.production",
            "deploy/id_rsa",
            "nginx-repo.key",
            "certs/server.p12",
            "/home/app/.aws/credentials",
            ".ssh/",
        ] {
            assert!(is_secret_file(path), "{path}");
        }
        for path in [
            ".env.example",
            "id_rsa.pub",
            "app.py",
            ".key",
            "credentials",
            "tls.crt",
            "keys/",
        ] {
            assert!(!is_secret_file(path), "{path}");
        }
    }
}
