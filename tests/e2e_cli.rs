//! End-to-end: the built `cns-manager` CLI through a real pcscd, with the simulated TS-CNS in a
//! vsmartcard vpcd reader (`cns-sim-vpcd`). Asserts the CLI contract (exit codes, JSON, messages)
//! and what really happened on the card (its state file, and with `-v` its APDU log).
//!
//! Skipped unless `CNS_PCSCD_TESTS` is set: `scripts/test.sh` builds the binaries, starts the rig
//! and sets it. See `support/rig.rs`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::time::Duration;

use cns_sim::QuirkMode;
use cns_tests::rig::{CardOpts, hex, lines_of, rig};
use serde_json::Value;

const SERIAL: &str = "6090104237815004";
const FIXTURE_DER: &[u8] = include_bytes!("../crates/cns-sim/fixtures/bianchi-giulia.der");
/// How long to wait for a line `watch` must print: a bound, not its speed (a loaded machine is slow).
const LINE_WAIT: Duration = Duration::from_secs(60);

/// The VERIFY commands that carry a PIN (the counter queries are empty VERIFYs, without Lc).
fn pin_verifies(apdus: &[String]) -> usize {
    apdus.iter().filter(|l| l.contains("APDU 00 20 00 ") && l.contains("Lc=")).count()
}

// ---------------------------------------------------------------------------------------------
// status

/// status --json in one mode: every contract field, and the counters as that card family can
/// tell them without spending a try.
fn status_in_mode(mode: QuirkMode) {
    let Some(rig) = rig(&format!("status_json_{mode}")) else { return };
    let card = rig.card(CardOpts::new(mode));
    let r = card.cli("status", &["--json"]);
    assert_eq!(r.code, 0, "{mode}: {r}");
    let j = r.json();
    assert_eq!(j["reader"], card.reader(), "{mode}");
    assert_eq!(j["card"]["serial"], SERIAL, "{mode}");
    assert_eq!(j["card"]["expires"], "2031-03-01", "{mode}");
    assert_eq!(j["card"]["atr"], hex(mode.atr()), "{mode}");
    assert_eq!(j["holder"]["surname"], "BIANCHI", "{mode}");
    assert_eq!(j["holder"]["given_name"], "GIULIA", "{mode}");
    assert_eq!(j["holder"]["fiscal_code"], "BNCGLI90E52D612W", "{mode}");
    assert_eq!(j["holder"]["fiscal_code_valid"], true, "{mode}");
    assert_eq!(j["holder"]["birth_date"], "1990-05-12", "{mode}");
    assert_eq!(j["certificate"]["not_after"], "2031-02-28T23:00:00Z", "{mode}");
    assert_eq!(j["certificate"]["key_bits"], 2048, "{mode}");
    let (pin, puk) = (&j["pin"], &j["puk"]);
    match mode {
        QuirkMode::Standard
        | QuirkMode::StIncard
        | QuirkMode::Idemia
        | QuirkMode::Idemia2021
        | QuirkMode::Applet2025 => {
            assert_eq!(pin["state"], "ok", "{mode}: {pin}");
            assert_eq!(pin["tries_left"], 3, "{mode}: {pin}");
            assert_eq!(puk["state"], "ok", "{mode}: {puk}");
            assert_eq!(puk["tries_left"], 8, "{mode}: {puk}");
        }
        // CardOS 4 (an empty VERIFY may cost a try) is never asked; the no-count card cannot say
        // ...and an ATR with no historical bytes (ST2022 over NFC) says nothing about the family
        QuirkMode::Siemens | QuirkMode::Legacy | QuirkMode::NoCount | QuirkMode::St2022 => {
            assert_eq!(pin["state"], "unknown", "{mode}: {pin}");
            assert_eq!(pin["tries_left"], Value::Null, "{mode}: {pin}");
            assert_eq!(puk["state"], "unknown", "{mode}: {puk}");
            assert_eq!(puk["tries_left"], Value::Null, "{mode}: {puk}");
        }
    }
    // status never spends a try
    let s = card.state();
    assert_eq!((s.pin_tries_left(), s.puk_tries_left()), (3, 8), "{mode}");
    assert_eq!(pin_verifies(&card.apdus()), 0, "{mode}: status sent a PIN");
}

#[test]
fn status_json_standard() {
    status_in_mode(QuirkMode::Standard);
}

#[test]
fn status_json_stincard() {
    status_in_mode(QuirkMode::StIncard);
}

#[test]
fn status_json_siemens() {
    status_in_mode(QuirkMode::Siemens);
}

#[test]
fn status_json_idemia() {
    status_in_mode(QuirkMode::Idemia);
}

#[test]
fn status_json_legacy() {
    status_in_mode(QuirkMode::Legacy);
}

#[test]
fn status_json_nocount() {
    status_in_mode(QuirkMode::NoCount);
}

#[test]
fn status_json_applet2025() {
    status_in_mode(QuirkMode::Applet2025);
}

