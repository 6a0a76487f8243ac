//! The engine: which rules run with which options ([`Settings`]), running them over a project in parallel
//! ([`run`]), and turning what the rules and parsers found into the sorted, filtered list that is reported.

use crate::config::{Config, ConfigError, FailOn};
use crate::registry::{self, DynRule, Runs};
use crate::rule::{Ctx, RuleInfo};
use crate::rules::meta::{InternalError, SyntaxError, UnreadableFile};
use crate::{Finding, RuleMeta, Severity, suppression};
use globset::{Glob, GlobMatcher, GlobSet, GlobSetBuilder};
use rayon::prelude::*;
use shiplint_model::{Content, Document, Project};
use shiplint_syntax::Span;
use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

/// Which rules run, with which options and severities; what is excluded; when the run fails.
pub struct Settings {
    /// The rules to run, with where each one runs.
    runnable: Vec<(Runs, Box<dyn DynRule>)>,
    enabled: Vec<&'static RuleMeta>,
    severity: BTreeMap<&'static str, Severity>,
    per_file_ignores: Vec<(GlobMatcher, Vec<&'static RuleMeta>)>,
    exclude: GlobSet,
    base: Option<PathBuf>,
    /// The lowest severity that fails the run (config `fail-on`, overridden by `--fail-on`).
    pub fail_on: FailOn,
}

/// Command-line values that override or extend the config file.
#[derive(Clone, Debug, Default)]
pub struct Overrides {
    /// `--select`: replaces the config's `select`.
    pub select: Option<Vec<String>>,
    /// `--ignore`: added to the config's `ignore`.
    pub ignore: Vec<String>,
    /// `--fail-on`: replaces the config's `fail-on`.
    pub fail_on: Option<FailOn>,
}

impl Default for Settings {
    /// Every rule with its default options; fail on warnings.
    fn default() -> Self {
        Settings::from_config(&Config::default(), "", Overrides::default(), None)
            .unwrap_or_else(|error| panic!("the default settings are valid: {error}"))
    }
}

impl Settings {
    /// Settings from the text of a whole `shiplint.toml` (tests and docs use this).
    pub fn from_toml(text: &str) -> Result<Settings, ConfigError> {
        Settings::from_config(&Config::parse(text)?, text, Overrides::default(), None)
    }

    /// Resolves a parsed config (whose source is `text`, for error positions) and the command-line overrides.
    /// `base` is the directory that `exclude` and `per-file-ignores` globs are relative to.
    pub fn from_config(
        config: &Config,
        text: &str,
        overrides: Overrides,
        base: Option<PathBuf>,
    ) -> Result<Settings, ConfigError> {
        let at = |span: std::ops::Range<usize>, message: String| {
            ConfigError::at(text, span.start, message)
        };
        let spanned =
            |list: &[toml::Spanned<String>]| -> Vec<(String, Option<std::ops::Range<usize>>)> {
                list.iter()
                    .map(|s| (s.get_ref().clone(), Some(s.span())))
                    .collect()
            };
        let unplaced = |list: Vec<String>| list.into_iter().map(|s| (s, None)).collect::<Vec<_>>();
        let select = match (overrides.select, &config.select) {
            (Some(cli), _) => unplaced(cli),
            (None, Some(listed)) => spanned(listed),
            (None, None) => vec![("ALL".to_string(), None)],
        };
        let mut ignore = spanned(&config.ignore);
        ignore.extend(unplaced(overrides.ignore));
        for (selector, span) in select.iter().chain(&ignore) {
            if !registry::registry()
                .iter()
                .any(|rule| rule.meta.matches(selector))
            {
                let message = format!("unknown rule selector `{selector}`");
                return Err(match span {
                    Some(span) => at(span.clone(), message),
                    None => ConfigError::plain(message),
                });
            }
        }

        let mut runnable = Vec::new();
        let mut enabled = Vec::new();
        let mut options: BTreeMap<&str, (toml::Value, std::ops::Range<usize>)> = BTreeMap::new();
        for (name, value) in &config.rules {
            let Some(rule) = registry::find(name.get_ref()) else {
                return Err(at(
                    name.span(),
                    format!("unknown rule `{}` in [rules]", name.get_ref()),
                ));
            };
            options.insert(rule.meta.name, (value.get_ref().clone(), value.span()));
        }
        for rule in registry::registry() {
            if !is_selected(rule.meta, &select, &ignore) {
                continue;
            }
            let (value, span) = match options.get(rule.meta.name) {
                Some((value, span)) => (Some(value.clone()), Some(span.clone())),
                None => (None, None),
            };
            let built = rule.build(value).map_err(|message| {
                let message = format!("invalid options for `{}`: {message}", rule.meta.name);
                match span {
                    Some(span) => at(span, message),
                    None => ConfigError::plain(message),
                }
            })?;
            runnable.extend(built.map(|built| (rule.runs, built)));
            enabled.push(rule.meta);
        }

        let mut severity = BTreeMap::new();
        for (key, level) in &config.severity {
            let Some(rule) = registry::find(key.get_ref()) else {
                return Err(at(
                    key.span(),
                    format!("unknown rule `{}` in [severity]", key.get_ref()),
                ));
            };
            severity.insert(rule.meta.code, *level);
        }

        let mut per_file_ignores = Vec::new();
        for (pattern, selectors) in &config.per_file_ignores {
            let glob = Glob::new(pattern.get_ref())
                .map_err(|e| at(pattern.span(), format!("invalid glob: {e}")))?;
            let mut rules = Vec::new();
            for selector in selectors {
                let matching: Vec<_> = registry::registry()
                    .iter()
                    .map(|r| r.meta)
                    .filter(|m| m.matches(selector.get_ref()))
                    .collect();
                if matching.is_empty() {
                    return Err(at(
                        selector.span(),
                        format!("unknown rule selector `{}`", selector.get_ref()),
                    ));
                }
                rules.extend(matching);
            }
            per_file_ignores.push((glob.compile_matcher(), rules));
        }

        let mut exclude = GlobSetBuilder::new();
        for pattern in &config.exclude {
            exclude.add(
                Glob::new(pattern.get_ref())
                    .map_err(|e| at(pattern.span(), format!("invalid glob: {e}")))?,
            );
        }
        let exclude = exclude
            .build()
            .map_err(|e| ConfigError::plain(format!("invalid exclude globs: {e}")))?;
        let fail_on = overrides
            .fail_on
            .or(config.fail_on)
            .unwrap_or(FailOn::Warning);
        Ok(Settings {
            runnable,
            enabled,
            severity,
            per_file_ignores,
            exclude,
            base,
            fail_on,
        })
    }

