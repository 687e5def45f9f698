//! The fault matrix in the window (kittest over the in-process simulated card): the card leaves
//! at every APDU index of a PIN operation sent from the wizard. Each cell ends on a clear page
//! that names the removal — never a spinner — and no try is lost on the card. (The in-process
//! card answers at once, so how fast says nothing here; the bound only tells a spinner from a
//! slow machine. Through a real pcscd, tests/e2e_faults.rs times the removal.)

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::time::{Duration, Instant};

use cns_manager::gui::CnsApp;
use cns_manager::i18n::Lang;
use cns_sim::SimHandle;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

mod support;
use support::{TIMEOUT, click, click_now};

fn app(handle: &SimHandle) -> Harness<'static, CnsApp> {
    support::app(handle, Lang::It)
}

fn wait_any(h: &mut Harness<'_, CnsApp>, cell: &str, texts: &[&str], within: Duration) -> String {
    let start = Instant::now();
    loop {
        h.step();
        if let Some(t) = texts.iter().find(|t| h.query_all_by_label_contains(t).next().is_some()) {
            return (*t).to_owned();
        }
        assert!(start.elapsed() < within, "{cell}: none of {texts:?} within {within:?}");
        std::thread::sleep(Duration::from_millis(5));
    }
}

fn type_pin(h: &mut Harness<'_, CnsApp>, field: &str, digits: &str) {
    h.get_by_role_and_label(Role::PasswordInput, field).focus();
    h.step();
    h.get_by_role_and_label(Role::PasswordInput, field).type_text(digits);
    h.step();
    h.step();
}

/// Fills the wizard of `op` up to its last button, which is returned (not clicked).
fn fill(h: &mut Harness<'_, CnsApp>, op: &str) -> &'static str {
    match op {
        "verify" => {
            click(h, "Verifica PIN");
            type_pin(h, "PIN", "12345");
            "Verifica"
        }
        "unblock" => {
            click(h, "Sblocca con il PUK");
            type_pin(h, "PUK", "12345678");
            h.key_press(egui::Key::Enter);
            h.step();
            type_pin(h, "Nuovo PIN", "24680");
            click(h, "Avanti");
            type_pin(h, "Ripeti il nuovo PIN", "24680");
            "Sblocca"
        }
        _ => {
            click(h, "Cambia PIN");
            type_pin(h, "PIN attuale", "12345");
            h.key_press(egui::Key::Enter);
            h.step();
            type_pin(h, "Nuovo PIN", "24680");
            click(h, "Avanti");
            type_pin(h, "Ripeti il nuovo PIN", "24680");
            "Cambia il PIN"
        }
    }
}

#[test]
fn a_removal_at_every_apdu_of_a_wizard_ends_on_a_clear_page() {
    let removed = ["rimossa", "Inserisci la tessera"];
    let mut cells = 0;
    // unblock: from a blocked PIN (the only state that offers it)
    let card = |op: &str| {
        let handle = SimHandle::default();
        if op == "unblock" {
            handle.card().set_pin_tries(0, 3);
        }
        handle
    };
    let done = ["Il PIN è corretto", "PIN cambiato", "PIN sbloccato"];
    for op in ["verify", "change", "unblock"] {
        // the operation's APDUs, measured on a card that stays
        let handle = card(op);
        let mut h = app(&handle);
        wait_any(&mut h, op, &["GIULIA BIANCHI"], TIMEOUT);
        // (the start-up read is over once the holder is shown)
        let read_cost = handle.commands_received();
        let button = fill(&mut h, op);
        let before = handle.commands_received();
        click(&mut h, button);
        wait_any(&mut h, op, &done, TIMEOUT);
        // the window sends the PIN command (nothing selected before it on this classic card),
        // then reads the status again
        let log = handle.command_headers();
        let pin_ins = match op {
            "verify" => 0x20,
            "change" => 0x24,
            _ => 0x2C,
        };
        let pin_at = log[usize::try_from(before).unwrap()..].iter().position(|c| c[1] == pin_ins).unwrap();
        let pin_at = u64::try_from(pin_at).unwrap();
        // That read is still under way when the answer is on screen: counting now would give
        // however much of it a loaded machine had done. It costs what the start-up read did.
        let cost = pin_at + 1 + read_cost;
        let start = Instant::now();
        while handle.commands_received() - before < cost {
            assert!(start.elapsed() < TIMEOUT, "{op}: the status read after the answer did not end");
            h.step();
            std::thread::sleep(Duration::from_millis(5));
        }
        assert_eq!(handle.commands_received() - before, cost, "{op}: APDUs of the operation");
        for k in 0..cost {
            let cell = format!("window {op}, removed at APDU index {k} of {cost}");
            let handle = card(op);
            let mut h = app(&handle);
            wait_any(&mut h, &cell, &["GIULIA BIANCHI"], TIMEOUT);
            let button = fill(&mut h, op);
            let base = handle.commands_received();
            if k == 0 {
                handle.remove();
            } else {
                handle.card().quirks_mut().remove_after_commands = Some(u32::try_from(base + k).unwrap());
            }
            // now: a frame in between would let the window see the removal first
            click_now(&mut h, button);
            if k <= pin_at {
                // up to the PIN command: the removal, and the card untouched
                wait_any(&mut h, &cell, &removed, TIMEOUT);
                for t in done {
                    assert!(h.query_by_label_contains(t).is_none(), "{cell}: {t}");
                }
                let tries = if op == "unblock" { 0 } else { 3 };
                assert_eq!(handle.card().pin_tries_left(), tries, "{cell}");
                assert_eq!(handle.card().puk_tries_left(), 8, "{cell}");
                assert!(handle.card().pin_is("12345"), "{cell}: the PIN changed");
            } else {
                // the card answered the PIN command, then left during the re-read: a clear page
                // (the answer, or the removal), never a spinner
                let mut any = removed.to_vec();
                any.extend(done);
                wait_any(&mut h, &cell, &any, TIMEOUT);
                assert_eq!(handle.card().pin_tries_left(), 3, "{cell}");
                assert_eq!(handle.card().puk_tries_left(), 8, "{cell}");
            }
            cells += 1;
        }
    }
    println!("window fault matrix: {cells} cells");
}
