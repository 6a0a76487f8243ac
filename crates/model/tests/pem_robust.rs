//! The certificate model never panics: on real certificates and keys cut anywhere or with bytes flipped,
//! on arbitrary DER, and on a 10 MB file of PEM blocks, which is read whole with every block accounted for.

use proptest::prelude::*;
use shiplint_model::pem::{Item, PemBundle};
use shiplint_syntax::FileId;
use std::sync::LazyLock;

/// A CA-signed leaf, its key and the CA, generated once (dates do not matter here).
static MATERIAL: LazyLock<(String, Vec<u8>)> = LazyLock::new(|| {
    let ca_key = rcgen::KeyPair::generate().expect("key");
    let mut ca = rcgen::CertificateParams::new(Vec::<String>::new()).expect("params");
    ca.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    let ca_cert = ca.self_signed(&ca_key).expect("ca");
    let issuer = rcgen::Issuer::new(ca, ca_key);
    let key = rcgen::KeyPair::generate().expect("key");
    let leaf = rcgen::CertificateParams::new(vec!["robust.example.com".to_string()])
        .expect("params")
        .signed_by(&key, &issuer)
        .expect("leaf");
    let text = format!("{}{}{}", leaf.pem(), ca_cert.pem(), key.serialize_pem());
    (text, leaf.der().to_vec())
});

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn real_material_cut_or_flipped_never_panics(
        cut in any::<prop::sample::Index>(),
        flips in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..8),
    ) {
        let (text, der) = &*MATERIAL;
        let mut bytes = text.as_bytes().to_vec();
        for (at, value) in &flips {
            let i = at.index(bytes.len());
            bytes[i] = *value;
        }
        bytes.truncate(cut.index(bytes.len() + 1));
        let text = String::from_utf8_lossy(&bytes);
        let bundle = PemBundle::from_text(FileId(0), &text);
        prop_assert_eq!(bundle.blocks.len(), bundle.syntax.blocks.len());
        for span in bundle.secret_spans() {
            prop_assert!(span.end as usize <= text.len());
        }

        let mut der = der.clone();
        for (at, value) in &flips {
            let i = at.index(der.len());
            der[i] = *value;
        }
        der.truncate(cut.index(der.len() + 1));
        let bundle = PemBundle::from_der(FileId(0), &der);
        prop_assert_eq!(bundle.blocks.len(), 1);
    }

    #[test]
    fn arbitrary_der_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let bundle = PemBundle::from_der(FileId(0), &bytes);
        prop_assert!(bundle.errors().count() <= 1);
    }
}

#[test]
fn ten_megabytes_of_pem_blocks_are_read_whole() {
    let (text, _) = &*MATERIAL;
    let unit = format!(
        "{text}garbage between blocks\n-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n"
    );
    let copies = 10 * 1024 * 1024 / unit.len() + 1;
    let big = unit.repeat(copies);
    assert!(big.len() >= 10 * 1024 * 1024);
    let bundle = PemBundle::from_text(FileId(0), &big);
    // Per copy: two certificates, one key, one broken block (one error each): nothing lost, nothing extra.
    assert_eq!(bundle.blocks.len(), 4 * copies);
    assert_eq!(bundle.certificates().count(), 2 * copies);
    let keys = bundle
        .blocks
        .iter()
        .filter(|b| matches!(b.item, Item::PrivateKey(_)))
        .count();
    assert_eq!(keys, copies);
    assert_eq!(bundle.errors().count(), copies);
    assert_eq!(bundle.secret_spans().len(), copies);
}
