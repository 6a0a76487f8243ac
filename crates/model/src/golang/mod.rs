//! Go services: which loaded `.go` files form which module (the nearest loaded `go.mod` upward), which
//! directories are `package main`, what each main package reaches (itself plus the module's packages it
//! imports, transitively), and what that code does that a deployment depends on: gin engines, `gin.SetMode`
//! calls, the addresses it listens on, and the environment variables it reads.
//!
//! Values are resolved from the source only as far as they are written (literals, constants, `os.Getenv` and
//! its fallback, `fmt.Sprintf`/`+`/`net.JoinHostPort`/`cmp.Or`, `flag` defaults, small helper functions);
//! anything else is [`ListenAddress::Unknown`] or [`GinMode::Unresolved`] with the reason, never a guess.

pub mod dump;
mod eval;
mod facts;
mod scope;

use crate::project::{Content, Project};
use shiplint_syntax::golang::{GoFile, GoMod};
use shiplint_syntax::{FileId, Span, Spanned};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The import path of gin.
pub const GIN_IMPORT: &str = "github.com/gin-gonic/gin";

/// One Go module: a loaded `go.mod` and the main packages of the loaded `.go` files under it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoModule {
    /// The `go.mod` document.
    pub go_mod: FileId,
    /// Its directory (as loaded through the `Fs`).
    pub dir: PathBuf,
    /// The `module` path.
    pub module: Option<Spanned<String>>,
    /// The `require` of `github.com/gin-gonic/gin`, if any.
    pub gin_require: Option<Span>,
    /// The main packages, sorted by directory.
    pub mains: Vec<MainPackage>,
}

/// A `package main` directory and what the code it reaches does.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MainPackage {
    /// The package's directory.
    pub dir: PathBuf,
    /// The package's files (`_test.go` files excluded), sorted.
    pub files: Vec<FileId>,
    /// `gin.Default()` / `gin.New()` calls reached from main.
    pub engines: Vec<Span>,
    /// `gin.SetMode(..)` calls reached from main.
    pub set_modes: Vec<SetMode>,
    /// Where the reached code listens.
    pub listens: Vec<Listen>,
    /// Every environment variable read by the reached code.
    pub env_reads: Vec<EnvRead>,
}

impl MainPackage {
    /// Whether the reached code creates a gin engine.
    pub fn uses_gin(&self) -> bool {
        !self.engines.is_empty()
    }
}

/// A `gin.SetMode(x)` call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SetMode {
    /// The whole call.
    pub span: Span,
    /// What `x` resolves to.
    pub mode: GinMode,
    /// Whether the call runs only sometimes: it is inside an `if`, `switch`, loop or function literal of
    /// its function, not directly in the body.
    pub conditional: bool,
}

/// The mode a `gin.SetMode` argument sets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GinMode {
    /// `gin.ReleaseMode` or `"release"`.
    Release,
    /// `gin.DebugMode` or `"debug"`.
    Debug,
    /// `gin.TestMode` or `"test"`.
    Test,
    /// The value of an environment variable (read directly, or through a variable, constant or helper).
    FromEnv {
        /// The variable's name.
        variable: String,
    },
    /// A string that is none of gin's modes (`"Release"`, `"prod"`): gin panics on it.
    NotAMode {
        /// The string.
        value: String,
    },
    /// Anything else: the argument as written.
    Unresolved {
        /// The argument's source text.
        expression: String,
    },
}

impl GinMode {
    /// The mode gin's `SetMode` sets for the string `value` (what `GIN_MODE` holds, or a literal argument):
    /// the empty string is debug, and any string but `debug`, `release` and `test` is none (gin panics).
    pub fn of_value(value: &str) -> GinMode {
        match value {
            "release" => GinMode::Release,
            "debug" | "" => GinMode::Debug,
            "test" => GinMode::Test,
            other => GinMode::NotAMode {
                value: other.to_string(),
            },
        }
    }
}

/// A place where the service listens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Listen {
    /// The address expression when one is written (the `Run`/`ListenAndServe` argument, the `Addr:` value of
    /// an `http.Server`), else the call that listens.
    pub span: Span,
    /// What the address resolves to.
    pub address: ListenAddress,
}

/// A listen address as far as the source says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ListenAddress {
    /// A fixed `host:port`.
    Fixed {
        /// The host part when written (`127.0.0.1`, `0.0.0.0`); `None` for `:port`.
        host: Option<String>,
        /// The port.
        port: u16,
    },
    /// The port is the value of an environment variable.
    FromEnv {
        /// The variable holding the port.
        variable: String,
        /// The host part when written.
        host: Option<String>,
        /// The port used when the variable is unset or empty, when the code has one.
        fallback: Option<u16>,
        /// Where the variable is read (for gin's `Run()` without arguments: that call).
        read: Span,
    },
    /// The address (or its port) is a command-line flag's value (`flag.String("addr", ":8080", ..)`): what
    /// the container's command passes, else the default.
    FromFlag {
        /// The flag's name, without dashes.
        flag: String,
        /// The literal text written before the flag's value (`":"` for `":" + *port`).
        before: String,
        /// The literal text written after it.
        after: String,
        /// Whether the server is TLS (an empty address is `:https`).
        tls: bool,
        /// The address when the flag is not passed.
        default: Box<ListenAddress>,
    },
    /// Not resolvable from the source.
    Unknown {
        /// Why, naming the expression.
        reason: String,
    },
}

