//! The window says the truth about the card, the demo and the system (issue 15 §4–5), headless
//! against the simulated card: why a demo the window chose started and how to fix it, a
//! Diagnostica that checks the real system while the demo card is shown, PIN and PUK boxes
//! that do not contradict each other or guess, no Italian in the English window (and the
//! reverse), a demo panel that follows the card, notices that stay on their page and leave with
//! their card, and pages that open at their top.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::process::Command;
use std::time::Instant;

use cns_manager::backend::Backend;
use cns_manager::doctor::fixes::{self, Os, ServiceCause};
use cns_manager::gui::{AppConfig, CnsApp, DemoReason};
use cns_manager::i18n::Lang;
use cns_sim::{DEFAULT_PIN_TRIES, DEFAULT_PUK_TRIES, QuirkMode, SimCard, SimHandle};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use support::{SIZE, TIMEOUT, TODAY, click, on_screen, wait_label};

fn app_with(handle: &SimHandle, lang: Lang, reason: Option<DemoReason>) -> Harness<'static, CnsApp> {
    let backend = Backend::Demo(handle.clone());
    let mut h = Harness::builder().with_size(SIZE).build_eframe(move |cc| {
        CnsApp::new(
            &cc.egui_ctx,
            AppConfig { today: Some(TODAY), demo_reason: reason, ..AppConfig::new(backend, lang, false) },
        )
    });
    h.step();
    h
}

fn shows(h: &Harness<'_, CnsApp>, text: &str) -> bool {
    h.query_all_by_label_contains(text).next().is_some()
}

/// Runs frames until `done` holds, never forever.
fn run_until(h: &mut Harness<'_, CnsApp>, what: &str, done: impl Fn(&Harness<'_, CnsApp>) -> bool) {
    let start = Instant::now();
    loop {
        h.step();
        if done(h) {
            return;
        }
        assert!(start.elapsed() < TIMEOUT, "timed out waiting for: {what}\non screen:\n{}", on_screen(h));
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
}

// ----- why the demo started -----

#[test]
fn a_demo_the_window_chose_says_why_and_the_doctors_fix() {
    let handle = SimHandle::default();
    let reason = DemoReason::NoService(ServiceCause::NotInstalled);
    let mut h = app_with(&handle, Lang::It, Some(reason));
    wait_label(&mut h, "GIULIA BIANCHI");
    h.get_by_label("⚠ Modalità dimostrativa – tessera simulata");
    h.get_by_label_contains(
        "Si è avviata da sola perché il servizio smart card di questo computer non risponde",
    );
    // The doctor's own wording, found and fix, not a copy of it.
    let (found, fix) = fixes::service_not_installed(Os::current(), Lang::It);
    h.get_by_label(&found);
    h.get_by_label(&format!("Come risolvere: {fix}"));

    // Leaving the demo: the reason goes with it.
    click(&mut h, "Esci dalla dimostrazione");
    run_until(&mut h, "the demo left", |h| !shows(h, "Modalità dimostrativa"));
    assert!(!shows(&h, "Si è avviata da sola"));
}

#[test]
fn a_demo_without_reader_says_so_in_english() {
    let handle = SimHandle::default();
    let mut h = app_with(&handle, Lang::En, Some(DemoReason::NoReader { unbound_usb: false }));
    wait_label(&mut h, "BIANCHI");
    h.get_by_label_contains("It started by itself because no smart card reader is seen");
    let (found, fix) = fixes::connect_reader(Lang::En);
    h.get_by_label(&found);
    h.get_by_label(&format!("How to fix: {fix}"));
}

#[test]
fn a_demo_asked_for_says_only_that_it_is_a_demo() {
    let handle = SimHandle::default();
    let mut h = app_with(&handle, Lang::It, None);
    wait_label(&mut h, "GIULIA BIANCHI");
    h.get_by_label("⚠ Modalità dimostrativa – tessera simulata");
    assert!(!shows(&h, "Si è avviata da sola"), "{}", on_screen(&h));
    assert!(!shows(&h, "Come risolvere"), "{}", on_screen(&h));
}

/// Diagnostica while the demo card is shown, on a PC whose smart card service does not
/// answer: the page says what is wrong with the real system (not "no problem, demo mode"),
/// and checks the simulated card beside it. Run in a child process whose PC/SC client points
/// at a socket nobody listens on (the environment cannot be changed with threads around).
#[test]
fn diagnostics_checks_the_real_system_while_the_demo_is_shown() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(std::env::current_exe().unwrap())
        .args(["inner_diagnostics_checks_the_real_system", "--exact", "--ignored", "--nocapture"])
        .env("PCSCLITE_CSOCK_NAME", dir.path().join("no-pcscd.comm"))
        .output()
        .unwrap();
    let all = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "inner test failed:\n{all}");
    assert!(all.contains("1 passed"), "inner test did not run:\n{all}");
}

