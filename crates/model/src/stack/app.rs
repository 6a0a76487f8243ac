//! Go module -> the build that ships it -> the app's listen addresses resolved through the container
//! environment. A module is built by a compose service whose build context holds the module's directory and
//! whose Dockerfile runs `go build` (or `go install`); a module no compose service builds is linked to a
//! loaded Dockerfile in its own directory that does, built without a target.

use super::command::{container_arguments, flag_value};
use super::service::{ContainerEnv, EnvSource, ServiceLink, stage_environment};
use crate::compose::normalize;
use crate::docker::{Base, DockerImage, copy_operands};
use crate::golang::{GoModule, ListenAddress, MainPackage};
use crate::project::{Document, Project};
use shiplint_syntax::dockerfile::{Arguments, Keyword};
use shiplint_syntax::{FileId, Span, Spanned};
use std::borrow::Cow;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// One Go main package and a build that ships it.
#[derive(Clone, Debug)]
pub struct AppLink {
    /// Index into [`Project::go_modules`].
    pub module: usize,
    /// Index into that module's `mains`.
    pub main: usize,
    /// What builds and runs it.
    pub built_by: AppBuilder,
    /// The container environment it runs with (compose over the shipped stage's ENV), sorted by name.
    pub environment: Vec<ContainerEnv>,
    /// The words of the command line the container starts it with (ENTRYPOINT and CMD, after compose's
    /// `entrypoint`/`command`), for the flags it passes.
    pub arguments: Vec<Spanned<String>>,
    /// Its listen addresses, resolved through that environment and command line.
    pub listens: Vec<AppListen>,
}

impl AppLink {
    /// The container's value of variable `name`, if anything sets it.
    pub fn env(&self, name: &str) -> Option<&ContainerEnv> {
        self.environment
            .binary_search_by(|e| e.name.as_str().cmp(name))
            .ok()
            .map(|i| &self.environment[i])
    }
}

/// What builds and runs an app.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum AppBuilder {
    /// A compose service (index into [`super::Stack::services`]).
    Service(usize),
    /// A Dockerfile built on its own (no compose service builds it): its document and the last stage.
    Dockerfile {
        /// The Dockerfile document.
        file: FileId,
        /// The stage that ships.
        stage: usize,
    },
}

/// One listen address of an app.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AppListen {
    /// The address in the Go code (or the call that listens).
    pub span: Span,
    /// What it resolves to in the container.
    pub resolution: ListenResolution,
}

/// A listen address in the container.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ListenResolution {
    /// Known.
    Resolved {
        /// The host part when written (`127.0.0.1`, `0.0.0.0`).
        host: Option<String>,
        /// The port.
        port: u16,
        /// The spans that decided it (the env read, the variable's setting, the fallback), with why.
        evidence: Vec<(Span, String)>,
    },
    /// Not known; why.
    Unknown {
        /// Why, naming the expression or variable.
        reason: String,
    },
}

/// A compose service whose build compiles a Go module, but whose main package could not be told (the module
/// has several and the `go build` names none of them that the model sees): its port and gin mode are not
/// checked, and rules say so.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnlinkedBuild {
    /// The service (index into [`super::Stack::services`]).
    pub service: usize,
    /// The module (index into [`Project::go_modules`]).
    pub module: usize,
    /// The packages the build names, as written or resolved (`cmd/api`, `example.com/shop/cmd/api`).
    pub packages: Vec<String>,
}

