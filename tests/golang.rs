//! Go files through the binary: they are loaded and checked (syntax errors are SYN001 with their position),
//! and `debug dump` prints the Go model of the module around a file, a `go.mod` or a directory.

mod common;

use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;

fn shiplint(dir: &Path) -> Command {
    let mut command = Command::cargo_bin("shiplint").expect("binary built");
    command.current_dir(dir);
    command
}

fn write(dir: &Path, path: &str, text: &str) {
    let full = dir.join(path);
    std::fs::create_dir_all(full.parent().expect("has a parent")).expect("mkdir");
    std::fs::write(full, text).expect("write");
}

const MAIN: &str = "package main\n\nimport (\n\t\"os\"\n\n\t\"github.com/gin-gonic/gin\"\n)\n\nfunc main() {\n\tport := os.Getenv(\"PORT\")\n\tif port == \"\" {\n\t\tport = \"8080\"\n\t}\n\tr := gin.Default()\n\tr.Run(\":\" + port)\n}\n";

fn module() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        "svc/go.mod",
        "module example.com/svc\n\ngo 1.22\n\nrequire github.com/gin-gonic/gin v1.10.0\n",
    );
    write(dir.path(), "svc/cmd/api/main.go", MAIN);
    dir
}

#[test]
fn go_files_are_checked_and_their_syntax_errors_reported() {
    let dir = module();
    write(
        dir.path(),
        "svc/internal/broken.go",
        "package internal\n\nvar s = \"never closed\n",
    );
    let (report, stderr) = common::check_output(dir.path(), "json", &["--select", "SYN", "svc"]);
    assert!(!stderr.contains("not checked"), "{stderr}");
    let found: Vec<(String, u64, u64)> = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            (
                d["path"].as_str().expect("path").to_string(),
                d["line"].as_u64().expect("line"),
                d["column"].as_u64().expect("column"),
            )
        })
        .collect();
    assert_eq!(found, [("svc/internal/broken.go".to_string(), 3, 9)]);
}

#[test]
fn debug_dump_prints_the_module_model() {
    let dir = module();
    write(
        dir.path(),
        "loose/tool.go",
        "package main\n\nfunc main() {}\n",
    );
    for target in ["svc/cmd/api/main.go", "svc/go.mod", "svc"] {
        let output = shiplint(dir.path())
            .args(["debug", "dump", target])
            .output()
            .expect("runs");
        assert_eq!(
            output.status.code(),
            Some(0),
            "{target}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let dump: Value = serde_json::from_slice(&output.stdout).expect("JSON");
        let module = &dump["modules"][0];
        assert_eq!(module["module"], "example.com/svc", "{target}");
        let main = &module["mains"][0];
        assert_eq!(main["uses_gin"], true);
        assert_eq!(main["engines"][0]["code"], "gin.Default()");
        assert_eq!(main["set_modes"].as_array().map(Vec::len), Some(0));
        let address = &main["listens"][0]["address"];
        assert_eq!(
            (&address["kind"], &address["variable"], &address["fallback"]),
            (
                &Value::from("from_env"),
                &Value::from("PORT"),
                &Value::from(8080)
            )
        );
        assert_eq!(main["listens"][0]["at"], "svc/cmd/api/main.go:15:8");
    }
    let output = shiplint(dir.path())
        .args(["debug", "dump", "loose/tool.go"])
        .output()
        .expect("runs");
    let dump: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(dump["modules"].as_array().map(Vec::len), Some(0));
    assert!(
        dump["not_modelled"][0]["reason"]
            .as_str()
            .is_some_and(|r| r.contains("no loaded `go.mod`"))
    );
}
