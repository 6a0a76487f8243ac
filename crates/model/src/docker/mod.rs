//! The Dockerfile model: stages, their bases, ARG scoping, `COPY --from` edges and which stage ships.

use shiplint_syntax::FileId;
use shiplint_syntax::dockerfile::{self, Dockerfile};

/// A Dockerfile and what it builds.
#[derive(Debug)]
pub struct DockerImage {
    /// The parsed file.
    pub syntax: Dockerfile,
}

impl DockerImage {
    /// Parses `text` and builds the stage model.
    pub fn build(file: FileId, text: &str) -> DockerImage {
        DockerImage {
            syntax: dockerfile::parse(file, text),
        }
    }
}
