//! "Non hai il PIN o il PUK?": where the card's region gives the PIN and PUK, who helps and when
//! they answer, from the guidance data ([`crate::guidance`]). The region is the card's (the
//! serial's region digits); with no card, the national part and a choice of region.
//!
//! Numbers and addresses can be selected and have a "Copia" button; links open in the browser
//! through the app's [`Launcher`], so that tests open nothing.

use std::sync::Arc;

use cns_core::files::id_carta::{REGIONS, Region};
use egui::RichText;

use crate::gui::a11y;
use crate::gui::page::{Action, Ctx};
use crate::gui::widgets::{banner, primary_button, secondary_button};
use crate::gui::words::Tone;
use crate::guidance::launch::Launcher;
use crate::guidance::{Chosen, Contact, Guidance, Section};
use crate::i18n::{Lang, msg};

/// The page's state.
pub(crate) struct PinHelp {
    guidance: Guidance,
    launcher: Arc<dyn Launcher>,
    /// The region chosen by the user when no card says it.
    chosen: Option<Region>,
    /// What the last "Copia" or link did, said where it was pressed.
    said: Option<Said>,
}

/// A line shown beside the number copied or under the link that did not open.
struct Said {
    /// The number, address or link it is about.
    at: String,
    tone: Tone,
    text: String,
}

impl PinHelp {
    pub(crate) fn new(launcher: Arc<dyn Launcher>) -> PinHelp {
        PinHelp { guidance: Guidance::load(), launcher, chosen: None, said: None }
    }

    fn open(&mut self, lang: Lang, url: &str) {
        self.said = match self.launcher.open(url) {
            Ok(()) => None,
            Err(e) => Some(Said {
                at: url.to_owned(),
                tone: Tone::Attention,
                text: lang.tr(msg::GuidanceOpenFailed { error: e.into(), url: url.into() }),
            }),
        };
    }
}

/// The card's region, when a TS-CNS of a region is in the reader.
pub(crate) fn card_region(ctx: &Ctx) -> Option<Region> {
    ctx.card.status().and_then(|s| s.id.region())
}

/// What was pressed this frame.
#[derive(Default)]
struct Asked {
    open: Option<String>,
    copy: Option<String>,
    close: bool,
}

/// Draws the page; closing it is the app's.
pub(crate) fn ui(p: &mut PinHelp, ctx: &Ctx, ui: &mut egui::Ui) -> Vec<Action> {
    let lang = ctx.lang;
    a11y::heading(ui, &lang.tr(msg::guidance_title()));
    ui.label(lang.tr(msg::guidance_intro()));
    ui.add_space(8.0);
    let from_card = card_region(ctx);
    if from_card.is_none() {
        region_choice(ui, lang, &mut p.chosen);
    }
    let region = from_card.or(p.chosen);
    let chosen = p.guidance.for_region(region.map(|r| r.code));
    match chosen.region_name(lang) {
        Some(name) => banner(ui, Tone::Neutral, &lang.tr(msg::guidance_for_region(name))),
        None => banner(ui, Tone::Neutral, &lang.tr(msg::guidance_national_only())),
    }
    if !p.guidance.problems().is_empty() {
        ui.label(RichText::new(lang.tr(msg::guidance_installed_invalid())).weak());
    }
    let mut asked = Asked::default();
    sections(ui, lang, &chosen, p.said.as_ref(), &mut asked);
    ui.add_space(12.0);
    if primary_button(ui, &lang.tr(msg::page_back_to_card())).clicked() {
        asked.close = true;
    }
    apply(p, ui.ctx(), lang, asked)
}

fn apply(p: &mut PinHelp, ctx: &egui::Context, lang: Lang, asked: Asked) -> Vec<Action> {
    if let Some(value) = asked.copy {
        ctx.copy_text(value.clone());
        let text = lang.tr(msg::guidance_copied(value.as_str()));
        p.said = Some(Said { at: value, tone: Tone::Good, text });
    }
    if let Some(url) = asked.open {
        p.open(lang, &url);
    }
    if asked.close { vec![Action::CloseScreen] } else { Vec::new() }
}