/// Every (main package, build) pair of the project, and the builds whose main package could not be told.
pub(super) fn link_apps(
    project: &Project,
    services: &[ServiceLink],
) -> (Vec<AppLink>, Vec<UnlinkedBuild>) {
    let modules = project.go_modules();
    let mut out = Vec::new();
    let mut unlinked = Vec::new();
    let mut built = vec![false; modules.len()];
    for (index, service) in services.iter().enumerate() {
        let Some((file, _)) = service.shipped() else {
            continue;
        };
        let Some(context) = service.build.as_ref().and_then(|b| b.context.as_ref()) else {
            continue;
        };
        let (Some(image), Some((_, stage))) = (
            project.documents[file.0 as usize].dockerfile(),
            service.shipped(),
        ) else {
            continue;
        };
        let packages = go_build_packages(image);
        let Some(packages) = packages else {
            continue;
        };
        // The module nearest the context root: the context itself, else the shallowest one inside it.
        let module = modules
            .iter()
            .enumerate()
            .filter(|(_, m)| normalize(&m.dir).starts_with(context))
            .min_by_key(|(_, m)| m.dir.components().count());
        let Some((module_index, module)) = module else {
            continue;
        };
        built[module_index] = true;
        let mains = pick_mains(module, context, &packages);
        if mains.is_empty() {
            unlinked.push(UnlinkedBuild {
                service: index,
                module: module_index,
                packages: packages.iter().map(BuiltPackage::to_string).collect(),
            });
        }
        let compose_service = project.documents[service.compose.0 as usize]
            .compose()
            .and_then(|c| c.services.get(service.index));
        let arguments = image
            .stages
            .get(stage)
            .map(|shipped| container_arguments(image, shipped, compose_service))
            .unwrap_or_default();
        for main in mains {
            out.push(app(
                module_index,
                main,
                module,
                AppBuilder::Service(index),
                (service.environment.clone(), arguments.clone()),
            ));
        }
    }
    // Dockerfiles by directory, for modules no compose service builds.
    let mut by_dir: HashMap<PathBuf, Vec<&Document>> = HashMap::new();
    for document in project
        .documents
        .iter()
        .filter(|d| d.dockerfile().is_some())
    {
        let dir = normalize(document.path.parent().unwrap_or(Path::new("")));
        by_dir.entry(dir).or_default().push(document);
    }
    for (module_index, module) in modules.iter().enumerate() {
        if built[module_index] {
            continue;
        }
        let dir = normalize(&module.dir);
        for document in by_dir.get(&dir).into_iter().flatten() {
            let Some(image) = document.dockerfile() else {
                continue;
            };
            let Some(stage) = image.shipped_stage(None).map(|s| s.index) else {
                continue;
            };
            let Some(packages) = go_build_packages(image) else {
                continue;
            };
            let Some(shipped) = image.stages.get(stage) else {
                continue;
            };
            let environment = stage_environment(shipped, &[]);
            let arguments = container_arguments(image, shipped, None);
            for main in pick_mains(module, &dir, &packages) {
                out.push(app(
                    module_index,
                    main,
                    module,
                    AppBuilder::Dockerfile {
                        file: document.file,
                        stage,
                    },
                    (environment.clone(), arguments.clone()),
                ));
            }
        }
    }
    (out, unlinked)
}

fn app(
    module_index: usize,
    main: usize,
    module: &GoModule,
    built_by: AppBuilder,
    (environment, arguments): (Vec<ContainerEnv>, Vec<Spanned<String>>),
) -> AppLink {
    let mut link = AppLink {
        module: module_index,
        main,
        built_by,
        environment,
        arguments,
        listens: Vec::new(),
    };
    if let Some(package) = module.mains.get(main) {
        link.listens = package
            .listens
            .iter()
            .map(|listen| AppListen {
                span: listen.span,
                resolution: resolve(&listen.address, listen.span, &link),
            })
            .collect();
    }
    link
}

/// A package a `go build`/`go install` of a Dockerfile compiles.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum BuiltPackage {
    /// A directory, relative to the build context (the command's work directory, through the `COPY . <dir>`
    /// that brought the context in; relative to the context itself when no such COPY is seen).
    Dir(PathBuf),
    /// An import path (`example.com/shop/cmd/api`).
    Import(String),
}

impl std::fmt::Display for BuiltPackage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BuiltPackage::Dir(dir) if dir.as_os_str().is_empty() => f.write_str("."),
            BuiltPackage::Dir(dir) => write!(f, "./{}", dir.display()),
            BuiltPackage::Import(path) => f.write_str(path),
        }
    }
}

