//! End-to-end faults through a real pcscd (see `support/rig.rs`): hostile cards in a vpcd
//! reader, and the built `cns-manager` CLI against them. Every card that answers nonsense gets
//! an answer within seconds — never a panic (exit 101), never a hang — and a card that cannot be
//! read is "tessera non leggibile" with the technical detail; no PIN ever reaches it.
//!
//! Skipped unless `CNS_PCSCD_TESTS` is set (`scripts/test.sh` sets it).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::time::Duration;

use cns_sim::{Hostility, QuirkMode};
use cns_tests::rig::{CardOpts, Run, lines_of, rig};

const SERIAL: &str = "6090104237815004";

/// How long a run may take to end after a removal or a lost service. On an idle machine these
/// runs end within 2 s of the event (pcscd polls its readers every 400 ms, cns-pcsc waits 1.5 s
/// at most for it; the slowest is printed), but on a loaded one a debug build's start and
/// pcscd's poll can come late. What must fail is a run that hangs or waits for something else,
/// the 5 s wait for a busy card first: the bound sits between the two, with the margin on the
/// side of the load.
const PROMPT: Duration = Duration::from_secs(4);
/// A run that has not ended by now hangs (the runs themselves are killed at 30 s).
const HANG: Duration = Duration::from_secs(25);

fn pin_verifies(apdus: &[String]) -> usize {
    apdus.iter().filter(|l| l.contains("APDU 00 20 00 ") && l.contains("Lc=")).count()
}

/// No panic, no hang, and (when it failed) the user's words and the technical detail.
fn sane(h: Hostility, what: &str, r: &Run) {
    assert_ne!(r.code, 101, "{h} {what}: panicked: {r}");
    assert!(r.elapsed < HANG, "{h} {what}: took {:?}: {r}", r.elapsed);
    assert!(!r.stderr.contains("panicked"), "{h} {what}: {r}");
}

fn unreadable(h: Hostility, what: &str, r: &Run) {
    sane(h, what, r);
    assert_eq!(r.code, 1, "{h} {what}: {r}");
    assert!(r.stderr.contains("Tessera non leggibile"), "{h} {what}: {r}");
    assert!(r.stderr.contains("dettaglio tecnico"), "{h} {what}: {r}");
}

fn hostile_card_through_the_cli(h: Hostility) {
    let Some(rig) = rig(&format!("hostile_{h}")) else { return };
    let card = rig.card(CardOpts::standard().hostile(h));
    let dir = card.dir().to_path_buf();
    let out = dir.join("cert.der");
    let status = card.cli("status", &[]);
    let json = card.cli("status", &["--json"]);
    let export = card.cli("export-cert", &["--out", out.to_str().unwrap()]);
    let verify = card.cli_stdin("verify-pin", &["--stdin"], Some("12345\n"));
    for (what, r) in
        [("status", &status), ("status --json", &json), ("export-cert", &export), ("verify-pin", &verify)]
    {
        sane(h, what, r);
    }
    match h {
        // harmless lies: the true card
        Hostility::FciLies => {
            assert_eq!(json.code, 0, "{h}: {json}");
            assert_eq!(json.json()["card"]["serial"], SERIAL, "{json}");
            assert_eq!(json.json()["holder"]["surname"], "BIANCHI", "{json}");
            assert_eq!(export.code, 0, "{h}: {export}");
            assert_eq!(verify.code, 0, "{h}: {verify}");
        }
        // recognised by its serial; the nonsense files are "not readable" on their own
        Hostility::RandomFiles | Hostility::HugeLengths => {
            assert_eq!(json.code, 0, "{h}: {json}");
            assert_eq!(json.json()["card"]["serial"], SERIAL, "{json}");
            assert!(status.stdout.contains("non leggibil"), "{h}: {status}");
            assert_eq!(export.code, 1, "{h}: {export}");
            assert!(!out.exists(), "{h}: a certificate file was written from nonsense");
            assert_eq!(verify.code, 0, "{h}: {verify}");
        }
        // (read-overflow: pcscd's short-APDU buffer refuses the 4 KiB answer; in process the
        // extra bytes are cut, see tests/hostile.rs)
        Hostility::ReadOverflow | Hostility::Endless61 | Hostility::Endless6C | Hostility::OddStatus => {
            unreadable(h, "status", &status);
            assert_eq!(json.json()["error"]["kind"], "card_unreadable", "{json}");
            assert_eq!(json.code, 1, "{json}");
            unreadable(h, "export-cert", &export);
            unreadable(h, "verify-pin", &verify);
            assert!(!out.exists());
        }
        // pcscd does not power it (its ATR buffer holds 33 bytes): a card that does not answer
        // (in process, where the ATR arrives whole, cns-core refuses it: tests/hostile.rs)
        Hostility::LongAtr => {
            for (what, r) in [("status", &status), ("verify-pin", &verify), ("export-cert", &export)] {
                assert_eq!(r.code, 1, "{h} {what}: {r}");
                assert!(r.stderr.contains("La tessera non risponde"), "{h} {what}: {r}");
            }
        }
    }
    // whatever it answered, no try was spent and no PIN reached a card that could not be read
    let s = card.state();
    assert_eq!(s.pin_tries_left(), 3, "{h}");
    if verify.code != 0 {
        assert_eq!(pin_verifies(&card.apdus()), 0, "{h}: a PIN reached the card:\n{}", card.log_text());
    }
}

