//! The ways genuine signed files differ from the ones OpenSSL makes by default (issue 16): each
//! class reproduced on a file OpenSSL signed and then reshaped as other signing programs shape
//! theirs, with OpenSSL's own verdict on the same file beside ours. A genuine signature is never
//! "broken" (exit 8); what cannot be checked says so (exit 9). Needs `openssl` (3.x).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use cns_cades::verify::{Finding, Verdict, VerifyOptions};
use cns_cades::{CadesError, TrustStore, VerifyReport};
use rsa::pkcs8::DecodePrivateKey;
use sha2::Digest;
use std::io::Write;
use std::path::Path;

mod support;
use support::openssl_pki::{cms_sign_with, cms_verifies, make_ca, make_holder, make_holder_with, openssl};

/// A minimal DER tree (definite lengths, one-byte tags) to reshape OpenSSL's files: this is the
/// test's own reading of X.690, independent of the code under test.
#[derive(Clone, Debug, PartialEq)]
enum Node {
    Prim(u8, Vec<u8>),
    /// `indefinite`: written back with BER indefinite length (`80` ... `00 00`).
    Cons {
        tag: u8,
        children: Vec<Node>,
        indefinite: bool,
    },
}

impl Node {
    fn parse(buf: &[u8]) -> Node {
        let (n, used) = Node::parse_at(buf);
        assert_eq!(used, buf.len(), "trailing bytes");
        n
    }

    fn parse_at(buf: &[u8]) -> (Node, usize) {
        let tag = buf[0];
        let (len, hl) = match buf[1] {
            n if n < 0x80 => (usize::from(n), 2),
            n => {
                let k = usize::from(n & 0x7F);
                assert!(k > 0, "the test tree reads DER only");
                (buf[2..2 + k].iter().fold(0usize, |a, b| a << 8 | usize::from(*b)), 2 + k)
            }
        };
        let value = &buf[hl..hl + len];
        let node = if tag & 0x20 != 0 {
            let mut children = Vec::new();
            let mut at = 0;
            while at < value.len() {
                let (c, used) = Node::parse_at(&value[at..]);
                children.push(c);
                at += used;
            }
            Node::Cons { tag, children, indefinite: false }
        } else {
            Node::Prim(tag, value.to_vec())
        };
        (node, hl + len)
    }

    fn encode(&self) -> Vec<u8> {
        let (tag, value, indefinite) = match self {
            Node::Prim(t, v) => (*t, v.clone(), false),
            Node::Cons { tag, children, indefinite } => {
                (*tag, children.iter().flat_map(Node::encode).collect(), *indefinite)
            }
        };
        if indefinite {
            let mut out = vec![tag, 0x80];
            out.extend(value);
            out.extend([0, 0]);
            return out;
        }
        let mut out = vec![tag];
        if value.len() < 0x80 {
            out.push(value.len() as u8);
        } else {
            let b = value.len().to_be_bytes();
            let skip = b.iter().take_while(|x| **x == 0).count();
            out.push(0x80 | (b.len() - skip) as u8);
            out.extend(&b[skip..]);
        }
        out.extend(value);
        out
    }

    fn kids(&mut self) -> &mut Vec<Node> {
        match self {
            Node::Cons { children, .. } => children,
            Node::Prim(..) => panic!("not constructed"),
        }
    }

    fn tag(&self) -> u8 {
        match self {
            Node::Prim(t, _) | Node::Cons { tag: t, .. } => *t,
        }
    }

    fn set_indefinite(&mut self) {
        if let Node::Cons { indefinite, .. } = self {
            *indefinite = true;
        }
    }

    /// SignedData inside a ContentInfo.
    fn signed_data(&mut self) -> &mut Node {
        &mut self.kids()[1].kids()[0]
    }

    /// The `i`th SignerInfo.
    fn signer_info(&mut self, i: usize) -> &mut Node {
        let sd = self.signed_data();
        let set = sd.kids().last_mut().unwrap();
        &mut set.kids()[i]
    }
}

/// Index of the signed attributes (`[0]`) and of the signature in a SignerInfo.
fn attrs_index(si: &mut Node) -> usize {
    si.kids().iter().position(|n| n.tag() == 0xA0).unwrap()
}

