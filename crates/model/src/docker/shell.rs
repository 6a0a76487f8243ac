//! A small shell-word splitter for RUN scripts: commands, their separators and their words, each word with
//! its source span. Rules read commands from here instead of matching regexes against RUN lines.
//!
//! It is not a shell: it knows quotes, escapes, `$(…)`, `${…}`, backticks, comments, redirections and the
//! list operators (`&&`, `||`, `;`, `|`, `&`, newlines), which is what rules need to find a command and its
//! flags. Control keywords (`if`, `then`, `do`, …) and prefixes (`sudo`, `env`, `VAR=value`) are skipped when
//! asking for a command's name.

use shiplint_syntax::Span;
use std::ops::Range;

/// What ends a command.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Separator {
    /// `&&`
    And,
    /// `||`
    Or,
    /// `;`
    Semi,
    /// `|` or `|&`: the command's output feeds the next one.
    Pipe,
    /// `&`: run in the background.
    Background,
    /// A newline.
    Newline,
    /// `(` or `)` of a subshell.
    Group,
}

/// One word of a command, unquoted, with the span of its source text (quotes included).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    /// The word with quotes removed and escapes applied (`$…` expansions are kept as written).
    pub value: String,
    /// Where the word is written.
    pub span: Span,
}

/// One simple command: its words (redirections removed) and the operator that follows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Command {
    /// Every word, including leading `VAR=value` assignments and prefixes such as `sudo`.
    words: Vec<Word>,
    /// Index of the program's word, worked out once: every rule asks for it, for every command.
    name_index: Option<usize>,
    /// The operator after the command; `None` at the end of the script.
    pub separator: Option<Separator>,
    /// From the first word to the last.
    pub span: Span,
}

/// Shell keywords that start or continue a compound command; the command proper follows them.
const KEYWORDS: [&str; 12] = [
    "if", "then", "else", "elif", "fi", "do", "done", "while", "until", "!", "{", "}",
];
/// Words that run the rest of the line as a command.
const PREFIXES: [&str; 7] = ["sudo", "env", "exec", "time", "nice", "nohup", "command"];

impl Command {
    /// A command of `words` (at least one), followed by `separator`.
    pub fn new(words: Vec<Word>, separator: Option<Separator>) -> Option<Command> {
        let span = words.first()?.span.cover(words.last()?.span);
        let name_index = words.iter().position(|w| {
            !is_assignment(&w.value)
                && !KEYWORDS.contains(&w.value.as_str())
                && !PREFIXES.contains(&w.value.as_str())
        });
        Some(Command {
            words,
            name_index,
            separator,
            span,
        })
    }

    /// Every word, including leading `VAR=value` assignments and prefixes such as `sudo`.
    pub fn words(&self) -> &[Word] {
        &self.words
    }

    /// Index of the word naming the program, after assignments, keywords and prefixes.
    pub fn name_index(&self) -> Option<usize> {
        self.name_index
    }

    /// The program word (as written, possibly a path such as `/usr/bin/curl`).
    pub fn name_word(&self) -> Option<&Word> {
        self.name_index().and_then(|i| self.words.get(i))
    }

    /// The program's base name: `curl` for `/usr/bin/curl`.
    pub fn name(&self) -> Option<&str> {
        self.name_word()
            .map(|w| w.value.rsplit('/').next().unwrap_or(&w.value))
    }

    /// The words after the program name.
    pub fn args(&self) -> &[Word] {
        match self.name_index() {
            Some(i) => self.words.get(i + 1..).unwrap_or(&[]),
            None => &[],
        }
    }

    /// Leading `NAME=value` assignments (including those after `env`), as (name, value).
    pub fn assignments(&self) -> impl Iterator<Item = (&str, &str)> {
        let end = self.name_index().unwrap_or(self.words.len());
        self.words[..end]
            .iter()
            .filter_map(|w| w.value.split_once('=').filter(|_| is_assignment(&w.value)))
    }

    /// The arguments that are not options (do not start with `-`) nor the value of an option that takes one
    /// as the next word (`-o APT::Get::Assume-Yes=true` of apt-get).
    pub fn operands(&self) -> impl Iterator<Item = &Word> {
        let takes_value = options_with_values(self.name().unwrap_or(""));
        let mut skip_next = false;
        self.args().iter().filter(move |w| {
            let is_value =
                std::mem::replace(&mut skip_next, takes_value.contains(&w.value.as_str()));
            !is_value && !w.value.starts_with('-')
        })
    }

