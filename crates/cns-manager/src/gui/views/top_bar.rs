//! Title, language, counter mode, demo switch, text size.

use egui::RichText;

use crate::i18n::Lang;

use super::super::app::{Action, CnsApp};

impl CnsApp {
    pub(crate) fn top_bar(&mut self, ui: &mut egui::Ui) {
        // Left to right, so that Tab follows the reading order, and wrapped: at a large text size
        // in a small window the controls move to a second row instead of leaving the window
        // (where A− could no longer be reached).
        ui.horizontal_wrapped(|ui| {
            ui.add_space(4.0);
            ui.label(RichText::new("CNS Manager").heading().strong());
            ui.add_space(24.0);
            self.top_controls(ui);
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
        let hint = if self.counter_locked {
            lang.t(
                "Modalità sportello impostata all'avvio (dall'installatore o con --counter): non si può disattivare qui.",
                "Counter mode was set at start (by the installer or --counter): it cannot be turned off here.",
            )
        } else {
            lang.t(
                "Modalità sportello: ogni dato sparisce quando la tessera viene tolta; nulla è salvato su disco.",
                "Counter mode: every datum disappears when the card is removed; nothing is saved to disk.",
            )
        };
        if ui
            .add_enabled(
                !self.counter_locked,
                egui::Checkbox::new(&mut counter, lang.t("Sportello", "Counter")),
            )
            .on_hover_text(hint)
            .on_disabled_hover_text(hint)
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
            .accessible_name(lang.t("Riduci il testo", "Make the text smaller"))
            .on_hover_text(lang.t("Testo più piccolo (Ctrl −)", "Smaller text (Ctrl −)"))
            .clicked()
        {
            self.actions.push(Action::Zoom(zoom - 0.25));
        }
        ui.label(format!("{:.0} %", zoom * 100.0));
        if ui
            .button("A+")
            .accessible_name(lang.t("Ingrandisci il testo", "Make the text larger"))
            .on_hover_text(lang.t("Testo più grande (Ctrl +)", "Larger text (Ctrl +)"))
            .clicked()
        {
            self.actions.push(Action::Zoom(zoom + 0.25));
        }
        ui.separator();
        if ui
            .button(lang.t("Diagnostica", "Diagnostics"))
            .on_hover_text(lang.t(
                "Controlla servizio smart card, driver, lettori e tessere; prepara il rapporto per l'assistenza.",
                "Check the smart card service, driver, readers and cards; prepare the support report.",
            ))
            .clicked()
        {
            self.actions.push(Action::ShowDiagnostics);
        }
    }
}
