//! Readable at any size: every main screen, at every window size and zoom the issue lists
//! (640×480 at 100 % up to 1280×900 at 200 %, and the default window at 125 % and 150 %), in
//! both languages, with nothing cut.
//!
//! "Cut" is what the user sees: a text elided with "…", a text wider than the area that clips
//! it (the words run under the window's edge or the side panel), a widget beyond the window's
//! right edge, or a control that no scrolling brings fully into the window. Zoom works as in
//! the real window: the window's pixels stay, the points it has shrink by the zoom.
//!
//! With `--features snapshot` the same screens are also rendered at each size
//! (`tests/snapshots/sizes/`), so that the reflow can be looked at.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use cns_manager::backend::Backend;
use cns_manager::gui::{AppConfig, CnsApp};
use cns_manager::guidance::launch::{Launcher, Readiness};
use cns_manager::i18n::Lang;
use cns_manager::settings::Settings;
use cns_sim::SimHandle;
use egui::accesskit::Role;
use egui::epaint::Shape;
use egui_kittest::Harness;
use egui_kittest::kittest::{By, NodeT, Queryable};
use support::{Dropped, TODAY};

const TIMEOUT: Duration = Duration::from_secs(30);

/// A window of `window` pixels with the text zoomed by `zoom` (A+ / Ctrl +).
#[derive(Debug, Clone, Copy)]
struct Size {
    window: [f32; 2],
    zoom: f32,
}

impl Size {
    /// What egui lays out in: the window's pixels over the zoom.
    fn points(self) -> egui::Vec2 {
        egui::vec2(self.window[0] / self.zoom, self.window[1] / self.zoom)
    }

    fn name(self) -> String {
        format!("{}x{}_{}", self.window[0], self.window[1], (self.zoom * 100.0).round())
    }
}

/// The app's default window (`gui::run`: 960×640 before any zoom, which Ctrl + does not grow).
const DEFAULT: [f32; 2] = [960.0, 640.0];

/// The sizes the issue names: every one of them gives the page a single column.
const NARROW: [Size; 5] = [
    Size { window: [640.0, 480.0], zoom: 1.0 },
    Size { window: [800.0, 600.0], zoom: 1.5 },
    Size { window: [1280.0, 900.0], zoom: 2.0 },
    Size { window: DEFAULT, zoom: 1.25 },
    Size { window: DEFAULT, zoom: 1.5 },
];

/// And two with the reader list beside the page: the default, and the narrowest such page.
const WIDE: [Size; 2] = [Size { window: DEFAULT, zoom: 1.0 }, Size { window: [1280.0, 900.0], zoom: 1.5 }];

/// The main screens, each reached the way a user reaches it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Page {
    Status,
    StatusLastTry,
    StatusPukBlocked,
    InsertCard,
    ChangePinStep1,
    ChangePinStep2,
    ChangePinStep3,
    UnblockStep1,
    LastTryConfirmation,
    WrongPinResult,
    Certificate,
    SignDocument,
    VerifyChoose,
    VerifyResult,
    Diagnostics,
    NewCardHelp,
    CounterStatus,
    CounterChangePin,
    CounterRemoved,
    /// "Non hai il PIN o il PUK?" for a Lombard card (the region with the most to say).
    PinHelp,
    /// The same page with no card: the region to choose.
    PinHelpNoCard,
    /// "Servizi online con la tessera", a service's browser look done.
    Services,
}

/// The words the test looks for, written here (not taken from the catalog) so that a changed
/// text is seen; German by the Italian words it stands for.
fn t(lang: Lang, it: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::It => it,
        Lang::En => en,
        Lang::De => german(it),
    }
}

