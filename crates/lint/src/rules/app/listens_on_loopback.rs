//! APP002 listens-on-loopback: a containerised Go app listens on `127.0.0.1`, `localhost` or `::1`, which
//! inside a container only the container itself can reach. A loopback listener counts when traffic is sent
//! to its port (compose ports, `expose`, EXPOSE, an nginx hop) or when the app has no other listener; a
//! side listener such as pprof on `localhost:6060` is left alone.

use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::Project;
use shiplint_model::golang::ListenAddress;
use shiplint_model::stack::{AppBuilder, AppLink, ListenResolution, ProxyTarget};
use shiplint_syntax::Span;

declare_rule! {
    /// A containerised app listens on the loopback address, which nothing outside its container reaches.
    #[derive(Default)]
    pub struct ListensOnLoopback {}
    code = "APP002", name = "listens-on-loopback", domain = "app", severity = Error,
}

fn is_loopback(host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost") || host == "::1" || host.starts_with("127.")
}

/// `host:port` as an address is written (`[::1]:8080`).
fn host_port(host: &str, port: u16) -> String {
    match host.contains(':') {
        true => format!("[{host}]:{port}"),
        false => format!("{host}:{port}"),
    }
}

/// One listener of an app as far as it is known: the host even when the port is not (`127.0.0.1:` + a
/// port from a variable nothing sets).
struct Listener<'a> {
    span: Span,
    host: Option<&'a str>,
    port: Option<u16>,
    evidence: &'a [(Span, String)],
    unknown_port: Option<&'a str>,
}

fn listeners<'a>(project: &'a Project, app: &'a AppLink) -> Vec<Listener<'a>> {
    let written = project
        .go_modules()
        .get(app.module)
        .and_then(|m| m.mains.get(app.main))
        .map_or(&[][..], |main| main.listens.as_slice());
    app.listens
        .iter()
        .enumerate()
        .map(|(index, listen)| match &listen.resolution {
            ListenResolution::Resolved {
                host,
                port,
                evidence,
            } => Listener {
                span: listen.span,
                host: host.as_deref(),
                port: Some(*port),
                evidence,
                unknown_port: None,
            },
            ListenResolution::Unknown { reason } => Listener {
                span: listen.span,
                host: written.get(index).and_then(|l| written_host(&l.address)),
                port: None,
                evidence: &[],
                unknown_port: Some(reason),
            },
        })
        .collect()
}

/// The host an address's code writes whatever the port turns out to be.
fn written_host(address: &ListenAddress) -> Option<&str> {
    match address {
        ListenAddress::Fixed { host, .. } | ListenAddress::FromEnv { host, .. } => host.as_deref(),
        ListenAddress::FromFlag { .. } | ListenAddress::Unknown { .. } => None,
    }
}

/// The container ports traffic is sent to: the service's compose ports, `expose` and EXPOSE, and the nginx
/// hops that reach it; each with where it is written and its range.
fn targeted_ports(project: &Project, app: &AppLink) -> Vec<(Span, u16, u16)> {
    let AppBuilder::Service(index) = app.built_by else {
        return Vec::new();
    };
    let Some(service) = project.stack.services.get(index) else {
        return Vec::new();
    };
    let mut out: Vec<(Span, u16, u16)> = service
        .ports
        .iter()
        .map(|p| (p.span, p.first, p.last))
        .collect();
    for hop in &project.stack.proxies {
        match hop.target {
            ProxyTarget::Service(target) if target == index => {
                if let Some(port) = hop.port {
                    out.push((hop.anchor(), port, port));
                }
            }
            ProxyTarget::Published {
                service: target,
                port,
            } if target == index => {
                if let Some(entry) = service.ports.get(port) {
                    out.push((hop.anchor(), entry.first, entry.last));
                }
            }
            _ => {}
        }
    }
    out
}

impl Check<Project> for ListensOnLoopback {
    fn check(&self, project: &Project, cx: &mut Ctx<'_>) {
        for app in &project.stack.apps {
            let listeners = listeners(project, app);
            let all_loopback = listeners.iter().all(|l| l.host.is_some_and(is_loopback));
            let targeted = targeted_ports(project, app);
            for listener in &listeners {
                let Some(host) = listener.host.filter(|h| is_loopback(h)) else {
                    continue;
                };
                let reached: Vec<Span> = match listener.port {
                    Some(port) if !all_loopback => targeted
                        .iter()
                        .filter(|(_, first, last)| (*first..=*last).contains(&port))
                        .map(|(span, _, _)| *span)
                        .collect(),
                    _ => targeted.iter().map(|(span, _, _)| *span).collect(),
                };
                // A side listener (pprof on `localhost:6060`) that nothing sends traffic to is on purpose.
                if !all_loopback && reached.is_empty() {
                    continue;
                }
                let message = match (listener.port, listener.unknown_port) {
                    (Some(port), _) => format!(
                        "the app listens on `{}` inside a container, where only the container itself can reach it",
                        host_port(host, port)
                    ),
                    (None, reason) => format!(
                        "the app listens on `{host}` inside a container, where only the container itself can reach \
                         it (its port is unknown: {})",
                        reason.unwrap_or("not resolved")
                    ),
                };
                let finding = cx.report(listener.span, message);
                for (span, why) in listener
                    .evidence
                    .iter()
                    .filter(|(span, _)| *span != listener.span)
                {
                    finding.label(*span, why.clone());
                }
                match app.built_by {
                    AppBuilder::Service(index) => {
                        if let Some(service) = project.stack.services.get(index) {
                            finding.label(
                                service.name.span,
                                format!(
                                    "runs in the container of compose service `{}`",
                                    service.name.value
                                ),
                            );
                        }
                    }
                    AppBuilder::Dockerfile { file, stage } => {
                        if let Some(stage) = project
                            .documents
                            .get(file.0 as usize)
                            .and_then(|d| d.dockerfile())
                            .and_then(|image| image.stages.get(stage))
                        {
                            finding.label(stage.from_span, "runs in this image's container");
                        }
                    }
                }
                for span in reached {
                    finding.label(span, "this port cannot reach it");
                }
                let port = listener
                    .port
                    .map_or_else(|| "PORT".to_string(), |p| p.to_string());
                finding.help(format!(
                    "listen on every interface of the container (`:{port}` or `0.0.0.0:{port}`); publish the port \
                     on `127.0.0.1` in compose instead when only the host may reach it"
                ));
            }
        }
    }
}
