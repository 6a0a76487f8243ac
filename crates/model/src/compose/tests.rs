use super::*;
use crate::MemoryFs;

fn load(fs: &MemoryFs, path: &str) -> ComposeFile {
    let bytes = fs.read(Path::new(path)).expect("file");
    ComposeFile::load(
        fs,
        Path::new(path),
        FileId(0),
        &String::from_utf8_lossy(&bytes),
    )
}

fn env_of(service: &Service) -> Vec<(&str, Option<&str>)> {
    let mut map = std::collections::BTreeMap::new();
    for var in &service.environment {
        map.insert(
            var.name.value.as_str(),
            var.value.as_ref().map(|v| v.value.as_str()),
        );
    }
    map.into_iter().collect()
}

#[test]
fn services_with_spans_interpolation_and_env_files() {
    let mut fs = MemoryFs::new();
    fs.insert("/p/.env", "TAG=1.25\nDB_PASSWORD=from-dotenv\n");
    fs.insert("/p/app.env", "MODE=prod\nLEVEL=debug\n");
    let text = "services:\n  web:\n    image: nginx:${TAG}\n    build:\n      context: ./app\n      target: runtime\n    ports:\n      - \"127.0.0.1:8080:80\"\n    env_file: app.env\n    environment:\n      LEVEL: info\n      DB_PASSWORD:\n      API_TOKEN: hunter2\n      HOME_DIR: ${MISSING}\n    volumes:\n      - ./data:/var/lib/data:ro\n      - /var/run/docker.sock:/var/run/docker.sock\n      - cache:/cache\n    depends_on:\n      db:\n        condition: service_healthy\n  db:\n    image: postgres\n    healthcheck:\n      test: [\"CMD\", \"pg_isready\"]\n";
    fs.insert("/p/compose.yaml", text);
    let compose = load(&fs, "/p/compose.yaml");
    assert!(compose.yaml.errors.is_empty());
    let web = compose.service("web").expect("web");
    assert_eq!(web.name.span.text(text), "web");
    assert_eq!(
        web.image.as_ref().map(|i| i.value.as_str()),
        Some("nginx:1.25")
    );
    assert_eq!(
        web.image.as_ref().map(|i| i.span.text(text)),
        Some("nginx:${TAG}")
    );
    let build = web.build.as_ref().expect("build");
    assert_eq!(build.context_path(), Some(PathBuf::from("/p/app")));
    assert_eq!(
        build.dockerfile_path(),
        Some(PathBuf::from("/p/app/Dockerfile"))
    );
    assert_eq!(
        build.target.as_ref().map(|t| t.span.text(text)),
        Some("runtime")
    );
    assert_eq!(web.ports[0].published_span.text(text), "8080");
    assert_eq!(
        env_of(web),
        [
            ("API_TOKEN", Some("hunter2")),
            ("DB_PASSWORD", Some("from-dotenv")),
            ("HOME_DIR", Some("")),
            ("LEVEL", Some("info")),
            ("MODE", Some("prod")),
        ]
    );
    let literal: Vec<&str> = web
        .environment
        .iter()
        .filter(|v| v.literal)
        .map(|v| v.name.value.as_str())
        .collect();
    assert_eq!(literal, ["LEVEL", "API_TOKEN"]);
    let mounts: Vec<(MountKind, Option<&str>, &str, bool)> = web
        .volumes
        .iter()
        .map(|m| {
            (
                m.kind,
                m.source.as_ref().map(|s| s.value.as_str()),
                m.target.value.as_str(),
                m.read_only,
            )
        })
        .collect();
    assert_eq!(
        mounts,
        [
            (MountKind::Bind, Some("./data"), "/var/lib/data", true),
            (
                MountKind::Bind,
                Some("/var/run/docker.sock"),
                "/var/run/docker.sock",
                false
            ),
            (MountKind::Volume, Some("cache"), "/cache", false),
        ]
    );
    assert_eq!(
        web.volumes[1].source.as_ref().map(|s| s.span.text(text)),
        Some("/var/run/docker.sock")
    );
    assert_eq!(
        web.depends_on[0]
            .condition
            .as_ref()
            .map(|c| c.value.as_str()),
        Some("service_healthy")
    );
    assert!(
        compose
            .service("db")
            .and_then(|d| d.healthcheck.as_ref())
            .is_some()
    );
    let unset: Vec<&str> = compose
        .problems
        .iter()
        .filter(|p| p.kind == ProblemKind::UnsetVariable)
        .map(|p| p.span.text(text))
        .collect();
    assert_eq!(unset, ["${MISSING}"]);
    let secrets: Vec<&str> = compose
        .secret_spans()
        .iter()
        .map(|s| s.text(text))
        .collect();
    assert_eq!(secrets, ["hunter2"], "the .env value is not in this file");
}

