//! DKR014 curl-pipe-shell: a script downloaded with curl or wget is piped straight into a shell or
//! interpreter, or run through `sh -c "$(curl …)"`: whatever the server sends is executed, unverified.

use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::docker::{Command, DockerImage, Separator};

declare_rule! {
    /// A downloaded script is executed without being verified.
    #[derive(Default)]
    pub struct CurlPipeShell {}
    code = "DKR014", name = "curl-pipe-shell", domain = "docker", severity = Warning,
    tags = ["security"], security_severity = 6.0,
}

const DOWNLOADERS: [&str; 2] = ["curl", "wget"];
const INTERPRETERS: [&str; 11] = [
    "sh", "bash", "ash", "dash", "zsh", "ksh", "python", "python3", "perl", "ruby", "node",
];

fn is_interpreter(command: &Command) -> bool {
    command.name().is_some_and(|n| INTERPRETERS.contains(&n))
}

/// Whether `text` holds a command or process substitution that runs `program`: `$(curl …` or `<(curl …`.
fn substitutes(text: &str, program: &str) -> bool {
    text.match_indices(['$', '<']).any(|(i, _)| {
        text[i + 1..]
            .strip_prefix('(')
            .and_then(|r| r.strip_prefix(program))
            .is_some_and(|r| r.starts_with(' '))
    })
}

impl Check<DockerImage> for CurlPipeShell {
    fn check(&self, image: &DockerImage, cx: &mut Ctx<'_>) {
        for stage in &image.stages {
            for run in &stage.runs {
                for script in &run.scripts {
                    for (i, command) in script.commands.iter().enumerate() {
                        let Some(name) = command.name().filter(|n| DOWNLOADERS.contains(n)) else {
                            // `sh -c "$(curl -fsSL …)"`, `bash <(curl -fsSL …)`
                            if is_interpreter(command)
                                && let Some(word) = command
                                    .args()
                                    .iter()
                                    .find(|w| DOWNLOADERS.iter().any(|d| substitutes(&w.value, d)))
                            {
                                cx.report(
                                    command.span,
                                    format!(
                                        "`{}` runs a downloaded script without verifying it",
                                        command.name().unwrap_or("sh")
                                    ),
                                )
                                .label(word.span, "downloaded here")
                                .help(HELP);
                            }
                            continue;
                        };
                        // A pipe through filters (`curl | tr -d '\r' | sh`) still ends in the interpreter.
                        let mut j = i;
                        let mut target = None;
                        while script
                            .commands
                            .get(j)
                            .is_some_and(|c| c.separator == Some(Separator::Pipe))
                        {
                            j += 1;
                            if let Some(next) = script.commands.get(j).filter(|c| is_interpreter(c))
                            {
                                target = Some(next);
                                break;
                            }
                        }
                        if let Some(shell) = target {
                            let shell_name = shell.name().unwrap_or("sh");
                            cx.report(
                                command.span.cover(shell.span),
                                format!("`{name} … | {shell_name}` runs a downloaded script without verifying it"),
                            )
                            .help(HELP);
                        }
                    }
                }
            }
        }
    }
}

const HELP: &str = "download to a file, check its checksum (`sha256sum -c`) or signature, then run it; \
                    or install the tool from a package";
