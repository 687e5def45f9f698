//! Image snapshots of the main screens (needs a GPU stack: lavapipe or llvmpipe). Run with
//! `cargo test -p cns-manager --features snapshot --test gui_snapshots`; refresh the reference
//! images in `tests/snapshots/` with `UPDATE_SNAPSHOTS=1`, and look at every changed PNG before
//! committing it.
//!
//! Stable images: fixed window size (the app's own 960×640) and 1 pixel per point, the
//! simulated card with its fixed fixture data (the certificate and the card expire in 2031, so
//! the status says "valido" until 30 days before), no mouse cursor drawn, and every picture taken
//! only once the screen has settled (never while a spinner turns).

#![cfg(feature = "snapshot")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;
use support::click;

use std::time::{Duration, Instant};

use cns_manager::backend::Backend;
use cns_manager::gui::{AppConfig, CnsApp};
use cns_manager::i18n::Lang;
use cns_sim::SimHandle;
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use egui_kittest::{Harness, SnapshotOptions};
use support::Dropped;

/// Fixed, so that expiry words do not change as the fixture card (expiring 01/03/2031) ages.
const TODAY: time::Date = time::macros::date!(2026 - 11 - 26);

/// A bound on waiting for the worker threads, not an expectation of their speed: on a loaded
/// machine a debug build's read can take seconds, and only a screen that never comes fails.
const TIMEOUT: Duration = Duration::from_secs(60);

/// The app's default window size (`gui::run`).
const SIZE: [f32; 2] = [960.0, 640.0];

/// kittest's own defaults, written out: a per-pixel colour tolerance that absorbs the
/// antialiasing differences between software rasterisers (Vulkan lavapipe, EGL llvmpipe), and
/// not a single pixel over it. A moved word or a changed colour fails.
fn options() -> SnapshotOptions {
    SnapshotOptions::new().threshold(0.6).max_failed_pixels(0)
}

fn app_with(backend: Backend, lang: Lang, counter: bool) -> Harness<'static, CnsApp> {
    app_with_config(AppConfig { today: Some(TODAY), ..AppConfig::new(backend, lang, counter) })
}

fn app_with_config(config: AppConfig) -> Harness<'static, CnsApp> {
    Harness::builder()
        .with_size(SIZE)
        .with_pixels_per_point(1.0)
        .with_render_cursor(false)
        .with_options(options())
        .wgpu()
        .build_eframe(move |cc| CnsApp::new(&cc.egui_ctx, config))
}

fn app(handle: &SimHandle, lang: Lang, counter: bool) -> Harness<'static, CnsApp> {
    app_with(Backend::Demo(handle.clone()), lang, counter)
}

/// Runs frames until `text` is on screen (the worker and the reader monitor are threads), then
/// a few more so the layout has settled.
fn wait_label(h: &mut Harness<'_, CnsApp>, text: &str) {
    let start = Instant::now();
    while h.query_by_label_contains(text).is_none() {
        assert!(
            start.elapsed() < TIMEOUT,
            "timed out waiting for: {text}\non screen:\n{}",
            support::on_screen(h)
        );
        h.step();
        std::thread::sleep(Duration::from_millis(5));
    }
    h.run_steps(4);
}

fn type_pin(h: &mut Harness<'_, CnsApp>, field: &str, digits: &str) {
    h.get_by_role_and_label(Role::PasswordInput, field).focus();
    h.step();
    h.get_by_role_and_label(Role::PasswordInput, field).type_text(digits);
    h.step();
    h.step();
}

fn status_shown(h: &mut Harness<'_, CnsApp>) {
    wait_label(h, "GIULIA BIANCHI");
}

#[test]
fn status_screen() {
    let handle = SimHandle::default();
    let mut h = app(&handle, Lang::It, false);
    status_shown(&mut h);
    h.get_by_label("✔ PIN attivo");
    h.snapshot("status_it");
}

#[test]
fn status_screen_english() {
    let handle = SimHandle::default();
    let mut h = app(&handle, Lang::En, false);
    status_shown(&mut h);
    h.get_by_label("✔ PIN active");
    h.snapshot("status_en");
}

/// German (Alto Adige / Südtirol): the status page, the first step of a PIN change, the new-card
/// help, the sign page and a verification, each with its German words on screen.
#[test]
fn status_screen_german() {
    let handle = SimHandle::default();
    let mut h = app(&handle, Lang::De, false);
    status_shown(&mut h);
    h.get_by_label("✔ PIN aktiv");
    h.snapshot("status_de");
}

#[test]
fn change_pin_first_step_german() {
    let handle = SimHandle::default();
    let mut h = app(&handle, Lang::De, false);
    status_shown(&mut h);
    click(&mut h, "PIN ändern");
    wait_label(&mut h, "Schritt 1 von 3");
    type_pin(&mut h, "Aktuelle PIN", "12345");
    h.run_steps(4);
    h.snapshot("change_pin_step1_de");
}

