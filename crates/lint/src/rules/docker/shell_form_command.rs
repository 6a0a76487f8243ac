//! DKR006 shell-form-command: the shipped image's CMD or ENTRYPOINT is in shell form, so the process runs
//! under `/bin/sh -c` as PID 1's child and does not receive SIGTERM.

use super::common::{clip, shipped_lineage};
use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::docker::{DockerImage, shell_script};
use shiplint_syntax::dockerfile::{Arguments, Keyword};

declare_rule! {
    /// The shipped CMD or ENTRYPOINT is in shell form, so signals do not reach the process.
    #[derive(Default)]
    pub struct ShellFormCommand {}
    code = "DKR006", name = "shell-form-command", domain = "docker", severity = Warning,
}

impl Check<DockerImage> for ShellFormCommand {
    fn check(&self, image: &DockerImage, cx: &mut Ctx<'_>) {
        let lineage = shipped_lineage(image);
        for keyword in [Keyword::Entrypoint, Keyword::Cmd] {
            // The one in force: the last in the shipped stage, else in the nearest parent stage.
            let effective = lineage.iter().find_map(|stage| {
                image
                    .instructions_of(stage)
                    .filter(|(_, i)| i.keyword == keyword)
                    .last()
            });
            let Some((_, instruction)) = effective else {
                continue;
            };
            let Arguments::Shell(text) = &instruction.args else {
                continue;
            };
            let name = keyword.as_str().to_ascii_uppercase();
            // One simple command without expansions converts word for word; anything else needs a script.
            let script = shell_script(text);
            let simple = match script.commands.as_slice() {
                [only] => only
                    .words()
                    .iter()
                    .all(|w| !w.value.contains(['$', '`', '*', '?'])),
                _ => false,
            };
            let help = match script.commands.first() {
                Some(command) if simple => {
                    let words: Vec<String> = command
                        .words()
                        .iter()
                        .map(|w| {
                            format!("\"{}\"", w.value.replace('\\', "\\\\").replace('"', "\\\""))
                        })
                        .collect();
                    format!("use the exec form: `{name} [{}]`", words.join(", "))
                }
                _ => format!(
                    "move the commands into a script that ends with `exec` of the service, and use the exec form: \
                     `{name} [\"/usr/local/bin/start.sh\"]`"
                ),
            };
            cx.report(
                text.span,
                format!(
                    "`{name} {}` runs under `/bin/sh -c`, which does not pass signals on",
                    clip(&text.text, 40)
                ),
            )
            .help(help);
        }
    }
}