#[test]
fn hostile_fci_lies() {
    hostile_card_through_the_cli(Hostility::FciLies);
}

#[test]
fn hostile_read_overflow() {
    hostile_card_through_the_cli(Hostility::ReadOverflow);
}

#[test]
fn hostile_endless_61() {
    hostile_card_through_the_cli(Hostility::Endless61);
}

#[test]
fn hostile_endless_6c() {
    hostile_card_through_the_cli(Hostility::Endless6C);
}

#[test]
fn hostile_random_files() {
    hostile_card_through_the_cli(Hostility::RandomFiles);
}

#[test]
fn hostile_huge_lengths() {
    hostile_card_through_the_cli(Hostility::HugeLengths);
}

#[test]
fn hostile_odd_status() {
    hostile_card_through_the_cli(Hostility::OddStatus);
}

#[test]
fn hostile_long_atr() {
    hostile_card_through_the_cli(Hostility::LongAtr);
}

#[test]
fn the_mode_still_matters_under_hostility() {
    // an IDEMIA card (61xx delivery) whose chain never ends: bounded too
    let Some(rig) = rig("hostile_idemia_endless_61") else { return };
    let card = rig.card(CardOpts::new(QuirkMode::Idemia).hostile(Hostility::Endless61));
    let r = card.cli("status", &[]);
    unreadable(Hostility::Endless61, "status (idemia)", &r);
}

// ---------------------------------------------------------------------------------------------
// The fault matrix through pcscd: the card pulled out at every APDU index of each operation

/// APDUs of each operation on the standard card through the CLI (as `flows.rs` budgets them).
/// A PIN operation: SELECT, READ, the counter, the command (index 3). `sign`: the status read
/// (14), the re-read before the PIN (SELECT, READ, counter), the VERIFY with the PIN (index 17),
/// MSE, MSE, PSO.
const COST: [(&str, usize); 6] =
    [("status", 14), ("export-cert", 8), ("verify-pin", 4), ("change-pin", 4), ("unblock", 4), ("sign", 21)];

/// The index of the APDU that carries the PIN or PUK, for the operations that send one.
fn pin_index(op: &str) -> Option<usize> {
    match op {
        "verify-pin" | "change-pin" | "unblock" => Some(3),
        "sign" => Some(17),
        _ => None,
    }
}

