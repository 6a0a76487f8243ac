use super::*;
use crate::{MemoryFs, Project, Timestamp};

fn load(files: &[(&str, &str)]) -> Project {
    let mut fs = MemoryFs::new();
    for (path, text) in files {
        fs.insert(*path, *text);
    }
    let candidates = fs.candidates(false);
    Project::load(&fs, candidates, Timestamp(0))
}

const GO_MOD: &str =
    "module example.com/app\n\ngo 1.22\n\nrequire github.com/gin-gonic/gin v1.10.0\n";

fn main_of(project: &Project) -> &MainPackage {
    let module = project.go_modules().first().expect("a module");
    module.mains.first().expect("a main package")
}

fn text(project: &Project, span: Span) -> &str {
    span.text(&project.file(span.file).text)
}

fn single(main_go: &str) -> Project {
    load(&[("/s/app/go.mod", GO_MOD), ("/s/app/main.go", main_go)])
}

#[test]
fn naive_seed_run_with_port_fallback() {
    let project = single(
        "package main\n\nimport (\n\t\"os\"\n\t\"github.com/gin-gonic/gin\"\n)\n\nfunc main() {\n\tport := os.Getenv(\"PORT\")\n\tif port == \"\" {\n\t\tport = \"8080\"\n\t}\n\tr := gin.Default()\n\tr.Run(\":\" + port)\n}\n",
    );
    let module = &project.go_modules()[0];
    assert_eq!(
        module.module.as_ref().map(|m| m.value.as_str()),
        Some("example.com/app")
    );
    assert_eq!(
        module.gin_require.map(|s| text(&project, s)),
        Some("require github.com/gin-gonic/gin v1.10.0")
    );
    let main = main_of(&project);
    assert!(main.uses_gin());
    assert_eq!(
        main.engines
            .iter()
            .map(|s| text(&project, *s))
            .collect::<Vec<_>>(),
        ["gin.Default()"]
    );
    assert!(main.set_modes.is_empty());
    assert_eq!(main.listens.len(), 1);
    let listen = &main.listens[0];
    assert_eq!(text(&project, listen.span), "\":\" + port");
    match &listen.address {
        ListenAddress::FromEnv {
            variable,
            host,
            fallback,
            read,
        } => {
            assert_eq!(
                (variable.as_str(), host, fallback),
                ("PORT", &None, &Some(8080))
            );
            assert_eq!(text(&project, *read), "os.Getenv(\"PORT\")");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(main.env_reads.len(), 1);
    assert_eq!(main.env_reads[0].variable, "PORT");
}

fn listen_of(main_go: &str) -> ListenAddress {
    let project = single(main_go);
    let main = main_of(&project);
    assert_eq!(main.listens.len(), 1, "{:?}", main.listens);
    main.listens[0].address.clone()
}

fn fixed(host: Option<&str>, port: u16) -> ListenAddress {
    ListenAddress::Fixed {
        host: host.map(str::to_string),
        port,
    }
}

fn env_port(variable: &str, host: Option<&str>, fallback: Option<u16>, address: &ListenAddress) {
    match address {
        ListenAddress::FromEnv {
            variable: v,
            host: h,
            fallback: f,
            ..
        } => {
            assert_eq!((v.as_str(), h.as_deref(), *f), (variable, host, fallback));
        }
        other => panic!("expected FromEnv, got {other:?}"),
    }
}

const HEAD: &str = "package main\n\nimport (\n\t\"cmp\"\n\t\"flag\"\n\t\"fmt\"\n\t\"net\"\n\t\"net/http\"\n\t\"os\"\n\t\"strconv\"\n\n\tweb \"github.com/gin-gonic/gin\"\n)\n\nvar _ = cmp.Or[string]\nvar _ = flag.Parse\nvar _ = fmt.Sprint\nvar _ = net.Listen\nvar _ = http.ListenAndServe\nvar _ = strconv.Itoa\nvar _ = os.Getenv\n\n";

fn with_head(body: &str) -> String {
    format!("{HEAD}{body}")
}

#[test]
fn literal_and_constant_addresses() {
    assert_eq!(
        listen_of(&with_head(
            "func main() { r := web.New(); r.Run(\":3000\") }\n"
        )),
        fixed(None, 3000)
    );
    assert_eq!(
        listen_of(&with_head(
            "const addr = \"127.0.0.1:9000\"\nfunc main() { r := web.New(); r.Run(addr) }\n"
        )),
        fixed(Some("127.0.0.1"), 9000)
    );
    assert_eq!(
        listen_of(&with_head(
            "const port = 8081\nfunc main() { http.ListenAndServe(fmt.Sprintf(\"0.0.0.0:%d\", port), nil) }\n"
        )),
        fixed(Some("0.0.0.0"), 8081)
    );
    assert_eq!(
        listen_of(&with_head(
            "func main() { http.ListenAndServe(net.JoinHostPort(\"localhost\", strconv.Itoa(7000)), nil) }\n"
        )),
        fixed(Some("localhost"), 7000)
    );
    assert_eq!(
        listen_of(&with_head(
            "func main() { ln, _ := net.Listen(\"tcp\", \"[::1]:6000\"); _ = ln }\n"
        )),
        fixed(Some("::1"), 6000)
    );
    assert_eq!(
        listen_of(&with_head(
            "func main() { http.ListenAndServe(\"\", nil) }\n"
        )),
        fixed(None, 80)
    );
}

#[test]
fn gin_run_without_address_reads_port_with_8080() {
    let address = listen_of(&with_head("func main() { r := web.Default(); r.Run() }\n"));
    env_port("PORT", None, Some(8080), &address);
    let address = listen_of(&with_head("func main() { web.Default().Run() }\n"));
    env_port("PORT", None, Some(8080), &address);
}

#[test]
fn environment_ports_and_their_fallbacks() {
    let cases = [
        (
            "func main() { r := web.New(); r.Run(\":\" + os.Getenv(\"PORT\")) }\n",
            "PORT",
            None,
            None,
        ),
        (
            "func main() { r := web.New(); r.Run(fmt.Sprintf(\":%s\", cmp.Or(os.Getenv(\"APP_PORT\"), \"9000\"))) }\n",
            "APP_PORT",
            None,
            Some(9000),
        ),
        (
            "func main() {\n\tport, ok := os.LookupEnv(\"PORT\")\n\tif !ok {\n\t\tport = \"3000\"\n\t}\n\tr := web.New()\n\tr.Run(\"127.0.0.1:\" + port)\n}\n",
            "PORT",
            Some("127.0.0.1"),
            Some(3000),
        ),
        (
            "func main() {\n\tport := os.Getenv(\"PORT\")\n\tif len(port) == 0 {\n\t\tport = \"5000\"\n\t}\n\tr := web.New()\n\tr.Run(net.JoinHostPort(\"\", port))\n}\n",
            "PORT",
            None,
            Some(5000),
        ),
        (
            "func getenv(key, fallback string) string {\n\tif v := os.Getenv(key); v != \"\" {\n\t\treturn v\n\t}\n\treturn fallback\n}\nfunc main() { r := web.New(); r.Run(\":\" + getenv(\"HTTP_PORT\", \"8000\")) }\n",
            "HTTP_PORT",
            None,
            Some(8000),
        ),
        (
            "func addr() string {\n\tport := os.Getenv(\"PORT\")\n\tif port == \"\" {\n\t\tport = \"8080\"\n\t}\n\treturn \":\" + port\n}\nfunc main() { r := web.New(); r.Run(addr()) }\n",
            "PORT",
            None,
            Some(8080),
        ),
        (
            "var port = os.Getenv(\"PORT\")\nfunc main() { srv := &http.Server{Addr: \":\" + port}; srv.ListenAndServe() }\n",
            "PORT",
            None,
            None,
        ),
    ];
    for (body, variable, host, fallback) in cases {
        let address = listen_of(&with_head(body));
        env_port(variable, host, fallback, &address);
    }
}

#[test]
fn unresolvable_addresses_say_why() {
    let cases = [
        (
            "type config struct{ Addr string }\nfunc main() { var cfg config; r := web.New(); r.Run(cfg.Addr) }\n",
            "`cfg.Addr`",
        ),
        (
            "func main() { r := web.New(); r.Run(os.Getenv(\"ADDR\")) }\n",
            "whole address from the environment variable `ADDR`",
        ),
        (
            "func main() { r := web.New(); r.Run(\"8080\") }\n",
            "has no `:port`",
        ),
        (
            "func main() {\n\tport := \"8080\"\n\tif len(os.Args) > 1 {\n\t\tport = os.Args[1]\n\t}\n\tr := web.New()\n\tr.Run(\":\" + port)\n}\n",
            "assigned inside a condition",
        ),
        (
            "func main() { r := web.New(); r.Run(os.Getenv(\"HOST\") + \":\" + os.Getenv(\"PORT\")) }\n",
            "several environment variables",
        ),
    ];
    for (body, reason) in cases {
        match listen_of(&with_head(body)) {
            ListenAddress::Unknown { reason: got } => {
                assert!(got.contains(reason), "{got:?} lacks {reason:?}")
            }
            other => panic!("expected Unknown for {body:?}, got {other:?}"),
        }
    }
}

#[test]
fn flag_defaults_are_resolved() {
    let address = listen_of(&with_head(
        "var addr = flag.String(\"addr\", \":8088\", \"listen address\")\nfunc main() { flag.Parse(); http.ListenAndServe(*addr, nil) }\n",
    ));
    let flag = |address: &ListenAddress| match address {
        ListenAddress::FromFlag {
            flag,
            before,
            after,
            default,
            ..
        } => (
            flag.clone(),
            before.clone(),
            after.clone(),
            (**default).clone(),
        ),
        other => panic!("expected a flag, got {other:?}"),
    };
    assert_eq!(
        flag(&address),
        (
            "addr".into(),
            String::new(),
            String::new(),
            fixed(None, 8088)
        )
    );
    assert_eq!(
        address.with_flag_value("127.0.0.1:9000"),
        Some(fixed(Some("127.0.0.1"), 9000))
    );
    let address = listen_of(&with_head(
        "func main() {\n\tvar port int\n\tflag.IntVar(&port, \"port\", 9999, \"port\")\n\tflag.Parse()\n\thttp.ListenAndServe(fmt.Sprintf(\":%d\", port), nil)\n}\n",
    ));
    assert_eq!(
        flag(&address),
        ("port".into(), ":".into(), String::new(), fixed(None, 9999))
    );
    assert_eq!(address.with_flag_value("7000"), Some(fixed(None, 7000)));
    assert!(matches!(
        address.with_flag_value("seven"),
        Some(ListenAddress::Unknown { .. })
    ));
}

#[test]
fn configuration_reads_are_unknown_with_the_reason() {
    let main_go = "package main\n\nimport (\n\t\"github.com/gin-gonic/gin\"\n\t\"github.com/spf13/viper\"\n)\n\nfunc main() {\n\tviper.ReadInConfig()\n\tr := gin.New()\n\tr.Run(\":\" + viper.GetString(\"server.port\"))\n}\n";
    match listen_of(main_go) {
        ListenAddress::Unknown { reason } => assert_eq!(
            reason,
            "`viper.GetString(\"server.port\")` is read from viper's configuration, which shiplint does not resolve"
        ),
        other => panic!("{other:?}"),
    }
}

#[test]
fn http_server_addr_and_default() {
    let project = single(&with_head(
        "func main() {\n\tr := web.New()\n\tsrv := &http.Server{\n\t\tAddr:    \":9443\",\n\t\tHandler: r,\n\t}\n\tsrv.ListenAndServeTLS(\"c\", \"k\")\n}\n",
    ));
    let main = main_of(&project);
    assert_eq!(main.listens.len(), 1);
    assert_eq!(text(&project, main.listens[0].span), "\":9443\"");
    assert_eq!(main.listens[0].address, fixed(None, 9443));
    assert_eq!(
        listen_of(&with_head(
            "func main() { srv := http.Server{}; srv.ListenAndServeTLS(\"c\", \"k\") }\n"
        )),
        fixed(None, 443)
    );
}

#[test]
fn set_modes_resolve_constants_literals_and_environment() {
    let project = single(&with_head(
        "const mode = web.DebugMode\nfunc main() {\n\tweb.SetMode(web.ReleaseMode)\n\tweb.SetMode(\"test\")\n\tweb.SetMode(mode)\n\tm := os.Getenv(\"APP_MODE\")\n\tweb.SetMode(m)\n\tweb.SetMode(os.Getenv(web.EnvGinMode))\n\tweb.SetMode(strings.ToLower(\"x\"))\n\tweb.SetMode(\"Release\")\n\tweb.SetMode(\"\")\n\tr := web.New()\n\tr.Run()\n}\n",
    ));
    let main = main_of(&project);
    let modes: Vec<&GinMode> = main.set_modes.iter().map(|s| &s.mode).collect();
    assert_eq!(
        modes,
        [
            &GinMode::Release,
            &GinMode::Test,
            &GinMode::Debug,
            &GinMode::FromEnv {
                variable: "APP_MODE".into()
            },
            &GinMode::FromEnv {
                variable: "GIN_MODE".into()
            },
            &GinMode::Unresolved {
                expression: "strings.ToLower(\"x\")".into()
            },
            &GinMode::NotAMode {
                value: "Release".into()
            },
            &GinMode::Debug,
        ]
    );
    assert_eq!(
        text(&project, main.set_modes[0].span),
        "web.SetMode(web.ReleaseMode)"
    );
    let vars: Vec<&str> = main.env_reads.iter().map(|e| e.variable.as_str()).collect();
    assert_eq!(vars, ["APP_MODE", "GIN_MODE"]);
}

#[test]
fn gin_without_its_import_name_is_not_gin() {
    // `gin` here is a local variable of another type, and the real import is aliased.
    let project = single(&with_head(
        "type fake struct{}\nfunc (fake) Default() int { return 0 }\nfunc main() { var gin fake; gin.Default() }\n",
    ));
    let main = main_of(&project);
    assert!(!main.uses_gin());
}

#[test]
fn main_reaches_module_packages_transitively_and_skips_tests_and_other_modules() {
    let project = load(&[
        ("/r/go.mod", "module example.com/svc\n\ngo 1.22\n"),
        (
            "/r/cmd/api/main.go",
            "package main\n\nimport \"example.com/svc/internal/server\"\n\nfunc main() { server.Start() }\n",
        ),
        (
            "/r/cmd/api/main_test.go",
            "package main\n\nimport \"os\"\n\nvar _ = os.Getenv(\"TEST_ONLY\")\n",
        ),
        (
            "/r/internal/server/server.go",
            "package server\n\nimport (\n\t\"os\"\n\t\"example.com/svc/internal/router\"\n)\n\nfunc Start() {\n\tr := router.New()\n\tr.Run(\":\" + os.Getenv(\"PORT\"))\n}\n",
        ),
        (
            "/r/internal/router/router.go",
            "package router\n\nimport \"github.com/gin-gonic/gin\"\n\nfunc New() *gin.Engine {\n\tgin.SetMode(gin.ReleaseMode)\n\treturn gin.New()\n}\n",
        ),
        (
            "/r/internal/unused/unused.go",
            "package unused\n\nimport \"os\"\n\nvar _ = os.Getenv(\"UNUSED\")\n",
        ),
        ("/r/tools/gen/go.mod", "module example.com/gen\n"),
        (
            "/r/tools/gen/main.go",
            "package main\n\nimport \"os\"\n\nfunc main() { _ = os.Getenv(\"GEN\") }\n",
        ),
        (
            "/r/scripts/run.go",
            "//go:build ignore\n\npackage main\n\nfunc main() {}\n",
        ),
        ("/elsewhere/main.go", "package main\n\nfunc main() {}\n"),
    ]);
    let dirs: Vec<&Path> = project
        .go_modules()
        .iter()
        .map(|m| m.dir.as_path())
        .collect();
    assert_eq!(dirs, [Path::new("/r"), Path::new("/r/tools/gen")]);
    let root = &project.go_modules()[0];
    assert_eq!(root.gin_require, None);
    let mains: Vec<&Path> = root.mains.iter().map(|m| m.dir.as_path()).collect();
    assert_eq!(mains, [Path::new("/r/cmd/api")]);
    let main = &root.mains[0];
    assert_eq!(main.files.len(), 1);
    assert!(main.uses_gin());
    assert_eq!(
        main.set_modes.iter().map(|s| &s.mode).collect::<Vec<_>>(),
        [&GinMode::Release]
    );
    assert_eq!(
        main.env_reads
            .iter()
            .map(|e| e.variable.as_str())
            .collect::<Vec<_>>(),
        ["PORT"]
    );
    // `r := router.New()` returns `*gin.Engine` from another package of the module: `r.Run` listens.
    assert_eq!(main.listens.len(), 1);
    env_port("PORT", None, None, &main.listens[0].address);
    let generator = &project.go_modules()[1];
    assert_eq!(generator.mains[0].env_reads[0].variable, "GEN");
    let lone = project
        .documents
        .iter()
        .find(|d| d.path == Path::new("/elsewhere/main.go"))
        .expect("loaded");
    assert!(
        unmodelled_reason(&project, lone.file).is_some_and(|r| r.contains("no loaded `go.mod`"))
    );
    let ignored = project
        .documents
        .iter()
        .find(|d| d.path == Path::new("/r/scripts/run.go"))
        .expect("loaded");
    assert!(
        unmodelled_reason(&project, ignored.file).is_some_and(|r| r.contains("go:build ignore"))
    );
}

#[test]
fn seed_stacks_give_the_expected_facts() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/stacks");
    let read = |stack: &str, file: &str| {
        std::fs::read_to_string(root.join(stack).join("app").join(file)).expect("seed file")
    };
    for stack in ["seed-naive", "seed-careful"] {
        let project = load(&[
            ("/app/go.mod", &read(stack, "go.mod")),
            ("/app/main.go", &read(stack, "main.go")),
        ]);
        let module = &project.go_modules()[0];
        assert!(module.gin_require.is_some());
        let main = &module.mains[0];
        assert!(main.uses_gin(), "{stack}");
        assert_eq!(main.listens.len(), 1, "{stack}: {:?}", main.listens);
        env_port("PORT", None, Some(8080), &main.listens[0].address);
        let engines: Vec<&str> = main.engines.iter().map(|s| text(&project, *s)).collect();
        let vars: Vec<&str> = main.env_reads.iter().map(|e| e.variable.as_str()).collect();
        if stack == "seed-naive" {
            assert_eq!(engines, ["gin.Default()"]);
            assert!(main.set_modes.is_empty());
            assert_eq!(vars, ["PORT"]);
        } else {
            assert_eq!(engines, ["gin.New()"]);
            assert_eq!(
                main.set_modes.iter().map(|s| &s.mode).collect::<Vec<_>>(),
                [&GinMode::Release]
            );
            assert_eq!(text(&project, main.listens[0].span), "\":\" + port");
            assert_eq!(vars, ["PORT", "DB_HOST", "DB_PORT"]);
        }
    }
}

#[test]
fn code_nothing_runs_is_not_read_and_conditional_modes_are_marked() {
    let project = single(&with_head(
        "func unused() { helper() }\nfunc helper() { web.SetMode(web.ReleaseMode) }\nfunc handler(c *web.Context) { web.SetMode(web.TestMode) }\nfunc main() {\n\tif os.Getenv(\"X\") == \"1\" {\n\t\tweb.SetMode(web.DebugMode)\n\t}\n\tr := web.New()\n\tr.GET(\"/\", handler)\n\tr.Run(\":8080\")\n}\n",
    ));
    let main = main_of(&project);
    let modes: Vec<(GinMode, bool)> = main
        .set_modes
        .iter()
        .map(|s| (s.mode.clone(), s.conditional))
        .collect();
    // `unused` and the `helper` only it calls never run; `handler` is named as a value, so it may.
    assert_eq!(
        modes,
        vec![(GinMode::Test, false), (GinMode::Debug, true)],
        "{:?}",
        main.set_modes
    );
}
