//! Unit tests of the Dockerfile model over parsed files.

use super::*;
use shiplint_syntax::FileId;

fn image(text: &str) -> DockerImage {
    DockerImage::build(FileId(0), text)
}

fn text_of(source: &str, span: shiplint_syntax::Span) -> &str {
    span.text(source)
}

#[test]
fn stages_aliases_and_bases() {
    let src = "ARG GO_VERSION=1.22\nFROM golang:${GO_VERSION}-alpine AS Build\nRUN go build\n\
               FROM build AS test\nFROM --platform=$BUILDPLATFORM scratch\n";
    let img = image(src);
    assert_eq!(img.stages.len(), 3);
    let build = &img.stages[0];
    assert_eq!(build.image.resolved, "golang:1.22-alpine");
    assert_eq!(build.image.raw, "golang:${GO_VERSION}-alpine");
    assert_eq!(build.image.tag.as_deref(), Some("1.22-alpine"));
    assert!(!build.image.unresolved);
    assert_eq!(build.base, Base::Image);
    assert_eq!(
        text_of(src, build.image.span),
        "golang:${GO_VERSION}-alpine"
    );
    assert_eq!(
        img.stages[1].base,
        Base::Stage(0),
        "aliases are case-insensitive"
    );
    assert_eq!(img.stages[2].base, Base::Scratch);
    assert_eq!(
        img.stages[2].platform.as_ref().map(|p| p.value.as_str()),
        Some("$BUILDPLATFORM")
    );
    assert_eq!(img.shipped_stage(None).map(|s| s.index), Some(2));
    assert_eq!(img.shipped_stage(Some("TEST")).map(|s| s.index), Some(1));
    assert!(img.shipped_stage(Some("nope")).is_none());
}

#[test]
fn unresolved_variables_are_kept_visible() {
    let img = image("FROM alpine:${TAG}\nARG X=1\nFROM alpine:$X\nFROM alpine:${Y:-3.20}\n");
    assert!(img.stages[0].image.unresolved);
    assert!(
        img.stages[1].image.unresolved,
        "a stage ARG is not visible to FROM"
    );
    assert!(!img.stages[2].image.unresolved);
    assert_eq!(img.stages[2].image.tag.as_deref(), Some("3.20"));
}

#[test]
fn user_env_workdir_are_inherited_from_a_parent_stage() {
    let src = "FROM alpine:3.20 AS base\nENV APP_HOME=/srv/app PORT=8080\nUSER app\nWORKDIR $APP_HOME\n\
               EXPOSE $PORT/udp\nFROM base AS final\nWORKDIR data\nENV PORT=9090\n";
    let img = image(src);
    let fin = &img.stages[1];
    let user = fin.user.as_ref().map(|u| (u.value.as_str(), u.inherited));
    assert_eq!(user, Some(("app", true)));
    assert_eq!(
        fin.workdir.as_ref().map(|w| w.value.as_str()),
        Some("/srv/app/data")
    );
    assert_eq!(fin.env("PORT").map(|e| e.value.as_str()), Some("9090"));
    assert_eq!(fin.env("APP_HOME").map(|e| e.set_at), Some(None));
    let port = &fin.expose[0];
    assert_eq!(
        (port.ports, port.protocol.as_deref()),
        (Some((8080, 8080)), Some("udp"))
    );
    assert_eq!(
        img.lineage(fin).map(|s| s.index).collect::<Vec<_>>(),
        vec![1, 0]
    );
    assert_eq!(img.root(fin).index, 0);
}

#[test]
fn env_before_an_instruction() {
    let img = image("FROM golang:1.22\nRUN go build\nENV CGO_ENABLED=0\nRUN go build\n");
    let stage = &img.stages[0];
    let runs: Vec<usize> = stage.runs.iter().map(|r| r.instruction).collect();
    assert_eq!(runs, vec![1, 3]);
    assert!(stage.env_before("CGO_ENABLED", 1).is_none());
    assert!(stage.env_before("CGO_ENABLED", 3).is_some());
}

#[test]
fn copy_from_edges() {
    let src = "FROM golang:1.22 AS build\nFROM alpine:3.20\nCOPY --from=build /a /a\nCOPY --from=0 /b /b\n\
               COPY --from=5 /c /c\nCOPY --from=nginx:1.27 /d /d\nCOPY --from=final /e /e\n";
    let img = image(src);
    let sources: Vec<String> = img.stages[1]
        .copies_from
        .iter()
        .map(|c| match &c.source {
            CopySource::Stage(i) => format!("stage {i}"),
            CopySource::BadIndex(i) => format!("bad {i}"),
            CopySource::Image(r) => format!("image {}", r.resolved),
        })
        .collect();
    assert_eq!(
        sources,
        vec![
            "stage 0",
            "stage 0",
            "bad 5",
            "image nginx:1.27",
            "image final"
        ]
    );
}

#[test]
fn run_scripts_map_words_back_to_the_source() {
    let src = "FROM debian:12\nRUN apt-get update \\\n    && apt-get install -y \"curl\"\n";
    let img = image(src);
    let run = &img.stages[0].runs[0];
    let install = run.commands().find(|c| c.subcommand() == Some("install"));
    let curl = install.and_then(|c| c.words().last());
    assert_eq!(curl.map(|w| w.value.as_str()), Some("curl"));
    assert_eq!(curl.map(|w| text_of(src, w.span)), Some("\"curl\""));
    let first = run.commands().next().map(|c| text_of(src, c.span));
    assert_eq!(first, Some("apt-get update"));
}

