//! Linking and the effective configuration, on in-memory projects.

use super::*;
use crate::{Candidate, MemoryFs, Project, Timestamp};

fn load(files: &[(&str, &str)], options: &NginxOptions) -> Project {
    let mut fs = MemoryFs::new();
    for (path, text) in files {
        fs.insert(*path, *text);
    }
    Project::load_with_nginx(&fs, fs.candidates(false), Timestamp(0), options)
}

fn config<'a>(project: &'a Project, path: &str) -> &'a NginxConfig {
    project
        .documents
        .iter()
        .find(|d| project.file(d.file).path == path)
        .and_then(|d| d.nginx())
        .expect("an nginx document")
}

fn problems(config: &NginxConfig, project: &Project) -> Vec<String> {
    config
        .include_problems
        .iter()
        .map(|p| {
            let file = project.file(p.span.file);
            let line = file.line_col(p.span.start).line;
            format!("{}:{line}: {:?}", file.path, p.kind)
        })
        .collect()
}

#[test]
fn includes_expand_in_their_context_and_roles_follow() {
    let project = load(
        &[
            (
                "etc/nginx.conf",
                "events {}\nhttp {\n  include conf.d/*.conf;\n}\n",
            ),
            (
                "etc/conf.d/a.conf",
                "server {\n  listen 443 ssl;\n  include snippets/tls.conf;\n}\n",
            ),
            ("etc/snippets/tls.conf", "ssl_protocols TLSv1.2;\n"),
            ("etc/conf.d/.hidden.conf", "server { listen 8080; }\n"),
        ],
        &NginxOptions::default(),
    );
    let main = config(&project, "etc/nginx.conf");
    assert_eq!(main.role, Role::Main);
    assert!(
        main.include_problems.is_empty(),
        "{:?}",
        main.include_problems
    );
    assert_eq!(main.effective.servers.len(), 1);
    let server = &main.effective.servers[0];
    assert!(server.is_tls());
    let protocols = server
        .settings
        .ssl_protocols
        .as_ref()
        .expect("from the snippet");
    assert_eq!(protocols.first(), "TLSv1.2");
    assert_eq!(
        project.file(protocols.span.file).path,
        "etc/snippets/tls.conf"
    );
    assert_eq!(config(&project, "etc/conf.d/a.conf").role, Role::Included);
    assert_eq!(
        config(&project, "etc/snippets/tls.conf").role,
        Role::Included
    );
    // Not matched by `*.conf` (a dot file), so nothing includes it: checked on its own.
    assert_eq!(
        config(&project, "etc/conf.d/.hidden.conf").role,
        Role::Standalone
    );
}

#[test]
fn missing_includes_and_cycles_are_problems_on_the_include_line() {
    let project = load(
        &[
            (
                "n/nginx.conf",
                "events {}\nhttp {\n  include missing.conf;\n  include loop.conf;\n  include none/*.conf;\n}\n",
            ),
            ("n/loop.conf", "include loop.conf;\n"),
        ],
        &NginxOptions::default(),
    );
    let main = config(&project, "n/nginx.conf");
    assert_eq!(
        problems(main, &project),
        [
            "n/nginx.conf:3: Missing(\"n/missing.conf\")",
            "n/loop.conf:1: Cycle([\"n/nginx.conf\", \"n/loop.conf\", \"n/loop.conf\"])",
        ]
    );
}

