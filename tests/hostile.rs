//! Hostile cards (cns-sim's `hostile` module) against cns-core's operations, in process: every
//! card that answers like a broken or malicious one ends in a bounded number of commands, with
//! bounded data and a clear error (or, where the lie is harmless, the card's true contents) —
//! never a panic, never a hang, and never a PIN command sent to a card that could not be read.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::mpsc;
use std::time::Duration;

use cns_core::apdu::{ExchangeError, StatusWord};
use cns_core::card::{self, CardError, CardStatus};
use cns_core::flow::Operation;
use cns_core::{Command, TransportError};
use cns_sim::{Hostility, QuirkMode, SimCard, SimHandle};
use zeroize::Zeroizing;

const SERIAL: &str = "6090104237815004";
/// Far more than any operation needs on an honest card (status takes ~12), far fewer than a
/// loop that is not bounded would send.
const MAX_COMMANDS: u64 = 200;

fn hostile(h: Hostility, mode: QuirkMode) -> SimHandle {
    let mut card = SimCard::with_mode(mode);
    card.quirks_mut().hostile = Some(h);
    SimHandle::new(card)
}

/// Runs `f` on a thread and fails the test if it does not end within 60 s (a hang: a loaded
/// machine must not pass for one) or panics.
fn bounded<T: Send + 'static>(what: &str, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    let t = std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    match rx.recv_timeout(Duration::from_secs(60)) {
        Ok(v) => v,
        Err(_) => {
            assert!(t.is_finished(), "{what}: still running after 60 s (a hang)");
            panic!("{what}: panicked");
        }
    }
}

fn status(h: &SimHandle) -> Result<CardStatus, CardError> {
    let handle = h.clone();
    bounded("status", move || card::read_status(&mut handle.transport()))
}

fn verifies_with_data(h: &SimHandle) -> usize {
    h.command_log().iter().filter(|c| c.header[1] == 0x20 && c.lc.is_some()).count()
}

/// A VERIFY of the default PIN through `pin_operation`, as the front ends do it.
fn try_verify(h: &SimHandle) -> Result<Option<StatusWord>, card::PinOpError> {
    let handle = h.clone();
    bounded("verify", move || {
        card::pin_operation(&mut handle.transport(), Operation::VerifyPin, |ctx| {
            Command::with_secret(0, 0x20, 0, ctx.pin_ref, Zeroizing::new(b"12345\xFF\xFF\xFF".to_vec())).ok()
        })
    })
}

/// What the status read of each hostile card must end in.
fn check_status(h: Hostility, mode: QuirkMode, r: &Result<CardStatus, CardError>) {
    let ctx = format!("{h} over {mode}");
    match h {
        // The lie is only a hint, or extra bytes beyond what was asked: the true card shows.
        Hostility::FciLies | Hostility::ReadOverflow => {
            let s = r.as_ref().unwrap_or_else(|e| panic!("{ctx}: {e:?}"));
            assert_eq!(s.id.serial, SERIAL, "{ctx}");
            assert_eq!(s.personal.as_ref().unwrap().surname, "BIANCHI", "{ctx}");
            assert_eq!(s.certificate.as_ref().unwrap().key.bits, 2048, "{ctx}");
            assert!(s.certificate_der.as_ref().unwrap().len() <= 2048, "{ctx}");
        }
        // The card is recognised by its serial; the files it fills with nonsense are "not
        // readable", each on its own, with the reason.
        Hostility::RandomFiles | Hostility::HugeLengths => {
            let s = r.as_ref().unwrap_or_else(|e| panic!("{ctx}: {e:?}"));
            assert_eq!(s.id.serial, SERIAL, "{ctx}");
            assert!(s.personal.is_err(), "{ctx}: personal data parsed from nonsense");
            assert!(s.certificate.is_err(), "{ctx}: certificate parsed from nonsense");
            assert!(s.personal_raw.len() <= 400, "{ctx}: {} bytes kept", s.personal_raw.len());
            assert!(s.certificate_der.as_ref().is_none_or(|d| d.len() <= 2048), "{ctx}");
        }
        Hostility::Endless61 => assert!(
            matches!(r, Err(CardError::Exchange(ExchangeError::EndlessResponse))),
            "{ctx}: {:?}",
            r.as_ref().err()
        ),
        Hostility::Endless6C => assert!(
            matches!(r, Err(CardError::Status { sw: StatusWord::WrongLe(_), .. })),
            "{ctx}: {:?}",
            r.as_ref().err()
        ),
        Hostility::OddStatus => assert!(
            matches!(r, Err(CardError::Status { sw: StatusWord::Unknown(_), .. })),
            "{ctx}: {:?}",
            r.as_ref().err()
        ),
        Hostility::LongAtr => {
            assert!(matches!(r, Err(CardError::BadAtr(_))), "{ctx}: {:?}", r.as_ref().err())
        }
    }
}

#[test]
fn every_hostile_card_ends_bounded_with_a_clear_answer() {
    for &mode in [QuirkMode::Standard, QuirkMode::Idemia, QuirkMode::Applet2025].iter() {
        for &h in Hostility::all() {
            let handle = hostile(h, mode);
            let r = status(&handle);
            if mode == QuirkMode::Standard {
                check_status(h, mode, &r);
            } else if let Err(e) = &r {
                // other families: never a transport problem, only a card that cannot be read
                assert!(!matches!(e, CardError::Transport(_)), "{h} over {mode}: {e:?}");
            }
            let n = handle.commands_received();
            assert!(n <= MAX_COMMANDS, "{h} over {mode}: status sent {n} commands");
            if h == Hostility::LongAtr {
                assert_eq!(n, 0, "{h}: nothing may be sent to a card with an invalid ATR");
            }
            // the certificate alone
            let hd = handle.clone();
            let cert = bounded("read_certificate", move || card::read_certificate(&mut hd.transport()));
            if let Ok(der) = &cert {
                assert!(der.len() <= 2048, "{h} over {mode}: {} bytes", der.len());
            }
        }
    }
}

#[test]
fn no_pin_reaches_a_card_that_could_not_be_read() {
    for &h in Hostility::all() {
        let handle = hostile(h, QuirkMode::Standard);
        let readable = status(&handle).is_ok();
        handle.clear_log();
        let r = try_verify(&handle);
        let sent = verifies_with_data(&handle);
        assert!(sent <= 1, "{h}: the PIN went out {sent} times");
        if readable {
            continue;
        }
        let e = r.expect_err(&format!("{h}: a PIN operation on an unreadable card succeeded"));
        assert!(!e.command_sent, "{h}: {e:?}");
        assert_eq!(sent, 0, "{h}: a PIN went to a card that could not be read");
        // tries untouched
        assert_eq!(handle.card().pin_tries_left(), 3, "{h}");
    }
}

#[test]
fn a_card_removed_after_hostile_answers_is_a_removal() {
    // the bounds do not turn a real removal into "unreadable"
    let mut card = SimCard::with_mode(QuirkMode::Standard);
    card.quirks_mut().hostile = Some(Hostility::Endless61);
    card.quirks_mut().remove_after_commands = Some(10);
    let handle = SimHandle::new(card);
    let r = status(&handle);
    assert!(matches!(r, Err(CardError::Transport(TransportError::CardRemoved))), "{:?}", r.err());
}
