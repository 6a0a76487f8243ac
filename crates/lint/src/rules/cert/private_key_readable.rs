//! CRT011 private-key-readable: a private key file outside a repository (a key as deployed on a server) can
//! be read by every user of the machine. Group read is allowed by default, since Debian's `ssl-cert` group
//! grants services their keys that way.

use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::pem::PemBundle;

declare_rule! {
    /// A private key file is readable by other users.
    #[derive(Default)]
    pub struct PrivateKeyReadable {
        /// Also report a key its group can read (mode `0640`).
        pub forbid_group_read: bool,
    }
    code = "CRT011", name = "private-key-readable", domain = "cert", severity = Warning,
    tags = ["security"], security_severity = 6.5,
}

impl Check<PemBundle> for PrivateKeyReadable {
    fn check(&self, bundle: &PemBundle, cx: &mut Ctx<'_>) {
        // In a checkout, git decides the mode and private-key-committed is the problem.
        if bundle.placement.git_work_tree.is_some() {
            return;
        }
        let Some(mode) = bundle.placement.mode else {
            return;
        };
        let forbidden = if self.forbid_group_read { 0o044 } else { 0o004 };
        if mode & forbidden == 0 {
            return;
        }
        let who = if mode & 0o004 != 0 {
            "every user"
        } else {
            "its group"
        };
        if let Some(block) = bundle.private_keys().next() {
            cx.report(
                block.span,
                format!("this key's file has mode `{mode:04o}`: {who} on the machine can read it"),
            )
            .help("`chmod 600` the file (or `640` with a dedicated group), owned by the user that serves it");
        }
    }
}
