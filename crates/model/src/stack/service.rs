//! Compose service -> build context -> Dockerfile document -> the stage that ships, and the container's
//! environment as Docker resolves it (compose `environment`/`env_file` over the shipped stage's ENV).

use super::ports::{self, ContainerPort};
use crate::compose::{EnvOrigin, Overrides, Service, normalize};
use crate::docker::{BuildArgs, Stage};
use crate::project::Project;
use shiplint_syntax::{FileId, Span, Spanned};
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

/// One compose service, linked.
#[derive(Clone, Debug)]
pub struct ServiceLink {
    /// The compose document that defines it.
    pub compose: FileId,
    /// The compose project it belongs to, named by the project's main file: its own file, the main file an
    /// override is loaded with, or the file whose `include:` brings it in. Names resolve only inside one.
    pub project: FileId,
    /// Its index in that document's `services`.
    pub index: usize,
    /// Its name.
    pub name: Spanned<String>,
    /// Its `build:`, when it has one.
    pub build: Option<BuildLink>,
    /// The container's environment, one entry per variable (sorted by name), with what set it.
    pub environment: Vec<ContainerEnv>,
    /// Container ports it declares: compose `ports` (container side), `expose`, and the shipped stage's EXPOSE.
    pub ports: Vec<ContainerPort>,
}

impl ServiceLink {
    /// The container's value of variable `name`, if anything sets it.
    pub fn env(&self, name: &str) -> Option<&ContainerEnv> {
        self.environment
            .binary_search_by(|e| e.name.as_str().cmp(name))
            .ok()
            .map(|i| &self.environment[i])
    }

    /// The compose service in the file that defines it, as written there ([`Service::merged`] has the
    /// override beside it merged in).
    pub fn written<'p>(&self, project: &'p Project) -> Option<&'p Service> {
        project
            .documents
            .get(self.compose.0 as usize)?
            .compose()?
            .services
            .get(self.index)
    }

    /// The Dockerfile document and shipped stage, when the build was linked to a loaded Dockerfile.
    pub fn shipped(&self) -> Option<(FileId, usize)> {
        let dockerfile = self.build.as_ref()?.dockerfile()?;
        Some((dockerfile.file, dockerfile.stage?))
    }
}

/// A service's `build:` linked to the documents loaded.
#[derive(Clone, Debug)]
pub struct BuildLink {
    /// The whole `build` value in the compose file.
    pub span: Span,
    /// `build.target`, when written.
    pub target: Option<Spanned<String>>,
    /// The build context directory (`None`: a remote context).
    pub context: Option<PathBuf>,
    /// The Dockerfile path the build reads (`None`: inline Dockerfile or remote context).
    pub path: Option<PathBuf>,
    /// The loaded Dockerfile document at that path; `None` when it was not loaded (not checked).
    pub dockerfile: Option<DockerfileLink>,
}

impl BuildLink {
    /// The linked Dockerfile, if loaded.
    pub fn dockerfile(&self) -> Option<&DockerfileLink> {
        self.dockerfile.as_ref()
    }
}

/// The Dockerfile a build uses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DockerfileLink {
    /// The Dockerfile document.
    pub file: FileId,
    /// The index of the stage that ships (the target, else the last); `None` when the target names no stage
    /// or the file has no stage.
    pub stage: Option<usize>,
}

/// Where a container's environment variable was set.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum EnvSource {
    /// The compose service's `environment:`.
    Compose,
    /// One of the service's `env_file:`s, on this 1-based line of it (the span is the `env_file` entry).
    EnvFile {
        /// The line.
        line: u32,
    },
    /// An ENV of the shipped stage whose value comes from a compose `build.args` entry (the span).
    BuildArg,
    /// An ENV of the shipped stage (or a stage it is built on).
    Dockerfile,
}

/// One variable of a container's environment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContainerEnv {
    /// The variable.
    pub name: String,
    /// Its value; `None` when it comes from the environment `docker compose` runs in (unknown here).
    pub value: Option<String>,
    /// What set it (the value, else the name).
    pub span: Span,
    /// Which file set it.
    pub source: EnvSource,
}

/// Every compose service of the project, linked to its Dockerfile. A `compose.override.yaml` that `docker
/// compose` loads with the main file beside it is merged into that file's services, as Compose merges them;
/// a service only the override defines is linked from the override.
pub(super) fn link_services(project: &Project) -> Vec<ServiceLink> {
    let dockerfiles: HashMap<PathBuf, FileId> = project
        .documents
        .iter()
        .filter(|d| d.dockerfile().is_some())
        .map(|d| (normalize(&d.path), d.file))
        .collect();
    let overrides = Overrides::new(project);
    let mut out = Vec::new();
    for document in &project.documents {
        let Some(compose) = document.compose() else {
            continue;
        };
        // Services brought in by `include:` are linked from their own file; an override's service that the
        // main file defines too is linked there, merged.
        for (index, service) in compose.services.iter().enumerate() {
            if service.included
                || overrides.merged_into_main(project, document.file, &service.name.value)
            {
                continue;
            }
            let mut link = link_service(
                project,
                &dockerfiles,
                document.file,
                index,
                service.merged(),
            );
            link.project = overrides.main_of(document.file).unwrap_or(document.file);
            out.push(link);
        }
    }
    // A service that a file's `include:` brings in joins that file's project.
    for document in &project.documents {
        let Some(compose) = document.compose() else {
            continue;
        };
        for included in compose.services.iter().filter(|s| s.included) {
            if let Some(link) = out.iter_mut().find(|l| {
                l.name.value == included.name.value
                    && l.compose != document.file
                    && l.project == l.compose
            }) {
                link.project = document.file;
            }
        }
    }
    out
}

