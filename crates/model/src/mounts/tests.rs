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
