//! DKR025 non-numeric-user: the shipped image's USER is a name, not a uid. Kubernetes (`runAsNonRoot`) and
//! other admission checks cannot tell from a name that the user is not root, and refuse to start the pod.

use super::common::{is_windows, root_image};
use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::docker::DockerImage;

declare_rule! {
    /// The shipped image's USER is a name, which `runAsNonRoot` cannot verify.
    #[derive(Default)]
    pub struct NonNumericUser {}
    code = "DKR025", name = "non-numeric-user", domain = "docker", severity = Info,
}

impl Check<DockerImage> for NonNumericUser {
    fn check(&self, image: &DockerImage, cx: &mut Ctx<'_>) {
        let Some(stage) = image.shipped_stage(None) else {
            return;
        };
        let Some(user) = stage.user.as_ref() else {
            return;
        };
        if is_windows(root_image(image, stage)) {
            return;
        }
        let name = user.value.split(':').next().unwrap_or("").trim();
        // Root is runs-as-root's finding; a variable may hold a uid.
        if user.is_root()
            || name.is_empty()
            || name.contains('$')
            || name.chars().all(|c| c.is_ascii_digit())
        {
            return;
        }
        cx.report(user.span, format!("`USER {}` names the user instead of giving its uid", user.value))
            .help(format!(
                "write the numeric uid (and gid) the user was created with, such as `USER 10001:10001`; `id -u {name}` in the image prints it"
            ));
    }
}
