//! Our signatures checked by OpenSSL, OpenSSL's signatures checked by us. Needs `openssl` (3.x).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use cns_cades::verify::{CertValidity, Revocation, TrustStatus, Verdict, VerifyOptions};
use cns_cades::{DigestSigner, SignOptions, TrustStore};
use rsa::pkcs8::DecodePrivateKey;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

mod support;
use support::openssl_pki::{
    cms_sign, cms_sign_with, cms_verified_content, cms_verifies, expired_crl, make_ca, make_holder,
    make_holder_with, openssl as ok, openssl_ok,
};

/// A test PKI: one CA (with an `openssl ca` database, for CRLs) and two holders.
struct Pki {
    dir: tempfile::TempDir,
}

impl Pki {
    fn new(crl_url: &str) -> Pki {
        let dir = tempfile::tempdir().unwrap();
        make_ca(dir.path(), "/C=IT/O=Test/CN=Test CA Cittadini", crl_url);
        let pki = Pki { dir };
        // A CNS-style holder (CN = CF/serial.hash) and a qualified-style one (serialNumber TINIT-).
        pki.holder(
            "bianchi",
            "/C=IT/O=Test/CN=BNCGLI90E52D612W\\/6090104237815004.abcdefghijklmnopqrstuvwxyz0=",
            "20250101000000Z",
            "20350101000000Z",
        );
        pki.holder(
            "rossi",
            "/C=IT/O=Test/serialNumber=TINIT-RSSMRA80A01F205X/CN=ROSSI MARIO",
            "20250101000000Z",
            "20350101000000Z",
        );
        pki
    }

    fn holder(&self, name: &str, subj: &str, start: &str, end: &str) {
        make_holder(self.dir.path(), name, subj, start, end);
    }

    fn path(&self, f: &str) -> PathBuf {
        self.dir.path().join(f)
    }

    fn signer(&self, name: &str) -> KeySigner {
        let pem = std::fs::read_to_string(self.path(&format!("{name}.key"))).unwrap();
        KeySigner { key: rsa::PrivateKey::from_pkcs8_pem(&pem).unwrap(), calls: 0 }
    }

    fn cert(&self, name: &str) -> Vec<u8> {
        std::fs::read(self.path(&format!("{name}.der"))).unwrap()
    }

    fn trust(&self) -> TrustStore {
        let mut t = TrustStore::new();
        t.add(&std::fs::read(self.path("ca.pem")).unwrap()).unwrap();
        t
    }
}

/// A software key standing in for the card: PKCS#1 v1.5 type 1 over the DigestInfo as given.
struct KeySigner {
    key: rsa::PrivateKey,
    calls: usize,
}

impl DigestSigner for KeySigner {
    type Error = rsa::Error;
    fn sign_digest_info(&mut self, digest_info: &[u8]) -> Result<Vec<u8>, rsa::Error> {
        self.calls += 1;
        self.key.sign(rsa::Pkcs1v15Sign::new_unprefixed(), digest_info)
    }
}

fn sample(dir: &Path, name: &str, len: usize) -> PathBuf {
    let p = dir.join(name);
    let data: Vec<u8> = (0..len).map(|i| (i * 7 % 251) as u8).collect();
    std::fs::write(&p, data).unwrap();
    p
}

fn sign_attached_file(pki: &Pki, who: &str, input: &Path, out: &Path, time: SystemTime) {
    let len = std::fs::metadata(input).unwrap().len();
    let mut f = std::fs::File::open(input).unwrap();
    let mut o = std::fs::File::create(out).unwrap();
    let mut s = pki.signer(who);
    cns_cades::sign_attached(
        &mut f,
        len,
        &mut o,
        &pki.cert(who),
        &SignOptions { signing_time: time, ..SignOptions::default() },
        &mut s,
        &mut |_| {},
    )
    .unwrap();
    assert_eq!(s.calls, 1);
}

fn verify(
    pki: &Pki,
    file: &Path,
    content: Option<&Path>,
    crls: Vec<Vec<u8>>,
    extract: Option<&mut Vec<u8>>,
) -> cns_cades::VerifyReport {
    let trust = pki.trust();
    let opts = VerifyOptions {
        trust: &trust,
        crls,
        fetch_crl: None,
        detached_content: content.map(Path::to_path_buf),
        extract_to: extract.map(|v| v as &mut dyn Write),
        progress: None,
    };
    cns_cades::verify(file, opts).unwrap()
}

