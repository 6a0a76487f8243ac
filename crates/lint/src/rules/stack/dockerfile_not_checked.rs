//! STK004 dockerfile-not-checked: the Dockerfile a compose service builds exists but was not among the files
//! checked, so the stage it ships, its environment, ports and Go app are not linked. Said, never skipped.

use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::Project;

declare_rule! {
    /// The Dockerfile a compose service builds was not among the checked files.
    #[derive(Default)]
    pub struct DockerfileNotChecked {}
    code = "STK004", name = "dockerfile-not-checked", domain = "stack", severity = Info,
}

impl Check<Project> for DockerfileNotChecked {
    fn check(&self, project: &Project, cx: &mut Ctx<'_>) {
        for service in &project.stack.services {
            let Some(link) = &service.build else {
                continue;
            };
            let (Some(path), None) = (&link.path, &link.dockerfile) else {
                continue;
            };
            // A missing context or Dockerfile is missing-build-context's (CMP) to report.
            let exists = service
                .written(project)
                .and_then(|s| s.build.as_ref())
                .is_some_and(|b| b.dockerfile_exists == Some(true));
            if !exists {
                continue;
            }
            cx.report(
                link.span,
                format!(
                    "the Dockerfile `{}` of service `{}` was not checked, so the stage it ships, its ports, \
                     environment and Go app are not linked",
                    path.display(),
                    service.name.value
                ),
            )
            .help("check the whole project (its directory) rather than single files, or include the Dockerfile in the paths given");
        }
    }
}
