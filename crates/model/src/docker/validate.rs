//! The checks a build makes after parsing, as BuildKit's instruction stage does: which flags an instruction
//! takes, which of them need a value, and what the values must look like. BuildKit's parser accepts
//! `COPY --frm=build` and `HEALTHCHECK --interval=soon`; `docker build` then rejects the file. These are kept
//! apart from the parser's errors so `debug dump` still prints the parser's tree, as BuildKit's parser does.

use shiplint_syntax::SyntaxError;
use shiplint_syntax::dockerfile::{Dockerfile, Flag, Keyword};

/// What a flag's value must be.
#[derive(Copy, Clone, PartialEq, Eq)]
enum Value {
    /// Any non-empty text.
    Text,
    /// `--link` alone, or `--link=true|false`.
    Boolean,
    /// A Go duration such as `30s` or `1m30s`.
    Duration,
    /// A whole number.
    Count,
    /// One of a fixed set of words.
    OneOf(&'static [&'static str]),
}

/// The flags each instruction accepts (BuildKit's Dockerfile frontend, stable and labs syntax).
fn accepted(keyword: Keyword) -> &'static [(&'static str, Value)] {
    match keyword {
        Keyword::From => &[("platform", Value::Text)],
        Keyword::Run => &[
            ("mount", Value::Text),
            ("network", Value::OneOf(&["default", "none", "host"])),
            ("security", Value::OneOf(&["sandbox", "insecure"])),
            ("device", Value::Text),
        ],
        Keyword::Copy => &[
            ("from", Value::Text),
            ("chown", Value::Text),
            ("chmod", Value::Text),
            ("link", Value::Boolean),
            ("parents", Value::Boolean),
            ("exclude", Value::Text),
        ],
        Keyword::Add => &[
            ("chown", Value::Text),
            ("chmod", Value::Text),
            ("link", Value::Boolean),
            ("keep-git-dir", Value::Boolean),
            ("checksum", Value::Text),
            ("exclude", Value::Text),
            ("unpack", Value::Boolean),
        ],
        Keyword::Healthcheck => &[
            ("interval", Value::Duration),
            ("timeout", Value::Duration),
            ("start-period", Value::Duration),
            ("start-interval", Value::Duration),
            ("retries", Value::Count),
        ],
        _ => &[],
    }
}

/// Errors a build would stop at, for every instruction (and the one each ONBUILD wraps).
pub(crate) fn instruction_errors(syntax: &Dockerfile) -> Vec<SyntaxError> {
    // In file order already: an ONBUILD's inner instruction comes right after it.
    syntax
        .all_instructions()
        .flat_map(|instruction| {
            instruction.flags.iter().filter_map(|flag| {
                let message = flag_error(instruction.keyword, flag)?;
                Some(SyntaxError {
                    span: flag.span,
                    message,
                })
            })
        })
        .collect()
}

