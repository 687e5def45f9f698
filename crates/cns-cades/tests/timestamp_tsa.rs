//! Time-stamps made by OpenSSL's own TSA (`openssl ts -query/-reply`, a test TSA certificate with
//! a critical extendedKeyUsage timeStamping): put into a CAdES signature made by `openssl cms`
//! (the token inserted as an unsigned attribute with the crate's `cms`/`der` types), wrapped with
//! a `.p7m` into a `.tsd` (RFC 5544, DER written here) and into an `.m7m` (MIME). What is
//! checked: a genuine token is valid and `openssl ts -verify` agrees; a token over other bytes is
//! refused; a certificate revoked after a valid time-stamp is no reason for "not trusted", one
//! revoked before it still is; a bundle whose document was swapped is broken. Needs `openssl`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use cms::content_info::ContentInfo;
use cms::signed_data::SignedData;
use cns_cades::container::ContainerKind;
use cns_cades::verify::{Revocation, Verdict, VerifyOptions};
use cns_cades::{Finding, TimestampKind, TrustStore, VerifyReport};
use der::asn1::SetOfVec;
use der::{Decode, Encode};
use std::io::Write;
use std::path::{Path, PathBuf};
use support::openssl_pki::{cms_sign, make_ca, make_holder, openssl, openssl_ok};
use support::openssl_tsa::{m7m, make_tsa, tsd};
use x509_cert::attr::Attribute;

struct Pki {
    dir: tempfile::TempDir,
}

impl Pki {
    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn trust(&self) -> TrustStore {
        let mut t = TrustStore::new();
        t.add(&std::fs::read(self.path("ca.pem")).unwrap()).unwrap();
        t
    }
}

/// A CA, a signer "alice" (in the CA's database, so it can be revoked), a TSA "tsa" with the
/// critical timeStamping usage and "notsa" without it (both issued apart from the database).
fn pki() -> Pki {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    make_ca(d, "/CN=Test Root TS/O=Test", "http://crl.invalid/ca.crl");
    make_holder(d, "alice", "/CN=Alice Test", "20240101000000Z", "20991231000000Z");
    make_tsa(d);
    Pki { dir }
}

/// A time-stamp response (`.tsr`) by the TSA "tsa" over `data`, and its bare token.
fn stamp(pki: &Pki, data: &[u8]) -> (Vec<u8>, Vec<u8>) {
    support::openssl_tsa::stamp(pki.dir.path(), data)
}

/// Alice signs `doc` with `openssl cms` (DER .p7m); returns its bytes and her signature value.
fn signed(pki: &Pki, doc: &[u8]) -> (Vec<u8>, Vec<u8>) {
    let d = pki.dir.path();
    std::fs::write(d.join("doc.txt"), doc).unwrap();
    cms_sign(d, "doc.txt", "alice", "DER", "doc.p7m");
    let p7m = std::fs::read(d.join("doc.p7m")).unwrap();
    let sd = signed_data(&p7m);
    let sig = sd.signer_infos.0.iter().next().unwrap().signature.as_bytes().to_vec();
    (p7m, sig)
}

fn signed_data(p7m: &[u8]) -> SignedData {
    ContentInfo::from_der(p7m).unwrap().content.decode_as().unwrap()
}

/// `p7m` with `token` added to its first signer as a signature-time-stamp (unsigned attribute).
fn with_token(p7m: &[u8], token: &[u8]) -> Vec<u8> {
    let ci = ContentInfo::from_der(p7m).unwrap();
    let mut sd: SignedData = ci.content.decode_as().unwrap();
    let mut infos: Vec<_> = sd.signer_infos.0.iter().cloned().collect();
    let attr = Attribute {
        oid: der::asn1::ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.2.14"),
        values: SetOfVec::try_from(vec![der::Any::from_der(token).unwrap()]).unwrap(),
    };
    infos[0].unsigned_attrs = Some(SetOfVec::try_from(vec![attr]).unwrap());
    sd.signer_infos = cms::signed_data::SignerInfos(SetOfVec::try_from(infos).unwrap());
    let ci = ContentInfo { content_type: ci.content_type, content: der::Any::encode_from(&sd).unwrap() };
    ci.to_der().unwrap()
}

