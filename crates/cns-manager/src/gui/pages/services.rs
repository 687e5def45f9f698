//! "Usa la tessera": the online services of the card's region that accept the card (then the
//! national ones), from the guidance data. Before a service opens in the default browser, the
//! page looks at this user's browsers as `browser-setup --check` does: if none sees the card it
//! offers to set one up (the "Usa la tessera nel browser" page) or to open anyway; either way it
//! says first that the browser will ask for the PIN and that the card stays in the reader.
//!
//! The look and the opening go through the app's [`Launcher`] (tests answer for it; nothing
//! opens a real browser in a test). The look runs on a thread of its own: it runs `modutil`.

use std::sync::Arc;

use egui::RichText;

use crate::gui::a11y;
use crate::gui::page::{Action, Ctx};
use crate::gui::widgets::{banner, live_banner, primary_button, secondary_button};
use crate::gui::words::Tone;
use crate::guidance::launch::{Launcher, Readiness};
use crate::guidance::{Guidance, Service};
use crate::i18n::{Lang, msg};
use crate::service::{Background, Wake};

/// Where the look at the browsers stands for the service the user chose.
enum Check {
    Looking(Background<Readiness>),
    Done(Readiness),
}

/// The service the user chose to open, waiting for the look and then for a last "Apri".
struct Pending {
    id: String,
    check: Check,
    /// The result's first button takes the keyboard focus once, when it appears.
    focus: bool,
}

/// The page's state.
pub(crate) struct ServicesPage {
    guidance: Arc<Guidance>,
    launcher: Arc<dyn Launcher>,
    wake: Wake,
    pending: Option<Pending>,
    /// What the last opening did: (the service's id, how it went), said under that service.
    said: Option<(String, Tone, String)>,
}

impl ServicesPage {
    pub(crate) fn new(launcher: Arc<dyn Launcher>, wake: Wake) -> ServicesPage {
        ServicesPage { guidance: Arc::new(Guidance::load()), launcher, wake, pending: None, said: None }
    }

    /// "Apri …": look at the browsers first.
    fn choose(&mut self, id: String) {
        let launcher = self.launcher.clone();
        let check = match Background::spawn("cns-services-check", self.wake.clone(), move || launcher.check())
        {
            Ok(job) => Check::Looking(job),
            // No thread for the look: say what the look would have had nothing to say about.
            Err(_) => Check::Done(Readiness::NoneFound),
        };
        self.said = None;
        self.pending = Some(Pending { id, check, focus: true });
    }

    fn poll(&mut self) {
        if let Some(p) = &mut self.pending
            && let Check::Looking(job) = &p.check
            && let Some(r) = job.try_take()
        {
            p.check = Check::Done(r);
        }
    }

    fn open(&mut self, lang: Lang, s: &Service) {
        self.pending = None;
        let name = s.name.get(lang);
        let (tone, text) = match self.launcher.open(&s.url) {
            Ok(()) => (Tone::Good, lang.tr(msg::services_opened(name))),
            Err(e) => (
                Tone::Attention,
                lang.tr(msg::GuidanceOpenFailed { error: e.into(), url: s.url.as_str().into() }),
            ),
        };
        self.said = Some((s.id.clone(), tone, text));
    }
}

/// What was pressed this frame.
#[derive(Default)]
struct Asked {
    choose: Option<String>,
    open: Option<Service>,
    cancel: bool,
    set_up: bool,
    close: bool,
}

/// Draws the page; opening the browser page and closing are the app's.
pub(crate) fn ui(p: &mut ServicesPage, ctx: &Ctx, ui: &mut egui::Ui) -> Vec<Action> {
    let lang = ctx.lang;
    p.poll();
    a11y::heading(ui, &lang.tr(msg::services_title()));
    let region = super::pin_help::card_region(ctx);
    let guidance = Arc::clone(&p.guidance);
    let chosen = guidance.for_region(region.map(|r| r.code));
    if let Some(name) = chosen.region_name(lang) {
        ui.label(RichText::new(lang.tr(msg::guidance_for_region(name))).strong());
    }
    ui.label(lang.tr(msg::services_intro()));
    ui.add_space(6.0);
    banner(ui, Tone::Neutral, &lang.tr(msg::services_how()));
    if ctx.is_demo() {
        ui.add_space(6.0);
        banner(ui, Tone::Attention, &lang.tr(msg::services_demo_note()));
    }
    let mut asked = Asked::default();
    for s in &chosen.services {
        ui.add_space(8.0);
        egui::Frame::group(ui.style()).inner_margin(egui::Margin::same(10)).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.push_id(("service", s.id.as_str()), |ui| service(ui, lang, p, s, &mut asked));
        });
    }
    ui.add_space(12.0);
    if secondary_button(ui, &lang.tr(msg::page_back_to_card())).clicked() {
        asked.close = true;
    }
    apply(p, lang, asked)
}

