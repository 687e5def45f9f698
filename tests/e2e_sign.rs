//! End-to-end signing: the built `cns-manager sign` through a real pcscd and the vpcd virtual
//! reader, the simulated card signing with its TEST key. The PIN reaches the card exactly once,
//! the signature is computed once, and OpenSSL verifies the result against the card's issuer.
//!
//! Skipped unless `CNS_PCSCD_TESTS` is set (see `support/rig.rs`).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::process::Command;

use cns_sim::{HolderPreset, QuirkMode};
use cns_tests::rig::{CardOpts, rig};

fn count(apdus: &[String], prefix: &str) -> usize {
    apdus.iter().filter(|l| l.contains(prefix)).count()
}

fn sign_in_mode(mode: QuirkMode, detached: bool) {
    let Some(rig) = rig(&format!("sign_through_pcscd_{mode}")) else { return };
    let card = rig.card(CardOpts::new(mode));
    let dir = card.dir().to_path_buf();
    let doc = dir.join("delibera.pdf");
    std::fs::write(&doc, b"%PDF-1.7 delibera di prova\n".repeat(5000)).unwrap();
    let doc_s = doc.to_str().unwrap();
    let mut args = vec![doc_s, "--stdin", "--json"];
    if detached {
        args.push("--detached");
    }
    let r = card.cli_stdin("sign", &args, Some("12345\n"));
    assert_eq!(r.code, 0, "{mode}: {r}");
    let j = r.json();
    let signed = j["signed_file"].as_str().unwrap().to_owned();
    // The PIN once (the counter queries carry no PIN), the signature once, no try spent.
    let apdus = card.apdus();
    let pin_verifies = apdus.iter().filter(|l| l.contains("APDU 00 20 00 ") && l.contains("Lc=")).count();
    assert_eq!(pin_verifies, 1, "{mode}: {apdus:#?}");
    assert_eq!(count(&apdus, "APDU 00 2A 9E 9A"), 1, "{mode}");
    assert_eq!(card.state().pin_tries_left(), 3, "{mode}");

    let ca = dir.join("ca.der");
    std::fs::write(&ca, cns_sim::fixtures::ca_certificate(HolderPreset::BianchiGiulia)).unwrap();
    let ca_pem = dir.join("ca.pem");
    assert!(
        Command::new("openssl")
            .args(["x509", "-inform", "DER", "-in"])
            .arg(&ca)
            .arg("-out")
            .arg(&ca_pem)
            .status()
            .unwrap()
            .success()
    );
    let mut v = Command::new("openssl");
    v.args([
        "cms",
        "-verify",
        "-binary",
        "-inform",
        "DER",
        "-purpose",
        "any",
        "-out",
        "/dev/null",
        "-in",
        &signed,
        "-CAfile",
    ])
    .arg(&ca_pem);
    if detached {
        v.arg("-content").arg(&doc);
    }
    let o = v.output().unwrap();
    assert!(o.status.success(), "{mode}: {}", String::from_utf8_lossy(&o.stderr));
    // And our own verify agrees (no card needed).
    let r = rig.cli(&["verify", &signed, "--ca", ca_pem.to_str().unwrap(), "--json"]);
    assert_eq!(r.code, 0, "{mode}: {r}");
    assert_eq!(r.json()["layers"][0]["signers"][0]["fiscal_code"], "BNCGLI90E52D612W");
}

#[test]
fn sign_through_pcscd_standard() {
    sign_in_mode(QuirkMode::Standard, false);
}

#[test]
fn sign_through_pcscd_idemia_61xx() {
    sign_in_mode(QuirkMode::Idemia, true);
}

/// The IDEMIA 2021 key set: the card accepts only key 02 in MSE SET.
#[test]
fn sign_through_pcscd_idemia2021() {
    sign_in_mode(QuirkMode::Idemia2021, false);
}

#[test]
fn sign_through_pcscd_st2022() {
    sign_in_mode(QuirkMode::St2022, false);
}

#[test]
fn sign_through_pcscd_applet2025() {
    sign_in_mode(QuirkMode::Applet2025, false);
}

#[test]
fn wrong_pin_through_pcscd_costs_one_try_and_signs_nothing() {
    let Some(rig) = rig("wrong_pin_through_pcscd_costs_one_try_and_signs_nothing") else { return };
    let card = rig.card(CardOpts::new(QuirkMode::Standard));
    let doc = card.dir().join("doc.txt");
    std::fs::write(&doc, b"testo").unwrap();
    let r = card.cli_stdin("sign", &[doc.to_str().unwrap(), "--stdin", "--json"], Some("54321\n"));
    assert_eq!(r.code, 3, "{r}");
    assert_eq!(r.json()["tries_left"], 2);
    assert_eq!(card.state().pin_tries_left(), 2);
    assert_eq!(count(&card.apdus(), "APDU 00 2A"), 0);
    assert!(!card.dir().join("doc.txt.p7m").exists());
    // One try left: refused before anything is sent (exit 7), then signed when confirmed.
    let card = rig.card(CardOpts::new(QuirkMode::Standard).pin_tries(1));
    let doc = card.dir().join("doc.txt");
    std::fs::write(&doc, b"testo").unwrap();
    let r = card.cli_stdin("sign", &[doc.to_str().unwrap(), "--stdin"], Some("12345\n"));
    assert_eq!(r.code, 7, "{r}");
    assert_eq!(
        card.apdus().iter().filter(|l| l.contains("APDU 00 20 00 ") && l.contains("Lc=")).count(),
        0,
        "no PIN sent"
    );
    let r = card.cli_stdin(
        "sign",
        &[doc.to_str().unwrap(), "--stdin", "--confirm-last-attempt"],
        Some("12345\n"),
    );
    assert_eq!(r.code, 0, "{r}");
}