#[test]
fn files_not_in_the_walk_are_loaded_and_etc_nginx_maps_to_the_prefix() {
    let mut fs = MemoryFs::new();
    fs.insert(
        "/srv/conf/nginx.conf",
        "events {}\nhttp { include /etc/nginx/mime.types; include extra; }\n",
    );
    fs.insert("/srv/conf/mime.types", "types { text/html html; }\n");
    fs.insert("/srv/other/extra", "server_tokens off;\n");
    let candidate = Candidate {
        path: "/srv/conf/nginx.conf".into(),
        display: "nginx.conf".into(),
        explicit: true,
    };
    let options = NginxOptions {
        prefix: None,
        version: Some(NginxVersion::new(1, 22, 1)),
    };
    let project = Project::load_with_nginx(&fs, vec![candidate.clone()], Timestamp(0), &options);
    assert_eq!(project.documents.len(), 2);
    // Shown like the main configuration, which the user named as `nginx.conf`.
    assert_eq!(project.files[1].path, "mime.types");
    let main = project.documents[0].nginx().expect("nginx");
    assert_eq!(main.version, Some(NginxVersion::new(1, 22, 1)));
    assert_eq!(
        problems(main, &project),
        // Shown relative to the main configuration too, as the user named it.
        ["nginx.conf:2: Missing(\"extra\")"]
    );

    let prefixed = NginxOptions {
        prefix: Some("/srv/other".into()),
        version: None,
    };
    let project = Project::load_with_nginx(&fs, vec![candidate], Timestamp(0), &prefixed);
    let main = project.documents[0].nginx().expect("nginx");
    assert_eq!(
        problems(main, &project),
        ["nginx.conf:2: Missing(\"/srv/other/mime.types\")"]
    );
}

#[test]
fn orphan_snippets_use_the_main_config_above_them_as_prefix() {
    let project = load(
        &[
            ("h/nginx.conf", "events {}\n"),
            (
                "h/templates/site.conf",
                "server {\n  include h5bp/basic.conf;\n}\n",
            ),
            ("h/h5bp/basic.conf", "add_header X-Frame-Options DENY;\n"),
        ],
        &NginxOptions::default(),
    );
    let site = config(&project, "h/templates/site.conf");
    assert_eq!(site.role, Role::Standalone);
    assert!(site.include_problems.is_empty());
    assert!(
        site.effective.servers[0]
            .settings
            .add_headers
            .get("x-frame-options")
            .is_some()
    );
    assert_eq!(config(&project, "h/h5bp/basic.conf").role, Role::Included);
}

#[test]
fn files_including_each_other_are_both_checked() {
    let project = load(
        &[
            ("a.conf", "include b.conf;\n"),
            ("b.conf", "include a.conf;\n"),
        ],
        &NginxOptions::default(),
    );
    assert!(config(&project, "a.conf").is_root());
    assert!(config(&project, "b.conf").is_root());
}

