//! Framed lines in a tone's colour: the page's news (a result, an error, a warning), and the
//! "Dettagli tecnici" expander that keeps the technical part out of the way.

use egui::RichText;

use crate::gui::a11y;
use crate::gui::words::Tone;
use crate::i18n::{Lang, msg};

/// A framed line with icon and words in the tone's colour.
pub fn banner(ui: &mut egui::Ui, tone: Tone, text: &str) {
    framed_line(ui, tone, text);
}

/// A banner that a screen reader announces when it appears or changes (a result, an error):
/// a live region, assertive for bad news.
pub fn live_banner(ui: &mut egui::Ui, tone: Tone, text: &str) {
    let line = framed_line(ui, tone, text);
    a11y::mark_live(&line, tone);
}

fn framed_line(ui: &mut egui::Ui, tone: Tone, text: &str) -> egui::Response {
    egui::Frame::new()
        .fill(tone.fill())
        .stroke(egui::Stroke::new(1.0, tone.color()))
        .corner_radius(6.0)
        .inner_margin(egui::Margin::symmetric(12, 8))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(RichText::new(format!("{} {text}", tone.icon())).color(tone.color()).strong())
        })
        .inner
}

/// The "Dettagli tecnici" expander.
pub fn technical(ui: &mut egui::Ui, lang: Lang, add: impl FnOnce(&mut egui::Ui)) {
    egui::CollapsingHeader::new(lang.tr(msg::window_technical_details()))
        .id_salt("technical_details")
        .show(ui, add);
}
