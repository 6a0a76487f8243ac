//! Merging services as Docker Compose does for `extends` and for several files (`-f a -f b`): single values
//! of the later one win, `build` merges field by field, lists of ports, exposed ports and capabilities are
//! joined without repeats, environment variables and `depends_on` merge by name, volumes by target path.

use super::service::{Build, Service};

/// `over` applied on top of `base`; the result keeps `over`'s name and span.
pub fn overlay(base: &Service, over: &Service) -> Service {
    let mut merged = over.clone();
    merged.image = over.image.clone().or_else(|| base.image.clone());
    merged.build = match (&base.build, &over.build) {
        (Some(b), Some(o)) => Some(merge_build(b, o)),
        (b, o) => o.clone().or_else(|| b.clone()),
    };
    merged.ports = union(&base.ports, &over.ports, |a, b| a.same_mapping(b));
    merged.expose = union(&base.expose, &over.expose, |a, b| a.value == b.value);
    merged.cap_add = union(&base.cap_add, &over.cap_add, |a, b| a.value == b.value);
    merged.secrets = union(&base.secrets, &over.secrets, |a, b| a.value == b.value);
    merged.profiles = union(&base.profiles, &over.profiles, |a, b| a.value == b.value);
    merged.env_files = base
        .env_files
        .iter()
        .chain(&over.env_files)
        .cloned()
        .collect();
    merged.environment = base
        .environment
        .iter()
        .chain(&over.environment)
        .cloned()
        .collect();
    merged.depends_on = replace_by(&base.depends_on, &over.depends_on, |d| {
        d.service.value.clone()
    });
    merged.volumes = replace_by(&base.volumes, &over.volumes, |m| m.target.value.clone());
    merged.healthcheck = over
        .healthcheck
        .clone()
        .or_else(|| base.healthcheck.clone());
    merged.user = over.user.clone().or_else(|| base.user.clone());
    merged.privileged = over.privileged.clone().or_else(|| base.privileged.clone());
    merged.network_mode = over
        .network_mode
        .clone()
        .or_else(|| base.network_mode.clone());
    merged.pid = over.pid.clone().or_else(|| base.pid.clone());
    merged.ipc = over.ipc.clone().or_else(|| base.ipc.clone());
    merged.command = over.command.clone().or_else(|| base.command.clone());
    merged.entrypoint = over.entrypoint.clone().or_else(|| base.entrypoint.clone());
    merged.restart = over.restart.clone().or_else(|| base.restart.clone());
    merged
}

fn merge_build(base: &Build, over: &Build) -> Build {
    let mut merged = over.clone();
    // A `build:` written without `context` has the default `.` spanned on the whole value.
    if over.context.span == over.span && over.context.value == "." && base.context.value != "." {
        merged.context = base.context.clone();
        merged.base_dir = base.base_dir.clone();
    }
    merged.dockerfile = over.dockerfile.clone().or_else(|| base.dockerfile.clone());
    merged.inline = over.inline || (over.dockerfile.is_none() && base.inline);
    merged.target = over.target.clone().or_else(|| base.target.clone());
    merged.args = base.args.iter().chain(&over.args).cloned().collect();
    merged
}

fn union<T: Clone>(base: &[T], over: &[T], same: impl Fn(&T, &T) -> bool) -> Vec<T> {
    let mut out: Vec<T> = base.to_vec();
    for item in over {
        if !out.iter().any(|o| same(o, item)) {
            out.push(item.clone());
        }
    }
    out
}

fn replace_by<T: Clone, K: PartialEq>(base: &[T], over: &[T], key: impl Fn(&T) -> K) -> Vec<T> {
    let mut out: Vec<T> = base
        .iter()
        .filter(|b| !over.iter().any(|o| key(o) == key(b)))
        .cloned()
        .collect();
    out.extend(over.iter().cloned());
    out
}
