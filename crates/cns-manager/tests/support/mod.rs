//! The start-up and the small moves the kittest GUI tests share (`mod support;` in each test
//! file, as cns-cades' tests share theirs): the whole app against the simulated card, headless,
//! with the day fixed, and helpers that wait for the worker threads but never forever.
//! Not every test file uses every helper.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use cns_manager::backend::Backend;
use cns_manager::gui::{AppConfig, CnsApp};
use cns_manager::i18n::Lang;
use cns_sim::SimHandle;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

/// Fixed, so that expiry words do not change as the fixture card (expiring 01/03/2031) ages.
pub const TODAY: time::Date = time::macros::date!(2026 - 11 - 26);

/// A bound on waiting for the worker threads, not an expectation of their speed: on a loaded
/// machine a debug build's read can take seconds, and only a screen that never comes fails.
pub const TIMEOUT: Duration = Duration::from_secs(60);

/// A window big enough that the pages' buttons are on screen without scrolling.
pub const SIZE: [f32; 2] = [1000.0, 800.0];

/// The app in demo mode on `handle`'s simulated reader, after its first frame.
pub fn app(handle: &SimHandle, lang: Lang) -> Harness<'static, CnsApp> {
    app_sized(handle, lang, SIZE)
}

pub fn app_sized(handle: &SimHandle, lang: Lang, size: [f32; 2]) -> Harness<'static, CnsApp> {
    app_with(handle, lang, size, false)
}

/// The app in counter mode (Sportello), as [`app`] otherwise.
pub fn counter_app(handle: &SimHandle, lang: Lang) -> Harness<'static, CnsApp> {
    app_with(handle, lang, SIZE, true)
}

fn app_with(handle: &SimHandle, lang: Lang, size: [f32; 2], counter: bool) -> Harness<'static, CnsApp> {
    let backend = Backend::Demo(handle.clone());
    let mut h = Harness::builder().with_size(size).build_eframe(move |cc| {
        CnsApp::new(&cc.egui_ctx, AppConfig { today: Some(TODAY), ..AppConfig::new(backend, lang, counter) })
    });
    h.step();
    h
}

