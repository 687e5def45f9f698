//! The "Usa la tessera nel browser" page, headless (egui_kittest), against a fake home folder: a
//! Firefox profile and a Chromium NSS database made by NSS's `certutil`, the real module and the
//! real `modutil`. Opened from Diagnostica, out of demo mode, it lists both with their state,
//! registers only after the confirmation (Annulla changes nothing), says when Firefox is open and
//! then offers nothing, and speaks English when asked.
//!
//! The page reads HOME, like the app does; the process's environment cannot be changed safely
//! with threads around, so each test re-runs this test binary for its `inner_*` twin with HOME
//! set to the fake home. An `inner_*` test run any other way (`--ignored`) refuses to start
//! unless HOME is a fake home this file made: the real user's browsers are never touched.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use cns_manager::backend::Backend;
use cns_manager::gui::{AppConfig, CnsApp};
use cns_manager::i18n::Lang;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use support::{TIMEOUT, click, wait_label};

const MARK: &str = "CNS_GUI_BROWSER_FAKE_HOME";

fn module() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_cns-manager")).with_file_name("libcns_pkcs11.so")
}

/// A fake home with a Firefox profile and a Chromium database (both empty NSS databases), or
/// `None` with the reason printed.
fn fake_home() -> Option<tempfile::TempDir> {
    if !module().is_file() {
        eprintln!(
            "skipped: {} missing (cargo build -p cns-pkcs11; scripts/test.sh does)",
            module().display()
        );
        return None;
    }
    for tool in ["certutil", "modutil"] {
        if Command::new(tool).arg("--help").stdout(Stdio::null()).stderr(Stdio::null()).status().is_err() {
            eprintln!("skipped: {tool} missing (apt install libnss3-tools)");
            return None;
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join(".mozilla/firefox");
    std::fs::create_dir_all(root.join("k3x9.default-release")).unwrap();
    std::fs::write(
        root.join("profiles.ini"),
        "[Profile0]\nName=default-release\nIsRelative=1\nPath=k3x9.default-release\n",
    )
    .unwrap();
    std::fs::create_dir_all(dir.path().join(".pki/nssdb")).unwrap();
    for db in [root.join("k3x9.default-release"), dir.path().join(".pki/nssdb")] {
        let st = Command::new("certutil")
            .args(["-N", "--empty-password", "-d"])
            .arg(format!("sql:{}", db.display()))
            .status();
        assert!(st.unwrap().success());
    }
    std::fs::write(dir.path().join(MARK), b"").unwrap();
    Some(dir)
}

/// Runs `inner` in a child process of this test binary with HOME = a fresh fake home.
fn in_fake_home(inner: &str) {
    let Some(home) = fake_home() else { return };
    let out = Command::new(std::env::current_exe().unwrap())
        .args([inner, "--exact", "--ignored", "--nocapture", "--test-threads=1"])
        .env("HOME", home.path())
        .env(MARK, home.path())
        .env("CNS_PKCS11_MODULE", module())
        .env("XDG_CONFIG_HOME", home.path().join(".config"))
        // The module loads with no smart card service.
        .env("PCSCLITE_CSOCK_NAME", home.path().join("no-pcscd.comm"))
        .output()
        .unwrap();
    let all = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "{inner} failed:\n{all}");
    assert!(all.contains("1 passed"), "{inner} did not run:\n{all}");
}

/// The fake home this process was started with; panics anywhere else.
fn home() -> PathBuf {
    let home = PathBuf::from(std::env::var_os("HOME").unwrap_or_default());
    assert!(
        std::env::var_os(MARK).is_some_and(|m| Path::new(&m) == home) && home.join(MARK).is_file(),
        "refusing to run against a real home: run through the test without the inner_ prefix"
    );
    home
}

fn profile(home: &Path) -> PathBuf {
    home.join(".mozilla/firefox/k3x9.default-release")
}

/// The page on this PC's real smart card service (none answers here), not in demo mode: a
/// demo registers nothing (gui_truth.rs). It is reached from Diagnostica, which needs no card.
fn browser_page(lang: Lang) -> Harness<'static, CnsApp> {
    let mut h = Harness::builder()
        .with_size(support::SIZE)
        .build_eframe(move |cc| CnsApp::new(&cc.egui_ctx, AppConfig::new(Backend::Pcsc, lang, false)));
    h.step();
    let (diagnostics, browser) = match lang {
        Lang::It => ("Diagnostica", "Usa la tessera nel browser"),
        Lang::En => ("Diagnostics", "Use the card in the browser"),
        Lang::De => ("Diagnose", "Karte im Browser verwenden"),
    };
    click(&mut h, diagnostics);
    let start = Instant::now();
    while h.query_by_role_and_label(Role::Button, browser).is_none() {
        assert!(start.elapsed() < TIMEOUT, "Diagnostica never offered the browser page");
        h.step();
        std::thread::sleep(Duration::from_millis(5));
    }
    click(&mut h, browser);
    h
}

fn count(h: &Harness<'_, CnsApp>, text: &str) -> usize {
    h.query_all_by_label_contains(text).count()
}

