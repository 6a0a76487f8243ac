//! The effective configuration: for each server and location, the values that apply after nginx's
//! inheritance (a directive set at an inner level replaces the outer value; a level with any `add_header`
//! or `proxy_set_header` replaces the whole inherited set), plus listeners, names, upstreams and proxy
//! targets.

use super::Context;
use shiplint_syntax::Span;
use shiplint_syntax::nginx::{Directive, Word};

/// A directive that sets a value: its arguments and where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Value {
    /// The arguments as written (unquoted).
    pub args: Vec<Word>,
    /// The directive's name.
    pub name: Span,
    /// The whole directive.
    pub span: Span,
}

impl Value {
    fn of(directive: &Directive) -> Self {
        Value {
            args: directive.args.clone(),
            name: directive.name.span,
            span: directive.span,
        }
    }

    /// The first argument's value.
    pub fn first(&self) -> &str {
        self.args.first().map_or("", |w| w.value.as_str())
    }

    /// The span of the arguments (the name when there are none).
    pub fn args_span(&self) -> Span {
        match (self.args.first(), self.args.last()) {
            (Some(a), Some(b)) => a.span.cover(b.span),
            _ => self.name,
        }
    }

    /// Whether the (single) argument is `on`.
    pub fn is_on(&self) -> bool {
        self.first().eq_ignore_ascii_case("on")
    }
}

/// One `add_header NAME VALUE [always]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AddHeader {
    /// The header name as written.
    pub name: Word,
    /// The header value.
    pub value: Word,
    /// Whether `always` is given (sent on error responses too).
    pub always: bool,
    /// The whole directive.
    pub span: Span,
}

/// The headers a level ends up with.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HeaderSet {
    /// The headers that apply.
    pub headers: Vec<AddHeader>,
    /// The first directive of the level that defined this set (`None`: no level has any).
    pub defined_at: Option<Span>,
    /// Whether this set was inherited from an outer level rather than set at this one.
    pub inherited: bool,
    /// Headers of outer levels that this level's own set dropped (nginx does not merge them).
    pub dropped: Vec<AddHeader>,
}

impl HeaderSet {
    /// The header named `name` (case-insensitive).
    pub fn get(&self, name: &str) -> Option<&AddHeader> {
        self.headers
            .iter()
            .find(|h| h.name.value.eq_ignore_ascii_case(name))
    }
}

/// The inheritable values in force at one level.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Settings {
    /// `ssl_protocols`.
    pub ssl_protocols: Option<Value>,
    /// `ssl_ciphers`.
    pub ssl_ciphers: Option<Value>,
    /// `ssl_prefer_server_ciphers`.
    pub ssl_prefer_server_ciphers: Option<Value>,
    /// `ssl_session_tickets`.
    pub ssl_session_tickets: Option<Value>,
    /// `ssl_dhparam`.
    pub ssl_dhparam: Option<Value>,
    /// The deprecated `ssl on|off`.
    pub ssl: Option<Value>,
    /// `ssl_certificate` (several for several key types).
    pub ssl_certificates: Vec<Value>,
    /// `ssl_certificate_key`.
    pub ssl_certificate_keys: Vec<Value>,
    /// `server_tokens`.
    pub server_tokens: Option<Value>,
    /// `add_header_inherit` (nginx 1.29.3).
    pub add_header_inherit: Option<Value>,
    /// `add_header`.
    pub add_headers: HeaderSet,
    /// `proxy_set_header`.
    pub proxy_set_headers: HeaderSet,
}

/// A `listen` directive.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Listen {
    /// The whole directive.
    pub span: Span,
    /// The address part (`127.0.0.1`, `[::]`, `unix:/run/x.sock`), when given.
    pub address: Option<String>,
    /// The port (80 when only an address is given, as nginx does).
    pub port: Option<u16>,
    /// `ssl` parameter.
    pub ssl: bool,
    /// `http2` parameter (or `quic`).
    pub http2: bool,
    /// `default_server` (or the old `default`).
    pub default_server: bool,
}

/// A `proxy_pass` target.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProxyPass {
    /// The URL argument.
    pub url: Word,
    /// `http`, `https`, ... (lower-case; may hold a variable).
    pub scheme: String,
    /// The host or upstream name (may hold variables).
    pub host: String,
    /// The explicit port.
    pub port: Option<u16>,
    /// The `upstream` block of that name, as an index into [`Effective::upstreams`].
    pub upstream: Option<usize>,
}

/// What kind of nested level a [`Location`] is.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum LocationKind {
    /// `location`.
    Location,
    /// `if (...)`.
    If,
    /// `limit_except`.
    LimitExcept,
}

