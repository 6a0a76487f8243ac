//! Unit tests of the whole parser: one test (or a few) per feature, checking values and the source text
//! under every span that matters.

use super::parse;
use crate::FileId;
use crate::dockerfile::*;

fn doc(src: &str) -> Dockerfile {
    parse(FileId(0), src)
}

/// Parses and insists on no errors.
fn ok(src: &str) -> Dockerfile {
    let d = doc(src);
    assert!(
        d.errors.is_empty(),
        "unexpected errors {:?} in {src:?}",
        d.errors
    );
    d
}

fn messages(d: &Dockerfile) -> Vec<&str> {
    d.errors.iter().map(|e| e.message.as_str()).collect()
}

fn shell(inst: &Instruction) -> &ShellText {
    match &inst.args {
        Arguments::Shell(t) => t,
        other => panic!("not shell form: {other:?}"),
    }
}

fn list(inst: &Instruction) -> Vec<&str> {
    match &inst.args {
        Arguments::Exec(v) | Arguments::Words(v) => v.iter().map(|s| s.as_str()).collect(),
        other => panic!("not a list: {other:?}"),
    }
}

fn pairs(inst: &Instruction) -> &[KeyValue] {
    match &inst.args {
        Arguments::Pairs(p) => p,
        other => panic!("not pairs: {other:?}"),
    }
}

// ---- instructions, keywords, spans ----------------------------------------------------------------------

#[test]
fn keywords_in_any_case_keep_their_spelling_in_the_span() {
    let src = "from alpine\nRun echo hi\nWORKDIR /app\n";
    let d = ok(src);
    let kws: Vec<_> = d.instructions.iter().map(|i| i.keyword).collect();
    assert_eq!(kws, [Keyword::From, Keyword::Run, Keyword::Workdir]);
    assert_eq!(d.instructions[1].keyword_span.text(src), "Run");
    assert_eq!(d.instructions[1].span.text(src), "Run echo hi");
}

#[test]
fn tabs_separate_keywords_and_words() {
    let src = "FROM\tubuntu:14.04\nCOPY\t.\t/go/src\n";
    let d = ok(src);
    assert_eq!(list(&d.instructions[0]), ["ubuntu:14.04"]);
    assert_eq!(list(&d.instructions[1]), [".", "/go/src"]);
    assert_eq!(d.instructions[1].span.text(src), "COPY\t.\t/go/src");
}

#[test]
fn flags_have_spans_for_the_whole_flag_its_name_and_value() {
    let src = "FROM x AS build\nFROM y\nCOPY --from=build --chown=app:app --link /out /dst\n";
    let d = ok(src);
    let copy = &d.instructions[2];
    let from = copy.flag("from").expect("--from");
    assert_eq!(from.span.text(src), "--from=build");
    assert_eq!(from.name.span.text(src), "from");
    assert_eq!(from.value.as_ref().map(|v| v.span.text(src)), Some("build"));
    assert_eq!(
        copy.flag("chown")
            .and_then(|f| f.value.as_ref())
            .map(|v| v.as_str()),
        Some("app:app")
    );
    let link = copy.flag("link").expect("--link");
    assert!(link.value.is_none());
    assert_eq!(link.span.text(src), "--link");
    assert_eq!(list(copy), ["/out", "/dst"]);
    let spans: Vec<_> = match &copy.args {
        Arguments::Words(w) => w.iter().map(|a| a.span.text(src)).collect(),
        _ => vec![],
    };
    assert_eq!(spans, ["/out", "/dst"]);
}

#[test]
fn flags_end_at_a_double_dash_and_lose_their_quotes() {
    let src = "COPY --chown=\"a b\" -- --weird /dst\nRUN --mount=type=cache,target=/var/cache/go go build\nFROM x\n";
    let d = ok(src);
    let copy = &d.instructions[0];
    assert_eq!(copy.flags.len(), 1);
    assert_eq!(
        copy.flags[0].value.as_ref().map(|v| v.as_str()),
        Some("a b")
    );
    assert_eq!(copy.flags[0].span.text(src), "--chown=\"a b\"");
    assert_eq!(list(copy), ["--weird", "/dst"]);
    let run = &d.instructions[1];
    assert_eq!(
        run.flags[0].value.as_ref().map(|v| v.as_str()),
        Some("type=cache,target=/var/cache/go")
    );
    assert_eq!(shell(run).text, "go build");
}