impl ListenAddress {
    /// For [`ListenAddress::FromFlag`], the address when the flag is passed `value` (quoted in reasons as
    /// `-flag=value`); `None` for the other kinds.
    pub fn with_flag_value(&self, value: &str) -> Option<ListenAddress> {
        let ListenAddress::FromFlag {
            flag,
            before,
            after,
            tls,
            ..
        } = self
        else {
            return None;
        };
        let address = format!("{before}{value}{after}");
        Some(facts::literal_address(
            &address,
            &format!("-{flag}={value}"),
            *tls,
        ))
    }
}

/// An `os.Getenv`/`os.LookupEnv` read (or a call of a helper that passes its argument to one).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EnvRead {
    /// The variable's name.
    pub variable: String,
    /// The call.
    pub span: Span,
}

impl Project {
    /// The Go modules of the loaded files, sorted by directory.
    pub fn go_modules(&self) -> &[GoModule] {
        &self.go_modules
    }
}

/// A `.go` file the module model reads (not a test, not excluded by `//go:build ignore`).
pub(crate) struct SourceRef<'a> {
    pub id: FileId,
    pub file: &'a GoFile,
    pub text: &'a str,
}

/// Why a loaded `.go` file is not part of any module's model (for `debug dump`), or `None` when it is.
pub fn unmodelled_reason(project: &Project, id: FileId) -> Option<String> {
    let document = project.documents.get(id.0 as usize)?;
    let Content::GoSource(file) = &document.content else {
        return None;
    };
    if is_test_file(&document.path) {
        return Some("a `_test.go` file: tests are not part of the service".into());
    }
    if ignored_by_build_tag(file) {
        return Some("excluded by `//go:build ignore`".into());
    }
    let modules = go_mod_dirs(project);
    match owning_module(&modules, &document.path) {
        None => Some("no loaded `go.mod` in this directory or above: not part of a module".into()),
        Some(_) if skipped_dir(&modules, &document.path) => {
            Some("in a `testdata`, `vendor`, `.` or `_` directory, which the go tool skips".into())
        }
        Some(_) => None,
    }
}

/// Builds `project.go_modules` from the loaded `go.mod` and `.go` documents.
pub fn link(project: &mut Project) {
    let modules = go_mod_dirs(project);
    let mut by_module: BTreeMap<usize, BTreeMap<PathBuf, Vec<SourceRef<'_>>>> = BTreeMap::new();
    for document in &project.documents {
        let Content::GoSource(file) = &document.content else {
            continue;
        };
        if is_test_file(&document.path)
            || ignored_by_build_tag(file)
            || skipped_dir(&modules, &document.path)
        {
            continue;
        }
        let Some(module) = owning_module(&modules, &document.path) else {
            continue;
        };
        let dir = document
            .path
            .parent()
            .unwrap_or(Path::new(""))
            .to_path_buf();
        by_module
            .entry(module)
            .or_default()
            .entry(dir)
            .or_default()
            .push(SourceRef {
                id: document.file,
                file,
                text: &project.files[document.file.0 as usize].text,
            });
    }
    let mut go_modules = Vec::new();
    for (index, (go_mod, dir, parsed)) in modules.iter().enumerate() {
        let packages = by_module.remove(&index).unwrap_or_default();
        let module = parsed.module.clone();
        let mains = mains(dir, module.as_ref().map(|m| m.value.as_str()), &packages);
        go_modules.push(GoModule {
            go_mod: *go_mod,
            dir: dir.clone(),
            module,
            gin_require: parsed.require(GIN_IMPORT).map(|r| r.span),
            mains,
        });
    }
    go_modules.sort_by(|a, b| a.dir.cmp(&b.dir));
    project.go_modules = go_modules;
}

