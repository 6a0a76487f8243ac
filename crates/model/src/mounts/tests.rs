use super::*;
use crate::{MemoryFs, Timestamp};

fn load(files: &[(&str, &str)]) -> Project {
    let mut fs = MemoryFs::new();
    for (path, text) in files {
        fs.insert(*path, text.as_bytes().to_vec());
    }
    Project::load(&fs, fs.candidates(false), Timestamp(0))
}

fn compose(project: &Project) -> &ComposeFile {
    project
        .documents
        .iter()
        .find_map(|d| d.compose())
        .expect("a compose file")
}

/// What `container` resolves to through service `name`, as a short string.
fn resolve(project: &Project, name: &str, container: &str) -> String {
    let compose = compose(project);
    let service = compose.service(name).expect("the service");
    match ServiceMounts::new(compose, service).resolve(container) {
        MountResolution::Host { path, mount } => {
            format!("host {} via {}", path.display(), mount.target.value)
        }
        MountResolution::NamedVolume { name, mount } => {
            format!("volume {name} via {}", mount.target.value)
        }
        MountResolution::Unknown { reason, .. } => format!("unknown: {reason}"),
        MountResolution::NotMounted => "not mounted".to_string(),
    }
}

const STACK: &str = r#"
services:
  web:
    image: nginx:1.27.3-alpine
    volumes:
      - ./nginx/nginx.conf:/etc/nginx/nginx.conf:ro
      - ./nginx:/etc/nginx/extra
      - ./certs:/etc/letsencrypt:ro
      - type: bind
        source: ./snippets
        target: /etc/nginx/snippets
        read_only: true
      - /srv/shared/tls:/etc/letsencrypt/live/shared
      - acme:/etc/letsencrypt/live/acme
      - ~/keys:/keys
      - $${HOME}/x:/x
      - type: tmpfs
        target: /var/cache/nginx
      - /anonymous
      - C:\data:/windows
      - type: volume
        source: named
        target: /named/
volumes:
  acme:
  named:
"#;

#[test]
fn bind_mounts_short_and_long_resolve_against_the_compose_directory() {
    let project = load(&[("stack/compose.yaml", STACK)]);
    let cases = [
        (
            "/etc/nginx/nginx.conf",
            "host stack/nginx/nginx.conf via /etc/nginx/nginx.conf",
        ),
        (
            "/etc/letsencrypt/live/example.com/fullchain.pem",
            "host stack/certs/live/example.com/fullchain.pem via /etc/letsencrypt",
        ),
        (
            "/etc/nginx/snippets/tls.conf",
            "host stack/snippets/tls.conf via /etc/nginx/snippets",
        ),
        // Read through `..` and `.` as the container would.
        (
            "/etc/nginx/conf.d/../snippets/./a.conf",
            "host stack/snippets/a.conf via /etc/nginx/snippets",
        ),
        // An absolute source stays as written.
        (
            "/etc/letsencrypt/live/shared/key.pem",
            "host /srv/shared/tls/key.pem via /etc/letsencrypt/live/shared",
        ),
        ("/etc/nginx/mime.types", "not mounted"),
        // A prefix of a name is not a parent directory.
        ("/etc/nginx/nginx.conf.bak", "not mounted"),
        ("/etc/letsencryptx/a.pem", "not mounted"),
    ];
    for (container, expected) in cases {
        assert_eq!(resolve(&project, "web", container), expected, "{container}");
    }
}

#[test]
fn the_deepest_mount_wins_and_volumes_say_what_they_are() {
    let project = load(&[("stack/compose.yaml", STACK)]);
    assert_eq!(
        resolve(&project, "web", "/etc/letsencrypt/live/acme/fullchain.pem"),
        "volume acme via /etc/letsencrypt/live/acme"
    );
    assert_eq!(
        resolve(&project, "web", "/named/a/b"),
        "volume named via /named/"
    );
    for (container, reason) in [
        ("/keys/a.key", "home directory"),
        ("/x/a", "variable"),
        ("/var/cache/nginx/a", "tmpfs"),
        ("/anonymous/file", "anonymous volume"),
        ("/windows/cert.pem", "Windows path"),
    ] {
        let got = resolve(&project, "web", container);
        assert!(
            got.starts_with("unknown: ") && got.contains(reason),
            "{container}: {got}"
        );
    }
}