/// `file` checked with no trusted issuer at all.
fn verify_trusting_nobody(file: &Path) -> cns_cades::VerifyReport {
    let empty = TrustStore::new();
    let opts = VerifyOptions {
        trust: &empty,
        crls: vec![],
        fetch_crl: None,
        detached_content: None,
        extract_to: None,
        progress: None,
    };
    cns_cades::verify(file, opts).unwrap()
}

#[test]
#[cfg_attr(windows, ignore = "needs openssl (absent under Wine)")]
fn our_attached_p7m_verifies_with_openssl_and_carries_signing_certificate_v2() {
    let pki = Pki::new("http://crl.invalid/test.crl");
    let d = pki.dir.path();
    // Sizes around the DER length-form boundaries and a multi-chunk one.
    for len in [0usize, 1, 127, 128, 255, 256, 65_535, 65_536, 200_000] {
        let input = sample(d, "doc.bin", len);
        let out = d.join("doc.bin.p7m");
        sign_attached_file(&pki, "bianchi", &input, &out, SystemTime::now());
        let got = cms_verified_content(d, "doc.bin.p7m", "ca.pem");
        assert_eq!(got, std::fs::read(&input).unwrap(), "len {len}");
        // Strict DER: OpenSSL's asn1parse -strictpem is not enough; re-encode through cms -cmsout.
        let reenc = ok(d, &["cms", "-cmsout", "-inform", "DER", "-in", "doc.bin.p7m", "-outform", "DER"]);
        assert_eq!(reenc, std::fs::read(&out).unwrap(), "our encoding is DER (len {len})");
    }
    let printed =
        String::from_utf8(ok(d, &["cms", "-cmsout", "-print", "-inform", "DER", "-in", "doc.bin.p7m"]))
            .unwrap();
    assert!(printed.contains("signingCertificateV2"), "{printed}");
    assert!(printed.contains("signingTime"));
    assert!(printed.contains("messageDigest"));
    assert!(printed.contains("contentType"));
    // And our own verification agrees.
    let mut extracted = Vec::new();
    let r = verify(&pki, &out_path(d), None, vec![], Some(&mut extracted));
    assert_eq!(r.verdict(), Verdict::Valid);
    assert_eq!(extracted, std::fs::read(d.join("doc.bin")).unwrap());
    let s = r.signers().next().unwrap();
    assert_eq!(s.fiscal_code.as_deref(), Some("BNCGLI90E52D612W"));
    assert_eq!(s.signing_certificate_attr, Some(true));
    assert!(
        matches!(&s.trust, TrustStatus::Trusted { anchor, anchor_sha256 }
            if anchor == "Test CA Cittadini" && anchor_sha256.len() == 64),
        "{:?}",
        s.trust
    );
}

fn out_path(d: &Path) -> PathBuf {
    d.join("doc.bin.p7m")
}

#[test]
#[cfg_attr(windows, ignore = "needs openssl (absent under Wine)")]
fn our_detached_p7s_verifies_with_openssl() {
    let pki = Pki::new("http://crl.invalid/test.crl");
    let d = pki.dir.path();
    let input = sample(d, "doc.pdf", 100_000);
    let mut o = std::fs::File::create(d.join("doc.pdf.p7s")).unwrap();
    let mut s = pki.signer("rossi");
    cns_cades::sign_detached(
        &mut std::fs::File::open(&input).unwrap(),
        &mut o,
        &pki.cert("rossi"),
        &SignOptions::default(),
        &mut s,
        &mut |_| {},
    )
    .unwrap();
    drop(o);
    ok(
        d,
        &[
            "cms",
            "-verify",
            "-binary",
            "-inform",
            "DER",
            "-in",
            "doc.pdf.p7s",
            "-content",
            "doc.pdf",
            "-CAfile",
            "ca.pem",
            "-purpose",
            "any",
            "-out",
            "/dev/null",
        ],
    );
    let r = verify(&pki, &d.join("doc.pdf.p7s"), Some(&input), vec![], None);
    assert_eq!(r.verdict(), Verdict::Valid);
    assert!(r.layers[0].detached);
    let s = r.signers().next().unwrap();
    assert_eq!(s.fiscal_code.as_deref(), Some("RSSMRA80A01F205X"));
    assert_eq!(s.common_name.as_deref(), Some("ROSSI MARIO"));
    // Without the document: a clear error, not a verdict.
    let trust = pki.trust();
    let e = cns_cades::verify(
        &d.join("doc.pdf.p7s"),
        VerifyOptions {
            trust: &trust,
            crls: vec![],
            fetch_crl: None,
            detached_content: None,
            extract_to: None,
            progress: None,
        },
    );
    assert!(matches!(e, Err(cns_cades::CadesError::DetachedContentMissing)));
}

