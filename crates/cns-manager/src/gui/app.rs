//! The eframe app: drains the worker and the reader monitor in `logic`, draws in `ui`, and
//! applies what the user asked for after drawing.

use std::path::PathBuf;
use std::sync::Arc;

use cns_core::flow::{Operation, Outcome};
use cns_core::pin::PinKind;
use cns_pcsc::{MonitorEvent, apply_event};

use crate::backend::Backend;
use crate::i18n::Lang;
use crate::settings::{self, Mode, Settings};

use super::a11y;
use super::export::Export;
pub(crate) use super::page::Action;
use super::page::Ctx;
use super::pages::browser::{self, BrowserPage};
use super::pages::documents::{self, DocAction, DocFlow, SignRequest};
use super::pages::wizard::{self, Phase, Wizard};
use super::state::{
    CardView, KnownCounters, Notice, Page, ReadProblem, Readers, Screen, Service, SessionCounter,
};
use super::style;
use super::views::demo::DemoControls;
use crate::service::Wake;
use crate::service::monitor::Monitor;
use crate::service::worker::{Event, Request, Worker};

/// How the app starts; tests build it against the simulated card.
pub struct AppConfig {
    pub backend: Backend,
    pub lang: Lang,
    pub counter: bool,
    /// Where to save settings changes; `None` saves nothing (tests, counter mode).
    pub settings_path: Option<PathBuf>,
    /// Settings as loaded (zoom, preferred reader).
    pub settings: Settings,
    /// The day expiry warnings are computed against; `None` = today. Tests and snapshots fix it
    /// so that they do not change meaning as the fixture card approaches its expiry.
    pub today: Option<time::Date>,
    /// The window started the demo by itself, for this reason (see gui/why_demo.rs).
    pub demo_reason: Option<super::why_demo::DemoReason>,
}

impl AppConfig {
    pub fn new(backend: Backend, lang: Lang, counter: bool) -> AppConfig {
        AppConfig {
            backend,
            lang,
            counter,
            settings_path: None,
            settings: Settings::default(),
            today: None,
            demo_reason: None,
        }
    }
}

/// How long the window waits before reading a card that another program was using again (the
/// read itself already waits up to the transport's bound for the card to be free).
const IN_USE_REREAD: std::time::Duration = std::time::Duration::from_secs(2);

pub struct CnsApp {
    pub(crate) lang: Lang,
    pub(crate) counter: bool,
    /// Counter mode chosen at start (--counter or the installer's settings): the staff cannot
    /// switch it off, so its guarantee (nothing personal survives the card) holds all day.
    pub(crate) counter_locked: bool,
    pub(crate) settings: Settings,
    settings_path: Option<PathBuf>,
    pub(crate) backend: Backend,
    pub(crate) worker: Worker,
    monitor: Monitor,
    pub(crate) wake: Wake,
    pub(crate) service: Service,
    pub(crate) readers: Readers,
    pub(crate) card: CardView,
    read_seq: u64,
    /// When the card is in use by another program: when to try reading it again. Reading the
    /// status spends no try, so the window goes on by itself once the card is free.
    reread_at: Option<std::time::Instant>,
    /// The PIN command whose answer the current wizard waits for.
    pin_seq: u64,
    pub(crate) screen: Screen,
    pub(crate) notice: Option<Notice>,
    pub(crate) session: SessionCounter,
    known: Option<KnownCounters>,
    pub(crate) export: Export,
    pub(crate) demo: DemoControls,
    pub(crate) actions: Vec<Action>,
    /// The label of the status page's button that opened the current screen: the focus goes
    /// back to it when the screen closes (a screen reader user lands where they left).
    opener: Option<String>,
    styled_for: Option<bool>,
    today: Option<time::Date>,
    /// The page drawn last frame: a new page starts at its top, without the last page's notice.
    page_shown: Option<Page>,
    /// Why the window started the demo by itself; gone once the user switches.
    pub(crate) demo_reason: Option<super::why_demo::DemoReason>,
    /// A new card's status is coming: its first action takes the keyboard focus when shown.
    pub(crate) focus_first_action: bool,
}

