//! CMP003 privileged-service: `privileged: true` gives the container every capability and every device of
//! the host.

use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::compose::ComposeFile;

declare_rule! {
    /// The service runs privileged.
    #[derive(Default)]
    pub struct PrivilegedService {}
    code = "CMP003", name = "privileged-service", domain = "compose", severity = Error,
    tags = ["security"], security_severity = 8.0,
}

impl Check<ComposeFile> for PrivilegedService {
    fn check(&self, compose: &ComposeFile, cx: &mut Ctx<'_>) {
        for service in compose.own_services() {
            if let Some(privileged) = service.privileged.as_ref().filter(|p| p.value) {
                cx.report(privileged.span, format!("service `{}` runs privileged", service.name.value))
                    .help("grant only the capabilities it needs with `cap_add`, and the devices with `devices`");
            }
        }
    }
}
