//! The "Diagnostica" page, headless against the simulated card: opened from the top bar, the
//! checks with the card recognised, the support report shown in full before saving, saved to the
//! path typed, with no personal datum in it.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use cns_manager::i18n::Lang;
use cns_sim::SimHandle;
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use support::{app, click, wait_label};

#[test]
fn diagnostics_page_shows_checks_and_saves_a_redacted_report() {
    let handle = SimHandle::default();
    let mut h = app(&handle, Lang::It);
    wait_label(&mut h, "GIULIA BIANCHI");
    click(&mut h, "Diagnostica");
    wait_label(&mut h, "TS-CNS riconosciuta e leggibile: profilo Athena");
    // The real system is checked, not passed over because the demo is on (gui_truth.rs).
    assert!(h.query_by_label_contains("Modalità dimostrativa: si usa la tessera simulata").is_none());
    h.get_by_label_contains("questi controlli riguardano il sistema vero di questo computer");
    // The page replaces the status: no personal datum on it.
    assert!(h.query_by_label_contains("BIANCHI").is_none());
    // The status page's free help lines, once.
    assert_eq!(h.query_all_by_label("Numeri di aiuto (gratuiti)").count(), 1);
    h.get_by_label("Numero verde 800 030 606");
    h.get_by_label("Sistema TS 800 030 070");

    click(&mut h, "Prepara il rapporto per l'assistenza");
    wait_label(&mut h, "Ecco tutto ciò che il rapporto contiene");
    h.get_by_label_contains("per e-mail, come allegato");
    // Beside the preview: the help lines, and the checks still in sight (one line each).
    assert_eq!(h.query_all_by_label("Numeri di aiuto (gratuiti)").count(), 1);
    h.get_by_label("Numero verde 800 030 606");
    // (once in the list, once in the report's text)
    assert_eq!(h.query_all_by_label_contains("TS-CNS riconosciuta e leggibile").count(), 2);
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
    // Pressed as a keyboard or screen-reader user does: on a system with more checks (Windows)
    // the button is below the fold, where a pointer click at its place would miss it.
    h.get_by_role_and_label(Role::Button, "Salva il rapporto").click_accesskit();
    h.step();
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
    h.get_by_label("Help lines (free of charge)");
    h.get_by_label("Toll-free number 800 030 606");
}
