//! The fault matrix, in process: for every operation and every card family, the card is pulled
//! out at every APDU index N of the operation (the card answers N commands, the one at index N
//! finds no card; N = 0: gone before the operation). Each cell must end as a removal, at once, with "may have been counted" exactly when the
//! PIN command was the one lost, nothing retried, no PIN sent twice; and after re-insertion the
//! status shows the card's true counters. (The same through pcscd and the CLI's words:
//! `e2e_faults.rs`.)
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::time::{Duration, Instant};

use cns_core::card::{self, CardError, PinOpError};
use cns_core::flow::Operation;
use cns_core::{Command, Pin, PinState, TransportError, commands};
use cns_sim::{QuirkMode, SimCard, SimHandle};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Status,
    ExportCert,
    Verify,
    Change,
    Unblock,
    /// VERIFY then MSE RESTORE, MSE SET, PSO COMPUTE DIGITAL SIGNATURE in one session.
    Sign,
}

const OPS: [Op; 6] = [Op::Status, Op::ExportCert, Op::Verify, Op::Change, Op::Unblock, Op::Sign];

/// A SHA-256 DigestInfo (of 32 zero bytes: the card signs whatever it is given).
fn digest_info() -> Vec<u8> {
    let mut d = vec![
        0x30, 0x31, 0x30, 0x0D, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00,
        0x04, 0x20,
    ];
    d.extend_from_slice(&[0u8; 32]);
    d
}

fn pin(s: &str) -> Pin {
    Pin::new(s).unwrap()
}

/// Runs `op` once; `Err((error, command_sent))` on failure.
fn run(h: &SimHandle, op: Op) -> Result<(), (CardError, bool)> {
    let mut t = h.transport();
    let pin_op = |t: &mut cns_sim::SimTransport, o: Operation, build: &dyn Fn(u8) -> Command| {
        card::pin_operation(t, o, |ctx| Some(build(ctx.pin_ref)))
            .map(|_| ())
            .map_err(|PinOpError { error, command_sent }| (error, command_sent))
    };
    match op {
        Op::Status => card::read_status(&mut t).map(|_| ()).map_err(|e| (e, false)),
        Op::ExportCert => card::read_certificate(&mut t).map(|_| ()).map_err(|e| (e, false)),
        Op::Verify => pin_op(&mut t, Operation::VerifyPin, &|r| commands::verify(r, &pin("12345"))),
        Op::Change => pin_op(&mut t, Operation::ChangePin, &|r| {
            commands::change_reference_data(r, &pin("12345"), &pin("24680"))
        }),
        Op::Unblock => pin_op(&mut t, Operation::UnblockPin, &|r| {
            commands::reset_retry_counter(r, &pin("12345678"), &pin("24680"))
        }),
        // after an accepted PIN the try is settled: a removal then is a failed signature only
        Op::Sign => match card::sign_with_pin(
            &mut t,
            |ctx| Some(commands::verify(ctx.pin_ref, &pin("12345"))),
            &digest_info(),
        ) {
            Ok(Some(card::SignedWithPin { signature: Some(Ok(_)), .. })) => Ok(()),
            Ok(Some(card::SignedWithPin { signature: Some(Err(e)), .. })) => Err((e, false)),
            Ok(other) => panic!("sign: {other:?}"),
            Err(PinOpError { error, command_sent }) => Err((error, command_sent)),
        },
    }
}

fn pin_commands(h: &SimHandle) -> usize {
    h.command_log().iter().filter(|c| matches!(c.header[1], 0x20 | 0x24 | 0x2C) && c.lc.is_some()).count()
}

/// What status can say about a counter without spending a try, in this family.
fn shown(mode: QuirkMode, left: u8) -> PinState {
    match mode {
        QuirkMode::Siemens | QuirkMode::Legacy | QuirkMode::NoCount | QuirkMode::St2022 => PinState::Unknown,
        _ if left == 0 => PinState::Blocked,
        _ => PinState::TriesLeft { tries_left: left },
    }
}

#[test]
fn a_removal_at_every_apdu_of_every_operation() {
    let mut cells = 0;
    for &mode in QuirkMode::all() {
        for op in OPS {
            // the operation's length on this card, measured
            // every family signs (tests/sign.rs): a family that stops signing fails here instead
            // of quietly shrinking the matrix
            let h = SimHandle::new(SimCard::with_mode(mode));
            run(&h, op).unwrap_or_else(|e| panic!("{mode} {op:?} fails without a fault: {e:?}"));
            let cost = h.commands_received();
            // the APDU that carries the PIN, if any
            let pin_index = h
                .command_log()
                .iter()
                .position(|c| matches!(c.header[1], 0x20 | 0x24 | 0x2C) && c.lc.is_some());
            for n in 0..cost {
                // in process, the card answers command n and is gone: command n+1 (index n) is
                // lost; n = 0: it is gone before the operation starts
                let mut card = SimCard::with_mode(mode);
                if n > 0 {
                    card.quirks_mut().remove_after_commands = Some(u32::try_from(n).unwrap());
                }
                let h = SimHandle::new(card);
                if n == 0 {
                    h.remove();
                }
                let t0 = Instant::now();
                let r = run(&h, op);
                let took = t0.elapsed();
                let cell = format!("{mode} {op:?} removed at APDU index {n} of {cost}");
                let (e, sent) = r.expect_err(&format!("{cell}: succeeded"));
                // (in process the card answers at once: a bound that only a hang or a wait can break)
                assert!(took < Duration::from_secs(20), "{cell}: took {took:?}");
                assert!(
                    matches!(e, CardError::Transport(TransportError::CardRemoved | TransportError::NoCard)),
                    "{cell}: {e:?}"
                );
                // the command that carries the PIN is the only one whose loss may have
                // cost a try; the user is told exactly then
                assert_eq!(sent, pin_index == Some(usize::try_from(n).unwrap()), "{cell}: command_sent");
                // nothing retried: the command that found no card was the last one tried
                assert_eq!(h.commands_received(), n, "{cell}: commands answered");
                assert!(pin_commands(&h) <= 1, "{cell}: PIN sent twice");
                let pin_left = h.card().pin_tries_left();
                let puk_left = h.card().puk_tries_left();
                // re-inserted (and no longer pulled): the status tells the truth
                h.card().quirks_mut().remove_after_commands = None;
                h.remove();
                h.insert();
                let s = card::read_status(&mut h.transport()).unwrap_or_else(|e| panic!("{cell}: {e:?}"));
                assert_eq!(s.pin, shown(mode, pin_left), "{cell}: PIN after re-insertion");
                if !matches!(
                    mode,
                    QuirkMode::Siemens | QuirkMode::Legacy | QuirkMode::NoCount | QuirkMode::St2022
                ) {
                    assert_eq!(s.puk, shown(mode, puk_left), "{cell}: PUK after re-insertion");
                }
                cells += 1;
            }
        }
    }
    println!("fault matrix: {cells} cells");
    // the sum of every operation's APDU count in every mode (the budgets tests/flows.rs asserts);
    // the README's Reliability section quotes it
    assert_eq!(cells, 410, "the matrix changed size: update the README's count if intended");
}
