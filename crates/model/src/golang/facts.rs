//! Scans one package's files for what a deployment depends on: gin engines, `gin.SetMode` calls, listen
//! calls (gin's `Run`/`RunTLS`, `http.ListenAndServe[TLS]`, `http.Server{Addr}` + `ListenAndServe[TLS]`,
//! `net.Listen("tcp", ..)`) and environment reads, and turns evaluated values into [`ListenAddress`] and
//! [`GinMode`].

use super::eval::{Evaluator, Value};
use super::scope::{FileScope, PackageScope};
use super::{EnvRead, GIN_IMPORT, GinMode, Listen, ListenAddress, MainPackage, SetMode, SourceRef};
use shiplint_syntax::Span;
use shiplint_syntax::golang::TokenKind;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;

/// What one package does.
#[derive(Default)]
pub(crate) struct Facts {
    engines: Vec<Span>,
    set_modes: Vec<SetMode>,
    listens: Vec<Listen>,
    env_reads: Vec<EnvRead>,
}

impl Facts {
    /// Adds this package's facts to a main package's.
    pub fn add_to(&self, main: &mut MainPackage) {
        main.engines.extend(&self.engines);
        main.set_modes.extend(self.set_modes.iter().cloned());
        main.listens.extend(self.listens.iter().cloned());
        main.env_reads.extend(self.env_reads.iter().cloned());
    }
}

/// An `http.Server{..}` literal bound to a name: its file and the index of its `{`.
struct ServerLiteral {
    file: usize,
    open: usize,
}