/// With no card to read: which region's guidance to show ("Non lo so": the national part).
fn region_choice(ui: &mut egui::Ui, lang: Lang, chosen: &mut Option<Region>) {
    let label = lang.tr(msg::guidance_region_label());
    let none = lang.tr(msg::guidance_region_none());
    let shown = chosen.map_or(none.clone(), |r| crate::i18n::region_name(lang, &r));
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(&label).strong());
        let combo = egui::ComboBox::from_id_salt("guidance_region").selected_text(&shown).show_ui(ui, |ui| {
            ui.selectable_value(chosen, None, &none);
            for r in REGIONS {
                ui.selectable_value(chosen, Some(*r), crate::i18n::region_name(lang, r));
            }
        });
        a11y::name_combo(&combo.response, &label, &shown);
    });
    ui.label(RichText::new(lang.tr(msg::guidance_region_choose_hint())).weak());
    ui.add_space(6.0);
}

fn sections(ui: &mut egui::Ui, lang: Lang, chosen: &Chosen<'_>, said: Option<&Said>, asked: &mut Asked) {
    for (i, s) in chosen.sections.iter().enumerate() {
        ui.add_space(10.0);
        ui.push_id(("guidance_section", i), |ui| section(ui, lang, s, said, asked));
    }
}

/// What the last press did, if it was about `at`: a live line, so a screen reader says it.
fn said_here(ui: &mut egui::Ui, said: Option<&Said>, at: &str) {
    if let Some(s) = said.filter(|s| s.at == at) {
        let line = ui.label(RichText::new(format!("{} {}", s.tone.icon(), s.text)).color(s.tone.color()));
        a11y::mark_live(&line, s.tone);
    }
}

/// One section: its title, paragraphs, bullet points, steps, notes, contacts and links.
fn section(ui: &mut egui::Ui, lang: Lang, s: &Section, said: Option<&Said>, asked: &mut Asked) {
    a11y::heading_text(ui, RichText::new(s.title.get(lang)).strong().size(17.0));
    for t in &s.text {
        ui.label(t.get(lang));
    }
    // One label per point: a row of two widgets would take a button's height.
    for t in &s.items {
        ui.label(format!("•  {}", t.get(lang)));
    }
    for (n, t) in s.steps.iter().enumerate() {
        ui.label(format!("{}.  {}", n + 1, t.get(lang)));
    }
    for t in &s.notes {
        ui.label(t.get(lang));
    }
    for (n, c) in s.contact.iter().enumerate() {
        ui.push_id(("contact", n), |ui| contact(ui, lang, c, said, asked));
    }
    for l in &s.link {
        let link =
            ui.link(l.text.get(lang)).on_hover_text(lang.tr(msg::guidance_opens_in_browser(l.url.as_str())));
        if link.clicked() {
            asked.open = Some(l.url.clone());
        }
        said_here(ui, said, &l.url);
    }
}

/// Who to call or write to: what for, the number or address (selectable, with "Copia"), and
/// when it answers.
fn contact(ui: &mut egui::Ui, lang: Lang, c: &Contact, said: Option<&Said>, asked: &mut Asked) {
    egui::Frame::group(ui.style()).inner_margin(egui::Margin::same(8)).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(RichText::new(c.what.get(lang)).strong());
        for value in c.phone.iter().chain(c.email.iter()) {
            ui.horizontal_wrapped(|ui| {
                ui.add(egui::Label::new(RichText::new(value).size(18.0).strong()).selectable(true));
                // "Copia" on screen, "Copia 800 030 606" for a screen reader: several on a page.
                let copy = secondary_button(ui, &lang.tr(msg::guidance_copy_button()));
                let name = lang.tr(msg::guidance_copy(value.as_str()));
                let enabled = copy.enabled();
                copy.widget_info(|| egui::WidgetInfo::labeled(egui::accesskit::Role::Button, enabled, &name));
                if copy.on_hover_text(&name).clicked() {
                    asked.copy = Some(value.clone());
                }
                said_here(ui, said, value);
            });
        }
        if let Some(h) = &c.hours {
            ui.label(RichText::new(lang.tr(msg::guidance_hours(h.get(lang)))).weak());
        }
    });
}