#[test]
#[cfg_attr(windows, ignore = "needs openssl (absent under Wine)")]
fn openssl_cades_files_verify_with_us_der_base64_one_and_two_signers_nested() {
    let pki = Pki::new("http://crl.invalid/test.crl");
    let d = pki.dir.path();
    let input = sample(d, "doc.pdf", 300_000);
    let base = ["cms", "-sign", "-cades", "-binary", "-md", "sha256", "-in", "doc.pdf"];
    let run = |extra: &[&str]| {
        let mut a: Vec<&str> = base.to_vec();
        a.extend_from_slice(extra);
        ok(d, &a);
    };
    run(&[
        "-nodetach",
        "-signer",
        "bianchi.pem",
        "-inkey",
        "bianchi.key",
        "-outform",
        "DER",
        "-out",
        "a.p7m",
    ]);
    run(&[
        "-nodetach",
        "-signer",
        "bianchi.pem",
        "-inkey",
        "bianchi.key",
        "-outform",
        "PEM",
        "-out",
        "a-pem.p7m",
    ]);
    run(&[
        "-nodetach",
        "-stream",
        "-signer",
        "bianchi.pem",
        "-inkey",
        "bianchi.key",
        "-outform",
        "DER",
        "-out",
        "a-ber.p7m",
    ]);
    run(&["-signer", "bianchi.pem", "-inkey", "bianchi.key", "-outform", "DER", "-out", "d.p7s"]);
    run(&[
        "-nodetach",
        "-signer",
        "bianchi.pem",
        "-inkey",
        "bianchi.key",
        "-signer",
        "rossi.pem",
        "-inkey",
        "rossi.key",
        "-outform",
        "DER",
        "-out",
        "two.p7m",
    ]);
    // Plain Base64 (no armour), as some mail clients save it.
    let der = std::fs::read(d.join("a.p7m")).unwrap();
    let b64 = ok(d, &["base64", "-in", "a.p7m"]);
    std::fs::write(d.join("a-b64.p7m"), &b64).unwrap();
    assert_ne!(b64, der);

    for f in ["a.p7m", "a-pem.p7m", "a-ber.p7m", "a-b64.p7m", "two.p7m"] {
        let mut extracted = Vec::new();
        let r = verify(&pki, &d.join(f), None, vec![], Some(&mut extracted));
        assert_eq!(r.verdict(), Verdict::Valid, "{f}: {r:?}");
        assert_eq!(extracted, std::fs::read(&input).unwrap(), "{f}");
        for s in r.signers() {
            assert_eq!(s.signing_certificate_attr, Some(true), "{f}");
            assert!(s.signing_time.is_some());
        }
    }
    let r = verify(&pki, &d.join("two.p7m"), None, vec![], None);
    let cfs: Vec<_> = r.signers().map(|s| s.fiscal_code.clone().unwrap()).collect();
    assert_eq!(cfs.len(), 2);
    assert!(cfs.contains(&"BNCGLI90E52D612W".to_string()) && cfs.contains(&"RSSMRA80A01F205X".to_string()));
    let r = verify(&pki, &d.join("d.p7s"), Some(&input), vec![], None);
    assert_eq!(r.verdict(), Verdict::Valid);

    // Nested: OpenSSL signs the .p7m again (x.pdf.p7m.p7m), in DER and in Base64.
    cms_sign(d, "a.p7m", "rossi", "DER", "a.p7m.p7m");
    cms_sign(d, "a-b64.p7m", "rossi", "PEM", "b.p7m.p7m");
    for f in ["a.p7m.p7m", "b.p7m.p7m"] {
        let mut extracted = Vec::new();
        let r = verify(&pki, &d.join(f), None, vec![], Some(&mut extracted));
        assert_eq!(r.layers.len(), 2, "{f}");
        assert_eq!(r.verdict(), Verdict::Valid, "{f}");
        assert_eq!(extracted, std::fs::read(&input).unwrap(), "{f}: the innermost document");
        assert_eq!(r.layers[0].signers[0].fiscal_code.as_deref(), Some("RSSMRA80A01F205X"));
        assert_eq!(r.layers[1].signers[0].fiscal_code.as_deref(), Some("BNCGLI90E52D612W"));
    }
}

