//! DKR013 invalid-expose-port: an EXPOSE entry that is not a port (or range) from 1 to 65535 with protocol
//! tcp, udp or sctp.

use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::docker::DockerImage;

declare_rule! {
    /// EXPOSE names a port outside 1-65535, a malformed range or an unknown protocol.
    #[derive(Default)]
    pub struct InvalidExposePort {}
    code = "DKR013", name = "invalid-expose-port", domain = "docker", severity = Error,
}

impl Check<DockerImage> for InvalidExposePort {
    fn check(&self, image: &DockerImage, cx: &mut Ctx<'_>) {
        for stage in &image.stages {
            // Entries inherited from a parent stage were checked there.
            let own = stage
                .expose
                .iter()
                .filter(|p| p.span.start > stage.from_span.start);
            for port in own {
                if port.unresolved {
                    continue;
                }
                let message = match (port.ports, port.protocol.as_deref()) {
                    (None, _) => format!("`{}` is not a port number or range", port.text),
                    (Some((low, high)), _) if low == 0 || high > 65535 => {
                        format!("port `{}` is outside 1-65535", port.text)
                    }
                    (Some((low, high)), _) if low > high => {
                        format!(
                            "port range `{}` is empty: it starts after it ends",
                            port.text
                        )
                    }
                    (_, Some(protocol)) if !matches!(protocol, "tcp" | "udp" | "sctp") => {
                        format!(
                            "`{protocol}` in `{}` is not a protocol EXPOSE knows",
                            port.text
                        )
                    }
                    _ => continue,
                };
                cx.report(port.span, message)
                    .help("write a port from 1 to 65535, optionally a `low-high` range and `/tcp`, `/udp` or `/sctp`");
            }
        }
    }
}
