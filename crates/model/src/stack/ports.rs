//! The container ports a service declares: compose `ports` (container side), compose `expose`, and EXPOSE
//! in the shipped stage and the stages it is built on.

use crate::compose::Service;
use crate::docker::Stage;
use shiplint_syntax::Span;

/// Which file and key declared a container port.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum PortSource {
    /// A compose `ports:` entry (its container side).
    Published,
    /// A compose `expose:` entry.
    Expose,
    /// An EXPOSE of the shipped stage.
    Dockerfile,
}

/// One declared container port or range.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContainerPort {
    /// The first port.
    pub first: u16,
    /// The last port (equal to `first` for a single port).
    pub last: u16,
    /// The host port it is published on (compose `ports:` only; a range stays as written).
    pub published: Option<String>,
    /// The host address a published port binds (`None`: every interface).
    pub host_ip: Option<String>,
    /// The entry.
    pub span: Span,
    /// Where it was declared.
    pub source: PortSource,
}

impl ContainerPort {
    /// Whether `port` is this entry's port or in its range.
    pub fn contains(&self, port: u16) -> bool {
        (self.first..=self.last).contains(&port)
    }

    /// The port or range as text (`8080`, `8000-8010`).
    pub fn text(&self) -> String {
        if self.first == self.last {
            self.first.to_string()
        } else {
            format!("{}-{}", self.first, self.last)
        }
    }
}

/// `8080`, `8080/tcp`, `8000-8010`: the port range of an `expose` entry (tcp or unspecified only).
pub(crate) fn parse_range(text: &str) -> Option<(u16, u16)> {
    let (ports, protocol) = match text.split_once('/') {
        Some((ports, protocol)) => (ports, protocol),
        None => (text, "tcp"),
    };
    if !protocol.eq_ignore_ascii_case("tcp") {
        return None;
    }
    let (first, last) = match ports.split_once('-') {
        Some((first, last)) => (first.trim().parse().ok()?, last.trim().parse().ok()?),
        None => {
            let port = ports.trim().parse().ok()?;
            (port, port)
        }
    };
    (first <= last).then_some((first, last))
}

/// The container ports of `service`, whose build ships `shipped` (as its `build.args` make it).
pub(super) fn container_ports(shipped: Option<&Stage>, service: &Service) -> Vec<ContainerPort> {
    let mut out: Vec<ContainerPort> = service
        .ports
        .iter()
        .filter(|p| p.protocol == "tcp")
        .map(|p| ContainerPort {
            first: p.target,
            last: p.target,
            published: p.published.clone(),
            host_ip: p.host_ip.clone(),
            span: p.span,
            source: PortSource::Published,
        })
        .collect();
    out.extend(service.expose.iter().filter_map(|e| {
        let (first, last) = parse_range(&e.value)?;
        Some(ContainerPort {
            first,
            last,
            published: None,
            host_ip: None,
            span: e.span,
            source: PortSource::Expose,
        })
    }));
    // A stage's EXPOSE list holds the entries of the stages it is built on too.
    if let Some(stage) = shipped {
        for exposed in &stage.expose {
            let tcp = exposed
                .protocol
                .as_deref()
                .is_none_or(|p| p.eq_ignore_ascii_case("tcp"));
            let Some((first, last)) = exposed.ports.filter(|_| tcp && !exposed.unresolved) else {
                continue;
            };
            let (Ok(first), Ok(last)) = (u16::try_from(first), u16::try_from(last)) else {
                continue;
            };
            out.push(ContainerPort {
                first,
                last,
                published: None,
                host_ip: None,
                span: exposed.span,
                source: PortSource::Dockerfile,
            });
        }
    }
    out
}
