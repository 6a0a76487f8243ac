//! The keys the Compose Specification allows in each mapping it gives a shape, as data.
//!
//! Mirrors the schema Docker Compose v2.40.3 validates with (`compose_spec.json` embedded in compose-go,
//! draft-07, 2025), which is ahead of the compose-spec repository's published schema: it already has
//! `develop.watch`, `models`, `provider`, `post_start`, `pre_stop`, `use_api_socket`, `label_file` and
//! `gpus`. One key is newer still and added here: `pre_start`, which Docker Compose's own end-to-end tests
//! use (hooks that may name an `image`) while v2.40.3's schema does not have it yet; no schema gives its
//! entries a shape, so they are not checked.
//! `extensions` says whether the schema allows `x-` keys in the mapping (`patternProperties: ^x-`): most
//! mappings do; `blkio_config`, `extends`, `include` entries and long `env_file` entries do not. Mappings the
//! schema leaves open (`gpus` entries, `external` of secrets and configs, every `list_or_dict` such as
//! `labels` or `environment`) have no table and are not checked.

/// One closed mapping of the schema.
pub(super) struct Shape {
    /// The keys it allows.
    pub keys: &'static [&'static str],
    /// Whether `x-` keys are allowed too.
    pub extensions: bool,
    /// Keys whose values have a shape of their own.
    pub nested: &'static [(&'static str, Nested)],
}