/// Scans the files of one package.
pub(crate) fn scan(
    sources: &[SourceRef<'_>],
    engine_funcs: &BTreeMap<String, Vec<String>>,
) -> Facts {
    let pkg = PackageScope::new(sources);
    let eval = Evaluator { pkg: &pkg };
    let engines = engine_names(&pkg, engine_funcs);
    let servers = server_literals(&pkg);
    let helpers = env_helpers(&pkg);
    let mut facts = Facts::default();
    for (fi, scope) in pkg.files.iter().enumerate() {
        let file = scope.file();
        let text = scope.text();
        for i in 0..file.tokens.len() {
            let token = file.tokens[i];
            if token.kind != TokenKind::Ident || pkg.is_unused(fi, i) {
                continue;
            }
            let selector_call = scope.tok(i + 1) == "." && scope.tok(i + 3) == "(";
            let after_dot = i > 0 && file.tokens[i - 1].is_punct(text, ".");
            if selector_call && !after_dot {
                package_call(&eval, &mut facts, fi, i);
            }
            if selector_call {
                method_call(&eval, &mut facts, fi, i, &engines, &servers);
            }
            if !after_dot && scope.tok(i + 1) == "(" && helpers.contains(scope.tok(i)) {
                helper_env_read(&eval, &mut facts, fi, i);
            }
        }
    }
    facts
}

fn call_span(scope: &FileScope<'_>, start: usize, open: usize) -> Span {
    let end = scope.file().after_closing(open);
    scope.file().span_of(start..end).unwrap_or_default()
}

/// `gin.X(..)`, `os.Getenv(..)`, `http.ListenAndServe(..)`, `net.Listen(..)` at token `i`.
fn package_call(eval: &Evaluator<'_, '_>, facts: &mut Facts, fi: usize, i: usize) {
    let scope = &eval.pkg.files[fi];
    let name = scope.tok(i + 2);
    let open = i + 3;
    let span = call_span(scope, i, open);
    let args = scope.args(open);
    if scope.is_package(i, GIN_IMPORT) {
        match name {
            "Default" | "New" => {
                facts.engines.push(span);
                // `gin.Default().Run(..)`: a chained listen.
                let next = scope.file().after_closing(open);
                if scope.tok(next) == "."
                    && matches!(scope.tok(next + 1), "Run" | "RunTLS")
                    && scope.tok(next + 2) == "("
                {
                    listen_run(eval, facts, fi, i, next + 1);
                }
            }
            "SetMode" => {
                let mode = match args.first() {
                    Some(arg) => {
                        gin_mode(eval.eval(fi, arg.clone(), 0), eval.quote(fi, arg.clone()))
                    }
                    None => GinMode::Unresolved {
                        expression: String::new(),
                    },
                };
                let body_open = scope
                    .func_at(i)
                    .and_then(|f| f.body.as_ref())
                    .and_then(|body| body.start.checked_sub(1));
                let conditional = body_open.is_none_or(|open| scope.enclosing[i] as usize != open);
                facts.set_modes.push(SetMode {
                    span,
                    mode,
                    conditional,
                });
            }
            _ => {}
        }
    } else if scope.is_package(i, "os") && matches!(name, "Getenv" | "LookupEnv") {
        if let Some(Value::Str(variable)) = args.first().map(|a| eval.eval(fi, a.clone(), 0)) {
            facts.env_reads.push(EnvRead { variable, span });
        }
    } else if scope.is_package(i, "net/http")
        && matches!(name, "ListenAndServe" | "ListenAndServeTLS")
    {
        let listen = match args.first() {
            Some(arg) => address_listen(eval, fi, arg.clone(), name == "ListenAndServeTLS"),
            None => Listen {
                span,
                address: ListenAddress::Unknown {
                    reason: format!("`{}` has no address", eval.quote(fi, i..open + 1)),
                },
            },
        };
        facts.listens.push(listen);
    } else if scope.is_package(i, "net") && name == "Listen" && args.len() == 2 {
        match eval.eval(fi, args[0].clone(), 0) {
            Value::Str(network) if matches!(network.as_str(), "tcp" | "tcp4" | "tcp6") => {
                facts
                    .listens
                    .push(address_listen(eval, fi, args[1].clone(), false));
            }
            Value::Str(_) => {}
            _ => facts.listens.push(Listen {
                span,
                address: ListenAddress::Unknown {
                    reason: format!(
                        "`{}` listens on a network shiplint cannot read",
                        eval.quote(fi, args[0].clone())
                    ),
                },
            }),
        }
    }
}

/// `r.Run(..)` on an engine, `srv.ListenAndServe()` on a server; token `i` is the receiver's last name.
fn method_call(
    eval: &Evaluator<'_, '_>,
    facts: &mut Facts,
    fi: usize,
    i: usize,
    engines: &[&str],
    servers: &HashMap<&str, Vec<ServerLiteral>>,
) {
    let scope = &eval.pkg.files[fi];
    let receiver = scope.tok(i);
    let method = scope.tok(i + 2);
    if matches!(method, "Run" | "RunTLS") && engines.contains(&receiver) {
        listen_run(eval, facts, fi, i, i + 2);
    }
    if matches!(method, "ListenAndServe" | "ListenAndServeTLS")
        && let Some(literals) = servers.get(receiver)
    {
        let span = call_span(scope, i, i + 3);
        let tls = method == "ListenAndServeTLS";
        facts
            .listens
            .push(server_listen(eval, fi, i, literals, span, tls));
    }
}

/// gin's `Run(addr)`/`RunTLS(addr, ..)`: the address, or without one `PORT` with `:8080` as the fallback.
fn listen_run(
    eval: &Evaluator<'_, '_>,
    facts: &mut Facts,
    fi: usize,
    start: usize,
    method_at: usize,
) {
    let scope = &eval.pkg.files[fi];
    let open = method_at + 1;
    let args = scope.args(open);
    let span = call_span(scope, start, open);
    match args.first() {
        Some(arg) => facts
            .listens
            .push(address_listen(eval, fi, arg.clone(), false)),
        None if scope.tok(method_at) == "Run" => facts.listens.push(Listen {
            span,
            address: ListenAddress::FromEnv {
                variable: "PORT".into(),
                host: None,
                fallback: Some(8080),
                read: span,
            },
        }),
        None => {}
    }
}

fn server_listen(
    eval: &Evaluator<'_, '_>,
    fi: usize,
    at: usize,
    literals: &[ServerLiteral],
    call: Span,
    tls: bool,
) -> Listen {
    let scope = &eval.pkg.files[fi];
    let func = scope.func_at(at).map(|f| f.span);
    let same_func: Vec<&ServerLiteral> = literals
        .iter()
        .filter(|l| l.file == fi && eval.pkg.files[fi].func_at(l.open).map(|f| f.span) == func)
        .collect();
    let literal = match (same_func.as_slice(), literals) {
        ([one], _) => *one,
        (_, [one]) => one,
        _ => {
            return Listen {
                span: call,
                address: ListenAddress::Unknown {
                    reason: format!("several `http.Server` values are named `{}`", scope.tok(at)),
                },
            };
        }
    };
    match addr_field(&eval.pkg.files[literal.file], literal.open) {
        Some(value) => address_listen(eval, literal.file, value, tls),
        None => Listen {
            span: call,
            address: default_http_address(tls),
        },
    }
}

/// The value tokens of the `Addr:` field of the composite literal opened at `open`.
fn addr_field(scope: &FileScope<'_>, open: usize) -> Option<Range<usize>> {
    let file = scope.file();
    let end = (file.closing[open] as usize).min(file.tokens.len());
    let mut j = open + 1;
    while j < end {
        if scope.tok(j) == "Addr" && scope.tok(j + 1) == ":" {
            let start = j + 2;
            return Some(start..scope.expression_end(start));
        }
        j = file.after_closing(j);
    }
    None
}

/// net/http's empty address: `:http` (80), or `:https` (443) for TLS.
fn default_http_address(tls: bool) -> ListenAddress {
    ListenAddress::Fixed {
        host: None,
        port: if tls { 443 } else { 80 },
    }
}

fn address_listen(eval: &Evaluator<'_, '_>, fi: usize, arg: Range<usize>, tls: bool) -> Listen {
    let scope = &eval.pkg.files[fi];
    let span = scope.file().span_of(arg.clone()).unwrap_or_default();
    let quoted = eval.quote(fi, arg.clone());
    let address = listen_address(eval.eval(fi, arg, 0), &quoted, tls);
    Listen { span, address }
}

/// Turns an evaluated address into a [`ListenAddress`].
pub(crate) fn listen_address(value: Value, quoted: &str, tls: bool) -> ListenAddress {
    let parts = value.flatten();
    if let Some(Value::Unknown(reason)) = parts.iter().find(|p| matches!(p, Value::Unknown(_))) {
        return ListenAddress::Unknown {
            reason: reason.clone(),
        };
    }
    if let Some(position) = parts.iter().position(|p| matches!(p, Value::Flag { .. })) {
        return flag_address(parts, position, quoted, tls);
    }
    let envs = parts
        .iter()
        .filter(|p| matches!(p, Value::Env { .. }))
        .count();
    match (envs, parts.as_slice()) {
        (0, []) => default_http_address(tls),
        (0, [Value::Str(address)]) => literal_address(address, quoted, tls),
        (1, _) => {
            let position = parts
                .iter()
                .position(|p| matches!(p, Value::Env { .. }))
                .unwrap_or(0);
            let text = |values: &[Value]| -> String {
                values
                    .iter()
                    .map(|v| {
                        if let Value::Str(s) = v {
                            s.as_str()
                        } else {
                            ""
                        }
                    })
                    .collect()
            };
            let before = text(&parts[..position]);
            let after = text(&parts[position + 1..]);
            let Value::Env {
                variable,
                fallback,
                read,
            } = &parts[position]
            else {
                return ListenAddress::Unknown {
                    reason: format!("`{quoted}` could not be read"),
                };
            };
            if !after.is_empty() {
                return ListenAddress::Unknown {
                    reason: format!("`{quoted}` puts text after the value of `{variable}`"),
                };
            }
            match before.strip_suffix(':') {
                Some(host) => ListenAddress::FromEnv {
                    variable: variable.clone(),
                    host: host_of(host),
                    fallback: fallback.as_deref().and_then(|f| f.parse::<u16>().ok()),
                    read: *read,
                },
                None if before.is_empty() => ListenAddress::Unknown {
                    reason: match fallback {
                        Some(f) => format!(
                            "`{quoted}` is the whole address from the environment variable `{variable}` (fallback `{f}`), not a port"
                        ),
                        None => format!(
                            "`{quoted}` is the whole address from the environment variable `{variable}`, not a port"
                        ),
                    },
                },
                None => ListenAddress::Unknown {
                    reason: format!("`{quoted}` has no `:` before the value of `{variable}`"),
                },
            }
        }
        _ => ListenAddress::Unknown {
            reason: format!("`{quoted}` is built from several environment variables"),
        },
    }
}

/// An address made with a flag's value (the part at `position`): the literal text around it, and the
/// address its default gives.
fn flag_address(mut parts: Vec<Value>, position: usize, quoted: &str, tls: bool) -> ListenAddress {
    let literal = |values: &[Value]| -> Option<String> {
        values
            .iter()
            .map(|v| match v {
                Value::Str(s) => Some(s.as_str()),
                _ => None,
            })
            .collect()
    };
    let (Some(before), Some(after)) =
        (literal(&parts[..position]), literal(&parts[position + 1..]))
    else {
        return ListenAddress::Unknown {
            reason: format!(
                "`{quoted}` combines a command-line flag with other values shiplint cannot read"
            ),
        };
    };
    let Value::Flag { flag, default } = parts.swap_remove(position) else {
        unreachable!("the part at `position` is a flag");
    };
    let mut with_default = vec![
        Value::Str(before.clone()),
        *default,
        Value::Str(after.clone()),
    ];
    with_default.retain(|v| !matches!(v, Value::Str(s) if s.is_empty()));
    ListenAddress::FromFlag {
        flag,
        before,
        after,
        tls,
        default: Box::new(listen_address(Value::Concat(with_default), quoted, tls)),
    }
}

/// A written address: `host:port`, or net/http's default for an empty one.
pub(crate) fn literal_address(address: &str, quoted: &str, tls: bool) -> ListenAddress {
    match address.is_empty() {
        true => default_http_address(tls),
        false => fixed(address, quoted),
    }
}

fn fixed(address: &str, quoted: &str) -> ListenAddress {
    let Some((host, port)) = address.rsplit_once(':') else {
        return ListenAddress::Unknown {
            reason: format!("`{quoted}` is `{address}`, which has no `:port` (Go refuses it)"),
        };
    };
    let port = match port {
        "http" => Some(80),
        "https" => Some(443),
        digits => digits.parse::<u16>().ok(),
    };
    match port {
        Some(0) => ListenAddress::Unknown {
            reason: format!("`{quoted}` listens on port 0: the system picks a free port"),
        },
        Some(port) => ListenAddress::Fixed {
            host: host_of(host),
            port,
        },
        None => ListenAddress::Unknown {
            reason: format!("`{quoted}` is `{address}`, whose port is not a number"),
        },
    }
}

fn host_of(host: &str) -> Option<String> {
    let host = host
        .strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .unwrap_or(host);
    (!host.is_empty()).then(|| host.to_string())
}

/// Turns an evaluated `SetMode` argument into a [`GinMode`].
pub(crate) fn gin_mode(value: Value, quoted: String) -> GinMode {
    match value {
        Value::Str(value) => GinMode::of_value(&value),
        Value::Env { variable, .. } => GinMode::FromEnv { variable },
        _ => GinMode::Unresolved { expression: quoted },
    }
}

/// Names bound to a gin engine anywhere in the package: assigned from `gin.Default()`/`gin.New()` or from a
/// package function returning `*gin.Engine`, or declared with type `*gin.Engine` (variables, parameters, fields).
fn engine_names<'a>(
    pkg: &PackageScope<'a>,
    engine_funcs: &BTreeMap<String, Vec<String>>,
) -> Vec<&'a str> {
    let mut names = Vec::new();
    for scope in &pkg.files {
        let file = scope.file();
        for i in 0..file.tokens.len() {
            if file.tokens[i].kind != TokenKind::Ident {
                continue;
            }
            let assigned = matches!(scope.tok(i + 1), ":=" | "=");
            let from_gin = assigned
                && (scope.is_qualified(i + 2, GIN_IMPORT, "Default")
                    || scope.is_qualified(i + 2, GIN_IMPORT, "New"));
            let from_func =
                assigned && scope.tok(i + 3) == "(" && pkg.engine_funcs.contains(&scope.tok(i + 2));
            let typed = scope.tok(i + 1) == "*" && scope.is_qualified(i + 2, GIN_IMPORT, "Engine");
            let from_other_package = assigned
                && scope.tok(i + 3) == "."
                && scope.tok(i + 5) == "("
                && engine_funcs.iter().any(|(import, funcs)| {
                    scope.is_package(i + 2, import) && funcs.iter().any(|f| f == scope.tok(i + 4))
                });
            if from_gin || from_func || typed || from_other_package {
                names.push(scope.tok(i));
            }
        }
    }
    names.sort_unstable();
    names.dedup();
    names
}

