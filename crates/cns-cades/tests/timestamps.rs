//! Signature time-stamps (CAdES-T) and countersignatures in real files of the EU DSS project
//! (`tests/corpus/README.md` gives their origin and licence): what we say about each token, and
//! OpenSSL's `ts -verify` agreeing on every token's imprint and signature. Needs `openssl` (3.x).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use cms::signed_data::SignerInfo;
use cns_cades::verify::{SignerReport, Verdict, VerifyOptions};
use cns_cades::{Finding, TimestampKind, TrustStore, VerifyReport};
use der::{Decode, Encode};
use std::path::{Path, PathBuf};
use std::process::Command;

fn corpus(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus").join(name)
}

fn verify(name: &str) -> VerifyReport {
    let p = corpus(name);
    let content = PathBuf::from(format!("{}.content", p.display()));
    let trust = TrustStore::new();
    let opts = VerifyOptions {
        trust: &trust,
        crls: vec![],
        fetch_crl: None,
        detached_content: content.exists().then_some(content),
        extract_to: None,
        progress: None,
    };
    cns_cades::verify(&p, opts).unwrap()
}

fn sig_stamps(s: &SignerReport) -> Vec<&cns_cades::TimestampReport> {
    s.timestamps.iter().filter(|t| t.kind == TimestampKind::Signature).collect()
}

#[test]
fn a_signature_time_stamp_copied_from_another_signature_fails_its_imprint() {
    let r = verify("dss-cades-t-copied-sigtst.p7m");
    let s = &r.layers[0].signers[0];
    let [t] = sig_stamps(s)[..] else { panic!("{:?}", s.timestamps) };
    assert!(!t.imprint_ok && t.signature_ok, "{t:?}");
    // It is the file's content time-stamp (same serial), which is genuine over the content.
    let content = s.timestamps.iter().find(|t| t.kind == TimestampKind::Content).unwrap();
    assert!(content.imprint_ok && content.serial_hex == t.serial_hex, "{content:?}");
    assert_eq!(t.findings, vec![Finding::ImprintMismatch]);
    assert_eq!(t.verdict(), Verdict::Invalid);
    // The signature itself stands: the file is not "altered", but cannot be relied on.
    assert!(s.content_intact && s.signature_valid);
    assert_eq!(s.vouched_time, None);
    assert_eq!(r.verdict(), Verdict::NotTrusted);
}

#[test]
fn genuine_signature_time_stamps_are_intact_and_name_their_tsa() {
    for (file, tsa, gen_time, count) in [
        ("dss-CAdES-BpT.p7m", "tsa.izenpe.com", "2024-07-14T20:24:37Z", 1),
        ("dss-cades-t-duplicated-sigtst.p7m", "good-tsa", "2023-12-07T11:40:41Z", 2),
        ("dss-cades-lta-copied-atst.p7m", "good-tsa", "2023-12-07T10:32:53Z", 1),
        ("dss-detached_with_counter_sig.p7m", "PostSignum TSA - TSU 1", "2018-11-19T09:50:58Z", 1),
        ("dss-Signature-C-HU_POL-3.p7m", "Qualified e-Szigno TSA 2014 02", "2014-11-28T14:55:19Z", 1),
        // Italian: InfoCert's TSA units, through Dike (Sinekarta's test data) and in ParER's
        // nested CAdES-T file
        ("it-sinekarta-dike_pippo.txt.p7m", "ICEDTS04201501", "2015-01-09T14:29:05Z", 1),
        ("it-parer-cades_T_1.pdf.p7m", "ICEDTS03201301", "2013-03-07T14:44:30Z", 1),
    ] {
        let r = verify(file);
        let s = &r.layers[0].signers[0];
        let stamps = sig_stamps(s);
        assert_eq!(stamps.len(), count, "{file}");
        for t in stamps {
            assert!(t.imprint_ok && t.signature_ok && t.tsa_usage_ok, "{file}: {t:?}");
            assert_eq!(t.tsa_name.as_deref(), Some(tsa), "{file}");
            assert_eq!(t.gen_time.map(cns_cades::trust::utc_text).as_deref(), Some(gen_time), "{file}");
            assert!(t.findings.is_empty(), "{file}: {:?}", t.findings);
            // Nobody is trusted here: intact, but not vouched for.
            assert_eq!(t.verdict(), Verdict::NotTrusted, "{file}");
        }
        assert_ne!(r.verdict(), Verdict::Invalid, "{file}");
    }
}

