use super::*;
use crate::{MemoryFs, Project, Timestamp};

fn load(files: &[(&str, &str)]) -> Project {
    let mut fs = MemoryFs::new();
    for (path, text) in files {
        fs.insert(*path, text.as_bytes().to_vec());
    }
    Project::load(&fs, fs.candidates(false), Timestamp(0))
}

const COMPOSE: &str = "services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - ./nginx.conf:/etc/nginx/nginx.conf:ro\n  app:\n    build:\n      context: ./app\n      target: run\n    ports:\n      - \"3000:8080\"\n    expose:\n      - \"9000\"\n    environment:\n      PORT: \"8080\"\n    networks:\n      default:\n        aliases: [api]\n";
const DOCKERFILE: &str = "FROM golang:1.22 AS build\nENV PORT=1\nFROM alpine:3.20 AS run\nENV PORT=2 GIN_MODE=release\nEXPOSE 8080/tcp 7000-7001\nFROM run AS debug\nEXPOSE 5000\n";
const NGINX: &str = "events {}\nhttp {\n  upstream pool { server app:8080; server other:81; }\n  server {\n    listen 80;\n    location / { proxy_pass http://api; }\n    location /a { proxy_pass http://pool; }\n    location /b { proxy_pass http://example.com:8443; }\n    location /c { proxy_pass http://127.0.0.1:9; }\n    location /d { proxy_pass http://$host; }\n  }\n}\n";

#[test]
fn services_link_to_the_target_stage_with_environment_and_ports() {
    let project = load(&[
        ("compose.yaml", COMPOSE),
        ("app/Dockerfile", DOCKERFILE),
        ("nginx.conf", NGINX),
    ]);
    let stack = &project.stack;
    let (_, app) = stack.named("app").next().expect("app is linked");
    let dockerfile = project
        .documents
        .iter()
        .find(|d| d.dockerfile().is_some())
        .expect("the Dockerfile is loaded");
    assert_eq!(
        app.shipped(),
        Some((dockerfile.file, 1)),
        "target `run` is stage 1"
    );
    assert_eq!(stack.built_from(dockerfile.file).count(), 1);
    // compose environment wins over the stage's ENV; GIN_MODE comes from the stage; stage 0's ENV is not inherited.
    let port = app.env("PORT").expect("PORT is set");
    assert_eq!(
        (port.value.as_deref(), port.source),
        (Some("8080"), EnvSource::Compose)
    );
    let mode = app.env("GIN_MODE").expect("GIN_MODE is set");
    assert_eq!(
        (mode.value.as_deref(), mode.source),
        (Some("release"), EnvSource::Dockerfile)
    );
    let ports: Vec<(String, PortSource)> = app.ports.iter().map(|p| (p.text(), p.source)).collect();
    assert_eq!(
        ports,
        [
            ("8080".to_string(), PortSource::Published),
            ("9000".to_string(), PortSource::Expose),
            ("8080".to_string(), PortSource::Dockerfile),
            ("7000-7001".to_string(), PortSource::Dockerfile),
        ]
    );
    assert_eq!(app.ports[0].published.as_deref(), Some("3000"));
}

#[test]
fn proxies_resolve_to_services_aliases_and_what_they_are_otherwise() {
    let project = load(&[
        ("compose.yaml", COMPOSE),
        ("app/Dockerfile", DOCKERFILE),
        ("nginx.conf", NGINX),
    ]);
    let stack = &project.stack;
    let app = stack.named("app").next().expect("app is linked").0;
    let hops: Vec<(&str, Option<u16>, &ProxyTarget)> = stack
        .proxies
        .iter()
        .map(|h| (h.host.as_str(), h.port, &h.target))
        .collect();
    assert_eq!(
        hops,
        [
            ("api", Some(80), &ProxyTarget::Service(app)),
            ("app", Some(8080), &ProxyTarget::Service(app)),
            ("other", Some(81), &ProxyTarget::NotFound),
            ("example.com", Some(8443), &ProxyTarget::External),
            ("127.0.0.1", Some(9), &ProxyTarget::Loopback),
            ("$host", None, &ProxyTarget::Variable),
        ]
    );
    assert!(stack.proxies[1].upstream_server.is_some());
}

#[test]
fn a_dockerfile_not_loaded_is_recorded_as_such() {
    let project = load(&[("compose.yaml", COMPOSE)]);
    let (_, app) = project.stack.named("app").next().expect("app is linked");
    let build = app.build.as_ref().expect("app builds");
    assert_eq!(
        build.path.as_deref(),
        Some(std::path::Path::new("app/Dockerfile"))
    );
    assert!(build.dockerfile.is_none());
    assert_eq!(app.shipped(), None);
    assert_eq!(app.ports.len(), 2, "compose ports and expose only");
}

#[test]
fn loopback_is_the_own_container_in_compose_and_a_published_port_on_the_host() {
    let conf = "server {\n  listen 80;\n  location / { proxy_pass http://localhost:3000; }\n}\n";
    let compose = "services:\n  app:\n    image: example/app:1\n    ports:\n      - \"127.0.0.1:3000:8080\"\n";
    let host = load(&[("compose.yaml", compose), ("nginx/site.conf", conf)]);
    let app = host.stack.named("app").next().expect("app").0;
    assert_eq!(host.stack.proxies.len(), 1);
    assert_eq!(
        host.stack.proxies[0].target,
        ProxyTarget::Published {
            service: app,
            port: 0
        }
    );
    assert!(host.stack.proxies[0].runners.is_empty());

    let compose = format!(
        "{compose}  web:\n    image: nginx:1.27\n    volumes:\n      - ./nginx:/etc/nginx/conf.d:ro\n"
    );
    let contained = load(&[
        ("compose.yaml", compose.as_str()),
        ("nginx/site.conf", conf),
    ]);
    let web = contained.stack.named("web").next().expect("web").0;
    assert_eq!(contained.stack.proxies[0].target, ProxyTarget::Loopback);
    assert_eq!(contained.stack.proxies[0].runners, [web]);
}