    /// The first operand: `install` in `apt-get -q install x`.
    pub fn subcommand(&self) -> Option<&str> {
        self.operands().next().map(|w| w.value.as_str())
    }

    /// Whether an option is given: the short letter alone or inside a group (`-qy`), or the long form
    /// (`--yes`, `--yes=…`). Pass `None` for an option with no short form.
    pub fn has_option(&self, short: Option<char>, long: &[&str]) -> bool {
        self.args().iter().any(|w| {
            let v = w.value.as_str();
            if let Some(name) = v.strip_prefix("--") {
                let name = name.split('=').next().unwrap_or(name);
                long.contains(&name)
            } else if let Some(letters) = v.strip_prefix('-') {
                short.is_some_and(|c| {
                    letters.chars().all(|l| l.is_ascii_alphanumeric()) && letters.contains(c)
                })
            } else {
                false
            }
        })
    }

    /// The first argument word that is exactly `value`.
    pub fn arg(&self, value: &str) -> Option<&Word> {
        self.args().iter().find(|w| w.value == value)
    }
}

/// `NAME=value` where NAME is a shell identifier.
fn is_assignment(word: &str) -> bool {
    match word.split_once('=') {
        Some((name, _)) => {
            !name.is_empty()
                && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                && !name.starts_with(|c: char| c.is_ascii_digit())
        }
        None => false,
    }
}

/// A parsed script: its commands in order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Script {
    /// Simple commands in source order.
    pub commands: Vec<Command>,
}

impl Script {
    /// Splits `text`; `span_of` maps a byte range of `text` to a source span.
    pub fn parse(text: &str, span_of: &dyn Fn(Range<usize>) -> Span) -> Script {
        let mut commands = Vec::new();
        for raw in split(text) {
            let words: Vec<Word> = raw
                .words
                .into_iter()
                .map(|(value, range)| Word {
                    value,
                    span: span_of(range),
                })
                .collect();
            commands.extend(Command::new(words, raw.separator));
        }
        Script { commands }
    }

    /// Commands whose program is `name`.
    pub fn commands_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Command> {
        self.commands.iter().filter(move |c| c.name() == Some(name))
    }
}

struct RawCommand {
    words: Vec<(String, Range<usize>)>,
    separator: Option<Separator>,
}

#[derive(Default)]
struct Splitter {
    commands: Vec<RawCommand>,
    words: Vec<(String, Range<usize>)>,
    word: String,
    start: Option<usize>,
    end: usize,
    /// The next word is a redirection target, not an argument.
    redirect: bool,
    /// Inside `case … in`, reading a pattern (`a|b)`): its `|` and `)` are not operators.
    in_pattern: bool,
    /// How many `case` statements are open.
    case_depth: usize,
}

impl Splitter {
    fn push_char(&mut self, at: usize, c: char) {
        self.start.get_or_insert(at);
        self.word.push(c);
        self.end = at + c.len_utf8();
    }

    fn push_str(&mut self, range: Range<usize>, s: &str) {
        self.start.get_or_insert(range.start);
        self.word.push_str(s);
        self.end = range.end;
    }

    fn end_word(&mut self) {
        if let Some(start) = self.start.take() {
            let word = std::mem::take(&mut self.word);
            if std::mem::take(&mut self.redirect) {
                return;
            }
            if self.in_pattern {
                // Case patterns are not commands; `esac` closes the statement.
                if word == "esac" {
                    self.in_pattern = false;
                    self.case_depth = self.case_depth.saturating_sub(1);
                }
                return;
            }
            let opens_patterns = word == "in"
                && self.words.len() >= 2
                && self.words.first().is_some_and(|(w, _)| w == "case");
            self.words.push((word, start..self.end));
            if opens_patterns {
                self.end_command(Some(Separator::Semi));
                self.in_pattern = true;
                self.case_depth += 1;
            }
        }
    }

    fn end_command(&mut self, separator: Option<Separator>) {
        self.end_word();
        self.redirect = false;
        if self.words.is_empty() {
            return;
        }
        self.commands.push(RawCommand {
            words: std::mem::take(&mut self.words),
            separator,
        });
    }
}

