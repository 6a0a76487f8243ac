//! `shiplint debug dump compose.yaml`: the services in the shape `docker compose config --format json
//! --no-path-resolution` prints (the subset shiplint models), so the two can be compared.
//!
//! Values of secret-looking environment variables and build args are masked: a dump never prints a secret.

use super::Service;
use crate::secrets::is_secret_name;
use serde_json::{Map, Value, json};
use std::collections::BTreeMap;

/// What a masked value reads as.
pub const MASK: &str = "********";

/// The services as compose's JSON: `{"services": {"web": {...}}}` with keys sorted. Services with
/// `profiles:` are left out, as `docker compose config` leaves them out when no profile is active.
pub fn to_json(services: &[Service]) -> Value {
    let sorted: BTreeMap<&str, Value> = services
        .iter()
        .filter(|s| s.profiles.is_empty())
        .map(|s| (s.name.value.as_str(), service_json(s)))
        .collect();
    let out: Map<String, Value> = sorted
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
    json!({ "services": out })
}

fn masked(name: &str, value: &str) -> String {
    if is_secret_name(name) && !value.is_empty() {
        MASK.to_string()
    } else {
        value.to_string()
    }
}

fn service_json(service: &Service) -> Value {
    let mut out = Map::new();
    // Compose drops values that interpolation left empty.
    if let Some(image) = service.image.as_ref().filter(|i| !i.value.is_empty()) {
        out.insert("image".into(), json!(image.value));
    }
    if let Some(build) = &service.build {
        let mut b = Map::new();
        b.insert("context".into(), json!(build.context.value));
        match &build.dockerfile {
            Some(dockerfile) if dockerfile.value.is_empty() => {}
            Some(dockerfile) => {
                b.insert("dockerfile".into(), json!(dockerfile.value));
            }
            None if !build.inline => {
                b.insert("dockerfile".into(), json!("Dockerfile"));
            }
            None => {}
        }
        if let Some(target) = &build.target {
            b.insert("target".into(), json!(target.value));
        }
        if !build.args.is_empty() {
            let args: Map<String, Value> = build
                .args
                .iter()
                .map(|(k, v)| {
                    let value = v
                        .as_ref()
                        .map_or(Value::Null, |v| json!(masked(&k.value, &v.value)));
                    (k.value.clone(), value)
                })
                .collect();
            b.insert("args".into(), Value::Object(args));
        }
        out.insert("build".into(), Value::Object(b));
    }
    if !service.ports.is_empty() {
        let ports: Vec<Value> = service
            .ports
            .iter()
            .map(|p| {
                let mut port = Map::new();
                port.insert("mode".into(), json!(p.mode));
                if let Some(ip) = &p.host_ip {
                    port.insert("host_ip".into(), json!(ip));
                }
                port.insert("target".into(), json!(p.target));
                if let Some(published) = &p.published {
                    port.insert("published".into(), json!(published));
                }
                port.insert("protocol".into(), json!(p.protocol));
                Value::Object(port)
            })
            .collect();
        out.insert("ports".into(), Value::Array(ports));
    }
    if !service.expose.is_empty() {
        let expose: Vec<Value> = service.expose.iter().map(|e| json!(e.value)).collect();
        out.insert("expose".into(), Value::Array(expose));
    }
    if !service.environment.is_empty() {
        // Later definitions win, as in Compose (env_file first, then `environment`).
        let mut env = BTreeMap::new();
        for var in &service.environment {
            let value = var
                .value
                .as_ref()
                .map_or(Value::Null, |v| json!(masked(&var.name.value, &v.value)));
            env.insert(var.name.value.clone(), value);
        }
        out.insert(
            "environment".into(),
            Value::Object(env.into_iter().collect()),
        );
    }
    Value::Object(out)
}
