//! Helpers shared by the integration tests: the span invariants every parsed document must satisfy.

use shiplint_syntax::dockerfile::Dockerfile;

/// Checks that every span of `doc` lies in `src` with both ends on character boundaries, and that spans
/// whose text is known (comments, heredoc bodies) cover exactly that text.
pub fn check_spans(src: &str, doc: &Dockerfile) -> Result<(), String> {
    let spans = doc.spans();
    for (what, span) in &spans {
        let (s, e) = (span.start as usize, span.end as usize);
        if s > e || e > src.len() {
            return Err(format!("{what} span {s}..{e} outside 0..{}", src.len()));
        }
        if !src.is_char_boundary(s) || !src.is_char_boundary(e) {
            return Err(format!("{what} span {s}..{e} not on character boundaries"));
        }
    }
    for c in &doc.comments {
        if !c.span.text(src).starts_with('#') {
            return Err(format!("comment span {:?} does not start at `#`", c.span));
        }
    }
    for inst in &doc.instructions {
        for h in &inst.heredocs {
            if h.body.span.text(src) != h.body.value {
                return Err(format!(
                    "heredoc body span {:?} differs from its value",
                    h.body.span
                ));
            }
        }
    }
    Ok(())
}
