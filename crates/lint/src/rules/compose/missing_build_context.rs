//! CMP013 missing-build-context: `build:` points at a context directory or a Dockerfile that does not
//! exist, so the build fails.

use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::compose::ComposeFile;

declare_rule! {
    /// The build context or its Dockerfile does not exist.
    #[derive(Default)]
    pub struct MissingBuildContext {}
    code = "CMP013", name = "missing-build-context", domain = "compose", severity = Error,
}

impl Check<ComposeFile> for MissingBuildContext {
    fn check(&self, compose: &ComposeFile, cx: &mut Ctx<'_>) {
        for service in compose.own_services() {
            let Some(build) = &service.build else {
                continue;
            };
            if build.outside_root {
                cx.report(
                    build.context.span,
                    format!(
                        "build context `{}` of service `{}` was not checked: {}",
                        build.context.value,
                        service.name.value,
                        shiplint_model::OutsideRoot
                    ),
                )
                .help("keep the build context and its Dockerfile inside the repository (or run with --root for a server audit)");
            } else if build.context_exists == Some(false) {
                cx.report(
                    build.context.span,
                    format!(
                        "build context `{}` of service `{}` does not exist",
                        build.context.value, service.name.value
                    ),
                )
                .help("fix the path; it is relative to the compose file's directory");
            } else if build.dockerfile_exists == Some(false) {
                let name = build
                    .dockerfile
                    .as_ref()
                    .map_or("Dockerfile", |d| d.value.as_str());
                let span = build
                    .dockerfile
                    .as_ref()
                    .map_or(build.context.span, |d| d.span);
                cx.report(
                    span,
                    format!(
                        "Dockerfile `{name}` of service `{}` is not in its build context `{}`",
                        service.name.value, build.context.value
                    ),
                )
                .help("fix `dockerfile:`; it is relative to the build context");
            }
        }
    }
}