/// Index just past the quoted or bracketed construct that opens at `open` (`'…'`, `"…"`, `` `…` ``, `$(…)`,
/// `${…}`), or the end of the text when it is not closed.
fn skip_construct(text: &str, open: usize) -> usize {
    let bytes = text.as_bytes();
    match bytes.get(open) {
        Some(b'\'') => text[open + 1..]
            .find('\'')
            .map_or(text.len(), |i| open + 1 + i + 1),
        Some(b'`') => {
            let mut i = open + 1;
            while i < bytes.len() {
                match bytes[i] {
                    b'\\' => i += 2,
                    b'`' => return i + 1,
                    _ => i += 1,
                }
            }
            text.len()
        }
        Some(b'"') => {
            let mut i = open + 1;
            while i < bytes.len() {
                match bytes[i] {
                    b'\\' => i += 2,
                    b'"' => return i + 1,
                    b'$' | b'`' if starts_construct(bytes, i) => i = skip_construct(text, i),
                    _ => i += 1,
                }
            }
            text.len()
        }
        // `$(…)`, `${…}`, and the process substitutions `<(…)` and `>(…)`.
        Some(b'$' | b'<' | b'>') => {
            let (open_b, close_b) = match bytes.get(open + 1) {
                Some(b'(') => (b'(', b')'),
                Some(b'{') => (b'{', b'}'),
                _ => return open + 1,
            };
            let mut depth = 0usize;
            let mut i = open + 1;
            while i < bytes.len() {
                match bytes[i] {
                    b'\\' => {
                        i += 2;
                        continue;
                    }
                    b'\'' | b'"' | b'`' => {
                        i = skip_construct(text, i);
                        continue;
                    }
                    b if b == open_b => depth += 1,
                    b if b == close_b => {
                        depth -= 1;
                        if depth == 0 {
                            return i + 1;
                        }
                    }
                    _ => {}
                }
                i += 1;
            }
            text.len()
        }
        _ => open + 1,
    }
}

fn starts_construct(bytes: &[u8], i: usize) -> bool {
    match bytes.get(i) {
        Some(b'`') => true,
        Some(b'$') => matches!(bytes.get(i + 1), Some(b'(' | b'{')),
        Some(b'<' | b'>') => bytes.get(i + 1) == Some(&b'('),
        _ => false,
    }
}

/// Removes the quotes of a piece copied from inside a word and applies backslash escapes.
fn unquote_piece(piece: &str) -> String {
    if let Some(inner) = piece
        .strip_prefix('\'')
        .map(|p| p.strip_suffix('\'').unwrap_or(p))
    {
        return inner.to_string();
    }
    if let Some(inner) = piece
        .strip_prefix('"')
        .map(|p| p.strip_suffix('"').unwrap_or(p))
    {
        let mut out = String::with_capacity(inner.len());
        let mut chars = inner.chars().peekable();
        while let Some(c) = chars.next() {
            match (c, chars.peek()) {
                ('\\', Some(&next)) if matches!(next, '"' | '\\' | '$' | '`') => {
                    out.push(next);
                    chars.next();
                }
                ('\\', Some('\n')) => {
                    chars.next();
                }
                _ => out.push(c),
            }
        }
        return out;
    }
    piece.to_string()
}

