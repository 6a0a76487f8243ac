//! The Project: every file of one run, parsed once, with the per-kind models and (later) the links between them.

use crate::classify::{self, FileKind, NameClass};
use crate::compose::ComposeFile;
use crate::docker::DockerImage;
use crate::fs::Fs;
use crate::golang::GoModule;
use crate::nginx::{NginxConfig, NginxOptions};
use crate::pem::PemBundle;
use rayon::prelude::*;
use shiplint_syntax::golang::{self, GoFile, GoMod};
use shiplint_syntax::{FileId, SourceFile, Span, SyntaxError};
use std::path::PathBuf;

/// Seconds since the Unix epoch, UTC: the clock time-dependent rules read (fixed by `--now` in tests).
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(pub i64);

/// A file offered to the project: where it is, how to show it, and what its name says.
#[derive(Clone, Debug)]
pub struct Candidate {
    /// The path to read through the [`Fs`].
    pub path: PathBuf,
    /// The path as shown in reports.
    pub display: String,
    /// Named on the command line: taken whatever its name says.
    pub explicit: bool,
}

/// One loaded file of a known kind.
#[derive(Debug)]
pub struct Document {
    /// Its id; `project.files[id]` is its text.
    pub file: FileId,
    /// The path it was read from (for resolving relative references).
    pub path: PathBuf,
    /// What kind of file it is.
    pub kind: FileKind,
    /// The parsed model, when this kind has a parser.
    pub content: Content,
}

/// A document's parsed model.
#[derive(Debug)]
pub enum Content {
    /// A Dockerfile and its stage model.
    Dockerfile(Box<DockerImage>),
    /// A PEM or DER file: certificates, keys, requests.
    Pem(Box<PemBundle>),
    /// An nginx configuration file, its place in the include graph and its effective configuration.
    Nginx(Box<NginxConfig>),
    /// A compose file and its services.
    Compose(Box<ComposeFile>),
    /// A Go module's `go.mod`.
    GoMod(Box<GoMod>),
    /// A Go source file's tokens and outline (modules are modelled in [`Project::go_modules`]).
    GoSource(Box<GoFile>),
    /// A kind this version recognises but does not parse yet.
    NotParsed,
    /// A file found while walking that could not be read (its text is empty); the reason.
    Unreadable(String),
}

impl Document {
    /// The Dockerfile model, if this is a Dockerfile.
    pub fn dockerfile(&self) -> Option<&DockerImage> {
        match &self.content {
            Content::Dockerfile(image) => Some(image),
            _ => None,
        }
    }

    /// The certificate model, if this is a PEM or DER file.
    pub fn pem(&self) -> Option<&PemBundle> {
        match &self.content {
            Content::Pem(bundle) => Some(bundle),
            _ => None,
        }
    }

    /// The nginx model, if this is an nginx configuration.
    pub fn nginx(&self) -> Option<&NginxConfig> {
        match &self.content {
            Content::Nginx(config) => Some(config),
            _ => None,
        }
    }

    /// The parsed `go.mod`, if this is one.
    pub fn go_mod(&self) -> Option<&GoMod> {
        match &self.content {
            Content::GoMod(go_mod) => Some(go_mod),
            _ => None,
        }
    }

    /// The scanned Go source, if this is a `.go` file.
    pub fn go_source(&self) -> Option<&GoFile> {
        match &self.content {
            Content::GoSource(go) => Some(go),
            _ => None,
        }
    }

    /// The compose model, if this is a compose file.
    pub fn compose(&self) -> Option<&ComposeFile> {
        match &self.content {
            Content::Compose(compose) => Some(compose),
            _ => None,
        }
    }

