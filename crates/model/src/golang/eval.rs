//! Evaluates the Go expressions a listen address or a gin mode is written with, as far as the source says:
//! string and integer literals, `+`, constants and variables (package level, or local with the
//! `if x == "" { x = .. }` fallback), `os.Getenv`/`os.LookupEnv`, `fmt.Sprintf`/`fmt.Sprint`,
//! `net.JoinHostPort`, `cmp.Or`, `strconv.Itoa`, `flag.String`/`flag.Int` defaults, gin's mode constants, and
//! calls of small package functions (an env helper `getenv(key, fallback)`, or a function with one `return`).
//! Anything else is [`Value::Unknown`] with a reason naming the expression.

use super::GIN_IMPORT;
use super::scope::{FileScope, PackageScope};
use shiplint_syntax::Span;
use shiplint_syntax::golang::{TokenKind, unquote};
use std::ops::Range;

/// How many names, calls and parentheses are followed before giving up (also ends reference cycles).
const MAX_DEPTH: u32 = 16;
/// Expressions quoted in reasons are cut to this many characters.
const MAX_QUOTE: usize = 80;

/// What an expression evaluates to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Value {
    /// A known string (integers are kept as their decimal text).
    Str(String),
    /// The value of an environment variable, with the value used when it is unset or empty.
    Env {
        variable: String,
        fallback: Option<String>,
        read: Span,
    },
    /// The value of a command-line flag (named without dashes), with its default.
    Flag { flag: String, default: Box<Value> },
    /// Parts joined together.
    Concat(Vec<Value>),
    /// Not resolvable, and why.
    Unknown(String),
}

impl Value {
    /// The parts of a concatenation, nested ones flattened, adjacent strings joined.
    pub fn flatten(self) -> Vec<Value> {
        let mut out: Vec<Value> = Vec::new();
        let mut stack = vec![self];
        while let Some(value) = stack.pop() {
            match value {
                Value::Concat(parts) => stack.extend(parts.into_iter().rev()),
                Value::Str(s) => match out.last_mut() {
                    Some(Value::Str(last)) => last.push_str(&s),
                    _ => out.push(Value::Str(s)),
                },
                other => out.push(other),
            }
        }
        out
    }
}

/// Evaluates expressions of one package.
pub(crate) struct Evaluator<'p, 'a> {
    pub pkg: &'p PackageScope<'a>,
}

