//! nginx `proxy_pass` (direct, or through an `upstream` block's `server`s) -> the compose service and port
//! it reaches. Host names resolve through compose service names and the names Docker's DNS also answers for
//! a service (`hostname`, `container_name`, network `aliases`, `links` aliases).

use super::Stack;
use crate::compose::normalize;
use crate::nginx::is_nginx_image;
use crate::project::Project;
use shiplint_syntax::yaml::Node;
use shiplint_syntax::{FileId, Span};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;

/// One hop from nginx to a backend.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProxyHop {
    /// The nginx root whose effective configuration holds it.
    pub nginx: FileId,
    /// The `proxy_pass` URL.
    pub proxy_pass: Span,
    /// The `upstream` `server` address the hop goes through, when the URL names an upstream.
    pub upstream_server: Option<Span>,
    /// The host name or address as written (`app`, `127.0.0.1`, `$backend`).
    pub host: String,
    /// The port (explicit, else the scheme's default: 80 for http, 443 for https); `None` when it cannot be
    /// known (a variable, a unix socket).
    pub port: Option<u16>,
    /// What the host is.
    pub target: ProxyTarget,
    /// The compose services (indices into [`Stack::services`]) whose nginx container runs this configuration
    /// (it is bind-mounted into them, or under the build context of a service that builds an nginx image);
    /// empty for an nginx on the host.
    pub runners: Vec<usize>,
}

impl ProxyHop {
    /// The span that names the backend: the upstream `server` address, else the `proxy_pass` URL.
    pub fn anchor(&self) -> Span {
        self.upstream_server.unwrap_or(self.proxy_pass)
    }
}

/// What a proxy host resolves to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProxyTarget {
    /// A compose service (index into [`Stack::services`]), by its name or one of its aliases.
    Service(usize),
    /// `localhost`, `127.0.0.1` or `::1`, from an nginx in a container (its own container), or from a host
    /// nginx when no compose service publishes that port.
    Loopback,
    /// `localhost:<port>` from an nginx on the host, reaching the compose service (index into
    /// [`Stack::services`]) that publishes that host port: its `ports` entry (index into its `ports`).
    Published {
        /// The service.
        service: usize,
        /// The `ports` entry in [`super::ServiceLink::ports`].
        port: usize,
    },
    /// Another IP address literal.
    Address,
    /// A name with a dot in it: a DNS name outside the compose project.
    External,
    /// A unix socket.
    Socket,
    /// The host is built from variables: what it reaches is known only at request time.
    Variable,
    /// A single-label name that no loaded compose service (or alias) and no upstream answers to.
    NotFound,
}

