//! Whatever the bytes, verification returns an answer or an error: no panic, no hang, and
//! allocations bounded by the caps (a hostile length is refused before anything is allocated).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use cns_cades::verify::VerifyOptions;
use cns_cades::{SignOptions, TrustStore, Verdict};
use proptest::prelude::*;
use rsa::pkcs8::DecodePrivateKey;

struct Key(rsa::PrivateKey);

impl cns_cades::DigestSigner for Key {
    type Error = rsa::Error;
    fn sign_digest_info(&mut self, di: &[u8]) -> Result<Vec<u8>, rsa::Error> {
        self.0.sign(rsa::Pkcs1v15Sign::new_unprefixed(), di)
    }
}

fn signed(content: &[u8]) -> Vec<u8> {
    let preset = cns_sim::HolderPreset::BianchiGiulia;
    let mut key = Key(rsa::PrivateKey::from_pkcs8_der(cns_sim::fixtures::signing_key(preset)).unwrap());
    let mut out = Vec::new();
    let cert = cns_sim::fixtures::certificate(preset);
    cns_cades::sign_attached(
        &mut &content[..],
        content.len() as u64,
        &mut out,
        cert,
        &SignOptions::default(),
        &mut key,
        &mut |_| {},
    )
    .unwrap();
    out
}

fn verify_bytes(bytes: &[u8]) -> Result<cns_cades::VerifyReport, cns_cades::CadesError> {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("x.p7m");
    std::fs::write(&p, bytes).unwrap();
    let mut trust = TrustStore::new();
    trust.add(cns_sim::fixtures::ca_certificate(cns_sim::HolderPreset::BianchiGiulia)).unwrap();
    let mut sink = Vec::new();
    cns_cades::verify(
        &p,
        VerifyOptions {
            trust: &trust,
            crls: vec![],
            fetch_crl: None,
            detached_content: None,
            extract_to: Some(&mut sink),
            progress: None,
        },
    )
}

#[test]
fn the_simulated_cards_test_key_makes_valid_signatures() {
    let r = verify_bytes(&signed(b"ciao")).unwrap();
    assert_eq!(r.verdict(), Verdict::Valid);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, .. ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = verify_bytes(&bytes);
    }

}

/// Every single-bit change of a signed file makes it not valid, except in the three fields
/// that no signature covers and that carry no meaning for the check (the two version numbers,
/// and the NULL parameters of rsaEncryption in the SignerInfo).
#[test]
fn every_bit_flip_outside_unsigned_fields_is_not_valid() {
    let good = signed(b"documento di prova per il test di robustezza");
    let find_last = |pat: &[u8]| good.windows(pat.len()).rposition(|w| w == pat).unwrap();
    let find_first = |pat: &[u8]| good.windows(pat.len()).position(|w| w == pat).unwrap();
    let allowed = [
        find_first(&[0x02, 0x01, 0x01, 0x31]) + 2,
        find_last(&[0x02, 0x01, 0x01, 0x30]) + 2,
        find_last(&[0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01]) + 11,
    ];
    let mut wrong = Vec::new();
    for i in 0..good.len() {
        let mut b = good.clone();
        b[i] ^= 0x01;
        if let Ok(r) = verify_bytes(&b)
            && r.verdict() == Verdict::Valid
            && !allowed.contains(&i)
        {
            wrong.push(i);
        }
    }
    assert!(wrong.is_empty(), "flips at {wrong:?} still verify as valid");
}