#[test]
fn archive_time_stamps_and_cades_c_x_values_are_read_and_named_not_checked() {
    let r = verify("dss-cades-lta-copied-atst.p7m");
    assert_eq!(r.layers[0].signers[0].not_checked, vec!["archive-time-stamp-v3 (CAdES-A)"]);
    let r = verify("dss-Signature-C-X-1.p7m");
    let nc = &r.layers[0].signers[0].not_checked;
    assert!(
        nc.contains(&"CAdES-C-time-stamp (CAdES-X)")
            && nc.contains(&"complete-certificate-references (CAdES-C)"),
        "{nc:?}"
    );
}

#[test]
fn content_time_stamps_copied_between_two_signers_of_one_content_both_match_it() {
    let r = verify("dss-cades-two-sig-copied-tst.p7m");
    let signers = &r.layers[0].signers;
    assert_eq!(signers.len(), 2);
    for s in signers {
        let [t] = &s.timestamps[..] else { panic!("{:?}", s.timestamps) };
        assert_eq!(t.kind, TimestampKind::Content);
        assert!(t.imprint_ok && t.signature_ok, "{t:?}");
        // A content time-stamp says when the content existed, not when it was signed.
        assert_eq!(s.vouched_time, None);
    }
}

#[test]
fn a_token_wrapped_in_an_octet_string_is_unreadable_which_never_breaks_the_signature() {
    let r = verify("dss-Signature-C-DE_CRY-3.p7m");
    let s = &r.layers[0].signers[0];
    let [t] = &s.timestamps[..] else { panic!() };
    assert!(matches!(t.findings[..], [Finding::TimestampUnreadable(_)]), "{t:?}");
    assert_eq!(t.verdict(), Verdict::Unverifiable);
    assert!(s.content_intact && s.signature_valid);
    assert_eq!(s.verdict(), Verdict::NotTrusted);
}

#[test]
fn countersignatures_are_checked_over_their_parents_signature_value() {
    for (file, parent, counter) in [
        ("dss-counterSig.p7m", "EST-COUNTER-SIGNATURE1-OK-EE", "EST-COUNTER-SIGNATURE1-OK-EE2"),
        ("dss-detached_with_counter_sig.p7m", "TEST CERT4SEAL", "Jakub Lejtnar"),
        ("dss-cades-double-signing-time.p7m", "LUIGI BONGIORNI", "DORIANA PEPOLI"),
        ("it-parer-cades_bes_controfirma.doc.p7m", "COCCHI ENRICO", "Giuseppe Sassatelli"),
    ] {
        let r = verify(file);
        let s = &r.layers[0].signers[0];
        assert_eq!(s.common_name.as_deref(), Some(parent), "{file}");
        let [c] = &s.countersigners[..] else { panic!("{file}: {:?}", s.countersigners.len()) };
        assert_eq!(c.common_name.as_deref(), Some(counter), "{file}");
        assert!(c.content_intact && c.signature_valid && c.problems.is_empty(), "{file}: {:?}", c.problems);
    }
    // A countersignature in RSASSA-PSS cannot be checked: the whole file cannot be relied on.
    let r = verify("dss-wrongContentHints.p7m");
    let c = &r.layers[0].signers[0].countersigners[0];
    assert_eq!(c.verdict(), Verdict::Unverifiable);
    assert_eq!(r.verdict(), Verdict::Unverifiable);
}

