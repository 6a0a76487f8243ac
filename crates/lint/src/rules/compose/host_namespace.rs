//! CMP005 host-namespace: `network_mode: host`, `pid: host` or `ipc: host` shares a host namespace with the
//! container, removing the isolation Docker gives it.

use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::compose::ComposeFile;

declare_rule! {
    /// The service shares the host's network, process or IPC namespace.
    #[derive(Default)]
    pub struct HostNamespace {}
    code = "CMP005", name = "host-namespace", domain = "compose", severity = Warning,
    tags = ["security"], security_severity = 6.0,
}

impl Check<ComposeFile> for HostNamespace {
    fn check(&self, compose: &ComposeFile, cx: &mut Ctx<'_>) {
        for service in compose.own_services() {
            for (key, value) in [
                ("network_mode", &service.network_mode),
                ("pid", &service.pid),
                ("ipc", &service.ipc),
            ] {
                if let Some(value) = value.as_ref().filter(|v| v.value == "host") {
                    cx.report(value.span, format!("service `{}` sets `{key}: host`", service.name.value))
                        .help("drop it: publish ports with `ports:` and share data through volumes instead");
                }
            }
        }
    }
}
