//! The command line a container starts with: compose `entrypoint`/`command` over the shipped stage's
//! ENTRYPOINT/CMD, as Docker combines them, and the value it passes to a Go command-line flag.

use crate::compose::Service;
use crate::docker::{DockerImage, Stage};
use shiplint_syntax::dockerfile::{Arguments, Instruction, Keyword};
use shiplint_syntax::{Span, Spanned};

/// The words of the container's command line (ENTRYPOINT then CMD), each with where it is written: a word
/// of an exec form, a word of a shell form's text, or the whole compose `entrypoint`/`command` value.
pub(super) fn container_arguments(
    image: &DockerImage,
    stage: &Stage,
    service: Option<&Service>,
) -> Vec<Spanned<String>> {
    // The last ENTRYPOINT and CMD of the stage's lineage, with how far from the shipped stage they are (an
    // ENTRYPOINT set in a stage built on the CMD's one resets that CMD).
    let mut entrypoint: Option<(usize, &Instruction)> = None;
    let mut cmd: Option<(usize, &Instruction)> = None;
    for (distance, ancestor) in image.lineage(stage).enumerate() {
        for (_, instruction) in image.instructions_of(ancestor) {
            let slot = match instruction.keyword {
                Keyword::Entrypoint => &mut entrypoint,
                Keyword::Cmd => &mut cmd,
                _ => continue,
            };
            if slot.is_none_or(|(d, _)| d == distance) {
                *slot = Some((distance, instruction));
            }
        }
        if entrypoint.is_some() && cmd.is_some() {
            break;
        }
    }
    if let (Some((entry_distance, _)), Some((cmd_distance, _))) = (entrypoint, cmd)
        && entry_distance < cmd_distance
    {
        cmd = None;
    }
    let compose_words = |value: &Spanned<Vec<String>>| -> Vec<Spanned<String>> {
        let words = value.value.iter();
        words.map(|w| Spanned::new(w.clone(), value.span)).collect()
    };
    let compose_entrypoint = service.and_then(|s| s.entrypoint.as_ref());
    let compose_command = service.and_then(|s| s.command.as_ref());
    let mut out = match compose_entrypoint {
        Some(value) => compose_words(value),
        None => entrypoint.map_or_else(Vec::new, |(_, i)| instruction_words(i)),
    };
    match (compose_command, compose_entrypoint) {
        (Some(value), _) => out.extend(compose_words(value)),
        // A compose `entrypoint` drops the image's CMD.
        (None, Some(_)) => {}
        (None, None) => out.extend(cmd.map_or_else(Vec::new, |(_, i)| instruction_words(i))),
    }
    out
}

/// The words of an ENTRYPOINT or CMD: exec-form elements, or the shell form's text split at white space.
fn instruction_words(instruction: &Instruction) -> Vec<Spanned<String>> {
    match &instruction.args {
        Arguments::Exec(words) => words.clone(),
        Arguments::Shell(text) => {
            let mut out = Vec::new();
            let mut start = None;
            for (at, c) in text.text.char_indices().chain([(text.text.len(), ' ')]) {
                match (c.is_whitespace(), start) {
                    (false, None) => start = Some(at),
                    (true, Some(from)) => {
                        let word = text.text[from..at].to_string();
                        out.push(Spanned::new(word, text.span_of(from..at)));
                        start = None;
                    }
                    _ => {}
                }
            }
            out
        }
        _ => Vec::new(),
    }
}

/// What a command line passes to Go flag `flag`: `-flag=value`, `--flag=value`, or `-flag value`; the last
/// one counts, as Go's `flag` package sets the variable each time. Words are also split at white space, so
/// a `sh -c "/app -addr :9000"` wrapper is read too. `None` when the flag is not passed.
pub(super) fn flag_value(
    arguments: &[Spanned<String>],
    flag: &str,
) -> Option<Spanned<Option<String>>> {
    let words: Vec<(&str, Span)> = arguments
        .iter()
        .flat_map(|w| w.value.split_whitespace().map(move |part| (part, w.span)))
        .collect();
    let mut found = None;
    for (at, &(word, span)) in words.iter().enumerate() {
        let Some(rest) = word.strip_prefix("--").or_else(|| word.strip_prefix('-')) else {
            continue;
        };
        if rest == flag {
            let value = words.get(at + 1).map(|(next, _)| next.to_string());
            found = Some(Spanned::new(value, span));
        } else if let Some(value) = rest.strip_prefix(flag).and_then(|r| r.strip_prefix('=')) {
            found = Some(Spanned::new(Some(value.to_string()), span));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::flag_value;
    use shiplint_syntax::{FileId, Span, Spanned};

    fn words(line: &str) -> Vec<Spanned<String>> {
        let span = Span::new(FileId(0), 0, 0);
        line.split(' ')
            .map(|w| Spanned::new(w.to_string(), span))
            .collect()
    }

    #[test]
    fn flags_are_read_in_every_spelling_the_last_one_winning() {
        let value = |line: &str| flag_value(&words(line), "addr").map(|v| v.value);
        assert_eq!(value("/app -addr :9000"), Some(Some(":9000".into())));
        assert_eq!(value("/app --addr=:9001"), Some(Some(":9001".into())));
        assert_eq!(value("/app -addr=:1 -addr :2"), Some(Some(":2".into())));
        assert_eq!(value("/app -addr"), Some(None));
        assert_eq!(value("/app -address :9000 -port 1"), None);
        assert_eq!(value("/app addr=:9000"), None);
        let wrapped = [
            Spanned::new("sh".to_string(), Span::default()),
            Spanned::new("/app -addr :7000".to_string(), Span::default()),
        ];
        assert_eq!(
            flag_value(&wrapped, "addr").map(|v| v.value),
            Some(Some(":7000".into()))
        );
    }
}
