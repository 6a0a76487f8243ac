//! The engine: running the enabled rules over a project in parallel ([`run`]), and turning what the rules and
//! parsers found into the sorted, filtered list that is reported. Which rules run is [`Settings`].

use crate::registry::{DynRule, Runs};
use crate::rule::{Ctx, RuleInfo};
use crate::rules::meta::{InternalError, SyntaxError, UnreadableFile};
use crate::{Finding, suppression};
use rayon::prelude::*;
use shiplint_model::secrets::mask_values;
use shiplint_model::{Content, Document, Project};
use shiplint_syntax::Span;
use std::panic::{AssertUnwindSafe, catch_unwind};

pub use crate::settings::{Overrides, Settings};

/// Runs every enabled rule over `project`, adds syntax errors, unreadable files and crashed rules, applies
/// per-file ignores, severities and inline suppressions, and returns the findings sorted by file and position.
pub fn run(project: &Project, settings: &Settings) -> Vec<Finding> {
    let per_document: Vec<Vec<Finding>> = project
        .documents
        .par_iter()
        .map(|document| check_document(project, document, settings))
        .collect();
    let per_project: Vec<Vec<Finding>> = settings
        .runnable
        .par_iter()
        .filter(|(runs, _)| *runs == Runs::PerProject)
        .map(|(_, rule)| {
            let anchor = project.documents.first().map(|d| Span::empty(d.file, 0));
            guarded(rule.as_ref(), anchor, project, None, |cx| {
                rule.check(project, None, cx)
            })
        })
        .collect();
    let mut findings: Vec<Finding> = per_document
        .into_iter()
        .chain(per_project)
        .flatten()
        .collect();
    let reported = |f: &Finding| {
        settings.is_enabled(f.rule)
            && !settings.ignored_in_file(f.rule, &project.documents[f.span.file.0 as usize].path)
    };
    // Filtered before suppressions are applied, so a disabled rule cannot use one up; then again, because
    // applying them adds SUP findings.
    findings.retain(reported);
    let mut findings = suppression::apply(project, findings, |rule| settings.is_enabled(rule));
    findings.retain(reported);
    for finding in &mut findings {
        finding.severity = settings.severity_of(finding.rule);
    }
    mask_secret_values(project, &mut findings);
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    // A file included from several places is checked in each; the same finding is reported once.
    findings.dedup_by(|a, b| a.sort_key() == b.sort_key());
    findings
}

/// Masks the project's secret values wherever a message, label or help quotes one, whichever rule wrote it
/// (a value can reach prose through a link: `gin.SetMode(os.Getenv("SECRET_KEY"))` quotes the variable).
fn mask_secret_values(project: &Project, findings: &mut [Finding]) {
    let values = project.secret_values();
    if values.is_empty() {
        return;
    }
    let mask = |text: &mut String| {
        if values.iter().any(|v| text.contains(v.as_str())) {
            *text = mask_values(text, &values);
        }
    };
    for finding in findings {
        mask(&mut finding.message);
        if let Some(help) = &mut finding.help {
            mask(help);
        }
        for related in &mut finding.related {
            mask(&mut related.message);
        }
    }
}

fn check_document(project: &Project, document: &Document, settings: &Settings) -> Vec<Finding> {
    let mut findings: Vec<Finding> = document
        .syntax_errors()
        .map(|error| Finding::new(SyntaxError::meta(), error.span, error.message.clone()))
        .collect();
    if let Content::Unreadable(reason) = &document.content {
        let file = &project.file(document.file).path;
        findings.push({
            let mut finding = Finding::new(
                UnreadableFile::meta(),
                Span::empty(document.file, 0),
                format!("cannot read `{file}`: {reason}"),
            );
            finding.help("fix its permissions or exclude it; it was not checked");
            finding
        });
    }
    for (runs, rule) in &settings.runnable {
        if *runs == Runs::PerDocument(document.kind) {
            let anchor = Some(Span::empty(document.file, 0));
            findings.extend(guarded(
                rule.as_ref(),
                anchor,
                project,
                Some(document),
                |cx| rule.check(project, Some(document), cx),
            ));
        }
    }
    findings
}

thread_local! {
    static IN_RULE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Keeps the default panic message off stderr for panics inside rules (they become INT001 findings, which
/// carry the message); panics anywhere else are printed as usual. Call once at start-up.
pub fn report_rule_panics_as_findings() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !IN_RULE.with(std::cell::Cell::get) {
            previous(info);
        }
    }));
}

