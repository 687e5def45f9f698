//! The card operations of cns-core against the simulated TS-CNS, in every quirk mode: status
//! without spending a try, change PIN, wrong PIN counting down, blocked, unblock, PUK exhausted,
//! removal mid-read and mid-command.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use cns_core::card::{self, CardError};
use cns_core::cert::{Check, HashCheck};
use cns_core::flow::{Entry, Operation, Outcome};
use cns_core::{PinKind, PinState, TransportError};
use cns_sim::{HolderPreset, QuirkMode, SimCard, SimHandle};
use cns_tests::{Result_, act, new_flow, tries};

fn handle(mode: QuirkMode) -> SimHandle {
    SimHandle::new(SimCard::new(mode, HolderPreset::BianchiGiulia))
}

/// Whether the card family reports the tries left in its wrong-PIN answer.
fn counts(mode: QuirkMode) -> bool {
    mode != QuirkMode::NoCount
}

/// What status can say about the counters without spending a try.
fn status_pin(mode: QuirkMode, n: u8) -> PinState {
    match mode {
        // CardOS 4 masks: never asked (it could cost a try)
        QuirkMode::Siemens | QuirkMode::Legacy => PinState::Unknown,
        // answers 63 00 to the query: no number; an ATR with no historical bytes names no family
        QuirkMode::NoCount | QuirkMode::St2022 => PinState::Unknown,
        _ => tries(n),
    }
}

#[test]
fn status_reads_everything_and_spends_nothing_in_every_mode() {
    for &mode in QuirkMode::all() {
        let h = handle(mode);
        let mut t = h.transport();
        for _ in 0..3 {
            let s = card::read_status(&mut t).unwrap_or_else(|e| panic!("{mode}: {e:?}"));
            assert_eq!(s.id.serial, "6090104237815004", "{mode}");
            let pd = s.personal.as_ref().unwrap();
            assert_eq!(pd.surname, "BIANCHI", "{mode}");
            assert_eq!(pd.fiscal_code, "BNCGLI90E52D612W", "{mode}");
            assert!(matches!(s.fiscal_code, Some(Ok(_))), "{mode}");
            assert!(s.fiscal_code_mismatches.is_empty(), "{mode}");
            let cert = s.certificate.as_ref().unwrap();
            assert_eq!(cert.key.bits, 2048, "{mode}");
            assert_eq!(
                s.certificate_der.as_deref().map(|v| v.as_slice()),
                Some(h.card().certificate_der()),
                "{mode}"
            );
            let c = s.consistency.unwrap();
            assert_eq!(c.fiscal_code, Check::Match, "{mode}");
            assert_eq!(c.card_serial, Check::Match, "{mode}");
            assert_eq!(c.personal_data_hash, HashCheck::MatchesWithHeader, "{mode}");
            assert_eq!(s.pin, status_pin(mode, 3), "{mode}");
        }
        // the counters are untouched, including on the card that counts an empty VERIFY
        assert_eq!(h.card().pin_tries_left(), 3, "{mode}");
        assert_eq!(h.card().puk_tries_left(), 8, "{mode}");
    }
}

#[test]
fn change_pin_in_every_mode() {
    for &mode in QuirkMode::all() {
        let h = handle(mode);
        let mut t = h.transport();
        let mut f = new_flow(&mut t, Operation::ChangePin).unwrap();
        let r = act(&mut t, &mut f, Entry::Change { current: "12345", new: "24680", repeat: "24680" }, false);
        assert_eq!(r.unwrap(), Result_::Outcome(Outcome::Success), "{mode}");
        assert!(h.card().pin_is("24680"), "{mode}");
        assert!(!h.card().is_pin_verified(), "{mode}: the card must be reset after a PIN command");
    }
}