fn link_service(
    project: &Project,
    dockerfiles: &HashMap<PathBuf, FileId>,
    compose: FileId,
    index: usize,
    service: &Service,
) -> ServiceLink {
    let build = service.build.as_ref().map(|build| {
        let path = build.dockerfile_path();
        let dockerfile = path.as_ref().and_then(|p| dockerfiles.get(p)).map(|&file| {
            let image = project.documents[file.0 as usize].dockerfile();
            let stage = image
                .and_then(|i| i.shipped_stage(build.target.as_ref().map(|t| t.value.as_str())))
                .map(|s| s.index);
            DockerfileLink { file, stage }
        });
        BuildLink {
            span: build.span,
            target: build.target.clone(),
            context: build.context_path(),
            path,
            dockerfile,
        }
    });
    let mut link = ServiceLink {
        compose,
        project: compose,
        index,
        name: service.name.clone(),
        build,
        environment: Vec::new(),
        ports: Vec::new(),
    };
    let build_args = service.build.as_ref().map_or(&[][..], |b| &b.args[..]);
    let image = link
        .shipped()
        .and_then(|(file, _)| project.documents[file.0 as usize].dockerfile());
    // The Dockerfile's model is the build without arguments; one with `build.args` is evaluated again.
    let given = BuildArgs::new(
        build_args
            .iter()
            .map(|(name, value)| (name.value.clone(), value.as_ref().map(|v| v.value.clone()))),
    );
    let rebuilt = image
        .filter(|_| !given.is_empty())
        .map(|image| image.stages_built_with(&given));
    let shipped = link.shipped().and_then(|(_, stage)| match &rebuilt {
        Some(stages) => stages.get(stage),
        None => image?.stages.get(stage),
    });
    link.environment = environment(shipped, build_args, service);
    link.ports = ports::container_ports(shipped, service);
    link
}

/// The container's environment: the shipped stage's ENV (with inherited stages), overridden by the compose
/// `env_file`s then `environment` (later wins, as Docker applies them).
fn environment(
    shipped: Option<&Stage>,
    build_args: &[(Spanned<String>, Option<Spanned<String>>)],
    service: &Service,
) -> Vec<ContainerEnv> {
    let mut vars: BTreeMap<String, ContainerEnv> = BTreeMap::new();
    if let Some(stage) = shipped {
        vars.extend(
            stage_environment(stage, build_args)
                .into_iter()
                .map(|v| (v.name.clone(), v)),
        );
    }
    for var in &service.environment {
        let source = match var.origin {
            EnvOrigin::Inline => EnvSource::Compose,
            EnvOrigin::EnvFile { line } => EnvSource::EnvFile { line },
        };
        vars.insert(
            var.name.value.clone(),
            ContainerEnv {
                name: var.name.value.clone(),
                value: var.value.as_ref().map(|v| v.value.clone()),
                span: var.value.as_ref().map_or(var.name.span, |v| v.span),
                source,
            },
        );
    }
    vars.into_values().collect()
}

/// The ENV of `stage` (with the stages it is built on), one entry per variable, sorted by name. A value
/// that comes from one of `build_args` points at that entry, and is unknown when the entry has no value (the
/// shell running compose gives it).
pub(crate) fn stage_environment(
    stage: &Stage,
    build_args: &[(Spanned<String>, Option<Spanned<String>>)],
) -> Vec<ContainerEnv> {
    let mut vars: BTreeMap<String, ContainerEnv> = BTreeMap::new();
    // `stage.env` holds the inherited ENV first, then the stage's own, in order: later wins.
    for var in &stage.env {
        let given = var
            .build_arg
            .as_ref()
            .and_then(|arg| build_args.iter().rev().find(|(name, _)| &name.value == arg));
        let entry = match given {
            Some((name, value)) => ContainerEnv {
                name: var.name.clone(),
                value: value.as_ref().map(|_| var.value.clone()),
                span: value.as_ref().map_or(name.span, |v| v.span),
                source: EnvSource::BuildArg,
            },
            None => ContainerEnv {
                name: var.name.clone(),
                value: Some(var.value.clone()),
                span: var.span,
                source: EnvSource::Dockerfile,
            },
        };
        vars.insert(var.name.clone(), entry);
    }
    vars.into_values().collect()
}
