//! STK001 port-mismatch: the ports along one path disagree. The port a service really listens on is taken
//! from the best evidence there is: the app's listen address (resolved through the container environment),
//! else the shipped stage's EXPOSE, else the ports the compose service declares. Every other hop (EXPOSE,
//! compose `ports` container side and `expose`, nginx `proxy_pass` and `upstream` servers) must agree.

use crate::Finding;
use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::Project;
use shiplint_model::stack::{
    AppBuilder, ContainerPort, ListenResolution, PortSource, ProxyHop, ProxyTarget, ServiceLink,
};
use shiplint_syntax::Span;
use std::collections::BTreeSet;

declare_rule! {
    /// The ports along one path (app, EXPOSE, compose, nginx) disagree.
    #[derive(Default)]
    pub struct PortMismatch {}
    code = "STK001", name = "port-mismatch", domain = "stack", severity = Error,
}

/// What a service is known to listen on, and the spans that say so.
struct Listening {
    /// The port ranges.
    ports: Vec<(u16, u16)>,
    /// How the message names the evidence (`the app listens on`, `its image EXPOSEs`).
    said_by: &'static str,
    /// The spans that say it, with why each is shown.
    evidence: Vec<(Span, String)>,
    /// Which declared ports are the evidence (not checked against themselves).
    source: Option<PortSource>,
}

impl Listening {
    fn contains(&self, port: u16) -> bool {
        self.ports
            .iter()
            .any(|(first, last)| (*first..=*last).contains(&port))
    }

