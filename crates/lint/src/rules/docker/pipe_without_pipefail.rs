//! DKR010 pipe-without-pipefail: a RUN pipes commands but the shell does not have `pipefail` set, so a
//! failure of any command but the last is ignored and the build goes on with a broken layer.

use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::docker::{Command, DockerImage, Script, Separator};
use shiplint_syntax::dockerfile::{Arguments, Keyword};

declare_rule! {
    /// A RUN pipeline hides the failure of every command but the last.
    #[derive(Default)]
    pub struct PipeWithoutPipefail {}
    code = "DKR010", name = "pipe-without-pipefail", domain = "docker", severity = Warning,
}

/// Whether a command is `set -o pipefail` (or a grouped `set -euxo pipefail`).
fn sets_pipefail(command: &Command) -> bool {
    command.name() == Some("set") && command.args().iter().any(|w| w.value == "pipefail")
}

/// The first pipe of a script that runs before any `set -o pipefail`: the command before the pipe and the
/// one after it.
fn unguarded_pipe(script: &Script) -> Option<(&Command, &Command)> {
    for (i, command) in script.commands.iter().enumerate() {
        if sets_pipefail(command) {
            return None;
        }
        // `echo "$SUM *file" | sha256sum -c -`: printing a string cannot fail in a way that matters, and a
        // compound command (`{ …; } | tee`) has no single command whose failure would be hidden.
        let harmless = matches!(
            command.name(),
            None | Some("echo" | "printf" | "yes" | "}" | "done" | "fi")
        );
        if command.separator == Some(Separator::Pipe) && !harmless {
            return script.commands.get(i + 1).map(|next| (command, next));
        }
    }
    None
}

/// Which shells a SHELL instruction configures: `Some(true)` for a POSIX shell with pipefail, `Some(false)`
/// for one without, `None` for a shell this rule does not judge (PowerShell, cmd).
fn shell_has_pipefail(words: &[String]) -> Option<bool> {
    let program = words
        .first()?
        .rsplit(['/', '\\'])
        .next()?
        .to_ascii_lowercase();
    match program.as_str() {
        "sh" | "bash" | "ash" | "dash" | "zsh" | "ksh" => {
            Some(words.iter().any(|w| w.contains("pipefail")))
        }
        _ => None,
    }
}

impl Check<DockerImage> for PipeWithoutPipefail {
    fn check(&self, image: &DockerImage, cx: &mut Ctx<'_>) {
        for stage in &image.stages {
            let mut shell: Option<bool> = Some(false);
            let lineage: Vec<_> = image.lineage(stage).collect();
            // SHELL is inherited from the parent stage: replay the parents' SHELL instructions first.
            for parent in lineage.iter().skip(1).rev() {
                for (_, instruction) in image.instructions_of(parent) {
                    if let (Keyword::Shell, Arguments::Exec(words)) =
                        (instruction.keyword, &instruction.args)
                    {
                        let words: Vec<String> = words.iter().map(|w| w.value.clone()).collect();
                        shell = shell_has_pipefail(&words);
                    }
                }
            }
            for (index, instruction) in image.instructions_of(stage) {
                match (instruction.keyword, &instruction.args) {
                    (Keyword::Shell, Arguments::Exec(words)) => {
                        let words: Vec<String> = words.iter().map(|w| w.value.clone()).collect();
                        shell = shell_has_pipefail(&words);
                    }
                    (Keyword::Run, _) if shell == Some(false) => {
                        let Some(run) = stage.runs.iter().find(|r| r.instruction == index) else {
                            continue;
                        };
                        if run.exec_form {
                            continue;
                        }
                        let Some((left, right)) = run.scripts.iter().find_map(unguarded_pipe)
                        else {
                            continue;
                        };
                        let left_name = left.name().unwrap_or("…");
                        let right_name = right.name().unwrap_or("…");
                        cx.report(
                            left.span.cover(right.span),
                            format!(
                                "`{left_name} … | {right_name}` ignores a failure of `{left_name}`: a pipeline's status is its last command's"
                            ),
                        )
                        .help(
                            "add `SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]` before the RUN, or start \
                             the script with `set -o pipefail &&` where the shell supports it",
                        );
                    }
                    _ => {}
                }
            }
        }
    }
}