/// What the `go build`/`go install` commands of the Dockerfile compile (the work directory when no package
/// is written), or `None` when no stage of the file compiles Go.
pub(crate) fn go_build_packages(image: &DockerImage) -> Option<Vec<BuiltPackage>> {
    let mut packages = Vec::new();
    let mut compiles = false;
    let mut workdirs: Vec<String> = Vec::with_capacity(image.stages.len());
    for stage in &image.stages {
        let inherited = match stage.base {
            Base::Stage(parent) => workdirs.get(parent).cloned(),
            _ => None,
        };
        let mut place = BuildPlace {
            workdir: inherited.unwrap_or_else(|| "/".to_string()),
            context_at: None,
        };
        for (at, instruction) in image.instructions_of(stage) {
            match (&instruction.keyword, &instruction.args) {
                (Keyword::Workdir, Arguments::Shell(text)) => {
                    place.workdir = join(&place.workdir, text.text.trim());
                }
                (Keyword::Copy | Keyword::Add, _) if instruction.flag("from").is_none() => {
                    let (sources, dest) = copy_operands(instruction);
                    let whole = sources
                        .iter()
                        .any(|s| matches!(s.value.as_str(), "." | "./"));
                    if let (true, Some(dest)) = (whole, dest) {
                        place.context_at = Some(join(&place.workdir, &dest.value));
                    }
                }
                (Keyword::Run, _) => {
                    let commands = stage
                        .runs
                        .iter()
                        .filter(|r| r.instruction == at)
                        .flat_map(|r| r.commands());
                    for command in commands {
                        let mut operands = command.operands().map(|w| w.value.as_str());
                        if command.name() == Some("go")
                            && matches!(operands.next(), Some("build" | "install"))
                        {
                            compiles = true;
                            packages.extend(place.packages(operands));
                        }
                    }
                }
                _ => {}
            }
        }
        workdirs.push(place.workdir);
    }
    compiles.then_some(packages)
}

/// Where a stage's `go build` runs: its work directory, and where `COPY . <dir>` put the build context.
struct BuildPlace {
    workdir: String,
    context_at: Option<String>,
}

impl BuildPlace {
    /// The packages a `go build` with these operands compiles (its work directory when it names none).
    fn packages<'a>(&self, operands: impl Iterator<Item = &'a str>) -> Vec<BuiltPackage> {
        let mut out = Vec::new();
        for operand in operands {
            let package = operand.trim_end_matches("/...");
            if package == "." || package.starts_with("./") || package.starts_with("../") {
                out.push(self.dir(package));
            } else if let Some(file) = package.strip_suffix(".go") {
                let dir = Path::new(file).parent().unwrap_or(Path::new(""));
                out.push(self.dir(&format!("./{}", dir.display())));
            } else if package.contains('.') && !package.starts_with('/') {
                out.push(BuiltPackage::Import(package.to_string()));
            }
        }
        if out.is_empty() {
            out.push(self.dir("."));
        }
        out
    }

    /// A relative package directory, as a path in the build context.
    fn dir(&self, package: &str) -> BuiltPackage {
        let in_container = join(&self.workdir, package);
        let from_context = self
            .context_at
            .as_ref()
            .and_then(|root| Path::new(&in_container).strip_prefix(root).ok())
            .map_or_else(|| PathBuf::from(package), Path::to_path_buf);
        BuiltPackage::Dir(normalize(&from_context))
    }
}

/// `path` taken from directory `dir` (an absolute path stays as it is), normalised.
fn join(dir: &str, path: &str) -> String {
    let joined = Path::new(dir).join(path);
    normalize(&joined).to_string_lossy().into_owned()
}

/// The main packages a build compiles: those the `go build` packages name (directories relative to
/// `context`, or import paths inside the module), else the module's only main, else its root main, when the
/// build names nothing the module has.
fn pick_mains(module: &GoModule, context: &Path, packages: &[BuiltPackage]) -> Vec<usize> {
    let module_path = module.module.as_ref().map(|m| m.value.as_str());
    let dirs: Vec<PathBuf> = packages
        .iter()
        .filter_map(|package| match package {
            BuiltPackage::Dir(dir) => Some(normalize(&context.join(dir))),
            BuiltPackage::Import(path) => {
                let rest = path.strip_prefix(module_path?)?;
                if rest.is_empty() {
                    Some(normalize(&module.dir))
                } else {
                    Some(normalize(&module.dir.join(rest.strip_prefix('/')?)))
                }
            }
        })
        .collect();
    let named: Vec<usize> = module
        .mains
        .iter()
        .enumerate()
        .filter(|(_, m)| dirs.contains(&normalize(&m.dir)))
        .map(|(i, _)| i)
        .collect();
    if !named.is_empty() {
        return named;
    }
    if module.mains.len() == 1 {
        return vec![0];
    }
    let root = normalize(&module.dir);
    module
        .mains
        .iter()
        .position(|m: &MainPackage| normalize(&m.dir) == root)
        .into_iter()
        .collect()
}

