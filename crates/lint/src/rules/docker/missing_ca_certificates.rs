//! DKR017 missing-ca-certificates: the shipped image runs a binary compiled in this Dockerfile on a base
//! without a CA trust store (scratch, or Debian/Ubuntu without the `ca-certificates` package), and nothing
//! provides one, so every outbound TLS call fails with "certificate signed by unknown authority".

use super::common::{compile_step, is_scratch, root_image};
use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::FileKind;
use shiplint_model::docker::{CopySource, DockerImage, Stage, copy_operands};
use shiplint_syntax::dockerfile::Keyword;

declare_rule! {
    /// The shipped image runs a compiled service but has no CA certificates for its TLS calls.
    #[derive(Default)]
    pub struct MissingCaCertificates {}
    code = "DKR017", name = "missing-ca-certificates", domain = "docker", severity = Warning,
}

/// Whether the stage's lineage installs or copies a trust store.
fn has_trust_store(image: &DockerImage, stage: &Stage) -> bool {
    image.lineage(stage).any(|s| {
        let installs = s
            .commands()
            .any(|c| c.operands().any(|w| w.value.starts_with("ca-certificates")));
        let copies = image.instructions_of(s).any(|(_, i)| {
            matches!(i.keyword, Keyword::Copy | Keyword::Add) && {
                let (sources, dest) = copy_operands(i);
                sources.iter().chain(dest).any(|w| {
                    w.value.contains("ca-certificates")
                        || w.value.contains("/etc/ssl")
                        || w.value.contains("/etc/pki")
                })
            }
        });
        installs || copies
    })
}

/// Go source text that shows outbound TLS: an HTTPS URL, a TLS or x509 import, an HTTP or gRPC client.
const GO_TLS_EVIDENCE: [&str; 9] = [
    "\"https://",
    "\"crypto/tls\"",
    "\"crypto/x509\"",
    "http.Client",
    "http.Get(",
    "http.Post(",
    "http.NewRequest",
    "grpc.Dial",
    "grpc.NewClient",
];

/// What the Go sources next to the Dockerfile say: `None` when there are none to read (then a compiled
/// service is assumed to call out over TLS), else whether any of them does.
///
/// This reads the text of Go files until the Go model exists; it only looks for fixed strings.
fn go_sources_call_tls(cx: &Ctx<'_>) -> Option<bool> {
    let project = cx.project();
    let dir = cx.document()?.path.parent()?;
    let mut sources = project
        .documents_of(FileKind::GoSource)
        .filter(|d| d.path.starts_with(dir))
        .peekable();
    sources.peek()?;
    Some(sources.any(|d| {
        let text = &project.file(d.file).text;
        GO_TLS_EVIDENCE.iter().any(|e| text.contains(e))
    }))
}

impl Check<DockerImage> for MissingCaCertificates {
    fn check(&self, image: &DockerImage, cx: &mut Ctx<'_>) {
        let Some(shipped) = image.shipped_stage(None) else {
            return;
        };
        let root = root_image(image, shipped);
        let bare = is_scratch(image, shipped) || matches!(root.short_name(), "debian" | "ubuntu");
        if !bare || has_trust_store(image, shipped) {
            return;
        }
        // The service: a binary compiled in an earlier stage and copied in.
        let compiled = image
            .lineage(shipped)
            .flat_map(|s| &s.copies_from)
            .find(|copy| {
                let CopySource::Stage(source) = copy.source else {
                    return false;
                };
                image.stages.get(source).is_some_and(|builder| {
                    image
                        .lineage(builder)
                        .flat_map(Stage::commands)
                        .any(|c| compile_step(c).is_some())
                })
            });
        let Some(copy) = compiled else {
            return;
        };
        if go_sources_call_tls(cx) == Some(false) {
            return;
        }
        let copy_span = image
            .instruction(copy.instruction)
            .map_or(copy.from.span, |i| i.span);
        cx.report(
            shipped.image.span,
            format!("`{}` has no CA certificates, so the service cannot verify TLS servers", root.raw),
        )
        .label(copy_span, "the compiled service is copied in here")
        .help(
            "copy the builder's trust store: `COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/`, \
             or install `ca-certificates` in the shipped stage",
        );
    }
}
