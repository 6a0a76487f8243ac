//! DKR005 copy-all-before-install: `COPY . .` comes before the dependency download of the same stage, so any
//! source change invalidates the download layer and every build downloads everything again.

use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::docker::{Command, DockerImage, Word, copy_operands};
use shiplint_syntax::dockerfile::Keyword;

declare_rule! {
    /// The whole build context is copied before dependencies are downloaded, defeating the layer cache.
    #[derive(Default)]
    pub struct CopyAllBeforeInstall {}
    code = "DKR005", name = "copy-all-before-install", domain = "docker", severity = Info,
}

/// Whether a command only downloads or installs the dependencies a manifest lists.
fn is_dependency_install(command: &Command) -> bool {
    let Some(name) = command.name() else {
        return false;
    };
    let operands: Vec<&str> = command.operands().map(|w| w.value.as_str()).collect();
    match (name, operands.as_slice()) {
        ("go", ["mod", "download", ..]) => true,
        ("npm", ["ci"] | ["install"] | ["i"]) => true,
        ("yarn", [] | ["install"]) => true,
        ("pnpm", ["install"] | ["i"]) => true,
        ("pip" | "pip3", ["install", ..]) => command.has_option(Some('r'), &["requirement"]),
        ("poetry" | "pipenv" | "bundle" | "composer", ["install", ..]) => true,
        ("uv", ["sync", ..]) => true,
        ("cargo", ["fetch", ..]) => true,
        ("dotnet", ["restore", ..]) => true,
        ("mvn" | "mvnw", ops) => ops.iter().any(|o| o.starts_with("dependency:")),
        ("gradle" | "gradlew", ops) => ops.contains(&"dependencies"),
        _ => false,
    }
}

impl Check<DockerImage> for CopyAllBeforeInstall {
    fn check(&self, image: &DockerImage, cx: &mut Ctx<'_>) {
        for stage in &image.stages {
            let mut copy_all = None;
            for (index, instruction) in image.instructions_of(stage) {
                match instruction.keyword {
                    Keyword::Copy | Keyword::Add
                        if copy_all.is_none() && instruction.flag("from").is_none() =>
                    {
                        let (sources, _) = copy_operands(instruction);
                        copy_all = sources
                            .iter()
                            .find(|s| matches!(s.value.as_str(), "." | "./" | "*"))
                            .map(|s| s.span);
                    }
                    Keyword::Run => {
                        let Some(copy) = copy_all else { continue };
                        let Some(run) = stage.runs.iter().find(|r| r.instruction == index) else {
                            continue;
                        };
                        if let Some(command) = run.commands().find(|c| is_dependency_install(c)) {
                            // `go mod download`, `npm ci`, `pip install`: the program and its subcommand name the step.
                            let shown: Vec<&Word> = command
                                .name_word()
                                .into_iter()
                                .chain(command.operands().take(if command.name() == Some("go") {
                                    2
                                } else {
                                    1
                                }))
                                .collect();
                            let text: Vec<&str> = shown.iter().map(|w| w.value.as_str()).collect();
                            let span = match (shown.first(), shown.last()) {
                                (Some(first), Some(last)) => first.span.cover(last.span),
                                _ => command.span,
                            };
                            cx.report(
                                span,
                                format!(
                                    "`{}` runs after the whole build context is copied",
                                    text.join(" ")
                                ),
                            )
                            .label(copy, "any change to any file invalidates the layers from here")
                            .help(
                                "copy only the dependency manifests first (`COPY go.mod go.sum ./`, \
                                 `COPY package.json package-lock.json ./`), install, then `COPY . .`",
                            );
                            break;
                        }
                    }
                    _ => {}
                }
            }
        }
    }
}
