//! The "Usa la tessera nel browser" page: each browser database of this user (Firefox profiles,
//! the Chromium/Chrome NSS database) with whether it will see the card, and a button to register
//! the card's PKCS#11 module where it is missing — after a confirmation, never under a running
//! Firefox, never twice (`crate::browser`).
//!
//! Looking (the databases, `modutil`) runs on a thread of its own, as does registering, so the
//! window keeps painting; the page's whole state lives here ([`BrowserPage`]), and its buttons
//! act on it directly: the app only opens and closes the page (and leaves the demo).

use std::path::PathBuf;

use egui::RichText;

use crate::browser::system::{Environment, RegisterError, Registered, register};
use crate::browser::words::{self as browser_words, Surface};
use crate::browser::{BrowserDb, DbState, ModuleLocation};
use crate::doctor::fixes::Os;
use crate::gui::page::{Action, Ctx};
use crate::gui::widgets::{banner, primary_button, secondary_button};
use crate::gui::words::Tone;
use crate::i18n::{Lang, msg};
use crate::service::{Background, Wake};

/// What one look found.
struct Scan {
    module: Option<ModuleLocation>,
    p11kit: bool,
    dbs: Vec<BrowserDb>,
    os: Os,
}

/// The page's state.
pub(crate) struct BrowserPage {
    scanning: Option<Background<Scan>>,
    scan: Option<Scan>,
    /// The database whose registration waits for the user's confirmation.
    confirm: Option<PathBuf>,
    /// The database being registered, and the answer to come.
    registering: Option<(PathBuf, Background<Result<Registered, RegisterError>>)>,
    /// The last registration's outcome, shown under its database.
    outcome: Option<(PathBuf, Result<Registered, RegisterError>)>,
    wake: Wake,
    /// Opened in demo mode: the simulated card logs in nowhere, and a demo changes nothing of
    /// this user's real browsers, so the page only says so.
    demo: bool,
}

impl BrowserPage {
    /// Starts looking at once (in demo mode: never).
    pub(crate) fn start(wake: Wake, demo: bool) -> BrowserPage {
        let mut p = BrowserPage {
            scanning: None,
            scan: None,
            confirm: None,
            registering: None,
            outcome: None,
            wake,
            demo,
        };
        if !demo {
            p.rescan();
        }
        p
    }

    fn rescan(&mut self) {
        let job = Background::spawn("cns-browser-scan", self.wake.clone(), || {
            let env = Environment::from_process();
            Scan { module: env.module(), p11kit: env.p11kit_has_ours(), dbs: env.scan(), os: env.os }
        });
        self.scanning = job.ok();
    }

    fn register(&mut self, dir: PathBuf) {
        if self.demo {
            return;
        }
        let Some(scan) = &self.scan else { return };
        let (Some(db), Some(module)) =
            (scan.dbs.iter().find(|d| d.dir == dir).cloned(), scan.module.as_ref().map(|m| m.path.clone()))
        else {
            return;
        };
        let p11kit = scan.p11kit;
        let job = Background::spawn("cns-browser-register", self.wake.clone(), move || {
            register(&db, &module, p11kit)
        });
        self.confirm = None;
        self.outcome = None;
        self.registering = job.ok().map(|job| (dir, job));
    }

    /// The card's module was found where it should be: registering can work.
    fn module_ok(&self) -> bool {
        self.scan.as_ref().and_then(|s| s.module.as_ref()).is_some_and(|m| m.exists)
    }

    fn poll(&mut self) {
        if let Some(scan) = self.scanning.as_ref().and_then(Background::try_take) {
            self.scan = Some(scan);
            self.scanning = None;
        }
        let done = self.registering.as_ref().and_then(|(dir, job)| job.try_take().map(|r| (dir.clone(), r)));
        if let Some(done) = done {
            self.registering = None;
            self.outcome = Some(done);
            // Show the databases as they now are.
            self.rescan();
        }
    }
}