#[test]
fn wrong_pin_counts_down_then_blocks_then_unblocks_in_every_mode() {
    for &mode in QuirkMode::all() {
        let h = handle(mode);
        let mut t = h.transport();
        let mut f = new_flow(&mut t, Operation::VerifyPin).unwrap();
        let wrong =
            |left: u8| Outcome::Wrong { kind: PinKind::Pin, tries_left: counts(mode).then_some(left) };
        assert_eq!(
            act(&mut t, &mut f, Entry::Verify { pin: "11111" }, false).unwrap(),
            Result_::Outcome(wrong(2))
        );
        assert_eq!(h.card().pin_tries_left(), 2);
        assert_eq!(
            act(&mut t, &mut f, Entry::Verify { pin: "11111" }, false).unwrap(),
            Result_::Outcome(wrong(1))
        );
        if counts(mode) {
            // one try left and known: nothing goes out without the confirmation
            let before = h.commands_received();
            assert_eq!(
                act(&mut t, &mut f, Entry::Verify { pin: "11111" }, false).unwrap(),
                Result_::NeedsConfirmation
            );
            assert_eq!(h.commands_received(), before, "{mode}");
        }
        let third = act(&mut t, &mut f, Entry::Verify { pin: "11111" }, true).unwrap();
        let blocked = Outcome::Blocked { kind: PinKind::Pin };
        if counts(mode) {
            assert_eq!(third, Result_::Outcome(blocked), "{mode}");
        } else {
            assert_eq!(third, Result_::Outcome(wrong(0)), "{mode}");
        }
        assert_eq!(h.card().pin_tries_left(), 0, "{mode}");

        // status now says blocked (where it may ask), and a PIN attempt is refused locally or by the card
        let s = card::read_status(&mut t).unwrap();
        if status_pin(mode, 3) != PinState::Unknown {
            assert_eq!(s.pin, PinState::Blocked, "{mode}");
        }
        if s.pin == PinState::Blocked {
            let mut v = new_flow(&mut t, Operation::VerifyPin).unwrap();
            let before = h.commands_received();
            assert_eq!(act(&mut t, &mut v, Entry::Verify { pin: "12345" }, true).unwrap(), Result_::NotSent);
            assert_eq!(h.commands_received(), before, "{mode}: nothing sent for a known-blocked PIN");
        } else {
            let mut v = new_flow(&mut t, Operation::VerifyPin).unwrap();
            assert_eq!(
                act(&mut t, &mut v, Entry::Verify { pin: "12345" }, true).unwrap(),
                Result_::Outcome(blocked),
                "{mode}"
            );
        }

        let mut u = new_flow(&mut t, Operation::UnblockPin).unwrap();
        let r = act(&mut t, &mut u, Entry::Unblock { puk: "12345678", new: "13579", repeat: "13579" }, false);
        assert_eq!(r.unwrap(), Result_::Outcome(Outcome::Success), "{mode}");
        assert!(h.card().pin_is("13579"), "{mode}");
        assert_eq!(h.card().pin_tries_left(), 3, "{mode}");
        assert_eq!(h.card().puk_tries_left(), 8, "{mode}");
    }
}

#[test]
fn puk_exhausted_is_final_in_every_mode() {
    for &mode in QuirkMode::all() {
        let h = handle(mode);
        h.card().set_pin_tries(0, 3);
        let mut t = h.transport();
        let mut u = new_flow(&mut t, Operation::UnblockPin).unwrap();
        let mut last = None;
        for i in 0..8 {
            let r =
                act(&mut t, &mut u, Entry::Unblock { puk: "87654321", new: "13579", repeat: "13579" }, true);
            last = Some(r.unwrap());
            if counts(mode) && i < 7 {
                let left = 7 - i;
                assert_eq!(
                    last,
                    Some(Result_::Outcome(Outcome::Wrong { kind: PinKind::Puk, tries_left: Some(left) })),
                    "{mode} attempt {i}"
                );
            }
        }
        if counts(mode) {
            assert_eq!(last, Some(Result_::Outcome(Outcome::Blocked { kind: PinKind::Puk })), "{mode}");
        }
        assert_eq!(h.card().puk_tries_left(), 0, "{mode}");
        // the right PUK no longer helps
        let mut u = new_flow(&mut t, Operation::UnblockPin).unwrap();
        let r = act(&mut t, &mut u, Entry::Unblock { puk: "12345678", new: "13579", repeat: "13579" }, true)
            .unwrap();
        assert!(
            matches!(r, Result_::NotSent | Result_::Outcome(Outcome::Blocked { kind: PinKind::Puk })),
            "{mode}: {r:?}"
        );
        assert!(!h.card().pin_is("13579"), "{mode}");
    }
}