fn german(it: &'static str) -> &'static str {
    match it {
        "Inserisci la tessera nel lettore" => "Stecken Sie die Karte in das Lesegerät",
        "Cambia PIN" => "PIN ändern",
        "Sblocca con il PUK" => "Mit der PUK entsperren",
        "Verifica PIN" => "PIN prüfen",
        "È l'ultimo tentativo." => "Dies ist der letzte Versuch.",
        "PIN errato" => "Falsche PIN",
        "Certificato" => "Zertifikat",
        "Impronta SHA-256" => "SHA-256-Fingerabdruck",
        "Verifica un documento" => "Ein signiertes Dokument prüfen",
        "oppure trascinalo nella finestra" => "oder in das Fenster ziehen",
        "Documento integro" => "Dokument unversehrt",
        "Diagnostica" => "Diagnose",
        "Numeri di aiuto (gratuiti)" => "Hilfenummern (kostenlos)",
        "Come richiedere una nuova tessera" => "So beantragen Sie eine neue Karte",
        "Numero verde 800 030 606" => "Grüne Nummer 800 030 606",
        "Tessera rimossa – schermo pulito" => "Karte entfernt – Bildschirm geleert",
        "Non hai il PIN o il PUK?" => "Keine PIN oder PUK?",
        "Chi può aiutarti" => "Wer Ihnen helfen kann",
        "Scegli la Regione che ha attivato la tessera" => {
            "Wählen Sie die Region, die die Karte aktiviert hat"
        }
        "Servizi online con la tessera" => "Online-Dienste mit der Karte",
        "Apri Fascicolo Sanitario Elettronico" => {
            "Elektronische Gesundheitsakte (Fascicolo Sanitario Elettronico) öffnen"
        }
        "Il browser vede la tessera." => "Der Browser erkennt die Karte.",
        other => other,
    }
}

/// One screen at one size, ready to be looked at. Holds the files the page shows.
struct Shown {
    h: Harness<'static, CnsApp>,
    _dir: tempfile::TempDir,
}

fn build(
    handle: &SimHandle,
    lang: Lang,
    counter: bool,
    size: Size,
    render: bool,
) -> Harness<'static, CnsApp> {
    let backend = Backend::Demo(handle.clone());
    let settings = Settings { zoom: size.zoom, ..Settings::default() };
    let builder = Harness::builder().with_size(size.points());
    #[cfg(feature = "snapshot")]
    let builder = if render {
        builder
            .with_render_cursor(false)
            .with_options(egui_kittest::SnapshotOptions::new().threshold(0.6).max_failed_pixels(0))
            .wgpu()
    } else {
        builder
    };
    #[cfg(not(feature = "snapshot"))]
    let _ = render;
    let mut h = builder.build_eframe(move |cc| {
        CnsApp::new(
            &cc.egui_ctx,
            AppConfig {
                today: Some(TODAY),
                settings,
                launcher: Arc::new(BrowserReady),
                ..AppConfig::new(backend, lang, counter)
            },
        )
    });
    h.step();
    h
}

/// Every browser sees the card, and nothing opens: "Servizi online con la tessera" at its widest.
struct BrowserReady;

impl Launcher for BrowserReady {
    fn check(&self) -> Readiness {
        Readiness::Ready
    }
    fn open(&self, _: &str) -> Result<(), String> {
        Ok(())
    }
}