    /// Syntax errors found while parsing this document, and what a build would reject after parsing.
    pub fn syntax_errors(&self) -> Box<dyn Iterator<Item = &SyntaxError> + '_> {
        match &self.content {
            Content::Dockerfile(image) => {
                Box::new(image.syntax.errors.iter().chain(&image.instruction_errors))
            }
            Content::Pem(bundle) => Box::new(bundle.errors()),
            Content::Nginx(config) => Box::new(config.syntax.errors.iter().chain(&config.rejected)),
            Content::Compose(compose) => Box::new(compose.yaml.errors.iter()),
            Content::GoMod(go_mod) => Box::new(go_mod.errors.iter()),
            Content::GoSource(go) => Box::new(go.errors.iter()),
            Content::NotParsed | Content::Unreadable(_) => Box::new(std::iter::empty()),
        }
    }

    /// Whether this document was checked: read and parsed by a parser this version has.
    pub fn is_checked(&self) -> bool {
        !matches!(self.content, Content::NotParsed | Content::Unreadable(_))
    }

    /// The spans of every comment (suppressions are read from them).
    pub fn comment_spans(&self) -> Box<dyn Iterator<Item = Span> + '_> {
        match &self.content {
            Content::Dockerfile(image) => Box::new(image.syntax.comments.iter().map(|c| c.span)),
            Content::Pem(bundle) => Box::new(bundle.syntax.comments.iter().copied()),
            Content::Nginx(config) => Box::new(config.syntax.comments.iter().copied()),
            Content::Compose(compose) => Box::new(compose.yaml.comments.iter().copied()),
            Content::GoMod(go_mod) => Box::new(go_mod.comments.iter().copied()),
            Content::GoSource(go) => Box::new(go.comments.iter().copied()),
            Content::NotParsed | Content::Unreadable(_) => Box::new(std::iter::empty()),
        }
    }

    /// Spans of secret values in this document, masked in every output that shows source text.
    pub fn secret_spans(&self) -> Vec<Span> {
        match &self.content {
            Content::Dockerfile(image) => image.secret_value_spans(),
            Content::Pem(bundle) => bundle.secret_spans(),
            Content::Nginx(config) => config.secret_spans(),
            Content::Compose(compose) => compose.secret_spans(),
            Content::GoMod(_) | Content::GoSource(_) => Vec::new(),
            Content::NotParsed | Content::Unreadable(_) => Vec::new(),
        }
    }

    /// The spans of the document's statements (a suppression above a statement covers all of it).
    pub fn statement_spans(&self) -> Box<dyn Iterator<Item = Span> + '_> {
        match &self.content {
            Content::Dockerfile(image) => {
                Box::new(image.syntax.instructions.iter().map(|i| i.span))
            }
            Content::Pem(bundle) => Box::new(bundle.blocks.iter().map(|b| b.span)),
            Content::Nginx(config) => Box::new(config.statement_spans()),
            Content::Compose(compose) => Box::new(
                compose
                    .yaml
                    .root
                    .iter()
                    .flat_map(shiplint_syntax::yaml::statement_spans),
            ),
            Content::GoMod(go_mod) => Box::new(go_mod.statements.iter().copied()),
            Content::GoSource(go) => Box::new(go.statements.iter().copied()),
            Content::NotParsed | Content::Unreadable(_) => Box::new(std::iter::empty()),
        }
    }
}

/// A file named on the command line that could not be read.
#[derive(Clone, Debug)]
pub struct LoadError {
    /// The path as shown in reports.
    pub display: String,
    /// Why it could not be read.
    pub reason: String,
}

/// Every document of one run.
#[derive(Debug, Default)]
pub struct Project {
    /// Source texts, indexed by [`FileId`].
    pub files: Vec<SourceFile>,
    /// Documents, `documents[i].file == FileId(i)`, sorted by display path.
    pub documents: Vec<Document>,
    /// The clock for time-dependent rules.
    pub now: Timestamp,
    /// Files named on the command line that could not be read, sorted by display path.
    pub load_errors: Vec<LoadError>,
    /// The Go modules of the loaded `go.mod` and `.go` files, sorted by directory.
    pub go_modules: Vec<GoModule>,
    /// The linked stack: compose services -> Dockerfile stage, environment, ports; nginx proxies -> services.
    pub stack: crate::stack::Stack,
}

enum Loaded {
    /// Path, display, kind, text (or why it could not be read), and the bytes of a binary DER file.
    Document(
        PathBuf,
        String,
        FileKind,
        Result<String, String>,
        Option<Vec<u8>>,
    ),
    Skipped,
    Failed(LoadError),
}

impl Project {
    /// Reads, classifies and parses the candidates (in parallel). Candidates whose content does not confirm
    /// what their name suggested are dropped; explicit ones are always kept (see [`classify_explicit`]).
    pub fn load(fs: &dyn Fs, candidates: Vec<Candidate>, now: Timestamp) -> Project {
        Project::load_with_nginx(fs, candidates, now, &NginxOptions::default())
    }

    /// [`Project::load`], then links nginx files with `nginx` options (prefix, version).
    pub fn load_with_nginx(
        fs: &dyn Fs,
        mut candidates: Vec<Candidate>,
        now: Timestamp,
        nginx: &NginxOptions,
    ) -> Project {
        candidates.sort_by(|a, b| a.display.cmp(&b.display));
        candidates.dedup_by(|a, b| a.display == b.display);
        let loaded: Vec<Loaded> = candidates
            .into_par_iter()
            .map(|c| read_and_classify(fs, c))
            .collect();
        let mut project = Project {
            now,
            ..Project::default()
        };
        let mut texts = Vec::new();
        for item in loaded {
            match item {
                Loaded::Document(path, display, kind, text, der) => {
                    texts.push((path, display, kind, text, der))
                }
                Loaded::Failed(error) => project.load_errors.push(error),
                Loaded::Skipped => {}
            }
        }
        let parsed: Vec<(SourceFile, Document)> = texts
            .into_par_iter()
            .enumerate()
            .map(|(index, (path, display, kind, text, der))| {
                let id = FileId(index as u32);
                let (mut content, text) = match (text, der) {
                    (Ok(_), Some(der)) => (
                        Content::Pem(Box::new(PemBundle::from_der(id, &der))),
                        String::new(),
                    ),
                    (Ok(text), None) => (parse(fs, &path, id, kind, &text), text),
                    (Err(reason), _) => (Content::Unreadable(reason), String::new()),
                };
                if let Content::Pem(bundle) = &mut content {
                    bundle.place(fs, &path);
                }
                (
                    SourceFile::new(id, display, text),
                    Document {
                        file: id,
                        path,
                        kind,
                        content,
                    },
                )
            })
            .collect();
        (project.files, project.documents) = parsed.into_iter().unzip();
        crate::compose::merge_overrides(&mut project);
        crate::nginx::link(&mut project, fs, nginx);
        crate::golang::link(&mut project);
        crate::stack::link(&mut project);
        project
    }