fn verify(pki: &Pki, file: &Path, crls: Vec<Vec<u8>>, extract: Option<&mut Vec<u8>>) -> VerifyReport {
    let trust = pki.trust();
    let opts = VerifyOptions {
        trust: &trust,
        crls,
        fetch_crl: None,
        detached_content: None,
        extract_to: extract.map(|v| v as &mut dyn Write),
        progress: None,
    };
    cns_cades::verify(file, opts).unwrap()
}

#[test]
#[cfg_attr(windows, ignore = "needs openssl (absent under Wine)")]
fn an_openssl_time_stamp_over_the_signature_is_valid_and_openssl_agrees() {
    let pki = pki();
    let (p7m, sig) = signed(&pki, b"Contratto di prova\n");
    let (_, token) = stamp(&pki, &sig);
    let file = pki.path("t.p7m");
    std::fs::write(&file, with_token(&p7m, &token)).unwrap();
    let r = verify(&pki, &file, vec![], None);
    let s = &r.layers[0].signers[0];
    let [t] = &s.timestamps[..] else { panic!("{:?}", s.timestamps) };
    assert_eq!(t.kind, TimestampKind::Signature);
    assert!(t.imprint_ok && t.signature_ok && t.tsa_usage_ok, "{t:?}");
    assert_eq!(t.tsa_name.as_deref(), Some("Test TSA"));
    assert_eq!(t.hash_algorithm.as_deref(), Some("SHA-256"));
    assert!(matches!(t.trust, cns_cades::verify::TrustStatus::Trusted { .. }), "{:?}", t.trust);
    assert_eq!(t.verdict(), Verdict::Valid, "{:?}", t.findings);
    assert_eq!(s.vouched_time, t.gen_time);
    assert_eq!(r.verdict(), Verdict::Valid);
    // OpenSSL, trusting the same CA, accepts the token over the same signature value.
    std::fs::write(pki.path("sig.bin"), &sig).unwrap();
    std::fs::write(pki.path("tok.der"), &token).unwrap();
    let ts_verify = |data: &str| {
        openssl_ok(
            pki.dir.path(),
            &[
                "ts",
                "-verify",
                "-token_in",
                "-in",
                "tok.der",
                "-data",
                data,
                "-CAfile",
                "ca.pem",
                "-untrusted",
                "tsa.pem",
            ],
        )
    };
    assert!(ts_verify("sig.bin"));
    // ...and refuses it over other bytes, as we do below.
    std::fs::write(pki.path("other.bin"), b"other").unwrap();
    assert!(!ts_verify("other.bin"));
}

#[test]
#[cfg_attr(windows, ignore = "needs openssl (absent under Wine)")]
fn a_time_stamp_over_other_bytes_is_refused_but_never_makes_the_signature_broken() {
    let pki = pki();
    let (p7m, _) = signed(&pki, b"Contratto di prova\n");
    let (_, token) = stamp(&pki, b"not the signature value");
    let file = pki.path("t.p7m");
    std::fs::write(&file, with_token(&p7m, &token)).unwrap();
    let r = verify(&pki, &file, vec![], None);
    let s = &r.layers[0].signers[0];
    let t = &s.timestamps[0];
    assert!(!t.imprint_ok && t.signature_ok, "{t:?}");
    assert_eq!(t.findings, vec![Finding::ImprintMismatch]);
    assert_eq!(t.verdict(), Verdict::Invalid);
    assert!(s.content_intact && s.signature_valid);
    assert_eq!(s.vouched_time, None);
    assert_eq!(r.verdict(), Verdict::NotTrusted, "a broken time-stamp: not valid, not altered either");
}

