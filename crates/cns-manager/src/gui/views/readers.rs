//! The reader list: each reader with whether it holds a card. In a wide window it is a panel on
//! the left; in a narrow one a strip on top of the page.

use egui::RichText;

use crate::i18n::msg;

use super::super::app::{Action, CnsApp};
use super::super::state::Service;

impl CnsApp {
    /// The wide window's side panel: the readers, and under them the demo controls.
    pub(crate) fn readers_side(&mut self, ui: &mut egui::Ui) {
        // A short window must not cut the demo controls off at the bottom.
        egui::ScrollArea::vertical().id_salt("readers_scroll").show(ui, |ui| {
            self.readers_panel(ui);
            if self.is_demo() {
                ui.add_space(16.0);
                ui.separator();
                ui.label(RichText::new(simulated_card(self.lang)).strong().size(18.0));
                self.demo_panel(ui);
            }
        });
    }

    fn readers_panel(&mut self, ui: &mut egui::Ui) {
        let lang = self.lang;
        ui.add_space(8.0);
        ui.label(RichText::new(lang.tr(msg::readers_title())).strong().size(18.0));
        ui.add_space(4.0);
        if self.readers.list.is_empty() {
            let text = lang.tr(match self.service {
                Service::Down => msg::window_readers_service_down(),
                Service::Unknown => msg::window_readers_searching(),
                Service::Up => msg::no_reader_title(),
            });
            ui.label(RichText::new(text).weak());
            return;
        }
        self.reader_buttons(ui, false);
    }

    /// The narrow window's reader list, on top of the page: one line per reader (the page under
    /// it already explains a missing reader or service), and the demo controls folded away.
    pub(crate) fn readers_strip(&mut self, ui: &mut egui::Ui) {
        if !self.readers.list.is_empty() {
            self.reader_buttons(ui, true);
        }
        if self.is_demo() {
            egui::CollapsingHeader::new(simulated_card(self.lang))
                .id_salt("demo_controls")
                .show(ui, |ui| self.demo_panel(ui));
        }
        ui.add_space(4.0);
        ui.separator();
        ui.add_space(4.0);
    }

    /// One button per reader, the whole width, its name wrapped; `one_line` puts the card's
    /// state after the name instead of under it.
    fn reader_buttons(&mut self, ui: &mut egui::Ui, one_line: bool) {
        let lang = self.lang;
        for r in &self.readers.list {
            let selected = self.readers.selected.as_deref() == Some(r.name.as_str());
            let state = lang.tr(if r.card_present {
                msg::window_reader_card_inserted()
            } else {
                msg::window_reader_empty()
            });
            let icon = if r.card_present { "💳" } else { "○" };
            let mut job = egui::text::LayoutJob::default();
            let body = egui::TextStyle::Body.resolve(ui.style());
            let small = egui::TextStyle::Small.resolve(ui.style());
            let color = ui.visuals().text_color();
            let after_name = if one_line { " – " } else { "\n" };
            job.append(
                &format!("{icon} {}{after_name}", crate::backend::reader_name(&r.name, lang)),
                0.0,
                egui::TextFormat::simple(body, color),
            );
            job.append(&state, 0.0, egui::TextFormat::simple(small, color));
            job.wrap.max_width = ui.available_width() - 2.0 * ui.spacing().button_padding.x;
            let resp = ui.add_sized([ui.available_width(), 0.0], egui::Button::selectable(selected, job));
            if resp.clicked() && !selected {
                self.actions.push(Action::SelectReader(r.name.clone()));
            }
        }
    }
}

/// The demo controls' title, beside the reader list or folded on top of the page.
pub fn simulated_card(lang: crate::i18n::Lang) -> String {
    lang.tr(msg::window_simulated_card())
}