#[test]
fn extends_in_the_same_and_another_file() {
    let mut fs = MemoryFs::new();
    fs.insert("/p/common.yaml", "services:\n  base:\n    image: alpine:3.20\n    environment: [A=1, B=2]\n    ports: [\"80\"]\n");
    let text = "services:\n  one:\n    extends: {file: common.yaml, service: base}\n    environment: {B: 3}\n  two:\n    extends: one\n    ports: [\"81\"]\n  loop:\n    extends: loop\n  lost:\n    extends: {file: missing.yaml, service: x}\n";
    fs.insert("/p/compose.yaml", text);
    let compose = load(&fs, "/p/compose.yaml");
    let one = compose.service("one").expect("one");
    assert_eq!(
        one.image.as_ref().map(|i| i.value.as_str()),
        Some("alpine:3.20")
    );
    assert_eq!(
        one.image.as_ref().map(|i| i.span.text(text)),
        Some("{file: common.yaml, service: base}"),
        "relocated to the extends"
    );
    assert_eq!(env_of(one), [("A", Some("1")), ("B", Some("3"))]);
    let two = compose.service("two").expect("two");
    let targets: Vec<u16> = two.ports.iter().map(|p| p.target).collect();
    assert_eq!(targets, [80, 81]);
    assert_eq!(
        two.image.as_ref().map(|i| i.value.as_str()),
        Some("alpine:3.20")
    );
    let invalid: Vec<&str> = compose
        .problems
        .iter()
        .filter(|p| p.kind == ProblemKind::Invalid)
        .map(|p| p.message.as_str())
        .collect();
    assert_eq!(invalid.len(), 2, "{invalid:?}");
    assert!(invalid[0].contains("loops back"), "{invalid:?}");
    assert!(invalid[1].contains("missing.yaml"), "{invalid:?}");
}

#[test]
fn include_and_several_files() {
    let mut fs = MemoryFs::new();
    fs.insert(
        "/p/sub/db.yaml",
        "services:\n  db:\n    image: postgres:16\n    build: .\n",
    );
    fs.insert("/p/compose.yaml", "include:\n  - sub/db.yaml\nservices:\n  web:\n    image: web:1\n    ports: [\"8080:80\"]\n");
    fs.insert(
        "/p/compose.override.yaml",
        "services:\n  web:\n    image: web:2\n    ports: [\"9090:90\"]\n    environment: [X=1]\n",
    );
    let compose = load(&fs, "/p/compose.yaml");
    let db = compose.service("db").expect("included");
    assert!(db.included);
    assert_eq!(
        compose
            .own_services()
            .map(|s| s.name.value.as_str())
            .collect::<Vec<_>>(),
        ["web"]
    );
    assert_eq!(
        db.build.as_ref().and_then(Build::context_path),
        Some(PathBuf::from("/p/sub"))
    );
    let merged = load_files(
        &fs,
        &[
            PathBuf::from("/p/compose.yaml"),
            PathBuf::from("/p/compose.override.yaml"),
        ],
    )
    .expect("loads");
    let web = merged.iter().find(|s| s.name.value == "web").expect("web");
    assert_eq!(web.image.as_ref().map(|i| i.value.as_str()), Some("web:2"));
    assert_eq!(web.ports.len(), 2);
    assert_eq!(env_of(web), [("X", Some("1"))]);
    assert!(load_files(&fs, &[PathBuf::from("/p/nothing.yaml")]).is_err());
}

const EVERY_SHAPE: &str = include_str!("every_shape.yaml");

/// The unknown keys of `text`: key, where, and the text its span covers.
fn unknown_in(text: &str) -> Vec<(String, String, String)> {
    let compose = ComposeFile::load(
        &MemoryFs::new(),
        Path::new("/p/compose.yaml"),
        FileId(0),
        text,
    );
    compose
        .unknown_keys
        .iter()
        .map(|u| {
            (
                u.key.value.clone(),
                u.path.clone(),
                u.key.span.text(text).to_string(),
            )
        })
        .collect()
}

#[test]
fn extension_keys_are_allowed_in_every_shape_that_allows_them() {
    assert_eq!(unknown_in(EVERY_SHAPE), []);
}

#[test]
fn an_unknown_key_is_found_in_every_shape() {
    let sites: Vec<usize> = EVERY_SHAPE
        .match_indices("x-a: 1")
        .map(|(i, _)| i)
        .collect();
    assert!(sites.len() > 40, "the fixture covers every shape");
    for site in sites {
        let text = format!(
            "{}bogus: 1{}",
            &EVERY_SHAPE[..site],
            &EVERY_SHAPE[site + 6..]
        );
        let found = unknown_in(&text);
        assert_eq!(found.len(), 1, "at byte {site}: {found:?}");
        let compose = ComposeFile::load(
            &MemoryFs::new(),
            Path::new("/p/compose.yaml"),
            FileId(0),
            &text,
        );
        assert_eq!(compose.unknown_keys[0].key.span.start as usize, site);
    }
}

