//! DKR001 single-stage-build: the stage that ships is a build toolchain image, or compiles there, so the
//! compiler, the sources and the build cache ship with the service. The stages that ship are the last one
//! and every stage a compose `build.target` selects (the last one only when some build does not name a target).

use super::common::{compile_step, root_image};
use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::docker::{DockerImage, ImageRef, Stage};
use shiplint_syntax::Span;
use std::collections::BTreeMap;

declare_rule! {
    /// The stage that ships is a build toolchain image or compiles there.
    #[derive(Default)]
    pub struct SingleStageBuild {
        /// More image names to treat as build toolchains (`my-registry/builder`, or a last path component
        /// such as `builder`); compared without tag.
        pub extra_toolchain_images: Vec<String>
    }
    code = "DKR001", name = "single-stage-build", domain = "docker", severity = Warning,
}

/// Images that exist to compile code. JDK images are matched separately (their JRE tags are runtimes).
const TOOLCHAINS: [&str; 12] = [
    "golang",
    "rust",
    "gcc",
    "clang",
    "maven",
    "gradle",
    "buildpack-deps",
    "dotnet/sdk",
    "dotnet/core/sdk",
    "swift",
    "haskell",
    "sbt",
];
/// Java images whose default tags are a JDK; a tag with `jre` is a runtime.
const JDK_IMAGES: [&str; 5] = [
    "openjdk",
    "eclipse-temurin",
    "amazoncorretto",
    "sapmachine",
    "ibm-semeru-runtimes",
];

impl SingleStageBuild {
    fn is_toolchain(&self, image: &ImageRef) -> bool {
        let short = image.short_name();
        let base = image.base_name();
        let extra = self.extra_toolchain_images.iter().any(|extra| {
            let lower = extra.to_ascii_lowercase();
            // A tag follows the last `:` only when no `/` comes after it: `localhost:5000/ci/builder` has none.
            let extra = match lower.rsplit_once(':') {
                Some((name, tag)) if !tag.contains('/') => name,
                _ => lower.as_str(),
            };
            extra == short
                || extra == base
                || image.registry.as_deref().is_some_and(|r| {
                    extra
                        .get(..r.len())
                        .is_some_and(|host| host.eq_ignore_ascii_case(r))
                        && extra[r.len()..].strip_prefix('/') == Some(short)
                })
        });
        let jre = image
            .tag
            .as_deref()
            .is_some_and(|t| t.to_ascii_lowercase().contains("jre"));
        // `buildpack-deps:*-scm` and `*-curl` hold version control and download tools, not compilers.
        let tools_only = base == "buildpack-deps"
            && image
                .tag
                .as_deref()
                .is_some_and(|t| t.ends_with("scm") || t.ends_with("curl"));
        extra
            || !tools_only
                && TOOLCHAINS.iter().any(|t| {
                    short
                        .strip_suffix(t)
                        .is_some_and(|r| r.is_empty() || r.ends_with('/'))
                })
            || base.ends_with("-jdk")
            || (JDK_IMAGES.contains(&base) && !jre)
    }
}

/// A compile step as shown in messages: `go build`, or the program alone (`javac`).
fn shown((name, step): (&str, &str)) -> String {
    if step.is_empty() {
        name.to_string()
    } else {
        format!("{name} {step}")
    }
}

impl Check<DockerImage> for SingleStageBuild {
    fn check(&self, image: &DockerImage, cx: &mut Ctx<'_>) {
        for (stage, targets) in shipped_stages(image, cx) {
            self.check_stage(image, stage, &targets, cx);
        }
    }
}

/// The stages that ship, each with the compose `build.target`s (and their services) that select it. The last
/// stage ships unless every compose service that builds this Dockerfile selects a target.
fn shipped_stages(image: &DockerImage, cx: &Ctx<'_>) -> BTreeMap<usize, Vec<(Span, String)>> {
    let mut out: BTreeMap<usize, Vec<(Span, String)>> = BTreeMap::new();
    let builds: Vec<_> = match cx.document() {
        Some(document) => cx.project().stack.built_from(document.file).collect(),
        None => Vec::new(),
    };
    let untargeted = builds
        .iter()
        .any(|s| s.build.as_ref().is_none_or(|b| b.target.is_none()));
    if (builds.is_empty() || untargeted)
        && let Some(last) = image.shipped_stage(None)
    {
        out.entry(last.index).or_default();
    }
    for service in builds {
        let (Some(target), Some((_, stage))) = (
            service.build.as_ref().and_then(|b| b.target.as_ref()),
            service.shipped(),
        ) else {
            continue;
        };
        out.entry(stage)
            .or_default()
            .push((target.span, service.name.value.clone()));
    }
    out
}

impl SingleStageBuild {
    fn check_stage(
        &self,
        image: &DockerImage,
        stage: usize,
        targets: &[(Span, String)],
        cx: &mut Ctx<'_>,
    ) {
        let Some(shipped) = image.stages.get(stage) else {
            return;
        };
        let lineage: Vec<&Stage> = image.lineage(shipped).collect();
        let compile = lineage.iter().rev().find_map(|stage| {
            stage
                .commands()
                .find_map(|c| compile_step(c).map(|what| (shown(what), c.span)))
        });
        let root = root_image(image, shipped);
        let toolchain = self.is_toolchain(root);
        // RULES.md anchors this rule on the shipped stage's FROM: `FROM golang:1.22`, without the `AS name`.
        let anchor = image
            .instruction(shipped.from)
            .map_or(shipped.image.span, |from| {
                from.keyword_span.cover(shipped.image.span)
            });
        let finding = match (&compile, toolchain) {
            (_, true) => cx.report(
                anchor,
                format!(
                    "the shipped stage is based on the build toolchain image `{}`",
                    root.raw
                ),
            ),
            (Some((what, _)), false) => cx.report(
                anchor,
                format!(
                    "the shipped stage compiles with `{what}`, so its toolchain and sources ship"
                ),
            ),
            (None, false) => return,
        };
        if let Some((what, span)) = compile {
            finding.label(span, format!("`{what}` compiles in the shipped image"));
        }
        for (span, service) in targets {
            finding.label(
                *span,
                format!("compose service `{service}` ships this stage (`build.target`)"),
            );
        }
        finding.help(
            "build in a first stage (`FROM golang:1.22 AS build`), then start a new stage from a small runtime \
             image and copy only the artefact: `COPY --from=build /out/app /app`",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::SingleStageBuild;
    use shiplint_model::docker::ImageRef;
    use shiplint_syntax::Span;

    fn rule(extra: &str) -> SingleStageBuild {
        SingleStageBuild {
            extra_toolchain_images: vec![extra.to_string()],
        }
    }

    fn image(raw: &str) -> ImageRef {
        ImageRef::parse(raw, raw, false, Span::default())
    }

    #[test]
    fn extra_image_on_a_registry_with_a_port() {
        let builder = image("localhost:5000/ci/builder:1.4");
        assert!(rule("localhost:5000/ci/builder").is_toolchain(&builder));
        assert!(rule("localhost:5000/ci/builder:2").is_toolchain(&builder));
        assert!(rule("LocalHost:5000/CI/Builder").is_toolchain(&builder));
        assert!(rule("builder").is_toolchain(&builder));
        assert!(!rule("localhost:5000/ci/runner").is_toolchain(&builder));
        assert!(!rule("localhost:5001/ci/builder").is_toolchain(&builder));
    }
}
