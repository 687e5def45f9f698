//! "Firma un documento" / "Verifica un documento" in the whole app, headless, against the
//! simulated card: files dropped on the window, the PIN typed, the card checked afterwards, and
//! the signed file checked by OpenSSL.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::path::Path;

use cns_manager::gui::CnsApp;
use cns_manager::i18n::Lang;
use cns_sim::SimHandle;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use support::{click, drop_file, wait_label};

/// The app in Italian with the simulated card's status on screen; tall, so that a verification
/// result with its buttons fits.
fn app(handle: &SimHandle) -> Harness<'static, CnsApp> {
    let mut h = support::app_sized(handle, Lang::It, [1000.0, 900.0]);
    wait_label(&mut h, "GIULIA BIANCHI");
    h
}

fn type_pin(h: &mut Harness<'_, CnsApp>, digits: &str) {
    support::type_pin(h, "PIN", digits);
}

fn pin_verifies(handle: &SimHandle) -> usize {
    handle.command_log().iter().filter(|c| c.header[1] == 0x20 && c.lc.is_some()).count()
}

fn openssl_verifies(p7m: &Path, dir: &Path) -> bool {
    let ca = dir.join("ca.der");
    std::fs::write(&ca, cns_sim::fixtures::ca_certificate(cns_sim::HolderPreset::BianchiGiulia)).unwrap();
    let pem = dir.join("ca.pem");
    let ok = std::process::Command::new("openssl")
        .args(["x509", "-inform", "DER", "-in"])
        .arg(&ca)
        .arg("-out")
        .arg(&pem)
        .status()
        .unwrap();
    assert!(ok.success());
    std::process::Command::new("openssl")
        .args(["cms", "-verify", "-binary", "-inform", "DER", "-purpose", "any", "-out", "/dev/null", "-in"])
        .arg(p7m)
        .arg("-CAfile")
        .arg(&pem)
        .status()
        .unwrap()
        .success()
}

#[test]
#[cfg_attr(windows, ignore = "needs openssl (absent under Wine)")]
fn a_dropped_document_is_signed_with_the_pin_once_and_openssl_verifies_it() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("domanda.pdf");
    std::fs::write(&doc, b"%PDF-1.7 domanda di prova\n".repeat(3000)).unwrap();
    let handle = SimHandle::default();
    let mut h = app(&handle);
    drop_file(&mut h, &doc);
    wait_label(&mut h, "Firma un documento");
    wait_label(&mut h, "domanda.pdf");
    handle.clear_log();
    type_pin(&mut h, "12345");
    click(&mut h, "Firma");
    wait_label(&mut h, "Documento firmato");
    assert_eq!(pin_verifies(&handle), 1);
    assert_eq!(handle.card().pin_tries_left(), 3);
    assert!(!handle.card().is_pin_verified(), "the card is reset after signing");
    let p7m = dir.path().join("domanda.pdf.p7m");
    assert!(openssl_verifies(&p7m, dir.path()));
    h.get_by_role_and_label(Role::Button, "Apri la cartella");

    // The signed file dropped on the window: checked, and the document extracted beside it.
    drop_file(&mut h, &p7m);
    wait_label(&mut h, "Verifica un documento");
    wait_label(&mut h, "Documento integro, firma valida");
    // Who signed, from the certificate.
    assert!(h.query_by_label_contains("Codice fiscale BNCGLI90E52D612W").is_some());
    click(&mut h, "Estrai il documento");
    wait_label(&mut h, "Documento estratto in");
    let extracted = dir.path().join("domanda (2).pdf");
    assert_eq!(std::fs::read(&extracted).unwrap(), std::fs::read(&doc).unwrap());
}

