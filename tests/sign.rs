//! Signing with the simulated card in every quirk mode, through the same PIN flow as the PIN
//! operations; the result checked by OpenSSL against the simulated card's issuer.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use cns_cades::card::{CardSignError, CardSigner};
use cns_cades::{SignOptions, sign_attached};
use cns_core::card;
use cns_core::flow::Outcome;
use cns_sim::{HolderPreset, QuirkMode, SimCard, SimHandle};
use std::process::Command;

fn handle(mode: QuirkMode) -> SimHandle {
    SimHandle::new(SimCard::new(mode, HolderPreset::BianchiGiulia))
}

/// VERIFY commands that carried a PIN, and PSO commands, in the card's log.
fn sent(h: &SimHandle) -> (usize, usize) {
    let log = h.command_log();
    let verifies = log.iter().filter(|c| c.header[1] == 0x20 && c.lc.is_some()).count();
    let pso = log.iter().filter(|c| c.header[1] == 0x2A).count();
    (verifies, pso)
}

fn sign_with(
    h: &SimHandle,
    pin: &str,
    confirm: bool,
    out: &mut Vec<u8>,
) -> Result<(), cns_cades::CadesError> {
    let mut t = h.transport();
    let cert = card::read_certificate(&mut t).unwrap();
    h.clear_log();
    let content = b"Contratto di locazione - documento di prova\n".repeat(100);
    let pin = cns_core::Pin::new(pin).expect("a PIN of valid form");
    let mut signer = CardSigner::new(&mut t, pin, confirm);
    sign_attached(
        &mut &content[..],
        content.len() as u64,
        out,
        &cert,
        &SignOptions::default(),
        &mut signer,
        &mut |_| {},
    )
    .map(|_| ())
}

#[test]
#[cfg_attr(windows, ignore = "needs openssl (absent under Wine)")]
fn the_simulated_card_signs_in_every_mode_and_openssl_verifies() {
    let dir = tempfile::tempdir().unwrap();
    let ca = dir.path().join("ca.der");
    std::fs::write(&ca, cns_sim::fixtures::ca_certificate(HolderPreset::BianchiGiulia)).unwrap();
    let ca_pem = dir.path().join("ca.pem");
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
    for &mode in QuirkMode::all() {
        let h = handle(mode);
        let mut out = Vec::new();
        sign_with(&h, "12345", false, &mut out)
            .unwrap_or_else(|e| panic!("{mode}: {}", cns_core::error_chain(&e)));
        // The PIN exactly once, one signature, the card reset afterwards, no try spent.
        assert_eq!(sent(&h), (1, 1), "{mode}");
        // In this order, in one session: VERIFY (with the PIN), MSE RESTORE SE 03, MSE SET key 01,
        // PSO CDS (then GET RESPONSE on 61xx cards), nothing after.
        let log = h.command_log();
        let from = log.iter().position(|c| c.header[1] == 0x20 && c.lc.is_some()).unwrap();
        let after: Vec<[u8; 4]> = log[from + 1..].iter().map(|c| c.header).filter(|h| h[1] != 0xC0).collect();
        assert_eq!(
            after,
            [[0x00, 0x22, 0xF3, 0x03], [0x00, 0x22, 0xF1, 0xB6], [0x00, 0x2A, 0x9E, 0x9A]],
            "{mode}"
        );
        assert!(!h.card().is_pin_verified(), "{mode}: reset after signing");
        assert_eq!(h.card().pin_tries_left(), 3, "{mode}");
        let p7m = dir.path().join(format!("{mode}.p7m"));
        std::fs::write(&p7m, &out).unwrap();
        let v = Command::new("openssl")
            .args(["cms", "-verify", "-binary", "-inform", "DER", "-purpose", "any", "-in"])
            .arg(&p7m)
            .arg("-CAfile")
            .arg(&ca_pem)
            .output()
            .unwrap();
        assert!(v.status.success(), "{mode}: {}", String::from_utf8_lossy(&v.stderr));
        assert!(v.stdout.starts_with(b"Contratto di locazione"), "{mode}");
    }
}

#[test]
fn a_wrong_pin_spends_one_try_and_signs_nothing() {
    let h = handle(QuirkMode::Standard);
    let mut out = Vec::new();
    let e = sign_with(&h, "99999", false, &mut out).unwrap_err();
    let cns_cades::CadesError::Signer(inner) = e else { panic!("{e:?}") };
    let inner = inner.downcast::<CardSignError>().unwrap();
    assert!(matches!(*inner, CardSignError::Pin(Outcome::Wrong { tries_left: Some(2), .. })), "{inner:?}");
    assert_eq!(sent(&h), (1, 0));
    assert_eq!(h.card().pin_tries_left(), 2);
}

