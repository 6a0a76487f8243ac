//! CRT006 chain-out-of-order: the certificates of a chain file are not in the order TLS sends them (leaf
//! first, then each certificate's issuer), or the file holds a certificate that is not part of the chain.

use super::common::who;
use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::pem::{ChainProblem as Problem, PemBundle};

declare_rule! {
    /// The certificates of a chain file are out of order.
    #[derive(Default)]
    pub struct ChainOutOfOrder {}
    code = "CRT006", name = "chain-out-of-order", domain = "cert", severity = Error,
}

impl Check<PemBundle> for ChainOutOfOrder {
    fn check(&self, bundle: &PemBundle, cx: &mut Ctx<'_>) {
        for problem in bundle.chain_problems() {
            match problem {
                Problem::OutOfOrder {
                    block,
                    expected,
                    found,
                } => {
                    cx.report(
                        block.span,
                        format!(
                            "`{}` is here, but the chain needs `{}` at this place",
                            who(found),
                            who(expected)
                        ),
                    )
                    .help("put the leaf first, then its issuer, then that one's issuer (as certbot's fullchain.pem does)");
                }
                Problem::Unrelated { block, cert } => {
                    cx.report(
                        block.span,
                        format!("`{}` is not part of this file's chain", who(cert)),
                    )
                    .help("remove it, or move it to the file where its chain lives");
                }
                Problem::MissingIssuer { .. } | Problem::BadSignature { .. } => {}
            }
        }
    }
}
