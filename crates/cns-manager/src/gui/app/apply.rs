//! What the user asked for, applied after the frame: pages opened and closed, PIN commands
//! sent to the worker, settings changed, the backend switched.

use cns_core::flow::{Operation, Outcome};
use cns_core::pin::PinKind;

use super::CnsApp;
use super::Screen;
use crate::backend::Backend;
use crate::gui::a11y;
use crate::gui::chrome::demo_panel::{DemoAction, DemoControls};
use crate::gui::page::Action;
use crate::gui::pages;
use crate::gui::pages::documents::{DocAction, DocFlow, SignRequest};
use crate::gui::pages::wizard::{Phase, Wizard};
use crate::gui::state::{Readers, Service};
use crate::i18n::Lang;
use crate::service::monitor::Monitor;
use crate::service::worker::Request;
use crate::settings::{self, Mode};

impl CnsApp {
    pub(super) fn apply(&mut self, action: Action, ctx: &egui::Context) {
        match action {
            Action::SelectReader(name) => self.select_reader(name),
            Action::StartWizard(op) => self.start_wizard(op),
            Action::PinCommand(cmd) => self.send_pin_command(cmd),
            Action::WizardBack => {
                if let Screen::Wizard(w) = &mut self.screen
                    && !w.back()
                {
                    self.close_screen();
                }
            }
            Action::CloseScreen => self.close_screen(),
            Action::ShowCertificate => self.screen = Screen::Certificate,
            Action::ShowNewCardHelp => self.screen = Screen::NewCard,
            Action::ShowDiagnostics => self.open_diagnostics(),
            Action::RunDiagnostics => self.run_diagnostics(),
            Action::ShowBrowser => self.open_browser_page(),
            Action::ShowPinHelp => {
                let page = pages::pin_help::PinHelp::new(self.link.launcher.clone());
                self.screen = Screen::PinHelp(Box::new(page));
            }
            Action::ShowServices => {
                let page =
                    pages::services::ServicesPage::new(self.link.launcher.clone(), self.link.wake.clone());
                self.screen = Screen::Services(Box::new(page));
            }
            Action::Reread => self.read_selected(),
            Action::RetryReaders => {
                self.link.worker.send(Request::ListReaders);
            }
            Action::SetLang(l) => self.set_lang(l, ctx),
            Action::SetCounter(on) => self.set_counter(on),
            Action::SwitchToDemo => self.set_backend(Backend::Demo(cns_sim::SimHandle::default())),
            Action::LeaveDemo => self.set_backend(Backend::Pcsc),
            Action::Zoom(z) => {
                let z = z.clamp(settings::MIN_ZOOM, settings::MAX_ZOOM);
                ctx.set_zoom_factor(z);
            }
            Action::Demo(a) => self.apply_demo(a),
            Action::ExportPem => self.start_export(true),
            Action::ExportDer => self.start_export(false),
            Action::ExportFallbackSave => {
                let path = self.export.fallback_path();
                self.send_export(path);
                self.export.close_fallback();
            }
            Action::ExportFallbackCancel => self.export.reset(),
            Action::Document(a) => self.apply_document(a),
        }
    }

    fn select_reader(&mut self, name: String) {
        if self.model.readers.selected.as_deref() != Some(name.as_str()) {
            self.model.readers.selected = Some(name.clone());
            self.prefs.settings.preferred_reader = Some(name);
            self.save_settings();
            self.selected_card_changed();
        }
    }

    fn set_lang(&mut self, l: Lang, ctx: &egui::Context) {
        self.prefs.lang = l;
        ctx.send_viewport_cmd(egui::ViewportCommand::Title(a11y::window_title(l).to_owned()));
        self.prefs.settings.lang = Some(l);
        self.save_settings();
    }

    fn set_counter(&mut self, on: bool) {
        self.prefs.counter = on;
        self.prefs.settings.mode = if on { Mode::Counter } else { Mode::Normal };
        if on {
            self.prefs.settings_path = None;
        } else if self.prefs.settings_path.is_none() {
            self.prefs.settings_path = settings::user_path();
            self.save_settings();
        }
    }

    fn apply_demo(&mut self, a: DemoAction) {
        let Backend::Demo(h) = &self.link.backend else { return };
        let h = h.clone();
        if DemoControls.apply(&h, a) {
            // The card changed under the reader: read it again.
            self.forget_card();
            if h.is_present() {
                self.read_selected();
            }
        }
    }

    fn start_export(&mut self, pem: bool) {
        if let Some(cert) = self.model.card.status().and_then(|s| s.certificate.as_ref().ok()) {
            let bytes = if pem { cert.to_pem().into_bytes() } else { cert.der().to_vec() };
            self.export.start(bytes, pem, self.prefs.lang, self.link.wake.clone());
        }
    }

    fn start_wizard(&mut self, op: Operation) {
        let Some(s) = self.model.card.status() else {
            return;
        };
        let birth = s
            .personal
            .as_ref()
            .ok()
            .map(|p| p.birth_date.raw.clone())
            .filter(|b| b.len() == 8 && b.bytes().all(|c| c.is_ascii_digit()));
        let w = Wizard::new(op, s.location.pin_ref(s.recognition.profile), s.pin, s.puk, birth);
        self.notice = None;
        self.screen = Screen::Wizard(Box::new(w));
    }