/// Names bound to an `http.Server{..}` literal: `srv := &http.Server{`, `var srv = http.Server{`, a field
/// `server: &http.Server{`.
fn server_literals<'a>(pkg: &PackageScope<'a>) -> HashMap<&'a str, Vec<ServerLiteral>> {
    let mut out: HashMap<&str, Vec<ServerLiteral>> = HashMap::new();
    for (fi, scope) in pkg.files.iter().enumerate() {
        let file = scope.file();
        for i in 0..file.tokens.len() {
            if file.tokens[i].kind != TokenKind::Ident
                || !matches!(scope.tok(i + 1), ":=" | "=" | ":")
            {
                continue;
            }
            let mut j = i + 2;
            if scope.tok(j) == "&" {
                j += 1;
            }
            if scope.is_qualified(j, "net/http", "Server") && scope.tok(j + 3) == "{" {
                out.entry(scope.tok(i)).or_default().push(ServerLiteral {
                    file: fi,
                    open: j + 3,
                });
            }
        }
    }
    out
}

/// The package functions that pass a parameter to `os.Getenv`/`os.LookupEnv` (`getenv(key, fallback)`).
fn env_helpers<'a>(pkg: &PackageScope<'a>) -> HashSet<&'a str> {
    let mut out = HashSet::new();
    for (&name, &(fi, func)) in &pkg.funcs {
        let scope = &pkg.files[fi];
        let Some(body) = func.body.clone() else {
            continue;
        };
        let params = PackageScope::param_names(scope, func);
        let reads_param = body.clone().any(|j| {
            (scope.is_qualified(j, "os", "Getenv") || scope.is_qualified(j, "os", "LookupEnv"))
                && scope.tok(j + 3) == "("
                && scope.tok(j + 5) == ")"
                && params.contains(&scope.tok(j + 4))
        });
        if reads_param {
            out.insert(name);
        }
    }
    out
}

/// A call of an env helper at token `i`: an environment read at the call.
fn helper_env_read(eval: &Evaluator<'_, '_>, facts: &mut Facts, fi: usize, i: usize) {
    let scope = &eval.pkg.files[fi];
    // The declaration itself (`func getenv(`) is not a call.
    if i > 0 && scope.tok(i - 1) == "func" {
        return;
    }
    let end = scope.file().after_closing(i + 1);
    if let Value::Env { variable, read, .. } = eval.eval(fi, i..end, 0) {
        facts.env_reads.push(EnvRead {
            variable,
            span: read,
        });
    }
}