impl<'a> Evaluator<'_, 'a> {
    /// The source text of tokens `range` in file `fi`, cut for quoting.
    pub fn quote(&self, fi: usize, range: Range<usize>) -> String {
        let scope = &self.pkg.files[fi];
        let text = scope
            .file()
            .span_of(range)
            .map_or("", |s| s.text(scope.text()));
        let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if flat.chars().count() > MAX_QUOTE {
            let cut: String = flat.chars().take(MAX_QUOTE).collect();
            format!("{cut}...")
        } else {
            flat
        }
    }

    fn unknown(&self, fi: usize, range: Range<usize>, why: &str) -> Value {
        Value::Unknown(format!("`{}` {why}", self.quote(fi, range)))
    }

    /// Evaluates the expression in tokens `range` of file `fi`.
    pub fn eval(&self, fi: usize, range: Range<usize>, depth: u32) -> Value {
        if depth > MAX_DEPTH {
            return self.unknown(fi, range, "is too deeply nested to follow");
        }
        let scope = &self.pkg.files[fi];
        let file = scope.file();
        let text = scope.text();
        let (start, end) = (range.start, range.end.min(file.tokens.len()));
        if start >= end {
            return Value::Unknown("an empty expression".into());
        }
        // `a + b + c` at the top level.
        let mut parts = Vec::new();
        let mut part_start = start;
        let mut j = start;
        while j < end {
            if j > start && file.tokens[j].is_punct(text, "+") {
                parts.push(part_start..j);
                part_start = j + 1;
            }
            j = file.after_closing(j);
        }
        if !parts.is_empty() {
            parts.push(part_start..end);
            return Value::Concat(
                parts
                    .into_iter()
                    .map(|p| self.eval(fi, p, depth + 1))
                    .collect(),
            );
        }
        let first = file.tokens[start];
        if first.is_punct(text, "(") && file.closing[start] as usize == end - 1 {
            return self.eval(fi, start + 1..end - 1, depth + 1);
        }
        if first.is_punct(text, "*") {
            return self.eval(fi, start + 1..end, depth + 1);
        }
        if end - start == 1 {
            return match first.kind {
                TokenKind::String | TokenKind::RawString => match unquote(first.text(text)) {
                    Some(s) => Value::Str(s),
                    None => self.unknown(fi, range, "is not a valid string literal"),
                },
                TokenKind::Number => {
                    let digits = first.text(text).replace('_', "");
                    match digits.parse::<u64>() {
                        Ok(n) => Value::Str(n.to_string()),
                        Err(_) => self.unknown(fi, range, "is not a decimal integer"),
                    }
                }
                TokenKind::Ident => self.name(fi, start, depth),
                _ => self.unknown(fi, range, "is not a value shiplint can read"),
            };
        }
        if end - start == 3 && scope.is_package(start, GIN_IMPORT) && scope.tok(start + 1) == "." {
            let constant = match scope.tok(start + 2) {
                "ReleaseMode" => Some("release"),
                "DebugMode" => Some("debug"),
                "TestMode" => Some("test"),
                "EnvGinMode" => Some("GIN_MODE"),
                _ => None,
            };
            if let Some(constant) = constant {
                return Value::Str(constant.into());
            }
        }
        let last = file.tokens[end - 1];
        if last.is_punct(text, ")")
            && let Some(open) =
                (start + 1..end).find(|&o| file.closing[o] as usize == end - 1 && o > start)
            && scope.tok(open) == "("
        {
            return self.call(fi, start, open, end, depth);
        }
        self.unknown(
            fi,
            range,
            "is not a literal, a constant or an environment read",
        )
    }

    fn call(&self, fi: usize, start: usize, open: usize, end: usize, depth: u32) -> Value {
        let scope = &self.pkg.files[fi];
        let args = scope.args(open);
        let call_span = scope.file().span_of(start..end).unwrap_or_default();
        let arg = |k: usize| args.get(k).map(|r| self.eval(fi, r.clone(), depth + 1));
        if open == start + 3 && scope.tok(start + 1) == "." {
            let name = scope.tok(start + 2);
            let std = |path: &str| scope.is_package(start, path);
            if std("os") && matches!(name, "Getenv" | "LookupEnv") {
                return match arg(0) {
                    Some(Value::Str(variable)) if args.len() == 1 => Value::Env {
                        variable,
                        fallback: None,
                        read: call_span,
                    },
                    _ => self.unknown(
                        fi,
                        start..end,
                        "reads an environment variable whose name is not a literal",
                    ),
                };
            }
            if std("fmt") && name == "Sprintf" {
                return self.sprintf(fi, start..end, &args, depth);
            }
            if std("fmt") && name == "Sprint" && args.len() == 1 || std("strconv") && name == "Itoa"
            {
                return arg(0).unwrap_or_else(|| self.unknown(fi, start..end, "has no argument"));
            }
            if std("net") && name == "JoinHostPort" && args.len() == 2 {
                return Value::Concat(vec![
                    arg(0).unwrap_or(Value::Str(String::new())),
                    Value::Str(":".into()),
                    arg(1).unwrap_or(Value::Str(String::new())),
                ]);
            }
            if std("cmp") && name == "Or" {
                return self.cmp_or(fi, start..end, &args, depth);
            }
            if std("github.com/spf13/viper") {
                return self.unknown(
                    fi,
                    start..end,
                    "is read from viper's configuration, which shiplint does not resolve",
                );
            }
            if std("flag") && matches!(name, "String" | "Int" | "Uint") && args.len() == 3 {
                return self.flag(fi, args[0].clone(), args[1].clone(), depth);
            }
            return self.unknown(fi, start..end, "is a call shiplint does not follow");
        }
        if open == start + 1
            && scope.file().tokens[start].kind == TokenKind::Ident
            && let Some(&(callee_fi, func)) = self.pkg.funcs.get(scope.tok(start))
        {
            return self.local_call(fi, start..end, &args, callee_fi, func, call_span, depth);
        }
        self.unknown(fi, start..end, "is a call shiplint does not follow")
    }

    fn sprintf(&self, fi: usize, whole: Range<usize>, args: &[Range<usize>], depth: u32) -> Value {
        let Some(Value::Str(format)) = args.first().map(|r| self.eval(fi, r.clone(), depth + 1))
        else {
            return self.unknown(fi, whole, "has a format that is not a literal");
        };
        let mut parts = Vec::new();
        let mut literal = String::new();
        let mut next_arg = 1;
        let mut chars = format.chars();
        while let Some(c) = chars.next() {
            if c != '%' {
                literal.push(c);
                continue;
            }
            match chars.next() {
                Some('%') => literal.push('%'),
                Some('s' | 'd' | 'v') => {
                    parts.push(Value::Str(std::mem::take(&mut literal)));
                    match args.get(next_arg) {
                        Some(r) => parts.push(self.eval(fi, r.clone(), depth + 1)),
                        None => return self.unknown(fi, whole, "has more verbs than arguments"),
                    }
                    next_arg += 1;
                }
                _ => return self.unknown(fi, whole, "uses a format verb shiplint does not follow"),
            }
        }
        parts.push(Value::Str(literal));
        Value::Concat(parts)
    }

    fn cmp_or(&self, fi: usize, whole: Range<usize>, args: &[Range<usize>], depth: u32) -> Value {
        let values: Vec<Value> = args
            .iter()
            .map(|r| self.eval(fi, r.clone(), depth + 1))
            .collect();
        match values.as_slice() {
            [Value::Str(s), ..] if !s.is_empty() => Value::Str(s.clone()),
            [
                Value::Env {
                    variable,
                    fallback: None,
                    read,
                },
                Value::Str(fallback),
                ..,
            ] => Value::Env {
                variable: variable.clone(),
                fallback: Some(fallback.clone()),
                read: *read,
            },
            [only] => only.clone(),
            _ => self.unknown(fi, whole, "chooses between values shiplint cannot all read"),
        }
    }

    /// A call of a package function: an env helper (`getenv("PORT", "8080")`) or a function with one `return`.
    #[allow(clippy::too_many_arguments)]
    fn local_call(
        &self,
        fi: usize,
        whole: Range<usize>,
        args: &[Range<usize>],
        callee_fi: usize,
        func: &shiplint_syntax::golang::FuncDecl,
        call_span: Span,
        depth: u32,
    ) -> Value {
        let callee = &self.pkg.files[callee_fi];
        let Some(body) = func.body.clone() else {
            return self.unknown(fi, whole, "calls a function without a body");
        };
        let params = PackageScope::param_names(callee, func);
        if let Some((key, fallback)) = env_helper(callee, body.clone(), &params) {
            let Some(Value::Str(variable)) =
                args.get(key).map(|r| self.eval(fi, r.clone(), depth + 1))
            else {
                return self.unknown(
                    fi,
                    whole,
                    "reads an environment variable whose name is not a literal",
                );
            };
            let fallback = match fallback
                .and_then(|m| args.get(m))
                .map(|r| self.eval(fi, r.clone(), depth + 1))
            {
                Some(Value::Str(s)) => Some(s),
                Some(_) => return self.unknown(fi, whole, "has a fallback that is not a literal"),
                None => None,
            };
            return Value::Env {
                variable,
                fallback,
                read: call_span,
            };
        }
        let returns: Vec<usize> = body
            .clone()
            .filter(|&j| callee.tok(j) == "return")
            .collect();
        match returns.as_slice() {
            [r] if params.is_empty() => {
                let end = callee.expression_end(r + 1);
                self.eval(callee_fi, r + 1..end, depth + 1)
            }
            [_] => self.unknown(fi, whole, "passes arguments shiplint does not follow"),
            _ => self.unknown(
                fi,
                whole,
                "calls a function that returns from several places",
            ),
        }
    }

    /// An identifier at token `at`: a local variable of the enclosing function, else a package constant or
    /// variable.
    fn name(&self, fi: usize, at: usize, depth: u32) -> Value {
        let scope = &self.pkg.files[fi];
        let name = scope.tok(at);
        if let Some(func) = scope.func_at(at)
            && let Some(value) =
                self.local(fi, at, name, func.body.clone().unwrap_or_default(), depth)
        {
            return value;
        }
        if let Some(&(vfi, spec)) = self.pkg.values.get(name)
            && let Some(range) = spec.value.clone()
        {
            return self.eval(vfi, range, depth + 1);
        }
        if let Some(value) = self.flag_var_default(name, depth) {
            return value;
        }
        if self.pkg.values.contains_key(name) {
            return Value::Unknown(format!("`{name}` is declared without a value"));
        }
        Value::Unknown(format!(
            "`{name}` is not a constant, a variable or an environment read shiplint can follow"
        ))
    }

    /// The value of a flag bound to `name` with `flag.StringVar(&name, "flag", default, usage)`.
    fn flag_var_default(&self, name: &str, depth: u32) -> Option<Value> {
        let (fi, flag, default) = self.pkg.flag_vars.get(name)?;
        Some(self.flag(*fi, flag.clone(), default.clone(), depth))
    }

    /// A flag named by the expression `flag`, defaulting to `default` (both in file `fi`).
    fn flag(&self, fi: usize, flag: Range<usize>, default: Range<usize>, depth: u32) -> Value {
        match self.eval(fi, flag.clone(), depth + 1) {
            Value::Str(name) => Value::Flag {
                flag: name,
                default: Box::new(self.eval(fi, default, depth + 1)),
            },
            _ => self.unknown(fi, flag, "names a flag with a value that is not a literal"),
        }
    }

    /// The value of local `name` at token `at` in a function body: its last assignment before `at` in a block
    /// around `at`, with a later `if name == "" { name = .. }` (or `len(name) == 0`, or `!ok` after
    /// `os.LookupEnv`) as the fallback. `None` when the function does not assign it.
    fn local(
        &self,
        fi: usize,
        at: usize,
        name: &str,
        body: Range<usize>,
        depth: u32,
    ) -> Option<Value> {
        let scope = &self.pkg.files[fi];
        let file = scope.file();
        let assignments: Vec<usize> = scope
            .assignments
            .get(name)?
            .iter()
            .copied()
            .filter(|&j| body.contains(&j) && j < at)
            .collect();
        let contains_use = |j: usize| {
            let open = scope.enclosing[j];
            open == u32::MAX || file.closing[open as usize] as usize >= at
        };
        let base = assignments
            .iter()
            .rposition(|&j| contains_use(j) && fallback_of(scope, j).is_none())?;
        let base_at = assignments[base];
        let later = &assignments[base + 1..];
        let (mut value, ok_name) = self.assigned(fi, base_at, depth);
        let mut fallback = None;
        for &j in later {
            match fallback_of(scope, j) {
                Some(Guard::Empty) => fallback = Some(j),
                Some(Guard::Not(ok)) if ok_name == Some(ok) => fallback = Some(j),
                _ if !contains_use(j) => {
                    return Some(Value::Unknown(format!(
                        "`{name}` is also assigned inside a condition"
                    )));
                }
                _ => {}
            }
        }
        if let Some(j) = fallback {
            let (fallback_value, _) = self.assigned(fi, j, depth);
            value = match (value, fallback_value) {
                (
                    Value::Env {
                        variable,
                        fallback: None,
                        read,
                    },
                    Value::Str(s),
                ) => Value::Env {
                    variable,
                    fallback: Some(s),
                    read,
                },
                (Value::Str(s), fallback) if s.is_empty() => fallback,
                (value, _) => value,
            };
        }
        Some(value)
    }

    /// The value assigned at token `j` (the name), and the `ok` name of an `x, ok := os.LookupEnv(..)`.
    fn assigned(&self, fi: usize, j: usize, depth: u32) -> (Value, Option<&'a str>) {
        let scope = &self.pkg.files[fi];
        let (value_start, ok_name) = match scope.tok(j + 1) {
            "," => (j + 4, Some(scope.tok(j + 2))),
            ":=" | "=" => (j + 2, None),
            _ => (j + 3, None),
        };
        let end = scope.expression_end(value_start);
        if let Some(ok) = ok_name {
            let is_lookup = scope.is_qualified(value_start, "os", "LookupEnv");
            if !is_lookup || end != scope.file().after_closing(value_start + 3) {
                let quoted = self.quote(fi, j..end);
                return (
                    Value::Unknown(format!("`{quoted}` assigns several values")),
                    Some(ok),
                );
            }
        }
        (self.eval(fi, value_start..end, depth + 1), ok_name)
    }
}