#[test]
fn words_and_exec_elements_point_at_their_source() {
    let src = "EXPOSE 80  443/tcp\nCMD [\"nginx\", \"-g\", \"daemon off;\"]\n";
    let d = ok(src);
    let expose = match &d.instructions[0].args {
        Arguments::Words(w) => w,
        other => panic!("{other:?}"),
    };
    assert_eq!(expose[1].span.text(src), "443/tcp");
    let cmd = match &d.instructions[1].args {
        Arguments::Exec(v) => v,
        other => panic!("{other:?}"),
    };
    assert_eq!(cmd[2].value, "daemon off;");
    assert_eq!(cmd[2].span.text(src), "\"daemon off;\"");
}

#[test]
fn json_that_is_not_valid_falls_back_to_shell_form() {
    let d = ok("CMD ['echo','hi']\nCMD [\"a\", \"b\"\nRUN [ \"a\" ] && x\n");
    assert_eq!(shell(&d.instructions[0]).text, "['echo','hi']");
    assert_eq!(shell(&d.instructions[1]).text, "[\"a\", \"b\"");
    assert_eq!(shell(&d.instructions[2]).text, "[ \"a\" ] && x");
}

#[test]
fn json_arrays_holding_other_values_are_errors() {
    let src = "FROM x\nCMD [ \"echo\", [ \"nested\" ] ]\nRUN [\"a\", 1]\n";
    let d = doc(src);
    assert_eq!(d.errors.len(), 2, "{:?}", d.errors);
    assert_eq!(d.errors[0].span.text(src), "[ \"nested\" ]");
    assert_eq!(
        d.errors[0].message,
        "exec form arrays may only hold strings, found `[ \"nested\" ]`"
    );
    assert_eq!(d.instructions.len(), 1);
}

#[test]
fn copy_add_and_volume_take_json_or_words() {
    let d = ok("COPY [\"a b\", \"/c\"]\nADD a b /c/\nVOLUME /a /b\nVOLUME [\"/v\"]\n");
    assert!(matches!(d.instructions[0].args, Arguments::Exec(_)));
    assert_eq!(list(&d.instructions[0]), ["a b", "/c"]);
    assert_eq!(list(&d.instructions[1]), ["a", "b", "/c/"]);
    assert!(matches!(d.instructions[2].args, Arguments::Words(_)));
    assert!(matches!(d.instructions[3].args, Arguments::Exec(_)));
}

#[test]
fn single_string_instructions_keep_the_whole_rest() {
    let d = ok("USER app:app\nWORKDIR /my dir\nSTOPSIGNAL SIGTERM\nMAINTAINER Jo <jo@x>\n");
    assert_eq!(shell(&d.instructions[1]).text, "/my dir");
    assert_eq!(shell(&d.instructions[3]).text, "Jo <jo@x>");
}

// ---- ENV, LABEL, ARG -------------------------------------------------------------------------------------

