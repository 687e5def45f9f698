//! The document pages beyond the first signature and check: trusting an issuer from the window,
//! one headline per reason, a second signature beside the first, the PIN field's focus, a
//! folder chosen instead of a file, a file checked as soon as it is chosen, and "another
//! document" from each result. Headless, against the simulated card.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::path::{Path, PathBuf};
use std::time::{Duration, UNIX_EPOCH};

use cns_manager::gui::CnsApp;
use cns_manager::i18n::Lang;
use cns_sim::SimHandle;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use support::{click, drop_file, wait_label};

/// Set in the child process of a test that needs a home of its own (see [`in_child`]).
const CHILD: &str = "CNS_DOCUMENTS_MORE_CHILD";

/// 01/12/2026 10:30 UTC: after the test CA's own start (01/12/2026 03:41 UTC), so the chain is
/// valid at signing time, and long before the card's certificate expires (01/03/2031).
const SIGNED_AT: u64 = 1_796_121_000;

fn app(handle: &SimHandle, lang: Lang) -> Harness<'static, CnsApp> {
    let mut h = support::app_sized(handle, lang, [1000.0, 900.0]);
    wait_label(&mut h, "GIULIA BIANCHI");
    h
}

/// `doc` signed by the simulated card at `secs` since the epoch, into `doc.p7m`.
fn signed_at(doc: &Path, secs: u64) -> PathBuf {
    let p7m = PathBuf::from(format!("{}.p7m", doc.display()));
    support::signed_by_the_simulated_card(doc, &p7m, UNIX_EPOCH + Duration::from_secs(secs));
    p7m
}

/// Runs the test `name` again in a child process in a home of its own: what the window trusts
/// is written there, never in the real user's folder. False in the child: go on with the test.
fn in_child(name: &str, home: &Path) -> bool {
    support::in_private_home(CHILD, name, home, &[])
}

/// The child's home (the parent made it and passed it in [`CHILD`]).
fn child_home() -> PathBuf {
    PathBuf::from(std::env::var_os(CHILD).unwrap())
}

