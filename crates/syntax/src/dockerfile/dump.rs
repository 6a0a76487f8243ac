//! Placeholder: the BuildKit tree printer is being written.
use super::Dockerfile;

/// Prints the document in BuildKit's parse-tree test format, or the first error.
pub fn buildkit_tree(_doc: &Dockerfile) -> Result<String, String> {
    Err("not yet".into())
}