/// Resolves a listen address through the container environment, as the code reads it.
fn resolve(address: &ListenAddress, span: Span, app: &AppLink) -> ListenResolution {
    match address {
        ListenAddress::Fixed { host, port } => ListenResolution::Resolved {
            host: host.clone(),
            port: *port,
            evidence: vec![(span, format!("the app listens on port `{port}`"))],
        },
        ListenAddress::Unknown { reason } => ListenResolution::Unknown {
            reason: reason.clone(),
        },
        ListenAddress::FromFlag { flag, default, .. } => {
            let Some(passed) = flag_value(&app.arguments, flag) else {
                let mut resolution = resolve(default, span, app);
                if let ListenResolution::Resolved { evidence, .. } = &mut resolution {
                    evidence.push((
                        span,
                        format!(
                            "the container's command does not pass `-{flag}`, so its default counts"
                        ),
                    ));
                }
                return resolution;
            };
            let value = match passed.value {
                None => {
                    return ListenResolution::Unknown {
                        reason: format!(
                            "the container's command ends with `-{flag}`, without its value"
                        ),
                    };
                }
                Some(value) if value.contains('$') => {
                    return ListenResolution::Unknown {
                        reason: format!(
                            "the container passes `-{flag}={value}`, which is expanded only when it starts"
                        ),
                    };
                }
                Some(value) => value,
            };
            match address.with_flag_value(&value) {
                Some(ListenAddress::Fixed { host, port }) => ListenResolution::Resolved {
                    host,
                    port,
                    evidence: vec![
                        (span, format!("the app listens on the address in `-{flag}`")),
                        (
                            passed.span,
                            format!("the container passes `-{flag}={value}`"),
                        ),
                    ],
                },
                Some(ListenAddress::Unknown { reason }) => ListenResolution::Unknown { reason },
                _ => ListenResolution::Unknown {
                    reason: format!(
                        "the container passes `-{flag}={value}`, which is not an address"
                    ),
                },
            }
        }
        ListenAddress::FromEnv {
            variable,
            host,
            fallback,
            read,
        } => {
            let listens_here = (span, "the app listens here".to_string());
            let fallback_to = |why: String| match fallback {
                Some(port) => ListenResolution::Resolved {
                    host: host.clone(),
                    port: *port,
                    evidence: vec![
                        listens_here.clone(),
                        (
                            *read,
                            format!("`{variable}` {why}, so the app falls back to port `{port}`"),
                        ),
                    ],
                },
                None => ListenResolution::Unknown {
                    reason: format!("`{variable}` {why} and the code has no fallback port"),
                },
            };
            match app.env(variable) {
                None => fallback_to("is not set in the container".to_string()),
                Some(ContainerEnv { value: None, .. }) => ListenResolution::Unknown {
                    reason: format!(
                        "`{variable}` comes from the environment `docker compose` runs in, unknown here"
                    ),
                },
                Some(ContainerEnv {
                    value: Some(value),
                    span: set,
                    source,
                    ..
                }) => {
                    let value = value.trim();
                    if value.is_empty() {
                        return fallback_to("is empty".to_string());
                    }
                    match value.trim_start_matches(':').parse::<u16>() {
                        Ok(port) => ListenResolution::Resolved {
                            host: host.clone(),
                            port,
                            evidence: vec![
                                listens_here,
                                (
                                    *read,
                                    format!("the app listens on the port in `{variable}`"),
                                ),
                                (
                                    *set,
                                    format!("`{variable}={value}` set {}", where_set(*source)),
                                ),
                            ],
                        },
                        Err(_) => ListenResolution::Unknown {
                            reason: format!("`{variable}` is `{value}`, which is not a port"),
                        },
                    }
                }
            }
        }
    }
}

/// Where a variable was set, as a label reads it ("in the compose `environment`", "on line 2 of this compose
/// `env_file`": the label sits on the `env_file` entry).
pub fn where_set(source: EnvSource) -> Cow<'static, str> {
    match source {
        EnvSource::Compose => "in the compose `environment`".into(),
        EnvSource::EnvFile { line } => format!("on line {line} of this compose `env_file`").into(),
        EnvSource::Dockerfile => "by the Dockerfile's `ENV`".into(),
        EnvSource::BuildArg => {
            "through the compose `build.args` (the Dockerfile's `ENV` takes it)".into()
        }
    }
}