/// DER of an OID given as its content bytes.
fn oid(content: &[u8]) -> Node {
    Node::Prim(0x06, content.to_vec())
}

const OID_CONTENT_TYPE: &[u8] = &[0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x09, 0x03];
const OID_SIGNING_CERT_V2: &[u8] = &[0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x09, 0x10, 0x02, 0x2F];
const OID_SHA3_256: &[u8] = &[0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x08];

struct Pki {
    dir: tempfile::TempDir,
}

impl Pki {
    fn new() -> Pki {
        let dir = tempfile::tempdir().unwrap();
        make_ca(dir.path(), "/C=IT/O=Test/CN=Test CA Cittadini", "http://crl.invalid/ca.crl");
        make_holder(
            dir.path(),
            "rossi",
            "/C=IT/O=Test/serialNumber=TINIT-RSSMRA80A01F205X/CN=ROSSI MARIO",
            "20250101000000Z",
            "20350101000000Z",
        );
        std::fs::write(dir.path().join("doc.txt"), "Contratto di locazione, firmato.\n".repeat(200)).unwrap();
        Pki { dir }
    }

    fn d(&self) -> &Path {
        self.dir.path()
    }

    /// OpenSSL signs doc.txt (CAdES, DER, content inside) as `who` into `out`.
    fn sign(&self, who: &str, out: &str) -> Node {
        cms_sign_with(self.d(), "doc.txt", &[who], "DER", out, &["-nodetach"]);
        Node::parse(&std::fs::read(self.d().join(out)).unwrap())
    }

    fn write(&self, name: &str, n: &Node) {
        std::fs::write(self.d().join(name), n.encode()).unwrap();
    }

    /// Signs the signed attributes of SignerInfo `i` again, in the order they are stored, with
    /// `who`'s RSA key (SHA-256), as a signing program that does not sort them would.
    fn resign(&self, who: &str, file: &mut Node, i: usize) {
        let si = file.signer_info(i);
        let a = attrs_index(si);
        let mut attrs = si.kids()[a].encode();
        attrs[0] = 0x31;
        let pem = std::fs::read_to_string(self.d().join(format!("{who}.key"))).unwrap();
        let key = rsa::PrivateKey::from_pkcs8_pem(&pem).unwrap();
        let hash = sha2::Sha256::digest(&attrs);
        let sig = key.sign(rsa::Pkcs1v15Sign::new::<sha2::Sha256>(), &hash).unwrap();
        let last = si.kids().len() - 1;
        let sig_at = if si.kids()[last].tag() == 0x04 { last } else { last - 1 };
        si.kids()[sig_at] = Node::Prim(0x04, sig);
    }

    fn verifies_with_openssl(&self, name: &str) -> bool {
        cms_verifies(self.d(), name, "ca.pem")
    }

    /// OpenSSL's verdict with `-cades`: the signing-certificate attribute checked as well.
    fn verifies_with_openssl_cades(&self, name: &str) -> bool {
        support::openssl_pki::openssl_ok(
            self.d(),
            &[
                "cms",
                "-verify",
                "-cades",
                "-binary",
                "-inform",
                "DER",
                "-in",
                name,
                "-CAfile",
                "ca.pem",
                "-purpose",
                "any",
                "-out",
                "/dev/null",
            ],
        )
    }

    fn verify(&self, name: &str, extract: Option<&mut Vec<u8>>) -> Result<VerifyReport, CadesError> {
        let mut trust = TrustStore::new();
        trust.add(&std::fs::read(self.d().join("ca.pem")).unwrap()).unwrap();
        cns_cades::verify(
            &self.d().join(name),
            VerifyOptions {
                trust: &trust,
                crls: vec![],
                fetch_crl: None,
                detached_content: None,
                extract_to: extract.map(|v| v as &mut dyn Write),
                progress: None,
            },
        )
    }

    fn doc(&self) -> Vec<u8> {
        std::fs::read(self.d().join("doc.txt")).unwrap()
    }
}

fn assert_valid(r: &VerifyReport, what: &str) {
    assert_eq!(r.verdict(), Verdict::Valid, "{what}: {r:#?}");
    for s in r.signers() {
        assert!(s.content_intact && s.signature_valid, "{what}: {s:#?}");
    }
}