    /// The wizard's command to the card worker; the answer comes back as a PIN answer event.
    fn send_pin_command(&mut self, cmd: cns_core::Command) {
        // The command goes to where the status read found the CNS files.
        let location = self.model.card.status().map(|s| s.location);
        // (a wizard closed in the same frame: the command is dropped, its buffer wiped)
        let Screen::Wizard(w) = &mut self.screen else {
            return;
        };
        let Some(location) = location else {
            drop(cmd);
            w.answered(Err(cns_core::TransportError::NoCard.into()));
            return;
        };
        let reader = self.model.readers.selected.clone().unwrap_or_default();
        self.link.pin_seq += 1;
        if !self.link.worker.send(Request::PinCommand { reader, location, cmd, seq: self.link.pin_seq }) {
            w.answered(Err(cns_core::TransportError::Cancelled.into()));
        }
    }

    pub(super) fn close_screen(&mut self) {
        // Dropping the wizard wipes its buffers.
        let was_blocked_puk = matches!(
            &self.screen,
            Screen::Wizard(w) if matches!(w.phase, Phase::Done(Outcome::Blocked { kind: PinKind::Puk }))
        );
        let signed = matches!(&self.screen, Screen::Document(d) if d.touched_card);
        self.screen = if was_blocked_puk { Screen::NewCard } else { Screen::Status };
        // (no card in the reader: nothing to read, the status page asks for one)
        if signed && self.model.readers.selected_info().is_some_and(|r| r.card_present) {
            // The PIN counter may have moved: show the card as it is now.
            self.read_selected();
        }
    }

    fn set_backend(&mut self, backend: Backend) {
        self.forget_card();
        self.notice = None;
        // Stop the old monitor before the new one starts (a PC/SC monitor holds a context).
        self.link.monitor = Monitor::None;
        self.model.readers = Readers::default();
        self.model.service = Service::Unknown;
        self.link.worker.send(Request::SetBackend(backend.clone()));
        self.link.monitor = Monitor::start(&backend, self.link.wake.clone());
        self.link.backend = backend;
        // The user chose: the reason the window had for the demo no longer applies.
        self.model.demo_reason = None;
    }

    pub(super) fn save_settings(&mut self) {
        if self.prefs.counter {
            return;
        }
        if let Some(p) = &self.prefs.settings_path
            && let Err(e) = self.prefs.settings.save_to(p)
        {
            tracing::warn!("settings not saved: {e}");
        }
    }

    /// Zoom changed (Ctrl +/-, or our buttons): remember it.
    pub(super) fn track_zoom(&mut self, ctx: &egui::Context) {
        let z = ctx.zoom_factor();
        if (z - self.prefs.settings.zoom).abs() > 0.001 {
            self.prefs.settings.zoom = z;
            self.save_settings();
        }
    }

    /// "Usa la tessera nel browser": the page starts looking at once (in demo mode: never).
    fn open_browser_page(&mut self) {
        let page = pages::browser::BrowserPage::start(self.link.wake.clone(), self.is_demo());
        self.screen = Screen::Browser(Box::new(page));
    }

    // ----- the document page: what only the app can do for it -----

    fn apply_document(&mut self, action: DocAction) {
        match action {
            DocAction::Open(kind, file) => {
                self.screen = Screen::Document(Box::new(DocFlow::new(kind, file, self.prefs.lang)));
            }
            DocAction::Another => self.another_document(),
            DocAction::Sign(request) => self.send_signature(request),
            // A file dropped on the open page: the page's own business.
            other => {
                let ctx = super::frame::page_ctx(&self.prefs, &self.link, &self.model, false);
                let next = match &mut self.screen {
                    Screen::Document(flow) => flow.apply(other, &ctx),
                    _ => None,
                };
                if let Some(next) = next {
                    self.apply_document(next);
                }
            }
        }
    }

    /// "Firma/Verifica un altro documento": a signature may have moved the PIN counter, so the
    /// tries shown next are read again.
    fn another_document(&mut self) {
        let Screen::Document(old) = &self.screen else { return };
        let (touched, fresh) = (old.touched_card, old.another(self.prefs.lang, self.link.wake.clone()));
        if touched && self.model.readers.selected_info().is_some_and(|r| r.card_present) {
            self.read_selected_keeping(true);
        }
        self.screen = Screen::Document(Box::new(fresh));
    }

    /// The page's signature to the card worker; its answer comes back as a Signed event.
    fn send_signature(&mut self, request: SignRequest) {
        let seq = request.seq();
        if !self.link.worker.send(request.into_request())
            && let Screen::Document(flow) = &mut self.screen
        {
            flow.not_sent(seq, self.prefs.lang);
        }
    }

    fn open_diagnostics(&mut self) {
        self.screen = Screen::Diagnostics(Box::new(pages::diagnostics::Diagnostics::new(self.prefs.lang)));
        self.run_diagnostics();
    }

    fn run_diagnostics(&mut self) {
        self.link.worker.send(Request::Diagnose { lang: self.prefs.lang });
    }
}
