//! `shiplint debug dump main.go|go.mod|DIR`: what the Go model saw, as JSON, so a user can see why a rule
//! decided what it did: each module, its main packages, the gin engines, `SetMode` calls, listen addresses
//! with their resolution, the environment reads, and the `.go` files left out of the model with the reason.

use super::{GinMode, ListenAddress, unmodelled_reason};
use crate::Project;
use serde_json::{Value, json};
use shiplint_syntax::Span;

/// The Go model of `project` as JSON (locations as `path:line:column`, code as written).
pub fn to_json(project: &Project) -> Value {
    let at = |span: Span| {
        let file = project.file(span.file);
        let position = file.line_col(span.start);
        format!("{}:{}:{}", file.path, position.line, position.column)
    };
    let code = |span: Span| span.text(&project.file(span.file).text).to_string();
    let path = |id| project.file(id).path.clone();
    let modules: Vec<Value> = project
        .go_modules()
        .iter()
        .map(|module| {
            let mains: Vec<Value> = module
                .mains
                .iter()
                .map(|main| {
                    let engines: Vec<Value> = main
                        .engines
                        .iter()
                        .map(|&s| json!({ "at": at(s), "code": code(s) }))
                        .collect();
                    let set_modes: Vec<Value> = main
                        .set_modes
                        .iter()
                        .map(|m| json!({ "at": at(m.span), "code": code(m.span), "mode": mode_json(&m.mode), "conditional": m.conditional }))
                        .collect();
                    let listens: Vec<Value> = main
                        .listens
                        .iter()
                        .map(|l| {
                            let address = match &l.address {
                                ListenAddress::Fixed { host, port } => {
                                    json!({ "kind": "fixed", "host": host, "port": port })
                                }
                                ListenAddress::FromEnv {
                                    variable,
                                    host,
                                    fallback,
                                    read,
                                } => json!({
                                    "kind": "from_env", "variable": variable, "host": host,
                                    "fallback": fallback, "read_at": at(*read),
                                }),
                                ListenAddress::FromFlag { flag, before, after, .. } => json!({
                                    "kind": "from_flag", "flag": flag, "before": before, "after": after,
                                }),
                                ListenAddress::Unknown { reason } => {
                                    json!({ "kind": "unknown", "reason": reason })
                                }
                            };
                            json!({ "at": at(l.span), "code": code(l.span), "address": address })
                        })
                        .collect();
                    let env_reads: Vec<Value> = main
                        .env_reads
                        .iter()
                        .map(|e| json!({ "at": at(e.span), "variable": e.variable }))
                        .collect();
                    json!({
                        "dir": main.dir.to_string_lossy(),
                        "files": main.files.iter().map(|&f| path(f)).collect::<Vec<_>>(),
                        "uses_gin": main.uses_gin(),
                        "engines": engines,
                        "set_modes": set_modes,
                        "listens": listens,
                        "env_reads": env_reads,
                    })
                })
                .collect();
            json!({
                "go_mod": path(module.go_mod),
                "module": module.module.as_ref().map(|m| m.value.clone()),
                "gin_require": module.gin_require.map(|s| json!({ "at": at(s), "code": code(s) })),
                "mains": mains,
            })
        })
        .collect();
    let not_modelled: Vec<Value> = project
        .documents
        .iter()
        .filter_map(|d| {
            unmodelled_reason(project, d.file)
                .map(|reason| json!({ "file": path(d.file), "reason": reason }))
        })
        .collect();
    let syntax_errors: Vec<Value> = project
        .documents
        .iter()
        .filter(|d| d.go_mod().is_some() || d.go_source().is_some())
        .flat_map(|d| d.syntax_errors())
        .map(|e| json!({ "at": at(e.span), "message": e.message }))
        .collect();
    json!({ "modules": modules, "not_modelled": not_modelled, "syntax_errors": syntax_errors })
}

fn mode_json(mode: &GinMode) -> Value {
    match mode {
        GinMode::Release => json!({ "kind": "release" }),
        GinMode::Debug => json!({ "kind": "debug" }),
        GinMode::Test => json!({ "kind": "test" }),
        GinMode::FromEnv { variable } => json!({ "kind": "from_env", "variable": variable }),
        GinMode::NotAMode { value } => json!({ "kind": "not_a_mode", "value": value }),
        GinMode::Unresolved { expression } => {
            json!({ "kind": "unresolved", "expression": expression })
        }
    }
}
