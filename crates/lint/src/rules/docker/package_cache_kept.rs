//! DKR004 package-cache-kept: a package install in a stage that ships leaves the package index or download
//! cache in the layer (`apt-get install` without removing `/var/lib/apt/lists`, `apk add` without
//! `--no-cache`, `yum`/`dnf install` without `clean all`).

use super::common::{head_span, head_text, is_apt, rm_operands, shipped_lineage};
use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::docker::{Command, DockerImage, Run};
use shiplint_syntax::dockerfile::Instruction;

declare_rule! {
    /// A package install in the shipped image keeps the package manager's cache in its layer.
    #[derive(Default)]
    pub struct PackageCacheKept {}
    code = "DKR004", name = "package-cache-kept", domain = "docker", severity = Info,
}

/// Whether the RUN mounts a cache (then nothing is written to the layer).
fn has_cache_mount(instruction: &Instruction) -> bool {
    instruction.flags.iter().any(|f| {
        f.name.value == "mount"
            && f.value
                .as_ref()
                .is_some_and(|v| v.value.contains("type=cache"))
    })
}

/// Whether any `rm` in the run removes a path starting with one of `prefixes`.
fn removes(run: &Run, prefixes: &[&str]) -> bool {
    rm_operands(run.commands()).any(|path| prefixes.iter().any(|p| path.starts_with(p)))
}

fn cleans(run: &Run, tools: &[&str]) -> bool {
    run.commands().any(|c| {
        c.name().is_some_and(|n| tools.contains(&n))
            && c.subcommand() == Some("clean")
            && c.operands().any(|w| w.value == "all")
    })
}

/// What the command leaves behind, if it is an install that keeps a cache in this run.
fn kept_cache(command: &Command, run: &Run) -> Option<&'static str> {
    match (command.name()?, command.subcommand()?) {
        _ if is_apt(command, &["install", "upgrade", "dist-upgrade"]) => {
            // `apt-get dist-clean` (apt 2.7 and later) removes the lists too.
            let dist_clean = run.commands().any(|c| {
                matches!(c.name(), Some("apt-get" | "apt")) && c.subcommand() == Some("dist-clean")
            });
            (!dist_clean && !removes(run, &["/var/lib/apt/lists"])).then_some("/var/lib/apt/lists")
        }
        ("apk", "add" | "upgrade") => (!command.has_option(None, &["no-cache", "no-network"])
            && !removes(run, &["/var/cache/apk"]))
        .then_some("/var/cache/apk"),
        (tool @ ("yum" | "dnf" | "microdnf"), "install" | "update" | "upgrade") => {
            let cache = if tool == "yum" {
                "/var/cache/yum"
            } else {
                "/var/cache/dnf"
            };
            (!cleans(run, &["yum", "dnf", "microdnf"]) && !removes(run, &[cache])).then_some(cache)
        }
        _ => None,
    }
}

impl Check<DockerImage> for PackageCacheKept {
    fn check(&self, image: &DockerImage, cx: &mut Ctx<'_>) {
        for stage in shipped_lineage(image) {
            for run in &stage.runs {
                if image
                    .instruction(run.instruction)
                    .is_some_and(has_cache_mount)
                {
                    continue;
                }
                // One finding per RUN: the fix (a cleanup at its end) is one too.
                let Some((command, cache)) = run
                    .commands()
                    .find_map(|c| kept_cache(c, run).map(|k| (c, k)))
                else {
                    continue;
                };
                let help = match command.name() {
                    Some("apk") => "use `apk add --no-cache`".to_string(),
                    Some("apt-get" | "apt") => {
                        "end the same RUN with `&& rm -rf /var/lib/apt/lists/*`".to_string()
                    }
                    other => format!(
                        "end the same RUN with `&& {} clean all`",
                        other.unwrap_or("yum")
                    ),
                };
                cx.report(
                    head_span(command),
                    format!(
                        "`{}` leaves `{cache}` in the shipped image",
                        head_text(command)
                    ),
                )
                .help(help);
            }
        }
    }
}
