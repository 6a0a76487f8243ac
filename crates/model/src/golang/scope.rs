//! What the evaluator needs to know about one package: per file the import names, the local assignments by
//! name and the innermost bracket around each token; across the package the top-level functions and
//! constants/variables, the names bound to gin engines and `http.Server` values, and the helper functions
//! that read an environment variable named by their argument.

use super::{GIN_IMPORT, SourceRef};
use shiplint_syntax::golang::{FuncDecl, GoFile, Token, TokenKind, ValueSpec};
use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// One file of the package with its indexes.
pub(crate) struct FileScope<'a> {
    pub src: &'a SourceRef<'a>,
    /// Import path -> the name the file uses for it (only imports with a usable name).
    imports: HashMap<&'a str, &'a str>,
    /// Name -> token indexes of its local assignments (`x := ..`, `x = ..`, `var x = ..`, `x, ok := ..`).
    pub assignments: HashMap<&'a str, Vec<usize>>,
    /// For each token, the innermost open bracket containing it (`u32::MAX` at top level).
    pub enclosing: Vec<u32>,
}

impl<'a> FileScope<'a> {
    fn new(src: &'a SourceRef<'a>) -> Self {
        let file = src.file;
        let text = src.text;
        let imports = file
            .imports
            .iter()
            .filter(|i| !matches!(i.name(), "_" | "."))
            .map(|i| (i.path.value.as_str(), i.name()))
            .collect();
        let mut assignments: HashMap<&str, Vec<usize>> = HashMap::new();
        for (j, token) in file.tokens.iter().enumerate() {
            if token.kind != TokenKind::Ident {
                continue;
            }
            let after_dot = j > 0 && file.tokens[j - 1].is_punct(text, ".");
            if after_dot {
                continue;
            }
            let next = |k: usize| file.token(j + k);
            let assigns = next(1).is_some_and(|t| t.is_punct(text, ":=") || t.is_punct(text, "="));
            let pair = next(1).is_some_and(|t| t.is_punct(text, ","))
                && next(2).is_some_and(|t| t.kind == TokenKind::Ident)
                && next(3).is_some_and(|t| t.is_punct(text, ":=") || t.is_punct(text, "="));
            let typed_var = j > 0
                && file.tokens[j - 1].is_ident(text, "var")
                && next(1).is_some_and(|t| t.kind == TokenKind::Ident)
                && next(2).is_some_and(|t| t.is_punct(text, "="));
            if assigns || pair || typed_var {
                assignments.entry(token.text(text)).or_default().push(j);
            }
        }
        FileScope {
            src,
            imports,
            assignments,
            enclosing: enclosing(file),
        }
    }

    /// The file's tokens and text.
    pub fn file(&self) -> &'a GoFile {
        self.src.file
    }

    /// The source text.
    pub fn text(&self) -> &'a str {
        self.src.text
    }

    /// The name the file uses for the package at import `path`, if imported.
    pub fn import_name(&self, path: &str) -> Option<&'a str> {
        self.imports.get(path).copied()
    }

    /// Whether token `i` is the identifier naming the import `path`.
    pub fn is_package(&self, i: usize, path: &str) -> bool {
        self.file()
            .token(i)
            .zip(self.import_name(path))
            .is_some_and(|(t, name)| t.is_ident(self.text(), name))
    }

    /// Whether token `i` is `pkg.name` where `pkg` is the import of `path` (token `i` is `pkg`).
    pub fn is_qualified(&self, i: usize, path: &str, name: &str) -> bool {
        let file = self.file();
        self.is_package(i, path)
            && file
                .token(i + 1)
                .is_some_and(|t| t.is_punct(self.text(), "."))
            && file
                .token(i + 2)
                .is_some_and(|t| t.is_ident(self.text(), name))
    }

    /// The text of token `i` ("" past the end).
    pub fn tok(&self, i: usize) -> &'a str {
        self.file()
            .token(i)
            .map_or("", |t: Token| t.text(self.text()))
    }

    /// The top-level function whose body holds token `i` (functions are in source order: a binary search).
    pub fn func_at(&self, i: usize) -> Option<&'a FuncDecl> {
        let funcs = &self.file().funcs;
        let after = funcs.partition_point(|f| f.params.start <= i);
        let func = funcs.get(after.checked_sub(1)?)?;
        func.body
            .as_ref()
            .is_some_and(|b| b.contains(&i))
            .then_some(func)
    }

    /// The arguments of the call whose `(` is token `open`: token ranges split at top-level commas.
    pub fn args(&self, open: usize) -> Vec<Range<usize>> {
        let file = self.file();
        let end = (file.closing.get(open).copied().unwrap_or(0) as usize).min(file.tokens.len());
        let mut out = Vec::new();
        let mut start = open + 1;
        let mut j = open + 1;
        while j < end {
            if file.tokens[j].is_punct(self.text(), ",") {
                out.push(start..j);
                start = j + 1;
            }
            j = file.after_closing(j);
        }
        if start < end {
            out.push(start..end);
        }
        out
    }

    /// The end (exclusive) of the expression starting at `start`: the next `;` or `,` outside brackets, or the
    /// closing bracket around it.
    pub fn expression_end(&self, start: usize) -> usize {
        let file = self.file();
        let mut j = start;
        while let Some(t) = file.token(j) {
            let text = t.text(self.text());
            if t.kind == TokenKind::Semi
                || (t.kind == TokenKind::Punct && matches!(text, "," | ")" | "]" | "}"))
            {
                break;
            }
            j = file.after_closing(j);
        }
        j.min(file.tokens.len())
    }
}

