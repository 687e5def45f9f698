//! The reader list on the left: each reader with whether it holds a card.

use egui::RichText;

use super::super::app::{Action, CnsApp};
use super::super::state::Service;

impl CnsApp {
    pub(crate) fn readers_panel(&mut self, ui: &mut egui::Ui) {
        let lang = self.lang;
        ui.add_space(8.0);
        ui.label(RichText::new(lang.t("Lettori", "Readers")).strong().size(18.0));
        ui.add_space(4.0);
        if self.readers.list.is_empty() {
            let text = match self.service {
                Service::Down => lang.t("Servizio smart card non attivo", "Smart card service not running"),
                Service::Unknown => lang.t("Ricerca dei lettori…", "Looking for readers…"),
                Service::Up => lang.t("Nessun lettore collegato", "No reader connected"),
            };
            ui.label(RichText::new(text).weak());
            return;
        }
        for r in &self.readers.list {
            let selected = self.readers.selected.as_deref() == Some(r.name.as_str());
            let state = if r.card_present {
                lang.t("tessera inserita", "card inserted")
            } else {
                lang.t("vuoto", "empty")
            };
            let icon = if r.card_present { "💳" } else { "○" };
            let mut job = egui::text::LayoutJob::default();
            let body = egui::TextStyle::Body.resolve(ui.style());
            let small = egui::TextStyle::Small.resolve(ui.style());
            let color = ui.visuals().text_color();
            job.append(
                &format!("{icon} {}\n", crate::backend::reader_name(&r.name, lang)),
                0.0,
                egui::TextFormat::simple(body, color),
            );
            job.append(state, 0.0, egui::TextFormat::simple(small, color));
            job.wrap.max_width = ui.available_width() - 16.0;
            let resp = ui.add_sized([ui.available_width(), 0.0], egui::Button::selectable(selected, job));
            if resp.clicked() && !selected {
                self.actions.push(Action::SelectReader(r.name.clone()));
            }
        }
    }
}
