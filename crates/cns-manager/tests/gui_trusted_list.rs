//! "Importa l'elenco di fiducia (TSL)…" on a verification whose issuer is not trusted: a
//! tampered list is refused in clear words and trusts nothing; the real one (made and signed
//! here by openssl and `xmlsec1 --sign`, listing the simulated card's issuer as a granted
//! qualified CA) is imported, its summary shown, and the document checked again. Headless,
//! against the simulated card. Needs `openssl` and `xmlsec1` on PATH.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;
#[path = "../../cns-tsl/tests/support/test_tsl.rs"]
mod test_tsl;

use std::path::{Path, PathBuf};
use std::time::{Duration, UNIX_EPOCH};

use cns_manager::i18n::Lang;
use cns_sim::SimHandle;
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use support::{click, drop_file, wait_label};

const CHILD: &str = "CNS_GUI_TRUSTED_LIST_CHILD";
/// 01/12/2026 10:30 UTC, inside the simulated CA's validity (see gui_documents_more.rs).
const SIGNED_AT: u64 = 1_796_121_000;

/// Runs the test again in a child process in a home of its own (what the window trusts is
/// written there) with empty system-wide folders; false in the child.
fn in_child(name: &str, home: &Path) -> bool {
    // no desktop portal: the in-window path field, not a dialog waiting for a person
    support::in_private_home(CHILD, name, home, &["DBUS_SESSION_BUS_ADDRESS"])
}

#[test]
#[cfg_attr(windows, ignore = "needs openssl and xmlsec1 (absent under Wine)")]
fn a_trusted_list_imported_from_the_window_makes_the_signature_valid_and_a_tampered_one_is_refused() {
    let parent_home = tempfile::tempdir().unwrap();
    let name =
        "a_trusted_list_imported_from_the_window_makes_the_signature_valid_and_a_tampered_one_is_refused";
    if in_child(name, parent_home.path()) {
        return;
    }
    let home = PathBuf::from(std::env::var_os(CHILD).unwrap());
    let work = home.join("tsl");
    std::fs::create_dir_all(&work).unwrap();
    test_tsl::make_certs(&work);
    // The list's granted CA is the simulated card's issuer.
    std::fs::write(work.join("sim-ca.der"), support::sim_ca_der()).unwrap();
    test_tsl::ok(&work, "openssl", &["x509", "-inform", "DER", "-in", "sim-ca.der", "-out", "qca.pem"]);
    test_tsl::sign(&work, &test_tsl::template(&work, 7, "2099-01-01T00:00:00Z", ""), "signer", "TSL-IT.xml");
    let xml = std::fs::read_to_string(work.join("TSL-IT.xml")).unwrap();
    let tampered = work.join("TSL-IT-altered.xml");
    std::fs::write(&tampered, xml.replacen("di Prova S.p.A.", "di Prova S.p.B.", 1)).unwrap();
    // This system's user folder (~/.config/… on Linux, %APPDATA%\… on Windows), in the private home.
    let imported = cns_manager::trusted_list::user_dir().unwrap();
    assert!(imported.starts_with(&home), "{}", imported.display());
    // This user's pinned signer: the test list's.
    let signer_dir = imported.with_file_name("tsl-signer");
    std::fs::create_dir_all(&signer_dir).unwrap();
    std::fs::copy(work.join("signer.der"), signer_dir.join("signer.der")).unwrap();

    let doc = home.join("delibera.pdf");
    std::fs::write(&doc, b"%PDF-1.7 delibera\n".repeat(200)).unwrap();
    let p7m = PathBuf::from(format!("{}.p7m", doc.display()));
    support::signed_by_the_simulated_card(&doc, &p7m, UNIX_EPOCH + Duration::from_secs(SIGNED_AT));

    let handle = SimHandle::default();
    let mut h = support::app_sized(&handle, Lang::It, [1000.0, 1100.0]);
    wait_label(&mut h, "GIULIA BIANCHI");
    drop_file(&mut h, &p7m);
    wait_label(&mut h, "Autorità non fidata: la firma è integra");

    // The button, then the file in the path field. Where a real file dialog would open (zenity on
    // PATH) it would wait for a person: the file is dropped instead.
    h.get_by_role_and_label(Role::Button, "Importa l'elenco di fiducia (TSL)…");
    if cns_manager::gui::export::dialog_possible() {
        drop_file(&mut h, &tampered);
    } else {
        click(&mut h, "Importa l'elenco di fiducia (TSL)…");
        support::type_path(&mut h, &tampered);
    }
    wait_label(&mut h, "La firma dell'elenco di fiducia non è valida");
    h.get_by_label_contains("Nessuna autorità aggiunta");
    assert!(!imported.exists(), "nothing trusted from a tampered list");
    wait_label(&mut h, "Autorità non fidata: la firma è integra");

    drop_file(&mut h, &work.join("TSL-IT.xml"));
    wait_label(&mut h, "Tutte le firme sono valide.");
    h.get_by_label_contains("Elenco di fiducia IT n. 7 del 2026-01-01 (prossimo aggiornamento 2099-01-01)");
    h.get_by_label_contains(&format!("certificatore accreditato: {}", test_tsl::GRANTED_TSP));
    assert!(imported.join("IT/index.json").is_file());
}
