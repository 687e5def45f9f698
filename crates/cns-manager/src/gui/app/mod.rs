//! The window's router: it owns the window's state, drains the worker and the reader monitor
//! in `logic` (events.rs), draws the chrome and the current page in `ui` (frame.rs), and
//! applies what the user asked for after drawing (apply.rs). Only the app imports the pages
//! and the chrome; they read the window through `Ctx` and answer with `Action`s.

mod apply;
mod events;
mod frame;
mod screen;

pub(crate) use screen::Screen;

use std::path::PathBuf;
use std::sync::Arc;

use crate::backend::Backend;
use crate::guidance::launch::{Launcher, SystemLauncher};
use crate::i18n::Lang;
use crate::settings::{Mode, Settings};

use super::a11y;
use super::export::Export;
pub(crate) use super::page::Action;
use super::pages;
use super::state::{CardView, KnownCounters, Notice, Page, Readers, Service, SessionCounter};
use super::style;
use super::why_demo::DemoReason;
use crate::service::Wake;
use crate::service::monitor::Monitor;
use crate::service::worker::Worker;

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
    /// Looks at the browsers and opens addresses ("Usa la tessera", the guidance's links);
    /// tests give one that opens nothing.
    pub launcher: Arc<dyn Launcher>,
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
            launcher: Arc::new(SystemLauncher),
        }
    }
}

/// What the user chose, and how the window was started: language, counter mode, settings.
pub(crate) struct Prefs {
    pub(crate) lang: Lang,
    pub(crate) counter: bool,
    /// Counter mode chosen at start (--counter or the installer's settings): the staff cannot
    /// switch it off, so its guarantee (nothing personal survives the card) holds all day.
    pub(crate) counter_locked: bool,
    pub(crate) settings: Settings,
    /// Where settings changes go; `None` in counter mode and in tests.
    settings_path: Option<PathBuf>,
    /// The day expiry warnings refer to, when fixed (tests, snapshots).
    today: Option<time::Date>,
}

impl Prefs {
    /// The day expiry warnings refer to.
    pub(crate) fn today(&self) -> time::Date {
        self.today.unwrap_or_else(|| time::OffsetDateTime::now_utc().date())
    }
}

/// The way to the cards: the backend, the worker that owns every card connection, the reader
/// monitor, and the numbers that tell a current answer from a stale one.
pub(crate) struct CardLink {
    pub(crate) backend: Backend,
    pub(crate) worker: Worker,
    monitor: Monitor,
    pub(crate) wake: Wake,
    /// The status read whose answer the window waits for.
    read_seq: u64,
    /// The PIN command whose answer the current wizard waits for.
    pin_seq: u64,
    /// When the card is in use by another program: when to try reading it again. Reading the
    /// status spends no try, so the window goes on by itself once the card is free.
    reread_at: Option<std::time::Instant>,
    /// Looks at the browsers and opens addresses (see [`AppConfig::launcher`]).
    pub(crate) launcher: Arc<dyn Launcher>,
}

/// What the window knows of the world: readers, the card, the service, counter mode's tally.
pub(crate) struct Model {
    pub(crate) readers: Readers,
    pub(crate) card: CardView,
    pub(crate) service: Service,
    pub(crate) session: SessionCounter,
    /// Counters a PIN operation taught us, for cards whose counters cannot be asked.
    known: Option<KnownCounters>,
    /// Why the window started the demo by itself; gone once the user switches.
    demo_reason: Option<DemoReason>,
}

/// What the window remembers from one frame to the next.
#[derive(Default)]
struct FrameMemory {
    /// The page drawn last frame: a new page starts at its top, without the last page's notice.
    page_shown: Option<Page>,
    /// The label of the status page's button that opened the current screen: the focus goes
    /// back to it when the screen closes (a screen reader user lands where they left).
    opener: Option<String>,
    /// The counter mode the style was applied for.
    styled_for: Option<bool>,
}

pub struct CnsApp {
    pub(crate) prefs: Prefs,
    pub(crate) link: CardLink,
    pub(crate) model: Model,
    pub(crate) screen: Screen,
    /// The status page's own state (the other pages keep theirs in `screen`).
    status_page: pages::status::Status,
    /// The certificate export under way (the certificate page edits its fallback path).
    export: Export,
    notice: Option<Notice>,
    /// What the user asked for while the frame was drawn.
    pub(crate) actions: Vec<Action>,
    frame: FrameMemory,
}

impl CnsApp {
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
            prefs: Prefs {
                lang: config.lang,
                counter,
                counter_locked: counter,
                today: config.today,
                settings: config.settings,
                settings_path: if counter { None } else { config.settings_path },
            },
            link: CardLink {
                backend: config.backend,
                worker,
                monitor,
                wake,
                read_seq: 0,
                pin_seq: 0,
                reread_at: None,
                launcher: config.launcher,
            },
            model: Model {
                readers: Readers::default(),
                card: CardView::Empty,
                service: Service::Unknown,
                session: SessionCounter::default(),
                known: None,
                demo_reason,
            },
            screen: Screen::Status,
            status_page: pages::status::Status::default(),
            export: Export::default(),
            notice: None,
            actions: Vec::new(),
            frame: FrameMemory::default(),
        }
    }

    pub fn lang(&self) -> Lang {
        self.prefs.lang
    }

    pub fn session(&self) -> SessionCounter {
        self.model.session
    }

    pub fn is_demo(&self) -> bool {
        self.link.backend.is_demo()
    }
}

impl eframe::App for CnsApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.drain();
        self.reread_if_in_use(ctx);
        if self.frame.styled_for != Some(self.prefs.counter) {
            style::apply(ctx, self.prefs.counter);
            self.frame.styled_for = Some(self.prefs.counter);
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
            (true, false) => self.frame.opener = pressed,
            (false, true) => {
                if let Some(label) = self.frame.opener.take() {
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
        self.model.card.wipe();
        self.screen = Screen::Status;
    }
}