#[test]
#[ignore = "run by diagnostics_checks_the_real_system_while_the_demo_is_shown with no pcscd"]
fn inner_diagnostics_checks_the_real_system() {
    assert!(std::env::var_os("PCSCLITE_CSOCK_NAME").is_some(), "run through the test without inner_");
    let handle = SimHandle::default();
    let mut h = app_with(&handle, Lang::It, Some(DemoReason::NoService(ServiceCause::NotRunning)));
    wait_label(&mut h, "GIULIA BIANCHI");
    click(&mut h, "Diagnostica");
    wait_label(&mut h, "PROBLEMA – Servizio smart card (PC/SC)");
    h.get_by_label_contains("questi controlli riguardano il sistema vero di questo computer");
    assert!(!shows(&h, "Nessun problema trovato"), "{}", on_screen(&h));
    assert!(!shows(&h, "il servizio smart card non serve"), "{}", on_screen(&h));
    // The simulated card is checked too, under its reader's name.
    h.get_by_label_contains("TS-CNS riconosciuta e leggibile");
    h.get_by_label_contains("Tessera in «CNS Manager – lettore dimostrativo»");
}

// ----- the PIN and PUK boxes -----

fn card_with_tries(mode: QuirkMode, pin: u8, puk: u8) -> SimHandle {
    let mut card = SimCard::with_mode(mode);
    card.set_pin_tries(pin, DEFAULT_PIN_TRIES);
    card.set_puk_tries(puk, DEFAULT_PUK_TRIES);
    SimHandle::new(card)
}

#[test]
fn a_blocked_puk_is_not_offered_in_the_pin_box() {
    // PIN blocked, PUK available: the PIN box sends to the PUK.
    let mut h = app_with(&card_with_tries(QuirkMode::Standard, 0, 8), Lang::It, None);
    wait_label(&mut h, "PUK disponibile");
    h.get_by_label("Sbloccalo con il PUK");

    // Both blocked: the PIN box says there is nothing to unblock with.
    let mut h = app_with(&card_with_tries(QuirkMode::Standard, 0, 0), Lang::It, None);
    run_until(&mut h, "the PUK box", |h| h.query_by_label("⛔ PUK bloccato").is_some());
    assert!(!shows(&h, "Sbloccalo con il PUK"), "{}", on_screen(&h));
    assert!(h.query_by_role_and_label(Role::Button, "Sblocca con il PUK").is_none());
    h.get_by_label("Non si può più sbloccare: anche il PUK è bloccato");

    // Last PIN try with the PUK blocked: no "unblock it with the PUK" either.
    let mut h = app_with(&card_with_tries(QuirkMode::Standard, 1, 0), Lang::En, None);
    wait_label(&mut h, "PIN: only one try left");
    assert!(!shows(&h, "unblock it with the PUK"), "{}", on_screen(&h));
    h.get_by_label_contains("with the PUK blocked, the card must be replaced");
}

#[test]
fn a_card_that_does_not_tell_its_tries_says_state_unknown_and_warns_before_the_check() {
    // Siemens CardOS: asking for the counter would cost a try, so it is not asked; here the PIN
    // is even blocked, which the window cannot know.
    let mut h = app_with(&card_with_tries(QuirkMode::Siemens, 0, 8), Lang::It, None);
    wait_label(&mut h, "PIN: stato non noto");
    assert!(!shows(&h, "PIN attivo"), "{}", on_screen(&h));
    h.get_by_label("ℹ PUK: stato non noto");
    click(&mut h, "Verifica PIN");
    wait_label(&mut h, "Questa tessera non dice quanti tentativi restano: potrebbe essere l'ultimo");

    // A card that tells: no such warning.
    let mut h = app_with(&SimHandle::default(), Lang::It, None);
    wait_label(&mut h, "PIN attivo");
    click(&mut h, "Verifica PIN");
    wait_label(&mut h, "Ti restano 3 tentativi per il PIN");
    assert!(!shows(&h, "non dice quanti tentativi"), "{}", on_screen(&h));
}

// ----- one language at a time -----

#[test]
fn the_english_window_names_the_reader_region_and_fiscal_code_in_english() {
    let handle = SimHandle::default();
    let mut h = app_with(&handle, Lang::En, None);
    wait_label(&mut h, "BIANCHI");
    h.get_by_label_contains("CNS Manager – demo reader");
    h.get_by_label_contains("– Tuscany region");
    h.get_by_label("Fiscal code");
    for italian in ["lettore dimostrativo", "Region Toscana", "Regione", "Tax code"] {
        assert!(!shows(&h, italian), "{italian} in the English window:\n{}", on_screen(&h));
    }

    let mut h = app_with(&handle, Lang::It, None);
    wait_label(&mut h, "GIULIA BIANCHI");
    h.get_by_label_contains("– Regione Toscana");
    h.get_by_label_contains("CNS Manager – lettore dimostrativo");
}