fn tone(state: &DbState) -> Tone {
    if state.sees_card() {
        Tone::Good
    } else if state.needs_setup() {
        Tone::Attention
    } else {
        Tone::Bad
    }
}

fn outcome_words(lang: Lang, r: &Result<Registered, RegisterError>) -> (Tone, String) {
    match r {
        Ok(Registered::Done) => (Tone::Good, lang.tr(msg::browser_registered_restart())),
        Ok(Registered::Already) => (Tone::Good, lang.tr(msg::browser_already_registered())),
        Err(RegisterError::InUse) => (Tone::Attention, close_firefox(lang)),
        Err(e) => (
            Tone::Bad,
            browser_words::not_registered(lang, &browser_words::register_failure(lang, e, Surface::Window)),
        ),
    }
}

fn close_firefox(lang: Lang) -> String {
    browser_words::firefox_open(lang, Surface::Window)
}

/// What the user pressed this frame, applied once the page is drawn.
#[derive(Default)]
struct Asked {
    close: bool,
    rescan: bool,
    /// "Configura": the question for this database.
    ask: Option<PathBuf>,
    cancel: bool,
    /// "Sì, configura" for this database.
    confirmed: Option<PathBuf>,
}

/// Draws the page and applies what was pressed; closing it is the app's.
pub(crate) fn ui(p: &mut BrowserPage, ctx: &Ctx, ui: &mut egui::Ui) -> Vec<Action> {
    let lang = ctx.lang;
    p.poll();
    crate::gui::a11y::heading(ui, &lang.tr(msg::browser_page_title()));
    if p.demo {
        return demo_view(ui, lang);
    }
    ui.label(lang.tr(msg::browser_intro()));
    ui.add_space(8.0);
    banner(ui, Tone::Neutral, &lang.tr(msg::browser_close_firefox_first()));
    ui.add_space(8.0);
    let mut asked = Asked::default();
    match &p.scan {
        None => {
            ui.horizontal_wrapped(|ui| {
                ui.spinner();
                ui.label(lang.tr(msg::browser_checking()));
            });
        }
        Some(scan) => scan_view(ui, lang, p, scan, &mut asked),
    }
    ui.add_space(8.0);
    let idle = p.registering.is_none() && p.scanning.is_none();
    ui.horizontal_wrapped(|ui| {
        ui.add_enabled_ui(idle, |ui| {
            if secondary_button(ui, &lang.tr(msg::browser_check_again())).clicked() {
                asked.rescan = true;
            }
        });
        if secondary_button(ui, &lang.tr(msg::docs_close())).clicked() {
            asked.close = true;
        }
    });
    apply(p, asked)
}

/// The page in demo mode: what it is for, and why nothing is done here.
fn demo_view(ui: &mut egui::Ui, lang: Lang) -> Vec<Action> {
    let mut actions = Vec::new();
    banner(ui, Tone::Attention, &lang.tr(msg::browser_demo_notice()));
    ui.add_space(8.0);
    ui.horizontal_wrapped(|ui| {
        if primary_button(ui, &lang.tr(msg::demo_leave())).clicked() {
            actions.push(Action::LeaveDemo);
        }
        if secondary_button(ui, &lang.tr(msg::docs_close())).clicked() {
            actions.push(Action::CloseScreen);
        }
    });
    actions
}