#[test]
fn last_try_asks_first_with_the_focus_on_annulla_and_a_wrong_pin_signs_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("atto.txt");
    std::fs::write(&doc, b"atto").unwrap();
    let handle = SimHandle::default();
    handle.card().set_pin_tries(1, 3);
    let mut h = app(&handle);
    drop_file(&mut h, &doc);
    wait_label(&mut h, "Firma un documento");
    handle.clear_log();
    type_pin(&mut h, "99999");
    click(&mut h, "Firma");
    // The last try said in the words of every PIN screen, with its own button.
    wait_label(&mut h, "Usa l'ultimo tentativo");
    h.get_by_label_contains("Attenzione: ti resta un solo tentativo per il PIN.");
    assert_eq!(pin_verifies(&handle), 0, "nothing sent before the confirmation");
    // Enter on this screen is the safe answer.
    h.key_press(egui::Key::Enter);
    h.step();
    h.step();
    wait_label(&mut h, "PIN della tessera");
    assert_eq!(pin_verifies(&handle), 0);

    // Invalid PIN: refused locally.
    type_pin(&mut h, "123");
    click(&mut h, "Firma");
    wait_label(&mut h, "PIN non valido: servono da 5 a 8 cifre");
    assert_eq!(pin_verifies(&handle), 0);

    // A wrong PIN on a card with 3 tries: one try, no file.
    let handle = SimHandle::default();
    let mut h = app(&handle);
    drop_file(&mut h, &doc);
    wait_label(&mut h, "Firma un documento");
    type_pin(&mut h, "99999");
    click(&mut h, "Firma");
    wait_label(&mut h, "PIN errato");
    assert_eq!(handle.card().pin_tries_left(), 2);
    assert!(!dir.path().join("atto.txt.p7m").exists());
}

#[test]
fn an_altered_signed_file_is_reported_not_valid() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("x.txt");
    std::fs::write(&doc, b"testo originale ".repeat(100)).unwrap();
    let handle = SimHandle::default();
    let mut h = app(&handle);
    drop_file(&mut h, &doc);
    wait_label(&mut h, "Firma un documento");
    type_pin(&mut h, "12345");
    click(&mut h, "Firma");
    wait_label(&mut h, "Documento firmato");
    let mut bytes = std::fs::read(dir.path().join("x.txt.p7m")).unwrap();
    let at = bytes.windows(16).position(|w| w == b"testo originale ").unwrap() + 5;
    bytes[at] ^= 0x01;
    let bad = dir.path().join("alterato.p7m");
    std::fs::write(&bad, bytes).unwrap();
    drop_file(&mut h, &bad);
    wait_label(&mut h, "Verifica un documento");
    wait_label(&mut h, "Una firma NON è valida");
    assert!(h.query_by_label_contains("Documento modificato o firma non valida").is_some());
}

#[test]
fn a_detached_signature_is_checked_against_the_document_beside_it() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("fattura.xml");
    std::fs::write(&doc, b"<fattura/>".repeat(50)).unwrap();
    let handle = SimHandle::default();
    let mut h = app(&handle);
    drop_file(&mut h, &doc);
    wait_label(&mut h, "Firma un documento");
    h.get_by_role_and_label(Role::CheckBox, "Firma separata (.p7s): il documento resta a parte").click();
    h.step();
    h.step();
    type_pin(&mut h, "12345");
    click(&mut h, "Firma");
    wait_label(&mut h, "Documento firmato");
    let p7s = dir.path().join("fattura.xml.p7s");
    assert!(p7s.is_file());
    drop_file(&mut h, &p7s);
    wait_label(&mut h, "Verifica un documento");
    wait_label(&mut h, "Documento integro, firma valida");
    // Nothing to extract from a detached signature.
    assert!(h.query_by_label_contains("Estrai il documento").is_none());
}

#[test]
fn the_document_screens_speak_english_too() {
    let handle = SimHandle::default();
    let mut h = support::app_sized(&handle, Lang::En, [1000.0, 900.0]);
    wait_label(&mut h, "GIULIA BIANCHI");
    click(&mut h, "Sign a document");
    wait_label(&mut h, "or drop it on the window");
    h.get_by_role_and_label(Role::Button, "Choose the file…");
    click(&mut h, "Close");
    click(&mut h, "Check a signed document");
    wait_label(&mut h, "or drop it on the window");
    click(&mut h, "Close");

    // Signed and checked through to the end, in English.
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("application.pdf");
    std::fs::write(&doc, b"%PDF-1.7 application\n".repeat(500)).unwrap();
    drop_file(&mut h, &doc);
    wait_label(&mut h, "application.pdf – 10.3 KB");
    type_pin(&mut h, "12345");
    click(&mut h, "Sign");
    wait_label(&mut h, "Document signed");
    assert_eq!(pin_verifies(&handle), 1);
    assert!(h.query_by_label_contains("Documento").is_none(), "Italian on the English page");
    h.get_by_role_and_label(Role::Button, "Open the folder");
    drop_file(&mut h, &dir.path().join("application.pdf.p7m"));
    wait_label(&mut h, "Document intact, signature valid");
    h.get_by_role_and_label(Role::Button, "Extract the document");
}