/// A `location`, `if` or `limit_except` level.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    /// Which directive opened it.
    pub kind: LocationKind,
    /// Its name (the anchor for findings about the level).
    pub name: Span,
    /// Its arguments (modifier and path, or the condition).
    pub args: Vec<Word>,
    /// The values in force inside it.
    pub settings: Settings,
    /// Its `proxy_pass`, if any.
    pub proxy_pass: Option<ProxyPass>,
    /// Index of the enclosing location in [`Server::locations`], for nested levels.
    pub parent: Option<usize>,
}

/// A `server` block of `http`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Server {
    /// The `server` name (or the first directive of a server-level snippet checked on its own).
    pub name: Span,
    /// Its listeners.
    pub listens: Vec<Listen>,
    /// Its `server_name` values.
    pub server_names: Vec<Word>,
    /// The values in force at server level.
    pub settings: Settings,
    /// Every nested location, `if` and `limit_except`, depth first.
    pub locations: Vec<Location>,
    /// Whether the server answers with a redirect to `https://` (`return 301 https://...` or a `rewrite`
    /// to https at server level or in `location /`).
    pub redirects_to_https: bool,
}

impl Server {
    /// Whether it serves TLS: a `listen ... ssl` (or `quic`), or `ssl on`.
    pub fn is_tls(&self) -> bool {
        self.listens.iter().any(|l| l.ssl) || self.settings.ssl.as_ref().is_some_and(Value::is_on)
    }

    /// The anchor for findings about the whole server: the first ssl listen, else its name.
    pub fn tls_anchor(&self) -> Span {
        self.listens
            .iter()
            .find(|l| l.ssl)
            .map_or(self.name, |l| l.span)
    }
}

/// An `upstream` block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Upstream {
    /// Its name.
    pub name: Word,
    /// Its `server` addresses.
    pub servers: Vec<Word>,
}

/// The effective configuration of one root.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Effective {
    /// The values in force at `http` level.
    pub http: Settings,
    /// Every `server` of `http`.
    pub servers: Vec<Server>,
    /// Every `upstream` of `http`.
    pub upstreams: Vec<Upstream>,
    /// The values in force at `stream` level (TCP/UDP proxying).
    pub stream: Settings,
    /// Every `server` of `stream`: listeners and the TLS settings in force (`ssl_protocols`,
    /// `ssl_ciphers`, certificates, ... inherit from `stream` as in `http`); no locations or headers.
    pub stream_servers: Vec<Server>,
}

impl Effective {
    /// Builds the effective configuration of an expanded tree read in `context`. `inherit_known` says
    /// whether the nginx version has `add_header_inherit` (or is unknown): when it is false the directive
    /// is recorded but does not merge header sets, as nginx before 1.29.3 would not run it.
    pub fn build(tree: &[Directive], context: Context, inherit_known: bool) -> Effective {
        let mut effective = Effective::default();
        let rules = Inheritance { inherit_known };
        match context {
            Context::Main => {
                let main = rules.apply(tree, &Settings::default());
                for http in tree.iter().filter(|d| d.name() == "http" && d.is_block()) {
                    effective.http_level(http.children(), &main, rules);
                }
                for stream in tree.iter().filter(|d| d.name() == "stream" && d.is_block()) {
                    effective.stream_level(stream.children(), &main, rules);
                }
            }
            Context::Http | Context::Other => {
                effective.http_level(tree, &Settings::default(), rules)
            }
            Context::Server | Context::Location => {
                let http = Settings::default();
                if let Some(first) = tree.first() {
                    let server = server(first.name.span, tree, &http, rules);
                    effective.servers.push(server);
                }
                effective.http = http;
            }
        }
        effective.link_upstreams();
        effective
    }

    fn http_level(&mut self, directives: &[Directive], outer: &Settings, rules: Inheritance) {
        let http = rules.apply(directives, outer);
        for directive in directives.iter().filter(|d| d.is_block()) {
            match directive.name() {
                "server" => self.servers.push(server(
                    directive.name.span,
                    directive.children(),
                    &http,
                    rules,
                )),
                "upstream" => {
                    if let Some(name) = directive.args.first() {
                        self.upstreams.push(Upstream {
                            name: name.clone(),
                            servers: directive
                                .children()
                                .iter()
                                .filter(|d| d.name() == "server")
                                .filter_map(|d| d.args.first().cloned())
                                .collect(),
                        });
                    }
                }
                _ => {}
            }
        }
        self.http = http;
    }