#[test]
fn an_nginx_image_built_from_a_context_runs_the_configs_in_it() {
    let project = load(&[
        (
            "compose.yaml",
            "services:\n  web:\n    build: ./proxy\n  app:\n    image: example/app:1\n",
        ),
        (
            "proxy/Dockerfile",
            "FROM nginx:1.27-alpine AS base\nFROM base\nCOPY default.conf /etc/nginx/conf.d/\n",
        ),
        (
            "proxy/default.conf",
            "server {\n  listen 80;\n  location / { proxy_pass http://app:8080; }\n}\n",
        ),
        (
            "other/site.conf",
            "server {\n  listen 80;\n  location / { proxy_pass http://app:8080; }\n}\n",
        ),
    ]);
    let web = project.stack.named("web").next().expect("web").0;
    let runners: Vec<&[usize]> = project
        .stack
        .proxies
        .iter()
        .map(|h| h.runners.as_slice())
        .collect();
    assert_eq!(
        runners,
        [&[][..], &[web][..]],
        "other/ sorts first and no service runs it"
    );
}

const MAIN_GO: &str = "package main\n\nimport (\n\t\"os\"\n\n\t\"github.com/gin-gonic/gin\"\n)\n\nfunc main() {\n\tport := os.Getenv(\"PORT\")\n\tif port == \"\" {\n\t\tport = \"8080\"\n\t}\n\tr := gin.New()\n\tr.Run(\":\" + port)\n}\n";
const GO_MOD: &str =
    "module example.com/shop\n\ngo 1.22\n\nrequire github.com/gin-gonic/gin v1.10.0\n";
const GO_DOCKERFILE: &str = "FROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/shop .\nFROM alpine:3.20\nCOPY --from=build /out/shop /shop\nENV PORT=9000\n";

fn listen_port(compose_env: &str) -> Option<u16> {
    let compose = format!("services:\n  app:\n    build: ./app\n{compose_env}");
    let project = load(&[
        ("compose.yaml", compose.as_str()),
        ("app/Dockerfile", GO_DOCKERFILE),
        ("app/go.mod", GO_MOD),
        ("app/main.go", MAIN_GO),
    ]);
    let apps = &project.stack.apps;
    assert_eq!(apps.len(), 1, "the module is linked to service app");
    assert_eq!(apps[0].built_by, AppBuilder::Service(0));
    assert_eq!(apps[0].listens.len(), 1);
    match &apps[0].listens[0].resolution {
        ListenResolution::Resolved { port, evidence, .. } => {
            assert!(!evidence.is_empty());
            Some(*port)
        }
        ListenResolution::Unknown { .. } => None,
    }
}

#[test]
fn the_listen_port_follows_compose_over_env_over_the_fallback() {
    assert_eq!(listen_port(""), Some(9000), "the Dockerfile's ENV");
    assert_eq!(
        listen_port("    environment:\n      PORT: \"7000\"\n"),
        Some(7000),
        "compose wins"
    );
    assert_eq!(
        listen_port("    environment:\n      PORT: \"\"\n"),
        Some(8080),
        "empty: the fallback"
    );
    assert_eq!(
        listen_port("    environment:\n      - PORT\n"),
        None,
        "from the shell: unknown"
    );
    assert_eq!(
        listen_port("    environment:\n      PORT: http\n"),
        None,
        "not a port: unknown"
    );
}

#[test]
fn a_module_no_service_builds_is_linked_to_the_dockerfile_beside_it() {
    let project = load(&[
        ("svc/Dockerfile", GO_DOCKERFILE),
        ("svc/go.mod", GO_MOD),
        ("svc/main.go", MAIN_GO),
        ("lib/go.mod", "module example.com/lib\n"),
    ]);
    let dockerfile = project
        .documents
        .iter()
        .find(|d| d.dockerfile().is_some())
        .expect("Dockerfile");
    let apps = &project.stack.apps;
    assert_eq!(apps.len(), 1);
    assert_eq!(
        apps[0].built_by,
        AppBuilder::Dockerfile {
            file: dockerfile.file,
            stage: 1
        }
    );
    assert_eq!(
        apps[0].env("PORT").and_then(|e| e.value.as_deref()),
        Some("9000")
    );
}

#[test]
fn an_override_beside_the_compose_file_merges_into_the_linked_service() {
    let project = load(&[
        ("compose.yaml", COMPOSE),
        (
            "compose.override.yaml",
            "services:\n  web:\n    network_mode: host\n  app:\n    environment:\n      PORT: \"9090\"\n",
        ),
        ("app/Dockerfile", DOCKERFILE),
    ]);
    let stack = &project.stack;
    let (_, web) = stack.named("web").next().expect("web is linked");
    let network_mode = |link: &ServiceLink| {
        let service = link.written(&project).expect("written").merged();
        service.network_mode.as_ref().map(|m| m.value.clone())
    };
    assert_eq!(network_mode(web).as_deref(), Some("host"));
    let main = project
        .documents
        .iter()
        .find(|d| d.path.ends_with("compose.yaml"))
        .expect("compose.yaml is loaded");
    assert_eq!(web.compose, main.file, "linked from compose.yaml");
    let (_, app) = stack.named("app").next().expect("app is linked");
    assert_eq!(
        app.env("PORT").and_then(|p| p.value.as_deref()),
        Some("9090")
    );
    assert_eq!(network_mode(app), None);
}