impl CnsApp {
    /// The day expiry warnings refer to.
    pub(crate) fn today(&self) -> time::Date {
        self.today.unwrap_or_else(|| time::OffsetDateTime::now_utc().date())
    }

    pub fn new(ctx: &egui::Context, config: AppConfig) -> CnsApp {
        let repaint_ctx = ctx.clone();
        let wake: Wake = Arc::new(move || repaint_ctx.request_repaint());
        let counter = config.counter || config.settings.mode == Mode::Counter;
        let worker = match Worker::spawn(config.backend.clone(), wake.clone()) {
            Ok(w) => w,
            Err(e) => {
                // Without a thread there is no way to talk to a card; say so instead of crashing.
                tracing::error!("card worker not started: {e}");
                Worker::dead()
            }
        };
        let monitor = Monitor::start(&config.backend, wake.clone());
        if config.settings.zoom != 1.0 {
            ctx.set_zoom_factor(config.settings.zoom);
        }
        let demo_reason = config.demo_reason.filter(|_| config.backend.is_demo());
        CnsApp {
            lang: config.lang,
            counter,
            counter_locked: counter,
            today: config.today,
            settings: config.settings,
            settings_path: if counter { None } else { config.settings_path },
            backend: config.backend,
            worker,
            monitor,
            wake,
            service: Service::Unknown,
            readers: Readers::default(),
            card: CardView::Empty,
            read_seq: 0,
            reread_at: None,
            pin_seq: 0,
            screen: Screen::Status,
            notice: None,
            session: SessionCounter::default(),
            known: None,
            export: Export::default(),
            demo: DemoControls,
            actions: Vec::new(),
            opener: None,
            styled_for: None,
            demo_reason,
            focus_first_action: false,
            page_shown: None,
        }
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    pub fn session(&self) -> SessionCounter {
        self.session
    }

    pub fn is_demo(&self) -> bool {
        self.backend.is_demo()
    }

    /// The page to draw, and whether it differs from last frame's. On a new page, a notice
    /// about another page is dropped: it was read there, and here it would be about nothing.
    pub(crate) fn turn_page(&mut self) -> (Page, bool) {
        let page = self.screen.page();
        let new = self.page_shown != Some(page);
        if new {
            self.page_shown = Some(page);
            if self.notice.as_ref().is_some_and(|n| n.page() != page) {
                self.notice = None;
            }
        }
        (page, new)
    }

    /// What the pages may read this frame. `busy` is passed in: it depends on the page, which
    /// is out of `self` while it is drawn.
    fn page_ctx(&self, busy: bool) -> Ctx<'_> {
        Ctx {
            lang: self.lang,
            today: self.today(),
            counter: self.counter,
            counter_locked: self.counter_locked,
            busy,
            card: &self.card,
            readers: &self.readers,
            service: self.service,
            session: self.session,
            backend: &self.backend,
            wake: &self.wake,
        }
    }

    /// Draws the current page with its own state, then keeps what it asked for.
    pub(crate) fn draw_page(&mut self, ui: &mut egui::Ui) {
        let busy = self.busy();
        let mut screen = std::mem::replace(&mut self.screen, Screen::Status);
        let ctx = self.page_ctx(busy);
        let actions = match &mut screen {
            Screen::Diagnostics(d) => super::diagnostics::ui(d, &ctx, ui),
            Screen::Wizard(w) => wizard::ui(w, &ctx, ui),
            Screen::Document(d) => documents::ui(d, &ctx, ui),
            Screen::Browser(p) => browser::ui(p, &ctx, ui),
            _ => Vec::new(),
        };
        self.screen = screen;
        self.actions.extend(actions);
        if matches!(self.screen, Screen::Diagnostics(_)) {
            ui.add_space(12.0);
            ui.separator();
            self.counter_setting(ui);
        }
    }

    /// The PIN wizard, for `views::main_area`, which still names each page.
    pub(crate) fn wizard_view(&mut self, ui: &mut egui::Ui) {
        self.draw_page(ui);
    }

