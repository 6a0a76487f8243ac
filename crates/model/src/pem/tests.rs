use super::*;
use rcgen::{
    BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair as RcKeyPair, date_time_ymd,
};

const FILE: FileId = FileId(0);

/// A CA and a leaf it signs, with fixed dates.
struct Fixture {
    ca_pem: String,
    leaf_pem: String,
    leaf_key_pem: String,
}

fn fixture(algorithm: &'static rcgen::SignatureAlgorithm) -> Fixture {
    let ca_key = RcKeyPair::generate_for(algorithm).expect("ca key");
    let mut ca = CertificateParams::new(Vec::<String>::new()).expect("ca params");
    ca.distinguished_name
        .push(DnType::OrganizationName, "Test, Inc.");
    ca.distinguished_name.push(DnType::CommonName, "Test CA");
    ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca.not_before = date_time_ymd(2026, 1, 1);
    ca.not_after = date_time_ymd(2030, 1, 1);
    let ca_cert = ca.self_signed(&ca_key).expect("ca cert");
    let issuer = Issuer::new(ca, ca_key);

    let leaf_key = RcKeyPair::generate_for(algorithm).expect("leaf key");
    let mut leaf = CertificateParams::new(vec!["example.com".to_string(), "192.0.2.1".to_string()])
        .expect("leaf params");
    leaf.distinguished_name
        .push(DnType::CommonName, "example.com");
    leaf.not_before = date_time_ymd(2026, 9, 9);
    leaf.not_after = date_time_ymd(2026, 12, 8);
    let leaf_cert = leaf.signed_by(&leaf_key, &issuer).expect("leaf cert");
    Fixture {
        ca_pem: ca_cert.pem(),
        leaf_pem: leaf_cert.pem(),
        leaf_key_pem: leaf_key.serialize_pem(),
    }
}

fn certificates(bundle: &PemBundle) -> Vec<&Certificate> {
    bundle.certificates().map(|(_, cert)| cert).collect()
}

#[test]
fn reads_a_fullchain_with_names_dates_and_keys() {
    let f = fixture(&rcgen::PKCS_ECDSA_P256_SHA256);
    let text = format!("# leaf then CA\n{}{}", f.leaf_pem, f.ca_pem);
    let bundle = PemBundle::from_text(FILE, &text);
    assert_eq!(bundle.errors().count(), 0);
    let certs = certificates(&bundle);
    let [leaf, ca] = certs[..] else {
        panic!("two certificates expected, got {}", certs.len());
    };
    assert_eq!(leaf.subject, "CN=example.com");
    assert_eq!(leaf.issuer, "CN=Test CA, O=Test\\, Inc.");
    assert_eq!(text::rfc3339(leaf.not_before), "2026-09-09T00:00:00Z");
    assert_eq!(text::rfc3339(leaf.not_after), "2026-12-08T00:00:00Z");
    assert_eq!(
        leaf.sans
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>(),
        ["DNS:example.com", "IP Address:192.0.2.1"]
    );
    assert_eq!(leaf.key_algorithm.to_string(), "EC P-256");
    assert_eq!(leaf.signature.name, "ecdsa-with-SHA256");
    assert_eq!(leaf.self_signed, Some(false));
    assert_eq!(ca.self_signed, Some(true));
    assert_eq!(ca.is_ca, Some(true));
    assert!(leaf.names_issuer(ca));
    assert_eq!(leaf.verify_signed_by(ca), Verification::Valid);
    assert_eq!(ca.verify_signed_by(leaf), Verification::Invalid);
    assert_eq!(leaf.lifetime(), 90 * 86_400);
}

#[test]
fn private_keys_give_their_public_half_and_are_secret() {
    for algorithm in [
        &rcgen::PKCS_ECDSA_P256_SHA256,
        &rcgen::PKCS_ECDSA_P384_SHA384,
        &rcgen::PKCS_ED25519,
    ] {
        let f = fixture(algorithm);
        let cert = PemBundle::from_text(FILE, &f.leaf_pem);
        let key = PemBundle::from_text(FILE, &f.leaf_key_pem);
        let Item::PrivateKey(private) = &key.blocks[0].item else {
            panic!("a private key: {:?}", key.blocks[0].item);
        };
        let leaf = certificates(&cert)[0];
        assert_eq!(private.algorithm, leaf.key_algorithm);
        assert_eq!(private.encoding, KeyEncoding::Pkcs8);
        // rcgen writes PKCS#8 v1 for Ed25519, without the public key: then it cannot be matched.
        if leaf.key_algorithm != KeyAlgorithm::Ed25519 {
            assert_eq!(private.public_key.as_ref(), Some(&leaf.public_key));
        }
        let other = fixture(algorithm);
        let other_leaf = PemBundle::from_text(FILE, &other.leaf_pem);
        assert_ne!(
            Some(&certificates(&other_leaf)[0].public_key),
            private.public_key.as_ref()
        );

        let spans = key.secret_spans();
        assert_eq!(spans.len(), 1);
        let body = spans[0].text(&f.leaf_key_pem);
        assert!(!body.contains("-----"), "the body only: {body}");
        assert!(body.len() > 40);
    }
}

#[test]
fn encrypted_and_unknown_blocks_are_said() {
    let legacy = "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,0011\n\naGk=\n-----END RSA PRIVATE KEY-----\n";
    let bundle = PemBundle::from_text(FILE, legacy);
    assert_eq!(
        bundle.blocks[0].item,
        Item::EncryptedKey {
            scheme: "PEM encryption AES-128-CBC".into()
        }
    );
    assert!(bundle.blocks[0].item.is_private_key());
    let garbage_cert = "-----BEGIN CERTIFICATE-----\naGVsbG8=\n-----END CERTIFICATE-----\n";
    let bundle = PemBundle::from_text(FILE, garbage_cert);
    assert_eq!(bundle.blocks[0].item, Item::Unreadable);
    let errors: Vec<_> = bundle.errors().collect();
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0]
            .message
            .starts_with("the `CERTIFICATE` block is not a valid certificate"),
        "{errors:?}"
    );
}

#[test]
fn binary_der_files() {
    let f = fixture(&rcgen::PKCS_ECDSA_P256_SHA256);
    let pem = PemBundle::from_text(FILE, &f.leaf_pem);
    let der = pem.syntax.blocks[0].der.clone().expect("decoded");
    assert!(shiplint_syntax::pem::looks_like_der(&der));
    let bundle = PemBundle::from_der(FILE, &der);
    assert_eq!(bundle.blocks[0].label, "DER");
    assert_eq!(certificates(&bundle)[0].subject, "CN=example.com");
    let garbage = PemBundle::from_der(FILE, &[0x30, 0x01, 0x00]);
    assert_eq!(garbage.errors().count(), 1);
}