#[test]
fn an_issuer_trusted_from_the_window_after_its_fingerprint_makes_the_signature_valid() {
    let parent_home = tempfile::tempdir().unwrap();
    if in_child(
        "an_issuer_trusted_from_the_window_after_its_fingerprint_makes_the_signature_valid",
        parent_home.path(),
    ) {
        return;
    }
    let home = child_home();
    let doc = home.join("delibera.pdf");
    std::fs::write(&doc, b"%PDF-1.7 delibera\n".repeat(200)).unwrap();
    let p7m = signed_at(&doc, SIGNED_AT);
    // This system's folder of the user's authorities (~/.config/… on Linux, %APPDATA%\… on
    // Windows), inside the private home.
    let store = cns_manager::trusted_ca::user_dir().unwrap();
    assert!(store.starts_with(&home), "{}", store.display());

    let handle = SimHandle::default();
    let mut h = app(&handle, Lang::It);
    drop_file(&mut h, &p7m);
    // No click on "Verifica": the dropped file is checked at once.
    wait_label(&mut h, "Autorità non fidata: la firma è integra");
    assert!(h.query_by_label_contains("cns-manager ca import").is_none(), "no terminal command on the page");

    // A certificate that is not the issuer's (the signer's own): refused, nothing written.
    let mut t = handle.transport();
    let own = cns_core::card::read_certificate(&mut t).unwrap();
    drop(t);
    let wrong = home.join("mio.cer");
    std::fs::write(&wrong, &own).unwrap();
    drop_file(&mut h, &wrong);
    wait_label(&mut h, "non è stato aggiunto");
    assert!(!store.exists());

    // The issuer's certificate: its name and fingerprint first, and still nothing written.
    let ca = support::sim_ca_der();
    let sha = cns_manager::trusted_ca::sha256_hex(&ca);
    let shown: String = sha
        .as_bytes()
        .chunks(2)
        .map(|p| String::from_utf8_lossy(p).to_ascii_uppercase())
        .collect::<Vec<_>>()
        .join(":");
    let ca_file = home.join("regione.cer");
    std::fs::write(&ca_file, &ca).unwrap();
    drop_file(&mut h, &ca_file);
    wait_label(&mut h, "Fidarti di questa autorità?");
    h.get_by_label_contains(&shown);
    h.get_by_label_contains("Confronta l'impronta");
    assert!(!store.exists(), "nothing trusted before the confirmation");
    // Cancel is a real no.
    click(&mut h, "Annulla");
    assert!(h.query_by_label_contains("Fidarti di questa autorità?").is_none());
    assert!(!store.exists());

    drop_file(&mut h, &ca_file);
    wait_label(&mut h, "Fidarti di questa autorità?");
    click(&mut h, "Fidati di questa autorità");
    // Checked again: now every line is green.
    wait_label(&mut h, "Tutte le firme sono valide.");
    h.get_by_label_contains("autorità fidata");
    assert!(store.join(format!("{sha}.der")).is_file());

    // The same store as `cns-manager ca import`: the command line trusts it too.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_cns-manager"))
        .arg("verify")
        .arg(&p7m)
        .env("HOME", &home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        // The same folder for Windows, where the user's settings live under %APPDATA%.
        .env("APPDATA", home.join(".config"))
        .env(cns_manager::trusted_ca::SYSTEM_DIR_ENV, home.join("sys-ca"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
}

#[test]
fn each_reason_has_its_own_headline_in_italian_and_english() {
    let dir = tempfile::tempdir().unwrap();
    let handle = SimHandle::default();
    let mut h = app(&handle, Lang::It);
    // Signed on 01/06/2032, after the card's certificate expired.
    let doc = dir.path().join("scaduto.txt");
    std::fs::write(&doc, b"scaduto").unwrap();
    let expired = signed_at(&doc, 1_969_999_200);
    drop_file(&mut h, &expired);
    wait_label(&mut h, "Certificato SCADUTO: la firma è integra");
    // Signed on 01/01/2020, before the certificate was issued.
    let doc = dir.path().join("presto.txt");
    std::fs::write(&doc, b"presto").unwrap();
    let early = signed_at(&doc, 1_577_872_800);
    drop_file(&mut h, &early);
    wait_label(&mut h, "Certificato non ancora valido alla data della firma");
    // Altered after signing.
    let doc = dir.path().join("atto.txt");
    std::fs::write(&doc, b"testo originale ".repeat(50)).unwrap();
    let mut bytes = std::fs::read(signed_at(&doc, SIGNED_AT)).unwrap();
    let at = bytes.windows(16).position(|w| w == b"testo originale ").unwrap() + 3;
    bytes[at] ^= 1;
    let altered = dir.path().join("alterato.p7m");
    std::fs::write(&altered, bytes).unwrap();
    drop_file(&mut h, &altered);
    wait_label(&mut h, "Una firma NON è valida: il documento è stato modificato");
    // A signed file whose signer's certificate is missing cannot be checked.
    let uncheckable = dir.path().join("senza-certificato.p7m");
    std::fs::write(&uncheckable, without_certificates(&std::fs::read(signed_at(&doc, SIGNED_AT)).unwrap()))
        .unwrap();
    drop_file(&mut h, &uncheckable);
    wait_label(&mut h, "Una firma NON è verificabile con questo programma");

    let mut h = app(&handle, Lang::En);
    drop_file(&mut h, &expired);
    wait_label(&mut h, "Certificate EXPIRED: the signature is intact");
    drop_file(&mut h, &uncheckable);
    wait_label(&mut h, "A signature CANNOT be checked by this program");
}

/// The same DER SignedData with its `certificates [0]` set taken out (lengths fixed up): a
/// signature whose signer cannot be found. The file is small, so every length is definite.
fn without_certificates(der: &[u8]) -> Vec<u8> {
    fn header(b: &[u8]) -> (usize, usize) {
        let first = b[1];
        if first < 0x80 {
            return (2, first as usize);
        }
        let n = (first & 0x7f) as usize;
        let len = b[2..2 + n].iter().fold(0usize, |a, x| (a << 8) | *x as usize);
        (2 + n, len)
    }
    fn encode(tag: u8, body: &[u8]) -> Vec<u8> {
        let mut out = vec![tag];
        let len = body.len();
        if len < 0x80 {
            out.push(len as u8);
        } else {
            let bytes: Vec<u8> = len.to_be_bytes().into_iter().skip_while(|b| *b == 0).collect();
            out.push(0x80 | bytes.len() as u8);
            out.extend(bytes);
        }
        out.extend_from_slice(body);
        out
    }
    fn children(body: &[u8]) -> Vec<&[u8]> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < body.len() {
            let (h, l) = header(&body[i..]);
            out.push(&body[i..i + h + l]);
            i += h + l;
        }
        out
    }
    fn body(tlv: &[u8]) -> &[u8] {
        let (h, l) = header(tlv);
        &tlv[h..h + l]
    }
    // ContentInfo { oid, [0] { SignedData { version, digests, encap, [0] certs, signerInfos } } }
    let ci = children(body(der));
    let signed_data = body(body(ci[1]));
    let kept: Vec<u8> =
        children(signed_data).into_iter().filter(|c| c[0] != 0xa0).flatten().copied().collect();
    let sd = encode(0x30, &kept);
    let explicit = encode(0xa0, &sd);
    let mut ci_body = ci[0].to_vec();
    ci_body.extend(explicit);
    encode(0x30, &ci_body)
}

#[test]
fn a_second_signature_keeps_the_p7m_chain_and_extracts_to_the_document() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("x.txt");
    std::fs::write(&doc, b"contenuto ".repeat(300)).unwrap();
    let handle = SimHandle::default();
    let mut h = app(&handle, Lang::It);
    drop_file(&mut h, &doc);
    support::type_pin(&mut h, "PIN", "12345");
    click(&mut h, "Firma");
    wait_label(&mut h, "Documento firmato");
    let first = std::fs::read(dir.path().join("x.txt.p7m")).unwrap();

    // "Firma un altro documento": a fresh page; the same file again.
    click(&mut h, "Firma un altro documento");
    wait_label(&mut h, "oppure trascinalo nella finestra");
    assert!(h.query_by_label_contains("Documento firmato").is_none(), "the last result stays behind");
    drop_file(&mut h, &doc);
    support::type_pin(&mut h, "PIN", "12345");
    click(&mut h, "Firma");
    wait_label(&mut h, "x (2).txt.p7m");
    assert_eq!(std::fs::read(dir.path().join("x.txt.p7m")).unwrap(), first, "the first signature is kept");

    // Its extraction gives back a .txt with the document's bytes.
    let second = dir.path().join("x (2).txt.p7m");
    drop_file(&mut h, &second);
    wait_label(&mut h, "Documento integro, firma valida");
    click(&mut h, "Estrai il documento");
    wait_label(&mut h, "Documento estratto in");
    assert_eq!(std::fs::read(dir.path().join("x (2).txt")).unwrap(), std::fs::read(&doc).unwrap());
}

#[test]
fn a_later_detached_signature_is_checked_against_the_document_and_says_which() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("fattura.xml");
    std::fs::write(&doc, b"<fattura/>".repeat(50)).unwrap();
    let handle = SimHandle::default();
    let mut h = app(&handle, Lang::It);
    for _ in 0..2 {
        drop_file(&mut h, &doc);
        wait_label(&mut h, "Firma un documento");
        h.get_by_role_and_label(Role::CheckBox, "Firma separata (.p7s): il documento resta a parte").click();
        h.step();
        h.step();
        support::type_pin(&mut h, "PIN", "12345");
        click(&mut h, "Firma");
        wait_label(&mut h, "Documento firmato");
    }
    let second = dir.path().join("fattura (2).xml.p7s");
    assert!(second.is_file() && dir.path().join("fattura.xml.p7s").is_file());
    drop_file(&mut h, &second);
    wait_label(&mut h, "Documento integro, firma valida");
    h.get_by_label_contains("controllata sul documento «fattura.xml»");
}