/// Every signature time-stamp token of the outer signers of `file` (DER), with the signature
/// value it covers.
fn tokens_of(file: &Path) -> Vec<(Vec<u8>, Vec<u8>)> {
    let bytes = std::fs::read(file).unwrap();
    let mut r = cns_cades::ber::Counting::new(&bytes[..]);
    let env = cns_cades::parse::read_envelope(&mut r, &mut |_: &[u8]| Ok(())).unwrap();
    let mut out = Vec::new();
    for raw in &env.signer_infos {
        let si = SignerInfo::from_der(&cns_cades::ber::to_der(raw).unwrap()).unwrap();
        for a in si.unsigned_attrs.iter().flat_map(|u| u.iter()) {
            if a.oid.to_string() == "1.2.840.113549.1.9.16.2.14" {
                for v in a.values.iter() {
                    out.push((v.to_der().unwrap(), si.signature.as_bytes().to_vec()));
                }
            }
        }
    }
    out
}

/// OpenSSL's `ts -verify` of `token` over `data`, trusting the token's own certificates (so
/// that only the imprint and the TSA's signature are judged).
fn openssl_ts_verify(token: &[u8], data: &[u8], tmp: &Path) -> bool {
    let (tok, dat, pem) = (tmp.join("tok.der"), tmp.join("data.bin"), tmp.join("tsa.pem"));
    std::fs::write(&tok, token).unwrap();
    std::fs::write(&dat, data).unwrap();
    // The token's certificates, as PEM (read with our envelope reader: `openssl pkcs7` refuses
    // tokens whose certificate set holds other choices).
    let mut r = cns_cades::ber::Counting::new(token);
    let env = cns_cades::parse::read_envelope(&mut r, &mut |_: &[u8]| Ok(())).unwrap();
    let mut text = String::new();
    for c in &env.certs {
        use base64::Engine as _;
        let b64 = base64::engine::general_purpose::STANDARD.encode(cns_cades::ber::to_der(c).unwrap());
        text.push_str("-----BEGIN CERTIFICATE-----\n");
        for line in b64.as_bytes().chunks(64) {
            text.push_str(std::str::from_utf8(line).unwrap());
            text.push('\n');
        }
        text.push_str("-----END CERTIFICATE-----\n");
    }
    std::fs::write(&pem, text).unwrap();
    let out = Command::new("openssl")
        .args(["ts", "-verify", "-token_in", "-partial_chain", "-no_check_time", "-in"])
        .arg(&tok)
        .arg("-data")
        .arg(&dat)
        .arg("-CAfile")
        .arg(&pem)
        .output()
        .unwrap();
    if !out.status.success() {
        eprintln!("openssl ts -verify: {}", String::from_utf8_lossy(&out.stderr));
    }
    out.status.success()
}

#[test]
#[cfg_attr(windows, ignore = "needs openssl (absent under Wine)")]
fn openssl_agrees_on_every_tokens_imprint_and_signature() {
    let tmp = tempfile::tempdir().unwrap();
    let mut checked = 0;
    for file in [
        "dss-cades-t-copied-sigtst.p7m",
        "dss-CAdES-BpT.p7m",
        "dss-cades-t-duplicated-sigtst.p7m",
        "dss-cades-lta-copied-atst.p7m",
        // Not dss-detached_with_counter_sig.p7m: OpenSSL's PKCS#7 reader cannot load its token
        // (a certificate set OpenSSL's `ts` refuses), so it has nothing to say about it.
        "dss-Signature-C-HU_POL-3.p7m",
        "dss-Signature-CBp-LT-2.p7m",
        "dss-CAdESDoubleLTA.p7m",
    ] {
        let tokens = tokens_of(&corpus(file));
        let ours: Vec<bool> = verify(file)
            .signers()
            .flat_map(|s| {
                sig_stamps(s).into_iter().map(|t| t.imprint_ok && t.signature_ok).collect::<Vec<_>>()
            })
            .collect();
        assert_eq!(ours.len(), tokens.len(), "{file}");
        for ((token, sig), ok) in tokens.iter().zip(ours) {
            assert_eq!(openssl_ts_verify(token, sig, tmp.path()), ok, "{file}: OpenSSL disagrees");
            checked += 1;
        }
    }
    assert!(checked >= 8, "{checked}");
}