/// The condition of the `if` whose block directly holds token `j`, when it tests the assigned name for "unset".
enum Guard<'a> {
    /// `if x == "" {` or `if len(x) == 0 {`.
    Empty,
    /// `if !ok {`.
    Not(&'a str),
}

fn fallback_of<'a>(scope: &FileScope<'a>, j: usize) -> Option<Guard<'a>> {
    let open = scope.enclosing[j];
    if open == u32::MAX || scope.tok(open as usize) != "{" {
        return None;
    }
    let o = open as usize;
    let name = scope.tok(j);
    let back = |k: usize| o.checked_sub(k).map_or("", |i| scope.tok(i));
    if back(4) == "if" && back(3) == name && back(2) == "==" && back(1) == "\"\"" {
        return Some(Guard::Empty);
    }
    if back(4) == "if" && back(3) == "\"\"" && back(2) == "==" && back(1) == name {
        return Some(Guard::Empty);
    }
    if back(7) == "if"
        && back(6) == "len"
        && back(5) == "("
        && back(4) == name
        && back(3) == ")"
        && back(2) == "=="
        && back(1) == "0"
    {
        return Some(Guard::Empty);
    }
    if back(3) == "if" && back(2) == "!" {
        return Some(Guard::Not(back(1)));
    }
    None
}

/// Whether a function reads the environment variable named by its parameter: the parameter's index, and the
/// index of the parameter it returns as the fallback (`return fallback`).
fn env_helper(
    scope: &FileScope<'_>,
    body: Range<usize>,
    params: &[&str],
) -> Option<(usize, Option<usize>)> {
    let key = body.clone().find_map(|j| {
        let reads =
            scope.is_qualified(j, "os", "Getenv") || scope.is_qualified(j, "os", "LookupEnv");
        if !reads || scope.tok(j + 3) != "(" || scope.tok(j + 5) != ")" {
            return None;
        }
        params.iter().position(|p| *p == scope.tok(j + 4))
    })?;
    let fallback = body.clone().find_map(|j| {
        if scope.tok(j) != "return" || !matches!(scope.tok(j + 2), ";" | "" | "}") {
            return None;
        }
        params
            .iter()
            .position(|p| *p == scope.tok(j + 1))
            .filter(|&m| m != key)
    });
    Some((key, fallback))
}
