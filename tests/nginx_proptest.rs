//! Property test: every nginx rule, the include graph and the effective model on random nginx-shaped files
//! (two files that may include each other and themselves): no rule crashes (INT001) and every finding's span
//! lies inside the file it names.

use proptest::prelude::*;
use shiplint_lint::engine::{Settings, run};
use shiplint_model::{Candidate, MemoryFs, Project, Timestamp};

const FRAGMENTS: &[&str] = &[
    "http {",
    "server {",
    "location / {",
    "location ~ ^/(a)$ {",
    "if ($http_origin ~ a.com) {",
    "}",
    "}",
    "listen 443 ssl;",
    "listen 80;",
    "ssl on;",
    "server_name a.com;",
    "ssl_protocols TLSv1 TLSv1.2;",
    "ssl_ciphers HIGH:!aNULL:DHE+AES;",
    "ssl_dhparam dh.pem;",
    "add_header A b;",
    "add_header Strict-Transport-Security \"max-age=1\";",
    "add_header_inherit merge;",
    "proxy_pass http://$arg_x/;",
    "proxy_set_header Host $http_host;",
    "return 301 https://$host$uri;",
    "alias /srv/;",
    "allow 10.0.0.0/8;",
    "resolver 8.8.8.8;",
    "valid_referers none;",
    "server_tokens on;",
    "include b.conf;",
    "include a.conf;",
    "include *.conf;",
    "include missing.conf;",
    "upstream app { server app:1; }",
    "set $password x;",
    "events {}",
    "\n",
    " ",
    "{",
    ";",
    "\"",
    "# c\n",
    "é",
];

fn file() -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(FRAGMENTS), 0..40).prop_map(|v| v.join("\n"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn rules_never_crash_and_spans_stay_in_their_files(a in file(), b in file()) {
        let mut fs = MemoryFs::new();
        fs.insert("a.conf", a.as_str());
        fs.insert("b.conf", b.as_str());
        fs.insert("dh.pem", "-----BEGIN DH PARAMETERS-----\nMAgCAwDFAQIBAg==\n-----END DH PARAMETERS-----\n");
        let candidates = ["a.conf", "b.conf"]
            .iter()
            .map(|p| Candidate { path: (*p).into(), display: (*p).to_string(), explicit: true })
            .collect();
        let project = Project::load(&fs, candidates, Timestamp(0));
        let findings = run(&project, &Settings::default());
        for finding in &findings {
            prop_assert_ne!(finding.rule.code, "INT001", "{}", finding.message);
            let text = &project.file(finding.span.file).text;
            prop_assert!(finding.span.end as usize <= text.len() && finding.span.start <= finding.span.end);
        }
    }
}