#[test]
fn heredoc_bodies_are_scripts_only_when_the_shell_runs_them() {
    let src = "FROM alpine:3.20\nRUN <<EOF\napk add curl\ncd /tmp\nEOF\nRUN cat <<EOF > /etc/motd\ncd is data\nEOF\n";
    let img = image(src);
    let runs = &img.stages[0].runs;
    let names = |run: &Run| {
        run.commands()
            .filter_map(|c| c.name().map(String::from))
            .collect::<Vec<_>>()
    };
    assert_eq!(names(&runs[0]), vec!["apk", "cd"]);
    assert_eq!(names(&runs[1]), vec!["cat"]);
    let cd = runs[0].commands().nth(1).map(|c| text_of(src, c.span));
    assert_eq!(cd, Some("cd /tmp"));
}

#[test]
fn exec_form_runs() {
    let img = image(
        "FROM alpine:3.20\nRUN [\"sh\", \"-c\", \"curl -s x | sh\"]\nRUN [\"/bin/app\", \"--init\"]\n",
    );
    let runs = &img.stages[0].runs;
    assert!(runs[0].exec_form);
    assert_eq!(runs[0].commands().count(), 2);
    assert_eq!(
        runs[1].commands().next().and_then(|c| c.name()),
        Some("app")
    );
}

#[test]
fn copy_operands_split_sources_and_destination() {
    let img = image("FROM alpine:3.20\nCOPY --chown=1:1 a b /dst/\n");
    let (sources, dest) = copy_operands(&img.syntax.instructions[1]);
    assert_eq!(
        sources.iter().map(|s| s.value.as_str()).collect::<Vec<_>>(),
        vec!["a", "b"]
    );
    assert_eq!(dest.map(|d| d.value.as_str()), Some("/dst/"));
}

#[test]
fn heredoc_bodies_with_a_non_shell_shebang_are_not_shell() {
    let src = "FROM python:3.12\nRUN <<EOF\n#!/usr/bin/env python3\nimport os | x\nEOF\nRUN <<EOF\n#!/bin/bash\ncd /tmp\nEOF\n";
    let img = image(src);
    let runs = &img.stages[0].runs;
    assert_eq!(runs[0].commands().count(), 0);
    assert_eq!(runs[1].commands().next().and_then(|c| c.name()), Some("cd"));
}

#[test]
fn args_are_visible_to_later_runs_of_their_stage_only() {
    let img = image(
        "ARG CGO_ENABLED=1\nFROM golang:1.22 AS build\nARG CGO_ENABLED\nRUN go build\nARG CGO_ENABLED=0\nRUN go build\nFROM build\nRUN go build\n",
    );
    let build = &img.stages[0];
    let values: Vec<Option<&str>> = build
        .runs
        .iter()
        .map(|r| {
            build
                .variable_before("CGO_ENABLED", r.instruction)
                .map(|v| v.value.as_str())
        })
        .collect();
    assert_eq!(
        values,
        vec![Some("1"), Some("0")],
        "a bare ARG takes the global default"
    );
    let child = &img.stages[1];
    assert!(
        child
            .variable_before("CGO_ENABLED", child.runs[0].instruction)
            .is_none()
    );
}

#[test]
fn build_arguments_replace_arg_defaults_where_an_arg_declares_them() {
    let src = "ARG BASE=3.20\nFROM alpine:${BASE}\nARG PORT=8080\nARG MODE\nARG UNUSED=x\n\
               ENV PORT=$PORT GIN_MODE=${MODE:-debug} PLAIN=$UNUSED\nEXPOSE $PORT\n";
    let plain = image(src);
    let stage = &plain.stages[0];
    assert_eq!(stage.env("PORT").map(|e| e.value.as_str()), Some("8080"));
    assert_eq!(
        stage.env("GIN_MODE").map(|e| e.value.as_str()),
        Some("debug")
    );
    assert!(stage.env.iter().all(|e| e.build_arg.is_none()));

    let args = BuildArgs::new([
        ("BASE".to_string(), Some("3.21".to_string())),
        ("PORT".to_string(), Some("7000".to_string())),
        ("MODE".to_string(), None),
        ("UNDECLARED".to_string(), Some("y".to_string())),
    ]);
    let stages = plain.stages_built_with(&args);
    let stage = &stages[0];
    assert_eq!(
        stage.image.resolved, "alpine:3.21",
        "a global ARG takes the build argument"
    );
    let port = stage.env("PORT").expect("PORT");
    assert_eq!(
        (port.value.as_str(), port.build_arg.as_deref()),
        ("7000", Some("PORT"))
    );
    let mode = stage.env("GIN_MODE").expect("GIN_MODE");
    assert_eq!(
        mode.build_arg.as_deref(),
        Some("MODE"),
        "a value from an argument the shell passes names it, so the stack can call it unknown"
    );
    let plain_var = stage.env("PLAIN").expect("PLAIN");
    assert_eq!(
        (plain_var.value.as_str(), plain_var.build_arg.as_deref()),
        ("x", None)
    );
    assert_eq!(stage.expose[0].ports, Some((7000, 7000)));
    assert!(
        stages[0].env("UNDECLARED").is_none()
            && stages[0].args.iter().all(|a| a.name != "UNDECLARED"),
        "an argument no ARG declares sets nothing"
    );
}