fn split(text: &str) -> Vec<RawCommand> {
    let bytes = text.as_bytes();
    let mut s = Splitter::default();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b' ' | b'\t' | b'\r' => {
                s.end_word();
                i += 1;
            }
            b'\n' => {
                s.end_command(Some(Separator::Newline));
                i += 1;
            }
            b'#' if s.start.is_none() => {
                i = text[i..].find('\n').map_or(text.len(), |n| i + n);
            }
            b'\\' => {
                match text[i + 1..].chars().next() {
                    Some('\n') => i += 2,
                    Some('\r') if bytes.get(i + 2) == Some(&b'\n') => i += 3,
                    Some(c) => {
                        s.push_char(i, c);
                        // The word's source range starts at the backslash.
                        s.end = i + 1 + c.len_utf8();
                        i += 1 + c.len_utf8();
                    }
                    None => i += 1,
                }
            }
            b'\'' | b'"' | b'`' => {
                let end = skip_construct(text, i);
                let piece = &text[i..end];
                let value = if b == b'`' {
                    piece.to_string()
                } else {
                    unquote_piece(piece)
                };
                s.push_str(i..end, &value);
                i = end;
            }
            b'$' | b'<' | b'>' if starts_construct(bytes, i) => {
                let end = skip_construct(text, i);
                s.push_str(i..end, &text[i..end]);
                i = end;
            }
            b';' => {
                s.end_command(Some(Separator::Semi));
                if bytes.get(i + 1) == Some(&b';') {
                    // `;;` ends a case arm: a pattern follows.
                    s.in_pattern = s.case_depth > 0;
                    i += 2;
                } else {
                    i += 1;
                }
            }
            b'|' | b'(' if s.in_pattern => {
                s.end_word();
                i += 1;
            }
            b')' if s.in_pattern => {
                s.end_word();
                s.in_pattern = false;
                i += 1;
            }
            b'&' if bytes.get(i + 1) == Some(&b'&') => {
                s.end_command(Some(Separator::And));
                i += 2;
            }
            b'&' if bytes.get(i + 1) == Some(&b'>') => {
                s.end_word();
                i += if bytes.get(i + 2) == Some(&b'>') {
                    3
                } else {
                    2
                };
                s.redirect = true;
            }
            b'&' => {
                s.end_command(Some(Separator::Background));
                i += 1;
            }
            b'|' if bytes.get(i + 1) == Some(&b'|') => {
                s.end_command(Some(Separator::Or));
                i += 2;
            }
            b'|' => {
                s.end_command(Some(Separator::Pipe));
                i += if bytes.get(i + 1) == Some(&b'&') {
                    2
                } else {
                    1
                };
            }
            // `(` inside a word is part of it (`a(b`); `)` always closes something (a subshell, a case arm).
            b'(' if s.start.is_none() => {
                s.end_command(Some(Separator::Group));
                i += 1;
            }
            b')' => {
                s.end_command(Some(Separator::Group));
                i += 1;
            }
            b'>' | b'<' => {
                // A file-descriptor number right before the operator (`2>`) belongs to it.
                if s.word.chars().all(|c| c.is_ascii_digit()) {
                    s.start = None;
                    s.word.clear();
                } else {
                    s.end_word();
                }
                i += 1;
                while matches!(bytes.get(i), Some(b'>' | b'<' | b'&' | b'|' | b'-')) {
                    i += 1;
                }
                // `>&2`, `2>&1`: the target is a descriptor written right after the operator.
                s.redirect = true;
            }
            _ => {
                let c = text[i..].chars().next().unwrap_or(' ');
                s.push_char(i, c);
                i += c.len_utf8();
            }
        }
    }
    s.end_command(None);
    s.commands
}