/// Runs frames until a label containing `text` is on screen.
pub fn wait_label(h: &mut Harness<'_, CnsApp>, text: &str) {
    let start = Instant::now();
    loop {
        h.step();
        if h.query_by_label_contains(text).is_some() {
            return;
        }
        assert!(start.elapsed() < TIMEOUT, "timed out waiting for: {text}\non screen:\n{}", on_screen(h));
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Every label on screen, one a line: what a failed wait saw instead.
pub fn on_screen(h: &Harness<'_, CnsApp>) -> String {
    h.query_all(egui_kittest::kittest::By::new().predicate(|n| n.label().is_some() || n.value().is_some()))
        .filter_map(|n| n.accesskit_node().label().or(n.accesskit_node().value()))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Clicks `button` with the pointer, as a user does, once it has stopped moving: in a page's
/// first frames egui may still place a row from the frame before (a wrapped row, boxes that
/// stack or not), and a click aimed at where the button was would land beside it.
pub fn click(h: &mut Harness<'_, CnsApp>, button: &str) {
    let start = Instant::now();
    let rect = |h: &Harness<'_, CnsApp>| {
        let node = h.query_by_role_and_label(Role::Button, button);
        node.map(|n| n.rect()).unwrap_or_else(|| panic!("no button {button}\non screen:\n{}", on_screen(h)))
    };
    loop {
        let before = rect(h);
        h.step();
        if rect(h) == before {
            break;
        }
        assert!(start.elapsed() < TIMEOUT, "{button} never stopped moving\non screen:\n{}", on_screen(h));
    }
    click_now(h, button);
}

/// Clicks `button` where the last frame put it, without a frame in between: for a test that
/// changes the card and must click before the window has seen it.
pub fn click_now(h: &mut Harness<'_, CnsApp>, button: &str) {
    h.get_by_role_and_label(Role::Button, button).click();
    h.step();
    h.step();
}

pub fn type_pin(h: &mut Harness<'_, CnsApp>, field: &str, digits: &str) {
    h.get_by_role_and_label(Role::PasswordInput, field).focus();
    h.step();
    h.get_by_role_and_label(Role::PasswordInput, field).type_text(digits);
    h.step();
    h.step();
}

/// A file dropped on the window, as the desktop delivers it.
#[derive(Debug)]
pub struct Dropped(pub PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

pub fn drop_file(h: &mut Harness<'_, CnsApp>, p: &Path) {
    h.input_mut().dropped_files.push(Arc::new(Dropped(p.to_path_buf())));
    h.step();
    h.step();
}

/// Signs `doc` into `out` (attached, `.p7m`) with a simulated card of its own, PIN 12345, at
/// `time`: a signed file made without the window (the same time gives the same bytes).
pub fn signed_by_the_simulated_card(doc: &Path, out: &Path, time: std::time::SystemTime) {
    let handle = SimHandle::default();
    let mut t = handle.transport();
    let cert = cns_core::card::read_certificate(&mut t).unwrap();
    let pin = cns_core::Pin::new("12345").unwrap();
    let mut signer = cns_cades::card::CardSigner::new(&mut t, pin, false);
    let size = std::fs::metadata(doc).unwrap().len();
    let mut input = std::fs::File::open(doc).unwrap();
    let mut w = std::io::BufWriter::new(std::fs::File::create(out).unwrap());
    let opts = cns_cades::SignOptions { signing_time: time, expect_content_sha256: None };
    cns_cades::sign_attached(&mut input, size, &mut w, &cert, &opts, &mut signer, &mut |_| {}).unwrap();
    std::io::Write::flush(&mut w).unwrap();
}

/// The simulated card's issuer, the CA that makes its signatures trusted.
pub fn sim_ca_der() -> Vec<u8> {
    cns_sim::fixtures::ca_certificate(cns_sim::HolderPreset::BianchiGiulia).to_vec()
}

/// Runs the test `name` of this very binary again, alone, in a child process with `env` set and
/// the variables in `unset` removed, and asserts that it passed there. Tests that write what the
/// window trusts (or take a picture of a fixed home) run their body there, in a home of their own.
pub fn run_test_in_child(name: &str, env: &[(&str, &std::ffi::OsStr)], unset: &[&str]) {
    let mut c = std::process::Command::new(std::env::current_exe().unwrap());
    c.args([name, "--exact", "--test-threads=1", "--nocapture"]).envs(env.iter().copied());
    for v in unset {
        c.env_remove(v);
    }
    let out = c.output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && stdout.contains("1 passed"),
        "child run failed ({}):\n{stdout}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr),
    );
}

/// Runs the test `name` again in a child (see [`run_test_in_child`]) with a home of its own in
/// `home`: HOME and XDG_CONFIG_HOME (APPDATA on Windows) there, and empty system-wide authority and trusted-list signer
/// folders, so that what the window trusts is written there and nothing installed on this
/// machine is read. The variable `child` marks the child (its value: `home`). Returns false in
/// the child: go on with the test there.
pub fn in_private_home(child: &str, name: &str, home: &Path, unset: &[&str]) -> bool {
    if std::env::var_os(child).is_some() {
        return false;
    }
    for d in [".config", "sys-ca", "sys-signer"] {
        std::fs::create_dir_all(home.join(d)).unwrap();
    }
    run_test_in_child(
        name,
        &[
            (child, home.as_os_str()),
            ("HOME", home.as_os_str()),
            ("XDG_CONFIG_HOME", home.join(".config").as_os_str()),
            // Windows keeps the user's settings under %APPDATA% (settings::user_path).
            ("APPDATA", home.join(".config").as_os_str()),
            (cns_manager::trusted_ca::SYSTEM_DIR_ENV, home.join("sys-ca").as_os_str()),
            (cns_manager::trusted_list::SYSTEM_SIGNER_DIR_ENV, home.join("sys-signer").as_os_str()),
        ],
        unset,
    );
    true
}

/// Types `p` into the in-window path field (replacing what it held) and presses Enter.
pub fn type_path(h: &mut Harness<'_, CnsApp>, p: &Path) {
    h.get_by_role_and_label(Role::TextInput, "Percorso del file").focus();
    h.step();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.step();
    h.get_by_role_and_label(Role::TextInput, "Percorso del file").type_text(&p.to_string_lossy());
    h.step();
    h.key_press(egui::Key::Enter);
    h.step();
    h.step();
}
