//! Helpers shared by the binary tests: the shared corpus, and runs of `shiplint check` that must succeed.
#![allow(dead_code, reason = "each test binary uses some of the helpers")]

use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;

/// `../shared`, beside the repository; a test fails when it is missing.
pub fn shared() -> &'static Path {
    let shared = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared"));
    assert!(
        shared.join("corpus").is_dir(),
        "../shared/corpus is missing"
    );
    shared
}

/// Runs `shiplint check --format FORMAT --fail-on never PATH` in `dir`, asserts exit 0 and parses the output.
pub fn check_json(dir: &Path, format: &str, path: &str) -> Value {
    check_json_with(dir, format, &[path])
}

/// Runs `shiplint check --format FORMAT --fail-on never ARGS...` in `dir`, asserts exit 0 and parses the output.
pub fn check_json_with(dir: &Path, format: &str, args: &[&str]) -> Value {
    check_output(dir, format, args).0
}

/// [`check_json_with`], with standard error too.
pub fn check_output(dir: &Path, format: &str, args: &[&str]) -> (Value, String) {
    let output = Command::cargo_bin("shiplint")
        .expect("binary built")
        .current_dir(dir)
        .args(["check", "--format", format, "--fail-on", "never"])
        .args(args)
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    let report = serde_json::from_slice(&output.stdout).expect("the report is JSON");
    (report, stderr)
}
