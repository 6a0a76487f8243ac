//! Helpers shared by the integration tests: the span invariants every parsed document must satisfy.

use shiplint_syntax::dockerfile::Dockerfile;

/// Checks that every span of `doc` lies in `src` with both ends on character boundaries, and that spans
/// whose text is known (comments, heredoc bodies) cover exactly that text.
pub fn check_spans(src: &str, doc: &Dockerfile) -> Result<(), String> {
    let spans = doc.spans();
    for (what, span) in &spans {
        span.check_within(src).map_err(|e| format!("{what} {e}"))?;
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
