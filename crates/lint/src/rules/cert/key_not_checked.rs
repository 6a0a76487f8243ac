//! CRT012 key-not-checked: a private key shiplint cannot read (encrypted with a passphrase, or in a format
//! it does not decode) or cannot compare with its certificate (its public half is not stored), so the
//! strength and key-match rules could not check it. Said, so that nothing passes silently.

use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::pem::{self, Item, PemBundle};

declare_rule! {
    /// A private key could not be checked (encrypted, unknown format, or no public half to match).
    #[derive(Default)]
    pub struct KeyNotChecked {}
    code = "CRT012", name = "key-not-checked", domain = "cert", severity = Info,
}

impl Check<PemBundle> for KeyNotChecked {
    fn check(&self, bundle: &PemBundle, cx: &mut Ctx<'_>) {
        let this = cx.document().map(|d| d.file);
        let paired: Vec<usize> = pem::pairs(cx.project())
            .into_iter()
            .filter(|pair| Some(pair.key_document.file) == this)
            .map(|pair| pair.key_block)
            .collect();
        for (index, block) in bundle.blocks.iter().enumerate() {
            let message = match &block.item {
                Item::EncryptedKey { scheme } => format!(
                    "this key is encrypted (`{scheme}`): its strength and its match with a certificate were not checked"
                ),
                Item::OpaqueKey { label } => format!(
                    "a `{label}` is not decoded by shiplint: its strength and its match with a certificate were not checked"
                ),
                Item::PrivateKey(key) if key.public_key.is_none() && paired.contains(&index) => {
                    format!(
                        "this `{}` key does not store its public half, so its match with the certificate was not checked",
                        key.algorithm
                    )
                }
                _ => continue,
            };
            cx.report(block.span, message).help(
                "check it by hand: `openssl pkey -in KEY -pubout` must print the same key as `openssl x509 -in CERT -noout -pubkey`",
            );
        }
    }
}
