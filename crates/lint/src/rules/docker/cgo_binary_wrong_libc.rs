//! DKR016 cgo-binary-wrong-libc: a Go binary built with cgo enabled (the default where a C compiler is
//! present, as in the Debian-based `golang` images) is linked against that stage's C library, then copied
//! into a shipped stage with another one (scratch, distroless static, busybox: none; Alpine: musl), where it
//! fails to start with "no such file or directory".

use super::common::{is_musl, is_scratch, root_image};
use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::docker::{Command, CopySource, DockerImage, ImageRef, Run, Stage};

declare_rule! {
    /// A Go binary built with cgo is copied into an image without the C library it links to.
    #[derive(Default)]
    pub struct CgoBinaryWrongLibc {}
    code = "DKR016", name = "cgo-binary-wrong-libc", domain = "docker", severity = Error,
}

#[derive(Copy, Clone, PartialEq, Eq)]
enum Libc {
    None,
    Musl,
    Glibc,
}

impl Libc {
    fn describe(self) -> &'static str {
        match self {
            Libc::None => "no C library",
            Libc::Musl => "musl",
            Libc::Glibc => "glibc",
        }
    }
}

fn runtime_libc(image: &ImageRef, scratch: bool) -> Libc {
    let name = image.short_name();
    if scratch
        || name.ends_with("distroless/static")
        || name.ends_with("distroless/static-debian12")
        || name.starts_with("distroless/static")
        || image.base_name() == "busybox"
    {
        Libc::None
    } else if is_musl(image) {
        Libc::Musl
    } else {
        Libc::Glibc
    }
}

/// Whether a RUN (or the stage before it) turns cgo off for a `go build`, or links statically.
fn cgo_disabled(stage: &Stage, run: &Run, build: &Command) -> bool {
    let off = |v: &str| v.trim_matches(['"', '\'']) == "0";
    if build
        .assignments()
        .any(|(k, v)| k == "CGO_ENABLED" && off(v))
    {
        return true;
    }
    if build.args().iter().any(|w| w.value.contains("-static")) {
        return true;
    }
    let exported = run
        .commands()
        .take_while(|c| !std::ptr::eq(*c, build))
        .any(|c| {
            // `env CGO_ENABLED=0 go build` is an assignment of the build itself, seen above.
            c.name() == Some("export") && c.words().iter().any(|w| w.value == "CGO_ENABLED=0")
        });
    if exported {
        return true;
    }
    // ENV or ARG `CGO_ENABLED=0` in force for this RUN (ENV is inherited from parent stages, ARG is not).
    stage
        .variable_before("CGO_ENABLED", run.instruction)
        .is_some_and(|v| off(&v.value))
}

/// Whether a stage (or its parents) installs a C compiler: on Alpine, cgo is only on when one is there.
fn installs_c_compiler(image: &DockerImage, stage: &Stage) -> bool {
    image.lineage(stage).any(|s| {
        s.commands().any(|c| {
            matches!(c.name(), Some("apk" | "apt-get" | "apt"))
                && c.operands().any(|w| {
                    matches!(
                        w.value.as_str(),
                        "gcc" | "build-base" | "musl-dev" | "clang"
                    )
                })
        })
    })
}

impl Check<DockerImage> for CgoBinaryWrongLibc {
    fn check(&self, image: &DockerImage, cx: &mut Ctx<'_>) {
        let Some(shipped) = image.shipped_stage(None) else {
            return;
        };
        let shipped_root = image.root(shipped);
        let target = runtime_libc(&shipped_root.image, is_scratch(image, shipped));
        let mut reported: Vec<usize> = Vec::new();
        for copy in image.lineage(shipped).flat_map(|s| &s.copies_from) {
            let CopySource::Stage(source) = copy.source else {
                continue;
            };
            // Several files copied from one builder are one problem.
            if reported.contains(&source) {
                continue;
            }
            reported.push(source);
            let Some(builder) = image.stages.get(source) else {
                continue;
            };
            let builder_root = root_image(image, builder);
            let built_with = if is_musl(builder_root) {
                Libc::Musl
            } else {
                Libc::Glibc
            };
            if built_with == target {
                continue;
            }
            if builder_root.base_name() != "golang" {
                continue;
            }
            if built_with == Libc::Musl && !installs_c_compiler(image, builder) {
                continue;
            }
            for stage in image.lineage(builder) {
                for run in &stage.runs {
                    let builds = run.commands().filter(|c| {
                        c.name() == Some("go")
                            && matches!(c.subcommand(), Some("build" | "install"))
                    });
                    for build in builds {
                        if cgo_disabled(stage, run, build) {
                            continue;
                        }
                        let copy_span = image
                            .instruction(copy.instruction)
                            .map_or(copy.from.span, |i| i.span);
                        cx.report(
                            build.span,
                            format!(
                                "`go {}` links against {} with cgo on, but the binary ships on `{}`, which has {}",
                                build.subcommand().unwrap_or("build"),
                                built_with.describe(),
                                shipped_root.image.raw,
                                target.describe()
                            ),
                        )
                        .label(copy_span, "the binary is copied into the shipped stage here")
                        .label(shipped_root.image.span, format!("{} here", target.describe()))
                        .help("build with `CGO_ENABLED=0 go build …` for a static binary, or ship on an image with the same C library");
                    }
                }
            }
        }
    }
}