fn matrix(op: &str) {
    let Some(rig) = rig(&format!("matrix_{op}")) else { return };
    let cost = COST.iter().find(|(o, _)| *o == op).unwrap().1;
    let is_pin = pin_index(op).is_some();
    let stdin = match op {
        "verify-pin" | "sign" => Some("12345\n"),
        "change-pin" => Some("12345\n24680\n"),
        "unblock" => Some("12345678\n24680\n"),
        _ => None,
    };
    let mut slowest = Duration::ZERO;
    for n in 0..cost {
        let cell = format!("{op} removed at APDU index {n} of {cost}");
        let card = rig.card(CardOpts::standard().remove_after(u32::try_from(n).unwrap()));
        let out = card.dir().join("cert.der");
        let doc = card.dir().join("contratto.pdf");
        std::fs::write(&doc, b"%PDF-1.7 contratto di prova\n").unwrap();
        let r = match op {
            "export-cert" => card.cli("export-cert", &["--out", out.to_str().unwrap()]),
            "sign" => card.cli_stdin(op, &[doc.to_str().unwrap(), "--stdin"], stdin),
            _ if is_pin => card.cli_stdin(op, &["--stdin"], stdin),
            _ => card.cli(op, &[]),
        };
        slowest = slowest.max(r.elapsed);
        assert!(matches!(r.code, 1 | 6), "{cell}: {r}");
        // the whole run, removal included, prompt
        assert!(r.elapsed < PROMPT, "{cell}: took {:?}: {r}", r.elapsed);
        assert!(r.stderr.contains("rimossa") || r.stderr.contains("Nessuna tessera"), "{cell}: {r}");
        let hint = "controlla con «cns-manager status»";
        // (after an accepted PIN a lost MSE or PSO is a failed signature, not a try in doubt)
        let lost_the_pin = pin_index(op) == Some(n);
        if lost_the_pin {
            assert!(
                r.stderr.contains("Non è possibile sapere se il tentativo è stato conteggiato"),
                "{cell}: {r}"
            );
        } else {
            assert!(!r.stderr.contains("tentativo è stato conteggiato"), "{cell}: {r}");
        }
        assert!(!lost_the_pin || r.stderr.contains(hint), "{cell}: {r}");
        assert!(r.stdout.is_empty(), "{cell}: printed a result: {r}");
        assert!(!out.exists(), "{cell}: wrote a certificate");
        // no signed file, and no temporary one left beside it: only the document and the card's files
        let left: Vec<String> = std::fs::read_dir(card.dir())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|f| f.starts_with("contratto") && f != "contratto.pdf")
            .collect();
        assert!(left.is_empty(), "{cell}: left {left:?}");
        // nothing retried: the lost command was the last one the card saw
        let apdus = card.apdus();
        assert!(apdus.len() <= n + 1, "{cell}: {} APDUs:\n{}", apdus.len(), card.log_text());
        assert!(pin_verifies(&apdus) <= 1, "{cell}: the PIN went twice");
        // the lost command never reached the card: no try moved
        let s = card.state();
        assert_eq!((s.pin_tries_left(), s.puk_tries_left()), (3, 8), "{cell}");
        assert!(s.pin_is("12345"), "{cell}: the PIN changed");
    }
    eprintln!("matrix {op}: {cost} cells, slowest {slowest:?}");
}

#[test]
fn matrix_status() {
    matrix("status");
}

#[test]
fn matrix_export_cert() {
    matrix("export-cert");
}

#[test]
fn matrix_verify_pin() {
    matrix("verify-pin");
}

#[test]
fn matrix_change_pin() {
    matrix("change-pin");
}

#[test]
fn matrix_unblock() {
    matrix("unblock");
}

#[test]
fn matrix_sign() {
    matrix("sign");
}

// ---------------------------------------------------------------------------------------------
// Another program holding the card

#[test]
fn another_program_holding_the_card_exclusively() {
    let Some(rig) = rig("another_program_holding_the_card_exclusively") else { return };
    let card = rig.card(CardOpts::standard());
    // (held until let go below: a guessed time would end under load before both runs did)
    let holder = rig.hold(card.reader(), "exclusive", 600);
    for (op, stdin) in [("status", None), ("verify-pin", Some("12345\n"))] {
        let r = card.cli_stdin(
            op,
            &["--stdin"].into_iter().filter(|_| stdin.is_some()).collect::<Vec<_>>(),
            stdin,
        );
        assert_eq!(r.code, 1, "{op}: {r}");
        assert!(r.stderr.contains("Un altro programma sta usando la tessera"), "{op}: {r}");
        assert!(r.elapsed < Duration::from_secs(5), "{op}: took {:?}", r.elapsed);
    }
    assert_eq!(pin_verifies(&card.apdus()), 0, "a PIN went to a card another program held");
    holder.let_go();
    // once it lets go, the card works again
    let r = card.cli("status", &["--json"]);
    assert_eq!(r.code, 0, "{r}");
}

