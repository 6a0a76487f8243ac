//! Build stages: where each starts, what it is based on, and the state it ends with (USER, ENV, WORKDIR,
//! EXPOSE), its `COPY --from` edges and its RUN scripts.

use super::image::ImageRef;
use super::shell::{Command, Script};
use super::vars::{Expanded, expand, unquote};
use shiplint_syntax::dockerfile::{Arguments, Heredoc, Instruction, Keyword, ShellText};
use shiplint_syntax::{Span, Spanned};
use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;

/// Values a build gives its ARGs (`docker build --build-arg`, compose `build.args`): each replaces the default
/// of the ARG it names, wherever that ARG is declared; an ARG nobody declares takes nothing.
#[derive(Clone, Debug, Default)]
pub struct BuildArgs {
    /// Name -> value; `None`: passed through from the shell that runs the build, unknown here.
    values: HashMap<String, Option<String>>,
}

impl BuildArgs {
    /// Build arguments from `(name, value)` pairs; a later pair for a name wins.
    pub fn new(pairs: impl IntoIterator<Item = (String, Option<String>)>) -> BuildArgs {
        BuildArgs {
            values: pairs.into_iter().collect(),
        }
    }

    /// Whether no build argument is given.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// The value given for `name`: `Some(None)` when it comes from the shell.
    pub fn get(&self, name: &str) -> Option<Option<&str>> {
        self.values.get(name).map(Option::as_deref)
    }
}

/// What a stage is built on.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Base {
    /// An earlier stage of the same file (by alias), by index.
    Stage(usize),
    /// The empty image.
    Scratch,
    /// An image pulled from a registry.
    Image,
}

/// An ARG declared before the first FROM: visible to every FROM, and inside a stage that re-declares it.
#[derive(Clone, Debug)]
pub struct GlobalArg {
    /// The name.
    pub name: Spanned<String>,
    /// The default value, unquoted and expanded with earlier global ARGs (or the build argument's value);
    /// `None` when declared without one.
    pub default: Option<String>,
    /// The build argument its value depends on (its own name when the build gives it), if any.
    pub build_arg: Option<String>,
}

/// The effective USER of a stage.
#[derive(Clone, Debug)]
pub struct User {
    /// The user (and optional `:group`) after substitution.
    pub value: String,
    /// The USER argument as written.
    pub span: Span,
    /// Set in a parent stage (this stage is `FROM <that stage>`).
    pub inherited: bool,
}

impl User {
    /// Whether the user is root by name or uid (`root`, `0`, `root:staff`, `0:0`).
    pub fn is_root(&self) -> bool {
        let user = self.value.split(':').next().unwrap_or("").trim();
        user == "root" || user == "0"
    }
}

/// One ENV setting in force in a stage.
#[derive(Clone, Debug)]
pub struct EnvVar {
    /// The variable name.
    pub name: String,
    /// The value, unquoted and with variables substituted.
    pub value: String,
    /// The `key=value` pair that set it.
    pub span: Span,
    /// The instruction (index into the file's instructions) that set it; `None` when inherited from a parent
    /// stage.
    pub set_at: Option<usize>,
    /// The build argument the value depends on (`ENV PORT=$PORT` with `--build-arg PORT=…`), if any: one
    /// passed through from the shell first, as that makes the value unknown.
    pub build_arg: Option<String>,
}

/// What a lookup during substitution found: the value, and the build argument it depends on.
type Found = (String, Option<String>);

/// Substitutes variables in `text` with `lookup`, and names the build argument the result depends on (one
/// given without a value, from the shell, first).
fn expand_tracking(
    text: &str,
    lookup: &dyn Fn(&str) -> Option<Found>,
    args: &BuildArgs,
) -> (Expanded, Option<String>) {
    let used: RefCell<Option<String>> = RefCell::new(None);
    let expanded = expand(text, &|name: &str| {
        let (value, build_arg) = lookup(name)?;
        if let Some(arg) = build_arg {
            let mut used = used.borrow_mut();
            let from_shell = |a: &str| args.get(a) == Some(None);
            if used
                .as_deref()
                .is_none_or(|u| !from_shell(u) && from_shell(&arg))
            {
                *used = Some(arg);
            }
        }
        Some(value)
    });
    (expanded, used.into_inner())
}

/// One EXPOSE entry.
#[derive(Clone, Debug)]
pub struct ExposedPort {
    /// The entry after substitution (`8080/tcp`).
    pub text: String,
    /// The entry as written.
    pub span: Span,
    /// The port or `first-last` range, when the entry is numeric (may be out of range: check it).
    pub ports: Option<(u64, u64)>,
    /// The protocol after `/`, lower-cased; `None` means tcp.
    pub protocol: Option<String>,
    /// A variable in the entry had no value.
    pub unresolved: bool,
}