#[test]
fn invalid_pin_and_unconfirmed_last_try_send_no_pin() {
    let h = handle(QuirkMode::Standard);
    // The signer takes a cns_core::Pin: a malformed one cannot even be handed to it, so no
    // card is asked.
    h.clear_log();
    for bad in ["1234", "123456789", "12a45", ""] {
        assert!(cns_core::Pin::new(bad).is_err(), "{bad:?}");
    }
    assert_eq!(sent(&h), (0, 0));
    h.card().set_pin_tries(1, 3);
    let e = sign_with(&h, "12345", false, &mut Vec::new()).unwrap_err();
    let cns_cades::CadesError::Signer(inner) = e else { panic!() };
    assert!(matches!(*inner.downcast::<CardSignError>().unwrap(), CardSignError::NeedsConfirmation));
    assert_eq!(sent(&h), (0, 0));
    assert_eq!(h.card().pin_tries_left(), 1);
    // Confirmed: sent once, and it signs.
    sign_with(&h, "12345", true, &mut Vec::new()).unwrap();
    assert_eq!(sent(&h), (1, 1));
}

#[test]
fn the_card_refuses_to_sign_without_a_verified_pin() {
    let h = handle(QuirkMode::Standard);
    let di = cns_cades::sign::sha256_digest_info(&[7u8; 32]).unwrap();
    let mut pso = vec![0x00, 0x2A, 0x9E, 0x9A, di.len() as u8];
    pso.extend_from_slice(&di);
    pso.push(0x00);
    assert_eq!(h.transmit(&pso).unwrap(), [0x69, 0x85], "no key selected");
    assert_eq!(h.transmit(&[0x00, 0x22, 0xF3, 0x03, 0x00]).unwrap(), [0x90, 0x00]);
    assert_eq!(h.transmit(&[0x00, 0x22, 0xF1, 0xB6, 0x03, 0x83, 0x01, 0x01]).unwrap(), [0x90, 0x00]);
    assert_eq!(h.transmit(&pso).unwrap(), [0x69, 0x82], "PIN not verified");
    assert_eq!(
        h.transmit(&[0x00, 0x22, 0xF1, 0xB6, 0x03, 0x83, 0x01, 0x07]).unwrap(),
        [0x6A, 0x88],
        "unknown key"
    );
}

/// The login that PKCS#11 holds (`verify_pin_keep_session`, then `sign_verified`): one VERIFY,
/// then any number of signatures with no PIN, in every mode (under an applet nothing may
/// select the application again, which would drop the login); a reset ends it.
#[test]
fn a_kept_login_signs_without_the_pin_until_the_card_is_reset() {
    use cns_core::{CardTransport as _, StatusWord};
    let digest_info = cns_pkcs11::module::digest_info(cryptoki_sys::CKM_SHA256_RSA_PKCS, b"ciao").unwrap();
    for &mode in QuirkMode::all() {
        let h = handle(mode);
        let mut t = h.transport();
        let pin = cns_core::Pin::new("12345").unwrap();
        let (sw, location) =
            card::verify_pin_keep_session(&mut t, |ctx| Some(cns_core::commands::verify(ctx.pin_ref, &pin)))
                .unwrap()
                .unwrap();
        assert_eq!(sw, StatusWord::Ok, "{mode}");
        for _ in 0..2 {
            let sig =
                card::sign_verified(&mut t, location, &digest_info).unwrap_or_else(|e| panic!("{mode}: {e}"));
            assert_eq!(sig.len(), 256, "{mode}");
        }
        assert_eq!(sent(&h), (1, 2), "{mode}: one PIN, two signatures");
        t.reset().unwrap();
        assert!(card::sign_verified(&mut t, location, &digest_info).is_err(), "{mode}: signed after reset");
        assert_eq!(sent(&h).0, 1, "{mode}");
    }
}

/// Each simulated card accepts only its family's key in MSE SET (0x02 for the IDEMIA 2021 key
/// set, 0x01 for CNS0 everywhere else, cns-facts §1.2), so a client that picks the wrong key
/// for a family cannot sign with it, and the signing test above fails.
#[test]
fn each_simulated_card_accepts_only_its_familys_key() {
    for &mode in QuirkMode::all() {
        let h = handle(mode);
        let aid = h.card().quirks().applet_aid.clone();
        if let Some(aid) = aid {
            let mut select = vec![0x00, 0xA4, 0x04, 0x00, aid.len() as u8];
            select.extend_from_slice(&aid);
            assert_eq!(h.transmit(&select).unwrap(), [0x90, 0x00], "{mode}");
        }
        let right = if mode == QuirkMode::Idemia2021 { 0x02 } else { 0x01 };
        assert_eq!(h.transmit(&[0x00, 0x22, 0xF3, 0x03, 0x00]).unwrap(), [0x90, 0x00], "{mode}");
        for key in [0x01, 0x02, 0x03, 0x10] {
            let want: [u8; 2] = if key == right { [0x90, 0x00] } else { [0x6A, 0x88] };
            let answer = h.transmit(&[0x00, 0x22, 0xF1, 0xB6, 0x03, 0x83, 0x01, key]).unwrap();
            // IDEMIA (61xx mode) has nothing to announce: these answers carry no data
            assert_eq!(answer, want, "{mode}: key {key:#04x}");
        }
    }
}