/// Another program inside a long transaction (a browser's PKCS#11 module, a signing tool):
/// pcsc-lite makes SCardConnect and SCardBeginTransaction wait, with no timeout, for as long as
/// it lasts. cns-pcsc waits for it on a helper thread, at most `CNS_CARD_WAIT_SECS` (default 5 s),
/// then the CLI names the problem (distinct from an exclusive connection) and exits 1, having
/// sent nothing to the card; a short transaction is simply waited out.
#[test]
fn another_program_in_a_long_transaction() {
    let Some(rig) = rig("another_program_in_a_long_transaction") else { return };
    let card = rig.card(CardOpts::standard());
    let busy_it = "Un altro programma sta lavorando con la tessera";
    let before = card.apdus().len();
    // longer than the test: before the bounded wait, status hung here until killed at 30 s
    let holder = rig.hold(card.reader(), "transaction", 600);

    // the default bound
    let r = card.cli("status", &[]);
    assert_eq!(r.code, 1, "{r}");
    assert!(r.stderr.contains(busy_it), "{r}");
    assert!(r.stderr.contains("Nulla è stato inviato alla tessera"), "{r}");
    assert!(!r.stderr.contains("sta usando la tessera"), "the exclusive-connection message: {r}");
    assert!(r.stdout.is_empty(), "{r}");
    // it did wait the 5 s (a wait can only be longer), and not for the other program's 120 s
    assert!(r.elapsed >= Duration::from_secs(5), "gave up after {:?}: {r}", r.elapsed);
    assert!(r.elapsed < Duration::from_secs(15), "waited {:?}: {r}", r.elapsed);

    // a PIN operation, with the bound set to 1 s, in English and JSON: the same, and no PIN sent
    let mut c = rig.client(rig.bin("cns-manager"));
    c.args(["verify-pin", "--reader", card.reader(), "--stdin", "--json", "--lang", "en"])
        .env("CNS_CARD_WAIT_SECS", "1");
    let r = cns_tests::rig::run(c, Some("12345\n"), Duration::from_secs(30));
    assert_eq!(r.code, 1, "{r}");
    let j = r.json();
    assert_eq!(j["error"]["kind"], "card_busy", "{r}");
    let msg = j["error"]["message"].as_str().unwrap_or_default();
    assert!(msg.contains("Another program is working with the card"), "{r}");
    assert!(r.elapsed < Duration::from_secs(5), "the 1 s bound was not used: {:?}: {r}", r.elapsed);

    // nothing at all reached the card while the other program held it
    assert_eq!(
        card.apdus().len(),
        before,
        "APDUs sent to a card held by another program:\n{}",
        card.log_text()
    );
    holder.let_go();

    // a transaction shorter than the bound is waited out, and the operation goes on
    let holder = rig.hold(card.reader(), "transaction", 2);
    let r = card.cli("status", &["--json"]);
    holder.wait();
    assert_eq!(r.code, 0, "{r}");
    assert_eq!(r.json()["card"]["serial"], SERIAL, "{r}");
    let s = card.state();
    assert_eq!((s.pin_tries_left(), s.puk_tries_left()), (3, 8));
}