/// Where a `COPY --from` (or `RUN --mount=from=`) takes files from.
#[derive(Clone, Debug)]
pub enum CopySource {
    /// An earlier stage, by index.
    Stage(usize),
    /// A stage by number that does not exist before this one (BuildKit refuses the build).
    BadIndex(usize),
    /// An image (BuildKit treats any name that is not a stage as an image).
    Image(ImageRef),
}

/// A `COPY --from=…` edge.
#[derive(Clone, Debug)]
pub struct CopyFrom {
    /// The COPY instruction (index into the file's instructions).
    pub instruction: usize,
    /// The `--from` value as written, with its span.
    pub from: Spanned<String>,
    /// The resolved source.
    pub source: CopySource,
}

/// A RUN instruction's scripts: the shell-form text, or heredoc bodies that are run as scripts.
#[derive(Clone, Debug)]
pub struct Run {
    /// The RUN instruction (index into the file's instructions).
    pub instruction: usize,
    /// The scripts, in order: the command line first, then heredoc bodies that the shell executes.
    pub scripts: Vec<Script>,
    /// Whether the instruction is in exec (JSON) form: no shell runs unless it names one.
    pub exec_form: bool,
}

impl Run {
    /// Every command of every script, in order.
    pub fn commands(&self) -> impl Iterator<Item = &Command> {
        self.scripts.iter().flat_map(|s| s.commands.iter())
    }
}

/// One build stage.
#[derive(Clone, Debug)]
pub struct Stage {
    /// 0-based position among the file's stages.
    pub index: usize,
    /// Index of the FROM instruction in the file's instructions.
    pub from: usize,
    /// The FROM instruction's span.
    pub from_span: Span,
    /// The base image reference (also set when the base is another stage).
    pub image: ImageRef,
    /// What the stage is based on.
    pub base: Base,
    /// `AS name`, as written.
    pub alias: Option<Spanned<String>>,
    /// `--platform=…`, as written.
    pub platform: Option<Spanned<String>>,
    /// Indices of the instructions after FROM, up to the next FROM.
    pub instructions: Range<usize>,
    /// The USER in force at the end of the stage (own or inherited); `None`: the base image's default.
    pub user: Option<User>,
    /// Every ENV setting, inherited ones first, in order; later entries override earlier ones.
    pub env: Vec<EnvVar>,
    /// ARGs of this stage that have a value (their default, or the global ARG's); RUN sees them as
    /// environment variables. ARGs are not inherited by child stages.
    pub args: Vec<EnvVar>,
    /// The WORKDIR in force at the end of the stage, resolved against earlier ones.
    pub workdir: Option<Spanned<String>>,
    /// EXPOSE entries, inherited ones included.
    pub expose: Vec<ExposedPort>,
    /// `COPY --from` edges.
    pub copies_from: Vec<CopyFrom>,
    /// RUN instructions with their scripts.
    pub runs: Vec<Run>,
}

impl Stage {
    /// Whether the stage is called `name` (aliases are case-insensitive).
    pub fn is_named(&self, name: &str) -> bool {
        self.alias
            .as_ref()
            .is_some_and(|a| a.value.eq_ignore_ascii_case(name))
    }

    /// The alias, or the index as text (how `COPY --from` would name it).
    pub fn display_name(&self) -> String {
        match &self.alias {
            Some(alias) => alias.value.clone(),
            None => self.index.to_string(),
        }
    }

    /// Every command of every RUN of the stage, in order.
    pub fn commands(&self) -> impl Iterator<Item = &Command> {
        self.runs.iter().flat_map(Run::commands)
    }

    /// The value of ENV `name` at the end of the stage.
    pub fn env(&self, name: &str) -> Option<&EnvVar> {
        self.env.iter().rev().find(|e| e.name == name)
    }

    /// The value of ENV `name` in force when instruction `at` runs.
    pub fn env_before(&self, name: &str, at: usize) -> Option<&EnvVar> {
        self.env
            .iter()
            .rev()
            .find(|e| e.name == name && e.set_at.is_none_or(|i| i < at))
    }

    /// The environment variable `name` as a RUN at instruction `at` sees it: ENV wins over ARG.
    pub fn variable_before(&self, name: &str, at: usize) -> Option<&EnvVar> {
        self.env_before(name, at).or_else(|| {
            self.args
                .iter()
                .rev()
                .find(|a| a.name == name && a.set_at.is_some_and(|i| i < at))
        })
    }
}