#[test]
fn removal_mid_read_is_a_clear_error_in_every_mode() {
    for &mode in QuirkMode::all() {
        let h = handle(mode);
        h.card().quirks_mut().remove_after_commands = Some(6);
        h.insert();
        let mut t = h.transport();
        match card::read_status(&mut t) {
            Err(CardError::Transport(TransportError::CardRemoved)) => {}
            other => panic!("{mode}: {other:?}"),
        }
        assert!(!h.is_present());
    }
}

#[test]
fn removal_before_the_pin_command_spends_nothing_and_says_interrupted() {
    let h = handle(QuirkMode::Standard);
    let mut t = h.transport();
    let mut f = new_flow(&mut t, Operation::ChangePin).unwrap();
    h.remove();
    let r = act(&mut t, &mut f, Entry::Change { current: "12345", new: "24680", repeat: "24680" }, false);
    assert!(
        matches!(r, Err(CardError::Transport(TransportError::NoCard | TransportError::CardRemoved))),
        "{r:?}"
    );
    assert_eq!(f.outcome(), Some(Outcome::Interrupted));
    h.insert();
    assert_eq!(h.card().pin_tries_left(), 3);
    assert!(h.card().pin_is("12345"));
}

#[test]
fn invalid_input_reaches_no_card() {
    let h = handle(QuirkMode::Standard);
    let mut t = h.transport();
    let mut f = new_flow(&mut t, Operation::ChangePin).unwrap();
    let before = h.commands_received();
    for (cur, new, rep) in
        [("1234", "24680", "24680"), ("12345", "2468a", "2468a"), ("12345", "24680", "24681")]
    {
        assert_eq!(
            act(&mut t, &mut f, Entry::Change { current: cur, new, repeat: rep }, true).unwrap(),
            Result_::NotSent
        );
    }
    assert_eq!(h.commands_received(), before);
}

/// What one operation costs on the card, in APDUs (GET RESPONSE included), per family.
struct Cost {
    status: u64,
    verify_pin: u64,
    change_pin: u64,
    unblock: u64,
    export_cert: u64,
}

/// The APDU budget of every operation in every mode. A regression (one more SELECT, a re-read)
/// fails here; so does an improvement, which must then update the table and the README.
///
/// A PIN operation is: identify the card (its serial), ask the one counter it needs where that
/// is free, send the command. On a classic card nothing is selected before the PIN command (P2
/// names the object under the MF from any DF, CNS spec §13.9); under an applet the application
/// DF is the current one when the command goes out.
fn expected_cost(mode: QuirkMode) -> Cost {
    match mode {
        // ID 2 + counters 2 + processor 2 + personal 2 + certificate 1 + 5 reads;
        // PIN: ID 2 + counter 1 + command 1
        QuirkMode::Standard | QuirkMode::StIncard | QuirkMode::NoCount => {
            Cost { status: 14, verify_pin: 4, change_pin: 4, unblock: 4, export_cert: 8 }
        }
        // no counter query on CardOS 4 (it could cost a try)
        QuirkMode::Siemens => Cost { status: 12, verify_pin: 3, change_pin: 3, unblock: 3, export_cert: 8 },
        // Le = 00 refused on long files is never sent: 255-byte reads
        QuirkMode::Legacy => Cost { status: 12, verify_pin: 3, change_pin: 3, unblock: 3, export_cert: 8 },
        // every answer with data comes through 61xx and costs a GET RESPONSE: status has 12 such
        // answers; PIN: SELECT + GET RESPONSE, READ + GET RESPONSE, counter, command = 6
        QuirkMode::Idemia => Cost { status: 26, verify_pin: 6, change_pin: 6, unblock: 6, export_cert: 16 },
        // 1100/1101 asked first (absent), then 1400/9001/2002
        QuirkMode::Idemia2021 => {
            Cost { status: 15, verify_pin: 4, change_pin: 4, unblock: 4, export_cert: 9 }
        }
        // classic probe 1 + SELECT AID 1 + counters 2 + D003 2 + personal 2 + certificate 1 + 5;
        // PIN: probe 1 + AID 1 + counter 1 + D003 2 (the application stays current) + command 1
        QuirkMode::Applet2025 => {
            Cost { status: 14, verify_pin: 6, change_pin: 6, unblock: 6, export_cert: 10 }
        }
        // the ATR has no historical bytes: the JSign4 applet first (AID + GET DATA), the classic
        // names inside, no counters (unknown family); PIN: AID 1 + GET DATA 1 + ID 2 + the
        // application again 1 (EF.ID_Carta is in DF0) + command 1
        QuirkMode::St2022 => Cost { status: 14, verify_pin: 6, change_pin: 6, unblock: 6, export_cert: 10 },
    }
}