/// `watch --json` while the card leaves during the status read it makes of each inserted card,
/// at every APDU index: a `status_error` naming the removal and a `card_removed` event, each
/// within 2 s, never a status printed for a card that went away, and the watch goes on.
#[test]
fn matrix_watch() {
    let Some(rig) = rig("matrix_watch") else { return };
    let cost = COST[0].1;
    for n in 0..cost {
        let cell = format!("watch, removed at APDU index {n} of {cost}");
        let card = rig.card(CardOpts::standard().remove_after(u32::try_from(n).unwrap()));
        card.toggle_removed();
        rig.wait_presence(card.reader(), None);
        let mut c = rig.client(rig.bin("cns-manager"));
        c.args(["watch", "--json", "--reader", card.reader()])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null());
        let mut child = c.spawn().unwrap();
        let lines = lines_of(child.stdout.take().unwrap());
        let next = |what: &str, within: Duration| -> serde_json::Value {
            let line = lines.recv_timeout(within).unwrap_or_else(|e| panic!("{cell}: no {what} line: {e}"));
            let v: serde_json::Value =
                serde_json::from_str(&line).unwrap_or_else(|e| panic!("{cell}: not JSON ({e}): {line}"));
            assert_eq!(v["event"], what, "{cell}: {v}");
            v
        };
        next("reader_added", HANG);
        card.toggle_removed();
        next("card_inserted", HANG);
        let t0 = std::time::Instant::now();
        let e = next("status_error", PROMPT);
        assert!(matches!(e["exit_code"].as_u64(), Some(1 | 6)), "{cell}: {e}");
        let msg = e["error"]["message"].as_str().unwrap_or_default().to_owned() + &e["error"].to_string();
        assert!(
            msg.contains("rimossa") || msg.contains("Nessuna tessera") || msg.contains("removed"),
            "{cell}: {e}"
        );
        next("card_removed", PROMPT);
        assert!(t0.elapsed() < PROMPT, "{cell}: {:?}", t0.elapsed());
        assert!(child.try_wait().unwrap().is_none(), "{cell}: watch stopped");
        let _ = child.kill();
        let _ = child.wait();
        let s = card.state();
        assert_eq!((s.pin_tries_left(), s.puk_tries_left()), (3, 8), "{cell}");
    }
}

// ---------------------------------------------------------------------------------------------
// The smart card service and the card's connection going away in the middle of an operation

/// Starts `cns-manager OP --reader R ARGS` in the background; the thread gives back the run and
/// the instant it ended.
fn in_background(
    rig: &'static cns_tests::rig::Rig,
    args: Vec<String>,
    stdin: Option<&'static str>,
) -> std::thread::JoinHandle<(cns_tests::rig::Run, std::time::Instant)> {
    let mut c = rig.client(rig.bin("cns-manager"));
    c.args(&args);
    std::thread::spawn(move || {
        let r = cns_tests::rig::run(c, stdin, Duration::from_secs(30));
        (r, std::time::Instant::now())
    })
}