    fn text(&self) -> String {
        let mut ports: Vec<String> = self
            .ports
            .iter()
            .map(|(first, last)| match first == last {
                true => first.to_string(),
                false => format!("{first}-{last}"),
            })
            .collect();
        ports.dedup();
        ports
            .iter()
            .map(|p| format!("`{p}`"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

fn declared<'a>(
    service: &'a ServiceLink,
    sources: &'a [PortSource],
) -> impl Iterator<Item = &'a ContainerPort> + 'a {
    service.ports.iter().filter(|p| sources.contains(&p.source))
}

fn from_ports(
    service: &ServiceLink,
    sources: &[PortSource],
    said_by: &'static str,
) -> Option<Listening> {
    let ports: Vec<&ContainerPort> = declared(service, sources).collect();
    (!ports.is_empty()).then(|| Listening {
        ports: ports.iter().map(|p| (p.first, p.last)).collect(),
        said_by,
        evidence: ports
            .iter()
            .map(|p| (p.span, format!("declares container port `{}`", p.text())))
            .collect(),
        source: sources.first().copied(),
    })
}

/// The ports the Go app built by service `index` listens on, when every listen address resolves.
fn from_app(project: &Project, index: usize) -> Option<Listening> {
    let mut ports = Vec::new();
    let mut evidence = Vec::new();
    let apps = project
        .stack
        .apps
        .iter()
        .filter(|a| a.built_by == AppBuilder::Service(index));
    for listen in apps.flat_map(|a| &a.listens) {
        match &listen.resolution {
            ListenResolution::Resolved {
                port,
                evidence: why,
                ..
            } => {
                ports.push((*port, *port));
                evidence.extend(why.iter().cloned());
            }
            ListenResolution::Unknown { .. } => return None,
        }
    }
    (!ports.is_empty()).then_some(Listening {
        ports,
        said_by: "the app listens on",
        evidence,
        source: None,
    })
}

/// The best evidence of what service `index` listens on, if any.
fn listening(project: &Project, index: usize, service: &ServiceLink) -> Option<Listening> {
    from_app(project, index)
        .or_else(|| from_ports(service, &[PortSource::Dockerfile], "its image EXPOSEs"))
        .or_else(|| {
            from_ports(
                service,
                &[PortSource::Published, PortSource::Expose],
                "it declares container ports",
            )
        })
}

fn what(port: &ContainerPort) -> &'static str {
    match port.source {
        PortSource::Published => "the compose `ports` entry",
        PortSource::Expose => "the compose `expose` entry",
        PortSource::Dockerfile => "`EXPOSE`",
    }
}

/// Every other hop of the path to service `index` as related locations: what it listens on, its declared
/// ports, the proxies to it, and the service itself. `primary` is left out, and each span is shown once.
fn label_path(
    finding: &mut Finding,
    project: &Project,
    index: usize,
    truth: &Listening,
    primary: Span,
) {
    let service = &project.stack.services[index];
    let mut shown: BTreeSet<Span> = BTreeSet::from([primary]);
    for (span, why) in &truth.evidence {
        if shown.insert(*span) {
            finding.label(*span, why.clone());
        }
    }
    for port in &service.ports {
        if shown.insert(port.span) {
            finding.label(
                port.span,
                format!("{} gives container port `{}`", what(port), port.text()),
            );
        }
    }
    let proxies = project
        .stack
        .proxies
        .iter()
        .filter(|h| h.target == ProxyTarget::Service(index));
    for hop in proxies {
        if shown.insert(hop.anchor()) {
            let port = hop.port.map_or_else(String::new, |p| format!(":{p}"));
            finding.label(
                hop.anchor(),
                format!("nginx proxies to `{}{port}`", hop.host),
            );
        }
    }
    if shown.insert(service.name.span) {
        finding.label(
            service.name.span,
            format!("service `{}`", service.name.value),
        );
    }
}

impl PortMismatch {
    fn check_declared(&self, project: &Project, index: usize, truth: &Listening, cx: &mut Ctx<'_>) {
        let service = &project.stack.services[index];
        let name = &service.name.value;
        // EXPOSE documents the main port only: extra compose ports (a debugger, metrics) are not held against
        // it while one of the compose ports agrees with it.
        if truth.source == Some(PortSource::Dockerfile)
            && declared(service, &[PortSource::Published, PortSource::Expose])
                .any(|p| (p.first..=p.last).any(|port| truth.contains(port)))
        {
            return;
        }
        for port in service
            .ports
            .iter()
            .filter(|p| Some(p.source) != truth.source)
        {
            // EXPOSE is only compared with the app itself; compose entries with either.
            if port.source == PortSource::Dockerfile && truth.source == Some(PortSource::Published)
            {
                continue;
            }
            if (port.first..=port.last).any(|p| truth.contains(p)) {
                continue;
            }
            let finding = cx.report(
                port.span,
                format!(
                    "{} gives container port `{}` for service `{name}`, but {} {}",
                    what(port),
                    port.text(),
                    truth.said_by,
                    truth.text()
                ),
            );
            label_path(finding, project, index, truth, port.span);
            finding.help(format!(
                "use the port the service listens on ({}) on every hop, or make the service listen on `{}`",
                truth.text(),
                port.text()
            ));
        }
    }

    /// nginx in a container proxying to its own loopback: only that container's nginx can answer there.
    fn check_loopback(&self, project: &Project, hop: &ProxyHop, cx: &mut Ctx<'_>) {
        let Some(port) = hop.port else {
            return;
        };
        if hop.runners.is_empty() {
            return self.check_host_loopback(project, hop, port, "nginx on the host", cx);
        }
        let Some(config) = project
            .documents
            .get(hop.nginx.0 as usize)
            .and_then(|d| d.nginx())
        else {
            return;
        };
        let nginx_listens = config
            .effective
            .servers
            .iter()
            .flat_map(|s| &s.listens)
            .any(|l| l.port == Some(port));
        if nginx_listens {
            return;
        }
        let mut on_host_network = None;
        for runner in hop
            .runners
            .iter()
            .filter_map(|&i| project.stack.services.get(i))
        {
            // `network_mode: service:x` or `host` shares another network namespace: its loopback is not the
            // container's own. On the host's network, nginx reaches what the host reaches.
            let network_mode = runner
                .written(project)
                .and_then(|s| s.merged().network_mode.as_ref())
                .map(|mode| mode.value.as_str());
            if network_mode == Some("host") {
                on_host_network = Some(runner);
                continue;
            }
            let shared = network_mode.is_some();
            // Another process of the same container may listen there (the image EXPOSEs it, compose declares it).
            if shared || runner.ports.iter().any(|p| p.contains(port)) {
                continue;
            }
            let name = &runner.name.value;
            cx.report(
                hop.anchor(),
                format!(
                    "nginx runs in compose service `{name}`, where `{}:{port}` is its own container, and it does \
                     not listen on `{port}` there",
                    hop.host
                ),
            )
            .label(
                runner.name.span,
                format!("service `{name}` runs this nginx configuration"),
            )
            .help(
                "proxy to the app by its compose service name (`proxy_pass http://app:8080`); inside a container, \
                 `localhost` is that container",
            );
        }
        if let Some(runner) = on_host_network {
            let nginx = format!(
                "nginx in compose service `{}` (`network_mode: host`)",
                runner.name.value
            );
            self.check_host_loopback(project, hop, port, &nginx, cx);
        }
    }

    /// nginx on the host (or on its network) proxying to a loopback port that no compose service publishes, when
    /// that port is the container side of a service published on another host port: the two sides of `ports`
    /// were confused.
    /// (A loopback port no service knows at all may be another program of the host: not judged.)
    fn check_host_loopback(
        &self,
        project: &Project,
        hop: &ProxyHop,
        port: u16,
        nginx: &str,
        cx: &mut Ctx<'_>,
    ) {
        for service in &project.stack.services {
            let Some(entry) = service.ports.iter().find(|p| {
                p.source == PortSource::Published
                    && p.contains(port)
                    && p.published
                        .as_deref()
                        .is_some_and(|host| host != port.to_string())
            }) else {
                continue;
            };
            let name = &service.name.value;
            let published = entry.published.as_deref().unwrap_or_default();
            cx.report(
                hop.anchor(),
                format!(
                    "{nginx} proxies to `{}:{port}`, but no compose service publishes host port `{port}`: \
                     `{port}` is the container side of service `{name}`, published on host port `{published}`",
                    hop.host
                ),
            )
            .label(
                entry.span,
                format!("service `{name}` publishes container port `{port}` on host port `{published}`"),
            )
            .help(format!(
                "a host nginx reaches a container through its published port: proxy to `{}:{published}`",
                hop.host
            ));
        }
    }

    fn check_hop(&self, project: &Project, hop: &ProxyHop, cx: &mut Ctx<'_>) {
        if hop.target == ProxyTarget::Loopback {
            return self.check_loopback(project, hop, cx);
        }
        let (ProxyTarget::Service(index), Some(port)) = (&hop.target, hop.port) else {
            return;
        };
        let Some(service) = project.stack.services.get(*index) else {
            return;
        };
        let Some(truth) = listening(project, *index, service) else {
            return;
        };
        if truth.contains(port) {
            return;
        }
        let name = &service.name.value;
        let finding = cx.report(
            hop.anchor(),
            format!(
                "nginx proxies to `{}:{port}`, but service `{name}` is not listening there: {} {}",
                hop.host,
                truth.said_by,
                truth.text()
            ),
        );
        if hop.upstream_server.is_some() {
            finding.label(hop.proxy_pass, "the `proxy_pass` that uses this upstream");
        }
        label_path(finding, project, *index, &truth, hop.anchor());
        finding.help(format!(
            "proxy to the port the service listens on ({}); the scheme's default port is used when none is written",
            truth.text()
        ));
    }
}

impl Check<Project> for PortMismatch {
    fn check(&self, project: &Project, cx: &mut Ctx<'_>) {
        for (index, service) in project.stack.services.iter().enumerate() {
            if let Some(truth) = listening(project, index, service) {
                self.check_declared(project, index, &truth, cx);
            }
        }
        for hop in &project.stack.proxies {
            self.check_hop(project, hop, cx);
        }
    }
}
