//! `verify` of time-stamped files through the built binary: a CAdES-T file of the EU DSS project
//! (a genuine and a copied signature time-stamp), and an `.m7m` and a `.tsd` made with OpenSSL's
//! CA and TSA around a `.p7m` signed by `openssl cms`. Exit codes (0 valid, 8 shown broken, 9
//! cannot be relied on), the "Marca temporale" line, the JSON fields, the extracted document.
//! Needs `openssl` on PATH.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

#[path = "../../cns-cades/tests/support/openssl_pki.rs"]
mod openssl_pki;
#[path = "../../cns-cades/tests/support/openssl_tsa.rs"]
mod openssl_tsa;

#[path = "support/cli_out.rs"]
mod cli_out;
use cli_out::Out;

/// cns-manager with a private config folder (no trusted CA), Italian unless `--lang en`, in
/// `dir`.
fn cli(dir: &Path, args: &[&str]) -> Out {
    std::fs::create_dir_all(dir.join("cfg")).unwrap();
    std::fs::create_dir_all(dir.join("sys-ca")).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_cns-manager"))
        .args(args)
        .current_dir(dir)
        .env("XDG_CONFIG_HOME", dir.join("cfg"))
        // The same folder for Windows, where the user's settings live under %APPDATA%.
        .env("APPDATA", dir.join("cfg"))
        .env("HOME", dir)
        .env("CNS_SYSTEM_TRUSTED_CA_DIR", dir.join("sys-ca"))
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    Out::from(out)
}

fn corpus(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../cns-cades/tests/corpus").join(name)
}

#[test]
fn a_cades_t_file_shows_its_time_stamp_and_a_copied_one_is_said_not_valid() {
    let dir = tempfile::tempdir().unwrap();
    let good = corpus("dss-CAdES-BpT.p7m");
    let r = cli(dir.path(), &["verify", good.to_str().unwrap()]);
    // Nobody trusted here: 9. The token's time is Italian time (CEST, +2).
    assert_eq!(r.code, 9, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stdout.contains("Marca temporale: 14/07/2024 22:24 (tsa.izenpe.com) ⚠ non fidata: ente non fidato"),
        "{}",
        r.stdout
    );
    let r = cli(dir.path(), &["--lang", "en", "verify", good.to_str().unwrap(), "--json"]);
    assert_eq!(r.code, 9);
    let j = r.json();
    let t = &j["layers"][0]["signers"][0]["timestamps"][0];
    assert_eq!(t["kind"], "signature");
    assert_eq!(t["gen_time"], "2024-07-14T20:24:37Z");
    assert_eq!(t["tsa"], "tsa.izenpe.com");
    assert_eq!(t["imprint_ok"], true);
    assert_eq!(t["signature_ok"], true);
    assert_eq!(t["verdict"], "not_trusted");

    let copied = corpus("dss-cades-t-copied-sigtst.p7m");
    let r = cli(dir.path(), &["verify", copied.to_str().unwrap()]);
    assert_eq!(r.code, 9, "a broken time-stamp is not a broken signature: {}", r.stdout);
    assert!(r.stdout.contains("Marca temporale: 07/12/2023 13:11 (good-tsa) ✗ NON valida"), "{}", r.stdout);
    let r = cli(dir.path(), &["--lang", "en", "verify", copied.to_str().unwrap()]);
    assert!(r.stdout.contains("Timestamp: 07/12/2023 13:11 (good-tsa) ✗ NOT valid"), "{}", r.stdout);
    let r = cli(dir.path(), &["verify", copied.to_str().unwrap(), "--json"]);
    // The file's content time-stamp is genuine; the same token copied as its signature
    // time-stamp is not over the signature.
    let j = r.json();
    let stamps = &j["layers"][0]["signers"][0]["timestamps"];
    assert_eq!(
        (stamps[0]["kind"].as_str(), stamps[0]["imprint_ok"].as_bool()),
        (Some("content"), Some(true))
    );
    assert_eq!(
        (stamps[1]["kind"].as_str(), stamps[1]["imprint_ok"].as_bool()),
        (Some("signature"), Some(false))
    );
    assert_eq!(stamps[1]["verdict"], "invalid");
}

#[test]
fn countersigners_are_listed() {
    let dir = tempfile::tempdir().unwrap();
    let f = corpus("dss-cades-double-signing-time.p7m");
    let r = cli(dir.path(), &["verify", f.to_str().unwrap()]);
    assert_eq!(r.code, 9, "{}", r.stdout);
    assert!(
        r.stdout.contains("Controfirma: PEPOLI DORIANA – codice fiscale PPLDRN82A60F205U"),
        "{}",
        r.stdout
    );
    let r = cli(dir.path(), &["verify", f.to_str().unwrap(), "--json"]);
    let c = &r.json()["layers"][0]["signers"][0]["countersigners"][0];
    assert_eq!(c["common_name"], "DORIANA PEPOLI");
    assert_eq!(c["content_intact"], true);
    assert_eq!(c["signature_valid"], true);
}

