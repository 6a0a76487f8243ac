//! APP003 listen-address-unknown: the port a containerised Go app listens on could not be resolved (read from
//! a config file, a struct field, a whole address from the environment, ...). The port checks then fall back
//! to the image's EXPOSE and the compose ports; this says so, with the reason, instead of guessing.

use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::Project;
use shiplint_model::stack::{AppBuilder, ListenResolution};

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
    }
}