    /// Every TLS server, of `http` then of `stream`: what the protocol, cipher and certificate rules check.
    pub fn tls_servers(&self) -> impl Iterator<Item = &Server> {
        self.servers
            .iter()
            .chain(&self.stream_servers)
            .filter(|s| s.is_tls())
    }

    fn stream_level(&mut self, directives: &[Directive], outer: &Settings, rules: Inheritance) {
        let stream = rules.apply(directives, outer);
        for directive in directives
            .iter()
            .filter(|d| d.is_block() && d.name() == "server")
        {
            self.stream_servers.push(server(
                directive.name.span,
                directive.children(),
                &stream,
                rules,
            ));
        }
        self.stream = stream;
    }

    fn link_upstreams(&mut self) {
        let names: Vec<String> = self
            .upstreams
            .iter()
            .map(|u| u.name.value.clone())
            .collect();
        for server in &mut self.servers {
            for location in &mut server.locations {
                if let Some(target) = &mut location.proxy_pass {
                    target.upstream = names.iter().position(|n| *n == target.host);
                }
            }
        }
    }
}

fn server(name: Span, directives: &[Directive], http: &Settings, rules: Inheritance) -> Server {
    let settings = rules.apply(directives, http);
    let mut server = Server {
        name,
        listens: directives
            .iter()
            .filter(|d| d.name() == "listen")
            .map(listen)
            .collect(),
        server_names: directives
            .iter()
            .filter(|d| d.name() == "server_name")
            .flat_map(|d| d.args.iter().cloned())
            .collect(),
        redirects_to_https: redirects_to_https(directives),
        settings: settings.clone(),
        locations: Vec::new(),
    };
    let mut stack: Vec<(&[Directive], Settings, Option<usize>)> =
        vec![(directives, settings, None)];
    while let Some((level, outer, parent)) = stack.pop() {
        // Pushed in reverse so locations come out in source order, depth first.
        for directive in level.iter().rev() {
            let kind = match directive.name() {
                "location" => LocationKind::Location,
                "if" => LocationKind::If,
                "limit_except" => LocationKind::LimitExcept,
                _ => continue,
            };
            let Some(children) = directive.block.as_deref() else {
                continue;
            };
            if kind == LocationKind::Location
                && directive.args.last().is_some_and(|a| a.value == "/")
                && redirects_to_https(children)
            {
                server.redirects_to_https = true;
            }
            let settings = rules.apply(children, &outer);
            let index = server.locations.len();
            server.locations.push(Location {
                kind,
                name: directive.name.span,
                args: directive.args.clone(),
                settings: settings.clone(),
                proxy_pass: children
                    .iter()
                    .find(|d| d.name() == "proxy_pass")
                    .and_then(|d| d.args.first())
                    .map(proxy_pass),
                parent,
            });
            stack.push((children, settings, Some(index)));
        }
    }
    server
}

/// How values pass from a level to the levels inside it, for one nginx version.
#[derive(Copy, Clone, Debug)]
struct Inheritance {
    /// Whether `add_header_inherit` is a directive of this version (or the version is unknown).
    inherit_known: bool,
}

impl Inheritance {
    /// The values in force in a level with these `directives`, inside a level with `outer` values.
    fn apply(self, directives: &[Directive], outer: &Settings) -> Settings {
        let mut settings = outer.clone();
        settings.add_headers.inherited = settings.add_headers.defined_at.is_some();
        settings.add_headers.dropped.clear();
        settings.proxy_set_headers.inherited = settings.proxy_set_headers.defined_at.is_some();
        settings.proxy_set_headers.dropped.clear();
        let mut certificates = Vec::new();
        let mut keys = Vec::new();
        let mut headers = Vec::new();
        let mut proxy_headers = Vec::new();
        for directive in directives {
            let slot = match directive.name() {
                "ssl_protocols" => &mut settings.ssl_protocols,
                "ssl_ciphers" => &mut settings.ssl_ciphers,
                "ssl_prefer_server_ciphers" => &mut settings.ssl_prefer_server_ciphers,
                "ssl_session_tickets" => &mut settings.ssl_session_tickets,
                "ssl_dhparam" => &mut settings.ssl_dhparam,
                "ssl" => &mut settings.ssl,
                "server_tokens" => &mut settings.server_tokens,
                "add_header_inherit" => &mut settings.add_header_inherit,
                "ssl_certificate" => {
                    certificates.push(Value::of(directive));
                    continue;
                }
                "ssl_certificate_key" => {
                    keys.push(Value::of(directive));
                    continue;
                }
                "add_header" => {
                    headers.push(directive);
                    continue;
                }
                "proxy_set_header" => {
                    proxy_headers.push(directive);
                    continue;
                }
                _ => continue,
            };
            *slot = Some(Value::of(directive));
        }
        if !certificates.is_empty() {
            settings.ssl_certificates = certificates;
        }
        if !keys.is_empty() {
            settings.ssl_certificate_keys = keys;
        }
        let merge = self.inherit_known
            && settings
                .add_header_inherit
                .as_ref()
                .is_some_and(|v| v.first().eq_ignore_ascii_case("merge"));
        replace_set(&mut settings.add_headers, &headers, merge);
        replace_set(&mut settings.proxy_set_headers, &proxy_headers, false);
        settings
    }
}