#[test]
#[cfg_attr(windows, ignore = "needs openssl (absent under Wine)")]
fn ber_indefinite_lengths_in_certificates_signer_infos_and_around_them_are_read() {
    let pki = Pki::new();
    let mut f = pki.sign("rossi", "der.p7m");
    let der = f.encode();
    // Everything constructed outside the signed attributes indefinite, as Aruba's, Actalis's
    // and InfoCert's programs write them.
    f.set_indefinite();
    f.kids()[1].set_indefinite();
    let sd = f.signed_data();
    sd.set_indefinite();
    for n in sd.kids().iter_mut() {
        if n.tag() == 0xA0 || n.tag() == 0x31 || n.tag() == 0x30 {
            n.set_indefinite();
        }
        if let Node::Cons { tag: 0xA0, children, .. } = n {
            // Each certificate too.
            children.iter_mut().for_each(Node::set_indefinite);
        }
    }
    f.signer_info(0).set_indefinite();
    pki.write("ber.p7m", &f);
    assert_ne!(f.encode(), der);
    assert!(f.encode().windows(2).filter(|w| w == &[0x31, 0x80]).count() >= 1);
    assert!(pki.verifies_with_openssl("ber.p7m"), "OpenSSL reads BER");
    let mut out = Vec::new();
    let r = pki.verify("ber.p7m", Some(&mut out)).unwrap();
    assert_valid(&r, "BER");
    assert_eq!(out, pki.doc());

    // `openssl cms -sign -stream` writes BER around the content (constructed OCTET STRING).
    openssl(
        pki.d(),
        &[
            "cms",
            "-sign",
            "-cades",
            "-binary",
            "-stream",
            "-nodetach",
            "-md",
            "sha256",
            "-in",
            "doc.txt",
            "-signer",
            "rossi.pem",
            "-inkey",
            "rossi.key",
            "-outform",
            "DER",
            "-out",
            "stream.p7m",
        ],
    );
    assert_eq!(&std::fs::read(pki.d().join("stream.p7m")).unwrap()[..2], &[0x30, 0x80]);
    assert!(pki.verifies_with_openssl("stream.p7m"));
    assert_valid(&pki.verify("stream.p7m", None).unwrap(), "stream");

    // A BER file nested in a DER one, and the altered BER file.
    openssl(
        pki.d(),
        &[
            "cms",
            "-sign",
            "-cades",
            "-binary",
            "-nodetach",
            "-md",
            "sha256",
            "-in",
            "ber.p7m",
            "-signer",
            "rossi.pem",
            "-inkey",
            "rossi.key",
            "-outform",
            "DER",
            "-out",
            "nested.p7m",
        ],
    );
    let mut out = Vec::new();
    let r = pki.verify("nested.p7m", Some(&mut out)).unwrap();
    assert_eq!(r.layers.len(), 2);
    assert_valid(&r, "nested BER");
    assert_eq!(out, pki.doc());
    let mut bad = f.encode();
    let at = bad.windows(20).position(|w| w == &pki.doc()[..20]).unwrap() + 100;
    bad[at] ^= 0x20;
    std::fs::write(pki.d().join("ber-bad.p7m"), &bad).unwrap();
    assert!(!pki.verifies_with_openssl("ber-bad.p7m"));
    assert_eq!(pki.verify("ber-bad.p7m", None).unwrap().verdict(), Verdict::Invalid);
}