#[test]
fn odd_paths_never_panic() {
    let project = load(&[("compose.yaml", STACK)]);
    for container in [
        "",
        "/",
        "relative/x",
        "..",
        "/../../etc",
        "C:\\x",
        "\\\\server\\share",
        "//",
        "/é/ü",
    ] {
        let _ = resolve(&project, "web", container);
    }
    // A relative container path is read from `/`.
    assert_eq!(
        resolve(&project, "web", "etc/nginx/nginx.conf"),
        "host nginx/nginx.conf via /etc/nginx/nginx.conf"
    );
    assert_eq!(
        resolve(&project, "web", "/../etc/letsencrypt/a"),
        "host certs/a via /etc/letsencrypt"
    );
}

#[test]
fn host_files_appear_where_no_deeper_mount_hides_them() {
    let project = load(&[(
        "compose.yaml",
        r#"
services:
  web:
    image: nginx
    volumes:
      - ./nginx:/etc/nginx
      - ./other:/etc/nginx/conf.d
      - ./nginx/conf.d:/srv/conf
"#,
    )]);
    let compose = compose(&project);
    let service = compose.service("web").expect("web");
    let mounts = ServiceMounts::new(compose, service);
    let paths = |host: &str| -> Vec<String> {
        mounts
            .container_paths(Path::new(host))
            .into_iter()
            .map(|(p, _)| p.display().to_string())
            .collect()
    };
    // Hidden under /etc/nginx/conf.d by ./other, visible under /srv/conf.
    assert_eq!(paths("nginx/conf.d/app.conf"), ["/srv/conf/app.conf"]);
    assert_eq!(paths("./nginx/nginx.conf"), ["/etc/nginx/nginx.conf"]);
    assert_eq!(paths("other/x.conf"), ["/etc/nginx/conf.d/x.conf"]);
    assert!(paths("elsewhere/x.conf").is_empty());
}

#[test]
fn nginx_runners_are_nginx_images_that_bind_mount_the_file() {
    let project = load(&[
        (
            "compose.yaml",
            r#"
services:
  proxy:
    image: nginx:latest
    volumes:
      - ./nginx/nginx.conf:/etc/nginx/nginx.conf:ro
      - ./nginx/conf.d:/etc/nginx/conf.d:ro
  tools:
    image: alpine:3.20
    volumes:
      - ./nginx:/nginx
"#,
        ),
        (
            "nginx/nginx.conf",
            "events {}\nhttp { include /etc/nginx/conf.d/*.conf; }\n",
        ),
        ("nginx/conf.d/app.conf", "server { listen 80; }\n"),
        ("host/site.conf", "server { listen 80; }\n"),
    ]);
    let runners = nginx_runners(&project);
    let shown: Vec<(String, String, String)> = runners
        .iter()
        .flat_map(|(&index, list)| {
            let project = &project;
            list.iter().map(move |r| {
                (
                    project.documents[index].path.display().to_string(),
                    r.service.get(project).expect("service").name.value.clone(),
                    r.container_path.display().to_string(),
                )
            })
        })
        .collect();
    let expected = [
        (
            "nginx/conf.d/app.conf",
            "proxy",
            "/etc/nginx/conf.d/app.conf",
        ),
        ("nginx/nginx.conf", "proxy", "/etc/nginx/nginx.conf"),
    ];
    assert_eq!(
        shown,
        expected.map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
    );
    let first = &runners.values().next().expect("a runner")[0];
    let service = first.service.get(&project).expect("service");
    assert_eq!(
        service.volumes[first.mount].target.value,
        "/etc/nginx/conf.d"
    );
}

