//! The GitHub workflow-command format.

mod common;

use common::fixture;
use shiplint_report::Format;

#[test]
fn one_escaped_command_per_finding() {
    let out = fixture(Format::Github);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines,
        [
            "::warning file=Dockerfile,line=1,col=6,endLine=1,endColumn=17,title=DKR001 single-stage-build::\
             the final stage builds with `golang:1.22`%0Ahelp: build in a `builder` stage and copy the binary into a small runtime image",
            "::error file=deploy/compose.yaml,line=3,col=13,endLine=3,endColumn=24,title=SYN001 syntax-error::\
             image reference `café:latest` is not valid",
            "::error file=my app/nginx.conf,line=2,col=19,endLine=2,endColumn=24,title=TLS001 weak-tls-protocol::\
             `TLSv1` is allowed%0Ahelp: use `ssl_protocols TLSv1.2 TLSv1.3;`",
            "::notice file=/etc/shiplint/Dockerfile,line=1,col=13,endLine=1,endColumn=27,title=SUP001 unused-suppression::\
             `DKR001` is suppressed here but reports nothing",
        ]
    );
    assert!(out.ends_with('\n'));
}

#[test]
fn messages_and_properties_are_escaped() {
    let files = common::files();
    let mut findings = common::findings();
    findings.truncate(1);
    findings[0].message = "100% of\r\nlines: a,b".to_string();
    findings[0].help = None;
    let mut files = files;
    files[0].path = "a,b:c%.Dockerfile".to_string();
    let out = common::render(&files, &findings, Format::Github, Default::default());
    assert_eq!(
        out,
        "::warning file=a%2Cb%3Ac%25.Dockerfile,line=1,col=6,endLine=1,endColumn=17,\
         title=DKR001 single-stage-build::100%25 of%0D%0Alines: a,b\n"
    );
}
