//! CRT010 private-key-committed: a private key lies inside a git work tree. Directory walks skip
//! git-ignored files, and pre-commit passes staged files, so a key seen there is committed or about to be:
//! everyone with the repository (and its history, forever) has it.

use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::pem::PemBundle;

declare_rule! {
    /// A private key is in a git repository.
    #[derive(Default)]
    pub struct PrivateKeyCommitted {}
    code = "CRT010", name = "private-key-committed", domain = "cert", severity = Error,
    tags = ["security"], security_severity = 8.0,
}

impl Check<PemBundle> for PrivateKeyCommitted {
    fn check(&self, bundle: &PemBundle, cx: &mut Ctx<'_>) {
        if bundle.placement.git_work_tree.is_none() {
            return;
        }
        for block in bundle.private_keys() {
            cx.report(
                block.span,
                format!("private key (`{}`) inside a git work tree", block.label),
            )
            .help("remove it from the repository and its history, rotate it, and deliver keys through a secret store or the server itself; add the path to .gitignore");
        }
    }
}