    /// The document page, for `views::main_area`, which still names each page.
    pub(crate) fn document_view(&mut self, ui: &mut egui::Ui) {
        self.draw_page(ui);
    }

    /// The browser page, for `views::main_area`, which still names each page.
    pub(crate) fn browser_view(&mut self, ui: &mut egui::Ui) {
        self.draw_page(ui);
    }

    /// The demo's band, with the reason the window chose it.
    pub(crate) fn demo_banner(&mut self, ui: &mut egui::Ui) {
        let actions = super::why_demo::banner(self.demo_reason, &self.page_ctx(self.busy()), ui);
        self.actions.extend(actions);
    }

    /// "Usa la tessera nel browser": the page starts looking at once (in demo mode: never).
    fn open_browser_page(&mut self) {
        let page = BrowserPage::start(self.wake.clone(), self.is_demo());
        self.screen = Screen::Browser(Box::new(page));
    }

    fn open_diagnostics(&mut self) {
        let d = super::diagnostics::Diagnostics::start(&self.backend, self.lang, self.wake.clone());
        self.screen = Screen::Diagnostics(Box::new(d));
    }

    /// True while a PIN command is with the card: the whole window refuses input.
    pub(crate) fn busy(&self) -> bool {
        match &self.screen {
            Screen::Wizard(w) => w.is_busy(),
            Screen::Document(d) => d.is_busy(),
            _ => false,
        }
    }

    // ----- events from the monitor and the worker -----

    fn drain(&mut self) {
        for ev in self.monitor.drain() {
            self.on_monitor(ev);
        }
        while let Some(ev) = self.worker.try_recv() {
            self.on_worker(ev);
        }
        if let Some(result) = self.export.poll_dialog() {
            self.on_dialog(result);
        }
    }

    fn on_monitor(&mut self, ev: MonitorEvent) {
        let before = self.readers.selected_info().map(|r| (r.card_present, r.atr.clone()));
        match &ev {
            MonitorEvent::ServiceLost => self.service = Service::Down,
            MonitorEvent::ServiceBack | MonitorEvent::Snapshot(_) => self.service = Service::Up,
            _ => {}
        }
        apply_event(&mut self.readers.list, &ev);
        self.readers.reselect(self.settings.preferred_reader.as_deref());
        let after = self.readers.selected_info().map(|r| (r.card_present, r.atr.clone()));
        if before != after {
            self.selected_card_changed();
        }
    }

    /// The selected reader's card came, went, or was swapped.
    fn selected_card_changed(&mut self) {
        let present = self.readers.selected_info().is_some_and(|r| r.card_present);
        let had_card = !matches!(self.card, CardView::Empty);
        self.forget_card();
        // (a removal in the middle of an operation keeps its own, more telling notice)
        if had_card
            && self.counter
            && !matches!(self.notice, Some(Notice::RemovedDuringOperation | Notice::WipedBeforeSending))
        {
            self.notice = Some(Notice::Wiped);
        }
        if present {
            if matches!(self.notice, Some(Notice::Wiped | Notice::WipedBeforeSending | Notice::Exported(_))) {
                self.notice = None;
            }
            self.read_selected();
        }
    }