/// A CA and TSA by OpenSSL in `dir`, alice's `.p7m` of `doc` (`doc.txt.p7m`), and its
/// time-stamp response over the `.p7m`'s bytes.
fn bundle_parts(dir: &Path, doc: &[u8]) -> (Vec<u8>, Vec<u8>, Vec<u8>) {
    openssl_pki::make_ca(dir, "/CN=Test Root TS/O=Test", "http://crl.invalid/ca.crl");
    openssl_pki::make_holder(dir, "alice", "/CN=Alice Test", "20240101000000Z", "20991231000000Z");
    openssl_tsa::make_tsa(dir);
    std::fs::write(dir.join("doc.txt"), doc).unwrap();
    openssl_pki::cms_sign(dir, "doc.txt", "alice", "DER", "doc.txt.p7m");
    let p7m = std::fs::read(dir.join("doc.txt.p7m")).unwrap();
    let (tsr, token) = openssl_tsa::stamp(dir, &p7m);
    (p7m, tsr, token)
}

#[test]
#[cfg_attr(windows, ignore = "needs openssl (absent under Wine)")]
fn an_m7m_and_a_tsd_are_verified_and_extracted_and_a_swapped_document_is_broken() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let doc = b"Fattura 2026/001\n";
    let (p7m, tsr, token) = bundle_parts(d, doc);
    std::fs::write(d.join("doc.txt.m7m"), openssl_tsa::m7m(d, &p7m, &tsr)).unwrap();
    std::fs::write(d.join("doc.txt.p7m.tsd"), openssl_tsa::tsd(&p7m, &token)).unwrap();

    for (file, kind) in [("doc.txt.m7m", "m7m"), ("doc.txt.p7m.tsd", "tsd")] {
        let out = format!("{kind}-estratto.txt");
        let r = cli(d, &["verify", file, "--ca", "ca.pem", "--extract", &out]);
        assert_eq!(r.code, 0, "{file}: {}{}", r.stdout, r.stderr);
        assert!(r.stdout.contains(&format!("File con marca temporale (.{kind}):")), "{}", r.stdout);
        assert!(r.stdout.contains("Marca temporale: ") && r.stdout.contains("(Test TSA) ✓"), "{}", r.stdout);
        assert!(r.stdout.contains("Alice Test"), "{}", r.stdout);
        assert_eq!(std::fs::read(d.join(&out)).unwrap(), doc, "{file}");

        let r = cli(d, &["verify", file, "--ca", "ca.pem", "--json"]);
        assert_eq!(r.code, 0);
        let j = r.json();
        assert_eq!(j["result"], "valid");
        assert_eq!(j["container"]["kind"], kind);
        assert_eq!(j["container"]["inner_signed"], true);
        let t = &j["container"]["timestamps"][0];
        assert_eq!((t["kind"].as_str(), t["tsa"].as_str()), (Some("document"), Some("Test TSA")));
        assert_eq!((t["imprint_ok"].as_bool(), t["signature_ok"].as_bool()), (Some(true), Some(true)));
        assert_eq!(j["layers"][0]["signers"][0]["common_name"], "Alice Test");
    }

    // The same time-stamp beside another .p7m: the bundle's document is not the one stamped.
    std::fs::write(d.join("doc.txt"), b"Fattura 2026/002\n").unwrap();
    openssl_pki::cms_sign(d, "doc.txt", "alice", "DER", "other.p7m");
    let other = std::fs::read(d.join("other.p7m")).unwrap();
    std::fs::write(d.join("swapped.m7m"), openssl_tsa::m7m(d, &other, &tsr)).unwrap();
    std::fs::write(d.join("swapped.tsd"), openssl_tsa::tsd(&other, &token)).unwrap();
    for file in ["swapped.m7m", "swapped.tsd"] {
        let r = cli(d, &["verify", file, "--ca", "ca.pem"]);
        assert_eq!(r.code, 8, "{file}: {}", r.stdout);
        assert!(r.stdout.contains("✗ NON valida"), "{}", r.stdout);
        assert!(
            r.stdout.contains("Esito: ✗ La marca temporale NON riguarda il documento contenuto"),
            "{}",
            r.stdout
        );
    }

    // A .tsd around a document that is not signed: the document, time-stamped.
    let plain = b"verbale, non firmato\n";
    let (_, token) = openssl_tsa::stamp(d, plain);
    std::fs::write(d.join("verbale.txt.tsd"), openssl_tsa::tsd(plain, &token)).unwrap();
    let r = cli(d, &["verify", "verbale.txt.tsd", "--ca", "ca.pem", "--extract", "verbale.txt"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.contains("Il documento contenuto non è firmato"), "{}", r.stdout);
    assert!(
        r.stdout.contains("Esito: ✓ Marca temporale valida: il documento esisteva a quella data"),
        "{}",
        r.stdout
    );
    assert_eq!(std::fs::read(d.join("verbale.txt")).unwrap(), plain);
}