fn apply(p: &mut ServicesPage, lang: Lang, asked: Asked) -> Vec<Action> {
    if let Some(id) = asked.choose {
        p.choose(id);
    }
    if let Some(s) = asked.open {
        p.open(lang, &s);
    }
    if asked.cancel {
        p.pending = None;
    }
    match (asked.set_up, asked.close) {
        (true, _) => vec![Action::ShowBrowser],
        (false, true) => vec![Action::CloseScreen],
        _ => Vec::new(),
    }
}

/// One service: its name, what it is for, its address, and "Apri …" or where its look stands.
fn service(ui: &mut egui::Ui, lang: Lang, p: &mut ServicesPage, s: &Service, asked: &mut Asked) {
    let name = s.name.get(lang);
    ui.label(RichText::new(name).strong().size(17.0));
    ui.label(s.what.get(lang));
    ui.add(egui::Label::new(RichText::new(&s.url).weak().small()).selectable(true));
    if let Some((_, tone, text)) = p.said.as_ref().filter(|(id, _, _)| *id == s.id) {
        live_banner(ui, *tone, text);
    }
    match p.pending.as_mut().filter(|pending| pending.id == s.id) {
        None => {
            let idle = p.pending.as_ref().is_none_or(|pending| matches!(pending.check, Check::Done(_)));
            let b =
                ui.add_enabled_ui(idle, |ui| primary_button(ui, &lang.tr(msg::services_open(name)))).inner;
            if b.clicked() {
                asked.choose = Some(s.id.clone());
            }
        }
        Some(Pending { check: Check::Looking(_), .. }) => {
            ui.horizontal_wrapped(|ui| {
                ui.spinner();
                ui.label(lang.tr(msg::services_checking()));
            });
        }
        Some(Pending { check: Check::Done(r), focus, .. }) => {
            let first = checked(ui, lang, *r, s, asked);
            if std::mem::take(focus) {
                first.request_focus();
            }
        }
    }
}

/// The look's answer and the buttons it leaves; returns the first, which takes the focus.
fn checked(ui: &mut egui::Ui, lang: Lang, r: Readiness, s: &Service, asked: &mut Asked) -> egui::Response {
    let (tone, words) = match r {
        Readiness::Ready => (Tone::Good, msg::services_ready()),
        Readiness::NeedsSetup => (Tone::Attention, msg::services_needs_setup()),
        Readiness::NoneFound => (Tone::Attention, msg::services_none_found()),
    };
    let head = lang.tr(words);
    let line = ui.label(RichText::new(format!("{} {head}", tone.icon())).color(tone.color()).strong());
    a11y::mark_live(&line, tone);
    ui.label(RichText::new(lang.tr(msg::services_how())).strong());
    ui.horizontal_wrapped(|ui| {
        let first = match r {
            Readiness::Ready => primary_button(ui, &lang.tr(msg::services_open_now())),
            Readiness::NeedsSetup => {
                let set_up = primary_button(ui, &lang.tr(msg::services_set_up()));
                asked.set_up |= set_up.clicked();
                if secondary_button(ui, &lang.tr(msg::services_open_anyway())).clicked() {
                    asked.open = Some(s.clone());
                }
                set_up
            }
            Readiness::NoneFound => secondary_button(ui, &lang.tr(msg::services_open_anyway())),
        };
        if r != Readiness::NeedsSetup && first.clicked() {
            asked.open = Some(s.clone());
        }
        if secondary_button(ui, &lang.tr(msg::docs_cancel())).clicked() {
            asked.cancel = true;
        }
        first
    })
    .inner
}