    /// Everything about the card leaves the screen and memory. A command already with the card
    /// still gets its answer (the flow must hear it); its wizard keeps no digits meanwhile. A
    /// signature works the same way; checking a signed file has nothing to do with the card and
    /// stays (in counter mode only until a card leaves: it may name the citizen).
    fn forget_card(&mut self) {
        let card_left = !matches!(self.card, CardView::Empty);
        // A status read still under way is of the card forgotten here: its answer must not
        // land after this (the monitor can report a removal before the read that found the
        // reader empty answers, and that answer would then stay on screen).
        self.read_seq += 1;
        self.card.wipe();
        self.known = None;
        self.export.reset();
        // "Certificato salvato in…" was about the card that went (or was reset).
        if self.notice.as_ref().is_some_and(Notice::is_about_the_card) {
            self.notice = None;
        }
        let keep = match std::mem::replace(&mut self.screen, Screen::Status) {
            Screen::Wizard(mut w) if w.is_busy() => {
                w.wipe();
                if self.counter {
                    self.notice = Some(Notice::RemovedDuringOperation);
                    // The answer will find no wizard and be dropped; the flow ends with it.
                    None
                } else {
                    Some(Screen::Wizard(w))
                }
            }
            // Counter mode wipes the screen, but says that nothing had reached the card.
            Screen::Wizard(mut w) if self.counter && w.before_sending() => {
                w.wipe();
                self.notice = Some(Notice::WipedBeforeSending);
                None
            }
            // A removal message stays readable (nothing personal in it).
            Screen::Wizard(w) if !self.counter && w.is_removal_page() => Some(Screen::Wizard(w)),
            // Nothing was sent yet: say that nothing changed, rather than fall back to "insert
            // the card" as if the wizard had never been.
            Screen::Wizard(mut w) if !self.counter && w.before_sending() => {
                w.card_left();
                Some(Screen::Wizard(w))
            }
            Screen::Document(mut d) => match d.on_card_change(self.counter, card_left) {
                super::documents::OnCardChange::Keep => Some(Screen::Document(d)),
                super::documents::OnCardChange::Drop => None,
                super::documents::OnCardChange::DropRemovedMidOperation => {
                    // As for a PIN wizard: the result will find no screen; the notice says
                    // the operation may not have been completed and where to look.
                    self.notice = Some(Notice::RemovedDuringOperation);
                    None
                }
            },
            _ => None,
        };
        if let Some(s) = keep {
            self.screen = s;
        }
    }

    fn read_selected(&mut self) {
        self.read_selected_keeping(false);
    }

    /// `keep`: leave the current status on screen until the new one arrives (a refresh after
    /// an operation, not a new card).
    pub(super) fn read_selected_keeping(&mut self, keep: bool) {
        let Some(reader) = self.readers.selected.clone() else {
            return;
        };
        self.read_seq += 1;
        if !keep || self.card.status().is_none() {
            self.card.wipe();
            self.card = CardView::Reading;
            self.focus_first_action = true;
        }
        self.worker.send(Request::ReadCard { reader, seq: self.read_seq });
    }

    /// Another program had the card: read it again (the status only, never a PIN) every
    /// [`IN_USE_REREAD`], leaving the "in use" page on screen meanwhile; stops as soon as the
    /// page changes (read, card removed, Retry pressed).
    fn reread_if_in_use(&mut self, ctx: &egui::Context) {
        let Some(at) = self.reread_at else { return };
        if !matches!(self.card, CardView::Failed { problem: ReadProblem::InUse, .. }) {
            self.reread_at = None;
            return;
        }
        let now = std::time::Instant::now();
        if now < at {
            ctx.request_repaint_after(at - now);
            return;
        }
        self.reread_at = None;
        let Some(reader) = self.readers.selected.clone() else { return };
        self.read_seq += 1;
        self.worker.send(Request::ReadCard { reader, seq: self.read_seq });
    }

    fn on_worker(&mut self, ev: Event) {
        match ev {
            Event::Status { reader, seq, result } => {
                if seq != self.read_seq || self.readers.selected.as_deref() != Some(reader.as_str()) {
                    // A card that has gone since: drop what was read.
                    if let Ok(mut s) = result {
                        super::state::wipe_status(&mut s);
                    }
                    return;
                }
                let atr = self.readers.selected_info().and_then(|r| r.atr.clone());
                self.card = CardView::from_result(result, atr);
                self.reread_at = matches!(self.card, CardView::Failed { problem: ReadProblem::InUse, .. })
                    .then(|| std::time::Instant::now() + IN_USE_REREAD);
                if let (CardView::Ready(s), Some(k)) = (&mut self.card, self.known) {
                    // Cards whose counters cannot be asked: keep what the last operation told.
                    if !s.counters_queried {
                        s.pin = k.pin;
                        s.puk = k.puk;
                    }
                }
            }
            Event::PinAnswer { seq, result } => {
                if self.pin_seq == seq {
                    self.on_pin_answer(result);
                }
            }
            Event::Readers(Ok(list)) => {
                self.service = Service::Up;
                self.on_monitor(MonitorEvent::Snapshot(list));
            }
            Event::Readers(Err(e)) => {
                if matches!(e, cns_core::TransportError::ServiceUnavailable) {
                    self.service = Service::Down;
                }
            }
            Event::Exported(Ok(path)) => self.notice = Some(Notice::Exported(path)),
            Event::Exported(Err(e)) => self.notice = Some(Notice::ExportFailed(e)),
            Event::Signed { seq, result } => self.document_signed(seq, result),
        }
    }

