//! Helpers shared by the Dockerfile rules: which stages ship, and what a base image is.

use shiplint_model::docker::{Base, Command, DockerImage, ImageRef, Stage};
use shiplint_syntax::Span;

/// The shipped stage (for a plain `docker build`) and the stages it is built on: every layer of these ends up
/// in the image, so size and user rules look only at them.
pub(crate) fn shipped_lineage(image: &DockerImage) -> Vec<&Stage> {
    match image.shipped_stage(None) {
        Some(stage) => image.lineage(stage).collect(),
        None => Vec::new(),
    }
}

/// The external image (or scratch) at the root of a stage's lineage.
pub(crate) fn root_image<'a>(image: &'a DockerImage, stage: &'a Stage) -> &'a ImageRef {
    &image.root(stage).image
}

/// Whether the root of `stage` is the empty image.
pub(crate) fn is_scratch(image: &DockerImage, stage: &Stage) -> bool {
    image.root(stage).base == Base::Scratch
}

/// Whether an image is built on musl (Alpine and images tagged `alpine`).
pub(crate) fn is_musl(image: &ImageRef) -> bool {
    image.base_name() == "alpine" || image.tag.as_deref().is_some_and(|t| t.contains("alpine"))
}

/// The span of a command's program name and its subcommand (`apt-get install`), for findings about the
/// command itself rather than its packages.
pub(crate) fn head_span(command: &Command) -> Span {
    let name = command.name_word().map_or(command.span, |w| w.span);
    match command.operands().next() {
        Some(sub) => name.cover(sub.span),
        None => name,
    }
}

/// The program and subcommand as written, for messages: `apt-get install`.
pub(crate) fn head_text(command: &Command) -> String {
    match (command.name(), command.subcommand()) {
        (Some(name), Some(sub)) => format!("{name} {sub}"),
        (Some(name), None) => name.to_string(),
        _ => String::new(),
    }
}

/// Shortens a value for a message, on a character boundary.
pub(crate) fn clip(text: &str, max: usize) -> String {
    let text = text.trim();
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

/// Whether a command is `apt-get` or `apt` with one of these subcommands, and really runs (a simulation,
/// `apt-get install -s`, changes nothing and never asks).
pub(crate) fn is_apt(command: &Command, subcommands: &[&str]) -> bool {
    matches!(command.name(), Some("apt-get" | "apt"))
        && command
            .subcommand()
            .is_some_and(|s| subcommands.contains(&s))
        && !command.has_option(
            Some('s'),
            &["simulate", "dry-run", "just-print", "no-act", "recon"],
        )
}

/// Whether an image is a Windows base (Nano Server, Server Core): no uids and no root user there.
pub(crate) fn is_windows(image: &ImageRef) -> bool {
    let name = image.short_name();
    ["nanoserver", "servercore", "windows"]
        .iter()
        .any(|w| name.contains(w) || image.tag.as_deref().is_some_and(|t| t.contains(w)))
}

/// The value the last `-o NAME=VALUE` on an apt command gives an option whose name ends in `key`
/// (case-insensitive): `-o APT::Install-Recommends=false` for `install-recommends`.
pub(crate) fn apt_option_value<'a>(command: &'a Command, key: &str) -> Option<&'a str> {
    command.args().iter().rev().find_map(|w| {
        let (name, value) = w.value.split_once('=')?;
        let tail = name.get(name.len().checked_sub(key.len())?..)?;
        tail.eq_ignore_ascii_case(key).then_some(value)
    })
}

/// Whether an apt option value means yes (`true`, `1`, `yes`) or no (`false`, `0`, `no`); `None` otherwise.
pub(crate) fn apt_bool(value: &str) -> Option<bool> {
    if ["true", "1", "yes"]
        .iter()
        .any(|v| value.eq_ignore_ascii_case(v))
    {
        Some(true)
    } else if ["false", "0", "no"]
        .iter()
        .any(|v| value.eq_ignore_ascii_case(v))
    {
        Some(false)
    } else {
        None
    }
}

/// What a command compiles with: its program and the step (`("go", "build")`, `("javac", "")`), or `None`
/// when it does not compile.
pub(crate) fn compile_step(command: &Command) -> Option<(&str, &'static str)> {
    fn pick(word: &str, among: &[&'static str]) -> Option<&'static str> {
        among.iter().copied().find(|s| *s == word)
    }
    let name = command.name()?;
    let operands = || command.operands().map(|w| w.value.as_str());
    let first = operands().next().unwrap_or("");
    let step = match name {
        "go" => pick(first, &["build", "install"])?,
        "cargo" => pick(first, &["build", "install", "rustc"])?,
        "rustc" | "javac" | "tsc" => "",
        "mvn" | "mvnw" => {
            operands().find_map(|o| pick(o, &["package", "install", "verify", "compile"]))?
        }
        "gradle" | "gradlew" => operands().find_map(|o| {
            pick(
                o,
                &[
                    "build",
                    "assemble",
                    "jar",
                    "bootJar",
                    "installDist",
                    "shadowJar",
                ],
            )
        })?,
        "dotnet" => pick(first, &["build", "publish"])?,
        "npm" | "yarn" | "pnpm" if operands().eq(["run", "build"]) => "run build",
        "yarn" | "pnpm" if operands().eq(["build"]) => "build",
        _ => return None,
    };
    Some((name, step))
}

/// The paths the `rm` commands among `commands` remove, as written.
pub(crate) fn rm_operands<'a>(
    commands: impl Iterator<Item = &'a Command>,
) -> impl Iterator<Item = &'a str> {
    commands
        .filter(|c| c.name() == Some("rm"))
        .flat_map(|c| c.operands())
        .map(|w| w.value.as_str())
}

/// Whether `path` is `dir` or lies under it (`/src/app` in `/src`, not `/srcs`).
pub(crate) fn is_within(path: &str, dir: &str) -> bool {
    path.strip_prefix(dir)
        .is_some_and(|r| r.is_empty() || r.starts_with('/'))
}