#[test]
fn puk_blocked_help_german() {
    let handle = SimHandle::default();
    handle.card().set_pin_tries(0, 3);
    handle.card().set_puk_tries(0, 8);
    let mut h = app(&handle, Lang::De, false);
    status_shown(&mut h);
    h.get_by_label("⛔ PUK gesperrt");
    click(&mut h, "So beantragen Sie eine neue Karte");
    wait_label(&mut h, "Grüne Nummer 800 030 606");
    h.snapshot("puk_blocked_help_de");
}

#[test]
fn change_pin_first_step() {
    let handle = SimHandle::default();
    let mut h = app(&handle, Lang::It, false);
    status_shown(&mut h);
    click(&mut h, "Cambia PIN");
    wait_label(&mut h, "Passo 1 di 3");
    type_pin(&mut h, "PIN attuale", "12345");
    h.run_steps(4);
    h.snapshot("change_pin_step1");
}

#[test]
fn last_try_confirmation() {
    let handle = SimHandle::default();
    handle.card().set_pin_tries(1, 3);
    let mut h = app(&handle, Lang::It, false);
    status_shown(&mut h);
    click(&mut h, "Verifica PIN");
    type_pin(&mut h, "PIN", "99999");
    let sent = handle.commands_received();
    click(&mut h, "Verifica");
    wait_label(&mut h, "È l'ultimo tentativo.");
    h.snapshot("last_try_confirm");
    // The picture is of the question, not of an answer: nothing went to the card.
    assert_eq!(handle.commands_received(), sent);
}

#[test]
fn puk_blocked_status_and_help() {
    let handle = SimHandle::default();
    handle.card().set_pin_tries(0, 3);
    handle.card().set_puk_tries(0, 8);
    let mut h = app(&handle, Lang::It, false);
    status_shown(&mut h);
    h.get_by_label("⛔ PUK bloccato");
    h.snapshot("puk_blocked_status");
    click(&mut h, "Come richiedere una nuova tessera");
    wait_label(&mut h, "Numero verde 800 030 606");
    h.snapshot("puk_blocked_help");
}

#[test]
fn counter_mode_after_removal() {
    let handle = SimHandle::default();
    let mut h = app(&handle, Lang::It, true);
    status_shown(&mut h);
    handle.remove();
    wait_label(&mut h, "Tessera rimossa – schermo pulito");
    assert!(h.query_by_label_contains("GIULIA").is_none());
    h.snapshot("counter_removed");
}

#[test]
fn insert_card_prompt() {
    let handle = SimHandle::default();
    handle.remove();
    let mut h = app(&handle, Lang::It, false);
    wait_label(&mut h, "Inserisci la tessera nel lettore");
    h.snapshot("insert_card");
}

/// Set in the child process of [`no_reader_guidance`].
const NO_PCSCD: &str = "CNS_SNAPSHOT_NO_PCSCD";

/// The real PC/SC backend with the smart card service out of reach: the guidance to start it.
/// Whether pcscd runs on the machine must not matter, so the test runs itself again in a child
/// process whose libpcsclite looks for pcscd's socket where there is none
/// (`PCSCLITE_CSOCK_NAME`; the variable cannot be set inside this process without `unsafe`).
#[test]
fn no_reader_guidance() {
    if std::env::var_os(NO_PCSCD).is_none() {
        let missing = std::env::temp_dir().join("cns-manager-snapshot-no-pcscd.comm");
        support::run_test_in_child(
            "no_reader_guidance",
            &[(NO_PCSCD, "1".as_ref()), ("PCSCLITE_CSOCK_NAME", missing.as_ref())],
            &[],
        );
        return;
    }
    let mut h = app_with(Backend::Pcsc, Lang::It, false);
    wait_label(&mut h, "Il servizio smart card non è attivo");
    h.get_by_label("sudo systemctl enable --now pcscd.socket");
    h.snapshot("no_service");
}

/// "Firma un documento" after `doc` was dropped on the window: name and size (`shown`), the PIN
/// typed.
fn sign_pin_step(doc: &std::path::Path, lang: Lang, shown: &str) -> Harness<'static, CnsApp> {
    std::fs::write(doc, vec![b'x'; 76_800]).unwrap();
    let mut h = app(&SimHandle::default(), lang, false);
    wait_label(&mut h, "GIULIA BIANCHI");
    h.input_mut().dropped_files.push(std::sync::Arc::new(Dropped(doc.to_path_buf())));
    wait_label(&mut h, shown);
    type_pin(&mut h, "PIN", "12345");
    h.run_steps(4);
    h
}