    fn on_pin_answer(&mut self, result: Result<cns_core::StatusWord, cns_core::card::CardError>) {
        let Screen::Wizard(w) = &mut self.screen else {
            return;
        };
        let Some(outcome) = w.answered(result) else {
            return;
        };
        if outcome == Outcome::Success {
            match w.op {
                Operation::ChangePin => self.session.changes += 1,
                Operation::UnblockPin => self.session.unblocks += 1,
                Operation::VerifyPin => self.session.verifies += 1,
            }
        }
        let known = KnownCounters { pin: w.pin_state(), puk: w.puk_state() };
        self.known = Some(known);
        if let CardView::Ready(s) = &mut self.card {
            s.pin = known.pin;
            s.puk = known.puk;
        }
        if w.card_removed && self.counter {
            self.forget_card();
            self.notice = Some(Notice::RemovedDuringOperation);
            return;
        }
        if !w.card_removed {
            // Show the counters as the card now has them.
            self.read_selected_keeping(true);
        }
    }

    fn on_dialog(&mut self, result: super::export::DialogResult) {
        use super::export::DialogResult;
        match result {
            DialogResult::Chosen(path) => self.send_export(path),
            DialogResult::Cancelled => {}
            DialogResult::Unavailable => self.export.open_fallback(),
        }
    }

    fn send_export(&mut self, path: PathBuf) {
        if let Some(bytes) = self.export.take_bytes() {
            self.worker.send(Request::Export { path, bytes });
        }
    }

    // ----- actions -----

    fn apply(&mut self, action: Action, ctx: &egui::Context) {
        match action {
            Action::SelectReader(name) => {
                if self.readers.selected.as_deref() != Some(name.as_str()) {
                    self.readers.selected = Some(name.clone());
                    self.settings.preferred_reader = Some(name);
                    self.save_settings();
                    self.selected_card_changed();
                }
            }
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
            Action::ShowBrowser => self.open_browser_page(),
            Action::Reread => self.read_selected(),
            Action::RetryReaders => {
                self.worker.send(Request::ListReaders);
            }
            Action::SetLang(l) => {
                self.lang = l;
                ctx.send_viewport_cmd(egui::ViewportCommand::Title(a11y::window_title(l).to_owned()));
                self.settings.lang = Some(l);
                self.save_settings();
            }
            Action::SetCounter(on) => {
                self.counter = on;
                self.settings.mode = if on { Mode::Counter } else { Mode::Normal };
                if on {
                    self.settings_path = None;
                } else if self.settings_path.is_none() {
                    self.settings_path = settings::user_path();
                    self.save_settings();
                }
            }
            Action::SwitchToDemo => self.set_backend(Backend::Demo(cns_sim::SimHandle::default())),
            Action::LeaveDemo => self.set_backend(Backend::Pcsc),
            Action::Zoom(z) => {
                let z = z.clamp(settings::MIN_ZOOM, settings::MAX_ZOOM);
                ctx.set_zoom_factor(z);
            }
            Action::Demo(a) => {
                if let Backend::Demo(h) = &self.backend {
                    let h = h.clone();
                    if self.demo.apply(&h, a) {
                        // The card changed under the reader: read it again.
                        self.forget_card();
                        if h.is_present() {
                            self.read_selected();
                        }
                    }
                }
            }
            Action::ExportPem | Action::ExportDer => {
                let pem = matches!(action, Action::ExportPem);
                if let Some(cert) = self.card.status().and_then(|s| s.certificate.as_ref().ok()) {
                    let bytes = if pem { cert.to_pem().into_bytes() } else { cert.der().to_vec() };
                    self.export.start(bytes, pem, self.lang, self.wake.clone());
                }
            }
            Action::ExportFallbackSave => {
                let path = self.export.fallback_path();
                self.send_export(path);
                self.export.close_fallback();
            }
            Action::ExportFallbackCancel => self.export.reset(),
            Action::Document(a) => self.apply_document(a),
        }
    }

