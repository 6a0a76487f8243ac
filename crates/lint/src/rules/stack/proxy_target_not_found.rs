//! STK002 proxy-target-not-found: nginx proxies to a single-label host name that no compose service of the
//! project answers to (name, `hostname`, `container_name`, network alias, `links` alias) and that is no
//! `upstream` block, from an nginx that runs in a compose container (mounted or built into it). Names resolve
//! in the compose project of that container only: a service of another project is on another network. Names
//! with a dot, IP addresses, variables and unix sockets are not judged, nor names a host nginx proxies to.

use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::Project;
use shiplint_model::stack::ProxyTarget;
use shiplint_syntax::{FileId, Spanned};
use std::collections::BTreeMap;

declare_rule! {
    /// An nginx proxy host is no compose service, alias or upstream of the project.
    #[derive(Default)]
    pub struct ProxyTargetNotFound {}
    code = "STK002", name = "proxy-target-not-found", domain = "stack", severity = Warning,
}

impl Check<Project> for ProxyTargetNotFound {
    fn check(&self, project: &Project, cx: &mut Ctx<'_>) {
        // The service names of each compose project, with the first service's name span.
        let mut projects: BTreeMap<FileId, Vec<&Spanned<String>>> = BTreeMap::new();
        for service in &project.stack.services {
            projects
                .entry(service.project)
                .or_default()
                .push(&service.name);
        }
        for hop in project
            .stack
            .proxies
            .iter()
            // Compose names resolve only inside a compose network: a host nginx may reach a name through
            // /etc/hosts or a search domain this tool cannot see.
            .filter(|h| h.target == ProxyTarget::NotFound && !h.runners.is_empty())
        {
            let finding = cx.report(
                hop.anchor(),
                format!(
                    "nginx proxies to `{}`, which is no compose service, network alias or `upstream` of this project",
                    hop.host
                ),
            );
            if hop.upstream_server.is_some() {
                finding.label(hop.proxy_pass, "the `proxy_pass` that uses this upstream");
            }
            let mut looked_in: Vec<FileId> = hop
                .runners
                .iter()
                .filter_map(|&r| project.stack.services.get(r))
                .map(|s| s.project)
                .collect();
            looked_in.dedup();
            for names in looked_in.iter().filter_map(|p| projects.get(p)) {
                let listed: Vec<String> = names.iter().map(|n| format!("`{}`", n.value)).collect();
                finding.label(
                    names[0].span,
                    format!("services looked in: {}", listed.join(", ")),
                );
            }
            finding.help(
                "proxy to a compose service name (or one of its aliases), declare an `upstream` of that name, \
                 or write the full DNS name of an outside host",
            );
        }
    }
}