/// A level with its own headers replaces the inherited set (or adds to it with `add_header_inherit merge`).
fn replace_set(set: &mut HeaderSet, own: &[&Directive], merge: bool) {
    let Some(first) = own.first() else {
        return;
    };
    let new: Vec<AddHeader> = own
        .iter()
        .filter_map(|d| {
            Some(AddHeader {
                name: d.args.first()?.clone(),
                value: d.args.get(1).cloned().unwrap_or_else(|| Word {
                    value: String::new(),
                    span: d.name.span,
                    quote: None,
                }),
                always: d.args.get(2).is_some_and(|a| a.value == "always"),
                span: d.span,
            })
        })
        .collect();
    let inherited = std::mem::take(&mut set.headers);
    if merge {
        set.headers = inherited;
        set.headers.extend(new);
    } else {
        set.dropped = inherited
            .into_iter()
            .filter(|old| {
                !new.iter()
                    .any(|h| h.name.value.eq_ignore_ascii_case(&old.name.value))
            })
            .collect();
        set.headers = new;
    }
    set.defined_at = Some(first.span);
    set.inherited = false;
}

fn listen(directive: &Directive) -> Listen {
    let mut out = Listen {
        span: directive.span,
        address: None,
        port: None,
        ssl: false,
        http2: false,
        default_server: false,
    };
    if let Some(first) = directive.args.first() {
        let value = first.value.as_str();
        if value.starts_with("unix:") {
            out.address = Some(value.to_string());
        } else if let Ok(port) = value.parse::<u16>() {
            out.port = Some(port);
        } else {
            let (address, port) = match value.rsplit_once(':') {
                Some((address, port)) if !address.ends_with(':') || address.starts_with('[') => {
                    match port.parse::<u16>() {
                        Ok(port) => (address, Some(port)),
                        Err(_) => (value, None),
                    }
                }
                _ => (value, None),
            };
            out.address = Some(address.to_string());
            out.port = port.or(Some(80));
        }
    }
    for arg in directive.args.iter().skip(1) {
        match arg.value.as_str() {
            "ssl" | "quic" => out.ssl = true,
            "http2" => out.http2 = true,
            "default_server" | "default" => out.default_server = true,
            _ => {}
        }
    }
    out
}

fn proxy_pass(url: &Word) -> ProxyPass {
    let value = url.value.as_str();
    let (scheme, rest) = value.split_once("://").unwrap_or(("", value));
    // `http://unix:/run/app.sock:/uri/`: the socket path runs up to the colon before the URI.
    if let Some(socket) = rest.strip_prefix("unix:") {
        let path = socket.split_once(':').map_or(socket, |(path, _)| path);
        return ProxyPass {
            url: url.clone(),
            scheme: scheme.to_ascii_lowercase(),
            host: format!("unix:{path}"),
            port: None,
            upstream: None,
        };
    }
    let authority = rest.split('/').next().unwrap_or("");
    let (host, port) = match authority.rsplit_once(':') {
        Some((host, port)) if !host.is_empty() && !port.contains(']') => {
            (host, port.parse::<u16>().ok())
        }
        _ => (authority, None),
    };
    ProxyPass {
        url: url.clone(),
        scheme: scheme.to_ascii_lowercase(),
        host: host.to_string(),
        port,
        upstream: None,
    }
}

/// `return 301|302|307|308 https://...` or `rewrite ... https://...` among these directives.
fn redirects_to_https(directives: &[Directive]) -> bool {
    directives.iter().any(|d| match d.name() {
        "return" => {
            matches!(d.arg(0), Some("301" | "302" | "307" | "308"))
                && d.arg(1).is_some_and(|u| u.starts_with("https://"))
        }
        "rewrite" => d.arg(1).is_some_and(|u| u.starts_with("https://")),
        _ => false,
    })
}
