//! DKR009 cd-in-run: `cd` inside RUN to set the directory for the commands after it, where WORKDIR says it
//! once and holds for the following instructions too.

use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::docker::{DockerImage, Separator};

declare_rule! {
    /// RUN changes directory with `cd` where WORKDIR would do.
    #[derive(Default)]
    pub struct CdInRun {}
    code = "DKR009", name = "cd-in-run", domain = "docker", severity = Info,
}

impl Check<DockerImage> for CdInRun {
    fn check(&self, image: &DockerImage, cx: &mut Ctx<'_>) {
        for stage in &image.stages {
            for run in &stage.runs {
                for script in &run.scripts {
                    // A `cd` right after `(` runs in a subshell: that is how to change directory for a
                    // few commands only, which WORKDIR cannot do.
                    let mut previous: Option<Separator> = None;
                    let found = script.commands.iter().find(|c| {
                        let in_subshell = previous == Some(Separator::Group);
                        previous = c.separator;
                        c.name() == Some("cd") && !in_subshell
                    });
                    if let Some(cd) = found {
                        let target = cd.operands().next().map_or("~", |w| w.value.as_str());
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