#[test]
fn add_header_sets_replace_and_values_inherit() {
    let project = load(
        &[(
            "nginx.conf",
            "events {}\nhttp {\n  ssl_protocols TLSv1.2;\n  add_header A 1;\n  server {\n    listen 443 ssl http2 default_server;\n    listen 127.0.0.1:8080;\n    add_header B 2;\n    location / {\n      proxy_pass http://app:3000/x;\n      if ($x) { add_header C 3; }\n    }\n  }\n  upstream app { server app:3000; }\n  server { add_header_inherit merge; location /m { add_header D 4; } }\n}\n",
        )],
        &NginxOptions::default(),
    );
    let effective = &config(&project, "nginx.conf").effective;
    let server = &effective.servers[0];
    assert_eq!(
        server.settings.ssl_protocols.as_ref().map(Value::first),
        Some("TLSv1.2")
    );
    let names = |set: &HeaderSet| {
        set.headers
            .iter()
            .map(|h| h.name.value.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(names(&server.settings.add_headers), ["B"]);
    assert_eq!(
        names(&HeaderSet {
            headers: server.settings.add_headers.dropped.clone(),
            ..Default::default()
        }),
        ["A"]
    );
    let location = &server.locations[0];
    assert!(location.settings.add_headers.inherited);
    assert_eq!(names(&server.locations[1].settings.add_headers), ["C"]);
    assert_eq!(server.locations[1].kind, LocationKind::If);
    assert_eq!(server.locations[1].parent, Some(0));
    let pass = location.proxy_pass.as_ref().expect("proxy_pass");
    assert_eq!(
        (
            pass.scheme.as_str(),
            pass.host.as_str(),
            pass.port,
            pass.upstream
        ),
        ("http", "app", Some(3000), Some(0))
    );
    assert_eq!(server.listens[0].port, Some(443));
    assert!(server.listens[0].ssl && server.listens[0].http2 && server.listens[0].default_server);
    assert_eq!(
        (server.listens[1].address.as_deref(), server.listens[1].port),
        (Some("127.0.0.1"), Some(8080))
    );
    let merged = &effective.servers[1].locations[0].settings.add_headers;
    assert_eq!(names(merged), ["A", "D"]);
}

const INHERITING: &str = "events {}\nhttp {\n  add_header X-Frame-Options DENY;\n  server {\n    listen 80;\n    location / {\n      add_header_inherit merge;\n      add_header X-Extra 1;\n    }\n  }\n}\n";

fn compose_with(images: &[(&str, &str)]) -> String {
    let mut text = String::from("services:\n");
    for (name, image) in images {
        text.push_str(&format!(
            "  {name}:\n    image: {image}\n    volumes:\n      - ./nginx/nginx.conf:/etc/nginx/nginx.conf:ro\n      - ./conf.d:/etc/nginx/conf.d\n"
        ));
    }
    text
}

#[test]
fn a_compose_image_tag_gives_the_version_of_the_files_it_mounts() {
    let compose = compose_with(&[("web", "nginx:1.22-alpine")]);
    let files = [
        ("stack/compose.yaml", compose.as_str()),
        ("stack/nginx/nginx.conf", "events {}\nhttp {}\n"),
        ("stack/conf.d/site.conf", "server { listen 80; }\n"),
        ("stack/other/extra.conf", "server { listen 81; }\n"),
    ];
    let project = load(&files, &NginxOptions::default());
    for mounted in ["stack/nginx/nginx.conf", "stack/conf.d/site.conf"] {
        let config = config(&project, mounted);
        assert_eq!(
            config.version,
            Some(NginxVersion::new(1, 22, 0)),
            "{mounted}"
        );
        assert_eq!(
            config.version_origin,
            Some(ImageOrigin {
                image: "nginx:1.22-alpine".into(),
                service: "web".into(),
                release: "1.22".into(),
            })
        );
    }
    assert_eq!(config(&project, "stack/other/extra.conf").version, None);

    // --nginx-version (or a dump header) wins over the image.
    let given = NginxOptions {
        prefix: None,
        version: Some(NginxVersion::new(1, 27, 3)),
    };
    let project = load(&files, &given);
    let main = config(&project, "stack/nginx/nginx.conf");
    assert_eq!(main.version, Some(NginxVersion::new(1, 27, 3)));
    assert_eq!(main.version_origin, None);
}

#[test]
fn services_that_disagree_or_name_no_version_leave_it_unknown() {
    let cases = [
        (
            compose_with(&[("a", "nginx:1.22"), ("b", "nginx:1.25")]),
            None,
        ),
        (
            compose_with(&[
                ("a", "nginx:1.25"),
                ("b", "nginxinc/nginx-unprivileged:1.25"),
            ]),
            Some(NginxVersion::new(1, 25, 0)),
        ),
        (compose_with(&[("a", "nginx:latest")]), None),
        (compose_with(&[("a", "nginx")]), None),
        (compose_with(&[("a", "nginx:1.27")]), None),
        (compose_with(&[("a", "certbot/certbot:2.11.0")]), None),
    ];
    for (compose, expected) in cases {
        let project = load(
            &[
                ("compose.yaml", compose.as_str()),
                ("nginx/nginx.conf", "events {}\nhttp {}\n"),
            ],
            &NginxOptions::default(),
        );
        assert_eq!(
            config(&project, "nginx/nginx.conf").version,
            expected,
            "{compose}"
        );
    }
}

#[test]
fn add_header_inherit_merges_only_where_the_version_has_it() {
    let location_headers = |project: &Project| -> Vec<String> {
        config(project, "nginx/nginx.conf").effective.servers[0].locations[0]
            .settings
            .add_headers
            .headers
            .iter()
            .map(|h| h.name.value.clone())
            .collect()
    };
    // Unknown version: honoured.
    let project = load(
        &[("nginx/nginx.conf", INHERITING)],
        &NginxOptions::default(),
    );
    assert_eq!(location_headers(&project), ["X-Frame-Options", "X-Extra"]);
    assert!(config(&project, "nginx/nginx.conf").rejected.is_empty());

    let compose = compose_with(&[("web", "nginx:1.29.3")]);
    let files = [
        ("compose.yaml", compose.as_str()),
        ("nginx/nginx.conf", INHERITING),
    ];
    let project = load(&files, &NginxOptions::default());
    assert_eq!(location_headers(&project), ["X-Frame-Options", "X-Extra"]);
    assert!(config(&project, "nginx/nginx.conf").rejected.is_empty());

    // Older than 1.29.3: nginx rejects the directive, and nothing merges.
    let compose = compose_with(&[("web", "nginx:1.28.0")]);
    let files = [
        ("compose.yaml", compose.as_str()),
        ("nginx/nginx.conf", INHERITING),
    ];
    let project = load(&files, &NginxOptions::default());
    assert_eq!(location_headers(&project), ["X-Extra"]);
    let main = config(&project, "nginx/nginx.conf");
    let rejected: Vec<(u32, &str)> = main
        .rejected
        .iter()
        .map(|e| {
            let file = project.file(e.span.file);
            (file.line_col(e.span.start).line, e.span.text(&file.text))
        })
        .collect();
    assert_eq!(rejected, [(7, "add_header_inherit")]);
    assert!(
        main.rejected[0]
            .message
            .contains("for nginx 1.28.0 (image `nginx:1.28.0` of compose service `web`)"),
        "{}",
        main.rejected[0].message
    );
}

#[test]
fn stream_servers_inherit_tls_settings_from_stream_not_http() {
    let project = load(
        &[(
            "nginx.conf",
            "events {}\nhttp {\n  ssl_protocols TLSv1.3;\n  server { listen 443 ssl; }\n}\nstream {\n  ssl_protocols TLSv1 TLSv1.2;\n  upstream db { server db:5432; }\n  server {\n    listen 5433 ssl;\n    proxy_pass db;\n  }\n  server { listen 53 udp; ssl_ciphers HIGH; }\n}\n",
        )],
        &NginxOptions::default(),
    );
    let effective = &config(&project, "nginx.conf").effective;
    assert_eq!(effective.servers.len(), 1);
    assert_eq!(effective.stream_servers.len(), 2);
    let tls = &effective.stream_servers[0];
    assert_eq!(tls.listens[0].port, Some(5433));
    assert!(tls.is_tls());
    let protocols: Vec<&str> = tls
        .settings
        .ssl_protocols
        .as_ref()
        .map(|v| v.args.iter().map(|a| a.value.as_str()).collect())
        .unwrap_or_default();
    assert_eq!(protocols, ["TLSv1", "TLSv1.2"]);
    assert!(!effective.stream_servers[1].is_tls());
    assert_eq!(
        effective.stream_servers[1]
            .settings
            .ssl_ciphers
            .as_ref()
            .map(Value::first),
        Some("HIGH")
    );
    // Both TLS servers, http's first.
    assert_eq!(effective.tls_servers().count(), 2);
}

#[test]
fn paths_beside_the_configuration_are_shown_the_way_the_tree_is() {
    use super::include::show;
    use std::path::Path;
    let dir = Path::new("/srv/checkout/shared/site/conf.d");
    let shown = Path::new("../shared/site/conf.d");
    assert_eq!(
        show(
            Path::new("/srv/checkout/shared/site/conf.d/app.conf"),
            dir,
            shown
        ),
        "../shared/site/conf.d/app.conf"
    );
    assert_eq!(
        show(
            Path::new("/srv/checkout/shared/site/certs/default.crt"),
            dir,
            shown
        ),
        "../shared/site/certs/default.crt",
        "a sibling directory keeps the shown form"
    );
    assert_eq!(
        show(
            Path::new("/etc/letsencrypt/live/x/fullchain.pem"),
            dir,
            Path::new("site/conf.d")
        ),
        "/etc/letsencrypt/live/x/fullchain.pem",
        "outside the tree as shown: the path the configuration names"
    );
}