#[test]
#[cfg_attr(windows, ignore = "needs openssl (absent under Wine)")]
fn a_second_signer_added_to_an_openssl_p7m_verifies_with_openssl() {
    let pki = Pki::new("http://crl.invalid/test.crl");
    let d = pki.dir.path();
    let input = sample(d, "doc.pdf", 150_000);
    cms_sign(d, "doc.pdf", "bianchi", "PEM", "one.p7m");
    let mut o = std::fs::File::create(d.join("both.p7m")).unwrap();
    let mut s = pki.signer("rossi");
    let summary = cns_cades::add_signer(
        &d.join("one.p7m"),
        &mut o,
        &pki.cert("rossi"),
        &SignOptions::default(),
        &mut s,
        &mut |_| {},
    )
    .unwrap();
    drop(o);
    assert_eq!(summary.signers, 2);
    // The document in hand must be the one inside: another one is refused before signing.
    let mut s2 = pki.signer("rossi");
    let wrong = SignOptions { expect_content_sha256: Some(vec![0u8; 32]), ..SignOptions::default() };
    let e = cns_cades::add_signer(
        &d.join("one.p7m"),
        &mut Vec::new(),
        &pki.cert("rossi"),
        &wrong,
        &mut s2,
        &mut |_| {},
    );
    assert!(matches!(e, Err(cns_cades::CadesError::ContentMismatch)));
    assert_eq!(s2.calls, 0);
    let got = cms_verified_content(d, "both.p7m", "ca.pem");
    assert_eq!(got, std::fs::read(&input).unwrap());
    let printed =
        String::from_utf8(ok(d, &["cms", "-cmsout", "-print", "-inform", "DER", "-in", "both.p7m"])).unwrap();
    assert_eq!(printed.matches("signingCertificateV2").count(), 2);
    let r = verify(&pki, &d.join("both.p7m"), None, vec![], None);
    assert_eq!(r.verdict(), Verdict::Valid);
    assert_eq!(r.signers().count(), 2);
}

#[test]
#[cfg_attr(windows, ignore = "needs openssl (absent under Wine)")]
fn one_altered_byte_in_content_or_signature_is_invalid() {
    let pki = Pki::new("http://crl.invalid/test.crl");
    let d = pki.dir.path();
    let input = sample(d, "doc.bin", 5000);
    sign_attached_file(&pki, "bianchi", &input, &d.join("doc.bin.p7m"), SystemTime::now());
    let good = std::fs::read(d.join("doc.bin.p7m")).unwrap();
    // Content byte: the content sits right before the certificate; find it by its pattern.
    let content = std::fs::read(&input).unwrap();
    let at = good.windows(64).position(|w| w == &content[..64]).unwrap() + 1000;
    let sig_at = good.len() - 10;
    for (what, pos) in [("content", at), ("signature", sig_at)] {
        let mut bad = good.clone();
        bad[pos] ^= 0x01;
        std::fs::write(d.join("bad.p7m"), &bad).unwrap();
        let r = verify(&pki, &d.join("bad.p7m"), None, vec![], None);
        assert_eq!(r.verdict(), Verdict::Invalid, "{what}");
        let s = r.signers().next().unwrap();
        if what == "content" {
            assert!(!s.content_intact);
        } else {
            assert!(s.content_intact && !s.signature_valid);
        }
        // OpenSSL agrees.
        assert!(!openssl_ok(
            d,
            &[
                "cms",
                "-verify",
                "-binary",
                "-inform",
                "DER",
                "-in",
                "bad.p7m",
                "-CAfile",
                "ca.pem",
                "-purpose",
                "any",
                "-out",
                "/dev/null"
            ]
        ));
    }
    // A detached signature with the wrong document.
    let mut o = std::fs::File::create(d.join("doc.p7s")).unwrap();
    cns_cades::sign_detached(
        &mut &content[..],
        &mut o,
        &pki.cert("bianchi"),
        &SignOptions::default(),
        &mut pki.signer("bianchi"),
        &mut |_| {},
    )
    .unwrap();
    let other = sample(d, "other.bin", 5001);
    let r = verify(&pki, &d.join("doc.p7s"), Some(&other), vec![], None);
    assert_eq!(r.verdict(), Verdict::Invalid);
}