fn flag_error(keyword: Keyword, flag: &Flag) -> Option<String> {
    let name = flag.name.value.as_str();
    // Only built when there is something to say: this runs for every flag of every file.
    let instruction = || keyword.as_str().to_ascii_uppercase();
    let Some(&(_, kind)) = accepted(keyword).iter().find(|(known, _)| *known == name) else {
        let instruction = instruction();
        return Some(format!("unknown flag `--{name}` for {instruction}"));
    };
    let value = flag.value.as_ref().map(|v| v.value.as_str());
    match (kind, value) {
        (Value::Boolean, None) => None,
        (Value::Boolean, Some("true" | "false")) => None,
        (Value::Boolean, Some(other)) => {
            Some(format!("`--{name}={other}` is not `true` or `false`"))
        }
        (_, None | Some("")) => Some(format!(
            "flag `--{name}` of {} needs a value (`--{name}=...`)",
            instruction()
        )),
        (Value::Text, Some(_)) => None,
        (Value::Duration, Some(text)) if is_duration(text) => None,
        (Value::Duration, Some(text)) => Some(format!(
            "`--{name}={text}` is not a duration such as `30s` or `1m30s`"
        )),
        (Value::Count, Some(text)) if text.parse::<u32>().is_ok() => None,
        (Value::Count, Some(text)) => Some(format!("`--{name}={text}` is not a whole number")),
        (Value::OneOf(words), Some(text)) if words.contains(&text) => None,
        (Value::OneOf(words), Some(text)) => Some(format!(
            "`--{name}={text}` is not one of {}",
            words
                .iter()
                .map(|w| format!("`{w}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

/// Go's duration syntax: one or more `<number><unit>` with units ns, us, µs, ms, s, m, h; or `0`.
fn is_duration(text: &str) -> bool {
    if text == "0" {
        return true;
    }
    let mut rest = text;
    let mut parts = 0;
    while !rest.is_empty() {
        let digits = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        let number = &rest[..digits];
        if number.is_empty() || number == "." || number.matches('.').count() > 1 {
            return false;
        }
        rest = &rest[digits..];
        let Some(unit) = ["ns", "us", "µs", "ms", "s", "m", "h"]
            .into_iter()
            .find(|unit| rest.starts_with(unit))
        else {
            return false;
        };
        // `ms` before `m` and `s`: the first unit in this order that matches is the longest.
        rest = &rest[unit.len()..];
        parts += 1;
    }
    parts > 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use shiplint_syntax::FileId;

    fn errors(text: &str) -> Vec<String> {
        let syntax = shiplint_syntax::dockerfile::parse(FileId(0), text);
        assert!(syntax.errors.is_empty(), "{:?}", syntax.errors);
        instruction_errors(&syntax)
            .into_iter()
            .map(|e| format!("{}: {}", e.span.text(text), e.message))
            .collect()
    }

    #[test]
    fn accepts_the_flags_buildkit_knows() {
        let text = "FROM --platform=$BUILDPLATFORM golang:1.22 AS build\n\
                    RUN --mount=type=cache,target=/cache --network=none go build\n\
                    FROM alpine:3.20\n\
                    COPY --from=build --chown=1000:1000 --chmod=0755 --link --parents /out/app /app\n\
                    ADD --checksum=sha256:abc --keep-git-dir=true https://example.com/x.git /src\n\
                    HEALTHCHECK --interval=1m30s --timeout=5s --start-period=0 --retries=3 CMD true\n\
                    ONBUILD COPY --from=build /a /b\n";
        assert_eq!(errors(text), Vec::<String>::new());
    }

    #[test]
    fn rejects_unknown_flags_missing_values_and_bad_values() {
        let text = "FROM alpine:3.20\n\
                    COPY --frm=build /a /b\n\
                    RUN --mount echo hi\n\
                    RUN --network=internet true\n\
                    HEALTHCHECK --interval=soon --retries=many CMD true\n\
                    CMD --doit [\"a\"]\n\
                    COPY --link=maybe a b\n\
                    ONBUILD RUN --frobnicate true\n";
        assert_eq!(
            errors(text),
            [
                "--frm=build: unknown flag `--frm` for COPY",
                "--mount: flag `--mount` of RUN needs a value (`--mount=...`)",
                "--network=internet: `--network=internet` is not one of `default`, `none`, `host`",
                "--interval=soon: `--interval=soon` is not a duration such as `30s` or `1m30s`",
                "--retries=many: `--retries=many` is not a whole number",
                "--doit: unknown flag `--doit` for CMD",
                "--link=maybe: `--link=maybe` is not `true` or `false`",
                "--frobnicate: unknown flag `--frobnicate` for RUN",
            ]
        );
    }

    #[test]
    fn go_durations() {
        for good in ["30s", "1m30s", "1.5h", "100ms", "2us", "0", "1h2m3s4ms"] {
            assert!(is_duration(good), "{good}");
        }
        for bad in ["soon", "30", "s", "1.2.3s", "", "-1s", "1d"] {
            assert!(!is_duration(bad), "{bad}");
        }
    }
}