#[test]
fn sign_document_pin_step() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = sign_pin_step(&dir.path().join("domanda.pdf"), Lang::It, "domanda.pdf – 75,0 KB");
    h.snapshot("sign_document_pin_step");
}

#[test]
fn sign_document_pin_step_english() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = sign_pin_step(&dir.path().join("application.pdf"), Lang::En, "application.pdf – 75.0 KB");
    h.snapshot("sign_document_pin_step_en");
}

#[test]
fn sign_document_pin_step_german() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = sign_pin_step(&dir.path().join("antrag.pdf"), Lang::De, "antrag.pdf – 75,0 KB");
    h.snapshot("sign_document_pin_step_de");
}

/// "Documento firmato": where the signed file is, and "Apri la cartella". The document lives in
/// a fixed folder so that the path on the page is the same on every run.
#[test]
fn sign_document_result() {
    let home = fixed_home("sign_result_it");
    let mut h = sign_pin_step(&home.join("domanda.pdf"), Lang::It, "domanda.pdf – 75,0 KB");
    click(&mut h, "Firma");
    wait_label(&mut h, "Documento firmato");
    h.run_steps(4);
    h.snapshot("sign_document_result");
}

/// Set in the child processes of the tests that need their own config folder (see
/// [`in_child`]).
const CHILD: &str = "CNS_SNAPSHOT_CHILD";

/// Runs the test `name` again in a child process of this binary, with `HOME` and
/// `XDG_CONFIG_HOME` in `home` (the trusted issuers, the settings and the browsers the window
/// sees live there; the variables cannot be set inside this process without `unsafe`). Returns
/// false in the child: go on with the test.
fn in_child(name: &str, home: &std::path::Path) -> bool {
    if std::env::var_os(CHILD).is_some() {
        return false;
    }
    let config = home.join(".config");
    support::run_test_in_child(
        name,
        &[(CHILD, "1".as_ref()), ("HOME", home.as_ref()), ("XDG_CONFIG_HOME", config.as_ref())],
        &[],
    );
    true
}

/// A home of its own at a fixed place (its path shows on the Diagnostica page), emptied first.
fn fixed_home(name: &str) -> std::path::PathBuf {
    let home = std::env::temp_dir().join(format!("cns-manager-snapshot-{name}"));
    if std::env::var_os(CHILD).is_none() {
        let _ = std::fs::remove_dir_all(&home);
        std::fs::create_dir_all(home.join(".config")).unwrap();
    }
    home
}

/// The result page of "Verifica un documento" for a file the simulated card signed at a fixed
/// time, its issuer imported as trusted: every line green.
fn verify_result(test: &str, name: &str, lang: Lang, expect: &str) {
    let home = fixed_home(name);
    if std::env::var_os(CHILD).is_none() {
        let ca = support::sim_ca_der();
        let dir = home.join(".config/cns-manager/trusted-ca");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(format!("{}.der", cns_manager::trusted_ca::sha256_hex(&ca))), &ca).unwrap();
        let doc = home.join("delibera.pdf");
        std::fs::write(&doc, b"%PDF-1.7 delibera di giunta\n".repeat(150)).unwrap();
        // 01/12/2026 10:30 UTC, 11:30 in Italy: after the test CA's own start (01/12/2026 03:41
        // UTC, crates/cns-sim/fixtures), or the chain would not be valid at signing time
        let at = std::time::UNIX_EPOCH + Duration::from_secs(1_796_121_000);
        support::signed_by_the_simulated_card(&doc, &home.join("delibera.pdf.p7m"), at);
    }
    if in_child(test, &home) {
        return;
    }
    let handle = SimHandle::default();
    let mut h = app(&handle, lang, false);
    status_shown(&mut h);
    h.input_mut().dropped_files.push(std::sync::Arc::new(Dropped(home.join("delibera.pdf.p7m"))));
    h.step();
    h.step();
    // the signed file is checked as soon as it is chosen
    wait_label(&mut h, expect);
    h.snapshot(name);
}

#[test]
fn verify_result_german() {
    verify_result("verify_result_german", "verify_result_de", Lang::De, "Alle Signaturen sind gültig.");
}

#[test]
fn verify_result_italian() {
    verify_result("verify_result_italian", "verify_result_it", Lang::It, "Tutte le firme sono valide.");
}

#[test]
fn verify_result_english() {
    verify_result("verify_result_english", "verify_result_en", Lang::En, "Every signature is valid.");
}