#[test]
#[cfg_attr(windows, ignore = "needs openssl (absent under Wine)")]
fn expired_untrusted_and_revoked_certificates_are_reported() {
    // The CRL server: a one-shot HTTP server on 127.0.0.1, started before the certificates so
    // their distribution point can name it.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://127.0.0.1:{}/ca.crl", listener.local_addr().unwrap().port());
    let pki = Pki::new(&url);
    let d = pki.dir.path();
    let input = sample(d, "doc.bin", 1000);

    // Expired at signing time (the signing time is after the certificate's end).
    let later = SystemTime::now() + Duration::from_secs(20 * 365 * 86400);
    sign_attached_file(&pki, "bianchi", &input, &d.join("late.p7m"), later);
    let r = verify(&pki, &d.join("late.p7m"), None, vec![], None);
    assert_eq!(r.verdict(), Verdict::NotTrusted);
    assert_eq!(r.signers().next().unwrap().cert_validity, CertValidity::Expired);

    // Not trusted: nobody imported the CA.
    sign_attached_file(&pki, "bianchi", &input, &d.join("doc.p7m"), SystemTime::now());
    let r = verify_trusting_nobody(&d.join("doc.p7m"));
    assert_eq!(r.verdict(), Verdict::NotTrusted);
    assert_eq!(r.signers().next().unwrap().trust, TrustStatus::NotTrusted);

    // Not revoked yet: the CRL says good.
    ok(d, &["ca", "-config", "ca.cnf", "-gencrl", "-out", "good.crl"]);
    let r = verify(&pki, &d.join("doc.p7m"), None, vec![std::fs::read(d.join("good.crl")).unwrap()], None);
    assert_eq!(r.verdict(), Verdict::Valid);
    assert!(matches!(r.signers().next().unwrap().revocation, Revocation::Good { .. }));

    // Revoked: CRL from a file (PEM), and fetched from the distribution point.
    ok(d, &["ca", "-config", "ca.cnf", "-revoke", "bianchi.pem"]);
    ok(d, &["ca", "-config", "ca.cnf", "-gencrl", "-out", "revoked.crl"]);
    let crl_pem = std::fs::read(d.join("revoked.crl")).unwrap();
    let r = verify(&pki, &d.join("doc.p7m"), None, vec![crl_pem.clone()], None);
    assert_eq!(r.verdict(), Verdict::NotTrusted);
    assert!(matches!(r.signers().next().unwrap().revocation, Revocation::Revoked { .. }));
    // A signature by the other holder is not affected by that CRL.
    sign_attached_file(&pki, "rossi", &input, &d.join("rossi.p7m"), SystemTime::now());
    let r = verify(&pki, &d.join("rossi.p7m"), None, vec![crl_pem.clone()], None);
    assert_eq!(r.verdict(), Verdict::Valid);

    let crl_der = ok(d, &["crl", "-in", "revoked.crl", "-outform", "DER"]);
    let server = std::thread::spawn(move || {
        let (mut conn, _) = listener.accept().unwrap();
        let mut req = Vec::new();
        let mut b = [0u8; 1];
        while !req.ends_with(b"\r\n\r\n") && conn.read(&mut b).unwrap() == 1 {
            req.push(b[0]);
        }
        let req = String::from_utf8_lossy(&req).to_string();
        write!(
            conn,
            "HTTP/1.0 200 OK\r\nContent-Type: application/pkix-crl\r\nContent-Length: {}\r\n\r\n",
            crl_der.len()
        )
        .unwrap();
        conn.write_all(&crl_der).unwrap();
        req
    });
    let trust = pki.trust();
    let fetch = |u: &str| cns_cades::http::get(u).map_err(|e| e.to_string());
    let r = cns_cades::verify(
        &d.join("doc.p7m"),
        VerifyOptions {
            trust: &trust,
            crls: vec![],
            fetch_crl: Some(&fetch),
            detached_content: None,
            extract_to: None,
            progress: None,
        },
    )
    .unwrap();
    let req = server.join().unwrap();
    assert!(req.starts_with("GET /ca.crl HTTP/1.0\r\n"), "{req}");
    assert_eq!(r.verdict(), Verdict::NotTrusted);
    assert!(matches!(r.signers().next().unwrap().revocation, Revocation::Revoked { .. }));
    // Without asking, nothing is fetched and revocation is "not checked".
    let r = verify(&pki, &d.join("doc.p7m"), None, vec![], None);
    assert_eq!(r.signers().next().unwrap().revocation, Revocation::NotChecked);
}

