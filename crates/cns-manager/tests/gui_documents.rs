//! "Firma un documento" / "Verifica un documento" in the whole app, headless, against the
//! simulated card: files dropped on the window, the PIN typed, the card checked afterwards, and
//! the signed file checked by OpenSSL.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use cns_manager::backend::Backend;
use cns_manager::gui::{AppConfig, CnsApp};
use cns_manager::i18n::Lang;
use cns_sim::SimHandle;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

const TODAY: time::Date = time::macros::date!(2026 - 11 - 26);
const TIMEOUT: Duration = Duration::from_secs(20);

#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

fn app(handle: &SimHandle) -> Harness<'static, CnsApp> {
    let backend = Backend::Demo(handle.clone());
    let mut h = Harness::builder().with_size([1000.0, 900.0]).build_eframe(move |cc| {
        CnsApp::new(
            &cc.egui_ctx,
            AppConfig { today: Some(TODAY), ..AppConfig::new(backend, Lang::It, false) },
        )
    });
    h.step();
    wait_label(&mut h, "GIULIA BIANCHI");
    h
}

fn wait_label(h: &mut Harness<'_, CnsApp>, text: &str) {
    let start = Instant::now();
    loop {
        h.step();
        if h.query_by_label_contains(text).is_some() {
            return;
        }
        assert!(start.elapsed() < TIMEOUT, "timed out waiting for: {text}");
        std::thread::sleep(Duration::from_millis(5));
    }
}

fn drop_file(h: &mut Harness<'_, CnsApp>, p: &Path) {
    h.input_mut().dropped_files.push(Arc::new(Dropped(p.to_path_buf())));
    h.step();
    h.step();
}

fn type_pin(h: &mut Harness<'_, CnsApp>, digits: &str) {
    h.get_by_role_and_label(Role::PasswordInput, "PIN").focus();
    h.step();
    h.get_by_role_and_label(Role::PasswordInput, "PIN").type_text(digits);
    h.step();
    h.step();
}

fn click(h: &mut Harness<'_, CnsApp>, button: &str) {
    h.get_by_role_and_label(Role::Button, button).click();
    h.step();
    h.step();
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
    click(&mut h, "Verifica");
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
    wait_label(&mut h, "Resta un solo tentativo");
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
    wait_label(&mut h, "Il PIN deve avere da 5 a 8 cifre");
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
    click(&mut h, "Verifica");
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
    click(&mut h, "Verifica");
    wait_label(&mut h, "Documento integro, firma valida");
    // Nothing to extract from a detached signature.
    assert!(h.query_by_label_contains("Estrai il documento").is_none());
}

#[test]
fn the_document_screens_speak_english_too() {
    let handle = SimHandle::default();
    let backend = Backend::Demo(handle.clone());
    let mut h = Harness::builder().with_size([1000.0, 900.0]).build_eframe(move |cc| {
        CnsApp::new(
            &cc.egui_ctx,
            AppConfig { today: Some(TODAY), ..AppConfig::new(backend, Lang::En, false) },
        )
    });
    wait_label(&mut h, "GIULIA BIANCHI");
    click(&mut h, "Sign a document");
    wait_label(&mut h, "or drop it on the window");
    h.get_by_role_and_label(Role::Button, "Choose the file…");
    click(&mut h, "Close");
    click(&mut h, "Check a signed document");
    wait_label(&mut h, "or drop it on the window");
}