#[test]
fn unknown_keys_name_where_they_are() {
    let found =
        unknown_in(&EVERY_SHAPE.replace("max_attempts: 3, x-a: 1", "max_attempts: 3, retries: 1"));
    assert_eq!(
        found,
        [(
            "retries".into(),
            "services.web.deploy.restart_policy".into(),
            "retries".into()
        )]
    );
    let found = unknown_in(&EVERY_SHAPE.replace("rate: 1mb}", "rate: 1mb, x-a: 1}"));
    assert_eq!(
        found,
        [(
            "x-a".into(),
            "services.web.blkio_config.device_read_bps[0]".into(),
            "x-a".into()
        )],
        "blkio_config allows no extensions"
    );
    let found = unknown_in(&EVERY_SHAPE.replace(
        "extends: {service: base}",
        "extends: {service: base, fiel: other.yaml}",
    ));
    assert_eq!(found[0].1, "services.db.extends");
    let found = unknown_in(&EVERY_SHAPE.replace(
        "gpus: [{driver: nvidia, count: 1}]",
        "gpus: [{driver: nvidia, count: 1, anything: 1}]",
    ));
    assert_eq!(found, [], "the schema leaves gpus entries open");
}

#[test]
fn a_key_brought_in_by_a_merge_is_reported_once_where_it_is_written() {
    let text = "x-base: &base\n  restrat: always\n  image: nginx:1.27\nservices:\n  a:\n    <<: *base\n  b:\n    <<: *base\n";
    let found = unknown_in(text);
    assert_eq!(
        found,
        [("restrat".into(), "services.a".into(), "restrat".into())]
    );
}

/// The invalid problems of `compose` as (text at the span, message).
fn invalid(compose: &ComposeFile, text: &str) -> Vec<(String, String)> {
    compose
        .problems
        .iter()
        .filter(|p| p.kind == ProblemKind::Invalid)
        .map(|p| (p.span.text(text).to_string(), p.message.clone()))
        .collect()
}

#[test]
fn flaws_of_an_extended_file_are_reported_at_the_reference() {
    let mut fs = MemoryFs::new();
    let base = "services:\n  base:\n    image: nginx:1.27\n    deploy:\n      replica: 2\n  other:\n    image: alpine:3.20\n    bogus: 1\n";
    fs.insert("/shared/base.yml.tmpl", base);
    let text = "services:\n  web:\n    extends:\n      file: ../shared/base.yml.tmpl\n      service: base\n";
    fs.insert("/p/compose.yaml", text);
    let compose = load(&fs, "/p/compose.yaml");
    assert_eq!(
        invalid(&compose, text),
        [(
            "../shared/base.yml.tmpl".into(),
            "extended file `../shared/base.yml.tmpl` is not valid: unknown key `replica` in \
             `services.base.deploy` at 5:7"
                .into()
        )],
        "only the extended service's keys matter to Compose"
    );
    assert_eq!(
        compose
            .service("web")
            .and_then(|s| s.image.as_ref())
            .map(|i| i.value.as_str()),
        Some("nginx:1.27"),
        "the service is still resolved"
    );
}

#[test]
fn flaws_of_an_included_file_are_reported_at_the_reference() {
    let mut fs = MemoryFs::new();
    let part = "services:\n  db:\n    image: postgres:17\n    image: postgres:16\n    ports:\n      - \"5432:db\"\nvolumes:\n  data:\n    drivr: local\n";
    fs.insert("/p/parts/db.yml.in", part);
    fs.insert(
        "/p/parts/ok.yml",
        "services:\n  cache:\n    image: redis:7\n",
    );
    let text = "include:\n  - parts/db.yml.in\n  - parts/ok.yml\nservices:\n  web:\n    image: nginx:1.27\n";
    fs.insert("/p/compose.yaml", text);
    let compose = load(&fs, "/p/compose.yaml");
    let found = invalid(&compose, text);
    assert!(
        found.iter().all(|(at, _)| at == "parts/db.yml.in"),
        "{found:?}"
    );
    let messages: Vec<&str> = found.iter().map(|(_, m)| m.as_str()).collect();
    assert_eq!(messages.len(), 3, "{messages:?}");
    assert!(
        messages[0].ends_with("key `image` written twice, at 3:5 and 4:5"),
        "{messages:?}"
    );
    assert!(
        messages[1].ends_with("unknown key `drivr` in `volumes.data` at 9:5"),
        "{messages:?}"
    );
    assert_eq!(
        messages[2],
        "included file `parts/db.yml.in` is not valid: port `5432:db` has an invalid container port `db`"
    );
}

#[test]
fn an_env_file_compose_refuses_is_reported() {
    let mut fs = MemoryFs::new();
    fs.insert("/p/.env", "TAG=1\nBAD KEY=2\n");
    fs.insert("/p/web.env", "MODE=\"open\n");
    let text = "services:\n  web:\n    image: nginx:1.27\n    env_file: web.env\n";
    fs.insert("/p/compose.yaml", text);
    let compose = load(&fs, "/p/compose.yaml");
    assert_eq!(
        invalid(&compose, text),
        [
            (
                "services".into(),
                "the project's `.env` is not valid: line 2: key `BAD KEY` contains a space".into()
            ),
            (
                "web.env".into(),
                "env file `web.env` is not valid: line 1: quoted value opened with \" is never closed"
                    .into()
            ),
        ]
    );
}
