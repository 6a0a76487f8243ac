//! CRT007 chain-incomplete: a chain file stops at a certificate whose issuer it does not hold (a missing
//! intermediate), or a certificate is not signed by the issuer that follows it.

use super::common::who;
use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::pem::{ChainProblem as Problem, PemBundle};

declare_rule! {
    /// A chain file misses an intermediate, or a signature in it does not verify.
    #[derive(Default)]
    pub struct ChainIncomplete {}
    code = "CRT007", name = "chain-incomplete", domain = "cert", severity = Error,
}

impl Check<PemBundle> for ChainIncomplete {
    fn check(&self, bundle: &PemBundle, cx: &mut Ctx<'_>) {
        for problem in bundle.chain_problems() {
            match problem {
                Problem::MissingIssuer { block, cert } => {
                    cx.report(
                        block.span,
                        format!(
                            "the issuer `{}` of `{}` is not in this chain file",
                            cert.issuer,
                            who(cert)
                        ),
                    )
                    .help("append the intermediate certificate(s) after the leaf (certbot: use fullchain.pem, not cert.pem)");
                }
                Problem::BadSignature {
                    block,
                    cert,
                    issuer,
                } => {
                    cx.report(
                        block.span,
                        format!(
                            "`{}` names `{}` as its issuer, but that certificate's key did not sign it",
                            who(cert),
                            who(issuer)
                        ),
                    )
                    .help("use the intermediate that actually issued this certificate (a renewed or cross-signed CA has the same name but another key)");
                }
                Problem::OutOfOrder { .. } | Problem::Unrelated { .. } => {}
            }
        }
    }
}
