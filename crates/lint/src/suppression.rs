//! Inline suppressions: `# shiplint: ignore[CODE-or-name,...] reason` on its own line covers the next
//! statement that is not a comment; at the end of a line (formats with trailing comments) it covers that line;
//! `# shiplint: ignore-file[...]` covers the whole file. Applied after the rules ran, so a suppression that
//! suppresses nothing is reported (SUP001), as is one that is malformed or names no rule (SUP002).

use crate::registry::registry;
use crate::rule::RuleInfo;
use crate::rules::meta::{InvalidSuppression, UnusedSuppression};
use crate::{Finding, RuleMeta};
use shiplint_model::{Document, Project};
use shiplint_syntax::{SourceFile, Span};
use std::ops::Range;

const MARKER: &str = "shiplint:";

/// One parsed suppression comment.
#[derive(Debug)]
struct Suppression {
    /// The selectors with their spans, and whether each one has suppressed something.
    selectors: Vec<(String, Span, bool)>,
    /// The byte range of findings it covers (whole file for `ignore-file`).
    covers: Range<u32>,
}

/// Filters out suppressed findings and adds SUP001/SUP002 findings. `is_enabled` tells whether a rule ran:
/// a suppression of a disabled rule is not reported as unused.
pub fn apply(
    project: &Project,
    findings: Vec<Finding>,
    is_enabled: impl Fn(&RuleMeta) -> bool,
) -> Vec<Finding> {
    let mut per_file: Vec<Vec<Suppression>> = Vec::with_capacity(project.documents.len());
    let mut extra = Vec::new();
    for document in &project.documents {
        let source = project.file(document.file);
        per_file.push(parse_document(document, source, &mut extra));
    }
    let mut kept = Vec::with_capacity(findings.len());
    for finding in findings {
        let suppressions = &mut per_file[finding.span.file.0 as usize];
        if !suppress(suppressions, &finding) {
            kept.push(finding);
        }
    }
    for suppression in per_file.iter().flatten() {
        for (selector, span, used) in &suppression.selectors {
            let ran = registry()
                .iter()
                .any(|r| r.meta.matches(selector) && is_enabled(r.meta));
            if !used && ran {
                let message = format!("suppression of `{selector}` suppresses nothing");
                let mut finding = Finding::new(UnusedSuppression::meta(), *span, message);
                finding.help("remove it, or move it above the statement it is meant for");
                extra.push(finding);
            }
        }
    }
    kept.extend(extra);
    kept
}

fn suppress(suppressions: &mut [Suppression], finding: &Finding) -> bool {
    let mut suppressed = false;
    for suppression in suppressions
        .iter_mut()
        .filter(|s| s.covers.contains(&finding.span.start))
    {
        for (selector, _, used) in &mut suppression.selectors {
            if finding.rule.matches(selector) {
                *used = true;
                suppressed = true;
            }
        }
    }
    suppressed
}

fn parse_document(
    document: &Document,
    source: &SourceFile,
    problems: &mut Vec<Finding>,
) -> Vec<Suppression> {
    let text = &*source.text;
    // Statement spans are needed only for files that have a suppression; most have none.
    let mut statements: Option<Vec<Span>> = None;
    let mut suppressions = Vec::new();
    for comment in document.comment_spans() {
        let body = comment.text(text);
        let Some(marker_at) = body.find(MARKER) else {
            continue;
        };
        // Only a comment that starts with the marker is a directive: `# note: see shiplint: docs` is prose.
        // Go's comments start with `//`.
        if !body[..marker_at]
            .trim_start_matches(['#', '/'])
            .trim()
            .is_empty()
        {
            continue;
        }
        let offset = comment.start as usize + marker_at + MARKER.len();
        match parse_directive(text, offset, comment.end as usize) {
            Ok(Directive {
                file_wide,
                selectors,
            }) => {
                let mut valid = Vec::new();
                for (selector, range) in selectors {
                    let span = Span::new(document.file, range.start, range.end);
                    if registry().iter().any(|r| r.meta.matches(&selector)) {
                        valid.push((selector, span, false));
                    } else {
                        let message = format!(
                            "suppression names `{selector}`, which is not a rule code, name or prefix"
                        );
                        let mut finding = Finding::new(InvalidSuppression::meta(), span, message);
                        finding.help("`shiplint rules` lists the codes and names");
                        problems.push(finding);
                    }
                }
                let covers = if file_wide {
                    0..u32::MAX
                } else {
                    covered_range(
                        source,
                        comment,
                        statements.get_or_insert_with(|| document.statement_spans().collect()),
                    )
                };
                suppressions.push(Suppression {
                    selectors: valid,
                    covers,
                });
            }
            Err(message) => {
                let mut finding = Finding::new(InvalidSuppression::meta(), comment, message);
                finding.help("write `# shiplint: ignore[CODE,...] reason` or `# shiplint: ignore-file[CODE,...] reason`");
                problems.push(finding);
            }
        }
    }
    suppressions
}