    /// The enabled rules, sorted by code (engine rules included).
    pub fn enabled_rules(&self) -> &[&'static RuleMeta] {
        &self.enabled
    }

    /// Whether a path found while walking is excluded by the config's `exclude` globs.
    pub fn is_excluded(&self, path: &Path) -> bool {
        !self.exclude.is_empty() && {
            let relative = self.relative(path);
            self.exclude.is_match(relative)
                || relative
                    .file_name()
                    .is_some_and(|name| self.exclude.is_match(name))
        }
    }

    fn relative<'p>(&self, path: &'p Path) -> &'p Path {
        match &self.base {
            Some(base) => path.strip_prefix(base).unwrap_or(path),
            None => path,
        }
    }

    fn is_enabled(&self, rule: &RuleMeta) -> bool {
        self.enabled
            .iter()
            .any(|enabled| std::ptr::eq(*enabled, rule))
    }

    fn ignored_in_file(&self, rule: &RuleMeta, path: &Path) -> bool {
        let relative = self.relative(path);
        self.per_file_ignores.iter().any(|(glob, rules)| {
            rules.iter().any(|r| std::ptr::eq(*r, rule))
                && (glob.is_match(relative)
                    || relative.file_name().is_some_and(|name| glob.is_match(name)))
        })
    }
}

/// Selected when the most specific matching selector is in `select` (a tie goes to `ignore`).
fn is_selected(
    rule: &RuleMeta,
    select: &[(String, Option<std::ops::Range<usize>>)],
    ignore: &[(String, Option<std::ops::Range<usize>>)],
) -> bool {
    let best = |list: &[(String, Option<std::ops::Range<usize>>)]| {
        list.iter()
            .filter(|(s, _)| rule.matches(s))
            .map(|(s, _)| specificity(rule, s))
            .max()
    };
    match (best(select), best(ignore)) {
        (Some(selected), Some(ignored)) => selected > ignored,
        (Some(_), None) => true,
        (None, _) => false,
    }
}

/// `ALL` < a code prefix (longer is more specific) < the full code or the name.
fn specificity(rule: &RuleMeta, selector: &str) -> usize {
    if selector.eq_ignore_ascii_case("ALL") {
        0
    } else if selector.eq_ignore_ascii_case(rule.name) {
        rule.code.len()
    } else {
        selector.len()
    }
}

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
                rule.check_project(project, cx)
            })
        })
        .collect();
    let mut findings: Vec<Finding> = per_document
        .into_iter()
        .chain(per_project)
        .flatten()
        .collect();
    findings.retain(|f| settings.is_enabled(f.rule));
    for finding in &mut findings {
        if let Some(severity) = settings.severity.get(finding.rule.code) {
            finding.severity = *severity;
        }
    }
    findings.retain(|f| {
        !settings.ignored_in_file(f.rule, &project.documents[f.span.file.0 as usize].path)
    });
    let mut findings = suppression::apply(project, findings, |rule| settings.is_enabled(rule));
    findings.retain(|f| settings.is_enabled(f.rule));
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    findings
}

fn check_document(project: &Project, document: &Document, settings: &Settings) -> Vec<Finding> {
    let mut findings: Vec<Finding> = document
        .syntax_errors()
        .iter()
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
                |cx| rule.check_document(project, document, cx),
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
    use shiplint_model::{Candidate, MemoryFs, Timestamp};

    /// A rule that panics on every Dockerfile.
    struct Crashes;

    impl DynRule for Crashes {
        fn meta(&self) -> &'static RuleMeta {
            crate::rules::docker::runs_as_root::RunsAsRoot::meta()
        }
        fn check_document(&self, _: &Project, _: &Document, _: &mut Ctx<'_>) {
            panic!("index out of bounds in a test rule");
        }
        fn check_project(&self, _: &Project, _: &mut Ctx<'_>) {}
    }

    fn project(files: &[(&str, &str)]) -> Project {
        let mut fs = MemoryFs::new();
        let candidates = files
            .iter()
            .map(|(path, text)| {
                fs.insert(*path, *text);
                Candidate {
                    path: path.into(),
                    display: path.to_string(),
                    explicit: false,
                }
            })
            .collect();
        Project::load(&fs, candidates, Timestamp(0))
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
}