/// pcscd killed (SIGKILL) while the CLI waits for the card's answer to an APDU in the middle of
/// `status` and of `verify-pin` (at the VERIFY itself), then started again: the CLI ends within
/// 2 s of the kill with exit 1 and a message that names the smart card service (and, for the
/// PIN, that the try may have been counted); nothing is retried; once the service is back, the
/// same card reads again with its true counters. On the second pcscd (the one tests may stop).
#[test]
fn pcscd_killed_in_the_middle_of_an_operation() {
    let Some((rig, _turn)) = cns_tests::rig::service_rig("pcscd_killed_in_the_middle_of_an_operation") else {
        return;
    };
    // status: SELECTs and READ BINARYs, hung at the 6th; verify-pin: hung at the VERIFY (4th:
    // SELECT, READ, the counter, the VERIFY)
    for (op, stdin, stall) in [("status", None, 5u32), ("verify-pin", Some("12345\n"), 3)] {
        let card = rig.card(CardOpts::standard().stall_after(stall));
        let mut args = vec![op.to_owned(), "--reader".into(), card.reader().to_owned()];
        if stdin.is_some() {
            args.push("--stdin".into());
        }
        let cli = in_background(rig, args, stdin);
        card.wait_log("stalled at APDU", HANG);
        let killed = std::time::Instant::now();
        rig.kill_service();
        let (r, ended) = cli.join().unwrap();
        let after = ended.saturating_duration_since(killed);
        eprintln!("pcscd killed during {op}: the CLI ended {after:?} later");
        assert!(after < PROMPT, "{op}: ended {after:?} after pcscd was killed: {r}");
        assert_eq!(r.code, 1, "{op}: {r}");
        assert!(
            r.stderr.contains("Il servizio smart card (pcscd) si è interrotto durante l'operazione"),
            "{op}: {r}"
        );
        assert!(r.stdout.is_empty(), "{op}: {r}");
        let hint = r.stderr.contains("Non è possibile sapere se il tentativo è stato conteggiato");
        assert_eq!(hint, op == "verify-pin", "{op}: the may-have-been-counted hint: {r}");
        // the hung command was the last one sent: nothing after it, no PIN twice
        let apdus = card.apdus();
        assert_eq!(apdus.len(), stall as usize, "{op}:\n{}", card.log_text());
        assert_eq!(pin_verifies(&apdus), 0, "{op}: the hung VERIFY was never answered");

        // the service comes back; the card (taken out of its hang and put back) reads again
        rig.start_service();
        card.toggle_removed();
        // (two signals sent at once may arrive as one)
        card.wait_log("SIGUSR1: card removed", HANG);
        card.toggle_removed();
        let t0 = std::time::Instant::now();
        while !rig.reader_state(card.reader()).is_some_and(|s| s["card_present"] == true) {
            assert!(t0.elapsed() < HANG, "{op}: the card did not come back:\n{}", card.log_text());
            std::thread::sleep(Duration::from_millis(50));
        }
        let r = card.cli("status", &["--json"]);
        assert_eq!(r.code, 0, "{op}: after the restart: {r}");
        assert_eq!(r.json()["pin"]["tries_left"], 3, "{op}: {r}");
        let s = card.state();
        assert_eq!((s.pin_tries_left(), s.puk_tries_left()), (3, 8), "{op}");
    }
}

/// The card's side of the reader connection dropping without a word (the card process killed
/// with SIGKILL while the CLI waits for an answer; vpcd then loses its card, as with a reader
/// whose card contact is lost): within 2 s, exit 1 and the removal message, for `status` and at
/// the VERIFY of `verify-pin`. (vpcd's readers are configured in pcscd, not hot-plugged: a reader
/// itself vanishing cannot be made with this rig; its error, SCARD_E_READER_UNAVAILABLE, maps to
/// "no reader" in cns-pcsc's unit tests.)
#[test]
fn the_card_connection_dropping_in_the_middle_of_an_operation() {
    let Some(rig) = rig("the_card_connection_dropping_in_the_middle_of_an_operation") else { return };
    // verify-pin: hung at the VERIFY, its 4th APDU
    for (op, stdin, stall) in [("status", None, 5u32), ("verify-pin", Some("12345\n"), 3)] {
        let mut card = rig.card(CardOpts::standard().stall_after(stall));
        let mut args = vec![op.to_owned(), "--reader".into(), card.reader().to_owned()];
        if stdin.is_some() {
            args.push("--stdin".into());
        }
        let cli = in_background(rig, args, stdin);
        card.wait_log("stalled at APDU", HANG);
        let state = card.state();
        let killed = std::time::Instant::now();
        card.kill();
        let (r, ended) = cli.join().unwrap();
        let after = ended.saturating_duration_since(killed);
        eprintln!("card dropped during {op}: the CLI ended {after:?} later, exit {}", r.code);
        assert!(after < PROMPT, "{op}: ended {after:?} after the card dropped: {r}");
        assert_eq!(r.code, 1, "{op}: {r}");
        assert!(r.stderr.contains("rimossa") || r.stderr.contains("Nessuna tessera"), "{op}: {r}");
        assert!(r.stdout.is_empty(), "{op}: {r}");
        let hint = r.stderr.contains("Non è possibile sapere se il tentativo è stato conteggiato");
        assert_eq!(hint, op == "verify-pin", "{op}: {r}");
        assert_eq!(state.pin_tries_left(), 3, "{op}");
    }
}