#[test]
fn enter_on_an_empty_pin_keeps_the_focus_and_the_digits_typed_next_land() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("domanda.txt");
    std::fs::write(&doc, b"domanda").unwrap();
    let handle = SimHandle::default();
    let mut h = app(&handle, Lang::It);
    drop_file(&mut h, &doc);
    wait_label(&mut h, "Ti restano 3 tentativi");
    h.get_by_role_and_label(Role::CheckBox, "Mostra le cifre");
    handle.clear_log();
    h.get_by_role_and_label(Role::PasswordInput, "PIN").focus();
    h.step();
    h.key_press(egui::Key::Enter);
    h.step();
    h.step();
    wait_label(&mut h, "Scrivi il PIN della tessera");
    assert!(h.get_by_role_and_label(Role::PasswordInput, "PIN").is_focused());
    // A PIN too short: refused here, the focus stays, and the digits added next count.
    h.input_mut().events.push(egui::Event::Text("123".into()));
    h.step();
    h.key_press(egui::Key::Enter);
    h.step();
    h.step();
    wait_label(&mut h, "PIN non valido: servono da 5 a 8 cifre");
    assert!(h.get_by_role_and_label(Role::PasswordInput, "PIN").is_focused());
    assert!(
        !handle.command_log().iter().any(|c| c.header[1] == 0x20 && c.lc.is_some()),
        "no PIN went to the card"
    );
    // Typed as keys go, with no click to put the focus back: 123 + 45.
    h.input_mut().events.push(egui::Event::Text("45".into()));
    h.step();
    h.key_press(egui::Key::Enter);
    h.step();
    wait_label(&mut h, "Documento firmato");
    assert_eq!(handle.card().pin_tries_left(), 3, "the PIN was right: 12345");
}