/// A signed file made by another card, ready to be checked.
fn a_signed_file(dir: &Path) -> std::path::PathBuf {
    let doc = dir.join("delibera.pdf");
    std::fs::write(&doc, b"%PDF-1.7 delibera\n".repeat(200)).unwrap();
    let p7m = dir.join("delibera.pdf.p7m");
    support::signed_by_the_simulated_card(&doc, &p7m, std::time::SystemTime::now());
    p7m
}

#[test]
fn verifying_is_offered_without_a_card_and_works_without_one() {
    let dir = tempfile::tempdir().unwrap();
    let p7m = a_signed_file(dir.path());
    let handle = SimHandle::default();
    handle.remove();
    let mut h = support::app(&handle, Lang::It);
    wait_label(&mut h, "Inserisci la tessera nel lettore");
    // The no-card page offers the check and says a file can be dropped.
    h.get_by_label("Hai ricevuto un documento firmato?");
    h.get_by_label_contains("trascinalo nella finestra");
    let sent = handle.commands_received();
    click(&mut h, "Verifica un documento");
    wait_label(&mut h, "oppure trascinalo nella finestra");
    if cns_manager::gui::export::dialog_possible() {
        // a real file dialog cannot be driven headless: drop the file instead
        h.get_by_role_and_label(Role::Button, "Scegli il file…");
        drop_file(&mut h, &p7m);
    } else {
        // no file dialog on this desktop: the window's own path field
        click(&mut h, "Scegli il file…");
        wait_label(&mut h, "Percorso del file");
        let field = h.get_by_role_and_label(Role::TextInput, "Percorso del file");
        field.focus();
        h.step();
        h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
        h.step();
        h.get_by_role_and_label(Role::TextInput, "Percorso del file")
            .type_text(&p7m.with_extension("x").to_string_lossy());
        h.step();
        click(&mut h, "Apri");
        wait_label(&mut h, "Non trovo il file");
        support::type_path(&mut h, &p7m);
    }
    wait_label(&mut h, "delibera.pdf.p7m");
    wait_label(&mut h, "Documento integro, firma valida");
    assert!(h.query_by_label_contains("Codice fiscale BNCGLI90E52D612W").is_some());
    assert_eq!(handle.commands_received(), sent, "checking a signature never talks to the card");
}

#[test]
fn every_page_of_the_status_screen_offers_the_check() {
    // a card whose answers make no sense: the read-failed page, in English
    let mut card = cns_sim::SimCard::with_mode(cns_sim::QuirkMode::Standard);
    card.quirks_mut().hostile = Some(cns_sim::Hostility::OddStatus);
    let handle = SimHandle::new(card);
    let mut h = support::app(&handle, Lang::En);
    wait_label(&mut h, "Card not readable");
    h.get_by_role_and_label(Role::Button, "Check a signed document");
    h.get_by_label_contains("drop it on the window");
    // the card's own page: the button, and the drop hint under the actions
    let handle = SimHandle::default();
    let h = app(&handle);
    h.get_by_role_and_label(Role::Button, "Verifica un documento");
    h.get_by_label_contains("Puoi anche trascinare un file nella finestra");
}