#[test]
fn nginx_image_names() {
    for image in [
        "nginx",
        "nginx:latest",
        "nginx@sha256:00",
        "registry.example:5000/library/nginx:1.25",
        "nginxinc/nginx-unprivileged:stable",
        "bitnami/nginx:1.26.2",
    ] {
        assert!(is_nginx_image(image), "{image}");
    }
    for image in [
        "nginxproxy/nginx-proxy:1.6",
        "registry.example:5000",
        "httpd",
        "",
        "certbot/certbot",
    ] {
        assert!(!is_nginx_image(image), "{image}");
    }
}

/// The nginx root document at `path`.
fn nginx<'p>(project: &'p Project, path: &str) -> &'p crate::nginx::NginxConfig {
    project
        .documents
        .iter()
        .find(|d| d.path == Path::new(path))
        .and_then(|d| d.nginx())
        .expect("the nginx file")
}

const CERT: &str = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

#[test]
fn nginx_in_a_service_reads_includes_and_certificates_through_its_mounts() {
    let project = load(&[
        (
            "stack/compose.yaml",
            r#"
services:
  web:
    image: nginx:1.27.3
    volumes:
      - ./nginx/nginx.conf:/etc/nginx/nginx.conf:ro
      - ./sites:/etc/nginx/conf.d:ro
      - ./shared/snippets:/etc/nginx/snippets:ro
      - ./certs:/etc/letsencrypt:ro
      - acme:/etc/acme
      - /srv/tls:/etc/srv-tls:ro
volumes:
  acme:
"#,
        ),
        (
            "stack/nginx/nginx.conf",
            "events {}\nhttp {\n  include mime.types;\n  include /etc/nginx/conf.d/*.conf;\n}\n",
        ),
        (
            "stack/sites/app.conf",
            concat!(
                "server {\n  listen 443 ssl;\n  server_name a.example;\n",
                "  include /etc/nginx/snippets/tls.conf;\n",
                "  include /etc/nginx/snippets/gone.conf;\n",
                "  include /etc/nginx/extra/x.conf;\n",
                "  ssl_certificate /etc/letsencrypt/live/a/fullchain.pem;\n",
                "  ssl_certificate_key /etc/letsencrypt/live/a/missing.pem;\n",
                "  ssl_trusted_certificate /etc/acme/chain.pem;\n",
                "  ssl_dhparam /etc/ssl/dhparam.pem;\n",
                "  ssl_trusted_certificate /etc/ssl/certs/ca-certificates.crt;\n",
                "  ssl_client_certificate /etc/srv-tls/clients.pem;\n",
                "}\n"
            ),
        ),
        ("stack/shared/snippets/tls.conf", "ssl_protocols TLSv1.3;\n"),
        // Where a host nginx would look: not where the container looks.
        ("stack/nginx/snippets/gone.conf", "ssl_protocols TLSv1;\n"),
        ("stack/certs/live/a/fullchain.pem", CERT),
    ]);
    let main = nginx(&project, "stack/nginx/nginx.conf");
    let runner = main.runner.as_ref().expect("run by the compose service");
    assert_eq!(runner.container_path, Path::new("/etc/nginx/nginx.conf"));
    // The snippet came through its own mount.
    let server = &main.effective.servers[0];
    assert_eq!(
        server.settings.ssl_protocols.as_ref().map(|v| v.first()),
        Some("TLSv1.3")
    );
    let text = |span: shiplint_syntax::Span| span.text(&project.file(span.file).text).to_string();
    let problems: Vec<String> = main
        .mount_problems
        .iter()
        .map(|p| {
            let kind = match &p.kind {
                crate::nginx::MountProblemKind::NotMounted => "not mounted".to_string(),
                crate::nginx::MountProblemKind::MissingOnHost { host, mount } => {
                    format!("missing {host} ({})", text(*mount))
                }
                crate::nginx::MountProblemKind::NamedVolume { name, .. } => {
                    format!("volume {name}")
                }
                crate::nginx::MountProblemKind::Unknown { reason, .. } => reason.clone(),
            };
            format!("{} {} {}: {kind}", p.directive, text(p.span), p.service)
        })
        .collect();
    assert_eq!(
        problems,
        [
            "include /etc/nginx/snippets/gone.conf web: missing stack/shared/snippets/gone.conf (./shared/snippets:/etc/nginx/snippets:ro)",
            "include /etc/nginx/extra/x.conf web: not mounted",
            "ssl_certificate_key /etc/letsencrypt/live/a/missing.pem web: missing stack/certs/live/a/missing.pem (./certs:/etc/letsencrypt:ro)",
            "ssl_trusted_certificate /etc/acme/chain.pem web: volume acme",
            "ssl_dhparam /etc/ssl/dhparam.pem web: not mounted",
            "ssl_client_certificate /etc/srv-tls/clients.pem web: its host path `/srv/tls` is not among the checked files: a path on the machine that runs the stack",
        ]
    );
    // The stock mime.types stays a missing stock include (the image has it).
    assert_eq!(main.include_problems.len(), 1);
    assert!(main.include_problems[0].kind.is_missing_stock_file());
    let certificate = main
        .tls_files
        .iter()
        .find(|f| f.directive == "ssl_certificate")
        .expect("the certificate");
    assert_eq!(
        certificate.path.as_deref(),
        Some("stack/certs/live/a/fullchain.pem")
    );
    let document = certificate.document.expect("loaded");
    assert_eq!(
        project.documents[document].path,
        Path::new("stack/certs/live/a/fullchain.pem")
    );
}

