//! `cns_tsl::verify` on trusted lists signed by `xmlsec1 --sign` here (certificates by openssl),
//! on tampered, re-signed and wrapped copies, and on a real Italian list with the pinned AgID
//! certificates. Needs `openssl`, `xmlsec1` and `gzip` on PATH.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "support/test_tsl.rs"]
mod test_tsl;

use std::path::Path;

use cns_tsl::Error;
use test_tsl::*;

fn der(dir: &Path, name: &str) -> Vec<u8> {
    std::fs::read(dir.join(format!("{name}.der"))).unwrap()
}

fn signed() -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    make_signed(d.path(), 7);
    d
}

fn verify(dir: &Path, file: &str) -> Result<cns_tsl::Verified, Error> {
    cns_tsl::verify(&std::fs::read(dir.join(file)).unwrap(), &[der(dir, "signer")])
}

#[test]
#[cfg_attr(windows, ignore = "needs openssl and xmlsec1 (absent under Wine)")]
fn a_signed_list_trusts_exactly_the_granted_ca_and_the_qualified_tsa() {
    let d = signed();
    let v = verify(d.path(), "tsl.xml").unwrap();
    assert_eq!(v.signer_sha256, cns_tsl::sha256_hex(&der(d.path(), "signer")));
    let l = &v.list;
    assert_eq!((l.territory.as_str(), l.sequence_number), ("IT", 7));
    assert_eq!(l.issue_date, "2026-01-01T00:00:00Z");
    assert_eq!(l.next_update.as_deref(), Some("2099-01-01T00:00:00Z"));
    assert_eq!(l.services.len(), 4, "all services are read");
    let trusted: Vec<_> = l.trusted_services().collect();
    let certs: Vec<&Vec<u8>> = trusted.iter().flat_map(|s| &s.certificates).collect();
    assert_eq!(certs, vec![&der(d.path(), "qca"), &der(d.path(), "qtsa")]);
    assert!(trusted.iter().all(|s| s.tsp_name == GRANTED_TSP), "the Italian name is chosen");
    assert_eq!(trusted[0].service_type, CA_QC);
    assert_eq!(trusted[1].service_type, TSA_QTST);
    let withdrawn = l.services.iter().find(|s| s.tsp_name == WITHDRAWN_TSP).unwrap();
    assert_eq!(withdrawn.status, WITHDRAWN);
    assert!(!withdrawn.is_trusted());
    let web = l.services.iter().find(|s| s.service_name == "Cessato Web CA").unwrap();
    assert_eq!(
        (web.status.as_str(), web.purposes.as_slice()),
        (GRANTED, &["ForWebSiteAuthentication".to_owned()][..])
    );
    assert!(!web.is_trusted(), "a CA for website certificates only is not one to check signatures with");
    assert_eq!(trusted[0].purposes, vec!["ForeSignatures".to_owned()]);
}

/// One character changed in the signed content: xmlsec1 says the digest does not match.
#[test]
#[cfg_attr(windows, ignore = "needs openssl and xmlsec1 (absent under Wine)")]
fn a_tampered_tsp_name_or_certificate_is_refused() {
    let d = signed();
    let xml = std::fs::read_to_string(d.path().join("tsl.xml")).unwrap();
    let renamed = xml.replacen(GRANTED_TSP, &GRANTED_TSP.replacen("Prova", "Prava", 1), 1);
    assert_ne!(renamed, xml);
    std::fs::write(d.path().join("renamed.xml"), renamed).unwrap();
    assert!(matches!(verify(d.path(), "renamed.xml"), Err(Error::BadSignature)));

    // A character in the middle of the granted CA's Base64 (still Base64, another certificate).
    let ca = b64(d.path(), "qca");
    let i = ca.len() / 2;
    let flipped = if &ca[i..=i] == "A" { "B" } else { "A" };
    let other_ca = format!("{}{}{}", &ca[..i], flipped, &ca[i + 1..]);
    let recerted = xml.replacen(&ca, &other_ca, 1);
    assert_ne!(recerted, xml);
    std::fs::write(d.path().join("recerted.xml"), recerted).unwrap();
    assert!(matches!(verify(d.path(), "recerted.xml"), Err(Error::BadSignature)));
}

/// Comments are not signed (canonicalisation without comments): one put inside the TSP's name or
/// a certificate verifies, and must not change what is read.
#[test]
#[cfg_attr(windows, ignore = "needs openssl and xmlsec1 (absent under Wine)")]
fn a_comment_inside_a_signed_value_does_not_cut_what_is_read() {
    let d = signed();
    let xml = std::fs::read_to_string(d.path().join("tsl.xml")).unwrap();
    let ca = b64(d.path(), "qca");
    let cut = format!("{}<!-- x -->{}", &ca[..100], &ca[100..]);
    let named = GRANTED_TSP.replacen("Qualificato", "Quali<!-- x -->ficato", 1);
    let commented = xml.replacen(&ca, &cut, 1).replacen(GRANTED_TSP, &named, 1);
    std::fs::write(d.path().join("commented.xml"), commented).unwrap();
    let v = verify(d.path(), "commented.xml").unwrap();
    let trusted: Vec<_> = v.list.trusted_services().collect();
    assert_eq!(trusted[0].tsp_name, GRANTED_TSP);
    assert_eq!(trusted[0].certificates, vec![der(d.path(), "qca")]);
}

