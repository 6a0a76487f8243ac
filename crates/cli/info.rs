//! `shiplint rules`, `shiplint explain` and `shiplint debug dump`: commands that describe rather than check.

use shiplint_lint::registry;
use shiplint_model::classify;
use shiplint_model::docker::DockerImage;
use shiplint_model::nginx::NginxConfig;
use shiplint_model::{FileKind, secrets};
use shiplint_syntax::{FileId, Span};
use shiplint_syntax::{dockerfile, nginx};
use std::path::Path;

/// The rule table: code, name, severity, summary.
pub fn rules() -> String {
    let rules = registry::registry();
    let name_width = rules.iter().map(|r| r.meta.name.len()).max().unwrap_or(4);
    let mut out = format!(
        "{:<6}  {:<name_width$}  {:<8}  SUMMARY\n",
        "CODE", "NAME", "SEVERITY"
    );
    for rule in rules {
        let meta = rule.meta;
        out += &format!(
            "{:<6}  {:<name_width$}  {:<8}  {}\n",
            meta.code,
            meta.name,
            meta.severity.as_str(),
            meta.summary()
        );
    }
    out
}

/// A rule's markdown documentation.
pub fn explain(rule: &str) -> Result<String, String> {
    let entry = registry::find(rule)
        .ok_or_else(|| format!("no rule `{rule}` (`shiplint rules` lists them)"))?;
    let mut doc = entry.meta.doc.to_string();
    if !doc.ends_with('\n') {
        doc.push('\n');
    }
    Ok(doc)
}

/// How a file parses, in the form of its format's own tool. `more` (compose files only) are merged over it in
/// order, as `docker compose -f` merges them.
pub fn dump(path: &Path, more: &[std::path::PathBuf]) -> Result<String, String> {
    if crate::go_dump::wants(path) {
        let paths: Vec<std::path::PathBuf> = std::iter::once(path.to_path_buf())
            .chain(more.iter().cloned())
            .collect();
        return crate::go_dump::dump(&paths);
    }
    let shown = path.display();
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read `{shown}`: {e}"))?;
    let text = String::from_utf8_lossy(&bytes);
    let kind = classify::classify(path, &text, true);
    if !more.is_empty() && kind != Some(FileKind::Compose) {
        return Err(format!(
            "only compose files are dumped together; `{shown}` is not one"
        ));
    }
    match kind {
        Some(FileKind::Dockerfile) => {
            let image = DockerImage::build(FileId(0), &text);
            let secrets = image.secret_value_spans();
            let (document, shown_text) =
                with_secrets_masked(&text, &secrets, image.syntax, |masked| {
                    dockerfile::parse(FileId(0), masked)
                });
            dockerfile::buildkit_tree(&document, &shown_text)
                .map_err(|error| format!("{shown}:{error}"))
        }
        Some(FileKind::Pem) => Ok(crate::pem_dump::dump(&shown.to_string(), &bytes)),
        Some(FileKind::Nginx) => {
            let config = NginxConfig::build(FileId(0), &text);
            let secrets = config.secret_spans();
            let (parsed, shown_text) =
                with_secrets_masked(&text, &secrets, config.syntax, |masked| {
                    nginx::parse(FileId(0), masked)
                });
            nginx::crossplane_json(&parsed, &shown_text).map_err(|error| format!("{shown}:{error}"))
        }
        Some(FileKind::Compose) => {
            let files: Vec<std::path::PathBuf> = std::iter::once(path.to_path_buf())
                .chain(more.iter().cloned())
                .collect();
            let services = shiplint_model::compose::load_files(&crate::disk::DiskFs, &files)?;
            let json = shiplint_model::compose::dump::to_json(&services);
            serde_json::to_string_pretty(&json)
                .map(|text| text + "\n")
                .map_err(|e| format!("{shown}: {e}"))
        }
        other => Err(format!(
            "`{shown}` is a {} file; this version can dump only Dockerfiles, compose files, nginx configs, PEM files and Go modules",
            other.map_or("unknown", FileKind::as_str)
        )),
    }
}

/// The parse to print and the text it reads: `parsed` and `text` as they are when there is no secret, else
/// `reparse` of the text with the secret values masked (same offsets, so positions do not move). Parsed
/// twice only when it holds secrets: once to find them, once more with their values masked.
fn with_secrets_masked<T>(
    text: &str,
    secrets: &[Span],
    parsed: T,
    reparse: impl FnOnce(&str) -> T,
) -> (T, String) {
    if secrets.is_empty() {
        (parsed, text.to_string())
    } else {
        let masked = secrets::mask(text, secrets);
        (reparse(&masked), masked)
    }
}
