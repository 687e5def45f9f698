//! The window against hostile simulated cards (cns-sim's `hostile` module): each ends on a clear
//! page within seconds — "Tessera non leggibile" with the technical detail, or the card's true
//! contents where the lie is harmless — never a spinner, never a panic; "Riprova" reads again
//! and lands on the same clear page.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::time::{Duration, Instant};

use cns_manager::backend::Backend;
use cns_manager::gui::{AppConfig, CnsApp};
use cns_manager::i18n::Lang;
use cns_sim::{Hostility, QuirkMode, SimCard, SimHandle};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

const TODAY: time::Date = time::macros::date!(2026 - 11 - 26);
/// A bound on waiting for the worker threads, not an expectation of their speed: on a loaded
/// machine a debug build's read can take seconds, and only a screen that never comes fails.
const TIMEOUT: Duration = Duration::from_secs(60);

fn app(handle: &SimHandle, lang: Lang) -> Harness<'static, CnsApp> {
    let backend = Backend::Demo(handle.clone());
    let mut h = Harness::builder().with_size([1000.0, 800.0]).build_eframe(move |cc| {
        CnsApp::new(&cc.egui_ctx, AppConfig { today: Some(TODAY), ..AppConfig::new(backend, lang, false) })
    });
    h.step();
    h
}

fn wait_label(h: &mut Harness<'_, CnsApp>, what: &str, text: &str) {
    let start = Instant::now();
    loop {
        h.step();
        if h.query_by_label_contains(text).is_some() {
            return;
        }
        assert!(start.elapsed() < TIMEOUT, "{what}: {text:?} not shown within {TIMEOUT:?}");
        std::thread::sleep(Duration::from_millis(5));
    }
}

fn hostile(h: Hostility) -> SimHandle {
    let mut card = SimCard::with_mode(QuirkMode::Standard);
    card.quirks_mut().hostile = Some(h);
    SimHandle::new(card)
}

#[test]
fn every_hostile_card_ends_on_a_clear_page() {
    for &kind in Hostility::all() {
        let handle = hostile(kind);
        let mut h = app(&handle, Lang::It);
        let what = kind.name();
        match kind {
            Hostility::FciLies | Hostility::ReadOverflow => wait_label(&mut h, what, "GIULIA BIANCHI"),
            Hostility::RandomFiles | Hostility::HugeLengths => {
                wait_label(&mut h, what, "Titolare non leggibile");
                // the serial read fine: the card is shown, the nonsense parts say so
                wait_label(&mut h, what, "6090 1042 3781 5004");
            }
            Hostility::Endless61 | Hostility::Endless6C | Hostility::OddStatus | Hostility::LongAtr => {
                wait_label(&mut h, what, "Tessera non leggibile");
                assert!(h.query_by_label_contains("GIULIA").is_none(), "{what}");
                // read again: the same clear page, not a spinner
                let before = handle.commands_received();
                h.get_by_role_and_label(Role::Button, "Riprova").click();
                let start = Instant::now();
                while handle.commands_received() == before && kind != Hostility::LongAtr {
                    h.step();
                    assert!(start.elapsed() < TIMEOUT, "{what}: Riprova read nothing");
                    std::thread::sleep(Duration::from_millis(5));
                }
                wait_label(&mut h, what, "Tessera non leggibile");
                let sent = handle.commands_received() - before;
                assert!(sent <= 200, "{what}: a re-read sent {sent} commands");
            }
        }
        // no PIN went out, no try was spent
        assert_eq!(handle.card().pin_tries_left(), 3, "{what}");
        assert!(
            handle.command_log().iter().all(|c| !(c.header[1] == 0x20 && c.lc.is_some())),
            "{what}: a PIN was sent"
        );
    }
}

#[test]
fn unreadable_in_english_too() {
    let handle = hostile(Hostility::OddStatus);
    let mut h = app(&handle, Lang::En);
    wait_label(&mut h, "odd-status", "Card not readable");
}
