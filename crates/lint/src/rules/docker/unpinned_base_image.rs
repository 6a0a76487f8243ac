//! DKR003 unpinned-base-image: a FROM (or `COPY --from`) image without a tag, or tagged `latest`.

use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::docker::{Base, CopySource, DockerImage, ImageRef};

declare_rule! {
    /// A base image has no tag or the `latest` tag, so each build may get a different image.
    #[derive(Default)]
    pub struct UnpinnedBaseImage {}
    code = "DKR003", name = "unpinned-base-image", domain = "docker", severity = Warning,
}

fn check_ref(image: &ImageRef, cx: &mut Ctx<'_>) {
    if image.unresolved || image.digest.is_some() {
        return;
    }
    let message = match image.tag.as_deref() {
        None => format!("`{}` has no tag, so it means `latest`", image.raw),
        Some("latest") => format!("`{}` follows the moving `latest` tag", image.raw),
        Some(_) => return,
    };
    cx.report(image.span, message).help(format!(
        "pin a version tag (`{}:<version>`), or a digest for reproducible builds",
        image.short_name()
    ));
}

impl Check<DockerImage> for UnpinnedBaseImage {
    fn check(&self, image: &DockerImage, cx: &mut Ctx<'_>) {
        for stage in &image.stages {
            if stage.base == Base::Image {
                check_ref(&stage.image, cx);
            }
            for copy in &stage.copies_from {
                if let CopySource::Image(source) = &copy.source {
                    // A bare word is more likely a mistyped stage name: copy-from-unknown-stage handles it.
                    if source.raw.contains([':', '/', '@']) {
                        check_ref(source, cx);
                    }
                }
            }
        }
    }
}
