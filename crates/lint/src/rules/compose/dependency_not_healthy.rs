//! CMP007 dependency-not-healthy: a `depends_on` entry without a condition only waits for the dependency's
//! container to start, not for it to be ready, so the dependent service races it on every start. Reported
//! when the dependency has a healthcheck (use it with `condition: service_healthy`) and when it has none
//! (add one). An explicit condition is a choice and is left alone, as is a dependency this file does not
//! define.

use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::compose::ComposeFile;

declare_rule! {
    /// `depends_on` waits only for the dependency to start, not to be healthy.
    #[derive(Default)]
    pub struct DependencyNotHealthy {}
    code = "CMP007", name = "dependency-not-healthy", domain = "compose", severity = Warning,
}

impl Check<ComposeFile> for DependencyNotHealthy {
    fn check(&self, compose: &ComposeFile, cx: &mut Ctx<'_>) {
        for service in compose.own_services() {
            for dependency in service.depends_on.iter().filter(|d| d.condition.is_none()) {
                let Some(target) = compose.service(&dependency.service.value) else {
                    continue;
                };
                let name = &dependency.service.value;
                match target.healthcheck.as_ref().filter(|h| !h.disabled) {
                    Some(healthcheck) => {
                        cx.report(
                            dependency.service.span,
                            format!("service `{}` starts once `{name}` has started, not once it is healthy", service.name.value),
                        )
                        .label(healthcheck.span, "its healthcheck")
                        .help(format!("write `depends_on: {{{name}: {{condition: service_healthy}}}}`"));
                    }
                    None => {
                        cx.report(
                            dependency.service.span,
                            format!("service `{}` depends on `{name}`, which has no healthcheck to wait for", service.name.value),
                        )
                        .help(format!("give `{name}` a `healthcheck:` and depend on it with `condition: service_healthy`"));
                    }
                }
            }
        }
    }
}