/// The words of a FROM: image, optional `AS name`.
fn from_parts(instruction: &Instruction) -> (Option<&Spanned<String>>, Option<&Spanned<String>>) {
    match &instruction.args {
        Arguments::Words(words) => {
            let image = words.first();
            let alias = match (words.get(1), words.get(2)) {
                (Some(as_word), Some(alias)) if as_word.value.eq_ignore_ascii_case("as") => {
                    Some(alias)
                }
                _ => None,
            };
            (image, alias)
        }
        _ => (None, None),
    }
}

/// Reads the ARGs declared before the first FROM, with the values `build_args` gives them.
pub(crate) fn global_args(instructions: &[Instruction], build_args: &BuildArgs) -> Vec<GlobalArg> {
    let mut args: Vec<GlobalArg> = Vec::new();
    for instruction in instructions
        .iter()
        .take_while(|i| i.keyword != Keyword::From)
    {
        let Arguments::Pairs(pairs) = &instruction.args else {
            continue;
        };
        if instruction.keyword != Keyword::Arg {
            continue;
        }
        for pair in pairs {
            let (default, build_arg) = match build_args.get(&pair.key.value) {
                Some(given) => (given.map(str::to_string), Some(pair.key.value.clone())),
                None => match &pair.value {
                    Some(v) => {
                        let lookup = |name: &str| found_global(&args, name);
                        let (e, build_arg) =
                            expand_tracking(&unquote(&v.value), &lookup, build_args);
                        (Some(e.value), build_arg)
                    }
                    None => (None, None),
                },
            };
            args.push(GlobalArg {
                name: pair.key.clone(),
                default,
                build_arg,
            });
        }
    }
    args
}

fn lookup_global(args: &[GlobalArg], name: &str) -> Option<String> {
    found_global(args, name).map(|(value, _)| value)
}

/// A global ARG's value and the build argument behind it; one from the shell is unknown, found as empty.
fn found_global(args: &[GlobalArg], name: &str) -> Option<Found> {
    let arg = args.iter().rev().find(|a| a.name.value == name)?;
    match (&arg.default, &arg.build_arg) {
        (Some(value), build_arg) => Some((value.clone(), build_arg.clone())),
        (None, Some(build_arg)) => Some((String::new(), Some(build_arg.clone()))),
        (None, None) => None,
    }
}

/// Builds every stage of a file, in order, with the values `build_args` gives its ARGs.
pub(crate) fn build_stages(
    instructions: &[Instruction],
    globals: &[GlobalArg],
    build_args: &BuildArgs,
) -> Vec<Stage> {
    let from_indices: Vec<usize> = instructions
        .iter()
        .enumerate()
        .filter(|(_, i)| i.keyword == Keyword::From)
        .map(|(n, _)| n)
        .collect();
    let mut stages: Vec<Stage> = Vec::with_capacity(from_indices.len());
    for (index, &from) in from_indices.iter().enumerate() {
        let end = from_indices
            .get(index + 1)
            .copied()
            .unwrap_or(instructions.len());
        let stage = build_stage(instructions, from, end, index, globals, build_args, &stages);
        stages.push(stage);
    }
    stages
}

fn build_stage(
    instructions: &[Instruction],
    from: usize,
    end: usize,
    index: usize,
    globals: &[GlobalArg],
    build_args: &BuildArgs,
    earlier: &[Stage],
) -> Stage {
    let from_instruction = &instructions[from];
    let (image_word, alias) = from_parts(from_instruction);
    let image = match image_word {
        Some(word) => {
            let lookup = |name: &str| lookup_global(globals, name);
            let Expanded { value, unresolved } = expand(&word.value, &lookup);
            ImageRef::parse(&word.value, &value, unresolved, word.span)
        }
        None => ImageRef::parse("", "", true, from_instruction.keyword_span),
    };
    let parent = find_named(earlier, &image.resolved)
        .filter(|_| image.registry.is_none() && image.tag.is_none() && image.digest.is_none());
    let base = match parent {
        Some(p) => Base::Stage(p.index),
        None if image.is_scratch() => Base::Scratch,
        None => Base::Image,
    };
    let mut stage = Stage {
        index,
        from,
        from_span: from_instruction.span,
        image,
        base,
        alias: alias.cloned(),
        platform: from_instruction
            .flag("platform")
            .and_then(|f| f.value.clone()),
        instructions: from + 1..end,
        user: None,
        env: Vec::new(),
        args: Vec::new(),
        workdir: None,
        expose: Vec::new(),
        copies_from: Vec::new(),
        runs: Vec::new(),
    };
    if let Some(parent) = parent {
        stage.user = parent.user.clone().map(|u| User {
            inherited: true,
            ..u
        });
        stage.env = parent
            .env
            .iter()
            .map(|e| EnvVar {
                set_at: None,
                ..e.clone()
            })
            .collect();
        stage.workdir = parent.workdir.clone();
        stage.expose = parent.expose.clone();
    }
    for (offset, instruction) in instructions[from + 1..end].iter().enumerate() {
        apply(
            &mut stage,
            globals,
            build_args,
            earlier,
            from + 1 + offset,
            instruction,
        );
    }
    stage
}