/// A genuine Italian CAdES-T file (InfoCert, signed with Dike in 2015: the corpus's
/// it-sinekarta-dike_pippo.txt.p7m) after AgID's own trusted list (no. 141, checked by xmlsec1
/// against the built-in AgID signers) was imported: the signer qualified, the 2015 timestamp
/// trusted for its TSA's accredited years.
#[test]
fn verify_result_cades_t_with_the_agid_list() {
    let name = "verify_result_cades_t_it";
    let home = fixed_home(name);
    let file = home.join("dike_pippo.txt.p7m");
    if std::env::var_os(CHILD).is_none() {
        let dir = env!("CARGO_MANIFEST_DIR");
        std::fs::copy(format!("{dir}/../cns-cades/tests/corpus/it-sinekarta-dike_pippo.txt.p7m"), &file)
            .unwrap();
        let gz = format!("{dir}/../cns-tsl/tests/data/TSL-IT-seq141.xml.gz");
        let xml = std::process::Command::new("gzip").args(["-dc", &gz]).output().unwrap();
        let list = home.join("TSL-IT.xml");
        std::fs::write(&list, &xml.stdout).unwrap();
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_cns-manager"))
            .args(["ca", "import-tsl"])
            .arg(&list)
            .env("HOME", &home)
            .env("XDG_CONFIG_HOME", home.join(".config"))
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    if in_child("verify_result_cades_t_with_the_agid_list", &home) {
        return;
    }
    let handle = SimHandle::default();
    let mut h = app(&handle, Lang::It, false);
    status_shown(&mut h);
    h.input_mut().dropped_files.push(std::sync::Arc::new(Dropped(file)));
    h.step();
    h.step();
    wait_label(&mut h, "Tutte le firme sono valide.");
    h.snapshot(name);
}

/// The Diagnostica page on the demo card, with a home of its own (no settings, no browser).
/// The tool versions at the bottom of the list are below the picture's fold.
#[test]
fn diagnostics_page() {
    let home = fixed_home("diagnostics");
    if std::env::var_os(CHILD).is_none() {
        // Diagnostica checks this PC's real smart card service: in the child it is one nobody
        // listens on, so the picture is the same here and under the test rigs' pcscd.
        let config = home.join(".config");
        let socket = home.join("no-pcscd.comm");
        support::run_test_in_child(
            "diagnostics_page",
            &[
                (CHILD, "1".as_ref()),
                ("HOME", home.as_ref()),
                ("XDG_CONFIG_HOME", config.as_ref()),
                ("PCSCLITE_CSOCK_NAME", socket.as_ref()),
            ],
            &[],
        );
        return;
    }
    let handle = SimHandle::default();
    let mut h = app(&handle, Lang::It, false);
    status_shown(&mut h);
    click(&mut h, "Diagnostica");
    wait_label(&mut h, "TS-CNS riconosciuta e leggibile");
    h.get_by_label("Numeri di aiuto (gratuiti)");
    h.snapshot("diagnostics");
}

/// "Non hai il PIN o il PUK?" for a Lombard card (Mario Rossi's, region 030): the region's
/// offices first, as the page opens.
#[test]
fn pin_help_lombardy() {
    let card = cns_sim::SimCard::new(cns_sim::QuirkMode::Standard, cns_sim::HolderPreset::RossiMario);
    let handle = SimHandle::new(card);
    let mut h = app(&handle, Lang::It, false);
    wait_label(&mut h, "MARIO ROSSI");
    h.get_by_role_and_label(Role::Link, "Non hai il PIN o il PUK?").click();
    wait_label(&mut h, "Indicazioni per le tessere della Regione Lombardia");
    h.snapshot("pin_help_lombardy");
    // Scrolled to the help lines: what each number is for, when it answers, "Copia" beside it.
    h.get_by_role_and_label(Role::Button, "Copia 800 030 070").scroll_to_me();
    h.run_steps(6);
    h.snapshot("pin_help_lombardy_contacts");
}

/// "Servizi online con la tessera" for the same card, once the browser was found to see it (a launcher that
/// says so and opens nothing).
#[test]
fn services_lombardy() {
    use cns_manager::guidance::launch::{Launcher, Readiness};
    struct Ready;
    impl Launcher for Ready {
        fn check(&self) -> Readiness {
            Readiness::Ready
        }
        fn open(&self, _: &str) -> Result<(), String> {
            Ok(())
        }
    }
    let card = cns_sim::SimCard::new(cns_sim::QuirkMode::Standard, cns_sim::HolderPreset::RossiMario);
    let backend = Backend::Demo(SimHandle::new(card));
    let mut h = app_with_config(AppConfig {
        today: Some(TODAY),
        launcher: std::sync::Arc::new(Ready),
        ..AppConfig::new(backend, Lang::It, false)
    });
    wait_label(&mut h, "MARIO ROSSI");
    click(&mut h, "Servizi online con la tessera");
    wait_label(&mut h, "Apri Prenota Salute");
    click(&mut h, "Apri Fascicolo Sanitario Elettronico");
    wait_label(&mut h, "Il browser vede la tessera.");
    h.snapshot("services_lombardy");
}
