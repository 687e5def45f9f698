//! The "Usa la tessera nel browser" page: each browser database of this user (Firefox profiles,
//! the Chromium/Chrome NSS database) with whether it will see the card, and a button to register
//! the card's PKCS#11 module where it is missing — after a confirmation, never under a running
//! Firefox, never twice (`crate::browser`).
//!
//! Looking (the databases, `modutil`) runs on a thread of its own, as does registering, so the
//! window keeps painting; the page's whole state lives here ([`Screen::Browser`]), and its
//! buttons act on it directly: the app only opens and closes the page.

use std::path::PathBuf;

use egui::RichText;

use super::app::{Action, CnsApp};
use super::state::Screen;
use super::views::{banner, primary_button, secondary_button};
use super::words::Tone;
use crate::browser::system::{Environment, RegisterError, Registered, register};
use crate::browser::{BrowserDb, DbState, ModuleLocation};
use crate::i18n::Lang;
use crate::service::{Background, Wake};

/// What one look found.
struct Scan {
    module: Option<ModuleLocation>,
    p11kit: bool,
    dbs: Vec<BrowserDb>,
}

/// The page's state.
pub struct BrowserPage {
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
    pub fn start(wake: Wake, demo: bool) -> BrowserPage {
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
            Scan { module: env.module(), p11kit: env.p11kit_has_ours(), dbs: env.scan() }
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
        Ok(Registered::Done) => (
            Tone::Good,
            lang.t(
                "Fatto: il modulo è registrato. Riavvia il browser perché veda la tessera.",
                "Done: the module is registered. Restart the browser so that it sees the card.",
            )
            .into(),
        ),
        Ok(Registered::Already) => (
            Tone::Good,
            lang.t("Era già registrato: nulla da fare.", "It was already registered: nothing to do.").into(),
        ),
        Err(RegisterError::InUse) => (Tone::Attention, close_firefox(lang).into()),
        Err(RegisterError::NoModule(p)) => (
            Tone::Bad,
            lang.s(
                format!("Non registrato: il modulo {} non esiste.", p.display()),
                format!("Not registered: the module {} does not exist.", p.display()),
            ),
        ),
        Err(RegisterError::NotPossible(s)) => (
            Tone::Bad,
            lang.s(
                format!("Non registrato: {}", s.words(lang)),
                format!("Not registered: {}", s.words(lang)),
            ),
        ),
        Err(RegisterError::Failed(e)) => {
            (Tone::Bad, lang.s(format!("Non registrato: {e}"), format!("Not registered: {e}")))
        }
    }
}

fn close_firefox(lang: Lang) -> &'static str {
    lang.t(
        "Firefox è aperto con questo profilo: chiudilo del tutto, poi premi «Controlla di nuovo».",
        "Firefox is open with this profile: close it completely, then press \"Check again\".",
    )
}

impl CnsApp {
    pub(crate) fn open_browser_page(&mut self) {
        let demo = self.is_demo();
        self.screen = Screen::Browser(Box::new(BrowserPage::start(self.wake.clone(), demo)));
    }

    /// The page in demo mode: what it is for, and why nothing is done here.
    fn browser_demo_view(&mut self, ui: &mut egui::Ui) {
        let lang = self.lang;
        banner(
            ui,
            Tone::Attention,
            lang.t(
                "Modalità dimostrativa: la tessera simulata non si usa nei browser, e una dimostrazione non cambia \
                 nulla dei browser di questo computer. Per registrare il modulo della tua tessera esci dalla \
                 modalità dimostrativa e inserisci la tessera.",
                "Demo mode: the simulated card is not used in browsers, and a demo changes nothing in this \
                 computer's browsers. To register your card's module, leave the demo mode and insert the card.",
            ),
        );
        ui.add_space(8.0);
        ui.horizontal_wrapped(|ui| {
            if primary_button(ui, lang.t("Esci dalla dimostrazione", "Leave the demo")).clicked() {
                self.actions.push(Action::LeaveDemo);
            }
            if secondary_button(ui, lang.t("Chiudi", "Close")).clicked() {
                self.actions.push(Action::CloseScreen);
            }
        });
    }

