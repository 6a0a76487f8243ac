//! DKR026 empty-continuation-line: a blank line inside an instruction continued with `\`. BuildKit skips it
//! with a warning today and plans to make it an error; it also usually means a line was deleted by mistake.

use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::docker::DockerImage;

declare_rule! {
    /// A blank line interrupts an instruction continued with a backslash.
    #[derive(Default)]
    pub struct EmptyContinuationLine {}
    code = "DKR026", name = "empty-continuation-line", domain = "docker", severity = Warning,
}

impl Check<DockerImage> for EmptyContinuationLine {
    fn check(&self, image: &DockerImage, cx: &mut Ctx<'_>) {
        for &line in &image.syntax.empty_continuation_lines {
            let escape = image.syntax.escape;
            cx.report(line, "blank line inside a continued instruction")
                .help(format!(
                    "remove the blank line, or end the instruction before it (drop the `{escape}` on the line above)"
                ));
        }
    }
}