#[test]
#[cfg_attr(windows, ignore = "needs openssl (absent under Wine)")]
fn damaged_and_hostile_files_give_errors_not_panics() {
    let pki = Pki::new("http://crl.invalid/test.crl");
    let d = pki.dir.path();
    let input = sample(d, "doc.bin", 3000);
    sign_attached_file(&pki, "bianchi", &input, &d.join("doc.p7m"), SystemTime::now());
    let good = std::fs::read(d.join("doc.p7m")).unwrap();
    let trust = pki.trust();
    let try_bytes = |bytes: &[u8]| {
        std::fs::write(d.join("x.p7m"), bytes).unwrap();
        cns_cades::verify(
            &d.join("x.p7m"),
            VerifyOptions {
                trust: &trust,
                crls: vec![],
                fetch_crl: None,
                detached_content: None,
                extract_to: None,
                progress: None,
            },
        )
    };
    // Every truncation is an error (or, never, a valid verdict).
    for cut in (0..good.len()).step_by(97) {
        match try_bytes(&good[..cut]) {
            Err(_) => {}
            Ok(r) => assert_ne!(r.verdict(), Verdict::Valid, "cut at {cut}"),
        }
    }
    // A header announcing 2^60 bytes of content.
    let hostile = [
        0x30, 0x80, 0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x02, 0xA0, 0x80, 0x30, 0x80,
        0x02, 0x01, 0x01, 0x31, 0x88, 0x10, 0, 0, 0, 0, 0, 0, 0,
    ];
    assert!(matches!(try_bytes(&hostile), Err(cns_cades::CadesError::TooLarge { .. })));
    // Not a signature at all.
    assert!(try_bytes(b"%PDF-1.7 hello").is_err());
    assert!(try_bytes(b"").is_err());
    // Random flips in the envelope never panic.
    let mut x: u32 = 12345;
    for _ in 0..300 {
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
        let mut bad = good.clone();
        let i = (x as usize >> 4) % bad.len();
        bad[i] = (x >> 24) as u8;
        let _ = try_bytes(&bad);
    }
}

fn verify_with(
    pki: &Pki,
    file: &Path,
    crls: Vec<Vec<u8>>,
    fetch: Option<cns_cades::verify::CrlFetcher<'_>>,
) -> cns_cades::VerifyReport {
    let trust = pki.trust();
    let opts = VerifyOptions {
        trust: &trust,
        crls,
        fetch_crl: fetch,
        detached_content: None,
        extract_to: None,
        progress: None,
    };
    cns_cades::verify(file, opts).unwrap()
}

#[test]
#[cfg_attr(windows, ignore = "needs openssl (absent under Wine)")]
fn rsa_pss_and_certificate_less_signatures_are_unverifiable_not_altered_ecdsa_is_checked() {
    let pki = Pki::new("http://crl.invalid/test.crl");
    let d = pki.dir.path();
    sample(d, "doc.pdf", 20_000);
    make_holder_with(
        d,
        "ec",
        "/C=IT/O=Test/serialNumber=TINIT-VRDLGU75C12H501D/CN=VERDI LUIGI",
        "20250101000000Z",
        "20350101000000Z",
        &["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"],
    );
    cms_sign_with(d, "doc.pdf", &["ec"], "DER", "ec.p7m", &["-nodetach"]);
    cms_sign_with(
        d,
        "doc.pdf",
        &["rossi"],
        "DER",
        "pss.p7m",
        &["-nodetach", "-keyopt", "rsa_padding_mode:pss"],
    );
    cms_sign_with(d, "doc.pdf", &["rossi"], "DER", "nocert.p7m", &["-nodetach", "-nocerts"]);
    // OpenSSL itself accepts the ECDSA and PSS files: ECDSA P-256 we check, PSS is a good
    // signature we cannot check.
    for f in ["ec.p7m", "pss.p7m"] {
        assert!(cms_verifies(d, f, "ca.pem"), "{f}");
    }
    let r = verify(&pki, &d.join("ec.p7m"), None, vec![], None);
    assert_eq!(r.verdict(), Verdict::Valid, "{r:?}");
    for (f, why) in [("pss.p7m", "RSASSA-PSS"), ("nocert.p7m", "certificate is not in the file")] {
        let r = verify(&pki, &d.join(f), None, vec![], None);
        assert_eq!(r.verdict(), Verdict::Unverifiable, "{f}: {r:?}");
        let s = r.signers().next().unwrap();
        assert!(cns_cades::verify::joined(&s.unverifiable).contains(why), "{f}: {:?}", s.unverifiable);
        assert!(s.content_intact, "{f}: the content matches its message-digest");
        assert!(!s.signature_valid, "{f}: never claimed valid");
    }
    let r = verify(&pki, &d.join("ec.p7m"), None, vec![], None);
    assert_eq!(r.signers().next().unwrap().fiscal_code.as_deref(), Some("VRDLGU75C12H501D"));
    // An altered content byte is still "altered", whatever the algorithm: the message-digest shows it.
    let mut bad = std::fs::read(d.join("ec.p7m")).unwrap();
    let content = std::fs::read(d.join("doc.pdf")).unwrap();
    let at = bad.windows(64).position(|w| w == &content[..64]).unwrap() + 500;
    bad[at] ^= 0x01;
    std::fs::write(d.join("ec-bad.p7m"), &bad).unwrap();
    let r = verify(&pki, &d.join("ec-bad.p7m"), None, vec![], None);
    assert_eq!(r.verdict(), Verdict::Invalid);
    assert!(r.signers().next().unwrap().unverifiable.is_empty());
}

