//! STK003 unknown-build-target: a compose `build.target` names no stage of the Dockerfile the build uses, so
//! `docker compose build` stops (`target stage "x" could not be found`).

use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::Project;

declare_rule! {
    /// A compose `build.target` names no stage of the Dockerfile.
    #[derive(Default)]
    pub struct UnknownBuildTarget {}
    code = "STK003", name = "unknown-build-target", domain = "stack", severity = Error,
}

impl Check<Project> for UnknownBuildTarget {
    fn check(&self, project: &Project, cx: &mut Ctx<'_>) {
        for service in &project.stack.services {
            let Some(build) = &service.build else {
                continue;
            };
            let (Some(target), Some(dockerfile)) = (&build.target, build.dockerfile()) else {
                continue;
            };
            if dockerfile.stage.is_some() {
                continue;
            }
            let Some(image) = project
                .documents
                .get(dockerfile.file.0 as usize)
                .and_then(|d| d.dockerfile())
            else {
                continue;
            };
            let names: Vec<String> = image
                .stages
                .iter()
                .filter_map(|s| s.alias.as_ref().map(|a| format!("`{}`", a.value)))
                .collect();
            let known = match names.is_empty() {
                true => "it names no stage".to_string(),
                false => format!("its stages are {}", names.join(", ")),
            };
            let finding = cx.report(
                target.span,
                format!(
                    "build target `{}` of service `{}` is no stage of `{}`: {known}",
                    target.value,
                    service.name.value,
                    project.file(dockerfile.file).path
                ),
            );
            for stage in image.stages.iter().filter(|s| s.alias.is_some()) {
                finding.label(stage.from_span, format!("stage `{}`", stage.display_name()));
            }
            finding.help("name a stage the Dockerfile declares with `FROM ... AS <name>`, or drop `target` to build the last stage");
        }
    }
}