fn enclosing(file: &GoFile) -> Vec<u32> {
    let mut out = Vec::with_capacity(file.tokens.len());
    let mut stack: Vec<usize> = Vec::new();
    for i in 0..file.tokens.len() {
        while stack
            .last()
            .is_some_and(|&top| (file.closing[top] as usize) < i)
        {
            stack.pop();
        }
        out.push(stack.last().map_or(u32::MAX, |&top| top as u32));
        if file.closing[i] as usize != i {
            stack.push(i);
        }
    }
    out
}

/// A package: its files and the names it declares at top level.
pub(crate) struct PackageScope<'a> {
    pub files: Vec<FileScope<'a>>,
    /// Top-level functions (not methods) by name: (file index, declaration).
    pub funcs: HashMap<&'a str, (usize, &'a FuncDecl)>,
    /// Top-level constants and variables by name: (file index, spec).
    pub values: HashMap<&'a str, (usize, &'a ValueSpec)>,
    /// Functions whose results include `*gin.Engine`.
    pub engine_funcs: Vec<&'a str>,
    /// Variables bound to a flag by `flag.StringVar(&name, "flag", default, usage)` (or `IntVar`, `UintVar`):
    /// (file index, the flag name's tokens, the default's tokens).
    pub flag_vars: HashMap<&'a str, (usize, Range<usize>, Range<usize>)>,
    /// Top-level functions no code of the package can run, as (file index, index in its `funcs`).
    pub unused_funcs: HashSet<(usize, usize)>,
}

