//! The window's parts. Each view reads the app's state, writes only into PIN buffers, and
//! pushes [`Action`]s that the app applies after the frame.

pub mod demo;
pub mod readers;
pub mod top_bar;
pub mod wizard;

// The old paths of the shared widgets and help lines, for the pages still on their way to
// gui/pages (wizard, documents, browser); to go when they import from there.
pub use super::widgets::{banner, live_banner, primary_button, secondary_button};
pub mod help {
    pub use crate::gui::pages::new_card::new_card_text;
}
pub mod status {
    pub use crate::gui::widgets::technical;
}

use egui::{Key, Modifiers};

use crate::i18n::msg;

use super::a11y;
use super::app::{Action, CnsApp};
use super::state::{CardView, Notice, Screen};
use super::words::Tone;

impl CnsApp {
    pub(crate) fn draw(&mut self, ui: &mut egui::Ui) {
        let busy = self.busy();
        a11y::name_window(ui.ctx(), self.lang);
        egui::Panel::top("top_bar").show(ui, |ui| {
            ui.add_enabled_ui(!busy, |ui| self.top_bar(ui));
        });
        if self.is_demo() {
            egui::Panel::top("demo_banner")
                .frame(
                    egui::Frame::new()
                        .fill(Tone::Attention.fill())
                        .inner_margin(egui::Margin::symmetric(12, 6)),
                )
                .show(ui, |ui| self.demo_banner(ui));
        }
        if self.counter {
            egui::Panel::bottom("session").show(ui, |ui| {
                let s = self.session;
                let lang = self.lang;
                let parts = [
                    lang.tr(msg::window_session_changes(s.changes)),
                    lang.tr(msg::window_session_unblocks(s.unblocks)),
                    lang.tr(msg::window_session_verifies(s.verifies)),
                ]
                .join(", ");
                ui.label(lang.tr(msg::WindowSessionCounts { total: s.total().into(), parts: parts.into() }));
            });
        }
        // A narrow window (small, or large text) has no room for the reader list beside the
        // page: it goes on top of the page, in the one column that scrolls.
        let two_columns = super::widgets::layout::two_columns(ui.available_width(), self.counter);
        if two_columns {
            egui::Panel::left("readers")
                .resizable(false)
                .exact_size(super::widgets::layout::READERS_PANEL_WIDTH)
                .show(ui, |ui| ui.add_enabled_ui(!busy, |ui| self.readers_side(ui)));
        }
        let (page, new_page) = self.turn_page();
        egui::CentralPanel::default().show(ui, |ui| {
            // Each page its own scroll position, from its top: a long page scrolled down must
            // not open the next one halfway.
            let mut area = egui::ScrollArea::vertical().id_salt(("main", page)).auto_shrink([false, false]);
            if new_page {
                area = area.vertical_scroll_offset(0.0);
            }
            area.show(ui, |ui| {
                let w = ui.available_width().min(720.0);
                ui.set_max_width(w);
                if !two_columns {
                    ui.add_enabled_ui(!busy, |ui| self.readers_strip(ui));
                }
                self.notice_bar(ui);
                self.main_area(ui);
            });
        });
        // The button a closed screen returns the focus to had its chance in this frame, unless
        // the card is still being read and the buttons are yet to come.
        if !matches!(self.screen, Screen::Status) || !matches!(self.card, CardView::Reading) {
            a11y::forget_refocus(ui.ctx());
        }
        if !busy {
            self.take_dropped_files(ui);
        }
        if !busy
            && !matches!(self.screen, Screen::Status)
            && ui.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape))
        {
            self.actions.push(match self.screen {
                Screen::Wizard(_) => Action::WizardBack,
                _ => Action::CloseScreen,
            });
        }
    }

    fn main_area(&mut self, ui: &mut egui::Ui) {
        match &self.screen {
            Screen::Wizard(_) => self.wizard_view(ui),
            Screen::Document(_) => self.document_view(ui),
            Screen::Browser(_) => self.browser_view(ui),
            _ => self.draw_page(ui),
        }
    }

    fn notice_bar(&mut self, ui: &mut egui::Ui) {
        let Some(n) = self.notice.as_ref().filter(|n| n.page() == self.screen.page()) else {
            return;
        };
        let lang = self.lang;
        let (tone, text) = match n {
            Notice::Wiped => (Tone::Good, lang.tr(msg::window_wiped())),
            Notice::WipedBeforeSending => (Tone::Good, lang.tr(msg::window_wiped_before_sending())),
            Notice::RemovedDuringOperation => {
                (Tone::Attention, lang.tr(msg::window_removed_during_operation()))
            }
            Notice::Exported(p) => {
                (Tone::Good, lang.tr(msg::window_certificate_saved(p.display().to_string())))
            }
            Notice::ExportFailed(e) => (Tone::Bad, lang.tr(msg::window_certificate_not_saved(e.clone()))),
        };
        // Announced when it appears: the notice often follows an action the user cannot see
        // the end of (a card pulled, a file saved by the dialog).
        live_banner(ui, tone, &text);
        ui.add_space(8.0);
    }
}
