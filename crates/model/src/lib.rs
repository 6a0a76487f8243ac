//! shiplint_model: the Project, the linked model of one deployment.
//!
//! Loads each file through an [`Fs`] (real disk in the binary, memory in tests), classifies it, parses it with
//! `shiplint_syntax` and builds the typed per-kind models (a Dockerfile's stages, ...). Links between documents
//! (compose service -> Dockerfile stage -> nginx upstream -> certificate) are resolved here too, so rules only
//! read. No clock and no direct disk access: the caller supplies both.

pub mod classify;
pub mod compose;
pub mod docker;
mod fs;
pub mod golang;
pub mod mounts;
pub mod nginx;
pub mod pem;
pub mod project;
pub mod secrets;
pub mod stack;

pub use classify::FileKind;
pub use fs::{Fs, MemoryFs, Metadata, OutsideRoot};
pub use project::{Candidate, Content, Document, LoadError, Project, Timestamp};