fn run_until(h: &mut Harness<'_, CnsApp>, what: &str, done: impl Fn(&Harness<'_, CnsApp>) -> bool) {
    let start = Instant::now();
    loop {
        h.step();
        if done(h) {
            // A few more frames: layouts that measure themselves settle.
            h.run_steps(3);
            return;
        }
        assert!(
            start.elapsed() < TIMEOUT,
            "timed out waiting for: {what}\non screen:\n{}",
            support::on_screen(h)
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}

fn wait_label(h: &mut Harness<'_, CnsApp>, text: &str) {
    run_until(h, text, |h| h.query_by_label_contains(text).is_some());
}

/// Presses a button through AccessKit: it may be below the fold of a small window.
fn press(h: &mut Harness<'_, CnsApp>, label: &str) {
    h.get_by_role_and_label(Role::Button, label).click_accesskit();
    h.step();
    h.step();
}

/// Follows a link through AccessKit, as [`press`] does.
fn press_link(h: &mut Harness<'_, CnsApp>, label: &str) {
    h.get_by_role_and_label(Role::Link, label).click_accesskit();
    h.step();
    h.step();
}

/// Types into the one PIN field on screen and presses Enter there.
fn pin_and_enter(h: &mut Harness<'_, CnsApp>, digits: &str) {
    run_until(h, "a PIN field", |h| h.query_by_role(Role::PasswordInput).is_some());
    h.get_by_role(Role::PasswordInput).focus();
    h.step();
    h.get_by_role(Role::PasswordInput).type_text(digits);
    h.step();
    h.key_press(egui::Key::Enter);
    h.step();
    h.step();
}

fn open(page: Page, lang: Lang, size: Size, render: bool) -> Shown {
    let dir = tempfile::tempdir().unwrap();
    let handle = SimHandle::default();
    match page {
        Page::StatusLastTry | Page::LastTryConfirmation => handle.card().set_pin_tries(1, 3),
        Page::UnblockStep1 => handle.card().set_pin_tries(0, 3),
        Page::StatusPukBlocked | Page::NewCardHelp => {
            handle.card().set_pin_tries(0, 3);
            handle.card().set_puk_tries(0, 8);
        }
        Page::InsertCard | Page::PinHelpNoCard => handle.remove(),
        Page::PinHelp | Page::Services => handle.card().set_holder(cns_sim::HolderPreset::RossiMario),
        _ => {}
    }
    let counter = matches!(page, Page::CounterStatus | Page::CounterChangePin | Page::CounterRemoved);
    let mut h = build(&handle, lang, counter, size, render);
    if matches!(page, Page::InsertCard | Page::PinHelpNoCard) {
        wait_label(&mut h, t(lang, "Inserisci la tessera nel lettore", "Insert the card in the reader"));
        if page == Page::PinHelpNoCard {
            press_link(&mut h, t(lang, "Non hai il PIN o il PUK?", "No PIN or PUK?"));
            let hint = t(
                lang,
                "Scegli la Regione che ha attivato la tessera",
                "Choose the region that activated the card",
            );
            wait_label(&mut h, hint);
        }
        return Shown { h, _dir: dir };
    }
    let lombard = matches!(page, Page::PinHelp | Page::Services);
    wait_label(&mut h, if lombard { "MARIO ROSSI" } else { "GIULIA BIANCHI" });
    match page {
        Page::Status
        | Page::StatusLastTry
        | Page::StatusPukBlocked
        | Page::CounterStatus
        | Page::InsertCard
        | Page::PinHelpNoCard => {}
        Page::PinHelp => {
            press_link(&mut h, t(lang, "Non hai il PIN o il PUK?", "No PIN or PUK?"));
            wait_label(&mut h, t(lang, "Chi può aiutarti", "Who can help you"));
        }
        Page::Services => {
            press(&mut h, t(lang, "Servizi online con la tessera", "Online services with the card"));
            let open = t(
                lang,
                "Apri Fascicolo Sanitario Elettronico",
                "Open Electronic Health Record (Fascicolo Sanitario Elettronico)",
            );
            run_until(&mut h, open, |h| h.query_by_role_and_label(Role::Button, open).is_some());
            press(&mut h, open);
            wait_label(&mut h, t(lang, "Il browser vede la tessera.", "The browser sees the card."));
        }
        Page::ChangePinStep1 | Page::ChangePinStep2 | Page::ChangePinStep3 | Page::CounterChangePin => {
            press(&mut h, t(lang, "Cambia PIN", "Change PIN"));
            if page != Page::ChangePinStep1 {
                pin_and_enter(&mut h, "12345");
            }
            if page == Page::ChangePinStep3 {
                pin_and_enter(&mut h, "24680");
            }
            run_until(&mut h, "the PIN field", |h| h.query_by_role(Role::PasswordInput).is_some());
        }
        Page::UnblockStep1 => {
            press(&mut h, t(lang, "Sblocca con il PUK", "Unblock with the PUK"));
            run_until(&mut h, "the PUK field", |h| h.query_by_role(Role::PasswordInput).is_some());
        }
        Page::LastTryConfirmation => {
            press(&mut h, t(lang, "Verifica PIN", "Check PIN"));
            pin_and_enter(&mut h, "99999");
            wait_label(&mut h, t(lang, "È l'ultimo tentativo.", "This is the last try."));
        }
        Page::WrongPinResult => {
            press(&mut h, t(lang, "Verifica PIN", "Check PIN"));
            pin_and_enter(&mut h, "99999");
            wait_label(&mut h, t(lang, "PIN errato", "Wrong PIN"));
        }
        Page::Certificate => {
            press(&mut h, t(lang, "Certificato", "Certificate"));
            wait_label(&mut h, t(lang, "Impronta SHA-256", "SHA-256 fingerprint"));
        }
        Page::SignDocument => {
            let doc = dir.path().join(t(
                lang,
                "domanda di iscrizione al servizio.pdf",
                "application for the service.pdf",
            ));
            std::fs::write(&doc, vec![b'x'; 76_800]).unwrap();
            drop_file(&mut h, doc);
            run_until(&mut h, "the PIN field", |h| h.query_by_role(Role::PasswordInput).is_some());
        }
        Page::VerifyChoose => {
            press(&mut h, t(lang, "Verifica un documento", "Check a signed document"));
            wait_label(&mut h, t(lang, "oppure trascinalo nella finestra", "or drop it on the window"));
        }
        Page::VerifyResult => {
            let doc = dir.path().join("delibera.pdf");
            std::fs::write(&doc, b"%PDF-1.7 delibera di giunta\n".repeat(150)).unwrap();
            let p7m = dir.path().join("delibera.pdf.p7m");
            let at = std::time::UNIX_EPOCH + Duration::from_secs(1_796_121_000);
            support::signed_by_the_simulated_card(&doc, &p7m, at);
            // A signed file dropped on the window is checked at once.
            drop_file(&mut h, p7m);
            wait_label(&mut h, t(lang, "Documento integro", "Document intact"));
        }
        Page::Diagnostics => {
            press(&mut h, t(lang, "Diagnostica", "Diagnostics"));
            wait_label(&mut h, t(lang, "Numeri di aiuto (gratuiti)", "Help lines (free of charge)"));
        }
        Page::NewCardHelp => {
            press(&mut h, t(lang, "Come richiedere una nuova tessera", "How to get a new card"));
            wait_label(&mut h, t(lang, "Numero verde 800 030 606", "Toll-free number 800 030 606"));
        }
        Page::CounterRemoved => {
            handle.remove();
            wait_label(&mut h, t(lang, "Tessera rimossa – schermo pulito", "Card removed – screen cleared"));
        }
    }
    Shown { h, _dir: dir }
}

fn drop_file(h: &mut Harness<'_, CnsApp>, p: PathBuf) {
    h.input_mut().dropped_files.push(Arc::new(Dropped(p)));
    h.step();
    h.step();
}

/// A little room for antialiasing and rounding: a cut is whole glyphs, not a fraction of a point.
const SLACK: f32 = 1.0;

/// What is cut on screen right now, one line each (empty: nothing).
fn cuts<S>(h: &Harness<'_, S>) -> Vec<String> {
    let screen = h.ctx.content_rect();
    let mut found = Vec::new();
    for clipped in &h.output().shapes {
        texts(&clipped.shape, &mut |text| {
            let galley = &text.galley;
            let rect = galley.rect.translate(text.pos.to_vec2());
            let words = galley.text();
            let clip = clipped.clip_rect;
            if galley.elided {
                found.push(format!("elided: {words:?}"));
            }
            // Only across: down the page a scroll area is allowed to hide what is below the fold.
            if rect.left() < clip.left() - SLACK || rect.right() > clip.right() + SLACK {
                found.push(format!(
                    "cut by its area ({:.0}..{:.0} in {:.0}..{:.0}): {words:?}",
                    rect.left(),
                    rect.right(),
                    clip.left(),
                    clip.right()
                ));
            }
            if rect.left() < screen.left() - SLACK || rect.right() > screen.right() + SLACK {
                found.push(format!("beyond the window ({:.0}..{:.0}): {words:?}", rect.left(), rect.right()));
            }
        });
    }
    for node in h.query_all(By::new().predicate(|n| n.bounding_box().is_some())) {
        let r = node.rect();
        if r.left() < screen.left() - SLACK || r.right() > screen.right() + SLACK {
            found.push(format!(
                "beyond the window ({:.0}..{:.0}): {:?} {:?}",
                r.left(),
                r.right(),
                node.accesskit_node().role(),
                node.accesskit_node().label().or(node.accesskit_node().value())
            ));
        }
    }
    found
}

fn texts<'a>(shape: &'a Shape, f: &mut impl FnMut(&'a egui::epaint::TextShape)) {
    match shape {
        Shape::Text(t) => f(t),
        Shape::Vec(v) => v.iter().for_each(|s| texts(s, f)),
        _ => {}
    }
}

/// The controls no scrolling brings fully into the window (a panel that cannot scroll, or a
/// page whose end is out of reach).
fn unreachable(h: &mut Harness<'_, CnsApp>) -> Vec<String> {
    let controls = [Role::Button, Role::CheckBox, Role::ComboBox, Role::PasswordInput, Role::TextInput];
    let ids: Vec<_> = h
        .query_all(By::new().predicate(move |n| controls.contains(&n.role())))
        .map(|n| n.accesskit_node().id())
        .collect();
    let screen = h.ctx.content_rect();
    let mut found = Vec::new();
    for id in ids {
        let Some(node) = h.query_by(move |n| n.id() == id) else { continue };
        node.scroll_to_me();
        // The request reaches the widget, then its scroll area, then the drawing: a few frames.
        let mut r = egui::Rect::NOTHING;
        for _ in 0..5 {
            h.step();
            let Some(node) = h.query_by(move |n| n.id() == id) else { break };
            r = node.rect();
            if screen.expand(SLACK).contains_rect(r) {
                break;
            }
        }
        let Some(node) = h.query_by(move |n| n.id() == id) else { continue };
        if !screen.expand(SLACK).contains_rect(r) {
            found.push(format!(
                "out of reach ({:.0},{:.0}..{:.0},{:.0} in a {:.0}×{:.0} window): {:?} {:?}",
                r.left(),
                r.top(),
                r.right(),
                r.bottom(),
                screen.width(),
                screen.height(),
                node.accesskit_node().role(),
                node.accesskit_node().label()
            ));
        }
    }
    found
}

/// Every size, every language (German's long words included): nothing cut, every control
/// reachable.
fn check(page: Page) {
    let mut problems = Vec::new();
    for size in NARROW.into_iter().chain(WIDE) {
        for lang in Lang::ALL {
            let mut shown = open(page, lang, size, false);
            let h = &mut shown.h;
            // A layout that measures itself must settle, not redraw forever.
            if let Err(e) = h.try_run() {
                problems.push(format!("{page:?} {} {}: never settles: {e}", size.name(), lang.code()));
            }
            let mut found = cuts(h);
            found.extend(unreachable(h));
            found.sort();
            found.dedup();
            for f in found {
                problems.push(format!("{page:?} {} {}: {f}", size.name(), lang.code()));
            }
        }
    }
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
}

#[test]
fn status_fits() {
    check(Page::Status);
}

#[test]
fn status_last_try_fits() {
    check(Page::StatusLastTry);
}

#[test]
fn status_puk_blocked_fits() {
    check(Page::StatusPukBlocked);
}

#[test]
fn insert_card_fits() {
    check(Page::InsertCard);
}

#[test]
fn change_pin_steps_fit() {
    check(Page::ChangePinStep1);
    check(Page::ChangePinStep2);
    check(Page::ChangePinStep3);
}

#[test]
fn unblock_step_fits() {
    check(Page::UnblockStep1);
}

#[test]
fn last_try_confirmation_fits() {
    check(Page::LastTryConfirmation);
}

#[test]
fn wrong_pin_result_fits() {
    check(Page::WrongPinResult);
}

#[test]
fn certificate_fits() {
    check(Page::Certificate);
}

#[test]
fn sign_document_fits() {
    check(Page::SignDocument);
}

#[test]
fn verify_document_fits() {
    check(Page::VerifyChoose);
    check(Page::VerifyResult);
}

#[test]
fn diagnostics_fits() {
    check(Page::Diagnostics);
}

#[test]
fn new_card_help_fits() {
    check(Page::NewCardHelp);
}

#[test]
fn pin_help_fits() {
    check(Page::PinHelp);
    check(Page::PinHelpNoCard);
}

#[test]
fn services_fit() {
    check(Page::Services);
}

#[test]
fn counter_mode_fits() {
    check(Page::CounterStatus);
    check(Page::CounterChangePin);
    check(Page::CounterRemoved);
}

/// The check itself finds a cut: a label in a row that cannot wrap, wider than its window.
#[test]
fn a_cut_label_is_found() {
    let text = "Mostra le cifre del PIN mentre le scrivi, per controllarle";
    let mut h = Harness::builder().with_size([200.0, 100.0]).build_ui(|ui| {
        ui.horizontal(|ui| {
            ui.label(text);
        });
    });
    h.run();
    let found = cuts(&h);
    assert!(found.iter().any(|f| f.starts_with("beyond the window") && f.contains(text)), "{found:?}");
    // and wrapped, it fits
    let mut h = Harness::builder().with_size([200.0, 100.0]).build_ui(|ui| {
        ui.label(text);
    });
    h.run();
    assert_eq!(cuts(&h), Vec::<String>::new());
}

/// The pictures of the reflow, one per main screen and size, in Italian (the longer language).
/// Left out: the pages whose words depend on the machine (Diagnostica, a verification result,
/// which read this PC's settings and trusted issuers); `gui_snapshots` takes those in a home of
/// their own.
#[cfg(feature = "snapshot")]
mod pictures {
    use super::*;

    fn shoot(page: Page, name: &str) {
        let mut failed = Vec::new();
        for size in NARROW {
            let mut shown = open(page, Lang::It, size, true);
            let name = format!("sizes/{name}_{}", size.name());
            if let Err(e) = shown.h.try_snapshot(&name) {
                failed.push(e.to_string());
            }
        }
        assert!(failed.is_empty(), "{}", failed.join("\n"));
    }

    #[test]
    fn status() {
        shoot(Page::Status, "status");
    }

    #[test]
    fn status_puk_blocked() {
        shoot(Page::StatusPukBlocked, "status_puk_blocked");
    }

    #[test]
    fn insert_card() {
        shoot(Page::InsertCard, "insert_card");
    }

    #[test]
    fn pin_help() {
        shoot(Page::PinHelp, "pin_help");
    }

    #[test]
    fn change_pin_step2() {
        shoot(Page::ChangePinStep2, "change_pin_step2");
    }

    #[test]
    fn last_try_confirmation() {
        shoot(Page::LastTryConfirmation, "last_try");
    }

    #[test]
    fn wrong_pin_result() {
        shoot(Page::WrongPinResult, "wrong_pin");
    }

    #[test]
    fn certificate() {
        shoot(Page::Certificate, "certificate");
    }

    #[test]
    fn sign_document() {
        shoot(Page::SignDocument, "sign_document");
    }

    #[test]
    fn verify_document() {
        shoot(Page::VerifyChoose, "verify_document");
    }

    #[test]
    fn new_card_help() {
        shoot(Page::NewCardHelp, "new_card_help");
    }

    #[test]
    fn counter_mode() {
        shoot(Page::CounterStatus, "counter_status");
    }
}
