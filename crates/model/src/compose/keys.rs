//! The keys the Compose Specification allows at the top level, in a service, in `build` and in
//! `healthcheck`. The specification's published schema lags behind Docker Compose: keys Compose already
//! reads (`pre_start`, `post_start`, `pre_stop`, `develop`, `models`, `provider`, `use_api_socket`,
//! `label_file`, `gpus`) are accepted here. `x-` keys are extensions and always allowed.

use shiplint_syntax::Spanned;
use shiplint_syntax::yaml::Node;

const TOP_LEVEL: &[&str] = &[
    "version", "name", "include", "services", "models", "networks", "volumes", "secrets", "configs",
];

const SERVICE: &[&str] = &[
    "annotations",
    "attach",
    "blkio_config",
    "build",
    "cap_add",
    "cap_drop",
    "cgroup",
    "cgroup_parent",
    "command",
    "configs",
    "container_name",
    "cpu_count",
    "cpu_percent",
    "cpu_period",
    "cpu_quota",
    "cpu_rt_period",
    "cpu_rt_runtime",
    "cpu_shares",
    "cpus",
    "cpuset",
    "credential_spec",
    "depends_on",
    "deploy",
    "develop",
    "device_cgroup_rules",
    "devices",
    "dns",
    "dns_opt",
    "dns_search",
    "domainname",
    "entrypoint",
    "env_file",
    "environment",
    "expose",
    "extends",
    "external_links",
    "extra_hosts",
    "gpus",
    "group_add",
    "healthcheck",
    "hostname",
    "image",
    "init",
    "ipc",
    "isolation",
    "label_file",
    "labels",
    "links",
    "logging",
    "mac_address",
    "mem_limit",
    "mem_reservation",
    "mem_swappiness",
    "memswap_limit",
    "models",
    "network_mode",
    "networks",
    "oom_kill_disable",
    "oom_score_adj",
    "pid",
    "pids_limit",
    "platform",
    "ports",
    "post_start",
    "pre_start",
    "pre_stop",
    "privileged",
    "profiles",
    "provider",
    "pull_policy",
    "pull_refresh_after",
    "read_only",
    "restart",
    "runtime",
    "scale",
    "secrets",
    "security_opt",
    "shm_size",
    "stdin_open",
    "stop_grace_period",
    "stop_signal",
    "storage_opt",
    "sysctls",
    "tmpfs",
    "tty",
    "ulimits",
    "use_api_socket",
    "user",
    "userns_mode",
    "uts",
    "volumes",
    "volumes_from",
    "working_dir",
];

const BUILD: &[&str] = &[
    "context",
    "dockerfile",
    "dockerfile_inline",
    "entitlements",
    "args",
    "ssh",
    "labels",
    "cache_from",
    "cache_to",
    "no_cache",
    "additional_contexts",
    "network",
    "provenance",
    "sbom",
    "pull",
    "target",
    "shm_size",
    "extra_hosts",
    "isolation",
    "privileged",
    "secrets",
    "tags",
    "ulimits",
    "platforms",
];

const HEALTHCHECK: &[&str] = &[
    "disable",
    "interval",
    "retries",
    "test",
    "timeout",
    "start_period",
    "start_interval",
];

/// A key the specification does not allow where it is written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownKey {
    /// The key as written, with its span.
    pub key: Spanned<String>,
    /// Where it is: `services.web`, `services.web.build`, or empty for the top level.
    pub path: String,
}

fn check(map: &Node, allowed: &[&str], path: &str, out: &mut Vec<UnknownKey>) {
    for entry in map.entries().unwrap_or_default() {
        // Keys brought in by `<<` merges are checked where they are written.
        if entry.key.use_span != entry.key.span {
            continue;
        }
        let Some(key) = entry.key.as_str() else {
            continue;
        };
        if !key.starts_with("x-") && !allowed.contains(&key) {
            out.push(UnknownKey {
                key: Spanned::new(key.to_string(), entry.key.span),
                path: path.to_string(),
            });
        }
    }
}

/// Every unknown key at the levels this version validates.
pub fn unknown_keys(root: &Node) -> Vec<UnknownKey> {
    let mut out = Vec::new();
    check(root, TOP_LEVEL, "", &mut out);
    let services = root
        .get("services")
        .and_then(Node::entries)
        .unwrap_or_default();
    for service in services {
        let Some(name) = service.key.as_str() else {
            continue;
        };
        let path = format!("services.{name}");
        check(&service.value, SERVICE, &path, &mut out);
        if let Some(build) = service.value.get("build").filter(|b| b.entries().is_some()) {
            check(build, BUILD, &format!("{path}.build"), &mut out);
        }
        if let Some(healthcheck) = service.value.get("healthcheck") {
            check(
                healthcheck,
                HEALTHCHECK,
                &format!("{path}.healthcheck"),
                &mut out,
            );
        }
    }
    out.sort_by_key(|u| u.key.span);
    out
}