#[test]
fn env_in_both_forms() {
    let src = "ENV A 1 2 3\nENV B=1 C=\"x y\" D=a\\ b\n";
    let d = ok(src);
    let legacy = pairs(&d.instructions[0]);
    assert_eq!(legacy.len(), 1);
    assert_eq!(legacy[0].separator, Separator::Space);
    assert_eq!(legacy[0].key.span.text(src), "A");
    assert_eq!(
        legacy[0].value.as_ref().map(|v| v.span.text(src)),
        Some("1 2 3")
    );
    let new = pairs(&d.instructions[1]);
    let kv: Vec<_> = new
        .iter()
        .map(|p| {
            (
                p.key.as_str(),
                p.value.as_ref().map(|v| v.as_str()).unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(kv, [("B", "1"), ("C", "\"x y\""), ("D", "a\\ b")]);
    assert_eq!(new[1].span.text(src), "C=\"x y\"");
    assert_eq!(
        new[1].value.as_ref().map(|v| v.span.text(src)),
        Some("\"x y\"")
    );
    assert!(new.iter().all(|p| p.separator == Separator::Equals));
}

#[test]
fn label_pairs_and_arg_with_and_without_value() {
    let src = "ARG VERSION\nARG BASE=alpine:3 OTHER\nFROM $BASE\nLABEL org.opencontainers.image.title=\"x\"\n";
    let d = ok(src);
    let a = pairs(&d.instructions[0]);
    assert_eq!(
        (a[0].key.as_str(), a[0].value.is_none(), a[0].separator),
        ("VERSION", true, Separator::None)
    );
    let b = pairs(&d.instructions[1]);
    assert_eq!(
        b[0].value.as_ref().map(|v| v.span.text(src)),
        Some("alpine:3")
    );
    assert_eq!(b[1].key.span.text(src), "OTHER");
    assert_eq!(
        pairs(&d.instructions[3])[0].key.as_str(),
        "org.opencontainers.image.title"
    );
}

#[test]
fn env_without_a_value_or_without_equals_is_an_error() {
    let src = "FROM busybox\nENV PATH\nENV A=1 B\nLABEL x\n";
    let d = doc(src);
    assert_eq!(d.errors.len(), 3, "{:?}", d.errors);
    assert_eq!(d.errors[0].span.text(src), "PATH");
    assert_eq!(d.errors[0].message, "missing value for `PATH`");
    assert_eq!(d.errors[1].span.text(src), "B");
    assert_eq!(d.errors[2].span.text(src), "x");
    assert_eq!(d.instructions.len(), 1);
}

// ---- continuations and comments -----------------------------------------------------------------------

#[test]
fn continuation_lines_join_and_comment_and_blank_lines_inside_are_dropped() {
    let src = "RUN apt-get update \\\n# a comment inside\n\n    && apt-get install -y curl \\\n  # another\n    && rm -rf /var/lib/apt/lists\nFROM x\n";
    let d = ok(src);
    let run = &d.instructions[0];
    assert_eq!(
        shell(run).text,
        "apt-get update     && apt-get install -y curl     && rm -rf /var/lib/apt/lists"
    );
    assert!(run.span.text(src).ends_with("/var/lib/apt/lists"));
    let comments: Vec<_> = d
        .comments
        .iter()
        .map(|c| (c.text.as_str(), c.span.text(src)))
        .collect();
    assert_eq!(
        comments,
        [
            ("a comment inside", "# a comment inside"),
            ("another", "# another")
        ]
    );
    // A piece of the joined text maps back to its own line.
    let sh = shell(run);
    let at = sh.text.find("curl").expect("curl");
    assert_eq!(sh.span_of(at..at + 4).text(src), "curl");
}

#[test]
fn blank_lines_inside_a_continuation_are_recorded() {
    let src = "RUN a \\\n\n  \t\n  b\nRUN c\n\nRUN d\n";
    let d = ok(src);
    let blanks: Vec<_> = d
        .empty_continuation_lines
        .iter()
        .map(|s| (s.start, s.text(src)))
        .collect();
    assert_eq!(blanks, [(8, ""), (9, "  \t")]);
    assert_eq!(shell(&d.instructions[0]).text, "a   b");
}

#[test]
fn continuation_at_end_of_file_ends_the_instruction() {
    let d = ok("FROM alpine\nRUN something \\");
    assert_eq!(shell(&d.instructions[1]).text, "something");
    let d = ok("FROM alpine\nENV A=1 \\\n  B=2 \\\n");
    assert_eq!(pairs(&d.instructions[1]).len(), 2);
}

#[test]
fn an_escaped_escape_does_not_continue_the_line() {
    let d = ok("ENV C trailing\\\\\nENV D next\n");
    assert_eq!(d.instructions.len(), 2);
    assert_eq!(
        pairs(&d.instructions[0])[0]
            .value
            .as_ref()
            .map(|v| v.as_str()),
        Some("trailing\\\\")
    );
}

#[test]
fn comments_at_top_level_are_collected_with_spans() {
    let src = "# first\nFROM x\n   #  indented  \nRUN a # not a comment\n";
    let d = ok(src);
    let c: Vec<_> = d
        .comments
        .iter()
        .map(|c| (c.text.as_str(), c.span.text(src)))
        .collect();
    assert_eq!(c, [("first", "# first"), ("indented", "#  indented  ")]);
    assert_eq!(shell(&d.instructions[1]).text, "a # not a comment");
}

// ---- directives --------------------------------------------------------------------------------------------

#[test]
fn directives_at_the_top_set_the_escape_character() {
    let src = "# syntax=docker/dockerfile:1\n# ESCAPE = `\n# check=skip=all\n\nFROM `\n    image\nRUN a \\b`\n  c\n";
    let d = ok(src);
    let names: Vec<_> = d
        .directives
        .iter()
        .map(|x| (x.name.as_str(), x.value.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            ("syntax", "docker/dockerfile:1"),
            ("escape", "`"),
            ("check", "skip=all")
        ]
    );
    assert_eq!(d.directives[1].name.span.text(src), "ESCAPE");
    assert_eq!(d.directives[1].value.span.text(src), "`");
    assert_eq!(d.escape, '`');
    assert!(d.comments.is_empty());
    assert_eq!(list(&d.instructions[0]), ["image"]);
    assert_eq!(shell(&d.instructions[1]).text, "a \\b  c");
}

#[test]
fn directives_stop_after_any_other_line() {
    for src in [
        "# comment\n# escape=`\nFROM x\n",
        "\n# escape=`\nFROM x\n",
        "# unknown=1\n# escape=`\nFROM x\n",
        "FROM x\n# escape=`\n",
    ] {
        let d = ok(src);
        assert_eq!(d.escape, '\\', "{src:?}");
        assert!(
            d.directives.iter().all(|x| x.name.value != "escape"),
            "{src:?}"
        );
        assert!(d.comments.iter().any(|c| c.text == "escape=`"), "{src:?}");
    }
}

#[test]
fn duplicate_or_invalid_directives_are_errors() {
    let src = "# escape=`\n# Escape=\\\nFROM x\n";
    let d = doc(src);
    assert_eq!(
        messages(&d),
        ["only one `escape` parser directive can be used"]
    );
    assert_eq!(d.errors[0].span.text(src), "Escape");
    assert_eq!(d.escape, '`');
    let d = doc("# escape=x\nFROM x\n");
    assert_eq!(d.errors.len(), 1);
    assert_eq!(d.escape, '\\');
}

// ---- heredocs -------------------------------------------------------------------------------------------

#[test]
fn heredoc_body_and_spans() {
    let src = "FROM python\nRUN python3 <<EOF\nprint('hi')\n# not a comment\nEOF\nRUN true\n";
    let d = ok(src);
    let run = &d.instructions[1];
    assert_eq!(shell(run).text, "python3 <<EOF");
    let h = &run.heredocs[0];
    assert_eq!(h.name.as_str(), "EOF");
    assert_eq!(h.span.text(src), "<<EOF");
    assert_eq!(h.body.value, "print('hi')\n# not a comment\n");
    assert_eq!(h.body.span.text(src), h.body.value);
    assert!(h.expand && !h.strip_tabs);
    assert!(run.span.text(src).ends_with("\nEOF"));
    assert!(d.comments.is_empty(), "heredoc lines are not comments");
    assert_eq!(d.instructions.len(), 3);
}

#[test]
fn several_heredocs_on_one_line_read_their_bodies_in_order() {
    let src = "COPY <<A <<B /dst/\na1\nA\nb1\nb2\nB\nFROM x\n";
    let d = ok(src);
    let copy = &d.instructions[0];
    assert_eq!(list(copy), ["<<A", "<<B", "/dst/"]);
    let bodies: Vec<_> = copy
        .heredocs
        .iter()
        .map(|h| (h.name.as_str(), h.body.value.as_str()))
        .collect();
    assert_eq!(bodies, [("A", "a1\n"), ("B", "b1\nb2\n")]);
    assert_eq!(d.instructions.len(), 2);
}

#[test]
fn dash_heredocs_accept_a_tab_indented_terminator_and_strip_tabs() {
    let src = "RUN <<-EOF\n\techo a\n\t\techo b\n\tEOF\nFROM x\n";
    let d = ok(src);
    let h = &d.instructions[0].heredocs[0];
    assert!(h.strip_tabs);
    assert_eq!(h.body.value, "\techo a\n\t\techo b\n");
    assert_eq!(h.content(), "echo a\necho b\n");
    assert_eq!(d.instructions.len(), 2);
}

#[test]
fn quoted_delimiters_mean_no_expansion() {
    let d = ok("RUN <<\"EOF\"\n$A\nEOF\nRUN <<'X' cat\nX\n");
    assert!(!d.instructions[0].heredocs[0].expand);
    assert_eq!(d.instructions[0].heredocs[0].name.as_str(), "EOF");
    assert!(!d.instructions[1].heredocs[0].expand);
    assert_eq!(d.instructions[1].heredocs[0].body.value, "");
}

#[test]
fn a_comment_line_right_after_a_heredoc_is_a_comment() {
    // hadolint fails on this shape.
    let src = "FROM alpine\nRUN <<EOF\necho hi\nEOF\n# done\nRUN true\n";
    let d = ok(src);
    assert_eq!(d.instructions.len(), 3);
    assert_eq!(d.comments.len(), 1);
    assert_eq!(d.comments[0].span.text(src), "# done");
}

#[test]
fn heredocs_only_on_run_copy_add_in_shell_form() {
    let d = ok("CMD cat <<EOF\nRUN [\"cat\", \"<<EOF\"]\nONBUILD RUN <<EOF\nx\nEOF\n");
    assert!(d.instructions[0].heredocs.is_empty());
    assert!(d.instructions[1].heredocs.is_empty());
    let Arguments::OnBuild(inner) = &d.instructions[2].args else {
        panic!("not onbuild");
    };
    assert_eq!(inner.heredocs[0].body.value, "x\n");
    assert_eq!(d.instructions.len(), 3);
}

#[test]
fn a_missing_terminator_is_an_error() {
    let src = "FROM x\nRUN cat <<EOF\nline\n";
    let d = doc(src);
    assert_eq!(d.errors.len(), 1);
    assert_eq!(d.errors[0].span.text(src), "<<EOF");
    assert!(d.errors[0].message.starts_with("unterminated heredoc"));
    assert_eq!(d.instructions[1].heredocs[0].body.value, "line\n");
}

// ---- line endings, BOM, unicode ---------------------------------------------------------------------------

#[test]
fn crlf_line_endings() {
    let src = "FROM alpine\r\nRUN a \\\r\n  b\r\nRUN <<EOF\r\nx\r\nEOF\r\n# c\r\n";
    let d = ok(src);
    assert_eq!(d.instructions[0].span.text(src), "FROM alpine");
    assert_eq!(shell(&d.instructions[1]).text, "a   b");
    assert_eq!(d.instructions[1].span.text(src), "RUN a \\\r\n  b");
    let h = &d.instructions[2].heredocs[0];
    assert_eq!(h.body.value, "x\r\n");
    assert_eq!(d.comments[0].span.text(src), "# c");
}

#[test]
fn a_bom_is_skipped_but_offsets_count_it() {
    let src = "\u{feff}# escape=`\nFROM alpine\n";
    let d = ok(src);
    assert_eq!(d.escape, '`');
    assert_eq!(d.instructions[0].keyword_span.start, 3 + 11);
    assert_eq!(d.instructions[0].keyword_span.text(src), "FROM");
    let d = ok("\u{feff}FROM x\n");
    assert_eq!(d.instructions[0].keyword_span.start, 3);
}

#[test]
fn multibyte_text_keeps_spans_on_character_boundaries() {
    let src = "LABEL café=\"naïve ☃\"\nRUN echo ♥ \\\n  é\n";
    let d = ok(src);
    let p = &pairs(&d.instructions[0])[0];
    assert_eq!(p.key.span.text(src), "café");
    assert_eq!(
        p.value.as_ref().map(|v| v.span.text(src)),
        Some("\"naïve ☃\"")
    );
    assert_eq!(shell(&d.instructions[1]).text, "echo ♥   é");
}

// ---- HEALTHCHECK and ONBUILD ---------------------------------------------------------------------------

#[test]
fn healthcheck_forms() {
    let src = "HEALTHCHECK NONE\nHEALTHCHECK --interval=5s CMD curl -f http://localhost/\nHEALTHCHECK CMD [\"/bin/check\"]\n";
    let d = ok(src);
    assert!(matches!(
        d.instructions[0].args,
        Arguments::Healthcheck(None)
    ));
    let h = &d.instructions[1];
    assert_eq!(h.flags[0].span.text(src), "--interval=5s");
    assert_eq!(
        h.healthcheck_type.as_ref().map(|t| t.span.text(src)),
        Some("CMD")
    );
    let Arguments::Healthcheck(Some(cmd)) = &h.args else {
        panic!("{:?}", h.args);
    };
    assert!(matches!(cmd.as_ref(), Arguments::Shell(t) if t.text == "curl -f http://localhost/"));
    let Arguments::Healthcheck(Some(cmd)) = &d.instructions[2].args else {
        panic!("exec");
    };
    assert!(matches!(cmd.as_ref(), Arguments::Exec(v) if v[0].value == "/bin/check"));
    assert_eq!(
        messages(&doc("HEALTHCHECK NONE x\n")),
        ["`HEALTHCHECK NONE` takes no arguments"]
    );
}

#[test]
fn onbuild_wraps_an_instruction() {
    let src = "ONBUILD COPY --from=b . /app\n";
    let d = ok(src);
    let Arguments::OnBuild(inner) = &d.instructions[0].args else {
        panic!("not onbuild");
    };
    assert_eq!(inner.keyword, Keyword::Copy);
    assert_eq!(inner.keyword_span.text(src), "COPY");
    assert_eq!(inner.flags[0].span.text(src), "--from=b");
    assert_eq!(inner.span.text(src), "COPY --from=b . /app");
}

#[test]
fn long_onbuild_chains_report_one_error_without_deep_recursion() {
    let src = format!("{}RUN x\n", "ONBUILD ".repeat(200_000));
    let d = doc(&src);
    assert_eq!(messages(&d), ["chaining `ONBUILD ONBUILD` is not allowed"]);
    assert_eq!(d.errors[0].span.start, 8);
    assert_eq!(d.instructions.len(), 1);
}

#[test]
fn onbuild_cannot_wrap_onbuild_from_or_maintainer() {
    let src = "ONBUILD ONBUILD RUN x\nONBUILD FROM y\nonbuild maintainer me\nONBUILD FORM z\n";
    let d = doc(src);
    assert_eq!(d.errors.len(), 4, "{:?}", d.errors);
    assert_eq!(d.errors[0].span.text(src), "ONBUILD");
    assert_eq!(d.errors[0].span.start, 8);
    assert_eq!(d.errors[1].span.text(src), "FROM");
    assert_eq!(d.errors[2].span.text(src), "maintainer");
    assert_eq!(d.errors[3].message, "unknown instruction `FORM`");
}

// ---- errors and recovery ----------------------------------------------------------------------------------

#[test]
fn unknown_instructions_are_errors_on_the_keyword() {
    let src = "FROM x\nFORM y\n";
    let d = doc(src);
    assert_eq!(messages(&d), ["unknown instruction `FORM`"]);
    assert_eq!(d.errors[0].span.text(src), "FORM");
    assert_eq!(
        buildkit_tree(&d, src),
        Err("2:1: unknown instruction `FORM`".to_string())
    );
}

#[test]
fn long_input_is_shortened_in_messages() {
    let d = doc(&format!("{} x\n", "Z".repeat(500)));
    assert_eq!(
        d.errors[0].message,
        format!("unknown instruction `{}…`", "Z".repeat(40))
    );
    assert_eq!(d.errors[0].span.len(), 500);
}

#[test]
fn parsing_resumes_at_the_next_logical_line_after_an_error() {
    let src = "FROM alpine\nENV PATH\nRUN echo \\\n  still parsed\nBOGUS\nCOPY a b\n";
    let d = doc(src);
    assert_eq!(d.errors.len(), 2);
    let kws: Vec<_> = d.instructions.iter().map(|i| i.keyword).collect();
    assert_eq!(kws, [Keyword::From, Keyword::Run, Keyword::Copy]);
    assert_eq!(shell(&d.instructions[1]).text, "echo   still parsed");
}

#[test]
fn missing_arguments_and_bad_shapes_are_errors() {
    let src = "FROM\nRUN\nCOPY onlyone\nFROM a b\nSHELL /bin/bash -c\nFROM a AS b\nUSER\n";
    let d = doc(src);
    let texts: Vec<_> = d.errors.iter().map(|e| e.span.text(src)).collect();
    assert_eq!(
        texts,
        ["FROM", "RUN", "onlyone", "b", "/bin/bash -c", "USER"]
    );
    assert_eq!(d.errors[0].message, "missing arguments after `FROM`");
}

#[test]
fn empty_and_comment_only_files_have_no_instructions() {
    for src in ["", "\n\n", "# just\n# comments\n", "\u{feff}"] {
        let d = doc(src);
        assert_eq!(messages(&d), ["file with no instructions"], "{src:?}");
    }
}

#[test]
fn buildkit_tree_reports_the_first_error_with_its_position() {
    let src = "FROM x\n  FORM y\n";
    let d = doc(src);
    assert_eq!(
        buildkit_tree(&d, src),
        Err("2:3: unknown instruction `FORM`".to_string())
    );
    let src = "FROM x\nARG a b=1\nENV k=v\nONBUILD RUN [\"a\"]\n";
    let d = ok(src);
    assert_eq!(
        buildkit_tree(&d, src).as_deref(),
        Ok("(from \"x\")\n(arg \"a\" \"b=1\")\n(env \"k\" \"v\" \"=\")\n(onbuild (run \"a\"))\n")
    );
}

// ---- size ---------------------------------------------------------------------------------------------------

/// Inputs shaped to expose quadratic work: each would take minutes if any step were quadratic.
#[test]
fn large_adversarial_inputs_stay_linear() {
    let n = 100_000;
    let cases = [
        format!("RUN a{}\n", " \\\n b".repeat(n)),
        format!("RUN x{}\n", " \\\n# c\n".repeat(n)),
        format!("COPY {}/d\n", "<<A ".repeat(n)),
        format!("RUN cat <<A\n{}A\n", "line\n".repeat(n)),
        format!("ENV {}\n", "k=v ".repeat(n)),
        format!("CMD [{}\"x\"]\n", "\"a\", ".repeat(n)),
        format!("RUN {}x\n", "--f=1 ".repeat(n)),
        "# c\n".repeat(n),
        format!("FROM x\n{}", "RUN y\n".repeat(n)),
    ];
    for src in &cases {
        let start = std::time::Instant::now();
        let d = doc(src);
        assert!(!d.spans().is_empty());
        assert!(
            start.elapsed() < std::time::Duration::from_secs(20),
            "{:?} took {:?}",
            &src[..20],
            start.elapsed()
        );
    }
}