/// Every proxy hop of every nginx root, sorted by span and without the duplicates a file included by two
/// roots would give.
pub(super) fn link_proxies(project: &Project, stack: &Stack) -> Vec<ProxyHop> {
    let aliases = service_aliases(project, stack);
    let by_ref: HashMap<(usize, usize), usize> = stack
        .services
        .iter()
        .enumerate()
        .map(|(i, s)| ((s.compose.0 as usize, s.index), i))
        .collect();
    let runners_of = crate::mounts::nginx_runners(project);
    let baked = baked_nginx(project, stack);
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for document in &project.documents {
        let Some(config) = document.nginx().filter(|c| c.is_root()) else {
            continue;
        };
        let effective = &config.effective;
        let runners = |file: usize| -> Vec<usize> {
            let path = project.documents.get(file).map(|d| normalize(&d.path));
            let mut out: Vec<usize> = runners_of
                .get(&file)
                .into_iter()
                .flatten()
                .filter_map(|r| {
                    by_ref
                        .get(&(r.service.document, r.service.service))
                        .copied()
                })
                .chain(
                    baked
                        .iter()
                        .filter(|(context, _)| {
                            path.as_ref().is_some_and(|p| p.starts_with(context))
                        })
                        .map(|(_, service)| *service),
                )
                .collect();
            out.sort_unstable();
            out.dedup();
            out
        };
        let root_runners = runners(document.file.0 as usize);
        for location in effective.servers.iter().flat_map(|s| &s.locations) {
            let Some(proxy) = &location.proxy_pass else {
                continue;
            };
            let default_port = match proxy.scheme.as_str() {
                "http" => Some(80),
                "https" => Some(443),
                _ => None,
            };
            let hops: Vec<(Option<Span>, String, Option<u16>)> =
                match proxy.upstream.and_then(|i| effective.upstreams.get(i)) {
                    Some(upstream) => upstream
                        .servers
                        .iter()
                        .map(|server| {
                            let (host, port) = split_host_port(&server.value);
                            (Some(server.span), host, port.or(Some(80)))
                        })
                        .collect(),
                    None => vec![(None, proxy.host.clone(), proxy.port.or(default_port))],
                };
            for (upstream_server, host, port) in hops {
                if !seen.insert((proxy.url.span, upstream_server)) {
                    continue;
                }
                // A root no service mounts may still be run through a mounted included file.
                let runners = if root_runners.is_empty() {
                    runners(proxy.url.span.file.0 as usize)
                } else {
                    root_runners.clone()
                };
                // From a container, names resolve in its compose project's network only.
                let projects: Vec<FileId> =
                    runners.iter().map(|&r| stack.services[r].project).collect();
                let visible = |service: usize| {
                    projects.is_empty() || projects.contains(&stack.services[service].project)
                };
                let mut target = resolve(&host, &aliases, &visible);
                if target == ProxyTarget::Loopback
                    && runners.is_empty()
                    && let Some(port) = port
                {
                    target = published(stack, port).unwrap_or(target);
                }
                let port = if matches!(target, ProxyTarget::Socket | ProxyTarget::Variable) {
                    None
                } else {
                    port
                };
                out.push(ProxyHop {
                    nginx: document.file,
                    proxy_pass: proxy.url.span,
                    upstream_server,
                    host,
                    port,
                    target,
                    runners,
                });
            }
        }
    }
    out.sort_by_key(|h| (h.proxy_pass, h.upstream_server));
    out
}

/// Services that build an nginx image (the shipped stage's root image is nginx) from a local context: the
/// nginx files under that context are copied into it, so that service runs them.
fn baked_nginx(project: &Project, stack: &Stack) -> Vec<(PathBuf, usize)> {
    let mut out = Vec::new();
    for (index, service) in stack.services.iter().enumerate() {
        let (Some((file, stage)), Some(context)) = (
            service.shipped(),
            service.build.as_ref().and_then(|b| b.context.clone()),
        ) else {
            continue;
        };
        let Some(image) = project.documents[file.0 as usize].dockerfile() else {
            continue;
        };
        let nginx = image
            .stages
            .get(stage)
            .is_some_and(|stage| is_nginx_image(&image.root(stage).image.resolved));
        if nginx {
            out.push((context, index));
        }
    }
    out
}

/// The service that publishes host port `port` on the loopback or every interface.
fn published(stack: &Stack, port: u16) -> Option<ProxyTarget> {
    let text = port.to_string();
    stack
        .services
        .iter()
        .enumerate()
        .find_map(|(service, link)| {
            link.ports
                .iter()
                .position(|p| {
                    p.published.as_deref() == Some(text.as_str())
                        && p.host_ip.as_deref().is_none_or(|ip| {
                            matches!(ip, "127.0.0.1" | "::1" | "0.0.0.0" | "::" | "")
                        })
                })
                .map(|port| ProxyTarget::Published { service, port })
        })
}