/// Runs one rule; a panic becomes one INT001 finding at `anchor` instead of ending the run.
fn guarded(
    rule: &dyn DynRule,
    anchor: Option<Span>,
    project: &Project,
    document: Option<&Document>,
    check: impl FnOnce(&mut Ctx<'_>),
) -> Vec<Finding> {
    let mut cx = Ctx::new(project, document, rule.meta());
    IN_RULE.with(|flag| flag.set(true));
    let outcome = catch_unwind(AssertUnwindSafe(|| check(&mut cx)));
    IN_RULE.with(|flag| flag.set(false));
    match outcome {
        Ok(()) => cx.into_findings(),
        Err(payload) => {
            let reason = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_string());
            let Some(span) = anchor else {
                return Vec::new();
            };
            let mut finding = Finding::new(
                InternalError::meta(),
                span,
                format!(
                    "rule `{}` ({}) crashed: {reason}",
                    rule.meta().name,
                    rule.meta().code
                ),
            );
            finding.help("please report this; the other rules and files were still checked");
            vec![finding]
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule::RuleInfo;
    use shiplint_model::{MemoryFs, Timestamp};

    /// A rule that panics on every Dockerfile.
    struct Crashes;

    impl DynRule for Crashes {
        fn meta(&self) -> &'static crate::RuleMeta {
            crate::rules::docker::runs_as_root::RunsAsRoot::meta()
        }
        fn check(&self, _: &Project, _: Option<&Document>, _: &mut Ctx<'_>) {
            panic!("index out of bounds in a test rule");
        }
    }

    fn project(files: &[(&str, &str)]) -> Project {
        let mut fs = MemoryFs::new();
        for (path, text) in files {
            fs.insert(*path, *text);
        }
        Project::load(&fs, fs.candidates(false), Timestamp(0))
    }

    #[test]
    fn a_panicking_rule_becomes_one_internal_error_per_file_and_the_run_goes_on() {
        let project = project(&[
            ("a/Dockerfile", "FROM golang:1.22\nRUN go build -o /app .\n"),
            ("b/Dockerfile", "FROM golang:1.22\nRUN go build -o /app .\n"),
        ]);
        let mut settings = Settings::from_toml("select = [\"DKR001\", \"INT001\"]").expect("valid");
        settings.runnable.push((
            Runs::PerDocument(shiplint_model::FileKind::Dockerfile),
            Box::new(Crashes),
        ));
        let findings = run(&project, &settings);
        let summary: Vec<(u32, &str)> = findings
            .iter()
            .map(|f| (f.span.file.0, f.rule.code))
            .collect();
        // The internal error sits at the start of the file (an empty span), so it sorts first.
        assert_eq!(
            summary,
            [(0, "INT001"), (0, "DKR001"), (1, "INT001"), (1, "DKR001")]
        );
        let internal = &findings[0];
        assert!(
            internal.message.contains("runs-as-root")
                && internal.message.contains("index out of bounds")
        );
        assert_eq!((internal.span.start, internal.span.end), (0, 0));
    }

    #[test]
    fn findings_are_sorted_by_file_then_position_then_code() {
        let project = project(&[
            (
                "z/Dockerfile",
                "FROM golang:latest\nRUN go build .\nCMD ./app\n",
            ),
            (
                "a/Dockerfile",
                "FROM golang:latest\nRUN go build .\nCMD ./app\n",
            ),
        ]);
        let findings = run(&project, &Settings::default());
        assert!(findings.len() >= 6);
        let keys: Vec<_> = findings
            .iter()
            .map(|f| (f.span.file, f.span.start, f.rule.code))
            .collect();
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(keys, sorted);
        assert_eq!(project.file(findings[0].span.file).path, "a/Dockerfile");
    }

    #[test]
    fn severity_overrides_reach_the_findings_suppressions_add() {
        let project = project(&[(
            "Dockerfile",
            "# shiplint: ignore[DKR001] nothing to suppress\nFROM scratch\n",
        )]);
        let settings = Settings::from_toml("[severity]\nSUP001 = \"warning\"\n").expect("valid");
        let findings = run(&project, &settings);
        let unused: Vec<_> = findings
            .iter()
            .filter(|f| f.rule.code == "SUP001")
            .map(|f| f.severity)
            .collect();
        assert_eq!(unused, [crate::Severity::Warning]);
    }
}
