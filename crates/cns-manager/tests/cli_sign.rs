//! `sign`, `verify` and `ca` through the built binary: signing with the demo (simulated) card,
//! files checked by OpenSSL, files made by OpenSSL checked by us, and the exit codes 0/2/3/8/9.
//! Needs `openssl` on PATH.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use serde_json::Value;
use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};

#[path = "../../cns-cades/tests/support/openssl_pki.rs"]
mod openssl_pki;

struct Env {
    dir: tempfile::TempDir,
}

#[path = "support/cli_out.rs"]
mod cli_out;
use cli_out::Out;

impl Env {
    fn new() -> Env {
        let e = Env { dir: tempfile::tempdir().unwrap() };
        std::fs::create_dir(e.p("cfg")).unwrap();
        // The system-wide trusted-CA folder, empty unless a test installs something there.
        std::fs::create_dir(e.p("sys-ca")).unwrap();
        // The simulated card's issuer, as PEM, for OpenSSL and --ca.
        std::fs::write(
            e.p("sim-ca.der"),
            cns_sim::fixtures::ca_certificate(cns_sim::HolderPreset::BianchiGiulia),
        )
        .unwrap();
        e.openssl(&["x509", "-inform", "DER", "-in", "sim-ca.der", "-out", "sim-ca.pem"]);
        e
    }

    fn p(&self, f: &str) -> PathBuf {
        self.dir.path().join(f)
    }

    /// The program's user folder under `cfg` (XDG_CONFIG_HOME, and APPDATA on Windows).
    fn user_dir(&self) -> PathBuf {
        if cfg!(windows) { self.p("cfg/cns-manager/cns-manager/config") } else { self.p("cfg/cns-manager") }
    }

    /// cns-manager with a private config folder, Italian, in the scratch directory.
    fn cli(&self, args: &[&str], stdin: Option<&str>) -> Out {
        let mut c = Command::new(env!("CARGO_BIN_EXE_cns-manager"));
        c.args(args)
            .current_dir(self.dir.path())
            .env("XDG_CONFIG_HOME", self.p("cfg"))
            // The same folder for Windows, where the user's settings live under %APPDATA%.
            .env("APPDATA", self.p("cfg"))
            .env("HOME", self.dir.path())
            .env("CNS_SYSTEM_TRUSTED_CA_DIR", self.p("sys-ca"))
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("LANG")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = c.spawn().unwrap();
        if let Some(s) = stdin {
            // The program may rightly stop before it reads the PIN (`sign manca.txt --stdin`):
            // then the pipe is closed, which is its answer, not the test's failure.
            if let Err(e) = child.stdin.take().unwrap().write_all(s.as_bytes()) {
                assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "writing the child's stdin: {e}");
            }
        }
        drop(child.stdin.take());
        // Both pipes read at once: a child filling stderr cannot stall behind an unread stdout.
        let out = child.wait_with_output().unwrap();
        Out::from(out)
    }

    fn openssl(&self, args: &[&str]) -> Vec<u8> {
        openssl_pki::openssl(self.dir.path(), args)
    }

    /// OpenSSL signs `input` (CAdES, content inside) with holder `who`'s key into `out`.
    fn cms_sign(&self, input: &str, who: &str, outform: &str, out: &str) {
        openssl_pki::cms_sign(self.dir.path(), input, who, outform, out);
    }

    fn doc(&self, name: &str, len: usize) -> PathBuf {
        let data: Vec<u8> = (0..len).map(|i| (i * 31 % 253) as u8).collect();
        std::fs::write(self.p(name), data).unwrap();
        self.p(name)
    }

    fn files(&self) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(self.dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    /// A CA made by OpenSSL (with a database for CRLs) and one holder `u`, valid `start`..`end`.
    fn openssl_pki(&self, crl_url: &str, start: &str, end: &str) {
        let d = self.dir.path();
        openssl_pki::make_ca(d, "/CN=Other CA TEST", crl_url);
        openssl_pki::make_holder(d, "u", "/serialNumber=TINIT-RSSMRA80A01F205X/CN=ROSSI MARIO", start, end);
    }
}

