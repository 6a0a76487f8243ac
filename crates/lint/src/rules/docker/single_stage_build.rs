//! DKR001 single-stage-build (placeholder while the Dockerfile model is written).

use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::docker::DockerImage;

declare_rule! {
    /// The stage that ships is a build toolchain image or compiles there.
    #[derive(Default)]
    pub struct SingleStageBuild { pub extra_toolchain_images: Vec<String> }
    code = "DKR001", name = "single-stage-build", domain = "docker", severity = Warning,
}

impl Check<DockerImage> for SingleStageBuild {
    fn check(&self, _image: &DockerImage, _cx: &mut Ctx<'_>) {}
}
