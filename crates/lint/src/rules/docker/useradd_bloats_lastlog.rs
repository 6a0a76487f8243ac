//! DKR029 useradd-bloats-lastlog: `useradd` with a large uid and without `-l` (`--no-log-init`) writes
//! `/var/log/lastlog` and `/var/log/faillog` as sparse files sized by the uid; image layers do not keep them
//! sparse, so a uid such as 1000000 adds hundreds of megabytes of zeros.

use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::docker::DockerImage;

declare_rule! {
    /// `useradd` with a large uid and without `-l` fills the image with a huge lastlog file.
    #[derive(Default)]
    pub struct UseraddBloatsLastlog {}
    code = "DKR029", name = "useradd-bloats-lastlog", domain = "docker", severity = Warning,
}

/// From this uid on, the log files reach tens of megabytes (about 300 bytes per uid).
const LARGE_UID: u64 = 100_000;

impl Check<DockerImage> for UseraddBloatsLastlog {
    fn check(&self, image: &DockerImage, cx: &mut Ctx<'_>) {
        for command in image.commands() {
            if command.name() != Some("useradd") || command.has_option(Some('l'), &["no-log-init"])
            {
                continue;
            }
            let args = command.args();
            let uid = args.iter().enumerate().find_map(|(i, w)| {
                let value = match w.value.as_str() {
                    "-u" | "--uid" => args.get(i + 1)?,
                    v if v.starts_with("--uid=") => w,
                    v if v.starts_with("-u") && v.len() > 2 && !v.starts_with("--") => w,
                    _ => return None,
                };
                let digits = value
                    .value
                    .trim_start_matches("--uid=")
                    .trim_start_matches("-u");
                digits
                    .parse::<u64>()
                    .ok()
                    .filter(|n| *n >= LARGE_UID)
                    .map(|n| (n, value.span))
            });
            if let Some((uid, span)) = uid {
                cx.report(span, format!("`useradd` with uid `{uid}` and without `-l` writes a lastlog sized for that uid"))
                    .help("add `-l` (`--no-log-init`) to useradd, or pick a uid below 100000");
            }
        }
    }
}
