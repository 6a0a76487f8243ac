//! `shiplint.toml`: what it may contain, and how it is read. Unknown keys, unknown rules and bad options are
//! errors that name their line.

use crate::Severity;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;
use toml::Spanned;

/// The contents of a `shiplint.toml`, as written.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// Rules to enable: codes, names or code prefixes (`DKR`). Default: all.
    pub select: Option<Vec<Spanned<String>>>,
    /// Rules to disable, same forms as `select`.
    pub ignore: Vec<Spanned<String>>,
    /// The lowest severity that makes the run fail.
    pub fail_on: Option<FailOn>,
    /// Globs (relative to the config's directory) of paths not to walk into.
    pub exclude: Vec<Spanned<String>>,
    /// Glob -> rules to ignore in matching files.
    pub per_file_ignores: BTreeMap<Spanned<String>, Vec<Spanned<String>>>,
    /// Code or name -> severity.
    pub severity: BTreeMap<Spanned<String>, Severity>,
    /// Rule name -> that rule's options.
    pub rules: BTreeMap<Spanned<String>, Spanned<toml::Value>>,
    /// The TLS profile the TLS rules check against (`mozilla-intermediate`, `mozilla-modern`,
    /// `mozilla-old`); a rule's own `profile` option wins.
    pub tls_profile: Option<Spanned<String>>,
}

/// `--fail-on` / `fail-on`: the lowest severity that fails the run, or never.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    /// Fail on errors only.
    Error,
    /// Fail on warnings and errors (the default).
    Warning,
    /// Fail on any finding.
    Info,
    /// Never fail because of findings.
    Never,
}

impl FailOn {
    /// Whether a finding of `severity` fails the run.
    pub fn fails(self, severity: Severity) -> bool {
        match self {
            FailOn::Error => severity >= Severity::Error,
            FailOn::Warning => severity >= Severity::Warning,
            FailOn::Info => true,
            FailOn::Never => false,
        }
    }
}

/// A problem in a configuration file (or in `--select`/`--ignore`), with its 1-based line when known.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    /// 1-based line and column in the config text, when the problem has a place.
    pub position: Option<(usize, usize)>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position {
            Some((line, column)) => write!(f, "line {line}, column {column}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for ConfigError {}

impl ConfigError {
    /// An error at the byte `offset` of `text`.
    pub fn at(text: &str, offset: usize, message: impl Into<String>) -> ConfigError {
        let before = text.get(..offset).unwrap_or(text);
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |s| s.chars().count()) + 1;
        ConfigError {
            position: Some((line, column)),
            message: message.into(),
        }
    }

    /// An error without a position (command-line values).
    pub fn plain(message: impl Into<String>) -> ConfigError {
        ConfigError {
            position: None,
            message: message.into(),
        }
    }
}

impl Config {
    /// Parses the text of a `shiplint.toml`. Syntax errors and unknown keys are errors with their position.
    pub fn parse(text: &str) -> Result<Config, ConfigError> {
        toml::from_str(text).map_err(|error| {
            // The toml error's own message repeats the source line; keep its first sentence only.
            let message = error.message().trim().trim_end_matches('.').to_string();
            match error.span() {
                Some(span) => ConfigError::at(text, span.start, message),
                None => ConfigError::plain(message),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_documented_key() {
        let config = Config::parse(
            r#"
select = ["DKR"]
ignore = ["DKR002"]
fail-on = "error"
exclude = ["vendor/**"]
[per-file-ignores]
"legacy/**" = ["single-stage-build"]
[severity]
DKR001 = "error"
[rules.single-stage-build]
extra-toolchain-images = ["corp/builder"]
"#,
        )
        .expect("valid config");
        assert_eq!(config.select.map(|s| s.len()), Some(1));
        assert_eq!(config.fail_on, Some(FailOn::Error));
        assert_eq!(config.severity.values().next(), Some(&Severity::Error));
        assert_eq!(
            config.rules.keys().next().map(|k| k.get_ref().as_str()),
            Some("single-stage-build")
        );
    }

    #[test]
    fn unknown_keys_are_errors_with_their_line() {
        let error = Config::parse("select = []\n\nfail_on = \"error\"\n").expect_err("unknown key");
        assert_eq!(error.position.map(|p| p.0), Some(3));
        assert!(error.message.contains("fail_on"), "{error}");
    }

    #[test]
    fn bad_severity_values_are_errors() {
        let error = Config::parse("[severity]\nDKR001 = \"fatal\"\n").expect_err("bad severity");
        assert_eq!(error.position.map(|p| p.0), Some(2));
    }
}