/// Looks a variable up as BuildKit does inside a stage: ENV wins over ARG.
fn stage_lookup(stage: &Stage) -> impl Fn(&str) -> Option<String> + '_ {
    move |name: &str| stage_found(stage, name).map(|(value, _)| value)
}

/// A variable inside a stage (ENV over ARG) and the build argument behind its value.
fn stage_found(stage: &Stage, name: &str) -> Option<Found> {
    let arg = || stage.args.iter().rev().find(|a| a.name == name);
    stage
        .env(name)
        .or_else(arg)
        .map(|var| (var.value.clone(), var.build_arg.clone()))
}

fn apply(
    stage: &mut Stage,
    globals: &[GlobalArg],
    build_args: &BuildArgs,
    earlier: &[Stage],
    at: usize,
    instruction: &Instruction,
) {
    match (&instruction.keyword, &instruction.args) {
        (Keyword::Arg, Arguments::Pairs(pairs)) => {
            for pair in pairs {
                let name = &pair.key.value;
                let found = match (build_args.get(name), &pair.value) {
                    (Some(given), _) => Some((given.unwrap_or("").to_string(), Some(name.clone()))),
                    (None, Some(v)) => {
                        let lookup = |n: &str| stage_found(stage, n);
                        let (e, build_arg) =
                            expand_tracking(&unquote(&v.value), &lookup, build_args);
                        Some((e.value, build_arg))
                    }
                    (None, None) => found_global(globals, name),
                };
                if let Some((value, build_arg)) = found {
                    stage.args.push(EnvVar {
                        name: name.clone(),
                        value,
                        span: pair.span,
                        set_at: Some(at),
                        build_arg,
                    });
                }
            }
        }
        (Keyword::Env, Arguments::Pairs(pairs)) => {
            for pair in pairs {
                let raw = pair.value.as_ref().map_or("", |v| v.value.as_str());
                let lookup = |n: &str| stage_found(stage, n);
                let (e, build_arg) = expand_tracking(&unquote(raw), &lookup, build_args);
                stage.env.push(EnvVar {
                    name: pair.key.value.clone(),
                    value: e.value,
                    span: pair.span,
                    set_at: Some(at),
                    build_arg,
                });
            }
        }
        (Keyword::User, Arguments::Shell(text)) => {
            let value = expand(text.text.trim(), &stage_lookup(stage)).value;
            stage.user = Some(User {
                value,
                span: text.span,
                inherited: false,
            });
        }
        (Keyword::Workdir, Arguments::Shell(text)) => {
            let value = expand(text.text.trim(), &stage_lookup(stage)).value;
            let path = match &stage.workdir {
                Some(current) if !value.starts_with('/') => {
                    format!("{}/{}", current.value.trim_end_matches('/'), value)
                }
                _ => value,
            };
            stage.workdir = Some(Spanned::new(path, text.span));
        }
        (Keyword::Expose, Arguments::Words(words)) => {
            for word in words {
                let lookup = |n: &str| stage_found(stage, n);
                let (mut e, build_arg) = expand_tracking(&word.value, &lookup, build_args);
                // A port from a build argument the shell passes is not known here.
                e.unresolved |= build_arg.is_some_and(|a| build_args.get(&a) == Some(None));
                stage.expose.push(parse_port(e, word.span));
            }
        }
        (Keyword::Copy, _) => {
            if let Some(from) = instruction.flag("from").and_then(|f| f.value.as_ref()) {
                let e = expand(&from.value, &stage_lookup(stage));
                let source = resolve_copy_source(&e, from.span, earlier, stage.index);
                stage.copies_from.push(CopyFrom {
                    instruction: at,
                    from: from.clone(),
                    source,
                });
            }
        }
        (Keyword::Run, arguments) => {
            stage
                .runs
                .push(run_scripts(at, arguments, &instruction.heredocs));
        }
        _ => {}
    }
}