/// What one operation costs: status, verify-pin, change-pin, unblock, export-cert, in APDUs.
fn measure(h: &SimHandle, mode: &str) -> [u64; 5] {
    let mut t = h.transport();
    let cost = |f: &mut dyn FnMut()| {
        let before = h.commands_received();
        f();
        h.commands_received() - before
    };
    let status = cost(&mut || {
        let s = card::read_status(&mut t).unwrap_or_else(|e| panic!("{mode}: {e}"));
        assert!(s.personal.is_ok() && s.certificate.is_ok(), "{mode}");
    });
    let export_cert = cost(&mut || {
        assert_eq!(card::read_certificate(&mut t).unwrap(), h.card().certificate_der());
    });
    let pin_op = |t: &mut cns_sim::SimTransport, op: Operation, entry: Entry<'_>| {
        let mut flow = None;
        let sw = card::pin_operation(t, op, |ctx| {
            let f = flow.insert(cns_core::flow::PinFlow::new(op, ctx.pin_ref, ctx.pin, ctx.puk));
            match f.submit(entry) {
                cns_core::flow::Step::Send(cmd) => Some(cmd),
                other => panic!("{mode}: {other:?}"),
            }
        })
        .unwrap()
        .unwrap();
        flow.unwrap().card_answered(sw)
    };
    let mut step = None;
    let verify_pin =
        cost(&mut || step = Some(pin_op(&mut t, Operation::VerifyPin, Entry::Verify { pin: "12345" })));
    assert!(matches!(step, Some(cns_core::flow::Step::Done(Outcome::Success))), "{mode}: {step:?}");
    let change_pin = cost(&mut || {
        step = Some(pin_op(
            &mut t,
            Operation::ChangePin,
            Entry::Change { current: "12345", new: "24680", repeat: "24680" },
        ))
    });
    assert!(matches!(step, Some(cns_core::flow::Step::Done(Outcome::Success))), "{mode}: {step:?}");
    let unblock = cost(&mut || {
        step = Some(pin_op(
            &mut t,
            Operation::UnblockPin,
            Entry::Unblock { puk: "12345678", new: "13579", repeat: "13579" },
        ))
    });
    assert!(matches!(step, Some(cns_core::flow::Step::Done(Outcome::Success))), "{mode}: {step:?}");
    assert!(h.card().pin_is("13579"), "{mode}");
    [status, verify_pin, change_pin, unblock, export_cert]
}

