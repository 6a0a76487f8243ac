//! [`Settings`]: a `shiplint.toml` and the command line resolved against the registry: which rules run with
//! which options and severities, which files are excluded or partly ignored, and when the run fails.

use crate::config::{Config, ConfigError, FailOn};
use crate::registry::{self, DynRule, Runs};
use crate::{RuleMeta, Severity};
use globset::{Glob, GlobMatcher, GlobSet, GlobSetBuilder};
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// Which rules run, with which options and severities; what is excluded; when the run fails.
pub struct Settings {
    /// The rules to run, with where each one runs.
    pub(crate) runnable: Vec<(Runs, Box<dyn DynRule>)>,
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

/// A rule selector (code, name, prefix or `ALL`) and where the config wrote it (`None`: command line).
struct Selector {
    text: String,
    span: Option<Range<usize>>,
}

/// Turns problems found while resolving into errors placed in the config text.
struct Resolver<'t> {
    text: &'t str,
}

impl Resolver<'_> {
    fn error(&self, span: Option<Range<usize>>, message: String) -> ConfigError {
        match span {
            Some(span) => ConfigError::at(self.text, span.start, message),
            None => ConfigError::plain(message),
        }
    }

    /// The rules a selector names; naming none is an error.
    fn rules_named(&self, selector: &Selector) -> Result<Vec<&'static RuleMeta>, ConfigError> {
        let rules: Vec<_> = registry::registry()
            .iter()
            .map(|r| r.meta)
            .filter(|m| m.matches(&selector.text))
            .collect();
        if rules.is_empty() {
            return Err(self.error(
                selector.span.clone(),
                format!("unknown rule selector `{}`", selector.text),
            ));
        }
        Ok(rules)
    }

    /// The registry entry of a rule named by code or name in a table key (`[severity]`, `[rules]`).
    fn rule_of(
        &self,
        key: &Spanned<String>,
        table: &str,
    ) -> Result<&'static registry::RuleEntry, ConfigError> {
        registry::find(key.get_ref()).ok_or_else(|| {
            self.error(
                Some(key.span()),
                format!("unknown rule `{}` in [{table}]", key.get_ref()),
            )
        })
    }

    fn glob(&self, pattern: &Spanned<String>) -> Result<Glob, ConfigError> {
        Glob::new(pattern.get_ref())
            .map_err(|e| self.error(Some(pattern.span()), format!("invalid glob: {e}")))
    }
}

fn from_config_list(list: &[Spanned<String>]) -> Vec<Selector> {
    list.iter()
        .map(|s| Selector {
            text: s.get_ref().clone(),
            span: Some(s.span()),
        })
        .collect()
}

fn from_command_line(list: Vec<String>) -> Vec<Selector> {
    list.into_iter()
        .map(|text| Selector { text, span: None })
        .collect()
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
        let resolver = Resolver { text };
        let select = match (overrides.select, &config.select) {
            (Some(cli), _) => from_command_line(cli),
            (None, Some(listed)) => from_config_list(listed),
            (None, None) => from_command_line(vec!["ALL".to_string()]),
        };
        let mut ignore = from_config_list(&config.ignore);
        ignore.extend(from_command_line(overrides.ignore));
        for selector in select.iter().chain(&ignore) {
            resolver.rules_named(selector)?;
        }
        let (runnable, enabled) = build_rules(&resolver, config, &select, &ignore)?;

        let mut severity = BTreeMap::new();
        for (key, level) in &config.severity {
            severity.insert(resolver.rule_of(key, "severity")?.meta.code, *level);
        }
        let mut per_file_ignores = Vec::new();
        for (pattern, selectors) in &config.per_file_ignores {
            let mut rules = Vec::new();
            for selector in from_config_list(selectors) {
                rules.extend(resolver.rules_named(&selector)?);
            }
            per_file_ignores.push((resolver.glob(pattern)?.compile_matcher(), rules));
        }
        let mut exclude = GlobSetBuilder::new();
        for pattern in &config.exclude {
            exclude.add(resolver.glob(pattern)?);
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
        let exclude = &self.exclude;
        !exclude.is_empty() && self.matches_path(path, |p| exclude.is_match(p))
    }

    /// Whether findings of `rule` are ignored in the file at `path` (`per-file-ignores`).
    pub(crate) fn ignored_in_file(&self, rule: &RuleMeta, path: &Path) -> bool {
        self.per_file_ignores.iter().any(|(glob, rules)| {
            rules.iter().any(|r| std::ptr::eq(*r, rule))
                && self.matches_path(path, |p| glob.is_match(p))
        })
    }

    /// Whether `rule` runs (or, for engine rules, is reported).
    pub(crate) fn is_enabled(&self, rule: &RuleMeta) -> bool {
        self.enabled
            .iter()
            .any(|enabled| std::ptr::eq(*enabled, rule))
    }

    /// The severity findings of `rule` are reported with.
    pub(crate) fn severity_of(&self, rule: &RuleMeta) -> Severity {
        self.severity
            .get(rule.code)
            .copied()
            .unwrap_or(rule.severity)
    }

    /// A glob matches a path relative to `base`, or its file name alone (`Dockerfile.*` anywhere).
    fn matches_path(&self, path: &Path, is_match: impl Fn(&Path) -> bool) -> bool {
        let relative = match &self.base {
            Some(base) => path.strip_prefix(base).unwrap_or(path),
            None => path,
        };
        is_match(relative)
            || relative
                .file_name()
                .is_some_and(|name| is_match(Path::new(name)))
    }
}

/// Builds every selected rule with its `[rules.<name>]` options; returns them and the enabled list.
#[allow(clippy::type_complexity)]
fn build_rules(
    resolver: &Resolver<'_>,
    config: &Config,
    select: &[Selector],
    ignore: &[Selector],
) -> Result<(Vec<(Runs, Box<dyn DynRule>)>, Vec<&'static RuleMeta>), ConfigError> {
    let mut options = BTreeMap::new();
    for (name, value) in &config.rules {
        options.insert(resolver.rule_of(name, "rules")?.meta.name, value);
    }
    let mut runnable = Vec::new();
    let mut enabled = Vec::new();
    for rule in registry::registry()
        .iter()
        .filter(|rule| is_selected(rule.meta, select, ignore))
    {
        let value = options.get(rule.meta.name);
        let mut given = value.map(|v| v.get_ref().clone());
        if let Some(profile) = &config.tls_profile
            && crate::rules::tls::reads_profile(rule.meta.name)
        {
            given = Some(crate::rules::tls::with_profile(given, profile.get_ref()));
        }
        let built = rule.build(given).map_err(|message| {
            let message = format!("invalid options for `{}`: {message}", rule.meta.name);
            resolver.error(value.map(|v| v.span()), message)
        })?;
        runnable.extend(built.map(|built| (rule.runs, built)));
        enabled.push(rule.meta);
    }
    Ok((runnable, enabled))
}

/// Selected when the most specific matching selector is in `select` (a tie goes to `ignore`).
fn is_selected(rule: &RuleMeta, select: &[Selector], ignore: &[Selector]) -> bool {
    let best = |list: &[Selector]| {
        list.iter()
            .filter(|s| rule.matches(&s.text))
            .map(|s| specificity(rule, &s.text))
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
