//! crossplane's JSON shape for one file: an array of `{"directive", "line", "args", "block"?}` objects, as
//! `crossplane.parse(path, single=True, comments=False)` returns under `config[0].parsed`. `shiplint debug
//! dump` prints it so users can diff our reading of a file against crossplane's.

use super::ast::{Directive, NginxFile};
use crate::LineIndex;
use std::fmt::Write;

/// The parsed file as crossplane's JSON array (indented, one key per line), or the first error as
/// `line:column: message`.
pub fn crossplane_json(file: &NginxFile, text: &str) -> Result<String, String> {
    let lines = LineIndex::new(text);
    if let Some(first) = file.errors.first() {
        let at = lines.line_col(text, first.span.start);
        return Err(format!("{}:{}: {}", at.line, at.column, first.message));
    }
    let mut out = String::new();
    block(&file.directives, text, &lines, 0, &mut out);
    out.push('\n');
    Ok(out)
}

fn block(directives: &[Directive], text: &str, lines: &LineIndex, indent: usize, out: &mut String) {
    if directives.is_empty() {
        out.push_str("[]");
        return;
    }
    out.push_str("[\n");
    for (i, directive) in directives.iter().enumerate() {
        let pad = "  ".repeat(indent + 1);
        let line = lines.line_col(text, directive.name.span.start).line;
        let _ = write!(out, "{pad}{{\"directive\": ");
        string(&directive.name.value, out);
        let _ = write!(out, ", \"line\": {line}, \"args\": [");
        for (j, arg) in directive.args.iter().enumerate() {
            if j > 0 {
                out.push_str(", ");
            }
            string(&arg.value, out);
        }
        out.push(']');
        if let Some(children) = &directive.block {
            out.push_str(", \"block\": ");
            block(children, text, lines, indent + 1, out);
        }
        out.push('}');
        if i + 1 < directives.len() {
            out.push(',');
        }
        out.push('\n');
    }
    out.push_str(&"  ".repeat(indent));
    out.push(']');
}

/// A JSON string literal.
fn string(value: &str, out: &mut String) {
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}