#[test]
fn every_operation_stays_within_its_apdu_budget_in_every_mode() {
    let mut wrong = Vec::new();
    for &mode in QuirkMode::all() {
        let want = expected_cost(mode);
        let got = measure(&handle(mode), mode.name());
        let expected = [want.status, want.verify_pin, want.change_pin, want.unblock, want.export_cert];
        if got != expected {
            wrong.push(format!("{mode}: got {got:?}, expected {expected:?}"));
        }
    }
    assert!(wrong.is_empty(), "[status, verify-pin, change-pin, unblock, export-cert]\n{}", wrong.join("\n"));
}

/// The goals, stated on their own: a full status of a classic card in at most 15 APDUs,
/// at most 2 more on the applet card, and a PIN operation in at most 6 on every card family.
/// IDEMIA's status (26) is the exception the README explains: each of its 12 answers with data
/// comes through 61xx and costs a GET RESPONSE, which no client can avoid with SELECT P2 = 00
/// (the spec's, and the project's choice over P2 = 0C, cns-facts §7.16).
#[test]
fn the_status_and_pin_budgets_of_the_goal() {
    let classic = expected_cost(QuirkMode::Standard);
    assert!(classic.status <= 15);
    assert!(expected_cost(QuirkMode::Applet2025).status <= classic.status + 2);
    for &mode in QuirkMode::all() {
        let c = expected_cost(mode);
        assert!(c.verify_pin <= 6 && c.change_pin <= 6 && c.unblock <= 6, "{mode}");
        if mode != QuirkMode::Idemia {
            assert!(c.status <= classic.status + 2, "{mode}");
        }
    }
    assert_eq!(expected_cost(QuirkMode::Idemia).status, 2 * 12 + 2);
}

/// A card that refuses SELECT by path (P1 = 08) is read step by step, from the first refusal on:
/// its MF answered, so no applet is looked for, and a file beside the last one costs one SELECT.
#[test]
fn path_select_refused_falls_back_to_one_step_selects() {
    let h = handle(QuirkMode::Standard);
    h.card().quirks_mut().no_path_select = true;
    let mut t = h.transport();
    let before = h.commands_received();
    let s = card::read_status(&mut t).unwrap();
    // P1=08 refused 1; MF, 1000, 1003, READ 4; counters 2; 1002 (beside 1003), READ 2;
    // MF, 1100, 1102, READ 4; 1101 (beside 1102) and 5 READs 6
    assert_eq!(h.commands_received() - before, 19, "{:02X?}", h.command_headers());
    assert_eq!(s.id.serial, "6090104237815004");
    assert!(s.personal.is_ok() && s.certificate.is_ok());
    assert!(s.processor.is_some());
    assert_eq!(s.pin, tries(3));
    let headers = h.command_headers();
    let p1_08 = headers.iter().filter(|c| c[1] == 0xA4 && c[2] == 0x08).count();
    assert_eq!(p1_08, 1, "P1 = 08 must be tried once, then never again in the session");
    assert!(
        !headers.iter().any(|c| c[1] == 0xA4 && c[2] == 0x04),
        "the MF answered: no applet may be looked for"
    );
}

