//! Parser directives (`# syntax=`, `# escape=`, `# check=`): recognising one line, with BuildKit's rules for
//! names and values. The caller decides when directives stop being looked for.

use nom::IResult;
use nom::Parser;
use nom::bytes::complete::take_while;
use nom::character::complete::{char, satisfy};
use nom::combinator::recognize;
use std::ops::Range;

/// The directive names BuildKit knows; a comment naming anything else ends the directive block.
const KNOWN: [&str; 3] = ["syntax", "escape", "check"];

/// A directive found on a line: byte ranges of the name and the value within that line.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct RawDirective {
    pub name: Range<usize>,
    pub value: Range<usize>,
}

/// White space as Go's regular expressions mean `\s`.
fn is_re_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\x0c' | '\r')
}

fn name_and_equals(input: &str) -> IResult<&str, &str> {
    let (rest, (_, _, name, _, _)) = (
        char('#'),
        take_while(is_re_space),
        recognize((
            satisfy(|c| c.is_ascii_alphabetic()),
            take_while(|c: char| c.is_ascii_alphanumeric()),
        )),
        take_while(is_re_space),
        char('='),
    )
        .parse(input)?;
    Ok((rest, name))
}

/// Reads `line` (already stripped of leading white space) as a directive of a known name.
pub(super) fn parse(line: &str) -> Option<RawDirective> {
    let (rest, name) = name_and_equals(line).ok()?;
    if !KNOWN.iter().any(|k| k.eq_ignore_ascii_case(name)) {
        return None;
    }
    let name_start = name.as_ptr() as usize - line.as_ptr() as usize;
    let rest_start = line.len() - rest.len();
    let lead = rest.len() - rest.trim_start_matches(is_re_space).len();
    let value = rest.get(lead..).unwrap_or("").trim_end_matches(is_re_space);
    let value = if !value.is_empty() {
        rest_start + lead..rest_start + lead + value.len()
    } else {
        // Only white space after `=`: BuildKit's lazy `(.+?)` then takes the last character of it.
        let last = rest.chars().next_back()?;
        line.len() - last.len_utf8()..line.len()
    };
    Some(RawDirective {
        name: name_start..name_start + name.len(),
        value,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(line: &str) -> Option<(&str, &str)> {
        parse(line).map(|d| (&line[d.name], &line[d.value]))
    }

    #[test]
    fn recognises_known_names_in_any_case_with_spaces_around() {
        assert_eq!(texts("# escape = `"), Some(("escape", "`")));
        assert_eq!(
            texts("#SYNTAX=docker/dockerfile:1  "),
            Some(("SYNTAX", "docker/dockerfile:1"))
        );
        assert_eq!(texts("# check=skip=all"), Some(("check", "skip=all")));
    }

    #[test]
    fn rejects_other_comments() {
        assert_eq!(texts("# foo=bar"), None);
        assert_eq!(texts("# escape"), None);
        assert_eq!(texts("# escape="), None);
        assert_eq!(texts("# 1escape=x"), None);
        assert_eq!(texts("FROM x"), None);
    }
}