/// A real Italian `.tsd` (Bouncy Castle's test file, `tests/bundles/README.md`): metaData
/// hashProtected, three InfoCert tokens, the later ones renewals over the TimeStampAndCRL before.
#[test]
#[cfg_attr(windows, ignore = "needs openssl (absent under Wine)")]
fn a_real_tsd_with_renewed_time_stamps_is_opened_and_openssl_agrees_on_each_token() {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bundles/bc-FileDaFirmare.txt.tsd");
    let bytes = std::fs::read(&file).unwrap();
    let trust = TrustStore::new();
    let mut out = Vec::new();
    let opts = VerifyOptions {
        trust: &trust,
        crls: vec![],
        fetch_crl: None,
        detached_content: None,
        extract_to: Some(&mut out),
        progress: None,
    };
    let r = cns_cades::verify(&file, opts).unwrap();
    let c = r.container.as_ref().unwrap();
    assert_eq!(c.file_name.as_deref(), Some("FileDaFirmare.txt"));
    assert!(!c.inner_signed && r.layers.is_empty());
    let names: Vec<_> = c.timestamps.iter().map(|t| t.tsa_name.clone().unwrap()).collect();
    assert_eq!(names, ["ICEDTS01201101", "ICEDTS01201101", "ICEDTS02201101"]);
    for t in &c.timestamps {
        assert!(t.imprint_ok && t.signature_ok && t.tsa_usage_ok, "{t:?}");
        assert_eq!(t.verdict(), Verdict::NotTrusted, "InfoCert's 2011 CAs are not trusted here");
    }
    assert_eq!(r.verdict(), Verdict::NotTrusted);
    // The document: the content OCTET STRING (offset 64 per `openssl asn1parse`), as OpenSSL cuts it.
    let tmp = tempfile::tempdir().unwrap();
    let cut = tmp.path().join("content.bin");
    let ok = Command::new("openssl")
        .args(["asn1parse", "-inform", "DER", "-strparse", "64", "-noout", "-in"])
        .arg(&file)
        .arg("-out")
        .arg(&cut)
        .status()
        .unwrap();
    assert!(ok.success());
    let content = std::fs::read(&cut).unwrap();
    assert_eq!(out, content);
    // OpenSSL on each token, over what RFC 5544 says it covers (offsets per `openssl asn1parse`):
    // the DER metaData (28..64) then the content; then each previous TimeStampAndCRL.
    let tokens = [&bytes[304..304 + 1965], &bytes[2273..2273 + 1965], &bytes[4242..4242 + 1965]];
    let covered =
        [[&bytes[28..64], &content[..]].concat(), bytes[300..2269].to_vec(), bytes[2269..4238].to_vec()];
    for (token, data) in tokens.iter().zip(&covered) {
        assert!(openssl_ts_verify(token, data, tmp.path()), "OpenSSL disagrees");
        // Over the content alone (the metaData left out) none verifies.
        assert!(!openssl_ts_verify(token, &content, tmp.path()));
    }
}

/// ParER's `firma.tsr.p7m` holds a 2011 time-stamp token whose TSA key has 512 bits: too short
/// to be relied on, so "cannot be checked" with that reason, never "broken".
#[test]
fn a_512_bit_tsa_key_is_named_too_short_not_broken() {
    let r = verify("it-parer-firma.tsr.p7m");
    let inner = r.layers.last().unwrap();
    let s = &inner.signers[0];
    assert_eq!(s.unverifiable, vec![Finding::KeyTooShort(512)], "{:?}", s.problems);
    assert_eq!(s.verdict(), Verdict::Unverifiable);
    assert_ne!(r.verdict(), Verdict::Invalid);
}
