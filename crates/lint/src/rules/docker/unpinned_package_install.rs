//! DKR027 unpinned-package-install: a language package manager installs a package without a version (`pip
//! install flask`, `npm install -g nodemon`, `gem install rake`, `cargo install ripgrep`) or at a moving one
//! (`go install tool@latest`), so two builds of the same commit can get different code.

use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::docker::{Command, DockerImage, Word};

declare_rule! {
    /// A language package is installed without a pinned version.
    #[derive(Default)]
    pub struct UnpinnedPackageInstall {}
    code = "DKR027", name = "unpinned-package-install", domain = "docker", severity = Info,
}

/// pip options whose value is the next word.
const PIP_VALUE_OPTIONS: [&str; 20] = [
    "-r",
    "--requirement",
    "-c",
    "--constraint",
    "-e",
    "--editable",
    "-i",
    "--index-url",
    "--extra-index-url",
    "-f",
    "--find-links",
    "-t",
    "--target",
    "--prefix",
    "--root",
    "--src",
    "--platform",
    "--python-version",
    "--implementation",
    "--abi",
];
/// Packaging tools that are commonly upgraded in place; pinning them is rarely what a reader wants.
const PIP_TOOLING: [&str; 3] = ["pip", "setuptools", "wheel"];
/// Version references that move.
const MOVING: [&str; 5] = ["latest", "master", "main", "HEAD", "head"];

/// The operands of a command, skipping options and the values of the listed value-taking options.
fn operands_skipping<'a>(command: &'a Command, value_options: &[&str]) -> Vec<&'a Word> {
    let mut out = Vec::new();
    let mut skip_next = false;
    for word in command.args() {
        if std::mem::take(&mut skip_next) {
            continue;
        }
        if word.value.starts_with('-') {
            skip_next = value_options.contains(&word.value.as_str());
            continue;
        }
        out.push(word);
    }
    out
}

/// Whether a requirement names a file, a directory, a URL or a variable rather than an index package.
fn is_local_or_dynamic(spec: &str) -> bool {
    spec.starts_with(['.', '/', '~', '$'])
        || spec.contains("://")
        || spec.contains('$')
        || [".whl", ".tar.gz", ".zip"]
            .iter()
            .any(|ext| spec.ends_with(ext))
}

/// The unpinned package words of one install command.
fn unpinned(command: &Command) -> Vec<&Word> {
    let Some(name) = command.name() else {
        return Vec::new();
    };
    let operands: Vec<&Word> = match name {
        "pip" | "pip3" => {
            if command.subcommand() != Some("install")
                || command.has_option(Some('c'), &["constraint"])
            {
                return Vec::new();
            }
            operands_skipping(command, &PIP_VALUE_OPTIONS)
                .into_iter()
                .skip(1)
                .filter(|w| {
                    let spec = w.value.as_str();
                    !is_local_or_dynamic(spec)
                        && !spec.contains(['=', '<', '>', '~', '@', '!'])
                        && !PIP_TOOLING.contains(&spec.to_ascii_lowercase().as_str())
                })
                .collect()
        }
        "npm" | "pnpm"
            if matches!(command.subcommand(), Some("install" | "i" | "add"))
                && command.has_option(Some('g'), &["global"]) =>
        {
            command
                .operands()
                .skip(1)
                .filter(|w| {
                    let spec = w.value.trim_start_matches('@');
                    !is_local_or_dynamic(&w.value) && !spec.contains('@') && !spec.contains('#')
                })
                .collect()
        }
        "gem" if command.subcommand() == Some("install") => {
            if command.has_option(Some('v'), &["version"]) {
                return Vec::new();
            }
            operands_skipping(
                command,
                &["--source", "-s", "--install-dir", "-i", "--bindir", "-n"],
            )
            .into_iter()
            .skip(1)
            .filter(|w| {
                !is_local_or_dynamic(&w.value)
                    && !w.value.ends_with(".gem")
                    && !w.value.contains(':')
            })
            .collect()
        }
        "cargo" if command.subcommand() == Some("install") => {
            if command.has_option(None, &["version", "vers", "path", "git", "rev", "tag"]) {
                return Vec::new();
            }
            operands_skipping(
                command,
                &[
                    "--root",
                    "--target",
                    "--features",
                    "-F",
                    "--profile",
                    "-j",
                    "--jobs",
                    "--index",
                    "--registry",
                ],
            )
            .into_iter()
            .skip(1)
            .filter(|w| !is_local_or_dynamic(&w.value) && !w.value.contains('@'))
            .collect()
        }
        "go" if command.subcommand() == Some("install") => command
            .operands()
            .skip(1)
            .filter(|w| {
                w.value
                    .rsplit_once('@')
                    .is_some_and(|(_, version)| MOVING.contains(&version))
            })
            .collect(),
        _ => Vec::new(),
    };
    operands
}

impl Check<DockerImage> for UnpinnedPackageInstall {
    fn check(&self, image: &DockerImage, cx: &mut Ctx<'_>) {
        for command in image.commands() {
            let words = unpinned(command);
            let (Some(first), Some(last)) = (words.first(), words.last()) else {
                continue;
            };
            let shown: Vec<String> = words
                .iter()
                .take(3)
                .map(|w| format!("`{}`", w.value))
                .collect();
            let more = match words.len() {
                0..=3 => String::new(),
                n => format!(" and {} more", n - 3),
            };
            let moving = command.name() == Some("go");
            let what = if moving {
                "at a moving version"
            } else {
                "without a version"
            };
            let verb = if words.len() == 1 { "is" } else { "are" };
            cx.report(
                first.span.cover(last.span),
                format!("{}{more} {verb} installed {what}", shown.join(", ")),
            )
            .help(match command.name() {
                Some("pip" | "pip3") => {
                    "pin each package (`flask==3.0.3`), or install from a locked requirements file"
                }
                Some("npm" | "pnpm") => "pin the version: `npm install -g nodemon@3.1.4`",
                Some("gem") => "pin the version with `-v`: `gem install rake -v 13.2.1`",
                Some("cargo") => "pin the version with `--version` (and use `--locked`)",
                _ => "install a tagged version: `go install example.com/tool@v1.4.2`",
            });
        }
    }
}
