//! `shiplint debug dump` on compose files: docker compose config's JSON shape, interpolated from `.env`,
//! secrets masked, and a clear error for a file Compose would refuse.

use assert_cmd::Command;
use serde_json::{Value, json};

fn dump(dir: &std::path::Path, file: &str) -> std::process::Output {
    Command::cargo_bin("shiplint")
        .expect("binary built")
        .current_dir(dir)
        .args(["debug", "dump", file])
        .output()
        .expect("runs")
}

#[test]
fn dump_prints_compose_config_shape_with_secrets_masked() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join(".env"), "TAG=1.27\nAPI_TOKEN=from-env\n").expect("write");
    std::fs::write(
        dir.path().join("compose.yaml"),
        "services:\n  web:\n    image: nginx:${TAG}\n    build:\n      context: ./web\n      target: prod\n    ports:\n      - \"127.0.0.1:8080:80\"\n      - 9000-9001:9000-9001/udp\n    expose: [3000]\n    environment:\n      DB_PASSWORD: hunter2\n      API_TOKEN:\n      MODE: prod\n  hidden:\n    image: x:1\n    profiles: [debug]\n",
    )
    .expect("write");
    let output = dump(dir.path(), "compose.yaml");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        !text.contains("hunter2") && !text.contains("from-env"),
        "{text}"
    );
    let value: Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(
        value,
        json!({"services": {"web": {
            "image": "nginx:1.27",
            "build": {"context": "./web", "dockerfile": "Dockerfile", "target": "prod"},
            "ports": [
                {"mode": "ingress", "host_ip": "127.0.0.1", "target": 80, "published": "8080", "protocol": "tcp"},
                {"mode": "ingress", "target": 9000, "published": "9000", "protocol": "udp"},
                {"mode": "ingress", "target": 9001, "published": "9001", "protocol": "udp"},
            ],
            "expose": ["3000"],
            "environment": {"API_TOKEN": "********", "DB_PASSWORD": "********", "MODE": "prod"},
        }}})
    );
}

#[test]
fn dump_refuses_what_compose_refuses() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("compose.yaml"),
        "services:\n  web:\n    image: \"x:${ID:?ID must be set}\"\n",
    )
    .expect("write");
    let output = dump(dir.path(), "compose.yaml");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("compose.yaml:3:12: required variable `ID` is not set: ID must be set"),
        "{stderr}"
    );
}

#[test]
fn several_files_merge_in_order() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("compose.yaml"), "services:\n  web:\n    image: web:1\n    ports: [\"8080:80\"]\n    environment: [A=1, B=1]\n")
        .expect("write");
    std::fs::write(
        dir.path().join("prod.yaml"),
        "services:\n  web:\n    image: web:2\n    ports: [\"8443:443\"]\n    environment: {B: 2}\n",
    )
    .expect("write");
    let output = Command::cargo_bin("shiplint")
        .expect("binary built")
        .current_dir(dir.path())
        .args(["debug", "dump", "compose.yaml", "prod.yaml"])
        .output()
        .expect("runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let value: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(value["services"]["web"]["image"], "web:2");
    assert_eq!(
        value["services"]["web"]["environment"],
        json!({"A": "1", "B": "2"})
    );
    let published: Vec<&str> = value["services"]["web"]["ports"]
        .as_array()
        .expect("ports")
        .iter()
        .filter_map(|p| p["published"].as_str())
        .collect();
    assert_eq!(published, ["8080", "8443"]);
}
