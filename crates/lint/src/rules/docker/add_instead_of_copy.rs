//! DKR007 add-instead-of-copy: ADD of local files or directories, where COPY does the same without ADD's
//! implicit URL download and archive extraction.

use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::docker::{DockerImage, copy_operands};
use shiplint_syntax::dockerfile::Keyword;

declare_rule! {
    /// ADD is used for local files that COPY copies the same way.
    #[derive(Default)]
    pub struct AddInsteadOfCopy {}
    code = "DKR007", name = "add-instead-of-copy", domain = "docker", severity = Warning,
}

/// Archives ADD extracts: using ADD for them is intended.
const ARCHIVES: [&str; 12] = [
    ".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz", ".tbz2", ".tar.xz", ".txz", ".tar.zst", ".tzst",
    ".gz", ".xz",
];

fn is_remote(source: &str) -> bool {
    source.contains("://") || source.starts_with("git@")
}

fn is_archive(source: &str) -> bool {
    let lower = source.to_ascii_lowercase();
    ARCHIVES.iter().any(|ext| lower.ends_with(ext))
}

impl Check<DockerImage> for AddInsteadOfCopy {
    fn check(&self, image: &DockerImage, cx: &mut Ctx<'_>) {
        for instruction in &image.syntax.instructions {
            if instruction.keyword != Keyword::Add || !instruction.heredocs.is_empty() {
                continue;
            }
            let (sources, _) = copy_operands(instruction);
            let local = sources
                .iter()
                .all(|s| !is_remote(&s.value) && !is_archive(&s.value));
            let (Some(first), true) = (sources.first(), local) else {
                continue;
            };
            cx.report(
                instruction.keyword_span,
                format!("`ADD` copies the local path `{}`", first.value),
            )
            .help("use `COPY`: it copies the same files, and never downloads or extracts");
        }
    }
}
