//! APP001 gin-debug-mode: a Go service that uses gin ships without release mode. Release mode is reached by
//! `gin.SetMode(gin.ReleaseMode)` (or `"release"`) from main, or, when main sets no mode, by `GIN_MODE=release`
//! in the container (the shipped stage's ENV, overridden by the compose service's `environment`/`env_file`).
//! `gin.SetMode(os.Getenv("X"))` is release only when `X` is `release` in the container.

use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::Project;
use shiplint_model::golang::{GinMode, MainPackage};
use shiplint_model::stack::{AppBuilder, AppLink, ContainerEnv, ServiceLink, where_set};
use shiplint_syntax::Span;

declare_rule! {
    /// A Go service that uses gin ships without gin's release mode.
    #[derive(Default)]
    pub struct GinDebugMode {}
    code = "APP001", name = "gin-debug-mode", domain = "app", severity = Warning,
}

/// Why gin is not known to run in release mode, and the places that show it.
struct Problem {
    message: String,
    related: Vec<(Span, String)>,
}

/// How a main package runs: under a linked build, or with none found (`builder`: a compose service that
/// builds its module, though which main package it ships could not be told).
#[derive(Copy, Clone)]
enum Runs<'a> {
    Linked(&'a AppLink),
    Unlinked { builder: Option<&'a ServiceLink> },
}

/// Why gin does not start when `SetMode` is given `what`, a string that is none of its modes.
fn not_a_mode(what: String) -> String {
    format!(
        "gin does not start: {what}, which is not one of gin's modes (`debug`, `release`, `test`), and gin \
         panics on an unknown mode"
    )
}

/// The mode a value of `GIN_MODE` (or of a variable given to `gin.SetMode`) sets, checked.
fn from_variable(variable: &str, runs: Runs<'_>, by_set_mode: bool) -> Option<Problem> {
    let app = match runs {
        Runs::Linked(app) => app,
        Runs::Unlinked {
            builder: Some(service),
        } => {
            return Some(Problem {
                message: format!(
                    "gin's mode is read from `{variable}`, and which main package compose service `{}` builds from \
                     this module could not be told, so the container's environment was not linked to it",
                    service.name.value
                ),
                related: vec![(service.name.span, "builds this module".to_string())],
            });
        }
        Runs::Unlinked { builder: None } => {
            return Some(Problem {
                message: format!(
                    "gin's mode is read from `{variable}`, and no compose service or Dockerfile that builds this \
                     module was found to set it"
                ),
                related: Vec::new(),
            });
        }
    };
    match app.env(variable) {
        None if by_set_mode => Some(Problem {
            message: format!(
                "gin runs in debug mode: `gin.SetMode` reads `{variable}`, which the container does not set"
            ),
            related: Vec::new(),
        }),
        None => Some(Problem {
            message: "gin runs in debug mode: no `gin.SetMode(gin.ReleaseMode)` is reached from main, and \
                      `GIN_MODE` is set neither in the shipped stage's ENV nor in the compose service's environment"
                .to_string(),
            related: Vec::new(),
        }),
        Some(ContainerEnv { value: None, span, .. }) => Some(Problem {
            message: format!(
                "gin's mode cannot be resolved: `{variable}` comes from the environment `docker compose` runs in"
            ),
            related: vec![(*span, format!("`{variable}` is passed through from the deploying shell"))],
        }),
        Some(ContainerEnv {
            value: Some(value),
            span,
            source,
            ..
        }) => {
            let set = where_set(*source);
            let assigned = format!("`{variable}={value}` set {set}");
            let (message, label) = match GinMode::of_value(value) {
                GinMode::Release => return None,
                _ if value.is_empty() => (
                    format!("gin runs in debug mode: `{variable}` is empty"),
                    format!("`{variable}` is set empty {set}"),
                ),
                GinMode::NotAMode { .. } => {
                    (not_a_mode(format!("`{variable}` is `{value}`")), assigned)
                }
                _ => (
                    format!("gin runs in `{value}` mode: `{variable}` is `{value}`, not `release`"),
                    assigned,
                ),
            };
            Some(Problem {
                message,
                related: vec![(*span, label)],
            })
        }
    }
}

/// Every reason the main package does not run in release mode as it `runs`.
fn problems(main: &MainPackage, runs: Runs<'_>) -> Vec<Problem> {
    if main.set_modes.is_empty() {
        return from_variable("GIN_MODE", runs, false).into_iter().collect();
    }
    let mut out = Vec::new();
    // Release mode set only under a condition leaves the other runs to `GIN_MODE`.
    let releases_only_sometimes = main.set_modes.iter().all(|s| s.conditional)
        && main.set_modes.iter().any(|s| s.mode == GinMode::Release);
    if releases_only_sometimes && let Some(mut problem) = from_variable("GIN_MODE", runs, false) {
        problem.message = format!(
            "`gin.SetMode` sets release mode only under a condition; otherwise {}",
            problem.message
        );
        let conditional = main.set_modes.iter().filter(|s| s.mode == GinMode::Release);
        let labels = conditional.map(|s| (s.span, "release mode only when this runs".to_string()));
        problem.related.splice(0..0, labels);
        out.push(problem);
    }
    for set in &main.set_modes {
        let mut problem = match &set.mode {
            GinMode::Release => continue,
            GinMode::Debug | GinMode::Test => {
                let mode = if set.mode == GinMode::Debug {
                    "debug"
                } else {
                    "test"
                };
                let when = if set.conditional {
                    " under a condition"
                } else {
                    ""
                };
                Problem {
                    message: format!("gin runs in `{mode}` mode: `gin.SetMode` sets it{when}"),
                    related: Vec::new(),
                }
            }
            GinMode::NotAMode { value } => Problem {
                message: not_a_mode(format!("`gin.SetMode` is given `\"{value}\"`")),
                related: Vec::new(),
            },
            GinMode::Unresolved { expression } => Problem {
                message: format!(
                    "gin's mode cannot be resolved: `gin.SetMode({expression})` is not a mode this tool can read"
                ),
                related: Vec::new(),
            },
            GinMode::FromEnv { variable } => match from_variable(variable, runs, true) {
                Some(problem) => problem,
                None => continue,
            },
        };
        problem
            .related
            .insert(0, (set.span, "the mode is set here".to_string()));
        out.push(problem);
    }
    out
}

/// The build's places: the compose service and the shipped stage's FROM.
fn builder_related(project: &Project, app: &AppLink) -> Vec<(Span, String)> {
    let mut out = Vec::new();
    let (file, stage) = match app.built_by {
        AppBuilder::Service(index) => {
            let Some(service) = project.stack.services.get(index) else {
                return out;
            };
            out.push((
                service.name.span,
                format!("compose service `{}` runs it", service.name.value),
            ));
            match service.shipped() {
                Some(shipped) => shipped,
                None => return out,
            }
        }
        AppBuilder::Dockerfile { file, stage } => (file, stage),
    };
    if let Some(stage) = project
        .documents
        .get(file.0 as usize)
        .and_then(|d| d.dockerfile())
        .and_then(|image| image.stages.get(stage))
    {
        out.push((stage.from_span, "the stage that ships".to_string()));
    }
    out
}

impl Check<Project> for GinDebugMode {
    fn check(&self, project: &Project, cx: &mut Ctx<'_>) {
        for (module_index, module) in project.go_modules().iter().enumerate() {
            for (main_index, main) in module.mains.iter().enumerate() {
                let Some(&engine) = main.engines.first() else {
                    continue;
                };
                let apps: Vec<&AppLink> = project
                    .stack
                    .apps
                    .iter()
                    .filter(|a| a.module == module_index && a.main == main_index)
                    .collect();
                let builder = project
                    .stack
                    .unlinked_builds
                    .iter()
                    .find(|b| b.module == module_index)
                    .and_then(|b| project.stack.services.get(b.service));
                let contexts: Vec<Runs<'_>> = match apps.is_empty() {
                    true => vec![Runs::Unlinked { builder }],
                    false => apps.into_iter().map(Runs::Linked).collect(),
                };
                for runs in contexts {
                    let app = match runs {
                        Runs::Linked(app) => Some(app),
                        Runs::Unlinked { .. } => None,
                    };
                    for problem in problems(main, runs) {
                        let finding = cx.report(engine, problem.message);
                        for (span, why) in problem.related {
                            finding.label(span, why);
                        }
                        if let Some(app) = app {
                            for (span, why) in builder_related(project, app) {
                                finding.label(span, why);
                            }
                        }
                        finding.help(
                            "call `gin.SetMode(gin.ReleaseMode)` in main before creating the engine, or set \
                             `GIN_MODE=release` in the shipped stage's ENV or the compose service's environment",
                        );
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Runs, from_variable};
    use shiplint_model::stack::{AppBuilder, AppLink, ContainerEnv, EnvSource};
    use shiplint_syntax::Span;

    fn app(value: Option<&str>) -> AppLink {
        AppLink {
            module: 0,
            main: 0,
            built_by: AppBuilder::Service(0),
            environment: vec![ContainerEnv {
                name: "GIN_MODE".to_string(),
                value: value.map(str::to_string),
                span: Span::default(),
                source: EnvSource::Compose,
            }],
            arguments: Vec::new(),
            listens: Vec::new(),
        }
    }

    fn message(value: Option<&str>) -> Option<String> {
        from_variable("GIN_MODE", Runs::Linked(&app(value)), false).map(|p| p.message)
    }

    #[test]
    fn gin_mode_values() {
        assert_eq!(message(Some("release")), None);
        let empty = message(Some("")).expect("empty is debug");
        assert!(
            empty.contains("debug mode") && empty.contains("is empty"),
            "{empty}"
        );
        let test = message(Some("test")).expect("test mode is reported");
        assert!(test.contains("`test` mode"), "{test}");
        let capitalised = message(Some("Release")).expect("an unknown mode is reported");
        assert!(
            capitalised.contains("not one of gin's modes")
                && !capitalised.contains("`Release` mode"),
            "{capitalised}"
        );
        let shell = message(None).expect("a pass-through is unknown");
        assert!(shell.contains("cannot be resolved"), "{shell}");
        let none = from_variable("GIN_MODE", Runs::Unlinked { builder: None }, false)
            .expect("no build found");
        assert!(
            none.message.contains("no compose service or Dockerfile"),
            "{}",
            none.message
        );
    }
}