#[test]
#[cfg_attr(windows, ignore = "needs modutil and certutil (NSS tools, absent under Wine)")]
fn browser_page_registers_only_after_confirmation() {
    in_fake_home("inner_browser_page_registers_only_after_confirmation");
}

#[test]
#[ignore = "run by browser_page_registers_only_after_confirmation with a fake HOME"]
fn inner_browser_page_registers_only_after_confirmation() {
    let home = home();
    let ff_before = std::fs::read_to_string(profile(&home).join("pkcs11.txt")).unwrap();
    let mut h = browser_page(Lang::It);
    wait_label(&mut h, "Firefox – profilo «default-release»");
    h.get_by_label("Chromium / Google Chrome");
    assert_eq!(count(&h, "Non vede la tessera: il modulo non è registrato."), 2);
    assert!(h.query_by_label_contains("Chiudi Firefox prima di registrare il modulo").is_some());
    // The page replaces the status: nothing personal on it.
    assert!(h.query_by_label_contains("BIANCHI").is_none());

    // Register → a question first; Annulla leaves everything as it was.
    h.get_all_by_role_and_label(Role::Button, "Registra il modulo").next().unwrap().click();
    h.step();
    h.step();
    wait_label(&mut h, "Registrare il modulo della tessera in Firefox – profilo «default-release»?");
    assert_eq!(std::fs::read_to_string(profile(&home).join("pkcs11.txt")).unwrap(), ff_before);
    click(&mut h, "Annulla");
    assert!(h.query_by_label_contains("Registrare il modulo della tessera").is_none());
    assert_eq!(std::fs::read_to_string(profile(&home).join("pkcs11.txt")).unwrap(), ff_before);

    // Again, and yes: registered in Firefox's database only, once.
    h.get_all_by_role_and_label(Role::Button, "Registra il modulo").next().unwrap().click();
    h.step();
    h.step();
    click(&mut h, "Sì, registra");
    wait_label(&mut h, "Fatto: il modulo è registrato. Riavvia il browser");
    wait_label(&mut h, "Vede la tessera: il modulo è registrato.");
    let ff = std::fs::read_to_string(profile(&home).join("pkcs11.txt")).unwrap();
    assert_eq!(ff.matches(&format!("library={}", module().display())).count(), 1, "{ff}");
    let chromium = std::fs::read_to_string(home.join(".pki/nssdb/pkcs11.txt")).unwrap();
    assert!(!chromium.contains("cns_pkcs11"), "{chromium}");
    // Only Chromium is left to register.
    assert_eq!(h.get_all_by_role_and_label(Role::Button, "Registra il modulo").count(), 1);

    click(&mut h, "Chiudi");
    let start = Instant::now();
    while h.query_by_label_contains("Firefox – profilo").is_some() {
        assert!(start.elapsed() < TIMEOUT, "the page did not close");
        h.step();
    }
}

#[test]
#[cfg_attr(windows, ignore = "needs modutil and certutil (NSS tools, absent under Wine)")]
fn browser_page_says_to_close_a_running_firefox() {
    in_fake_home("inner_browser_page_says_to_close_a_running_firefox");
}

#[test]
#[ignore = "run by browser_page_says_to_close_a_running_firefox with a fake HOME"]
fn inner_browser_page_says_to_close_a_running_firefox() {
    let home = home();
    // Firefox's lock names a live process: this one.
    #[cfg(unix)]
    std::os::unix::fs::symlink(format!("127.0.1.1:+{}", std::process::id()), profile(&home).join("lock"))
        .unwrap();
    let mut h = browser_page(Lang::En);
    wait_label(&mut h, "Firefox – profile \"default-release\"");
    wait_label(&mut h, "Firefox is open with this profile: close it completely");
    assert!(h.query_by_label_contains("Close Firefox before registering the module").is_some());
    // Two databases to register, one button: Chromium's; Firefox's waits for Firefox to close.
    let enabled: Vec<bool> = h
        .get_all_by_role_and_label(Role::Button, "Register the module")
        .map(|b| !b.accesskit_node().is_disabled())
        .collect();
    assert_eq!(enabled, vec![true]);
    assert_eq!(count(&h, "Does not see the card: the module is not registered."), 2);
    assert!(
        h.query_by_label_contains("riconosciuta").is_none() && h.query_by_label_contains("Vede").is_none()
    );

    // Firefox closed, checked again: both buttons usable.
    std::fs::remove_file(profile(&home).join("lock")).unwrap();
    click(&mut h, "Check again");
    let start = Instant::now();
    while h.query_by_label_contains("Firefox is open with this profile").is_some() {
        assert!(start.elapsed() < TIMEOUT, "the page still says Firefox is open");
        h.step();
        std::thread::sleep(Duration::from_millis(5));
    }
    let enabled: Vec<bool> = h
        .get_all_by_role_and_label(Role::Button, "Register the module")
        .map(|b| !b.accesskit_node().is_disabled())
        .collect();
    assert_eq!(enabled, vec![true, true]);
}