fn resolve_copy_source(
    value: &Expanded,
    span: Span,
    earlier: &[Stage],
    current: usize,
) -> CopySource {
    let name = value.value.as_str();
    if let Ok(number) = name.parse::<usize>() {
        return if number < current {
            CopySource::Stage(number)
        } else {
            CopySource::BadIndex(number)
        };
    }
    match find_named(earlier, name) {
        Some(stage) => CopySource::Stage(stage.index),
        None => CopySource::Image(ImageRef::parse(name, name, value.unresolved, span)),
    }
}

fn parse_port(e: Expanded, span: Span) -> ExposedPort {
    let (number, protocol) = match e.value.split_once('/') {
        Some((n, p)) => (n, Some(p.to_ascii_lowercase())),
        None => (e.value.as_str(), None),
    };
    let ports = match number.split_once('-') {
        Some((a, b)) => a.parse().ok().zip(b.parse().ok()),
        None => number.parse().ok().map(|p| (p, p)),
    };
    ExposedPort {
        ports,
        protocol,
        text: e.value.clone(),
        span,
        unresolved: e.unresolved,
    }
}

const SHELLS: [&str; 5] = ["sh", "bash", "ash", "dash", "zsh"];

fn run_scripts(at: usize, arguments: &Arguments, heredocs: &[Heredoc]) -> Run {
    let mut scripts = Vec::new();
    let mut exec_form = false;
    match arguments {
        Arguments::Shell(text) => scripts.push(shell_script(text)),
        Arguments::Exec(words) => {
            exec_form = true;
            let words: Vec<_> = words
                .iter()
                .map(|w| super::shell::Word {
                    value: w.value.clone(),
                    span: w.span,
                })
                .collect();
            // `["sh", "-c", "script"]` runs a script after all.
            if let [shell, flag, script] = words.as_slice()
                && SHELLS.contains(&shell.value.rsplit('/').next().unwrap_or(""))
                && flag.value == "-c"
            {
                let span = script.span;
                scripts.push(Script::parse(&script.value, &|_| span));
            } else if let Some(command) = Command::new(words, None) {
                scripts.push(Script {
                    commands: vec![command],
                });
            }
        }
        _ => {}
    }
    // A heredoc is the script when the command line is only the heredoc (`RUN <<EOF`) or a bare shell reading
    // it (`RUN bash <<EOF`); otherwise it is data fed to a command (`RUN cat <<EOF > file`).
    let line_is_shell = scripts.first().is_none_or(|s| match s.commands.as_slice() {
        [] => true,
        [only] => only
            .name()
            .is_some_and(|n| SHELLS.contains(&n) && only.operands().count() == 0),
        _ => false,
    });
    if line_is_shell && !exec_form {
        for heredoc in heredocs.iter().filter(|h| is_shell_body(&h.body.value)) {
            scripts.push(heredoc_script(heredoc));
        }
    }
    Run {
        instruction: at,
        scripts,
        exec_form,
    }
}

/// Whether a heredoc body is a shell script: no shebang, or a shebang naming a shell. BuildKit runs a body
/// with another shebang (`#!/usr/bin/env python3`) with that interpreter.
fn is_shell_body(body: &str) -> bool {
    let Some(shebang) = body.trim_start().strip_prefix("#!") else {
        return true;
    };
    let line = shebang.lines().next().unwrap_or("");
    let mut words = line.split_whitespace();
    let program = match words.next() {
        Some(env) if env.ends_with("/env") => words.find(|w| !w.starts_with('-')).unwrap_or(""),
        Some(path) => path,
        None => "",
    };
    SHELLS.contains(&program.rsplit('/').next().unwrap_or(program))
}

/// Parses shell-form text, mapping word ranges back to the source through the continuation map.
pub fn shell_script(text: &ShellText) -> Script {
    Script::parse(&text.text, &|range| text.span_of(range))
}

/// Parses a heredoc body as a script. The body is copied verbatim from the source, so offsets map linearly;
/// when they do not (a transformed body), every word maps to the whole body.
fn heredoc_script(heredoc: &Heredoc) -> Script {
    // The parser keeps a body's value equal to its source text, so offsets map one to one.
    let body = &heredoc.body;
    let start = body.span.start as usize;
    Script::parse(&body.value, &|range: Range<usize>| {
        Span::new(body.span.file, start + range.start, start + range.end)
    })
}

/// The stage among `stages` whose alias is `name`, the last one when several are (as BuildKit resolves it).
pub fn find_named<'a>(stages: &'a [Stage], name: &str) -> Option<&'a Stage> {
    stages.iter().rev().find(|s| s.is_named(name))
}