#[test]
#[cfg_attr(windows, ignore = "needs openssl (absent under Wine)")]
fn signed_attributes_stored_out_of_der_order_are_hashed_as_stored_then_sorted() {
    let pki = Pki::new();
    let mut f = pki.sign("rossi", "sorted.p7m");
    let si = f.signer_info(0);
    let a = attrs_index(si);
    si.kids()[a].kids().reverse();
    // Signed as stored (what OpenSSL checks).
    let mut as_stored = f.clone();
    pki.resign("rossi", &mut as_stored, 0);
    pki.write("as-stored.p7m", &as_stored);
    assert!(pki.verifies_with_openssl("as-stored.p7m"));
    assert_valid(&pki.verify("as-stored.p7m", None).unwrap(), "signed as stored");
    // Signed sorted, stored unsorted: OpenSSL refuses it, the DER form verifies.
    pki.write("sorted-signed.p7m", &f);
    assert!(!pki.verifies_with_openssl("sorted-signed.p7m"));
    assert_valid(&pki.verify("sorted-signed.p7m", None).unwrap(), "signed sorted");
    // Neither order: broken.
    let si = as_stored.signer_info(0);
    let a = attrs_index(si);
    si.kids()[a].kids().swap(0, 1);
    pki.write("neither.p7m", &as_stored);
    assert!(!pki.verifies_with_openssl("neither.p7m"));
    let r = pki.verify("neither.p7m", None).unwrap();
    assert_eq!(r.verdict(), Verdict::Invalid);
    assert!(r.signers().next().unwrap().problems.contains(&Finding::SignatureDoesNotVerify));
}

/// The issuer name inside the signing-certificate-v2 attribute of SignerInfo 0.
fn ess_issuer_cn(f: &mut Node) -> &mut Node {
    let si = f.signer_info(0);
    let a = attrs_index(si);
    let attr = si.kids()[a]
        .kids()
        .iter_mut()
        .find(|at| matches!(at, Node::Cons { children, .. } if children[0] == oid(OID_SIGNING_CERT_V2)))
        .unwrap();
    // Attribute { type, SET { SigningCertificateV2 { SEQ OF { ESSCertIDv2 { hash, IssuerSerial { GeneralNames { [4] Name } } } } } } }
    let cert_id = &mut attr.kids()[1].kids()[0].kids()[0].kids()[0];
    let issuer_serial = cert_id.kids().last_mut().unwrap();
    let name = &mut issuer_serial.kids()[0].kids()[0].kids()[0];
    let cn_rdn = name.kids().last_mut().unwrap();
    &mut cn_rdn.kids()[0].kids()[1]
}

#[test]
#[cfg_attr(windows, ignore = "needs openssl (absent under Wine)")]
fn the_signing_certificate_issuer_is_compared_as_rfc_5280_compares_names() {
    let pki = Pki::new();
    let mut f = pki.sign("rossi", "ess.p7m");
    let cn = ess_issuer_cn(&mut f);
    assert_eq!(cn, &Node::Prim(0x0C, b"Test CA Cittadini".to_vec()));
    // PrintableString instead of UTF8String, other case, other spaces.
    *cn = Node::Prim(0x13, b"TEST  CA cittadini ".to_vec());
    pki.resign("rossi", &mut f, 0);
    pki.write("ess-printable.p7m", &f);
    assert!(pki.verifies_with_openssl_cades("ess-printable.p7m"), "OpenSSL compares names canonically");
    let r = pki.verify("ess-printable.p7m", None).unwrap();
    assert_valid(&r, "PrintableString issuer");
    assert_eq!(r.signers().next().unwrap().signing_certificate_attr, Some(true));
    // The hash of the certificate is what binds it: another issuer name beside the right hash
    // and serial cannot point to another certificate. OpenSSL -cades refuses it; it is not
    // forged, and we do not call it broken.
    *ess_issuer_cn(&mut f) = Node::Prim(0x0C, b"Other CA".to_vec());
    pki.resign("rossi", &mut f, 0);
    pki.write("ess-other-issuer.p7m", &f);
    assert!(pki.verifies_with_openssl("ess-other-issuer.p7m"));
    assert!(!pki.verifies_with_openssl_cades("ess-other-issuer.p7m"));
    assert_valid(&pki.verify("ess-other-issuer.p7m", None).unwrap(), "issuer name aside");
    let si = f.signer_info(0);
    let a = attrs_index(si);
    let attr = si.kids()[a]
        .kids()
        .iter_mut()
        .find(|at| matches!(at, Node::Cons { children, .. } if children[0] == oid(OID_SIGNING_CERT_V2)))
        .unwrap();
    let cert_id = &mut attr.kids()[1].kids()[0].kids()[0].kids()[0];
    cert_id.kids()[0] = Node::Prim(0x04, vec![0x5A; 32]);
    pki.resign("rossi", &mut f, 0);
    pki.write("ess-other-hash.p7m", &f);
    assert!(!pki.verifies_with_openssl_cades("ess-other-hash.p7m"));
    let r = pki.verify("ess-other-hash.p7m", None).unwrap();
    assert_eq!(r.verdict(), Verdict::Invalid);
    assert!(r.signers().next().unwrap().problems.contains(&Finding::SigningCertificateMismatch));
}

