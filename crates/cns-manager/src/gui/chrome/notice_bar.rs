//! The notice above the page it concerns: a card that left, a certificate saved or not.

use crate::gui::state::{Notice, Page};
use crate::gui::widgets::live_banner;
use crate::gui::words::Tone;
use crate::i18n::{Lang, msg};

/// Draws `notice` if it is about `page` (a notice about another page waits, or is dropped when
/// the user leaves it).
pub fn ui(notice: Option<&Notice>, page: Page, lang: Lang, ui: &mut egui::Ui) {
    let Some(n) = notice.filter(|n| n.page() == page) else {
        return;
    };
    let (tone, text) = match n {
        Notice::Wiped => (Tone::Good, lang.tr(msg::window_wiped())),
        Notice::WipedBeforeSending => (Tone::Good, lang.tr(msg::window_wiped_before_sending())),
        Notice::RemovedDuringOperation => (Tone::Attention, lang.tr(msg::window_removed_during_operation())),
        Notice::Exported(p) => (Tone::Good, lang.tr(msg::window_certificate_saved(p.display().to_string()))),
        Notice::ExportFailed(e) => (Tone::Bad, lang.tr(msg::window_certificate_not_saved(e.clone()))),
    };
    // Announced when it appears: the notice often follows an action the user cannot see
    // the end of (a card pulled, a file saved by the dialog).
    live_banner(ui, tone, &text);
    ui.add_space(8.0);
}
