//! The linked stack: each compose service with the Dockerfile stage it ships, its container environment and
//! ports as Docker resolves them, the Go app each build ships with its listen addresses, and every nginx `proxy_pass` (direct or through an `upstream`) resolved to
//! the service and port it reaches. Built once by [`link`] after the per-kind models; rules only read it.
//!
//! Nothing is guessed: a Dockerfile that was not loaded, a variable whose value comes from the deploying
//! shell, or a proxy host made of variables is recorded as such, so rules can say what they could not check.

mod app;
mod command;
mod ports;
mod proxy;
mod service;

pub use app::{AppBuilder, AppLink, AppListen, ListenResolution, UnlinkedBuild, where_set};
pub use ports::{ContainerPort, PortSource};
pub use proxy::{ProxyHop, ProxyTarget};
pub use service::{BuildLink, ContainerEnv, DockerfileLink, EnvSource, ServiceLink};

use crate::project::Project;
use shiplint_syntax::FileId;
use std::collections::HashMap;

/// The linked deployment.
#[derive(Debug, Default)]
pub struct Stack {
    /// Every compose service (of every loaded compose file), in document then file order.
    pub services: Vec<ServiceLink>,
    /// Every proxy hop of every nginx root, sorted by span.
    pub proxies: Vec<ProxyHop>,
    /// Every Go main package with a build that ships it (a compose service, or a Dockerfile in its module).
    pub apps: Vec<AppLink>,
    /// Compose builds of a Go module whose main package could not be told (not linked, said by rules).
    pub unlinked_builds: Vec<UnlinkedBuild>,
    /// Service indices by name (a name may be defined by several compose files).
    by_name: HashMap<String, Vec<usize>>,
    /// Service indices by the Dockerfile document their build uses.
    by_dockerfile: HashMap<FileId, Vec<usize>>,
}

impl Stack {
    /// The services called `name` (in any loaded compose file).
    pub fn named(&self, name: &str) -> impl Iterator<Item = (usize, &ServiceLink)> {
        self.by_name
            .get(name)
            .into_iter()
            .flatten()
            .map(|&i| (i, &self.services[i]))
    }

    /// The services whose build uses the Dockerfile document `file`.
    pub fn built_from(&self, file: FileId) -> impl Iterator<Item = &ServiceLink> {
        self.by_dockerfile
            .get(&file)
            .into_iter()
            .flatten()
            .map(|&i| &self.services[i])
    }
}

/// Links compose services, Dockerfiles and nginx proxies of `project` into [`Project::stack`].
pub fn link(project: &mut Project) {
    let mut stack = Stack {
        services: service::link_services(project),
        ..Stack::default()
    };
    for (index, service) in stack.services.iter().enumerate() {
        stack
            .by_name
            .entry(service.name.value.clone())
            .or_default()
            .push(index);
        if let Some(dockerfile) = service.build.as_ref().and_then(BuildLink::dockerfile) {
            stack
                .by_dockerfile
                .entry(dockerfile.file)
                .or_default()
                .push(index);
        }
    }
    stack.proxies = proxy::link_proxies(project, &stack);
    (stack.apps, stack.unlinked_builds) = app::link_apps(project, &stack.services);
    project.stack = stack;
}

#[cfg(test)]
mod tests;