#[test]
#[cfg_attr(windows, ignore = "needs openssl (absent under Wine)")]
fn a_revocation_check_that_cannot_be_made_is_never_valid() {
    let pki = Pki::new("http://127.0.0.1:9/ca.crl");
    let d = pki.dir.path();
    let input = sample(d, "doc.bin", 1000);
    let hour = Duration::from_secs(3600);
    sign_attached_file(&pki, "bianchi", &input, &d.join("doc.p7m"), SystemTime::now());
    let unavailable = |r: &cns_cades::VerifyReport, want: &str| {
        assert_eq!(r.verdict(), Verdict::NotTrusted, "{r:?}");
        match &r.signers().next().unwrap().revocation {
            Revocation::Unavailable { reasons } => {
                let reason = cns_cades::verify::joined(reasons);
                assert!(reason.contains(want), "{reason}")
            }
            other => panic!("{other:?}"),
        }
    };
    // The download fails.
    let failing = |_: &str| -> Result<Vec<u8>, String> { Err("connection refused".into()) };
    let r = verify_with(&pki, &d.join("doc.p7m"), vec![], Some(&failing));
    unavailable(&r, "connection refused");
    // A CRL of another CA.
    let other = d.join("other");
    std::fs::create_dir(&other).unwrap();
    make_ca(&other, "/C=IT/O=Altro/CN=Altra CA", "http://crl.invalid/x.crl");
    ok(&other, &["ca", "-config", "ca.cnf", "-gencrl", "-out", "other.crl"]);
    let r =
        verify_with(&pki, &d.join("doc.p7m"), vec![std::fs::read(other.join("other.crl")).unwrap()], None);
    unavailable(&r, "from Altra CA, not from the certificate's issuer Test CA Cittadini");
    // A CRL with the right issuer name, signed by another key: its signature is checked.
    let fake = d.join("fake");
    std::fs::create_dir(&fake).unwrap();
    make_ca(&fake, "/C=IT/O=Test/CN=Test CA Cittadini", "http://crl.invalid/x.crl");
    ok(&fake, &["ca", "-config", "ca.cnf", "-gencrl", "-out", "fake.crl"]);
    let r = verify_with(&pki, &d.join("doc.p7m"), vec![std::fs::read(fake.join("fake.crl")).unwrap()], None);
    unavailable(&r, "not the issuer's");
    // An expired CRL (nextUpdate past): says nothing about now.
    expired_crl(d, "old.crl");
    let r = verify_with(&pki, &d.join("doc.p7m"), vec![std::fs::read(d.join("old.crl")).unwrap()], None);
    unavailable(&r, "the CRL expired on 2025-02-01");
    // A current one: good, with its nextUpdate.
    ok(d, &["ca", "-config", "ca.cnf", "-gencrl", "-out", "good.crl"]);
    let r = verify_with(&pki, &d.join("doc.p7m"), vec![std::fs::read(d.join("good.crl")).unwrap()], None);
    assert_eq!(r.verdict(), Verdict::Valid, "{r:?}");
    assert!(
        matches!(r.signers().next().unwrap().revocation, Revocation::Good { next_update: Some(n), .. } if n > SystemTime::now())
    );

    // Revoked after the stated signing time (signed, then revoked a second later), and "before"
    // (the signer's clock an hour ahead): both not trusted, told apart.
    sign_attached_file(&pki, "bianchi", &input, &d.join("ahead.p7m"), SystemTime::now() + hour);
    std::thread::sleep(Duration::from_millis(1100));
    ok(d, &["ca", "-config", "ca.cnf", "-revoke", "bianchi.pem"]);
    ok(d, &["ca", "-config", "ca.cnf", "-gencrl", "-out", "revoked.crl"]);
    let crl = std::fs::read(d.join("revoked.crl")).unwrap();
    let r = verify_with(&pki, &d.join("doc.p7m"), vec![crl.clone()], None);
    assert_eq!(r.verdict(), Verdict::NotTrusted);
    assert_eq!(r.signers().next().unwrap().revoked_after_signing(), Some(true));
    let r = verify_with(&pki, &d.join("ahead.p7m"), vec![crl], None);
    assert_eq!(r.verdict(), Verdict::NotTrusted);
    assert_eq!(r.signers().next().unwrap().revoked_after_signing(), Some(false));
    // A revocation in an expired CRL still counts: revocations are final.
    expired_crl(d, "old-revoked.crl");
    let r =
        verify_with(&pki, &d.join("doc.p7m"), vec![std::fs::read(d.join("old-revoked.crl")).unwrap()], None);
    assert!(matches!(r.signers().next().unwrap().revocation, Revocation::Revoked { .. }));
}