#[test]
#[cfg_attr(windows, ignore = "needs openssl (absent under Wine)")]
fn a_missing_content_type_is_a_defect_of_its_own_not_an_altered_document() {
    let pki = Pki::new();
    let mut f = pki.sign("rossi", "ct.p7m");
    let si = f.signer_info(0);
    let a = attrs_index(si);
    si.kids()[a]
        .kids()
        .retain(|at| !matches!(at, Node::Cons { children, .. } if children[0] == oid(OID_CONTENT_TYPE)));
    pki.resign("rossi", &mut f, 0);
    pki.write("no-ct.p7m", &f);
    let openssl_says = pki.verifies_with_openssl("no-ct.p7m");
    let r = pki.verify("no-ct.p7m", None).unwrap();
    let s = r.signers().next().unwrap();
    assert!(s.content_intact, "{s:#?}");
    assert!(s.signature_valid, "{s:#?}");
    assert_eq!(s.unverifiable, vec![Finding::ContentTypeMissing]);
    assert_eq!(r.verdict(), Verdict::Unverifiable, "not relied on, never 'altered'");
    // OpenSSL refuses it (RFC 5652 requires the attribute); that shows a non-conforming
    // signing program, not an altered document: exit 9 with the reason, never 8.
    assert!(!openssl_says);
    // Altered as well: altered wins.
    let mut bad = f.encode();
    let at = bad.windows(20).position(|w| w == &pki.doc()[..20]).unwrap();
    bad[at] ^= 1;
    std::fs::write(pki.d().join("no-ct-bad.p7m"), &bad).unwrap();
    assert!(!pki.verifies_with_openssl("no-ct-bad.p7m"));
    let r = pki.verify("no-ct-bad.p7m", None).unwrap();
    assert_eq!(r.verdict(), Verdict::Invalid);
    assert!(r.signers().next().unwrap().problems.contains(&Finding::ContentAltered));
}

#[test]
#[cfg_attr(windows, ignore = "needs openssl (absent under Wine)")]
fn an_unsupported_digest_in_the_signing_certificate_attribute_is_not_checkable_not_broken() {
    let pki = Pki::new();
    let mut f = pki.sign("rossi", "sha3.p7m");
    let cert = std::fs::read(pki.d().join("rossi.der")).unwrap();
    let hash = openssl(pki.d(), &["dgst", "-sha3-256", "-binary", "rossi.der"]);
    assert_eq!(hash.len(), 32);
    let si = f.signer_info(0);
    let a = attrs_index(si);
    let attr = si.kids()[a]
        .kids()
        .iter_mut()
        .find(|at| matches!(at, Node::Cons { children, .. } if children[0] == oid(OID_SIGNING_CERT_V2)))
        .unwrap();
    let cert_id = &mut attr.kids()[1].kids()[0].kids()[0].kids()[0];
    // ESSCertIDv2 { hashAlgorithm (was the DEFAULT SHA-256), certHash, issuerSerial }
    assert_eq!(cert_id.kids()[0], Node::Prim(0x04, sha2::Sha256::digest(&cert).to_vec()));
    cert_id.kids()[0] = Node::Prim(0x04, hash);
    cert_id.kids().insert(0, Node::Cons { tag: 0x30, children: vec![oid(OID_SHA3_256)], indefinite: false });
    pki.resign("rossi", &mut f, 0);
    pki.write("ess-sha3.p7m", &f);
    assert!(pki.verifies_with_openssl_cades("ess-sha3.p7m"), "OpenSSL computes SHA3-256");
    let r = pki.verify("ess-sha3.p7m", None).unwrap();
    let s = r.signers().next().unwrap();
    assert_eq!(r.verdict(), Verdict::Unverifiable, "{s:#?}");
    assert!(s.content_intact && s.signature_valid);
    assert!(matches!(&s.unverifiable[..], [Finding::DigestUnsupported(a)] if a.contains("SHA-3")), "{s:#?}");
}