/// Signed by another key that embeds its own certificate: the embedded one is never used.
#[test]
#[cfg_attr(windows, ignore = "needs openssl and xmlsec1 (absent under Wine)")]
fn a_list_signed_by_another_key_is_refused() {
    let d = signed();
    self_signed(d.path(), "other", "/C=IT/O=Agenzia di Prova/CN=Test TSL signer", false);
    sign(d.path(), &template(d.path(), 8, "2099-01-01T00:00:00Z", ""), "other", "other.xml");
    // xmlsec1 trusting what the document carries would accept it: the attack is real.
    let o = run(
        d.path(),
        "xmlsec1",
        &[
            "--verify",
            "--enabled-key-data",
            "x509",
            "--insecure",
            "--id-attr:Id",
            "http://uri.etsi.org/01903/v1.3.2#:SignedProperties",
            "other.xml",
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(matches!(verify(d.path(), "other.xml"), Err(Error::BadSignature)));
}

/// Signed by the pinned key but naming another certificate in KeyInfo: refused too, so the
/// certificate a reader of the file sees is always the pinned one.
#[test]
#[cfg_attr(windows, ignore = "needs openssl and xmlsec1 (absent under Wine)")]
fn an_embedded_certificate_other_than_the_pinned_signer_is_refused() {
    let d = signed();
    self_signed(d.path(), "other", "/C=IT/O=Agenzia di Prova/CN=Test TSL signer", false);
    std::fs::copy(d.path().join("signer.key"), d.path().join("mixed.key")).unwrap();
    std::fs::copy(d.path().join("other.pem"), d.path().join("mixed.pem")).unwrap();
    sign(d.path(), &template(d.path(), 8, "2099-01-01T00:00:00Z", ""), "mixed", "mixed.xml");
    assert!(matches!(verify(d.path(), "mixed.xml"), Err(Error::OtherSigner)));
}

/// The classic wrapping: a list signed by reference to its root's Id is kept, intact, inside a
/// new root with other providers, which takes the signature. xmlsec1 alone accepts it (the
/// referenced element is intact); the shape check refuses it.
#[test]
#[cfg_attr(windows, ignore = "needs openssl and xmlsec1 (absent under Wine)")]
fn a_wrapped_signature_is_refused() {
    let d = signed();
    sign(d.path(), &template(d.path(), 9, "2099-01-01T00:00:00Z", "#tsl-1"), "signer", "by-id.xml");
    let by_id = std::fs::read_to_string(d.path().join("by-id.xml")).unwrap();
    let body = by_id.split_once("?>").unwrap().1.trim();
    let sig_start = body.find("<ds:Signature").unwrap();
    let sig_end = body.rfind("</ds:Signature>").unwrap() + "</ds:Signature>".len();
    let (signature, original) =
        (&body[sig_start..sig_end], format!("{}{}", &body[..sig_start], &body[sig_end..]));
    let evil = original
        .replacen("Id=\"tsl-1\"", "Id=\"evil\"", 1)
        .replacen(GRANTED_TSP, "Evil CA", 1)
        .replacen("</TrustServiceStatusList>", &format!("{signature}{original}</TrustServiceStatusList>"), 1);
    std::fs::write(d.path().join("wrapped.xml"), format!("<?xml version=\"1.0\"?>\n{evil}")).unwrap();
    let o = run(
        d.path(),
        "xmlsec1",
        &[
            "--verify",
            "--pubkey-cert-pem",
            "signer.pem",
            "--enabled-key-data",
            "key-name",
            "--id-attr:Id",
            "http://uri.etsi.org/01903/v1.3.2#:SignedProperties",
            "--id-attr:Id",
            "http://uri.etsi.org/02231/v2#:TrustServiceStatusList",
            "wrapped.xml",
        ],
    );
    assert!(
        o.status.success(),
        "xmlsec1 alone accepts the wrapped list: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(
        matches!(verify(d.path(), "wrapped.xml"), Err(Error::Wrapped(_))),
        "{:?}",
        verify(d.path(), "wrapped.xml")
    );
    // Even the list signed by Id (not wrapped) is refused: only URI="" covers all that is read.
    assert!(matches!(verify(d.path(), "by-id.xml"), Err(Error::Wrapped(_))));
}

#[test]
#[cfg_attr(windows, ignore = "needs openssl and xmlsec1 (absent under Wine)")]
fn a_second_signature_or_a_signature_out_of_place_is_refused() {
    let d = signed();
    let xml = std::fs::read_to_string(d.path().join("tsl.xml")).unwrap();
    let s = xml.find("<ds:Signature").unwrap();
    let e = xml.rfind("</ds:Signature>").unwrap() + "</ds:Signature>".len();
    let sig = &xml[s..e];
    let twice = xml.replacen("</TrustServiceStatusList>", &format!("{sig}</TrustServiceStatusList>"), 1);
    std::fs::write(d.path().join("twice.xml"), twice).unwrap();
    assert!(matches!(verify(d.path(), "twice.xml"), Err(Error::Wrapped(_))));
    let moved = format!("{}{}", &xml[..s], &xml[e..]).replacen(
        "</SchemeInformation>",
        &format!("{sig}</SchemeInformation>"),
        1,
    );
    std::fs::write(d.path().join("moved.xml"), moved).unwrap();
    assert!(matches!(verify(d.path(), "moved.xml"), Err(Error::Wrapped(_))));
}

#[test]
#[cfg_attr(windows, ignore = "needs openssl and xmlsec1 (absent under Wine)")]
fn remote_references_doctypes_and_oversized_files_are_refused_before_xmlsec1() {
    let d = signed();
    let xml = std::fs::read_to_string(d.path().join("tsl.xml")).unwrap();
    let remote = xml.replacen("URI=\"#xp\"", "URI=\"http://127.0.0.1:9/x\"", 1);
    std::fs::write(d.path().join("remote.xml"), remote).unwrap();
    assert!(matches!(verify(d.path(), "remote.xml"), Err(Error::Wrapped(_))));
    let xslt = xml.replacen(
        "<ds:Transform Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/>",
        "<ds:Transform Algorithm=\"http://www.w3.org/TR/1999/REC-xslt-19991116\"/>",
        1,
    );
    std::fs::write(d.path().join("xslt.xml"), xslt).unwrap();
    assert!(matches!(verify(d.path(), "xslt.xml"), Err(Error::Wrapped(_))));
    let doctype = xml.replacen("?>", "?><!DOCTYPE x SYSTEM \"http://127.0.0.1:9/x.dtd\">", 1);
    std::fs::write(d.path().join("doctype.xml"), doctype).unwrap();
    assert!(matches!(verify(d.path(), "doctype.xml"), Err(Error::Malformed(_))));
    let big = vec![b' '; cns_tsl::MAX_TSL_BYTES + 1];
    assert!(matches!(cns_tsl::verify(&big, &[der(d.path(), "signer")]), Err(Error::TooLarge { .. })));
    let unsigned = format!("{}{}", &xml[..xml.find("<ds:Signature").unwrap()], "</TrustServiceStatusList>");
    std::fs::write(d.path().join("unsigned.xml"), unsigned).unwrap();
    assert!(matches!(verify(d.path(), "unsigned.xml"), Err(Error::Unsigned)));
}

/// The real Italian list of 2019 (see tests/data/README.md) verifies with the shipped AgID
/// certificates, and the Italian qualified CAs are read from it.
#[test]
#[cfg_attr(windows, ignore = "needs gzip, openssl and xmlsec1 (absent under Wine)")]
fn the_real_italian_list_verifies_with_the_pinned_agid_certificates() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let gz = root.join("tests/data/TSL-IT-seq141.xml.gz");
    let out = std::process::Command::new("gzip").arg("-dc").arg(&gz).output().unwrap();
    assert!(out.status.success());
    let mut pinned = Vec::new();
    for e in std::fs::read_dir(root.join("../../assets/tsl")).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "pem") {
            let o = std::process::Command::new("openssl")
                .args(["x509", "-outform", "DER", "-in"])
                .arg(&p)
                .output()
                .unwrap();
            assert!(o.status.success());
            pinned.push(o.stdout);
        }
    }
    assert_eq!(pinned.len(), 4);
    let v = cns_tsl::verify(&out.stdout, &pinned).unwrap();
    assert_eq!(v.signer_sha256, "ed36919a6a09991c1428fa779133166839d05640d0639b4a2e42bb05fdb678da");
    assert_eq!((v.list.territory.as_str(), v.list.sequence_number), ("IT", 141));
    let qualified: Vec<&str> = v
        .list
        .trusted_services()
        .filter(|s| s.service_type == cns_tsl::list::CA_QC)
        .map(|s| s.tsp_name.as_str())
        .collect();
    for who in ["InfoCert", "Aruba", "Actalis", "Namirial", "Poste"] {
        assert!(
            qualified.iter().any(|n| n.to_lowercase().contains(&who.to_lowercase())),
            "{who} not among {qualified:?}"
        );
    }
    // Tampering with the real list (one TSP name) is refused as well.
    let text = String::from_utf8(out.stdout).unwrap();
    let tampered = text.replacen("Infocert S.p.A.", "Infocerd S.p.A.", 1);
    assert_ne!(tampered, text);
    assert!(matches!(cns_tsl::verify(tampered.as_bytes(), &pinned), Err(Error::BadSignature)));
    // And no other certificate verifies it.
    let d = signed();
    assert!(matches!(cns_tsl::verify(text.as_bytes(), &[der(d.path(), "signer")]), Err(Error::BadSignature)));
}
