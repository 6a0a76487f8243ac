//! DKR020 relative-workdir: WORKDIR with a relative path, which resolves against whatever directory the base
//! image (or an earlier WORKDIR) left, and silently moves when that changes.

use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::docker::DockerImage;
use shiplint_syntax::dockerfile::{Arguments, Keyword};

declare_rule! {
    /// WORKDIR is a relative path, so it depends on the directory the base image sets.
    #[derive(Default)]
    pub struct RelativeWorkdir {}
    code = "DKR020", name = "relative-workdir", domain = "docker", severity = Warning,
}

fn is_absolute(path: &str) -> bool {
    let bytes = path.as_bytes();
    // Unix paths, a variable that may hold an absolute path, and Windows `C:\` or `C:/` paths.
    path.starts_with(['/', '$', '\\'])
        || (bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':')
        || path.starts_with(['"', '\'']) && is_absolute(&path[1..])
}

impl Check<DockerImage> for RelativeWorkdir {
    fn check(&self, image: &DockerImage, cx: &mut Ctx<'_>) {
        for instruction in &image.syntax.instructions {
            let (Keyword::Workdir, Arguments::Shell(text)) =
                (instruction.keyword, &instruction.args)
            else {
                continue;
            };
            let path = text.text.trim();
            if path.is_empty() || is_absolute(path) {
                continue;
            }
            cx.report(text.span, format!("`WORKDIR {path}` is a relative path"))
                .help(format!(
                    "write the absolute path: `WORKDIR /{}`",
                    path.trim_start_matches("./")
                ));
        }
    }
}
