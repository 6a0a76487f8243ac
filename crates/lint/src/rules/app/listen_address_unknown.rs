//! APP003 listen-address-unknown: the port a containerised Go app listens on could not be resolved (read from
//! a config file, a struct field, a whole address from the environment, ...). The port checks then fall back
//! to the image's EXPOSE and the compose ports; this says so, with the reason, instead of guessing. Also a
//! compose build of a Go module whose main package could not be told: none of its ports was compared.

use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::Project;
use shiplint_model::stack::{AppBuilder, ListenResolution};
use shiplint_syntax::Span;

declare_rule! {
    /// The port a containerised app listens on could not be resolved, so it was not compared.
    #[derive(Default)]
    pub struct ListenAddressUnknown {}
    code = "APP003", name = "listen-address-unknown", domain = "app", severity = Info,
}

impl Check<Project> for ListenAddressUnknown {
    fn check(&self, project: &Project, cx: &mut Ctx<'_>) {
        for app in &project.stack.apps {
            for listen in &app.listens {
                let ListenResolution::Unknown { reason } = &listen.resolution else {
                    continue;
                };
                let finding = cx.report(
                    listen.span,
                    format!(
                        "the port this app listens on is unknown: {reason}; port-mismatch compares the other hops \
                         only"
                    ),
                );
                if let AppBuilder::Service(index) = app.built_by
                    && let Some(service) = project.stack.services.get(index)
                {
                    finding.label(
                        service.name.span,
                        format!("runs in compose service `{}`", service.name.value),
                    );
                }
                finding.help(
                    "write the address where it can be read (a literal, a constant, or `os.Getenv(\"PORT\")` with a \
                     fallback), or keep the image's EXPOSE and the compose ports in step with the configuration by hand",
                );
            }
        }
        for build in &project.stack.unlinked_builds {
            let (Some(service), Some(module)) = (
                project.stack.services.get(build.service),
                project.go_modules().get(build.module),
            ) else {
                continue;
            };
            let Some(span) = service.build.as_ref().map(|b| b.span) else {
                continue;
            };
            let mains: Vec<String> = module
                .mains
                .iter()
                .map(|m| format!("`{}`", m.dir.display()))
                .collect();
            let module_span = module
                .module
                .as_ref()
                .map_or_else(|| Span::empty(module.go_mod, 0), |m| m.span);
            cx.report(
                span,
                format!(
                    "which main package service `{}` builds could not be told from `go build {}`, so its listen \
                     address and gin mode were not checked",
                    service.name.value,
                    build.packages.join(" ")
                ),
            )
            .label(module_span, format!("this module has main packages {}", mains.join(", ")))
            .help("name the main package's directory in the Dockerfile's `go build` (`go build ./cmd/api`)");
        }
    }
}
