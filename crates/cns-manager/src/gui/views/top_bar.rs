//! Title, language, counter mode, demo switch, text size.

use egui::RichText;

use crate::i18n::Lang;

use super::super::app::{Action, CnsApp};

impl CnsApp {
    pub(crate) fn top_bar(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            ui.add_space(4.0);
            ui.label(RichText::new("CNS Manager").heading().strong());
            // Left to right so that Tab follows the reading order; the controls are pushed to
            // the right edge by their width as measured in the previous frame.
            let id = ui.scope_id().with("controls_width");
            let width: f32 = ui.data(|d| d.get_temp(id)).unwrap_or(0.0);
            ui.add_space((ui.available_width() - width).max(0.0));
            let inner = ui.horizontal(|ui| self.top_controls(ui)).response;
            ui.data_mut(|d| d.insert_temp(id, inner.rect.width()));
            if (inner.rect.width() - width).abs() > 0.5 {
                // Lay out again at once with the right width (a one-off, not a repaint loop).
                ui.ctx().request_discard("top bar width");
            }
        });
    }

    fn top_controls(&mut self, ui: &mut egui::Ui) {
        let lang = self.lang;
        let mut demo = self.is_demo();
        if ui
            .checkbox(&mut demo, lang.t("Dimostrazione", "Demo"))
            .on_hover_text(lang.t(
                "Prova il programma con una tessera simulata, senza lettore.",
                "Try the program with a simulated card, no reader needed.",
            ))
            .changed()
        {
            self.actions.push(if demo { Action::SwitchToDemo } else { Action::LeaveDemo });
        }
        let mut counter = self.counter;
        if ui
            .checkbox(&mut counter, lang.t("Sportello", "Counter"))
            .on_hover_text(lang.t(
                "Modalità sportello: ogni dato sparisce quando la tessera viene tolta; nulla è salvato su disco.",
                "Counter mode: every datum disappears when the card is removed; nothing is saved to disk.",
            ))
            .changed()
        {
            self.actions.push(Action::SetCounter(counter));
        }
        ui.separator();
        for l in [Lang::It, Lang::En] {
            let name = if l == Lang::It { "Italiano" } else { "English" };
            if ui.selectable_label(self.lang == l, name).clicked() && self.lang != l {
                self.actions.push(Action::SetLang(l));
            }
        }
        ui.separator();
        let zoom = ui.ctx().zoom_factor();
        if ui
            .button("A−")
            .on_hover_text(lang.t("Testo più piccolo (Ctrl −)", "Smaller text (Ctrl −)"))
            .clicked()
        {
            self.actions.push(Action::Zoom(zoom - 0.25));
        }
        ui.label(format!("{:.0} %", zoom * 100.0));
        if ui
            .button("A+")
            .on_hover_text(lang.t("Testo più grande (Ctrl +)", "Larger text (Ctrl +)"))
            .clicked()
        {
            self.actions.push(Action::Zoom(zoom + 0.25));
        }
    }
}
