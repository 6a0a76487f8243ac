//! NGX010 resolver-external: `resolver` points at a public DNS server, whose answers an attacker on the
//! path can spoof (nginx's resolver has no DNSSEC and predictable queries).

use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::nginx::NginxConfig;
use std::net::IpAddr;

declare_rule! {
    /// The DNS resolver nginx uses is a public server reached over the internet.
    #[derive(Default)]
    pub struct ResolverExternal {}
    code = "NGX010", name = "resolver-external", domain = "nginx", severity = Warning,
    tags = ["security"], security_severity = 4.0,
}

/// The address part of a resolver argument (`8.8.8.8`, `8.8.8.8:53`, `[2001:4860::8888]:53`).
fn address(value: &str) -> Option<IpAddr> {
    if let Some(inner) = value.strip_prefix('[') {
        return inner.split(']').next()?.parse().ok();
    }
    value
        .parse()
        .ok()
        .or_else(|| value.rsplit_once(':')?.0.parse().ok())
}

fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            !(v4.is_private()
                || v4.is_loopback()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.octets()[0] == 100 && (64..128).contains(&v4.octets()[1]))
        }
        IpAddr::V6(v6) => {
            let first = v6.segments()[0];
            !(v6.is_loopback()
                || v6.is_unspecified()
                || (first & 0xfe00) == 0xfc00
                || (first & 0xffc0) == 0xfe80)
        }
    }
}

impl Check<NginxConfig> for ResolverExternal {
    fn check(&self, config: &NginxConfig, cx: &mut Ctx<'_>) {
        for (_, directive) in config.walk() {
            if directive.name() != "resolver" {
                continue;
            }
            let public: Vec<_> = directive
                .args
                .iter()
                .filter(|a| !a.value.contains('=') && address(&a.value).is_some_and(is_public))
                .collect();
            let (Some(first), Some(last)) = (public.first(), public.last()) else {
                continue;
            };
            let names: Vec<&str> = public.iter().map(|a| a.value.as_str()).collect();
            cx.report(
                first.span.cover(last.span),
                format!(
                    "`resolver` uses public DNS servers: `{}`",
                    names.join("`, `")
                ),
            )
            .help(
                "use a resolver on the local network or host (127.0.0.1, or 127.0.0.11 in Docker)",
            );
        }
    }
}