fn mains(
    module_dir: &Path,
    module_path: Option<&str>,
    packages: &BTreeMap<PathBuf, Vec<SourceRef<'_>>>,
) -> Vec<MainPackage> {
    let mut cache: BTreeMap<PathBuf, facts::Facts> = BTreeMap::new();
    let engine_funcs = engine_funcs_by_import(module_dir, module_path, packages);
    let mut out = Vec::new();
    for (dir, files) in packages {
        let is_main = files
            .iter()
            .any(|f| f.file.package.as_ref().is_some_and(|p| p.value == "main"));
        if !is_main {
            continue;
        }
        let mut main = MainPackage {
            dir: dir.clone(),
            files: files.iter().map(|f| f.id).collect(),
            ..MainPackage::default()
        };
        main.files.sort();
        for reached in reach(dir, module_dir, module_path, packages) {
            let facts = cache.entry(reached.clone()).or_insert_with(|| {
                facts::scan(
                    packages.get(&reached).map_or(&[][..], Vec::as_slice),
                    &engine_funcs,
                )
            });
            facts.add_to(&mut main);
        }
        main.engines.sort();
        main.engines.dedup();
        main.set_modes.sort_by_key(|s| s.span);
        main.listens.sort_by_key(|l| l.span);
        main.env_reads
            .sort_by(|a, b| (a.span, &a.variable).cmp(&(b.span, &b.variable)));
        main.env_reads.dedup();
        out.push(main);
    }
    out
}

/// For each of the module's packages (by import path): its functions that return `*gin.Engine`, so
/// `r := router.New()` in another package is known to be an engine.
fn engine_funcs_by_import(
    module_dir: &Path,
    module_path: Option<&str>,
    packages: &BTreeMap<PathBuf, Vec<SourceRef<'_>>>,
) -> BTreeMap<String, Vec<String>> {
    let mut out = BTreeMap::new();
    let Some(module_path) = module_path else {
        return out;
    };
    for (dir, files) in packages {
        let Ok(inside) = dir.strip_prefix(module_dir) else {
            continue;
        };
        let mut import = module_path.to_string();
        for part in inside.components() {
            import.push('/');
            import.push_str(&part.as_os_str().to_string_lossy());
        }
        let scope = scope::PackageScope::new(files);
        let names: Vec<String> = scope.engine_funcs.iter().map(|n| n.to_string()).collect();
        if !names.is_empty() {
            out.insert(import, names);
        }
    }
    out
}

/// The package at `start` and the module's packages it imports, transitively (directories that hold loaded
/// files only), in a stable order.
fn reach(
    start: &Path,
    module_dir: &Path,
    module_path: Option<&str>,
    packages: &BTreeMap<PathBuf, Vec<SourceRef<'_>>>,
) -> BTreeSet<PathBuf> {
    let mut seen = BTreeSet::new();
    let mut queue = vec![start.to_path_buf()];
    while let Some(dir) = queue.pop() {
        if !seen.insert(dir.clone()) {
            continue;
        }
        let Some(module_path) = module_path else {
            continue;
        };
        for file in packages.get(&dir).into_iter().flatten() {
            for import in &file.file.imports {
                let path = import.path.value.as_str();
                let rest = if path == module_path {
                    Some("")
                } else {
                    path.strip_prefix(module_path)
                        .and_then(|r| r.strip_prefix('/'))
                };
                if let Some(rest) = rest {
                    let target = if rest.is_empty() {
                        module_dir.to_path_buf()
                    } else {
                        module_dir.join(rest)
                    };
                    if packages.contains_key(&target) && !seen.contains(&target) {
                        queue.push(target);
                    }
                }
            }
        }
    }
    seen
}

fn go_mod_dirs(project: &Project) -> Vec<(FileId, PathBuf, &GoMod)> {
    let mut out: Vec<(FileId, PathBuf, &GoMod)> = project
        .documents
        .iter()
        .filter_map(|d| match &d.content {
            Content::GoMod(parsed) => Some((
                d.file,
                d.path.parent().unwrap_or(Path::new("")).to_path_buf(),
                &**parsed,
            )),
            _ => None,
        })
        .collect();
    out.sort_by(|a, b| a.1.cmp(&b.1));
    out
}

/// The index of the module whose directory is the nearest ancestor of `path`.
fn owning_module(modules: &[(FileId, PathBuf, &GoMod)], path: &Path) -> Option<usize> {
    let dir = path.parent()?;
    modules
        .iter()
        .enumerate()
        .filter(|(_, (_, module_dir, _))| dir.starts_with(module_dir))
        .max_by_key(|(_, (_, module_dir, _))| module_dir.components().count())
        .map(|(index, _)| index)
}

/// Whether a directory between the module root and the file is one the go tool skips.
fn skipped_dir(modules: &[(FileId, PathBuf, &GoMod)], path: &Path) -> bool {
    let Some(module) = owning_module(modules, path) else {
        return false;
    };
    let Ok(inside) = path.strip_prefix(&modules[module].1) else {
        return false;
    };
    let mut dirs = inside.components().rev().skip(1);
    dirs.any(|c| {
        let name = c.as_os_str().to_string_lossy();
        name == "testdata" || name == "vendor" || name.starts_with('.') || name.starts_with('_')
    })
}

fn is_test_file(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.ends_with("_test.go"))
}

fn ignored_by_build_tag(file: &GoFile) -> bool {
    file.build_constraint
        .as_ref()
        .is_some_and(|c| c.value == "ignore")
}

#[cfg(test)]
mod tests;