#[test]
#[cfg_attr(windows, ignore = "needs openssl (absent under Wine)")]
fn a_tsa_certificate_without_the_time_stamping_usage_is_not_trusted() {
    let pki = pki();
    let (p7m, sig) = signed(&pki, b"Contratto di prova\n");
    let (_, genuine) = stamp(&pki, &sig);
    // OpenSSL's TSA refuses such a certificate: its TSTInfo is signed again by "notsa" with
    // `openssl cms` (eContentType id-ct-TSTInfo, signing-certificate-v2), as a careless TSA would.
    let (_, tst_info) = cns_cades::tst::open_token(&genuine).unwrap();
    std::fs::write(pki.path("tstinfo.der"), tst_info).unwrap();
    openssl(
        pki.dir.path(),
        &[
            "cms",
            "-sign",
            "-cades",
            "-binary",
            "-nodetach",
            "-md",
            "sha256",
            "-econtent_type",
            "1.2.840.113549.1.9.16.1.4",
            "-in",
            "tstinfo.der",
            "-signer",
            "notsa.pem",
            "-inkey",
            "notsa.key",
            "-outform",
            "DER",
            "-out",
            "notsa.tst",
        ],
    );
    let token = std::fs::read(pki.path("notsa.tst")).unwrap();
    let file = pki.path("t.p7m");
    std::fs::write(&file, with_token(&p7m, &token)).unwrap();
    let r = verify(&pki, &file, vec![], None);
    let t = &r.layers[0].signers[0].timestamps[0];
    assert!(t.imprint_ok && t.signature_ok && !t.tsa_usage_ok, "{t:?}");
    assert_eq!(t.tsa_name.as_deref(), Some("Not A TSA"));
    assert_eq!(t.findings, vec![Finding::TsaNotForTimestamping]);
    assert_eq!(t.verdict(), Verdict::NotTrusted);
    assert_eq!(r.verdict(), Verdict::NotTrusted);
}

/// Revokes alice in the CA's database (once) with the revocation date `when` (YYMMDDHHMMSSZ),
/// and returns a CRL saying so.
fn revoke_alice_at(pki: &Pki, when: &str) -> Vec<u8> {
    let d = pki.dir.path();
    if !std::fs::read_to_string(d.join("index.txt")).unwrap().starts_with('R') {
        openssl(d, &["ca", "-config", "ca.cnf", "-revoke", "alice.pem"]);
    }
    let index = std::fs::read_to_string(d.join("index.txt")).unwrap();
    let fixed: String = index
        .lines()
        .map(|l| {
            let mut f: Vec<&str> = l.split('\t').collect();
            if f[0] == "R" {
                f[2] = when;
            }
            f.join("\t") + "\n"
        })
        .collect();
    std::fs::write(d.join("index.txt"), fixed).unwrap();
    openssl(d, &["ca", "-config", "ca.cnf", "-gencrl", "-out", "crl.pem"]);
    std::fs::read(d.join("crl.pem")).unwrap()
}

#[test]
#[cfg_attr(windows, ignore = "needs openssl (absent under Wine)")]
fn a_certificate_revoked_after_a_valid_time_stamp_is_no_reason_for_not_trusted_before_it_is() {
    let pki = pki();
    let (p7m, sig) = signed(&pki, b"Contratto di prova\n");
    let (_, token) = stamp(&pki, &sig);
    let file = pki.path("t.p7m");
    std::fs::write(&file, with_token(&p7m, &token)).unwrap();

    // Revoked in 2049, long after the time-stamp (made now).
    let crl = revoke_alice_at(&pki, "491231000000Z");
    let r = verify(&pki, &file, vec![crl], None);
    let s = &r.layers[0].signers[0];
    assert!(matches!(s.revocation, Revocation::Revoked { .. }), "{:?}", s.revocation);
    assert!(s.revoked_after_timestamp());
    assert_eq!(r.verdict(), Verdict::Valid);

    // Revoked in 2024, before the time-stamp: not to be relied on.
    let crl = revoke_alice_at(&pki, "240601000000Z");
    let r = verify(&pki, &file, vec![crl], None);
    let s = &r.layers[0].signers[0];
    assert!(matches!(s.revocation, Revocation::Revoked { .. }));
    assert!(!s.revoked_after_timestamp());
    assert_eq!(r.verdict(), Verdict::NotTrusted);
}

