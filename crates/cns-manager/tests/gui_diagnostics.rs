//! The "Diagnostica" page, headless against the simulated card: opened from the top bar, the
//! checks with the card recognised, the support report shown in full before saving, saved to the
//! path typed, with no personal datum in it.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::time::{Duration, Instant};

use cns_manager::backend::Backend;
use cns_manager::gui::{AppConfig, CnsApp};
use cns_manager::i18n::Lang;
use cns_sim::SimHandle;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

const TIMEOUT: Duration = Duration::from_secs(20);

fn app(handle: &SimHandle, lang: Lang) -> Harness<'static, CnsApp> {
    let backend = Backend::Demo(handle.clone());
    // The size the window opens at: the report's save row must be on screen without scrolling.
    let mut h = Harness::builder()
        .with_size([1000.0, 800.0])
        .build_eframe(move |cc| CnsApp::new(&cc.egui_ctx, AppConfig::new(backend, lang, false)));
    h.step();
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

fn click(h: &mut Harness<'_, CnsApp>, button: &str) {
    h.get_by_role_and_label(Role::Button, button).click();
    h.step();
    h.step();
}

#[test]
fn diagnostics_page_shows_checks_and_saves_a_redacted_report() {
    let handle = SimHandle::default();
    let mut h = app(&handle, Lang::It);
    wait_label(&mut h, "GIULIA BIANCHI");
    click(&mut h, "Diagnostica");
    wait_label(&mut h, "TS-CNS riconosciuta e leggibile: profilo Athena");
    assert!(h.query_by_label_contains("Modalità dimostrativa: si usa la tessera simulata").is_some());
    // The page replaces the status: no personal datum on it.
    assert!(h.query_by_label_contains("BIANCHI").is_none());

    click(&mut h, "Prepara il rapporto per l'assistenza");
    wait_label(&mut h, "Ecco tutto ciò che il rapporto contiene");
    let preview =
        h.get_by_label_contains("cns-manager – rapporto per l'assistenza").value().unwrap_or_default();
    assert!(preview.contains("Profilo: Athena"), "{preview}");
    assert!(preview.contains("(READ BINARY)"), "{preview}");
    for personal in ["BIANCHI", "GIULIA", "BNCGLI90E52D612W", "12051990", "104237815004"] {
        assert!(!preview.contains(personal), "{personal} in the preview:\n{preview}");
    }

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rapporto.txt");
    let field = h.get_by_role(Role::TextInput);
    field.focus();
    h.step();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_role(Role::TextInput).type_text(path.to_str().unwrap());
    h.step();
    h.step();
    assert_eq!(h.get_by_role(Role::TextInput).value().as_deref(), path.to_str());
    click(&mut h, "Salva il rapporto");
    wait_label(&mut h, "Rapporto salvato in");
    let saved = std::fs::read_to_string(&path).unwrap();
    assert_eq!(saved.trim_end(), preview.trim_end());

    click(&mut h, "Chiudi");
    wait_label(&mut h, "GIULIA BIANCHI");
}

#[test]
fn diagnostics_page_follows_the_language() {
    let handle = SimHandle::default();
    let mut h = app(&handle, Lang::En);
    wait_label(&mut h, "BIANCHI");
    click(&mut h, "Diagnostics");
    wait_label(&mut h, "TS-CNS recognised and readable");
    assert!(h.query_by_label_contains("riconosciuta").is_none());
}