#[test]
fn a_host_nginx_keeps_its_prefix_rules_and_finds_certificates_it_names() {
    let project = load(&[
        (
            "etc/nginx/nginx.conf",
            "events {}\nhttp { include sites/*.conf; }\n",
        ),
        (
            "etc/nginx/sites/a.conf",
            "server { listen 443 ssl; ssl_certificate certs/a.pem; ssl_certificate_key /nowhere/a.key; }\n",
        ),
        ("etc/nginx/certs/a.pem", CERT),
    ]);
    let main = nginx(&project, "etc/nginx/nginx.conf");
    assert!(main.runner.is_none());
    assert!(main.mount_problems.is_empty());
    let found: Vec<(Option<&str>, bool)> = main
        .tls_files
        .iter()
        .map(|f| (f.path.as_deref(), f.document.is_some()))
        .collect();
    assert_eq!(
        found,
        [
            (Some("etc/nginx/certs/a.pem"), true),
            (Some("/nowhere/a.key"), false)
        ]
    );
}

#[test]
fn wildcard_includes_expand_in_the_mounted_directory_or_say_they_cannot() {
    let project = load(&[
        (
            "compose.yaml",
            r#"
services:
  web:
    image: nginx:1.27.3
    volumes:
      - ./nginx.conf:/etc/nginx/nginx.conf:ro
      - ./sites:/etc/nginx/sites-enabled:ro
      - generated:/etc/nginx/generated
volumes:
  generated:
"#,
        ),
        (
            "nginx.conf",
            concat!(
                "events {}\nhttp {\n",
                "  include sites-enabled/*.conf;\n",
                "  include /etc/nginx/generated/*.conf;\n",
                "  include /etc/nginx/conf.d/*.conf;\n",
                "}\n"
            ),
        ),
        ("sites/b.conf", "server { listen 8081; }\n"),
        ("sites/a.conf", "server { listen 8080; }\n"),
    ]);
    let main = nginx(&project, "nginx.conf");
    let ports: Vec<Option<u16>> = main
        .effective
        .servers
        .iter()
        .map(|s| s.listens[0].port)
        .collect();
    // Relative to /etc/nginx in the container, expanded in ./sites, in nginx's sorted order.
    assert_eq!(ports, [Some(8080), Some(8081)]);
    // The image's own conf.d (not mounted) is nginx's business; the volume is said.
    let said: Vec<(&str, bool)> = main
        .mount_problems
        .iter()
        .map(|p| {
            (
                p.container_path.as_str(),
                matches!(p.kind, crate::nginx::MountProblemKind::NamedVolume { .. }),
            )
        })
        .collect();
    assert_eq!(said, [("/etc/nginx/generated/*.conf", true)]);
    assert!(main.include_problems.is_empty());
}