/// The 2025 applet card when it keeps the classic names under the application (not shown by
/// the trace, not excluded): the serial from EF.ID_Carta after D003 is missing, the certificate
/// from 1100/1101 after DA01/C001 is missing, every flow working, at a known cost.
#[test]
fn the_applet_card_with_the_classic_names_only() {
    let h = handle(QuirkMode::Applet2025);
    {
        let mut card = h.card();
        let mut q = card.quirks().clone();
        q.applet_classic_names = true;
        card.set_quirks(q);
        assert!(card.file(&[0xD003]).is_none() && card.file(&[0x1000, 0x1003]).is_some());
    }
    let mut t = h.transport();
    let s = card::read_status(&mut t).unwrap();
    assert_eq!(s.location, card::Location::Applet(&cns_core::profile::APPLET_2025));
    assert_eq!(s.id.serial, "6090104237815004");
    assert_eq!(s.personal.as_ref().unwrap().fiscal_code, "BNCGLI90E52D612W");
    assert_eq!(s.certificate_der.as_deref().map(|v| v.as_slice()), Some(h.card().certificate_der()));
    assert_eq!((s.pin, s.puk), (tries(3), tries(8)));
    // status: probe 1, AID 1, counters 2 (the application is current), D003 missing 1, ID 2,
    // personal 2, DA01/C001 missing 1, 1101 1 + 5 READs = 16.
    // PIN: probe 1, AID 1, counter 1, D003 missing 1, ID 2, the application again 1 (DF0 was
    // current), command 1 = 8. export-cert: probe, AID, D003, ID 2, DA01/C001, 1101 + 5 = 12.
    assert_eq!(measure(&h, "applet2025 with the classic names"), [16, 8, 8, 8, 12]);
    let mut f = new_flow(&mut t, Operation::ChangePin).unwrap();
    let r = act(&mut t, &mut f, Entry::Change { current: "13579", new: "24680", repeat: "24680" }, false);
    assert_eq!(r.unwrap(), Result_::Outcome(Outcome::Success));
    assert!(h.card().pin_is("24680"));
}

/// Under an applet the PIN objects answer only with the application as the current DF (the
/// simulated card is strict about it), so a client that forgets to select it again fails.
#[test]
fn applet_pin_commands_need_the_application_as_the_current_df() {
    for mode in [QuirkMode::Applet2025, QuirkMode::St2022] {
        let h = handle(mode);
        let aid = h.card().quirks().applet_aid.clone().unwrap();
        let mut select_aid = vec![0x00, 0xA4, 0x04, 0x00, aid.len() as u8];
        select_aid.extend_from_slice(&aid);
        let (deep, name): (&[u8], _) = match mode {
            QuirkMode::Applet2025 => (&[0x00, 0xA4, 0x09, 0x00, 0x04, 0xDA, 0x01, 0xC0, 0x01], "DA01/C001"),
            _ => (&[0x00, 0xA4, 0x09, 0x00, 0x04, 0x10, 0x00, 0x10, 0x03], "1000/1003"),
        };
        assert_eq!(h.transmit(&select_aid).unwrap(), [0x90, 0x00], "{mode}");
        assert_eq!(h.transmit(&[0x00, 0x20, 0x00, 0x10]).unwrap(), [0x63, 0xC3], "{mode}");
        assert_eq!(h.transmit(deep).unwrap(), [0x90, 0x00], "{mode}: {name}");
        for pin_cmd in [&[0x00, 0x20, 0x00, 0x10][..], &[0x00, 0x20, 0x00, 0x11], &[0x00, 0x2C, 0x03, 0x10]] {
            assert_eq!(h.transmit(pin_cmd).unwrap(), [0x6A, 0x88], "{mode}: {pin_cmd:02X?} after {name}");
        }
        assert_eq!(h.transmit(&select_aid).unwrap(), [0x90, 0x00], "{mode}");
        assert_eq!(h.transmit(&[0x00, 0x20, 0x00, 0x10]).unwrap(), [0x63, 0xC3], "{mode}");
        assert_eq!(h.card().pin_tries_left(), 3, "{mode}");
    }
}

/// On the applet card status asks the counters right after selecting the application, before
/// any file below it: no SELECT is spent to make the PIN objects reachable.
#[test]
fn the_status_counters_cost_no_select_on_the_applet_card() {
    let h = handle(QuirkMode::Applet2025);
    let mut t = h.transport();
    card::read_status(&mut t).unwrap();
    let headers = h.command_headers();
    let aid = headers.iter().position(|c| c[1] == 0xA4 && c[2] == 0x04).unwrap();
    assert_eq!(headers[aid + 1], [0x00, 0x20, 0x00, 0x10], "{headers:02X?}");
    assert_eq!(headers[aid + 2], [0x00, 0x20, 0x00, 0x11], "{headers:02X?}");
    assert_eq!(headers.iter().filter(|c| c[1] == 0xA4 && c[2] == 0x04).count(), 1, "{headers:02X?}");
}