#[test]
#[cfg_attr(windows, ignore = "needs openssl (absent under Wine)")]
fn a_tsd_around_a_p7m_is_opened_its_time_stamp_checked_and_its_document_extracted() {
    let pki = pki();
    let doc = b"Delibera n. 12 del 2026\n".to_vec();
    let (p7m, _) = signed(&pki, &doc);
    let (_, token) = stamp(&pki, &p7m);
    let file = pki.path("doc.p7m.tsd");
    std::fs::write(&file, tsd(&p7m, &token)).unwrap();
    let mut out = Vec::new();
    let r = verify(&pki, &file, vec![], Some(&mut out));
    let c = r.container.as_ref().unwrap();
    assert_eq!(c.kind, ContainerKind::Tsd);
    assert!(c.inner_signed);
    let [t] = &c.timestamps[..] else { panic!() };
    assert_eq!(t.kind, TimestampKind::Document);
    assert!(t.imprint_ok && t.signature_ok, "{t:?}");
    assert_eq!(r.layers[0].signers[0].common_name.as_deref(), Some("Alice Test"));
    assert_eq!(r.verdict(), Verdict::Valid);
    assert_eq!(out, doc);

    // The same token around another .p7m: the bundle's document is not the time-stamped one.
    let (other, _) = signed(&pki, b"Delibera n. 13\n");
    std::fs::write(&file, tsd(&other, &token)).unwrap();
    let r = verify(&pki, &file, vec![], None);
    assert_eq!(r.container.as_ref().unwrap().timestamps[0].findings, vec![Finding::ImprintMismatch]);
    assert_eq!(r.verdict(), Verdict::Invalid);
}

#[test]
#[cfg_attr(windows, ignore = "needs openssl (absent under Wine)")]
fn a_tsd_around_a_plain_document_is_that_document_time_stamped() {
    let pki = pki();
    let doc = b"just a text, not signed\n".to_vec();
    let (_, token) = stamp(&pki, &doc);
    let file = pki.path("doc.txt.tsd");
    std::fs::write(&file, tsd(&doc, &token)).unwrap();
    let mut out = Vec::new();
    let r = verify(&pki, &file, vec![], Some(&mut out));
    let c = r.container.as_ref().unwrap();
    assert!(!c.inner_signed && r.layers.is_empty());
    assert_eq!(r.verdict(), Verdict::Valid);
    assert_eq!(out, doc);
}

#[test]
#[cfg_attr(windows, ignore = "needs openssl (absent under Wine)")]
fn an_m7m_is_opened_its_tsr_checked_over_the_p7m_and_a_swapped_p7m_refused() {
    let pki = pki();
    let doc = b"Fattura 2026/001\n".to_vec();
    let (p7m, _) = signed(&pki, &doc);
    let (tsr, _) = stamp(&pki, &p7m);
    let file = pki.path("doc.txt.m7m");
    std::fs::write(&file, m7m(pki.dir.path(), &p7m, &tsr)).unwrap();
    let mut out = Vec::new();
    let r = verify(&pki, &file, vec![], Some(&mut out));
    let c = r.container.as_ref().unwrap();
    assert_eq!(c.kind, ContainerKind::M7m);
    assert_eq!(c.file_name.as_deref(), Some("doc.txt.p7m"));
    let [t] = &c.timestamps[..] else { panic!() };
    assert!(t.imprint_ok && t.signature_ok, "{t:?}");
    assert_eq!(r.verdict(), Verdict::Valid);
    assert_eq!(out, doc);

    let (other, _) = signed(&pki, b"Fattura 2026/002\n");
    std::fs::write(&file, m7m(pki.dir.path(), &other, &tsr)).unwrap();
    let r = verify(&pki, &file, vec![], None);
    assert_eq!(r.container.as_ref().unwrap().timestamps[0].findings, vec![Finding::ImprintMismatch]);
    assert_eq!(r.verdict(), Verdict::Invalid);
}

#[test]
#[cfg_attr(windows, ignore = "needs openssl (absent under Wine)")]
fn a_bundles_valid_time_stamp_vouches_for_its_signers_a_later_revocation_is_no_reason_for_not_trusted() {
    let pki = pki();
    let (p7m, _) = signed(&pki, b"Fattura 2026/003\n");
    let (tsr, _) = stamp(&pki, &p7m);
    let file = pki.path("doc.txt.m7m");
    std::fs::write(&file, m7m(pki.dir.path(), &p7m, &tsr)).unwrap();

    let crl = revoke_alice_at(&pki, "491231000000Z");
    let r = verify(&pki, &file, vec![crl], None);
    let s = &r.layers[0].signers[0];
    assert_eq!(s.vouched_time, r.container.as_ref().unwrap().timestamps[0].gen_time);
    assert!(s.revoked_after_timestamp());
    assert_eq!(r.verdict(), Verdict::Valid);

    let crl = revoke_alice_at(&pki, "240601000000Z");
    let r = verify(&pki, &file, vec![crl], None);
    assert!(!r.layers[0].signers[0].revoked_after_timestamp());
    assert_eq!(r.verdict(), Verdict::NotTrusted);
}
