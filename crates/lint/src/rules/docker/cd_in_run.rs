//! DKR009 cd-in-run: `cd` inside RUN to set the directory for the commands after it, where WORKDIR says it
//! once and holds for the following instructions too.

use super::common::{is_within, rm_operands};
use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::docker::{Command, DockerImage, Separator};

declare_rule! {
    /// RUN changes directory with `cd` where WORKDIR would do.
    #[derive(Default)]
    pub struct CdInRun {}
    code = "DKR009", name = "cd-in-run", domain = "docker", severity = Info,
}

/// Whether the directory is scratch space: temporary, or removed later in the same script. WORKDIR would
/// leave it in the image and make it the working directory of every later instruction, so `cd` is right.
fn is_scratch_dir(target: &str, rest: &[Command]) -> bool {
    let lower = target.to_ascii_lowercase();
    if lower.contains("tmp") || lower.contains("temp") || target == "/" || target == "-" {
        return true;
    }
    rm_operands(rest.iter()).any(|removed| {
        let removed = removed.trim_end_matches('/');
        !removed.is_empty() && is_within(target, removed)
    })
}

impl Check<DockerImage> for CdInRun {
    fn check(&self, image: &DockerImage, cx: &mut Ctx<'_>) {
        for stage in &image.stages {
            for run in &stage.runs {
                for script in &run.scripts {
                    // A `cd` right after `(` runs in a subshell: that is how to change directory for a
                    // few commands only, which WORKDIR cannot do.
                    let mut previous: Option<Separator> = None;
                    let found = script.commands.iter().enumerate().find_map(|(i, c)| {
                        let in_subshell = previous == Some(Separator::Group);
                        previous = c.separator;
                        if c.name() != Some("cd") || in_subshell {
                            return None;
                        }
                        let target = c.operands().next().map_or("~", |w| w.value.as_str());
                        let rest = script.commands.get(i + 1..).unwrap_or(&[]);
                        (!is_scratch_dir(target, rest)).then_some((c, target))
                    });
                    if let Some((cd, target)) = found {
                        cx.report(cd.span, format!("`cd {target}` changes directory inside RUN"))
                            .help(format!(
                                "use `WORKDIR {target}` before the RUN; it also applies to later instructions"
                            ));
                        break;
                    }
                }
            }
        }
    }
}