/// What one look found: the card's module, each database, and p11-kit's part.
fn scan_view(ui: &mut egui::Ui, lang: Lang, p: &BrowserPage, scan: &Scan, asked: &mut Asked) {
    match &scan.module {
        Some(m) if m.exists => {
            ui.label(RichText::new(lang.tr(msg::browser_module_at(m.path.display().to_string()))).weak());
        }
        Some(m) => banner(ui, Tone::Bad, &lang.tr(msg::browser_module_not_at(m.path.display().to_string()))),
        None => banner(ui, Tone::Bad, &lang.tr(msg::browser_module_not_installed())),
    }
    ui.add_space(8.0);
    if scan.dbs.is_empty() {
        ui.label(browser_words::none_found(lang, Surface::Window));
    }
    if let Some(note) = browser_words::chromium_note(lang, scan.os) {
        ui.label(note);
    }
    for db in &scan.dbs {
        egui::Frame::group(ui.style()).inner_margin(egui::Margin::same(10)).show(ui, |ui| {
            ui.set_width(ui.available_width());
            db_view(ui, lang, p, db, asked);
        });
        ui.add_space(6.0);
    }
    if scan.p11kit {
        ui.label(RichText::new(lang.tr(msg::browser_p11kit_registered())).weak());
    }
}

/// One database: whose, whether it sees the card, the last registration's outcome, and what
/// can be done.
fn db_view(ui: &mut egui::Ui, lang: Lang, p: &BrowserPage, db: &BrowserDb, asked: &mut Asked) {
    let t = tone(&db.state);
    ui.label(RichText::new(db.title(lang)).strong());
    ui.label(RichText::new(format!("{} {}", t.icon(), db.state.words(lang))).color(t.color()));
    ui.label(RichText::new(db.dir.display().to_string()).weak().small());
    if db.in_use && !db.state.sees_card() {
        ui.label(RichText::new(format!("⚠ {}", close_firefox(lang))).color(Tone::Attention.color()));
    }
    if let Some((dir, r)) = &p.outcome
        && dir == &db.dir
    {
        let (t, text) = outcome_words(lang, r);
        ui.label(RichText::new(format!("{} {text}", t.icon())).strong().color(t.color()));
    }
    if db.state.needs_setup() {
        register_controls(ui, lang, p, db, asked);
    }
}

/// A database without the card: the registration under way, the question, or the button.
fn register_controls(ui: &mut egui::Ui, lang: Lang, p: &BrowserPage, db: &BrowserDb, asked: &mut Asked) {
    if p.registering.as_ref().is_some_and(|(d, _)| d == &db.dir) {
        ui.horizontal_wrapped(|ui| {
            ui.spinner();
            ui.label(lang.tr(msg::browser_registering()));
        });
    } else if p.confirm.as_ref() == Some(&db.dir) {
        let question = format!(
            "{} {}",
            lang.tr(msg::browser_register_question(db.title(lang))),
            lang.tr(msg::browser_must_be_closed())
        );
        ui.label(RichText::new(question).strong());
        ui.horizontal_wrapped(|ui| {
            if primary_button(ui, &lang.tr(msg::browser_yes_register())).clicked() {
                asked.confirmed = Some(db.dir.clone());
            }
            if secondary_button(ui, &lang.tr(msg::docs_cancel())).clicked() {
                asked.cancel = true;
            }
        });
    } else if !db.in_use {
        // A running Firefox gets no button: the line above says to close it.
        let module_ok = p.module_ok();
        let hint =
            lang.tr(if module_ok { msg::browser_asks_first() } else { msg::browser_module_missing_short() });
        let busy = p.registering.is_some();
        let b = ui
            .add_enabled_ui(module_ok && !busy, |ui| {
                primary_button(ui, &lang.tr(msg::browser_register_button()))
            })
            .inner
            .on_hover_text(&hint)
            .on_disabled_hover_text(&hint);
        if b.clicked() {
            asked.ask = Some(db.dir.clone());
        }
    }
}

/// What was pressed, to the page's state; closing goes to the app.
fn apply(p: &mut BrowserPage, asked: Asked) -> Vec<Action> {
    if let Some(dir) = asked.ask {
        p.confirm = Some(dir);
        p.outcome = None;
    }
    if asked.cancel {
        p.confirm = None;
    }
    if let Some(dir) = asked.confirmed {
        p.register(dir);
    }
    if asked.rescan {
        p.outcome = None;
        p.rescan();
    }
    if asked.close { vec![Action::CloseScreen] } else { Vec::new() }
}
