//! CMP002 unpinned-image: `image:` without a tag, or with `:latest`, so what runs changes whenever the
//! registry's tag moves. A digest (`@sha256:...`) pins it; a service that also has `build:` names the image it
//! builds and is not reported.

use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::compose::ComposeFile;

declare_rule! {
    /// The image has no tag, or the `latest` tag.
    #[derive(Default)]
    pub struct UnpinnedImage {}
    code = "CMP002", name = "unpinned-image", domain = "compose", severity = Warning,
}

/// The tag of an image reference (`registry:5000/app:1.2` -> `1.2`), `None` when untagged.
fn tag(image: &str) -> Option<&str> {
    let last = image.rsplit('/').next().unwrap_or(image);
    last.split_once(':').map(|(_, tag)| tag)
}

impl Check<ComposeFile> for UnpinnedImage {
    fn check(&self, compose: &ComposeFile, cx: &mut Ctx<'_>) {
        for service in compose.own_services().filter(|s| s.build.is_none()) {
            let Some(image) = &service.image else {
                continue;
            };
            let value = image.value.as_str();
            if value.is_empty() || value.contains('@') || value.contains('$') {
                continue;
            }
            match tag(value) {
                None => {
                    cx.report(image.span, format!("image `{value}` has no tag, so it means `latest`"))
                        .help("pin a version tag (`postgres:16.4`), or a digest for reproducible deployments");
                }
                Some("latest") => {
                    cx.report(image.span, format!("image `{value}` uses the moving `latest` tag"))
                        .help("pin a version tag (`postgres:16.4`), or a digest for reproducible deployments");
                }
                Some(_) => {}
            }
        }
    }
}