fn sign_demo(e: &Env, args: &[&str]) -> Out {
    let mut all = vec!["--demo", "sign"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--stdin", "--json"]);
    e.cli(&all, Some("12345\n"))
}

#[test]
#[cfg_attr(windows, ignore = "needs openssl (absent under Wine)")]
fn the_demo_card_signs_openssl_verifies_and_verify_reports_who_and_whether_to_trust() {
    let e = Env::new();
    let doc = e.doc("contratto.pdf", 250_000);
    let r = sign_demo(&e, &["contratto.pdf"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let j = r.json();
    assert_eq!(j["signed_file"], "contratto.pdf.p7m");
    assert_eq!(j["signers"], 1);
    assert_eq!(e.files().iter().filter(|f| f.starts_with(".cns-")).count(), 0, "no temporary file left");
    // OpenSSL agrees, and sees signing-certificate-v2.
    let content = openssl_pki::cms_verified_content(e.dir.path(), "contratto.pdf.p7m", "sim-ca.pem");
    assert_eq!(content, std::fs::read(&doc).unwrap());
    let printed = String::from_utf8(e.openssl(&[
        "cms",
        "-cmsout",
        "-print",
        "-inform",
        "DER",
        "-in",
        "contratto.pdf.p7m",
    ]))
    .unwrap();
    assert!(printed.contains("signingCertificateV2"));

    // Nobody imported the issuer: intact but not trusted → 9.
    let r = e.cli(&["verify", "contratto.pdf.p7m"], None);
    assert_eq!(r.code, 9, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.contains("BNCGLI90E52D612W"));
    assert!(r.stdout.contains("nessuna autorità importata"), "{}", r.stdout);
    // With --ca: 0, and the document extracted.
    let r = e.cli(
        &["verify", "contratto.pdf.p7m", "--ca", "sim-ca.pem", "--extract", "estratto.pdf", "--json"],
        None,
    );
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let j = r.json();
    assert_eq!(j["result"], "valid");
    let s = &j["layers"][0]["signers"][0];
    assert_eq!(s["fiscal_code"], "BNCGLI90E52D612W");
    assert_eq!(s["signing_certificate"], "present");
    assert_eq!(s["trust"]["status"], "trusted");
    assert_eq!(s["revocation"]["status"], "not_checked");
    assert_eq!(std::fs::read(e.p("estratto.pdf")).unwrap(), std::fs::read(&doc).unwrap());

    // ca import / list / remove.
    let r = e.cli(&["ca", "import", "sim-ca.pem", "--json"], None);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let sha = r.json()["imported"][0]["sha256"].as_str().unwrap().to_owned();
    assert!(e.user_dir().join("trusted-ca").join(format!("{sha}.der")).is_file());
    assert_eq!(e.cli(&["verify", "contratto.pdf.p7m"], None).code, 0);
    let r = e.cli(&["ca", "list", "--json"], None);
    assert_eq!(r.json()["authorities"][0]["sha256"], sha.as_str());
    let short = e.cli(&["ca", "remove", &sha[..4]], None);
    assert_eq!(short.code, 2, "too short a prefix removes nothing");
    assert!(short.stderr.contains("Indica almeno 8 cifre esadecimali"), "{}", short.stderr);
    assert_eq!(e.cli(&["ca", "remove", &sha[..12]], None).code, 0);
    assert_eq!(e.cli(&["verify", "contratto.pdf.p7m"], None).code, 9);
    // A holder's certificate is not an authority: refused.
    std::fs::write(e.p("holder.der"), cns_sim::fixtures::certificate(cns_sim::HolderPreset::BianchiGiulia))
        .unwrap();
    assert_eq!(e.cli(&["ca", "import", "holder.der"], None).code, 2);

    // One altered byte in the content → 8, and OpenSSL agrees.
    let mut bytes = std::fs::read(e.p("contratto.pdf.p7m")).unwrap();
    let at = bytes.len() / 2;
    bytes[at] ^= 0x20;
    std::fs::write(e.p("alterato.p7m"), &bytes).unwrap();
    let r = e.cli(&["verify", "alterato.p7m", "--ca", "sim-ca.pem", "--json"], None);
    assert_eq!(r.code, 8, "{}{}", r.stdout, r.stderr);
    assert_eq!(r.json()["layers"][0]["signers"][0]["content_intact"], false);
    assert!(!openssl_pki::cms_verifies(e.dir.path(), "alterato.p7m", "sim-ca.pem"));
    // Not a signed file at all → 8, with a clear message; a missing file → 2.
    let r = e.cli(&["verify", "contratto.pdf"], None);
    assert_eq!(r.code, 8);
    assert!(r.stderr.contains("non è un file firmato valido"), "{}", r.stderr);
    assert_eq!(e.cli(&["verify", "nessuno.p7m"], None).code, 2);
}

#[test]
#[cfg_attr(windows, ignore = "needs openssl (absent under Wine)")]
fn detached_signature_and_the_wrong_document() {
    let e = Env::new();
    e.doc("fattura.xml", 10_000);
    let r = sign_demo(&e, &["fattura.xml", "--detached"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    e.openssl(&[
        "cms",
        "-verify",
        "-binary",
        "-inform",
        "DER",
        "-in",
        "fattura.xml.p7s",
        "-content",
        "fattura.xml",
        "-CAfile",
        "sim-ca.pem",
        "-purpose",
        "any",
        "-out",
        "/dev/null",
    ]);
    // The original is found beside the .p7s.
    assert_eq!(e.cli(&["verify", "fattura.xml.p7s", "--ca", "sim-ca.pem"], None).code, 0);
    e.doc("altra.xml", 10_001);
    assert_eq!(
        e.cli(&["verify", "fattura.xml.p7s", "--ca", "sim-ca.pem", "--content", "altra.xml"], None).code,
        8
    );
    std::fs::rename(e.p("fattura.xml"), e.p("spostata.xml")).unwrap();
    let r = e.cli(&["verify", "fattura.xml.p7s", "--ca", "sim-ca.pem"], None);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("--content"));
}

#[test]
#[cfg_attr(windows, ignore = "needs openssl (absent under Wine)")]
fn wrong_or_invalid_pin_leaves_no_file() {
    let e = Env::new();
    e.doc("doc.txt", 1000);
    let r = e.cli(&["--demo", "sign", "doc.txt", "--stdin", "--json"], Some("99999\n"));
    assert_eq!(r.code, 3, "{}{}", r.stdout, r.stderr);
    assert_eq!(r.json()["tries_left"], 2);
    let r = e.cli(&["--demo", "sign", "doc.txt", "--stdin"], Some("12a4\n"));
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("Nulla è stato inviato"));
    assert_eq!(
        e.files().iter().filter(|f| f.ends_with(".p7m") || f.starts_with(".cns-")).count(),
        0,
        "{:?}",
        e.files()
    );
    assert_eq!(e.cli(&["--demo", "sign", "manca.txt", "--stdin"], Some("12345\n")).code, 2);
}

#[test]
#[cfg_attr(windows, ignore = "needs openssl (absent under Wine)")]
fn openssl_files_two_signers_nested_base64_and_a_second_signer_added_by_the_card() {
    let e = Env::new();
    e.openssl_pki("http://127.0.0.1:9/x.crl", "20250101000000Z", "20350101000000Z");
    let doc = e.doc("atto.pdf", 70_000);
    e.cms_sign("atto.pdf", "u", "PEM", "atto.pdf.p7m");
    let r = e.cli(&["verify", "atto.pdf.p7m", "--ca", "ca.pem", "--json"], None);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert_eq!(r.json()["layers"][0]["signers"][0]["fiscal_code"], "RSSMRA80A01F205X");
    // The card adds its signature to the same document ("firma parallela").
    let r = sign_demo(&e, &["atto.pdf", "--add-to", "atto.pdf.p7m"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert_eq!(r.json()["signers"], 2);
    std::fs::write(
        e.p("both.pem"),
        [std::fs::read(e.p("ca.pem")).unwrap(), std::fs::read(e.p("sim-ca.pem")).unwrap()].concat(),
    )
    .unwrap();
    let content = openssl_pki::cms_verified_content(e.dir.path(), "atto.pdf.p7m", "both.pem");
    assert_eq!(content, std::fs::read(&doc).unwrap());
    let r = e.cli(&["verify", "atto.pdf.p7m", "--ca", "ca.pem", "--ca", "sim-ca.pem", "--json"], None);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert_eq!(r.json()["signers"], 2);
    // Only one of the two issuers trusted → 9.
    assert_eq!(e.cli(&["verify", "atto.pdf.p7m", "--ca", "ca.pem"], None).code, 9);
    // --add-to with another document: refused before the card is asked.
    e.doc("altro.pdf", 5);
    let r = sign_demo(&e, &["altro.pdf", "--add-to", "atto.pdf.p7m", "--out", "x.p7m"]);
    assert_eq!(r.code, 2, "{}{}", r.stdout, r.stderr);
    // Nested and Base64: OpenSSL signs our .p7m again.
    e.cms_sign("atto.pdf.p7m", "u", "PEM", "atto.pdf.p7m.p7m");
    let r =
        e.cli(&["verify", "atto.pdf.p7m.p7m", "--ca", "both.pem", "--extract", "orig.pdf", "--json"], None);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert_eq!(r.json()["layers"].as_array().unwrap().len(), 2);
    assert_eq!(std::fs::read(e.p("orig.pdf")).unwrap(), std::fs::read(&doc).unwrap());
}

#[test]
#[cfg_attr(windows, ignore = "needs openssl (absent under Wine)")]
fn expired_and_revoked_certificates_exit_9() {
    let e = Env::new();
    // The CRL server: started first, so the certificate's distribution point can name it.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://127.0.0.1:{}/ca.crl", listener.local_addr().unwrap().port());
    e.openssl_pki(&url, "20250101000000Z", "20350101000000Z");
    e.doc("doc.pdf", 3000);
    e.cms_sign("doc.pdf", "u", "DER", "doc.p7m");
    assert_eq!(e.cli(&["verify", "doc.p7m", "--ca", "ca.pem"], None).code, 0);
    e.openssl(&["ca", "-config", "ca.cnf", "-revoke", "u.pem"]);
    e.openssl(&["ca", "-config", "ca.cnf", "-gencrl", "-out", "revoked.crl"]);
    let r = e.cli(&["verify", "doc.p7m", "--ca", "ca.pem", "--crl", "revoked.crl", "--json"], None);
    assert_eq!(r.code, 9, "{}{}", r.stdout, r.stderr);
    assert_eq!(r.json()["layers"][0]["signers"][0]["revocation"]["status"], "revoked");
    let r = e.cli(&["verify", "doc.p7m", "--ca", "ca.pem", "--crl", "revoked.crl"], None);
    assert!(r.stdout.contains("REVOCATO"), "{}", r.stdout);
    // --fetch-crl: from the 127.0.0.1 server.
    let crl = e.openssl(&["crl", "-in", "revoked.crl", "-outform", "DER"]);
    let server = std::thread::spawn(move || {
        let (mut c, _) = listener.accept().unwrap();
        let mut req = Vec::new();
        let mut b = [0u8; 1];
        while !req.ends_with(b"\r\n\r\n") && c.read(&mut b).unwrap() == 1 {
            req.push(b[0]);
        }
        write!(c, "HTTP/1.0 200 OK\r\nContent-Length: {}\r\n\r\n", crl.len()).unwrap();
        c.write_all(&crl).unwrap();
        String::from_utf8_lossy(&req).into_owned()
    });
    let r = e.cli(&["verify", "doc.p7m", "--ca", "ca.pem", "--fetch-crl", "--json"], None);
    let req = server.join().unwrap();
    assert!(req.starts_with("GET /ca.crl "), "{req}");
    assert_eq!(r.code, 9, "{}{}", r.stdout, r.stderr);
    assert_eq!(r.json()["layers"][0]["signers"][0]["revocation"]["status"], "revoked");

    // Expired: a certificate that ended before the signature was made.
    let e = Env::new();
    e.openssl_pki("http://127.0.0.1:9/x.crl", "20200101000000Z", "20210101000000Z");
    e.doc("doc.pdf", 3000);
    e.cms_sign("doc.pdf", "u", "DER", "doc.p7m");
    let r = e.cli(&["verify", "doc.p7m", "--ca", "ca.pem", "--json"], None);
    assert_eq!(r.code, 9, "{}{}", r.stdout, r.stderr);
    assert_eq!(r.json()["layers"][0]["signers"][0]["certificate"], "expired");
}

/// (fiscal code, common name).
type Signer = (String, String);

/// (fiscal code, common name) of every signer of every layer, outermost first.
fn who_signed(j: &Value) -> Vec<Signer> {
    j["layers"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|l| l["signers"].as_array().unwrap().iter())
        .map(|s| {
            (s["fiscal_code"].as_str().unwrap_or("").into(), s["common_name"].as_str().unwrap_or("").into())
        })
        .collect()
}

fn rossi() -> Signer {
    ("RSSMRA80A01F205X".into(), "ROSSI MARIO".into())
}

fn verdi() -> Signer {
    ("VRDLGU75C12H501D".into(), "VERDI LUIGI".into())
}

/// The OpenSSL CA with two holders: `u` (Rossi) and `v` (Verdi).
fn two_holders(e: &Env) {
    e.openssl_pki("http://127.0.0.1:9/x.crl", "20250101000000Z", "20350101000000Z");
    openssl_pki::make_holder(
        e.dir.path(),
        "v",
        "/serialNumber=TINIT-VRDLGU75C12H501D/CN=VERDI LUIGI",
        "20250101000000Z",
        "20350101000000Z",
    );
}

/// Plain Base64 of a DER file (no armour), as some mail clients save it.
fn base64_of(e: &Env, der: &str, out: &str) {
    let b64 = e.openssl(&["base64", "-in", der]);
    std::fs::write(e.p(out), b64).unwrap();
}

#[test]
#[cfg_attr(windows, ignore = "needs openssl (absent under Wine)")]
fn openssl_files_detached_two_signers_base64_pem_and_nested_verify_through_the_cli() {
    let e = Env::new();
    two_holders(&e);
    let doc = e.doc("atto.pdf", 90_000);
    let d = e.dir.path();
    // Attached and detached; one signer and two; DER, PEM (armoured Base64) and plain Base64.
    openssl_pki::cms_sign_with(d, "atto.pdf", &["u"], "DER", "one.p7m", &["-nodetach"]);
    openssl_pki::cms_sign_with(d, "atto.pdf", &["u"], "DER", "one.p7s", &[]);
    openssl_pki::cms_sign_with(d, "atto.pdf", &["u", "v"], "DER", "two.p7m", &["-nodetach"]);
    openssl_pki::cms_sign_with(d, "atto.pdf", &["u", "v"], "DER", "two.p7s", &[]);
    openssl_pki::cms_sign_with(d, "atto.pdf", &["u"], "PEM", "pem.p7m", &["-nodetach"]);
    openssl_pki::cms_sign_with(d, "atto.pdf", &["v"], "PEM", "pem.p7s", &[]);
    base64_of(&e, "one.p7m", "b64.p7m");
    base64_of(&e, "two.p7s", "b64.p7s");
    // Nested: Verdi signs Rossi's .p7m (atto.pdf.p7m.p7m).
    openssl_pki::cms_sign_with(d, "one.p7m", &["v"], "DER", "nested.p7m.p7m", &["-nodetach"]);
    let cases: &[(&str, bool, Vec<Signer>)] = &[
        ("one.p7m", false, vec![rossi()]),
        ("one.p7s", true, vec![rossi()]),
        ("two.p7m", false, vec![rossi(), verdi()]),
        ("two.p7s", true, vec![rossi(), verdi()]),
        ("pem.p7m", false, vec![rossi()]),
        ("pem.p7s", true, vec![verdi()]),
        ("b64.p7m", false, vec![rossi()]),
        ("b64.p7s", true, vec![rossi(), verdi()]),
        ("nested.p7m.p7m", false, vec![verdi(), rossi()]),
    ];
    for (file, detached, want) in cases {
        let mut args = vec!["verify", *file, "--ca", "ca.pem", "--json"];
        if *detached {
            args.extend_from_slice(&["--content", "atto.pdf"]);
        } else {
            args.extend_from_slice(&["--extract", "out.pdf"]);
        }
        let r = e.cli(&args, None);
        assert_eq!(r.code, 0, "{file}: {}{}", r.stdout, r.stderr);
        let j = r.json();
        assert_eq!(j["result"], "valid", "{file}");
        let mut got = who_signed(&j);
        let mut want = want.clone();
        if !file.starts_with("nested") {
            // Signers of one envelope come in the file's (DER set) order.
            got.sort();
            want.sort();
        }
        assert_eq!(got, want, "{file}");
        assert_eq!(j["layers"][0]["detached"], *detached, "{file}");
        if !*detached {
            assert_eq!(std::fs::read(e.p("out.pdf")).unwrap(), std::fs::read(&doc).unwrap(), "{file}");
            std::fs::remove_file(e.p("out.pdf")).unwrap();
        }
    }
    // A detached signature with another document: 8.
    e.doc("altro.pdf", 90_001);
    let r = e.cli(&["verify", "two.p7s", "--ca", "ca.pem", "--content", "altro.pdf", "--json"], None);
    assert_eq!(r.code, 8, "{}{}", r.stdout, r.stderr);
    assert_eq!(r.json()["layers"][0]["signers"][0]["content_intact"], false);

    // One altered byte of the SIGNATURE (not the content): 8, the document intact, OpenSSL agrees.
    let mut bytes = std::fs::read(e.p("one.p7m")).unwrap();
    let n = bytes.len();
    bytes[n - 20] ^= 0x01; // the signature value is the last field of the file
    std::fs::write(e.p("firma-alterata.p7m"), &bytes).unwrap();
    let r = e.cli(&["verify", "firma-alterata.p7m", "--ca", "ca.pem", "--json"], None);
    assert_eq!(r.code, 8, "{}{}", r.stdout, r.stderr);
    let j = r.json();
    assert_eq!(j["result"], "invalid");
    assert_eq!(who_signed(&j), vec![rossi()]);
    let s = &j["layers"][0]["signers"][0];
    assert_eq!(s["content_intact"], true);
    assert_eq!(s["signature_valid"], false);
    assert!(!openssl_pki::cms_verifies(e.dir.path(), "firma-alterata.p7m", "ca.pem"));
    let r = e.cli(&["verify", "firma-alterata.p7m", "--ca", "ca.pem"], None);
    assert!(r.stdout.contains("Firma: ✗ NON valida"), "{}", r.stdout);
}

#[test]
#[cfg_attr(windows, ignore = "needs openssl (absent under Wine)")]
fn rsa_pss_and_missing_certificate_are_not_verifiable_exit_9_not_8_ecdsa_is_checked() {
    let e = Env::new();
    e.openssl_pki("http://127.0.0.1:9/x.crl", "20250101000000Z", "20350101000000Z");
    let d = e.dir.path();
    openssl_pki::make_holder_with(
        d,
        "ec",
        "/serialNumber=TINIT-VRDLGU75C12H501D/CN=VERDI LUIGI",
        "20250101000000Z",
        "20350101000000Z",
        &["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"],
    );
    e.doc("doc.pdf", 5000);
    openssl_pki::cms_sign_with(d, "doc.pdf", &["ec"], "DER", "ec.p7m", &["-nodetach"]);
    openssl_pki::cms_sign_with(
        d,
        "doc.pdf",
        &["u"],
        "DER",
        "pss.p7m",
        &["-nodetach", "-keyopt", "rsa_padding_mode:pss"],
    );
    openssl_pki::cms_sign_with(d, "doc.pdf", &["u"], "DER", "nocert.p7m", &["-nodetach", "-nocerts"]);
    // ECDSA P-256 is checked (many foreign qualified certificates use it).
    let r = e.cli(&["verify", "ec.p7m", "--ca", "ca.pem", "--json"], None);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let j = r.json();
    assert_eq!(j["result"], "valid");
    assert_eq!(j["layers"][0]["signers"][0]["fiscal_code"], "VRDLGU75C12H501D");
    for (f, why, who) in
        [("pss.p7m", "RSASSA-PSS", "RSSMRA80A01F205X"), ("nocert.p7m", "certificate is not in the file", "")]
    {
        let r = e.cli(&["verify", f, "--ca", "ca.pem", "--json"], None);
        assert_eq!(r.code, 9, "{f}: {}{}", r.stdout, r.stderr);
        let j = r.json();
        assert_eq!(j["result"], "unverifiable", "{f}");
        let s = &j["layers"][0]["signers"][0];
        assert_eq!(s["verdict"], "unverifiable", "{f}");
        assert!(s["unverifiable"].as_str().unwrap().contains(why), "{f}: {s}");
        assert_eq!(s["fiscal_code"].as_str().unwrap_or(""), who, "{f}");
        let r = e.cli(&["verify", f, "--ca", "ca.pem"], None);
        assert!(r.stdout.contains("NON VERIFICABILE"), "{f}: {}", r.stdout);
        assert!(r.stdout.contains("Esito: ⚠ una firma NON è verificabile"), "{f}: {}", r.stdout);
        assert!(!r.stdout.contains("modificato dopo la firma"), "{f}: never called altered: {}", r.stdout);
    }
    let r = e.cli(&["--lang", "en", "verify", "pss.p7m", "--ca", "ca.pem"], None);
    assert!(r.stdout.contains("CANNOT BE CHECKED"), "{}", r.stdout);
}

#[test]
#[cfg_attr(windows, ignore = "needs openssl (absent under Wine)")]
fn a_revocation_check_asked_for_but_not_possible_exits_9_with_the_reason() {
    let e = Env::new();
    // The distribution point is a closed port: the download fails.
    e.openssl_pki("http://127.0.0.1:9/ca.crl", "20250101000000Z", "20350101000000Z");
    e.doc("doc.pdf", 3000);
    e.cms_sign("doc.pdf", "u", "DER", "doc.p7m");
    assert_eq!(e.cli(&["verify", "doc.p7m", "--ca", "ca.pem"], None).code, 0);
    let r = e.cli(&["verify", "doc.p7m", "--ca", "ca.pem", "--fetch-crl", "--json"], None);
    assert_eq!(r.code, 9, "{}{}", r.stdout, r.stderr);
    let j = r.json();
    assert_eq!(j["result"], "not_trusted");
    let rev = &j["layers"][0]["signers"][0]["revocation"];
    assert_eq!(rev["status"], "unavailable");
    assert!(rev["reason"].as_str().unwrap().contains("http://127.0.0.1:9/ca.crl"), "{rev}");
    let r = e.cli(&["verify", "doc.p7m", "--ca", "ca.pem", "--fetch-crl"], None);
    assert!(
        r.stdout.contains(
            "Revoca: ⚠ NON verificabile: lo scaricamento di http://127.0.0.1:9/ca.crl non è riuscito"
        ),
        "{}",
        r.stdout
    );
    // Italian words all through, not the library's English.
    assert!(!r.stdout.contains("download of") && !r.stdout.contains("failed"), "{}", r.stdout);
    assert!(r.stdout.contains("revoca non verificabile"), "the verdict says why: {}", r.stdout);
    assert!(!r.stdout.contains("tutte le firme sono valide"), "{}", r.stdout);
    let r = e.cli(&["--lang", "en", "verify", "doc.p7m", "--ca", "ca.pem", "--fetch-crl"], None);
    assert!(r.stdout.contains("the download of http://127.0.0.1:9/ca.crl failed"), "{}", r.stdout);
    // A CRL of another authority: 9, named.
    std::fs::create_dir(e.p("other")).unwrap();
    openssl_pki::make_ca(&e.p("other"), "/CN=Altra CA", "http://127.0.0.1:9/x.crl");
    openssl_pki::openssl(&e.p("other"), &["ca", "-config", "ca.cnf", "-gencrl", "-out", "../other.crl"]);
    let r = e.cli(&["verify", "doc.p7m", "--ca", "ca.pem", "--crl", "other.crl", "--json"], None);
    assert_eq!(r.code, 9, "{}{}", r.stdout, r.stderr);
    let reason = r.json()["layers"][0]["signers"][0]["revocation"]["reason"].as_str().unwrap().to_owned();
    assert!(reason.contains("from Altra CA"), "{reason}");
    // An expired CRL: 9, and said so.
    openssl_pki::expired_crl(e.dir.path(), "old.crl");
    let r = e.cli(&["verify", "doc.p7m", "--ca", "ca.pem", "--crl", "old.crl", "--lang", "en"], None);
    assert_eq!(r.code, 9, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.contains("the CRL expired on 01/02/2025"), "{}", r.stdout);
    let r = e.cli(&["verify", "doc.p7m", "--ca", "ca.pem", "--crl", "old.crl"], None);
    assert!(r.stdout.contains("la lista di revoca è scaduta il 01/02/2025"), "{}", r.stdout);
    let r = e.cli(&["verify", "doc.p7m", "--ca", "ca.pem", "--crl", "old.crl", "--lang", "en"], None);
    assert!(r.stdout.contains("revocation cannot be established"), "{}", r.stdout);
    // A current CRL: 0.
    e.openssl(&["ca", "-config", "ca.cnf", "-gencrl", "-out", "good.crl"]);
    let r = e.cli(&["verify", "doc.p7m", "--ca", "ca.pem", "--crl", "good.crl", "--json"], None);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert_eq!(r.json()["layers"][0]["signers"][0]["revocation"]["status"], "good");
    // Revoked after the signature was made: still 9, and said precisely.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    e.openssl(&["ca", "-config", "ca.cnf", "-revoke", "u.pem"]);
    e.openssl(&["ca", "-config", "ca.cnf", "-gencrl", "-out", "revoked.crl"]);
    let r = e.cli(&["verify", "doc.p7m", "--ca", "ca.pem", "--crl", "revoked.crl", "--json"], None);
    assert_eq!(r.code, 9, "{}{}", r.stdout, r.stderr);
    assert_eq!(r.json()["layers"][0]["signers"][0]["revocation"]["after_signing_time"], true);
    let r = e.cli(&["verify", "doc.p7m", "--ca", "ca.pem", "--crl", "revoked.crl"], None);
    assert!(r.stdout.contains("dopo la data della firma"), "{}", r.stdout);
}

#[test]
#[cfg_attr(windows, ignore = "needs openssl (absent under Wine)")]
fn ca_import_refuses_a_huge_file_and_the_system_folder_is_trusted_but_not_removable() {
    let e = Env::new();
    // Over 1 MiB: refused before it is read whole, with a clear message.
    let mut big = std::fs::read(e.p("sim-ca.pem")).unwrap();
    big.resize(1024 * 1024 + 1, b'\n');
    std::fs::write(e.p("big.pem"), &big).unwrap();
    let r = e.cli(&["ca", "import", "big.pem"], None);
    assert_eq!(r.code, 2, "{}{}", r.stdout, r.stderr);
    assert!(r.stderr.contains("più grande di 1024 KiB"), "{}", r.stderr);
    let r = e.cli(&["ca", "import", "big.pem", "--json"], None);
    assert_eq!(r.json()["error"]["kind"], "too_large");
    assert!(!e.user_dir().join("trusted-ca").exists());
    let r = e.cli(&["verify", "x.p7m", "--ca", "big.pem"], None);
    assert_eq!(r.code, 2, "{}{}", r.stdout, r.stderr);

    // The installer's folder: a PEM put there is trusted, listed as "system", and cannot be removed.
    e.doc("doc.txt", 100);
    let r = sign_demo(&e, &["doc.txt"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert_eq!(e.cli(&["verify", "doc.txt.p7m"], None).code, 9);
    std::fs::copy(e.p("sim-ca.pem"), e.p("sys-ca/regione.pem")).unwrap();
    // A file too big to be a certificate in that folder is ignored, not read.
    std::fs::write(e.p("sys-ca/huge.pem"), &big).unwrap();
    let r = e.cli(&["verify", "doc.txt.p7m", "--json"], None);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert_eq!(r.json()["layers"][0]["signers"][0]["trust"]["status"], "trusted");
    let r = e.cli(&["ca", "list", "--json"], None);
    let all = r.json()["authorities"].as_array().unwrap().clone();
    assert_eq!(all.len(), 1, "{all:?}");
    assert_eq!(all[0]["scope"], "system");
    let sha = all[0]["sha256"].as_str().unwrap().to_owned();
    let r = e.cli(&["ca", "remove", &sha[..16]], None);
    assert_eq!(r.code, 2, "{}{}", r.stdout, r.stderr);
    // Said in the user's language (Italian here), not in the library's English.
    assert!(r.stderr.contains("è installata per tutto il sistema"), "{}", r.stderr);
    assert!(r.stderr.contains("solo l'amministratore"), "{}", r.stderr);
    assert!(e.p("sys-ca/regione.pem").is_file());
    assert_eq!(e.cli(&["verify", "doc.txt.p7m"], None).code, 0);
}

/// A file that is not a signed file at all, and one cut short: exit 8, said in the user's
/// language (the library's English only as the bracketed detail), nothing extracted.
#[test]
#[cfg_attr(windows, ignore = "needs openssl (absent under Wine)")]
fn a_damaged_or_foreign_file_exits_8_with_a_message_in_the_users_language() {
    let e = Env::new();
    std::fs::write(e.p("garbage.p7m"), b"this is not a signed file at all\n").unwrap();
    let r = e.cli(&["verify", "garbage.p7m", "--extract", "out.pdf"], None);
    assert_eq!(r.code, 8, "{}{}", r.stdout, r.stderr);
    assert!(r.stderr.contains("Il file non è un file firmato valido"), "{}", r.stderr);
    assert!(!r.stderr.contains("not a valid signed file"), "English in the Italian message: {}", r.stderr);
    assert!(!e.p("out.pdf").exists(), "nothing is extracted from a damaged file");
    let r = e.cli(&["--lang", "en", "verify", "garbage.p7m"], None);
    assert_eq!(r.code, 8);
    assert_eq!(r.stderr.matches("not a valid signed file").count(), 1, "{}", r.stderr);
    // Text with characters Base64 does not have: not a signed file either, never a read error.
    std::fs::write(e.p("letter.p7m"), "Gentile cliente, in allegato la fattura.\n").unwrap();
    let r = e.cli(&["verify", "letter.p7m"], None);
    assert_eq!(r.code, 8, "{}{}", r.stdout, r.stderr);
    assert!(r.stderr.contains("Il file non è un file firmato valido"), "{}", r.stderr);

    // A real signature, cut in half.
    e.doc("doc.pdf", 3000);
    assert_eq!(sign_demo(&e, &["doc.pdf"]).code, 0);
    let whole = std::fs::read(e.p("doc.pdf.p7m")).unwrap();
    std::fs::write(e.p("cut.p7m"), &whole[..whole.len() / 2]).unwrap();
    let r = e.cli(&["verify", "cut.p7m", "--json"], None);
    assert_eq!(r.code, 8, "{}{}", r.stdout, r.stderr);
    let j = r.json();
    assert_eq!(j["error"]["kind"], "not_valid", "{j}");
    assert!(j["error"]["message"].as_str().unwrap().starts_with("Il file"), "{j}");
}
