//! The Dockerfile model: stages, their bases, ARG scoping, `COPY --from` edges, which stage ships, and the
//! commands inside RUN scripts. Built once per file; rules only read it.

mod image;
mod shell;
mod stage;
mod validate;
mod vars;

pub use image::ImageRef;
pub use shell::{Command, Script, Separator, Word};
pub use stage::{
    Base, BuildArgs, CopyFrom, CopySource, EnvVar, ExposedPort, GlobalArg, Run, Stage, User,
    find_named, shell_script,
};
pub use vars::{Expanded, expand, unquote};

use shiplint_syntax::Spanned;
use shiplint_syntax::dockerfile::{self, Arguments, Dockerfile, Instruction};
use shiplint_syntax::{FileId, Span, SyntaxError};

/// A Dockerfile and what it builds.
#[derive(Debug)]
pub struct DockerImage {
    /// The parsed file.
    pub syntax: Dockerfile,
    /// ARGs declared before the first FROM.
    pub global_args: Vec<GlobalArg>,
    /// The build stages, in file order.
    pub stages: Vec<Stage>,
    /// What a build would reject after parsing: unknown flags, flags without their value, bad values.
    pub instruction_errors: Vec<SyntaxError>,
}

impl DockerImage {
    /// Parses `text` and builds the stage model.
    pub fn build(file: FileId, text: &str) -> DockerImage {
        DockerImage::from_syntax(dockerfile::parse(file, text))
    }

    /// Builds the stage model of an already parsed file.
    pub fn from_syntax(syntax: Dockerfile) -> DockerImage {
        let no_args = BuildArgs::default();
        let global_args = stage::global_args(&syntax.instructions, &no_args);
        let stages = stage::build_stages(&syntax.instructions, &global_args, &no_args);
        let instruction_errors = validate::instruction_errors(&syntax);
        DockerImage {
            syntax,
            global_args,
            stages,
            instruction_errors,
        }
    }

    /// The stages as a build that gives `build_args` makes them (their ENV, ARG and EXPOSE values change;
    /// `self.stages` is the build without any).
    pub fn stages_built_with(&self, build_args: &BuildArgs) -> Vec<Stage> {
        let global_args = stage::global_args(&self.syntax.instructions, build_args);
        stage::build_stages(&self.syntax.instructions, &global_args, build_args)
    }

    /// The stage that ends up in the image: the one named `target` (case-insensitive, as `docker build
    /// --target` or compose `build.target` selects it), else the last one. `None` when there is no stage or
    /// no stage has that name.
    pub fn shipped_stage(&self, target: Option<&str>) -> Option<&Stage> {
        match target {
            Some(name) => find_named(&self.stages, name),
            None => self.stages.last(),
        }
    }

    /// `stage` and the stages it is built on (`FROM <stage>`), nearest first: every layer of these ships.
    pub fn lineage<'a>(&'a self, stage: &'a Stage) -> impl Iterator<Item = &'a Stage> + 'a {
        let mut next = Some(stage);
        std::iter::from_fn(move || {
            let current = next?;
            next = match current.base {
                Base::Stage(parent) if parent < current.index => self.stages.get(parent),
                _ => None,
            };
            Some(current)
        })
    }

    /// The stage at the root of `stage`'s lineage: the one whose FROM names an image (or scratch).
    pub fn root<'a>(&'a self, stage: &'a Stage) -> &'a Stage {
        self.lineage(stage).last().unwrap_or(stage)
    }

    /// The instructions of a stage after its FROM, with their indices.
    pub fn instructions_of<'a>(
        &'a self,
        stage: &Stage,
    ) -> impl Iterator<Item = (usize, &'a Instruction)> + 'a {
        let range = stage.instructions.clone();
        self.syntax
            .instructions
            .iter()
            .enumerate()
            .skip(range.start)
            .take(range.len())
    }

    /// Every command of every RUN of every stage, in order.
    pub fn commands(&self) -> impl Iterator<Item = &Command> {
        self.stages.iter().flat_map(Stage::commands)
    }

    /// The values of ENV, ARG and LABEL pairs whose names say they hold secrets (ONBUILD ones included),
    /// which no output may show.
    pub fn secret_value_spans(&self) -> Vec<Span> {
        let mut spans: Vec<Span> = self
            .syntax
            .all_instructions()
            .filter_map(|instruction| match &instruction.args {
                Arguments::Pairs(pairs) => Some(pairs),
                _ => None,
            })
            .flatten()
            .filter(|pair| crate::secrets::is_secret_name(&pair.key.value))
            .filter_map(|pair| pair.value.as_ref().map(|value| value.span))
            .collect();
        spans.sort();
        spans
    }

    /// The instruction at `index` in the file.
    pub fn instruction(&self, index: usize) -> Option<&Instruction> {
        self.syntax.instructions.get(index)
    }
}

/// Sources and destination of a COPY or ADD (flags excluded). Heredoc sources are not listed.
pub fn copy_operands(instruction: &Instruction) -> (&[Spanned<String>], Option<&Spanned<String>>) {
    let words = match &instruction.args {
        Arguments::Words(words) | Arguments::Exec(words) => words.as_slice(),
        _ => &[],
    };
    match words.split_last() {
        Some((dest, sources)) => (sources, Some(dest)),
        None => (&[], None),
    }
}

#[cfg(test)]
mod tests;