/// How a key's value relates to a nested shape. A value of another YAML type (a short-syntax string, a
/// list where a map is possible) has no keys to check.
#[derive(Clone, Copy)]
pub(super) enum Nested {
    /// The value, when a mapping, has the shape.
    Map(&'static Shape),
    /// Each mapping item of the value, when a sequence, has the shape.
    Items(&'static Shape),
    /// Each mapping value of the value, when a mapping of names (services, networks), has the shape.
    Named(&'static Shape),
}

use Nested::{Items, Map, Named};

const fn closed(keys: &'static [&'static str]) -> Shape {
    Shape {
        keys,
        extensions: false,
        nested: &[],
    }
}

const fn open(keys: &'static [&'static str]) -> Shape {
    Shape {
        keys,
        extensions: true,
        nested: &[],
    }
}

/// The top level of a compose file.
pub(super) static TOP_LEVEL: Shape = Shape {
    keys: &[
        "version", "name", "include", "services", "models", "networks", "volumes", "secrets",
        "configs",
    ],
    extensions: true,
    nested: &[
        ("include", Items(&INCLUDE)),
        ("services", Named(&SERVICE)),
        ("models", Named(&MODEL)),
        ("networks", Named(&NETWORK)),
        ("volumes", Named(&VOLUME)),
        ("secrets", Named(&SECRET)),
        ("configs", Named(&CONFIG)),
    ],
};

static INCLUDE: Shape = closed(&["path", "env_file", "project_directory"]);

static SERVICE: Shape = Shape {
    keys: &[
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
    ],
    extensions: true,
    nested: &[
        ("blkio_config", Map(&BLKIO_CONFIG)),
        ("build", Map(&BUILD)),
        ("configs", Items(&FILE_REFERENCE)),
        ("credential_spec", Map(&CREDENTIAL_SPEC)),
        ("depends_on", Named(&DEPENDENCY)),
        ("deploy", Map(&DEPLOY)),
        ("develop", Map(&DEVELOP)),
        ("devices", Items(&DEVICE_MAPPING)),
        ("env_file", Items(&ENV_FILE)),
        ("extends", Map(&EXTENDS)),
        ("healthcheck", Map(&HEALTHCHECK)),
        ("logging", Map(&LOGGING)),
        ("models", Named(&SERVICE_MODEL)),
        ("networks", Named(&SERVICE_NETWORK)),
        ("ports", Items(&PORT)),
        ("post_start", Items(&HOOK)),
        ("pre_stop", Items(&HOOK)),
        ("provider", Map(&PROVIDER)),
        ("secrets", Items(&FILE_REFERENCE)),
        ("ulimits", Named(&ULIMIT)),
        ("volumes", Items(&SERVICE_VOLUME)),
    ],
};

static BUILD: Shape = Shape {
    keys: &[
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
    ],
    extensions: true,
    nested: &[
        ("secrets", Items(&FILE_REFERENCE)),
        ("ulimits", Named(&ULIMIT)),
    ],
};

static HEALTHCHECK: Shape = open(&[
    "disable",
    "interval",
    "retries",
    "test",
    "timeout",
    "start_period",
    "start_interval",
]);

static BLKIO_CONFIG: Shape = Shape {
    keys: &[
        "device_read_bps",
        "device_read_iops",
        "device_write_bps",
        "device_write_iops",
        "weight",
        "weight_device",
    ],
    extensions: false,
    nested: &[
        ("device_read_bps", Items(&BLKIO_LIMIT)),
        ("device_read_iops", Items(&BLKIO_LIMIT)),
        ("device_write_bps", Items(&BLKIO_LIMIT)),
        ("device_write_iops", Items(&BLKIO_LIMIT)),
        ("weight_device", Items(&BLKIO_WEIGHT)),
    ],
};
static BLKIO_LIMIT: Shape = closed(&["path", "rate"]);
static BLKIO_WEIGHT: Shape = closed(&["path", "weight"]);

static FILE_REFERENCE: Shape = open(&["source", "target", "uid", "gid", "mode"]);
static CREDENTIAL_SPEC: Shape = open(&["config", "file", "registry"]);
static DEPENDENCY: Shape = open(&["condition", "required", "restart"]);
static DEVICE_MAPPING: Shape = open(&["source", "target", "permissions"]);
static ENV_FILE: Shape = closed(&["path", "format", "required"]);
static EXTENDS: Shape = closed(&["file", "service"]);
static LOGGING: Shape = open(&["driver", "options"]);
static SERVICE_MODEL: Shape = open(&["endpoint_var", "model_var"]);
static SERVICE_NETWORK: Shape = open(&[
    "aliases",
    "driver_opts",
    "gw_priority",
    "interface_name",
    "ipv4_address",
    "ipv6_address",
    "link_local_ips",
    "mac_address",
    "priority",
]);
static PORT: Shape = open(&[
    "name",
    "mode",
    "host_ip",
    "target",
    "published",
    "protocol",
    "app_protocol",
]);
static HOOK: Shape = open(&[
    "command",
    "user",
    "privileged",
    "working_dir",
    "environment",
]);
static PROVIDER: Shape = open(&["type", "options"]);
static ULIMIT: Shape = open(&["hard", "soft"]);

static SERVICE_VOLUME: Shape = Shape {
    keys: &[
        "type",
        "source",
        "target",
        "read_only",
        "consistency",
        "bind",
        "volume",
        "tmpfs",
        "image",
    ],
    extensions: true,
    nested: &[
        ("bind", Map(&BIND_OPTIONS)),
        ("volume", Map(&VOLUME_OPTIONS)),
        ("tmpfs", Map(&TMPFS_OPTIONS)),
        ("image", Map(&IMAGE_OPTIONS)),
    ],
};
static BIND_OPTIONS: Shape = open(&["propagation", "create_host_path", "recursive", "selinux"]);
static VOLUME_OPTIONS: Shape = open(&["labels", "nocopy", "subpath"]);
static TMPFS_OPTIONS: Shape = open(&["size", "mode"]);
static IMAGE_OPTIONS: Shape = open(&["subpath"]);

static DEPLOY: Shape = Shape {
    keys: &[
        "mode",
        "endpoint_mode",
        "replicas",
        "labels",
        "rollback_config",
        "update_config",
        "resources",
        "restart_policy",
        "placement",
    ],
    extensions: true,
    nested: &[
        ("rollback_config", Map(&UPDATE_CONFIG)),
        ("update_config", Map(&UPDATE_CONFIG)),
        ("resources", Map(&RESOURCES)),
        ("restart_policy", Map(&RESTART_POLICY)),
        ("placement", Map(&PLACEMENT)),
    ],
};
static UPDATE_CONFIG: Shape = open(&[
    "parallelism",
    "delay",
    "failure_action",
    "monitor",
    "max_failure_ratio",
    "order",
]);
static RESOURCES: Shape = Shape {
    keys: &["limits", "reservations"],
    extensions: true,
    nested: &[
        ("limits", Map(&LIMITS)),
        ("reservations", Map(&RESERVATIONS)),
    ],
};
static LIMITS: Shape = open(&["cpus", "memory", "pids"]);
static RESERVATIONS: Shape = Shape {
    keys: &["cpus", "memory", "generic_resources", "devices"],
    extensions: true,
    nested: &[
        ("generic_resources", Items(&GENERIC_RESOURCE)),
        ("devices", Items(&DEVICE_REQUEST)),
    ],
};
static GENERIC_RESOURCE: Shape = Shape {
    keys: &["discrete_resource_spec"],
    extensions: true,
    nested: &[("discrete_resource_spec", Map(&DISCRETE_RESOURCE_SPEC))],
};
static DISCRETE_RESOURCE_SPEC: Shape = open(&["kind", "value"]);
static DEVICE_REQUEST: Shape = open(&["capabilities", "count", "device_ids", "driver", "options"]);
static RESTART_POLICY: Shape = open(&["condition", "delay", "max_attempts", "window"]);
static PLACEMENT: Shape = Shape {
    keys: &["constraints", "preferences", "max_replicas_per_node"],
    extensions: true,
    nested: &[("preferences", Items(&PLACEMENT_PREFERENCE))],
};
static PLACEMENT_PREFERENCE: Shape = open(&["spread"]);

static DEVELOP: Shape = Shape {
    keys: &["watch"],
    extensions: true,
    nested: &[("watch", Items(&WATCH))],
};
static WATCH: Shape = Shape {
    keys: &[
        "path",
        "action",
        "target",
        "exec",
        "include",
        "ignore",
        "initial_sync",
    ],
    extensions: true,
    nested: &[("exec", Map(&HOOK))],
};

static MODEL: Shape = open(&["name", "model", "context_size", "runtime_flags"]);

static NETWORK: Shape = Shape {
    keys: &[
        "name",
        "driver",
        "driver_opts",
        "ipam",
        "external",
        "internal",
        "enable_ipv4",
        "enable_ipv6",
        "attachable",
        "labels",
    ],
    extensions: true,
    nested: &[("ipam", Map(&IPAM)), ("external", Map(&EXTERNAL))],
};
static IPAM: Shape = Shape {
    keys: &["driver", "config", "options"],
    extensions: true,
    nested: &[("config", Items(&IPAM_CONFIG))],
};
static IPAM_CONFIG: Shape = open(&["subnet", "ip_range", "gateway", "aux_addresses"]);
static EXTERNAL: Shape = open(&["name"]);

static VOLUME: Shape = Shape {
    keys: &["name", "driver", "driver_opts", "external", "labels"],
    extensions: true,
    nested: &[("external", Map(&EXTERNAL))],
};
static SECRET: Shape = open(&[
    "name",
    "environment",
    "file",
    "external",
    "labels",
    "driver",
    "driver_opts",
    "template_driver",
]);
static CONFIG: Shape = open(&[
    "name",
    "content",
    "environment",
    "file",
    "external",
    "labels",
    "template_driver",
]);