/// What `host` names; a compose name is the first service claiming it that is `visible`.
fn resolve(
    host: &str,
    aliases: &BTreeMap<String, Vec<usize>>,
    visible: &dyn Fn(usize) -> bool,
) -> ProxyTarget {
    let lower = host.to_ascii_lowercase();
    if host.contains('$') {
        ProxyTarget::Variable
    } else if lower.starts_with("unix:") {
        ProxyTarget::Socket
    } else if matches!(lower.as_str(), "localhost" | "127.0.0.1" | "::1" | "[::1]")
        || lower.starts_with("127.")
    {
        ProxyTarget::Loopback
    } else if let Some(&service) = aliases
        .get(&lower)
        .and_then(|claimants| claimants.iter().find(|&&s| visible(s)))
    {
        ProxyTarget::Service(service)
    } else if lower.parse::<std::net::IpAddr>().is_ok()
        || lower
            .strip_prefix('[')
            .and_then(|h| h.strip_suffix(']'))
            .is_some_and(|h| h.parse::<std::net::Ipv6Addr>().is_ok())
    {
        ProxyTarget::Address
    } else if lower.contains('.') {
        ProxyTarget::External
    } else {
        ProxyTarget::NotFound
    }
}

/// `host:port` of an upstream `server` (`[::1]:8080`, `unix:/run/app.sock`, `app`).
fn split_host_port(address: &str) -> (String, Option<u16>) {
    if address.starts_with("unix:") {
        return (address.to_string(), None);
    }
    if let Some(rest) = address.strip_prefix('[')
        && let Some((host, after)) = rest.split_once(']')
    {
        return (
            format!("[{host}]"),
            after.strip_prefix(':').and_then(|p| p.parse().ok()),
        );
    }
    match address.rsplit_once(':') {
        Some((host, port)) if !host.contains(':') => (host.to_string(), port.parse().ok()),
        _ => (address.to_string(), None),
    }
}

/// Every name (lower-case) that Docker's DNS answers with a service: its name, `hostname`, `container_name`,
/// network `aliases`, and aliases other services give it in `links`; each with the services that claim it,
/// names first, then aliases, in document order (a name is resolved inside one compose project).
fn service_aliases(project: &Project, stack: &Stack) -> BTreeMap<String, Vec<usize>> {
    let mut names: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let claim = |names: &mut BTreeMap<String, Vec<usize>>, name: &str, service: usize| {
        let claimants = names.entry(name.to_ascii_lowercase()).or_default();
        if !claimants.contains(&service) {
            claimants.push(service);
        }
    };
    for (index, service) in stack.services.iter().enumerate() {
        claim(&mut names, &service.name.value, index);
    }
    for (index, service) in stack.services.iter().enumerate() {
        let Some(node) = service_node(project, service.compose, &service.name.value) else {
            continue;
        };
        let mut extra: Vec<String> = ["hostname", "container_name"]
            .iter()
            .filter_map(|key| node.get(key)?.as_str().map(str::to_string))
            .collect();
        if let Some(networks) = node.get("networks").and_then(Node::entries) {
            for network in networks {
                let aliases = network.value.get("aliases").and_then(Node::items);
                extra.extend(
                    aliases
                        .into_iter()
                        .flatten()
                        .filter_map(|a| a.as_str().map(str::to_string)),
                );
            }
        }
        for name in extra {
            claim(&mut names, &name, index);
        }
        // `links: ["db:database"]` in this service names another service `database`.
        for link in node
            .get("links")
            .and_then(Node::items)
            .into_iter()
            .flatten()
        {
            let linked =
                link.as_str()
                    .and_then(|l| l.split_once(':'))
                    .and_then(|(target, alias)| {
                        let claimants = names.get(&target.to_ascii_lowercase())?;
                        let same = claimants
                            .iter()
                            .find(|&&s| stack.services[s].project == service.project)?;
                        Some((*same, alias))
                    });
            if let Some((linked, alias)) = linked {
                claim(&mut names, alias, linked);
            }
        }
    }
    names
}

fn service_node<'a>(project: &'a Project, compose: FileId, name: &str) -> Option<&'a Node> {
    let document = project.documents.get(compose.0 as usize)?.compose()?;
    document.yaml.root.as_ref()?.get("services")?.get(name)
}