#[test]
fn a_card_pulled_during_the_signature_says_it_was_not_signed_and_the_try_is_in_doubt() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("contratto.txt");
    std::fs::write(&doc, b"contratto ".repeat(500)).unwrap();
    // How many commands a signature sends before its VERIFY, on a card of the same kind.
    let probe = SimHandle::default();
    let mut h = app(&probe);
    drop_file(&mut h, &doc);
    wait_label(&mut h, "Firma un documento");
    probe.clear_log();
    type_pin(&mut h, "12345");
    click(&mut h, "Firma");
    wait_label(&mut h, "Documento firmato");
    let before_verify =
        probe.command_log().iter().position(|c| c.header[1] == 0x20 && c.lc.is_some()).unwrap();
    std::fs::remove_file(dir.path().join("contratto.txt.p7m")).unwrap();
    drop(h);

    // Now the card leaves just before the VERIFY reaches it. (Nothing else talks to the card
    // meanwhile: the start-up read is over once the holder is shown, so the count holds.)
    let handle = SimHandle::default();
    let mut h = app(&handle);
    drop_file(&mut h, &doc);
    wait_label(&mut h, "Firma un documento");
    type_pin(&mut h, "12345");
    let limit = handle.commands_received() as usize + before_verify;
    handle.card().quirks_mut().remove_after_commands = Some(limit as u32);
    click(&mut h, "Firma");
    wait_label(&mut h, "La tessera è stata rimossa: il documento NON è stato firmato.");
    // The outcome is stated: not signed, and the try may have been counted.
    h.get_by_label_contains("non si può sapere se il tentativo è stato conteggiato");
    assert!(!dir.path().join("contratto.txt.p7m").exists(), "no signed file without a signature");
    // The removal did not wipe the page: the answer found it (and the status asks for the card).
    assert!(!handle.is_present());
    assert_eq!(pin_verifies(&handle), 0, "the VERIFY never reached the card");
    // Closed at once: the window may not have heard of the removal from its monitor yet, and
    // then reads a card that is gone; either way the page ends asking for the card.
    click(&mut h, "Chiudi");
    wait_label(&mut h, "Inserisci la tessera nel lettore");
    assert_eq!(handle.card().pin_tries_left(), 3, "the VERIFY never reached the card");
}

#[test]
fn a_verification_result_survives_the_card_coming_and_going() {
    let dir = tempfile::tempdir().unwrap();
    let p7m = a_signed_file(dir.path());
    let handle = SimHandle::default();
    let mut h = app(&handle);
    drop_file(&mut h, &p7m);
    wait_label(&mut h, "Verifica un documento");
    wait_label(&mut h, "Documento integro, firma valida");

    handle.remove();
    wait_label(&mut h, "vuoto"); // the reader list has seen it
    h.run_steps(3);
    h.get_by_label_contains("Documento integro, firma valida");
    h.get_by_role_and_label(Role::Button, "Estrai il documento");

    let reads = handle.commands_received();
    handle.insert();
    wait_label(&mut h, "tessera inserita");
    let start = std::time::Instant::now();
    while handle.commands_received() == reads {
        assert!(start.elapsed() < support::TIMEOUT, "the inserted card was not read");
        h.step();
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    h.run_steps(5);
    h.get_by_label_contains("Documento integro, firma valida");
    click(&mut h, "Estrai il documento");
    wait_label(&mut h, "Documento estratto in");
    assert_eq!(
        std::fs::read(dir.path().join("delibera (2).pdf")).unwrap(),
        std::fs::read(dir.path().join("delibera.pdf")).unwrap()
    );
    // Closed, the status of the card read meanwhile.
    click(&mut h, "Chiudi");
    wait_label(&mut h, "GIULIA BIANCHI");
}

/// The window read 3 tries, then another program spent two: the card's own count stops the
/// signature before the PIN goes out, and the user is taken to the same confirmation as when the
/// window knew, not left on a failure page.
#[test]
fn a_last_try_only_the_card_knows_of_leads_to_the_confirmation() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("atto.txt");
    std::fs::write(&doc, b"atto").unwrap();
    let handle = SimHandle::default();
    let mut h = app(&handle);
    handle.card().set_pin_tries(1, 3);
    drop_file(&mut h, &doc);
    wait_label(&mut h, "Firma un documento");
    handle.clear_log();
    type_pin(&mut h, "12345");
    click(&mut h, "Firma");
    wait_label(&mut h, "La tessera dice che resta un solo tentativo");
    assert_eq!(pin_verifies(&handle), 0, "nothing sent: the card's count said last try");
    assert_eq!(handle.card().pin_tries_left(), 1);
    // The PIN was wiped: typed again, then the confirmation, then the signature.
    type_pin(&mut h, "12345");
    click(&mut h, "Firma");
    wait_label(&mut h, "Usa l'ultimo tentativo");
    assert_eq!(pin_verifies(&handle), 0);
    click(&mut h, "Usa l'ultimo tentativo");
    wait_label(&mut h, "Documento firmato");
    assert_eq!(pin_verifies(&handle), 1, "the PIN went out once, after the confirmation");
    assert_eq!(handle.card().pin_tries_left(), 3);
    assert!(dir.path().join("atto.txt.p7m").exists());
}