    /// The source of a document or span's file.
    pub fn file(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    /// Every secret value the project holds that a message could quote: the text of each secret span of a
    /// Dockerfile, compose or nginx document, and the value of each secret-looking variable of a linked
    /// container's environment (which may come from an `env_file` or a build argument). Values shorter than
    /// [`crate::secrets::MIN_MASKED_LEN`] are left out, as masking them in prose would garble it. Sorted,
    /// longest first, so a secret holding another is masked whole.
    pub fn secret_values(&self) -> Vec<String> {
        let mut values: Vec<String> = self
            .documents
            .iter()
            .filter(|d| !matches!(d.content, Content::Pem(_)))
            .flat_map(|d| {
                let text = &self.files[d.file.0 as usize].text;
                d.secret_spans()
                    .into_iter()
                    .map(|span| span.text(text).to_string())
                    .collect::<Vec<_>>()
            })
            .chain(
                self.stack
                    .services
                    .iter()
                    .flat_map(|s| &s.environment)
                    .chain(self.stack.apps.iter().flat_map(|a| &a.environment))
                    .filter(|e| crate::secrets::is_secret_name(&e.name))
                    .filter_map(|e| e.value.clone()),
            )
            .map(|v| v.trim().to_string())
            .filter(|v| v.chars().count() >= crate::secrets::MIN_MASKED_LEN)
            .collect();
        values.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        values.dedup();
        values
    }

    /// The source files as reports may show them: secret values masked with `*` (same byte offsets).
    pub fn files_for_report(&self) -> Vec<SourceFile> {
        self.files
            .iter()
            .zip(&self.documents)
            .map(|(file, document)| {
                let secrets = document.secret_spans();
                if secrets.is_empty() {
                    file.clone()
                } else {
                    let masked = crate::secrets::mask(&file.text, &secrets);
                    SourceFile {
                        text: masked.into(),
                        ..file.clone()
                    }
                }
            })
            .collect()
    }

    /// Documents of one kind.
    pub fn documents_of(&self, kind: FileKind) -> impl Iterator<Item = &Document> {
        self.documents.iter().filter(move |d| d.kind == kind)
    }
}

fn parse(fs: &dyn Fs, path: &std::path::Path, id: FileId, kind: FileKind, text: &str) -> Content {
    match kind {
        FileKind::Dockerfile => Content::Dockerfile(Box::new(DockerImage::build(id, text))),
        FileKind::Pem => Content::Pem(Box::new(PemBundle::from_text(id, text))),
        FileKind::Nginx => Content::Nginx(Box::new(NginxConfig::build(id, text))),
        FileKind::Compose => Content::Compose(Box::new(ComposeFile::load(fs, path, id, text))),
        FileKind::GoMod => Content::GoMod(Box::new(golang::parse_go_mod(id, text))),
        FileKind::GoSource => Content::GoSource(Box::new(golang::parse(id, text))),
    }
}

fn read_and_classify(fs: &dyn Fs, candidate: Candidate) -> Loaded {
    let class = classify::by_name(&candidate.path);
    if class == NameClass::Other && !candidate.explicit {
        return Loaded::Skipped;
    }
    let bytes = match fs.read(&candidate.path) {
        Ok(bytes) => bytes,
        // Named on the command line: the caller stops with an error. Found while walking: checked as unreadable.
        Err(error) if candidate.explicit => {
            return Loaded::Failed(LoadError {
                display: candidate.display,
                reason: error.to_string(),
            });
        }
        Err(error) => {
            return match class {
                NameClass::Known(kind) | NameClass::Sniff(kind) => Loaded::Document(
                    candidate.path,
                    candidate.display,
                    kind,
                    Err(error.to_string()),
                    None,
                ),
                NameClass::Other => Loaded::Skipped,
            };
        }
    };
    // A binary DER certificate or key has no text: it is read from its bytes (and shown as an empty file).
    let binary_pem = matches!(
        class,
        NameClass::Known(FileKind::Pem) | NameClass::Sniff(FileKind::Pem)
    ) || candidate.explicit && class == NameClass::Other;
    if binary_pem && shiplint_syntax::pem::looks_like_der(&bytes) {
        return Loaded::Document(
            candidate.path,
            candidate.display,
            FileKind::Pem,
            Ok(String::new()),
            Some(bytes),
        );
    }
    // Invalid UTF-8 is replaced rather than refused: the parser then reports what it cannot read, with a position.
    let text = String::from_utf8(bytes)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    match classify::classify(&candidate.path, &text, candidate.explicit) {
        Some(kind) => Loaded::Document(candidate.path, candidate.display, kind, Ok(text), None),
        None => Loaded::Skipped,
    }
}