#[test]
fn the_card_types_speak_one_language() {
    let handle = SimHandle::default();
    let mut h = app_with(&handle, Lang::It, None);
    wait_label(&mut h, "GIULIA BIANCHI");
    h.get_by_role_and_label(Role::ComboBox, "Tipo di tessera").click();
    run_until(&mut h, "the card types", |h| h.query_by_label("Senza contatore").is_some());
    assert!(!shows(&h, "No counter"), "{}", on_screen(&h));
    h.get_by_label("CRS Lombardia (Siemens)");
}

#[test]
fn a_damaged_signed_file_is_told_in_italian_with_the_library_behind_technical_details() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("rotto.p7m");
    // A DER SEQUENCE whose length field says more than any length can: "length field too long".
    std::fs::write(&bad, [0x30, 0x89, 1, 2, 3, 4, 5, 6, 7, 8, 9]).unwrap();
    let handle = SimHandle::default();
    let mut h = app_with(&handle, Lang::It, None);
    wait_label(&mut h, "GIULIA BIANCHI");
    support::drop_file(&mut h, &bad);
    wait_label(&mut h, "Verifica un documento");
    // (the check starts on "Verifica" where the page asks for it)
    if let Some(b) = h.query_by_role_and_label(Role::Button, "Verifica") {
        b.click();
    }
    run_until(&mut h, "the verdict on the damaged file", |h| {
        shows(h, "Il file firmato è danneggiato.") || shows(h, "Il file non è un file firmato valido")
    });
    // No English in the Italian message itself.
    let message = h
        .query_all(egui_kittest::kittest::By::new().predicate(|n| {
            n.label().is_some_and(|l| l.contains("danneggiato") || l.contains("non è un file firmato"))
        }))
        .filter_map(|n| n.accesskit_node().label())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(!message.contains("dettaglio tecnico"), "{message}");
    assert!(!message.contains("length"), "{message}");
    // The library's words are one click away, for whoever helps, and not before.
    assert!(!shows(&h, "length field too long"), "{}", on_screen(&h));
    h.get_by_label("Dettagli tecnici").click();
    run_until(&mut h, "the technical detail", |h| shows(h, "length field too long"));
}

// ----- the demo panel follows the card -----

fn combo_value(h: &Harness<'_, CnsApp>, name: &str) -> String {
    h.get_by_role_and_label(Role::ComboBox, name).value().unwrap_or_default()
}

#[test]
fn the_demo_panel_follows_the_simulated_card() {
    let handle = SimHandle::default();
    let mut h = app_with(&handle, Lang::It, None);
    wait_label(&mut h, "GIULIA BIANCHI");
    h.get_by_label("PIN 12345 · PUK 12345678");
    assert_eq!(combo_value(&h, "Situazione"), "Nuova");

    // The PIN changed (as a wizard does): the hint no longer says 12345, nor the new PIN.
    handle.card().set_pin("24680").unwrap();
    run_until(&mut h, "the hint to follow the PIN", |h| !shows(h, "PIN 12345"));
    h.get_by_label_contains("PIN: quello che hai scelto");
    assert!(!shows(&h, "24680"), "{}", on_screen(&h));

    // Wrong tries on the card: the chooser says what the card is in.
    handle.card().set_pin_tries(0, DEFAULT_PIN_TRIES);
    run_until(&mut h, "the situation to follow the card", |h| combo_value(h, "Situazione") == "PIN bloccato");

    // Reset: PIN 12345 again, a new card.
    click(&mut h, "Reimposta la tessera");
    run_until(&mut h, "the hint back to 12345", |h| shows(h, "PIN 12345 · PUK 12345678"));
    assert_eq!(combo_value(&h, "Situazione"), "Nuova");
}

#[test]
fn a_card_type_given_at_start_is_shown_as_chosen() {
    let handle = SimHandle::new(cns_manager::backend::demo_card(QuirkMode::NoCount));
    let h = app_with(&handle, Lang::It, None);
    assert_eq!(combo_value(&h, "Tipo di tessera"), "Senza contatore");
}