/// A hostile file: many signers, and many certificates named like the issuer (same subject and
/// key identifier, other keys), so that every link of every chain has many candidates.
#[test]
#[cfg_attr(windows, ignore = "needs openssl (absent under Wine)")]
fn many_signers_and_lookalike_certificates_cost_a_bounded_number_of_checks() {
    use cms::cert::CertificateChoices;
    use cms::content_info::ContentInfo;
    use cms::signed_data::SignedData;
    use der::{Decode, Encode};
    use x509_cert::Certificate;
    let pki = Pki::new("http://crl.invalid/test.crl");
    let d = pki.dir.path();
    let input = sample(d, "doc.bin", 1000);
    sign_attached_file(&pki, "bianchi", &input, &d.join("doc.p7m"), SystemTime::now());
    let ci = ContentInfo::from_der(&std::fs::read(d.join("doc.p7m")).unwrap()).unwrap();
    let mut sd: SignedData = ci.content.decode_as().unwrap();
    // 300 lookalikes of the CA: its certificate with one byte of the modulus changed.
    let ca_der = ok(d, &["x509", "-in", "ca.pem", "-outform", "DER"]);
    let ca = Certificate::from_der(&ca_der).unwrap();
    let spki_der = ca.tbs_certificate().subject_public_key_info().to_der().unwrap();
    let at = ca_der.windows(spki_der.len()).position(|w| w == spki_der).unwrap() + spki_der.len() - 40;
    let mut certs: Vec<CertificateChoices> = sd.certificates.take().unwrap().0.into_vec();
    for i in 0..300u32 {
        let mut c = ca_der.clone();
        c[at] ^= (i % 255 + 1) as u8;
        c[at + 1] ^= (i / 255) as u8;
        certs.push(CertificateChoices::Certificate(Certificate::from_der(&c).unwrap()));
    }
    sd.certificates = Some(cms::signed_data::CertificateSet(certs.try_into().unwrap()));
    // 200 signers: the one signer with 200 different (so all broken) signatures.
    let si = sd.signer_infos.0.get(0).unwrap().clone();
    let mut infos = Vec::new();
    for i in 0..200u32 {
        let mut s = si.clone();
        let mut sig = s.signature.as_bytes().to_vec();
        sig[0] ^= (i % 255 + 1) as u8;
        sig[1] ^= (i / 255) as u8;
        s.signature = der::asn1::OctetString::new(sig).unwrap();
        infos.push(s);
    }
    sd.signer_infos = cms::signed_data::SignerInfos(infos.try_into().unwrap());
    let hostile = ContentInfo { content_type: ci.content_type, content: der::Any::encode_from(&sd).unwrap() };
    std::fs::write(d.join("hostile.p7m"), hostile.to_der().unwrap()).unwrap();

    // Nobody trusted: every chain is searched through the lookalikes. Unbounded that would be
    // 200 signers × 300 certificates × 6 links = 360 000 RSA checks.
    let r = verify_trusting_nobody(&d.join("hostile.p7m"));
    let per_signer = 1 + cns_cades::trust::MAX_CHAIN_DEPTH * cns_cades::trust::MAX_CANDIDATES;
    assert!(
        r.signature_checks as usize <= cns_cades::verify::MAX_SIGNERS * per_signer,
        "{}",
        r.signature_checks
    );
    assert!(r.signature_checks <= cns_cades::verify::MAX_SIGNATURE_CHECKS);
    assert_eq!(r.layers[0].signers.len(), cns_cades::verify::MAX_SIGNERS);
    assert_eq!(r.layers[0].unchecked_signers, 200 - cns_cades::verify::MAX_SIGNERS);
    assert_ne!(r.verdict(), Verdict::Valid);
    // With the CA trusted, the real issuer is found among the lookalikes: the one good signer
    // signature... none here (all altered), so invalid; still bounded.
    let r = verify(&pki, &d.join("hostile.p7m"), None, vec![], None);
    assert_eq!(r.verdict(), Verdict::Invalid);
    assert!(r.signature_checks as usize <= cns_cades::verify::MAX_SIGNERS * per_signer);
}
