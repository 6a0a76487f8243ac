//! DKR015 insecure-download: curl, wget, `git clone` or ADD fetch from a plain `http://` URL, and nothing in
//! the same step checks a checksum or signature, so anyone on the path can change what is installed.

use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::docker::{DockerImage, Run, copy_operands};
use shiplint_syntax::Span;
use shiplint_syntax::dockerfile::Keyword;

declare_rule! {
    /// A file is downloaded over plain HTTP without an integrity check.
    #[derive(Default)]
    pub struct InsecureDownload {}
    code = "DKR015", name = "insecure-download", domain = "docker", severity = Warning,
    tags = ["security"], security_severity = 5.5,
}

/// Whether a URL is plain HTTP to a host outside the build machine.
fn is_insecure_url(url: &str) -> bool {
    let Some(rest) = url
        .get(..7)
        .filter(|s| s.eq_ignore_ascii_case("http://"))
        .map(|_| &url[7..])
    else {
        return false;
    };
    let host = rest.split(['/', ':', '?']).next().unwrap_or("");
    !matches!(host, "localhost" | "127.0.0.1" | "0.0.0.0") && !host.starts_with('[')
}

/// Commands that verify what was downloaded.
fn verifies(run: &Run) -> bool {
    run.commands().any(|c| match c.name() {
        Some("sha256sum" | "sha512sum" | "sha384sum" | "gpgv" | "cosign" | "minisign") => true,
        Some("gpg" | "gpg2") => c.has_option(None, &["verify"]),
        _ => false,
    })
}

impl Check<DockerImage> for InsecureDownload {
    fn check(&self, image: &DockerImage, cx: &mut Ctx<'_>) {
        for stage in &image.stages {
            for run in &stage.runs {
                if verifies(run) {
                    continue;
                }
                for command in run.commands() {
                    let downloads = match command.name() {
                        Some("curl" | "wget") => true,
                        Some("git") => command.subcommand() == Some("clone"),
                        _ => false,
                    };
                    if !downloads {
                        continue;
                    }
                    for word in command.args().iter().filter(|w| is_insecure_url(&w.value)) {
                        report(cx, word.span, &word.value);
                    }
                }
            }
        }
        for instruction in image
            .syntax
            .instructions
            .iter()
            .filter(|i| i.keyword == Keyword::Add)
        {
            let checked = instruction.flag("checksum").is_some();
            let (sources, _) = copy_operands(instruction);
            for source in sources
                .iter()
                .filter(|s| !checked && is_insecure_url(&s.value))
            {
                report(cx, source.span, &source.value);
            }
        }
    }
}

fn report(cx: &mut Ctx<'_>, span: Span, url: &str) {
    cx.report(span, format!("`{url}` is downloaded over plain HTTP"))
        .help("use `https://`, or verify the file's checksum or signature in the same step");
}