#[test]
fn status_json_idemia2021() {
    status_in_mode(QuirkMode::Idemia2021);
}

#[test]
fn status_json_st2022() {
    status_in_mode(QuirkMode::St2022);
}

/// The card of OpenSC issue #3804, in every flow of the CLI, through pcscd: status with its
/// generation and tries, wrong PIN, change, last try, block, unblock, export-cert; and the APDU
/// budget of each operation as the card itself logged it.
#[test]
fn applet2025_card_works_in_every_cli_flow() {
    let Some(rig) = rig("applet2025_card_works_in_every_cli_flow") else { return };
    let card = rig.card(CardOpts::new(QuirkMode::Applet2025));
    let apdus_of = |f: &dyn Fn()| {
        let before = card.apdus().len();
        f();
        card.apdus().len() - before
    };

    let n = apdus_of(&|| {
        let r = card.cli("status", &["--json"]);
        assert_eq!(r.code, 0, "{r}");
        assert_eq!(r.json()["card"]["generation"], "applet2025", "{r}");
        assert_eq!(r.json()["card"]["applet"], "A000000530000B104001021A", "{r}");
    });
    assert_eq!(n, 14, "status on the applet card:\n{}", card.log_text());
    let r = card.cli("status", &[]);
    assert!(r.stdout.contains("TS-CNS 2025"), "{r}");
    assert!(r.stdout.contains("Ti restano 3 tentativi"), "{r}");

    let n = apdus_of(&|| {
        let r = card.cli_stdin("verify-pin", &["--stdin", "--json"], Some("99999\n"));
        assert_eq!(r.code, 3, "{r}");
        assert_eq!(r.json()["tries_left"], 2, "{r}");
    });
    assert_eq!(n, 6, "verify-pin on the applet card:\n{}", card.log_text());
    assert_eq!(card.state().pin_tries_left(), 2);

    let r = card.cli_stdin("change-pin", &["--stdin"], Some("12345\n24680\n"));
    assert_eq!(r.code, 0, "{r}");
    assert!(card.state().pin_is("24680"));
    for left in [2, 1] {
        let r = card.cli_stdin("verify-pin", &["--stdin", "--json"], Some("11111\n"));
        assert_eq!((r.code, r.json()["tries_left"].clone()), (3, Value::from(left)), "{r}");
    }
    let r = card.cli_stdin("verify-pin", &["--stdin"], Some("11111\n"));
    assert_eq!(r.code, 7, "the last try needs confirmation: {r}");
    let r = card.cli_stdin("verify-pin", &["--stdin", "--confirm-last-attempt"], Some("11111\n"));
    assert_eq!(r.code, 4, "{r}");
    let j = card.cli("status", &["--json"]).json();
    assert_eq!(j["pin"]["state"], "blocked", "{j}");
    // a 7-digit PUK goes to the card only when confirmed, and then it is one wrong try
    let r = card.cli_stdin("unblock", &["--stdin"], Some("1234567\n13579\n"));
    assert_eq!(r.code, 2, "{r}");
    assert_eq!(card.state().puk_tries_left(), 8);
    let r = card.cli_stdin("unblock", &["--stdin", "--confirm-short-puk"], Some("1234567\n13579\n"));
    assert_eq!(r.code, 3, "{r}");
    assert_eq!(card.state().puk_tries_left(), 7);
    let r = card.cli_stdin("unblock", &["--stdin"], Some("12345678\n13579\n"));
    assert_eq!(r.code, 0, "{r}");
    let r = card.cli_stdin("verify-pin", &["--stdin"], Some("13579\n"));
    assert_eq!(r.code, 0, "{r}");
    assert_eq!((card.state().pin_tries_left(), card.state().puk_tries_left()), (3, 8));

    let der_path = card.dir().join("cert.der");
    let r = card.cli("export-cert", &["--out", der_path.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{r}");
    assert!(std::fs::read(&der_path).unwrap() == FIXTURE_DER, "exported certificate differs");
}

/// The other applet generation and the IDEMIA 2021 cards through pcscd, in every PIN flow and
/// export-cert, each at the APDU count the card itself logged (the same as tests/flows.rs
/// asserts in-process: [status, verify-pin, change-pin, unblock, export-cert]).
fn pin_flows_through_pcscd(mode: QuirkMode, cost: [usize; 5]) {
    let Some(rig) = rig(&format!("pin_flows_through_pcscd_{mode}")) else { return };
    let card = rig.card(CardOpts::new(mode));
    let apdus_of = |f: &dyn Fn()| {
        let before = card.apdus().len();
        f();
        card.apdus().len() - before
    };
    let mut got = [0; 5];
    got[0] = apdus_of(&|| {
        let r = card.cli("status", &["--json"]);
        assert_eq!(r.code, 0, "{mode}: {r}");
        assert_eq!(r.json()["card"]["serial"], SERIAL, "{mode}: {r}");
    });
    got[1] = apdus_of(&|| {
        let r = card.cli_stdin("verify-pin", &["--stdin", "--json"], Some("99999\n"));
        assert_eq!(r.code, 3, "{mode}: {r}");
        assert_eq!(r.json()["tries_left"], 2, "{mode}: {r}");
    });
    assert_eq!(card.state().pin_tries_left(), 2, "{mode}");
    got[2] = apdus_of(&|| {
        let r = card.cli_stdin("change-pin", &["--stdin"], Some("12345\n24680\n"));
        assert_eq!(r.code, 0, "{mode}: {r}");
    });
    assert!(card.state().pin_is("24680"), "{mode}");
    assert_eq!(card.state().pin_tries_left(), 3, "{mode}");
    got[3] = apdus_of(&|| {
        let r = card.cli_stdin("unblock", &["--stdin"], Some("12345678\n13579\n"));
        assert_eq!(r.code, 0, "{mode}: {r}");
    });
    assert!(card.state().pin_is("13579"), "{mode}");
    let r = card.cli_stdin("verify-pin", &["--stdin"], Some("13579\n"));
    assert_eq!(r.code, 0, "{mode}: {r}");
    let der_path = card.dir().join("cert.der");
    got[4] = apdus_of(&|| {
        let r = card.cli("export-cert", &["--out", der_path.to_str().unwrap()]);
        assert_eq!(r.code, 0, "{mode}: {r}");
    });
    assert!(std::fs::read(&der_path).unwrap() == FIXTURE_DER, "{mode}: exported certificate differs");
    assert_eq!(
        got,
        cost,
        "{mode}: [status, verify-pin, change-pin, unblock, export-cert]\n{}",
        card.log_text()
    );
    let s = card.state();
    assert_eq!((s.pin_tries_left(), s.puk_tries_left()), (3, 8), "{mode}");
}

#[test]
fn pin_flows_through_pcscd_st2022() {
    pin_flows_through_pcscd(QuirkMode::St2022, [14, 6, 6, 6, 10]);
}

#[test]
fn pin_flows_through_pcscd_idemia2021() {
    pin_flows_through_pcscd(QuirkMode::Idemia2021, [15, 4, 4, 4, 9]);
}

#[test]
fn pin_flows_through_pcscd_applet2025() {
    pin_flows_through_pcscd(QuirkMode::Applet2025, [14, 6, 6, 6, 10]);
}

#[test]
fn siemens_status_repeated_never_touches_the_pin_counter() {
    let Some(rig) = rig("siemens_status_repeated_never_touches_the_pin_counter") else { return };
    // On this family an empty VERIFY counts as a failed try: asking would burn the PIN.
    let card = rig.card(CardOpts::new(QuirkMode::Siemens));
    for i in 0..4 {
        let r = card.cli("status", &[]);
        assert_eq!(r.code, 0, "status #{i}: {r}");
        assert!(r.stdout.contains("BIANCHI GIULIA"), "{r}");
        let s = card.state();
        assert_eq!(s.pin_tries_left(), 3, "after status #{i}");
        assert_eq!(s.puk_tries_left(), 8, "after status #{i}");
    }
    let verifies = card.apdus().iter().filter(|l| l.contains("APDU 00 20 ")).count();
    assert_eq!(verifies, 0, "no VERIFY of any kind may reach a Siemens card:\n{}", card.log_text());
    // and the PIN still works with all its tries
    let r = card.cli_stdin("verify-pin", &["--stdin"], Some("12345\n"));
    assert_eq!(r.code, 0, "{r}");
}

// ---------------------------------------------------------------------------------------------
// readers

#[test]
fn readers_json_lists_the_card_and_its_atr() {
    let Some(rig) = rig("readers_json_lists_the_card_and_its_atr") else { return };
    let card = rig.card(CardOpts::standard());
    let list = rig.readers();
    // every vpcd reader of the rig is listed
    for slot in rig.slots() {
        assert!(list.iter().any(|r| r["name"] == slot.reader.as_str()), "{} missing: {list:?}", slot.reader);
    }
    let me = list.iter().find(|r| r["name"] == card.reader()).unwrap();
    assert_eq!(me["card_present"], true, "{me}");
    assert_eq!(me["atr"], hex(QuirkMode::Standard.atr()), "{me}");

    let r = rig.cli(&["readers"]);
    assert_eq!(r.code, 0, "{r}");
    let line = r.stdout.lines().find(|l| l.starts_with(card.reader())).unwrap_or_else(|| panic!("{r}"));
    assert!(line.contains("tessera presente"), "{line}");
    assert!(line.contains(&hex(QuirkMode::Standard.atr())), "{line}");

    // the card leaves: the reader stays, empty
    let reader = card.reader().to_owned();
    drop(card);
    rig.wait_presence(&reader, None);
    let me = rig.reader_state(&reader).unwrap();
    assert_eq!(me["atr"], Value::Null, "{me}");
}

// ---------------------------------------------------------------------------------------------
// PIN operations

#[test]
fn wrong_pin_reports_the_tries_left_and_the_card_counts() {
    let Some(rig) = rig("wrong_pin_reports_the_tries_left_and_the_card_counts") else { return };
    let card = rig.card(CardOpts::standard());
    let r = card.cli_stdin("verify-pin", &["--stdin", "--json"], Some("99999\n"));
    assert_eq!(r.code, 3, "{r}");
    let j = r.json();
    assert_eq!(j["result"], "wrong", "{j}");
    assert_eq!(j["secret"], "pin", "{j}");
    assert_eq!(j["tries_left"], 2, "{j}");
    assert_eq!(j["exit_code"], 3, "{j}");
    assert_eq!(card.state().pin_tries_left(), 2);
    assert_eq!(pin_verifies(&card.apdus()), 1);

    // status now shows 2, and the right PIN resets the counter
    let j = card.cli("status", &["--json"]).json();
    assert_eq!(j["pin"]["tries_left"], 2, "{j}");
    let r = card.cli_stdin("verify-pin", &["--stdin", "--json"], Some("12345\n"));
    assert_eq!(r.code, 0, "{r}");
    assert_eq!(r.json()["result"], "ok");
    assert_eq!(card.state().pin_tries_left(), 3);
}

#[test]
fn invalid_input_is_refused_before_anything_reaches_the_card() {
    let Some(rig) = rig("invalid_input_is_refused_before_anything_reaches_the_card") else { return };
    let card = rig.card(CardOpts::standard());
    let before = card.apdus().len();
    let cases: &[(&str, &str)] = &[
        ("verify-pin", "12a45\n"),
        ("verify-pin", "1234\n"),
        ("verify-pin", "123456789\n"),
        ("verify-pin", "\n"),
        ("change-pin", "12345\n12a45\n"),
        ("change-pin", "12345\n1234\n"),
        // the new PIN equal to the current one
        ("change-pin", "12345\n12345\n"),
        ("change-pin", "1234\n24680\n"),
        ("unblock", "1234567x\n24680\n"),
        ("unblock", "12345678\n1234\n"),
        // stdin ends before the new PIN
        ("change-pin", "12345\n"),
        ("unblock", ""),
    ];
    for &(op, input) in cases {
        let r = card.cli_stdin(op, &["--stdin"], Some(input));
        assert_eq!(r.code, 2, "{op} {input:?}: {r}");
        assert!(r.stdout.is_empty(), "{op} {input:?}: {r}");
        let r = card.cli_stdin(op, &["--stdin", "--json"], Some(input));
        assert_eq!(r.code, 2, "{op} {input:?}: {r}");
        let kind = r.json()["error"]["kind"].as_str().unwrap().to_owned();
        assert!(kind == "invalid_input" || kind == "input", "{op} {input:?}: {r}");
    }
    let r = card.cli_stdin("verify-pin", &["--stdin"], Some("12a45\n"));
    assert!(r.stderr.contains("nulla è stato inviato alla tessera"), "{r}");
    assert!(r.stderr.contains("solo cifre"), "{r}");
    let r = card.cli_stdin("change-pin", &["--stdin"], Some("12345\n12345\n"));
    assert!(r.stderr.contains("uguale a quello attuale"), "{r}");
    // a PUK of 7 digits is well formed, but every TS-CNS PUK has 8: a typo must not spend a PUK
    // try unless the user says so
    let r = card.cli_stdin("unblock", &["--stdin"], Some("1234567\n24680\n"));
    assert_eq!(r.code, 2, "{r}");
    assert!(r.stderr.contains("ne hai scritte 7"), "{r}");
    assert!(r.stderr.contains("--confirm-short-puk"), "{r}");
    let r = card.cli_stdin("unblock", &["--stdin", "--json"], Some("1234567\n24680\n"));
    assert_eq!(r.json()["error"]["kind"], "short_puk", "{r}");
    // a mistyped option: said in Italian, with the right spelling, and the PIN never read
    let r = card.cli_stdin("verify-pin", &["--stdinn"], Some("12345\n"));
    assert_eq!(r.code, 2, "{r}");
    assert!(r.stderr.contains("opzione sconosciuta «--stdinn»"), "{r}");
    assert!(r.stderr.contains("forse intendevi: --stdin"), "{r}");

    let apdus = card.apdus();
    assert_eq!(apdus.len(), before, "the card received commands:\n{}", apdus[before..].join("\n"));
    let s = card.state();
    assert_eq!((s.pin_tries_left(), s.puk_tries_left()), (3, 8));
    assert!(s.pin_is("12345"));
}

#[test]
fn change_pin_then_the_new_pin_works() {
    let Some(rig) = rig("change_pin_then_the_new_pin_works") else { return };
    let card = rig.card(CardOpts::standard());
    let r = card.cli_stdin("change-pin", &["--stdin"], Some("12345\n24680\n"));
    assert_eq!(r.code, 0, "{r}");
    assert!(r.stdout.contains("PIN cambiato"), "{r}");
    let s = card.state();
    assert!(s.pin_is("24680"), "state file: PIN not changed");
    assert_eq!(s.pin_tries_left(), 3);

    let r = card.cli_stdin("verify-pin", &["--stdin"], Some("24680\n"));
    assert_eq!(r.code, 0, "{r}");
    assert!(r.stdout.contains("PIN corretto"), "{r}");
    let r = card.cli_stdin("verify-pin", &["--stdin", "--json"], Some("12345\n"));
    assert_eq!(r.code, 3, "the old PIN must be wrong now: {r}");
    assert_eq!(r.json()["tries_left"], 2);
}

#[test]
fn three_wrong_pins_last_try_needs_confirmation_block_then_puk_unblocks() {
    let Some(rig) = rig("three_wrong_pins_last_try_needs_confirmation_block_then_puk_unblocks") else {
        return;
    };
    let card = rig.card(CardOpts::standard());
    let wrong = Some("99999\n");
    for left in [2, 1] {
        let r = card.cli_stdin("verify-pin", &["--stdin", "--json"], wrong);
        assert_eq!(r.code, 3, "{r}");
        assert_eq!(r.json()["tries_left"], left, "{r}");
        assert_eq!(card.state().pin_tries_left(), left);
    }
    let r = card.cli_stdin("verify-pin", &["--stdin"], wrong);
    assert!(r.stderr.contains("un solo tentativo"), "{r}");

    // the third try: refused without --confirm-last-attempt, and nothing sent
    let sent = pin_verifies(&card.apdus());
    let r = card.cli_stdin("verify-pin", &["--stdin"], wrong);
    assert_eq!(r.code, 7, "{r}");
    assert!(r.stderr.contains("--confirm-last-attempt"), "{r}");
    assert!(r.stderr.contains("Nulla è stato inviato"), "{r}");
    let r = card.cli_stdin("verify-pin", &["--stdin", "--json"], wrong);
    assert_eq!(r.code, 7, "{r}");
    assert_eq!(r.json()["error"]["kind"], "last_try", "{r}");
    assert_eq!(card.state().pin_tries_left(), 1, "the refused try reached the card");
    assert_eq!(pin_verifies(&card.apdus()), sent, "a VERIFY with a PIN was sent");

    // confirmed: the wrong PIN blocks it
    let r = card.cli_stdin("verify-pin", &["--stdin", "--confirm-last-attempt", "--json"], wrong);
    assert_eq!(r.code, 4, "{r}");
    assert_eq!(r.json()["result"], "pin_blocked", "{r}");
    assert_eq!(card.state().pin_tries_left(), 0);
    let j = card.cli("status", &["--json"]).json();
    assert_eq!(j["pin"]["state"], "blocked", "{j}");
    assert_eq!(j["pin"]["tries_left"], 0, "{j}");

    // even the right PIN is now refused, locally
    let sent = pin_verifies(&card.apdus());
    let r = card.cli_stdin("verify-pin", &["--stdin"], Some("12345\n"));
    assert_eq!(r.code, 4, "{r}");
    assert!(r.stderr.contains("cns-manager unblock"), "{r}");
    assert_eq!(pin_verifies(&card.apdus()), sent);

    // unblock with the PUK and a new PIN
    let r = card.cli_stdin("unblock", &["--stdin"], Some("12345678\n13579\n"));
    assert_eq!(r.code, 0, "{r}");
    assert!(r.stdout.contains("PIN sbloccato"), "{r}");
    let s = card.state();
    assert!(s.pin_is("13579"));
    assert_eq!((s.pin_tries_left(), s.puk_tries_left()), (3, 8));
    let r = card.cli_stdin("verify-pin", &["--stdin"], Some("13579\n"));
    assert_eq!(r.code, 0, "{r}");
}

#[test]
fn puk_exhausted_means_the_card_must_be_replaced() {
    let Some(rig) = rig("puk_exhausted_means_the_card_must_be_replaced") else { return };
    let card = rig.card(CardOpts::standard().pin_tries(0).puk_tries(1));
    let j = card.cli("status", &["--json"]).json();
    assert_eq!(j["pin"]["state"], "blocked", "{j}");
    assert_eq!(j["puk"]["tries_left"], 1, "{j}");

    let wrong = Some("87654321\n13579\n");
    let r = card.cli_stdin("unblock", &["--stdin"], wrong);
    assert_eq!(r.code, 7, "one PUK try left: {r}");
    assert_eq!(card.state().puk_tries_left(), 1);

    let r = card.cli_stdin("unblock", &["--stdin", "--confirm-last-attempt"], wrong);
    assert_eq!(r.code, 5, "{r}");
    assert!(r.stderr.contains("va sostituita"), "{r}");
    assert_eq!(card.state().puk_tries_left(), 0);

    // from now on refused locally (even the right PUK), in JSON too
    let r = card.cli_stdin(
        "unblock",
        &["--stdin", "--confirm-last-attempt", "--json"],
        Some("12345678\n13579\n"),
    );
    assert_eq!(r.code, 5, "{r}");
    assert_eq!(r.json()["result"], "puk_blocked", "{r}");
    assert!(r.json()["message"].as_str().unwrap().contains("va sostituita"), "{r}");
    let j = card.cli("status", &["--json"]).json();
    assert_eq!(j["puk"]["state"], "blocked", "{j}");
    assert!(!card.state().pin_is("13579"));
}

#[test]
fn card_removed_during_status_fails_quickly_without_claiming_success() {
    let Some(rig) = rig("card_removed_during_status_fails_quickly_without_claiming_success") else {
        return;
    };
    // The card vanishes at its 5th APDU since insertion, in the middle of reading the status:
    // that APDU gets no answer and vpcd drops the card.
    let card = rig.card(CardOpts::standard().remove_after(4));
    let r = card.cli("status", &[]);
    assert_eq!(r.code, 1, "{r}");
    assert!(r.elapsed < Duration::from_secs(10), "took {:?}: {r}", r.elapsed);
    assert!(r.stdout.is_empty(), "printed a status for a card that went away: {r}");
    assert!(!r.stderr.trim().is_empty(), "{r}");
    assert!(card.log_text().contains("card removed"), "{}", card.log_text());

    // once pcscd has noticed: a clear "no card" (exit 6), at once
    rig.wait_presence(card.reader(), None);
    let r = card.cli("status", &["--json"]);
    assert_eq!(r.code, 6, "{r}");
    assert!(r.elapsed < Duration::from_secs(10), "took {:?}: {r}", r.elapsed);
    assert_eq!(r.json()["error"]["kind"], "no_card", "{r}");
}

/// What the user must be told when the card goes away mid-command. Through vpcd 0.8 the command
/// in flight "succeeds" with a 0-byte answer (vpcd's recvFromVICC returns 0 at EOF, which
/// IFDHTransmitToICC passes on as success); cns-pcsc must name it as a removal, as a real reader's
/// SCARD_W_REMOVED_CARD would be.
#[test]
fn card_removed_during_status_is_named_as_a_removal() {
    let Some(rig) = rig("card_removed_during_status_is_named_as_a_removal") else { return };
    let card = rig.card(CardOpts::standard().remove_after(4));
    let r = card.cli("status", &[]);
    assert_ne!(r.code, 0, "{r}");
    assert!(r.elapsed < Duration::from_secs(10), "took {:?}: {r}", r.elapsed);
    assert!(r.stderr.contains("rimossa"), "{r}");
    drop(card);

    let card = rig.card(CardOpts::standard().remove_after(7));
    let r = card.cli("status", &["--json", "--lang", "en"]);
    assert_ne!(r.code, 0, "{r}");
    let j = r.json();
    assert_eq!(j["error"]["kind"], "card_removed", "{j}");
    assert!(j["error"]["message"].as_str().unwrap().contains("removed"), "{j}");
}

#[test]
fn stincard_change_pin_uses_p2_90() {
    let Some(rig) = rig("stincard_change_pin_uses_p2_90") else { return };
    let card = rig.card(CardOpts::new(QuirkMode::StIncard));
    let r = card.cli_stdin("change-pin", &["--stdin"], Some("12345\n97531\n"));
    assert_eq!(r.code, 0, "{r}");
    assert!(card.state().pin_is("97531"));
    let apdus = card.apdus();
    let change: Vec<_> = apdus.iter().filter(|l| l.contains("APDU 00 24 ")).collect();
    assert_eq!(change.len(), 1, "{}", card.log_text());
    assert!(change[0].contains("APDU 00 24 00 90 ") && change[0].contains("-> 90 00"), "{}", change[0]);
    let r = card.cli_stdin("verify-pin", &["--stdin"], Some("97531\n"));
    assert_eq!(r.code, 0, "{r}");
    assert!(card.apdus().iter().any(|l| l.contains("APDU 00 20 00 90 Lc=")), "{}", card.log_text());
}

#[test]
fn several_cards_and_no_reader_named_is_refused() {
    let Some(rig) = rig("several_cards_and_no_reader_named_is_refused") else { return };
    let a = rig.card(CardOpts::standard());
    let b = rig.card(CardOpts::new(QuirkMode::Idemia));
    for args in [&["status"][..], &["export-cert", "--out", "/nonexistent/x.der"][..]] {
        let r = rig.cli(args);
        assert_eq!(r.code, 2, "{args:?}: {r}");
        assert!(r.stderr.contains(a.reader()) && r.stderr.contains(b.reader()), "{r}");
        assert!(r.stderr.contains("--reader"), "{r}");
    }
    let r = rig.cli_stdin(&["verify-pin", "--stdin", "--json"], Some("12345\n"));
    assert_eq!(r.code, 2, "{r}");
    assert_eq!(r.json()["error"]["kind"], "several_cards", "{r}");
    assert_eq!(pin_verifies(&a.apdus()) + pin_verifies(&b.apdus()), 0);
    // named, each works
    for c in [&a, &b] {
        let r = c.cli("status", &["--json"]);
        assert_eq!(r.code, 0, "{r}");
        assert_eq!(r.json()["card"]["atr"], hex(c.mode().atr()));
    }
    // an unknown reader name: exit 6 with the list
    let r = rig.cli(&["status", "--reader", "No Such Reader 00 00"]);
    assert_eq!(r.code, 6, "{r}");
    assert!(r.stderr.contains(a.reader()), "{r}");
}

#[test]
fn english_with_lang_en() {
    let Some(rig) = rig("english_with_lang_en") else { return };
    let card = rig.card(CardOpts::standard());
    let r = card.cli("status", &["--lang", "en"]);
    assert_eq!(r.code, 0, "{r}");
    for s in
        ["Holder: BIANCHI GIULIA", "Fiscal code: BNCGLI90E52D612W", "Card expiry: 01/03/2031", "3 tries left"]
    {
        assert!(r.stdout.contains(s), "{s:?} missing: {r}");
    }
    // the default (no locale in the environment) is Italian
    let r = card.cli("status", &[]);
    assert!(r.stdout.contains("Titolare: BIANCHI GIULIA"), "{r}");
    assert!(r.stdout.contains("Ti restano 3 tentativi"), "{r}");

    let r = card.cli_stdin("verify-pin", &["--stdin", "--lang", "en"], Some("99999\n"));
    assert_eq!(r.code, 3, "{r}");
    assert!(r.stderr.contains("Wrong PIN. You have 2 tries left."), "{r}");
    let r = card.cli_stdin("verify-pin", &["--stdin"], Some("99999\n"));
    assert!(r.stderr.contains("PIN errato"), "{r}");
    let r = card.cli_stdin("verify-pin", &["--stdin", "--lang", "en"], Some("99999\n"));
    assert_eq!(r.code, 7, "{r}");
    assert!(r.stderr.contains("Careful: only one PIN try left."), "{r}");
    let r = card.cli_stdin("verify-pin", &["--stdin", "--lang", "en"], Some("12a45\n"));
    assert_eq!(r.code, 2, "{r}");
    assert!(r.stderr.contains("Invalid values, nothing was sent to the card"), "{r}");
    let r =
        card.cli_stdin("verify-pin", &["--stdin", "--lang", "en", "--confirm-last-attempt"], Some("12345\n"));
    assert_eq!(r.code, 0, "{r}");
    assert!(r.stdout.contains("PIN correct."), "{r}");
    assert_eq!(card.state().pin_tries_left(), 3);

    let r = rig.cli(&["readers", "--lang", "en"]);
    let line = r.stdout.lines().find(|l| l.starts_with(card.reader())).unwrap_or_else(|| panic!("{r}"));
    assert!(line.contains("card present"), "{line}");
    drop(card);
}

// ---------------------------------------------------------------------------------------------
// export-cert

#[test]
fn export_cert_der_and_pem_are_the_card_certificate() {
    let Some(rig) = rig("export_cert_der_and_pem_are_the_card_certificate") else { return };
    let card = rig.card(CardOpts::standard());
    let der_path = card.dir().join("cert.der");
    let pem_path = card.dir().join("cert.pem");

    let r = card.cli("export-cert", &["--out", der_path.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{r}");
    assert!(r.stdout.contains("Certificato salvato"), "{r}");
    let der = std::fs::read(&der_path).unwrap();
    assert!(der == FIXTURE_DER, "exported DER ({} bytes) differs from the fixture", der.len());

    let r = card.cli("export-cert", &["--pem", "--json", "--out", pem_path.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{r}");
    let j = r.json();
    assert_eq!(j["format"], "pem", "{j}");
    let pem = std::fs::read_to_string(&pem_path).unwrap();
    assert_eq!(j["bytes"], pem.len(), "{j}");
    assert!(pem.starts_with("-----BEGIN CERTIFICATE-----\n"), "{pem}");
    assert!(pem.trim_end().ends_with("-----END CERTIFICATE-----"), "{pem}");
    assert!(pem_to_der(&pem) == FIXTURE_DER, "PEM does not decode to the fixture");

    // the same SHA-256 as status reports
    let status = card.cli("status", &["--json"]).json();
    assert_eq!(status["certificate"]["sha256"], j["sha256"]);
    // reading the certificate needs no PIN and spends nothing
    assert_eq!(pin_verifies(&card.apdus()), 0);
}

fn pem_to_der(pem: &str) -> Vec<u8> {
    use base64::Engine as _;
    let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    base64::engine::general_purpose::STANDARD.decode(body.trim()).unwrap()
}

// ---------------------------------------------------------------------------------------------
// watch

/// `watch --json` as a kiosk would run it: lines arrive as the card comes and goes, the status
/// of each inserted card once, and no try is ever spent, on the card family where asking the
/// counter would cost one either.
#[test]
fn watch_json_reports_insertion_status_and_removal() {
    let Some(rig) = rig("watch_json_reports_insertion_status_and_removal") else { return };
    let card = rig.card(CardOpts::new(QuirkMode::Siemens));
    card.toggle_removed();
    rig.wait_presence(card.reader(), None);

    let mut c = rig.client(rig.bin("cns-manager"));
    c.args(["watch", "--json", "--reader", card.reader()])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null());
    let mut child = c.spawn().unwrap();
    let lines = lines_of(child.stdout.take().unwrap());
    let next = |what: &str| -> Value {
        let line = lines.recv_timeout(LINE_WAIT).unwrap_or_else(|e| panic!("no {what} line: {e}"));
        let v: Value = serde_json::from_str(&line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}"));
        assert_eq!(v["event"], what, "{v}");
        assert_eq!(v["reader"], card.reader(), "{v}");
        assert!(v["time"].as_str().is_some_and(|t| t.ends_with('Z')), "{v}");
        v
    };
    next("reader_added");
    card.toggle_removed();
    let inserted = next("card_inserted");
    assert_eq!(inserted["atr"], hex(QuirkMode::Siemens.atr()), "{inserted}");
    let status = next("status");
    let s = &status["status"];
    assert_eq!(s["card"]["serial"], SERIAL, "{status}");
    assert_eq!(s["holder"]["fiscal_code"], "BNCGLI90E52D612W", "{status}");
    assert_eq!(s["pin"]["state"], "unknown", "{status}");
    card.toggle_removed();
    next("card_removed");
    // and again: each insertion is read once
    card.toggle_removed();
    next("card_inserted");
    next("status");
    assert!(lines.recv_timeout(Duration::from_millis(500)).is_err(), "an extra line after one status");
    let _ = child.kill();
    let _ = child.wait();

    let verifies = card.apdus().iter().filter(|l| l.contains("APDU 00 20 ")).count();
    assert_eq!(verifies, 0, "watch sent a VERIFY to a Siemens card:\n{}", card.log_text());
    assert_eq!(card.state().pin_tries_left(), 3);
}

/// `watch` in text mode with the 2025 applet card: the status line of the inserted card says
/// everything `status` says, in the same words, and no try is spent.
#[test]
fn watch_text_on_the_applet_card_says_what_status_says() {
    let Some(rig) = rig("watch_text_on_the_applet_card_says_what_status_says") else { return };
    let card = rig.card(CardOpts::new(QuirkMode::Applet2025));
    let status = card.cli("status", &[]);
    assert_eq!(status.code, 0, "{status}");
    card.toggle_removed();
    rig.wait_presence(card.reader(), None);

    let mut c = rig.client(rig.bin("cns-manager"));
    c.args(["watch", "--reader", card.reader()])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null());
    let mut child = c.spawn().unwrap();
    let lines = lines_of(child.stdout.take().unwrap());
    let next = || lines.recv_timeout(LINE_WAIT).unwrap_or_else(|e| panic!("no line: {e}"));
    let first = next();
    assert!(first.ends_with(&format!("{}: Lettore collegato", card.reader())), "{first}");
    card.toggle_removed();
    let inserted = next();
    assert!(inserted.ends_with("Tessera inserita"), "{inserted}");
    let line = next();
    let _ = child.kill();
    let _ = child.wait();
    for want in status.stdout.lines().skip(1).map(str::trim) {
        assert!(line.contains(want), "{want:?} missing from the watch line:\n{line}\nstatus:\n{status}");
    }
    assert!(
        line.contains("TS-CNS 2025") && line.contains("Certificato") && line.contains("Nato/a il"),
        "{line}"
    );
    assert_eq!(card.state().pin_tries_left(), 3);
    assert_eq!(pin_verifies(&card.apdus()), 0);
}

#[test]
fn watch_without_the_service_fails_like_readers() {
    let Some(rig) = rig("watch_without_the_service_fails_like_readers") else { return };
    let mut c = rig.client(rig.bin("cns-manager"));
    c.env("PCSCLITE_CSOCK_NAME", "/nonexistent/pcscd.comm").args(["watch", "--json"]);
    let r = cns_tests::rig::run(c, None, Duration::from_secs(10));
    let mut c = rig.client(rig.bin("cns-manager"));
    c.env("PCSCLITE_CSOCK_NAME", "/nonexistent/pcscd.comm").args(["readers", "--json"]);
    let readers = cns_tests::rig::run(c, None, Duration::from_secs(10));
    assert_ne!(r.code, 0, "{r}");
    assert_eq!(r.code, readers.code, "watch: {r}\nreaders: {readers}");
    assert_eq!(r.json()["error"]["kind"], readers.json()["error"]["kind"], "{r}");
}