#[test]
fn nine_digits_typed_for_the_signature_send_nothing_until_one_is_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("domanda.txt");
    std::fs::write(&doc, b"domanda").unwrap();
    let handle = SimHandle::default();
    let mut h = app(&handle, Lang::It);
    drop_file(&mut h, &doc);
    wait_label(&mut h, "Ti restano 3 tentativi");
    handle.clear_log();
    h.get_by_role_and_label(Role::PasswordInput, "PIN").focus();
    h.step();
    // The field keeps 8 of the 9: those 8 are not the PIN the user typed.
    h.input_mut().events.push(egui::Event::Text("123456789".into()));
    h.step();
    h.key_press(egui::Key::Enter);
    h.step();
    h.step();
    wait_label(&mut h, "Al massimo 8 cifre");
    click(&mut h, "Firma");
    h.step();
    h.step();
    assert!(h.get_by_role_and_label(Role::PasswordInput, "PIN").is_focused());
    assert!(
        !handle.command_log().iter().any(|c| c.header[1] == 0x20 && c.lc.is_some()),
        "no PIN went to the card"
    );
    assert!(!dir.path().join("domanda.txt.p7m").exists());
    assert_eq!(handle.card().pin_tries_left(), 3);
}

#[test]
fn a_folder_is_said_to_be_a_folder_and_a_chosen_file_is_checked_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("delibera.pdf");
    std::fs::write(&doc, b"%PDF-1.7 delibera\n".repeat(100)).unwrap();
    let p7m = signed_at(&doc, SIGNED_AT);
    let handle = SimHandle::default();
    let mut h = app(&handle, Lang::It);
    // A folder dropped on the window.
    drop_file(&mut h, dir.path());
    wait_label(&mut h, "È una cartella, non un file");
    assert!(h.query_by_label_contains("Non trovo il file").is_none());
    click(&mut h, "Chiudi");

    click(&mut h, "Verifica un documento");
    wait_label(&mut h, "oppure trascinalo nella finestra");
    if cns_manager::gui::export::dialog_possible() {
        // a real file dialog cannot be driven headless: a dropped file is checked at once
        drop_file(&mut h, &p7m);
    } else {
        click(&mut h, "Scegli il file…");
        wait_label(&mut h, "Percorso del file");
        support::type_path(&mut h, dir.path());
        wait_label(&mut h, "È una cartella, non un file");
        support::type_path(&mut h, &p7m);
    }
    // The result with no "Verifica" to press.
    wait_label(&mut h, "Documento integro, firma valida");

    // "Verifica un altro documento": the chooser again, nothing of the last result left.
    click(&mut h, "Estrai il documento");
    wait_label(&mut h, "Documento estratto in");
    click(&mut h, "Verifica un altro documento");
    wait_label(&mut h, "oppure trascinalo nella finestra");
    assert!(h.query_by_label_contains("Documento estratto in").is_none());
    assert!(h.query_by_label_contains("delibera.pdf.p7m").is_none());
    if !cns_manager::gui::export::dialog_possible() {
        // no dialog here: the path field is already open, no second click
        h.get_by_role_and_label(Role::TextInput, "Percorso del file");
    }
}
