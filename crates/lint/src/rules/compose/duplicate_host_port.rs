//! CMP009 duplicate-host-port: two port mappings publish the same host port and protocol on overlapping
//! addresses (the same IP, or one of them on every interface), so the second container fails to start
//! with "port is already allocated". Ranges count with every port they hold.

use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::compose::{ComposeFile, Port};

declare_rule! {
    /// Two services publish the same host port.
    #[derive(Default)]
    pub struct DuplicateHostPort {}
    code = "CMP009", name = "duplicate-host-port", domain = "compose", severity = Error,
}

fn host_range(port: &Port) -> Option<(u32, u32)> {
    let published = port.published.as_deref()?;
    let (start, end) = published.split_once('-').unwrap_or((published, published));
    Some((start.parse().ok()?, end.parse().ok()?))
}

fn overlapping_ip(a: Option<&str>, b: Option<&str>) -> bool {
    let all = |ip: Option<&str>| ip.is_none_or(|ip| matches!(ip, "0.0.0.0" | "::"));
    all(a) || all(b) || a == b
}

impl Check<ComposeFile> for DuplicateHostPort {
    fn check(&self, compose: &ComposeFile, cx: &mut Ctx<'_>) {
        let mut seen: Vec<(&str, &Port, (u32, u32))> = Vec::new();
        for service in compose.services.iter().filter(|s| s.profiles.is_empty()) {
            for port in &service.ports {
                let Some(range) = host_range(port) else {
                    continue;
                };
                // A published range with one container port lets Docker choose a free port in it.
                if range.0 != range.1 {
                    continue;
                }
                let clash = seen.iter().find(|(_, other, r)| {
                    other.protocol == port.protocol
                        && r.0 <= range.1
                        && range.0 <= r.1
                        && overlapping_ip(other.host_ip.as_deref(), port.host_ip.as_deref())
                        && other.published_span != port.published_span
                });
                if let Some((other_service, other, _)) = clash {
                    cx.report(
                        port.published_span,
                        format!(
                            "host port {}/{} of service `{}` is already published by service `{other_service}`",
                            range.0, port.protocol, service.name.value
                        ),
                    )
                    .label(other.published_span, "published here first")
                    .help("publish one of them on another host port");
                } else {
                    seen.push((&service.name.value, port, range));
                }
            }
        }
    }
}