/// A parsed `ignore[...]` or `ignore-file[...]`.
#[derive(Debug)]
struct Directive {
    file_wide: bool,
    /// Each selector and its byte range in the file.
    selectors: Vec<(String, Range<usize>)>,
}

/// Parses `ignore[...]` or `ignore-file[...]` starting at `offset`.
fn parse_directive(text: &str, offset: usize, end: usize) -> Result<Directive, String> {
    let rest = text.get(offset..end).unwrap_or("");
    let trimmed = rest.trim_start();
    let start = offset + (rest.len() - trimmed.len());
    let (file_wide, after) = if let Some(after) = trimmed.strip_prefix("ignore-file[") {
        (true, after)
    } else if let Some(after) = trimmed.strip_prefix("ignore[") {
        (false, after)
    } else {
        let word: String = trimmed.chars().take_while(|c| !c.is_whitespace()).collect();
        return Err(format!("unknown suppression `{word}`"));
    };
    let list_start = start + (trimmed.len() - after.len());
    let Some(close) = after.find(']') else {
        return Err("suppression list is not closed with `]`".to_string());
    };
    let mut selectors = Vec::new();
    let mut cursor = list_start;
    for part in after[..close].split(',') {
        let leading = part.len() - part.trim_start().len();
        let name = part.trim();
        if !name.is_empty() {
            selectors.push((
                name.to_string(),
                cursor + leading..cursor + leading + name.len(),
            ));
        }
        cursor += part.len() + 1;
    }
    if selectors.is_empty() {
        return Err("suppression names no rule".to_string());
    }
    Ok(Directive {
        file_wide,
        selectors,
    })
}

/// A comment alone on its line covers the statements that start on the next line that is neither blank nor a
/// comment; a comment after code covers its own line.
fn covered_range(source: &SourceFile, comment: Span, statements: &[Span]) -> Range<u32> {
    let text = &*source.text;
    let line = source.lines.line_of(comment.start);
    let line_start = source.lines.line_start(line).unwrap_or(0) as usize;
    let own_line = text
        .get(line_start..comment.start as usize)
        .is_some_and(|before| before.trim().is_empty());
    let target = if own_line {
        next_code_line(source, line + 1)
    } else {
        Some(line)
    };
    let Some(target) = target else { return 0..0 };
    let start = source.lines.line_start(target).unwrap_or(0);
    let end = source
        .lines
        .line_start(target + 1)
        .unwrap_or(text.len() as u32);
    // A statement starting on the target line is covered whole (a RUN with continuations, a multi-line block).
    statements
        .iter()
        .filter(|s| (start..end).contains(&s.start))
        .fold(start..end, |range, s| range.start..range.end.max(s.end))
}

fn next_code_line(source: &SourceFile, from: usize) -> Option<usize> {
    let text = &*source.text;
    (from..source.lines.len()).find(|&line| {
        let start = source.lines.line_start(line).unwrap_or(0) as usize;
        let end = source
            .lines
            .line_start(line + 1)
            .map_or(text.len(), |e| e as usize);
        let content = text.get(start..end).unwrap_or("").trim();
        !content.is_empty() && !content.starts_with('#')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_selectors_with_their_ranges() {
        let text = "# shiplint: ignore[DKR001, single-stage-build] because";
        let Directive {
            file_wide,
            selectors,
        } = parse_directive(text, 11, text.len()).expect("valid");
        assert!(!file_wide);
        let names: Vec<&str> = selectors.iter().map(|(s, _)| s.as_str()).collect();
        assert_eq!(names, ["DKR001", "single-stage-build"]);
        assert_eq!(&text[selectors[1].1.clone()], "single-stage-build");
    }

    #[test]
    fn go_line_comments_hold_directives() {
        let mut fs = shiplint_model::MemoryFs::new();
        let text = "package main\n\n// shiplint: ignore[DKR001] not a Dockerfile\nfunc main() {}\n// see shiplint: docs\n";
        fs.insert("/m/main.go", text);
        let candidates = fs.candidates(false);
        let project = Project::load(&fs, candidates, shiplint_model::Timestamp(0));
        let findings = apply(&project, Vec::new(), |_| true);
        let messages: Vec<&str> = findings.iter().map(|f| f.message.as_str()).collect();
        assert_eq!(messages, ["suppression of `DKR001` suppresses nothing"]);
        assert_eq!(findings[0].span.text(text), "DKR001");
    }

    #[test]
    fn file_wide_and_malformed_directives() {
        let text = "# shiplint: ignore-file[DKR]";
        assert!(
            parse_directive(text, 11, text.len())
                .expect("valid")
                .file_wide
        );
        let text = "# shiplint: ignore DKR001";
        assert!(
            parse_directive(text, 11, text.len())
                .expect_err("no brackets")
                .contains("ignore")
        );
        let text = "# shiplint: ignore[DKR001";
        assert!(parse_directive(text, 11, text.len()).is_err());
        let text = "# shiplint: ignore[]";
        assert!(parse_directive(text, 11, text.len()).is_err());
    }
}