    pub(crate) fn browser_view(&mut self, ui: &mut egui::Ui) {
        let lang = self.lang;
        let Screen::Browser(p) = &mut self.screen else {
            return;
        };
        p.poll();
        super::a11y::heading(ui, lang.t("Usa la tessera nel browser", "Use the card in the browser"));
        if p.demo {
            self.browser_demo_view(ui);
            return;
        }
        ui.label(lang.t(
            "Per entrare con la tessera nei servizi online (fascicolo sanitario, Agenzia delle Entrate, portali della \
             Regione) il browser deve conoscere il modulo della tessera. Qui vedi quali browser di questo computer lo \
             conoscono già, e puoi aggiungerlo dove manca.",
            "To log in to online services with the card (health record, tax office, regional portals) the browser \
             must know the card's module. Here you see which browsers on this computer already know it, and you can \
             add it where it is missing.",
        ));
        ui.add_space(8.0);
        banner(
            ui,
            Tone::Neutral,
            lang.t(
                "Chiudi Firefox prima di registrare il modulo: il suo archivio non si può cambiare mentre è aperto. \
                 Dopo, riapri il browser.",
                "Close Firefox before registering the module: its database cannot be changed while it is open. \
                 Then open the browser again.",
            ),
        );
        ui.add_space(8.0);
        let mut close = false;
        let mut rescan = false;
        let mut ask: Option<PathBuf> = None;
        let mut cancel = false;
        let mut confirmed: Option<PathBuf> = None;
        match &p.scan {
            None => {
                ui.horizontal_wrapped(|ui| {
                    ui.spinner();
                    ui.label(lang.t("Controllo dei browser in corso…", "Checking the browsers…"));
                });
            }
            Some(scan) => {
                let module_ok = scan.module.as_ref().is_some_and(|m| m.exists);
                match &scan.module {
                    Some(m) if m.exists => {
                        ui.label(
                            RichText::new(lang.s(
                                format!("Modulo della tessera: {}", m.path.display()),
                                format!("The card's module: {}", m.path.display()),
                            ))
                            .weak(),
                        );
                    }
                    Some(m) => banner(
                        ui,
                        Tone::Bad,
                        &lang.s(
                            format!("Il modulo della tessera non c'è: {}", m.path.display()),
                            format!("The card's module is missing: {}", m.path.display()),
                        ),
                    ),
                    None => banner(
                        ui,
                        Tone::Bad,
                        lang.t(
                            "Il modulo della tessera non è installato: installa il pacchetto cns-manager.",
                            "The card's module is not installed: install the cns-manager package.",
                        ),
                    ),
                }
                ui.add_space(8.0);
                if scan.dbs.is_empty() {
                    ui.label(lang.t(
                        "Nessun browser trovato: né profili di Firefox né l'archivio di Chromium o Chrome. Apri il \
                         browser una volta, chiudilo, poi premi «Controlla di nuovo».",
                        "No browser found: no Firefox profile and no Chromium or Chrome database. Open the browser \
                         once, close it, then press \"Check again\".",
                    ));
                }
                let busy = p.registering.is_some();
                for db in &scan.dbs {
                    egui::Frame::group(ui.style()).inner_margin(egui::Margin::same(10)).show(ui, |ui| {
                        ui.set_width(ui.available_width());
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
                        if !db.state.needs_setup() {
                            return;
                        }
                        if p.registering.as_ref().is_some_and(|(d, _)| d == &db.dir) {
                            ui.horizontal_wrapped(|ui| {
                                ui.spinner();
                                ui.label(lang.t("Registrazione in corso…", "Registering…"));
                            });
                        } else if p.confirm.as_ref() == Some(&db.dir) {
                            ui.label(
                                RichText::new(lang.s(
                                    format!(
                                        "Registrare il modulo della tessera in {}? Il browser deve essere chiuso.",
                                        db.title(lang)
                                    ),
                                    format!(
                                        "Register the card's module in {}? The browser must be closed.",
                                        db.title(lang)
                                    ),
                                ))
                                .strong(),
                            );
                            ui.horizontal_wrapped(|ui| {
                                if primary_button(ui, lang.t("Sì, registra", "Yes, register")).clicked() {
                                    confirmed = Some(db.dir.clone());
                                }
                                if secondary_button(ui, lang.t("Annulla", "Cancel")).clicked() {
                                    cancel = true;
                                }
                            });
                        } else if !db.in_use {
                            // A running Firefox gets no button: the line above says to close it.
                            let hint = if module_ok {
                                lang.t("Chiede conferma prima di cambiare qualcosa.", "Asks before changing anything.")
                            } else {
                                lang.t("Manca il modulo della tessera.", "The card's module is missing.")
                            };
                            let b = ui
                                .add_enabled_ui(module_ok && !busy, |ui| {
                                    primary_button(ui, lang.t("Registra il modulo", "Register the module"))
                                })
                                .inner
                                .on_hover_text(hint)
                                .on_disabled_hover_text(hint);
                            if b.clicked() {
                                ask = Some(db.dir.clone());
                            }
                        }
                    });
                    ui.add_space(6.0);
                }
                if scan.p11kit {
                    ui.label(
                        RichText::new(lang.t(
                            "p11-kit: il modulo è registrato, i programmi che usano p11-kit vedono la tessera.",
                            "p11-kit: the module is registered, programs using p11-kit see the card.",
                        ))
                        .weak(),
                    );
                }
            }
        }
        ui.add_space(8.0);
        let idle = p.registering.is_none() && p.scanning.is_none();
        ui.horizontal_wrapped(|ui| {
            ui.add_enabled_ui(idle, |ui| {
                if secondary_button(ui, lang.t("Controlla di nuovo", "Check again")).clicked() {
                    rescan = true;
                }
            });
            if secondary_button(ui, lang.t("Chiudi", "Close")).clicked() {
                close = true;
            }
        });
        if let Some(dir) = ask {
            p.confirm = Some(dir);
            p.outcome = None;
        }
        if cancel {
            p.confirm = None;
        }
        if let Some(dir) = confirmed {
            p.register(dir);
        }
        if rescan {
            p.outcome = None;
            p.rescan();
        }
        if close {
            self.actions.push(Action::CloseScreen);
        }
    }
}