    fn start_wizard(&mut self, op: Operation) {
        let Some(s) = self.card.status() else {
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

    /// The wizard's command to the card worker; the answer comes back as [`Event::PinAnswer`].
    fn send_pin_command(&mut self, cmd: cns_core::Command) {
        // The command goes to where the status read found the CNS files.
        let location = self.card.status().map(|s| s.location);
        // (a wizard closed in the same frame: the command is dropped, its buffer wiped)
        let Screen::Wizard(w) = &mut self.screen else {
            return;
        };
        let Some(location) = location else {
            drop(cmd);
            w.answered(Err(cns_core::TransportError::NoCard.into()));
            return;
        };
        let reader = self.readers.selected.clone().unwrap_or_default();
        self.pin_seq += 1;
        if !self.worker.send(Request::PinCommand { reader, location, cmd, seq: self.pin_seq }) {
            w.answered(Err(cns_core::TransportError::Cancelled.into()));
        }
    }

    fn close_screen(&mut self) {
        // Dropping the wizard wipes its buffers.
        let was_blocked_puk = matches!(
            &self.screen,
            Screen::Wizard(w) if matches!(w.phase, Phase::Done(Outcome::Blocked { kind: PinKind::Puk }))
        );
        let signed = matches!(&self.screen, Screen::Document(d) if d.touched_card);
        self.screen = if was_blocked_puk { Screen::NewCard } else { Screen::Status };
        // (no card in the reader: nothing to read, the status page asks for one)
        if signed && self.readers.selected_info().is_some_and(|r| r.card_present) {
            // The PIN counter may have moved: show the card as it is now.
            self.read_selected();
        }
    }

    // ----- the document page's glue: what only the app can do for it -----

    /// Files dropped on the window (`views::draw` calls this when nothing is busy): they open
    /// the document page, or answer the one on screen (an authority's certificate, a list).
    pub(crate) fn take_dropped_files(&mut self, ui: &egui::Ui) {
        let first = ui.input(|i| {
            i.raw.dropped_files.iter().map(|f| f.path().to_path_buf()).find(|p| !p.as_os_str().is_empty())
        });
        if let Some(p) = first {
            let open = match &self.screen {
                Screen::Document(d) => Some(d.as_ref()),
                _ => None,
            };
            self.actions.push(Action::Document(documents::dropped_file(p, open, self.counter)));
        }
    }

    fn apply_document(&mut self, action: DocAction) {
        match action {
            DocAction::Open(kind, file) => {
                self.screen = Screen::Document(Box::new(DocFlow::new(kind, file, self.lang)));
            }
            DocAction::Another => self.another_document(),
            DocAction::Sign(request) => self.send_signature(request),
            // A file dropped on the open page: the page's own business.
            other => {
                let mut screen = std::mem::replace(&mut self.screen, Screen::Status);
                let next = match &mut screen {
                    Screen::Document(flow) => flow.apply(other, &self.page_ctx(false)),
                    _ => None,
                };
                self.screen = screen;
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
        let (touched, fresh) = (old.touched_card, old.another(self.lang, self.wake.clone()));
        if touched && self.readers.selected_info().is_some_and(|r| r.card_present) {
            self.read_selected_keeping(true);
        }
        self.screen = Screen::Document(Box::new(fresh));
    }

    /// The page's signature to the card worker; its answer comes back as [`Event::Signed`].
    fn send_signature(&mut self, request: SignRequest) {
        let seq = request.seq();
        if !self.worker.send(request.into_request())
            && let Screen::Document(flow) = &mut self.screen
        {
            flow.not_sent(seq, self.lang);
        }
    }

    /// The card worker's answer to a signature.
    fn document_signed(
        &mut self,
        seq: u64,
        result: Result<crate::ops::sign::Signed, crate::ops::sign::SignError>,
    ) {
        if let Screen::Document(flow) = &mut self.screen {
            flow.on_signed(seq, result, self.lang);
        }
    }

    fn set_backend(&mut self, backend: Backend) {
        self.forget_card();
        self.notice = None;
        // Stop the old monitor before the new one starts (a PC/SC monitor holds a context).
        self.monitor = Monitor::None;
        self.readers = Readers::default();
        self.service = Service::Unknown;
        self.worker.send(Request::SetBackend(backend.clone()));
        self.monitor = Monitor::start(&backend, self.wake.clone());
        self.backend = backend;
        self.demo = DemoControls;
        // The user chose: the reason the window had for the demo no longer applies.
        self.demo_reason = None;
    }

    fn save_settings(&mut self) {
        if self.counter {
            return;
        }
        if let Some(p) = &self.settings_path
            && let Err(e) = self.settings.save_to(p)
        {
            tracing::warn!("settings not saved: {e}");
        }
    }

    /// Zoom changed (Ctrl +/-, or our buttons): remember it.
    fn track_zoom(&mut self, ctx: &egui::Context) {
        let z = ctx.zoom_factor();
        if (z - self.settings.zoom).abs() > 0.001 {
            self.settings.zoom = z;
            self.save_settings();
        }
    }
}

impl eframe::App for CnsApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.drain();
        self.reread_if_in_use(ctx);
        if self.styled_for != Some(self.counter) {
            style::apply(ctx, self.counter);
            self.styled_for = Some(self.counter);
        }
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.draw(ui);
        let ctx = ui.ctx().clone();
        let pressed = a11y::take_pressed(&ctx);
        let was_status = matches!(self.screen, Screen::Status);
        for action in std::mem::take(&mut self.actions) {
            self.apply(action, &ctx);
        }
        // (a wizard closed into another one, "Sblocca con il PUK" after a blocked PIN, keeps
        // the first opener: that is where the user comes back to)
        match (was_status, matches!(self.screen, Screen::Status)) {
            (true, false) => self.opener = pressed,
            (false, true) => {
                if let Some(label) = self.opener.take() {
                    a11y::refocus_later(&ctx, label);
                }
            }
            _ => {}
        }
        self.track_zoom(&ctx);
    }
}

impl Drop for CnsApp {
    fn drop(&mut self) {
        self.card.wipe();
        self.screen = Screen::Status;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backend::DEMO_READER;
    use cns_core::TransportError;
    use cns_core::card::CardError;
    use cns_pcsc::ReaderInfo;

    /// "Chiudi" after a signature the card left during: the reader list may still show the card
    /// (the monitor is a thread of its own), so a status read goes out and finds no card; the
    /// monitor's removal can then land before that read's answer. The events are fed here in
    /// that order, which the threads give only now and then.
    #[test]
    fn a_status_answer_for_a_card_that_left_meanwhile_is_dropped() {
        let handle = cns_sim::SimHandle::default();
        let ctx = egui::Context::default();
        let mut app = CnsApp::new(&ctx, AppConfig::new(Backend::Demo(handle), Lang::It, false));
        let atr = Some(cns_sim::QuirkMode::Standard.atr().to_vec());
        let present = ReaderInfo { name: DEMO_READER.to_owned(), card_present: true, atr };
        app.on_monitor(MonitorEvent::Snapshot(vec![present]));
        let stale = app.read_seq;
        app.on_monitor(MonitorEvent::CardRemoved { reader: DEMO_READER.to_owned() });
        app.on_worker(Event::Status {
            reader: DEMO_READER.to_owned(),
            seq: stale,
            result: Err(CardError::Transport(TransportError::NoCard)),
        });
        assert!(matches!(app.card, CardView::Empty), "the stale answer landed");
    }
}