#[test]
fn a_lombardy_crs_shows_lombardy() {
    let handle = SimHandle::default();
    let mut h = app_with(&handle, Lang::It, None);
    wait_label(&mut h, "GIULIA BIANCHI");
    h.get_by_role_and_label(Role::ComboBox, "Tipo di tessera").click();
    run_until(&mut h, "the card types", |h| h.query_by_label("CRS Lombardia (Siemens)").is_some());
    h.get_by_label("CRS Lombardia (Siemens)").click_accesskit();
    h.step();
    wait_label(&mut h, "– Regione Lombardia");
    assert!(!shows(&h, "Toscana"), "{}", on_screen(&h));
}

#[test]
fn the_browser_page_in_demo_mode_changes_nothing_and_says_why() {
    let handle = SimHandle::default();
    let mut h = app_with(&handle, Lang::It, None);
    wait_label(&mut h, "GIULIA BIANCHI");
    click(&mut h, "Usa la tessera nel browser");
    wait_label(&mut h, "una dimostrazione non cambia nulla dei browser di questo computer");
    assert!(h.query_by_role_and_label(Role::Button, "Registra il modulo").is_none());
    assert!(!shows(&h, "Controllo dei browser in corso"), "the demo looked at the real browsers");
    click(&mut h, "Esci dalla dimostrazione");
    run_until(&mut h, "the demo left", |h| !shows(h, "Modalità dimostrativa"));
}

// ----- notices and pages -----

/// Saves the certificate as PEM through the page's own path field.
fn export_certificate(h: &mut Harness<'_, CnsApp>, target: &std::path::Path) {
    click(h, "Certificato");
    h.get_by_role_and_label(Role::Button, "Esporta PEM…").scroll_to_me();
    h.step();
    click(h, "Esporta PEM…");
    wait_label(h, "Percorso del file");
    let field = "Percorso del file";
    h.get_by_role_and_label(Role::TextInput, field).scroll_to_me();
    h.step();
    h.get_by_role_and_label(Role::TextInput, field).focus();
    h.step();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.step();
    h.get_by_role_and_label(Role::TextInput, field).type_text(&target.to_string_lossy());
    h.step();
    h.get_by_role_and_label(Role::Button, "Salva").scroll_to_me();
    h.step();
    click(h, "Salva");
    wait_label(h, "Certificato salvato in");
}

#[test]
fn a_saved_certificate_notice_stays_on_its_page_and_leaves_with_the_card() {
    let dir = tempfile::tempdir().unwrap();
    let handle = SimHandle::default();
    let mut h = app_with(&handle, Lang::It, None);
    wait_label(&mut h, "GIULIA BIANCHI");
    export_certificate(&mut h, &dir.path().join("a.pem"));
    // Back to the card: the notice was about the certificate page.
    h.key_press(egui::Key::Escape);
    run_until(&mut h, "the status page", |h| h.query_by_role_and_label(Role::Button, "Cambia PIN").is_some());
    assert!(!shows(&h, "Certificato salvato in"), "{}", on_screen(&h));
    // Nor does it come back with the page.
    click(&mut h, "Certificato");
    assert!(!shows(&h, "Certificato salvato in"), "{}", on_screen(&h));

    // Saved again, then the card is reset: the notice leaves with the card.
    h.key_press(egui::Key::Escape);
    run_until(&mut h, "the status page", |h| h.query_by_role_and_label(Role::Button, "Cambia PIN").is_some());
    export_certificate(&mut h, &dir.path().join("b.pem"));
    click(&mut h, "Reimposta la tessera");
    wait_label(&mut h, "GIULIA BIANCHI");
    for _ in 0..5 {
        h.step();
    }
    assert!(!shows(&h, "Certificato salvato in"), "{}", on_screen(&h));
}

#[test]
fn each_page_opens_at_its_top() {
    let handle = SimHandle::default();
    let mut h = Harness::builder().with_size([900.0, 480.0]).build_eframe({
        let backend = Backend::Demo(handle.clone());
        move |cc| {
            CnsApp::new(
                &cc.egui_ctx,
                AppConfig { today: Some(TODAY), ..AppConfig::new(backend, Lang::It, false) },
            )
        }
    });
    wait_label(&mut h, "GIULIA BIANCHI");
    click(&mut h, "Certificato");
    // Scroll the certificate page to its bottom.
    h.get_by_role_and_label(Role::Button, "Esporta PEM…").scroll_to_me();
    for _ in 0..3 {
        h.step();
    }
    h.key_press(egui::Key::Escape);
    run_until(&mut h, "the status page", |h| h.query_by_role_and_label(Role::Button, "Cambia PIN").is_some());
    for _ in 0..3 {
        h.step();
    }
    // The status page starts at its top: the holder's name where it always is, not scrolled away.
    let name = h.get_by_label("GIULIA BIANCHI").rect();
    assert!(name.top() >= 0.0 && name.top() < 200.0, "status page scrolled: name at {name:?} ");
}