impl<'a> PackageScope<'a> {
    pub fn new(sources: &'a [SourceRef<'a>]) -> Self {
        let files: Vec<FileScope<'a>> = sources.iter().map(FileScope::new).collect();
        let mut funcs = HashMap::new();
        let mut values = HashMap::new();
        let mut engine_funcs = Vec::new();
        let mut flag_vars = HashMap::new();
        for (index, scope) in files.iter().enumerate() {
            let file = scope.file();
            for func in file.funcs.iter().filter(|f| !f.method) {
                funcs
                    .entry(func.name.value.as_str())
                    .or_insert((index, func));
                let returns_engine = func
                    .results
                    .clone()
                    .any(|j| scope.is_qualified(j, GIN_IMPORT, "Engine"));
                if returns_engine {
                    engine_funcs.push(func.name.value.as_str());
                }
            }
            for spec in &file.values {
                values
                    .entry(spec.name.value.as_str())
                    .or_insert((index, spec));
            }
            for j in 0..file.tokens.len() {
                let binds = ["StringVar", "IntVar", "UintVar"]
                    .iter()
                    .any(|f| scope.is_qualified(j, "flag", f));
                if binds && scope.tok(j + 3) == "(" && scope.tok(j + 4) == "&" {
                    let args = scope.args(j + 3);
                    if args.len() == 4 && args[0].len() == 2 {
                        flag_vars.entry(scope.tok(j + 5)).or_insert((
                            index,
                            args[1].clone(),
                            args[2].clone(),
                        ));
                    }
                }
            }
        }
        let unused_funcs = unused_funcs(&files);
        PackageScope {
            files,
            funcs,
            values,
            engine_funcs,
            flag_vars,
            unused_funcs,
        }
    }

    /// Whether token `i` of file `fi` is inside a function no code of the package runs.
    pub fn is_unused(&self, fi: usize, i: usize) -> bool {
        if self.unused_funcs.is_empty() {
            return false;
        }
        let Some(func) = self.files[fi].func_at(i) else {
            return false;
        };
        let funcs = &self.files[fi].file().funcs;
        let index = funcs.iter().position(|f| std::ptr::eq(f, func));
        index.is_some_and(|index| self.unused_funcs.contains(&(fi, index)))
    }

    /// The parameter names of `func`, in order (unnamed parameters give none).
    pub fn param_names(scope: &FileScope<'a>, func: &FuncDecl) -> Vec<&'a str> {
        let file = scope.file();
        let mut names = Vec::new();
        let mut start = func.params.start;
        let mut j = func.params.start;
        let end = func.params.end;
        let flush = |from: usize, to: usize, names: &mut Vec<&'a str>| {
            if let Some(t) = file
                .token(from)
                .filter(|t| from < to && t.kind == TokenKind::Ident)
            {
                names.push(t.text(scope.text()));
            }
        };
        while j < end {
            if file.tokens[j].is_punct(scope.text(), ",") {
                flush(start, j, &mut names);
                start = j + 1;
            }
            j = file.after_closing(j);
        }
        flush(start, end, &mut names);
        names
    }
}

/// The top-level functions (not methods) that nothing runs: not `main` or `init`, and never named by code
/// that runs (the package level, a method, or a function that is itself run); an exported one counts only in
/// package `main`, which nothing imports. A name used as a value (a handler passed to a router) is a use.
fn unused_funcs(files: &[FileScope<'_>]) -> HashSet<(usize, usize)> {
    let in_main = files
        .iter()
        .any(|f| f.file().package.as_ref().is_some_and(|p| p.value == "main"));
    let mut candidates: HashMap<&str, (usize, usize)> = HashMap::new();
    for (fi, scope) in files.iter().enumerate() {
        for (index, func) in scope.file().funcs.iter().enumerate() {
            let name = func.name.value.as_str();
            let exported = name.starts_with(|c: char| c.is_uppercase());
            if !func.method && !matches!(name, "main" | "init" | "_") && (in_main || !exported) {
                candidates.insert(name, (fi, index));
            }
        }
    }
    if candidates.is_empty() {
        return HashSet::new();
    }
    // Which candidates each function (None: the package level, or a non-candidate) names.
    let mut names: HashMap<Option<(usize, usize)>, HashSet<&str>> = HashMap::new();
    for (fi, scope) in files.iter().enumerate() {
        let file = scope.file();
        let text = scope.text();
        for (i, token) in file.tokens.iter().enumerate() {
            let name = token.text(text);
            if token.kind != TokenKind::Ident || !candidates.contains_key(name) {
                continue;
            }
            let after_dot = i > 0 && file.tokens[i - 1].is_punct(text, ".");
            let declares = file.funcs.iter().any(|f| f.name.span == token.span);
            if after_dot || declares {
                continue;
            }
            let context = scope.func_at(i).and_then(|func| {
                let index = file.funcs.iter().position(|f| std::ptr::eq(f, func))?;
                candidates
                    .get(func.name.value.as_str())
                    .filter(|&&at| at == (fi, index))
                    .copied()
            });
            names.entry(context).or_default().insert(name);
        }
    }
    let mut used: HashSet<(usize, usize)> = HashSet::new();
    let mut work: Vec<&str> = names.get(&None).into_iter().flatten().copied().collect();
    while let Some(name) = work.pop() {
        let Some(&at) = candidates.get(name) else {
            continue;
        };
        if used.insert(at) {
            work.extend(names.get(&Some(at)).into_iter().flatten().copied());
        }
    }
    candidates
        .into_values()
        .filter(|at| !used.contains(at))
        .collect()
}