#[test]
#[cfg_attr(windows, ignore = "needs openssl (absent under Wine)")]
fn garbage_that_is_neither_der_nor_base64_is_not_a_signed_file() {
    let pki = Pki::new();
    for (name, bytes) in [
        ("text.p7m", &b"Gentile cliente, in allegato la fattura.\n"[..]),
        ("b64junk.p7m", &b"QUJDREVGRw==\n"[..]),
        ("binary.p7m", &[0x00, 0xFF, 0x13, 0x37][..]),
    ] {
        std::fs::write(pki.d().join(name), bytes).unwrap();
        assert!(!pki.verifies_with_openssl(name));
        match pki.verify(name, None) {
            Err(CadesError::Malformed(_)) => {}
            other => panic!("{name}: {other:?}"),
        }
    }
}

#[test]
#[cfg_attr(windows, ignore = "needs openssl (absent under Wine)")]
fn a_document_that_looks_like_a_truncated_p7m_is_the_document() {
    let pki = Pki::new();
    let full = pki.sign("rossi", "full.p7m").encode();
    std::fs::write(pki.d().join("doc.txt"), &full[..300]).unwrap();
    let _ = pki.sign("rossi", "outer.p7m");
    assert!(pki.verifies_with_openssl("outer.p7m"));
    let from_openssl = support::openssl_pki::cms_verified_content(pki.d(), "outer.p7m", "ca.pem");
    let mut out = Vec::new();
    let r = pki.verify("outer.p7m", Some(&mut out)).unwrap();
    assert_valid(&r, "truncated-looking content");
    assert_eq!(r.layers.len(), 1);
    assert_eq!(out, full[..300].to_vec());
    assert_eq!(out, from_openssl);
}

#[test]
#[cfg_attr(windows, ignore = "needs openssl (absent under Wine)")]
fn ecdsa_p256_and_p384_with_sha2_are_checked() {
    let pki = Pki::new();
    for (name, curve, md) in [
        ("p256", "prime256v1", "sha256"),
        ("p384", "secp384r1", "sha384"),
        ("p256s512", "prime256v1", "sha512"),
    ] {
        make_holder_with(
            pki.d(),
            name,
            "/C=IT/O=Test/serialNumber=TINIT-VRDLGU75C12H501D/CN=VERDI LUIGI",
            "20250101000000Z",
            "20350101000000Z",
            &["-newkey", "ec", "-pkeyopt", &format!("ec_paramgen_curve:{curve}")],
        );
        let file = format!("{name}.p7m");
        openssl(
            pki.d(),
            &[
                "cms",
                "-sign",
                "-cades",
                "-binary",
                "-nodetach",
                "-md",
                md,
                "-in",
                "doc.txt",
                "-signer",
                &format!("{name}.pem"),
                "-inkey",
                &format!("{name}.key"),
                "-outform",
                "DER",
                "-out",
                &file,
            ],
        );
        assert!(pki.verifies_with_openssl(&file));
        let r = pki.verify(&file, None).unwrap();
        assert_valid(&r, name);
        assert_eq!(r.signers().next().unwrap().fiscal_code.as_deref(), Some("VRDLGU75C12H501D"));
        // The signature value altered (its last byte is inside s).
        let mut f = Node::parse(&std::fs::read(pki.d().join(&file)).unwrap());
        let si = f.signer_info(0);
        let last = si.kids().len() - 1;
        if let Node::Prim(0x04, sig) = &mut si.kids()[last] {
            let n = sig.len();
            sig[n - 1] ^= 1;
        } else {
            panic!("signature not last");
        }
        let bad = format!("{name}-bad.p7m");
        pki.write(&bad, &f);
        assert!(!pki.verifies_with_openssl(&bad));
        let r = pki.verify(&bad, None).unwrap();
        assert_eq!(r.verdict(), Verdict::Invalid, "{name}");
        assert!(r.signers().next().unwrap().problems.contains(&Finding::SignatureDoesNotVerify));
    }
}