/// Short options that take their value as the next word, for the programs whose operands rules read.
fn options_with_values(program: &str) -> &'static [&'static str] {
    match program {
        "apt-get" | "apt" | "apt-cache" => &["-o", "-c", "-t"],
        "apk" => &["-X", "-p"],
        _ => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shiplint_syntax::FileId;

    fn parse(text: &str) -> Script {
        Script::parse(text, &|r| Span::new(FileId(0), r.start, r.end))
    }

    fn words(script: &Script) -> Vec<Vec<&str>> {
        script
            .commands
            .iter()
            .map(|c| c.words.iter().map(|w| w.value.as_str()).collect())
            .collect()
    }

    #[test]
    fn splits_on_list_operators_and_keeps_separators() {
        let s = parse("apt-get update && apt-get install -y curl; rm -rf /x || true\necho a | sh");
        assert_eq!(
            words(&s),
            vec![
                vec!["apt-get", "update"],
                vec!["apt-get", "install", "-y", "curl"],
                vec!["rm", "-rf", "/x"],
                vec!["true"],
                vec!["echo", "a"],
                vec!["sh"],
            ]
        );
        let seps: Vec<_> = s.commands.iter().map(|c| c.separator).collect();
        assert_eq!(
            seps,
            vec![
                Some(Separator::And),
                Some(Separator::Semi),
                Some(Separator::Or),
                Some(Separator::Newline),
                Some(Separator::Pipe),
                None
            ]
        );
    }

    #[test]
    fn quotes_are_removed_and_spans_cover_the_source() {
        let text = r#"echo "a && b" 'c|d' e\ f"#;
        let s = parse(text);
        assert_eq!(words(&s), vec![vec!["echo", "a && b", "c|d", "e f"]]);
        let w = &s.commands[0].words[1];
        assert_eq!(&text[w.span.range()], r#""a && b""#);
        let w = &s.commands[0].words[3];
        assert_eq!(&text[w.span.range()], r"e\ f");
    }

    #[test]
    fn substitutions_stay_inside_one_word() {
        let s = parse(r#"x="$(curl -s http://a | sh)" && echo ${A:-b c} `a;b`"#);
        assert_eq!(
            words(&s),
            vec![
                vec!["x=$(curl -s http://a | sh)"],
                vec!["echo", "${A:-b c}", "`a;b`"],
            ]
        );
    }

    #[test]
    fn redirections_and_comments_are_dropped() {
        let s = parse("make >/dev/null 2>&1 # build it\ncat <<EOF > out\n");
        assert_eq!(words(&s), vec![vec!["make"], vec!["cat"]]);
    }

    #[test]
    fn name_skips_assignments_prefixes_and_keywords() {
        let s = parse(
            "CGO_ENABLED=0 GOOS=linux go build -o /app .; if true; then sudo /usr/bin/curl -fsSL x; fi",
        );
        let go = &s.commands[0];
        assert_eq!(go.name(), Some("go"));
        assert_eq!(go.subcommand(), Some("build"));
        assert_eq!(
            go.assignments().collect::<Vec<_>>(),
            vec![("CGO_ENABLED", "0"), ("GOOS", "linux")]
        );
        let curl = s.commands.iter().find(|c| c.name() == Some("curl"));
        assert!(curl.is_some_and(|c| c.has_option(Some('f'), &["fail"])));
        assert!(curl.is_some_and(|c| c.has_option(Some('L'), &["location"])));
        assert!(curl.is_some_and(|c| !c.has_option(Some('o'), &["output"])));
    }

    #[test]
    fn long_and_grouped_short_options() {
        let s = parse("apt-get install -qy --no-install-recommends=true x");
        let c = &s.commands[0];
        assert!(c.has_option(Some('y'), &["yes"]));
        assert!(c.has_option(None, &["no-install-recommends"]));
        assert!(!c.has_option(Some('f'), &["fix-broken"]));
        assert_eq!(
            c.operands().map(|w| w.value.as_str()).collect::<Vec<_>>(),
            vec!["install", "x"]
        );
    }

    #[test]
    fn values_of_options_are_not_operands() {
        let s =
            parse("apt-get -o APT::Get::Assume-Yes=true -qq install -t bookworm-backports curl");
        let c = &s.commands[0];
        assert_eq!(c.subcommand(), Some("install"));
        assert_eq!(
            c.operands().map(|w| w.value.as_str()).collect::<Vec<_>>(),
            vec!["install", "curl"]
        );
    }

    #[test]
    fn every_prefix_of_tricky_input_splits_without_panicking() {
        let nasty = "a=\"$(b 'c|d' `e;f` ${g:-\\h}) é\" | case x in y|z) w ;; esac && (cd /t) 2>&1 <(k) >(l) \\\n# c\n\\";
        for (end, _) in nasty.char_indices() {
            let script = parse(&nasty[..end]);
            for word in script.commands.iter().flat_map(|c| &c.words) {
                assert!(word.span.end as usize <= end, "{end}: {word:?}");
            }
        }
    }

    #[test]
    fn process_substitution_is_one_word() {
        let s = parse("bash <(curl -fsSL https://x/install.sh) --yes > /dev/null");
        assert_eq!(
            words(&s),
            vec![vec!["bash", "<(curl -fsSL https://x/install.sh)", "--yes"]]
        );
    }

    #[test]
    fn case_patterns_are_not_pipes() {
        let s = parse(
            "case \"$arch\" in arm64|aarch64) a=1 ;; (x86_64) a=2; b ;; *) exit 1 ;; esac; echo done",
        );
        assert_eq!(
            words(&s),
            vec![
                vec!["case", "$arch", "in"],
                vec!["a=1"],
                vec!["a=2"],
                vec!["b"],
                vec!["exit", "1"],
                vec!["echo", "done"],
            ]
        );
        assert!(
            s.commands
                .iter()
                .all(|c| c.separator != Some(Separator::Pipe))
        );
    }

    #[test]
    fn subshells_and_continuations() {
        let s = parse("(cd /src && make) \\\n  && echo done &");
        assert_eq!(
            words(&s),
            vec![vec!["cd", "/src"], vec!["make"], vec!["echo", "done"]]
        );
    }
}
