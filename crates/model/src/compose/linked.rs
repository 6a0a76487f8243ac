//! What is wrong inside a file reached through `extends: {file: ...}` or `include:`. Docker Compose refuses
//! the referencing file when the linked file is invalid, and the linked file may not be among the checked
//! files at all (outside the walked directory, or not named like a compose file), so each flaw is reported
//! at the reference too, naming the linked file and the flaw's line and column there.

use super::keys;
use shiplint_syntax::LineIndex;
use shiplint_syntax::yaml::{self, Node};

/// One flaw of a linked file, its position already in the message.
#[derive(Clone, Debug)]
pub(super) struct Flaw {
    /// For an unknown key, where it is (`services.web.deploy`); `None` for flaws of the whole file.
    pub scope: Option<String>,
    /// What is wrong and where in the linked file.
    pub message: String,
}

/// The unknown and duplicate keys of a linked file's tree (spans not yet relocated), in source order.
pub(super) fn flaws_of(root: &Node, text: &str) -> Vec<Flaw> {
    let lines = LineIndex::new(text);
    let at = |offset: u32| {
        let place = lines.line_col(text, offset);
        format!("{}:{}", place.line, place.column)
    };
    let mut flaws: Vec<(u32, Flaw)> = keys::unknown_keys(root)
        .into_iter()
        .map(|unknown| {
            let place = if unknown.path.is_empty() {
                "at the top level".to_string()
            } else {
                format!("in `{}`", unknown.path)
            };
            let message = format!(
                "unknown key `{}` {place} at {}",
                unknown.key.value,
                at(unknown.key.span.start)
            );
            let scope = Some(unknown.path);
            (unknown.key.span.start, Flaw { scope, message })
        })
        .collect();
    flaws.extend(yaml::duplicate_keys(root).into_iter().map(|duplicate| {
        let message = format!(
            "key `{}` written twice, at {} and {}",
            duplicate.key,
            at(duplicate.first.start),
            at(duplicate.repeated.start)
        );
        let flaw = Flaw {
            scope: None,
            message,
        };
        (duplicate.repeated.start, flaw)
    }));
    flaws.sort_by_key(|(start, _)| *start);
    flaws.into_iter().map(|(_, flaw)| flaw).collect()
}

/// Whether `flaw` matters to service `name` extended from its file: a flaw of the whole file does (Compose
/// cannot read the file), an unknown key only when it is in that service.
pub(super) fn concerns_service(flaw: &Flaw, name: &str) -> bool {
    let Some(scope) = &flaw.scope else {
        return true;
    };
    let service = format!("services.{name}");
    scope
        .strip_prefix(&service)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('.') || rest.starts_with('['))
}
