//! Title, demo switch, language, text size, Diagnostica; and counter mode's switch, shown only
//! where it concerns someone.

use egui::RichText;

use crate::i18n::Lang;

use super::super::app::{Action, CnsApp};
use super::super::style;
use super::layout::group;

impl CnsApp {
    pub(crate) fn top_bar(&mut self, ui: &mut egui::Ui) {
        // Left to right, so that Tab follows the reading order, and wrapped by whole groups: at a
        // large text size in a small window a group moves to the next line as one (A− never
        // leaves its A+), and nothing leaves the window.
        ui.horizontal_wrapped(|ui| {
            ui.add_space(4.0);
            group(ui, "title", false, |ui| {
                // The product's name; the title bar says what it is in the user's language.
                ui.label(RichText::new("CNS Manager").heading().strong());
                ui.add_space(14.0);
            });
            self.top_controls(ui);
        });
    }

    fn top_controls(&mut self, ui: &mut egui::Ui) {
        let lang = self.lang;
        group(ui, "modes", false, |ui| {
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
            // A citizen never needs the counter switch (it is in Diagnostica, next to the other
            // things installers look at); the clerk at a counter always sees that it is on.
            if self.counter {
                self.counter_checkbox(ui);
            }
        });
        group(ui, "languages", true, |ui| {
            for l in [Lang::It, Lang::En] {
                let name = if l == Lang::It { "Italiano" } else { "English" };
                if ui.selectable_label(self.lang == l, name).clicked() && self.lang != l {
                    self.actions.push(Action::SetLang(l));
                }
            }
        });
        group(ui, "text_size", true, |ui| {
            let zoom = ui.ctx().zoom_factor();
            if ui
                .button("A−")
                .accessible_name(lang.t("Riduci il testo", "Make the text smaller"))
                .on_hover_text(lang.t("Testo più piccolo (Ctrl −)", "Smaller text (Ctrl −)"))
                .clicked()
            {
                self.actions.push(Action::Zoom(zoom - 0.25));
            }
            // The size the text has, counter mode's larger type included.
            ui.label(format!("{:.0} %", style::effective_text_percent(zoom, self.counter)))
                .on_hover_text(lang.t("Dimensione del testo", "Text size"));
            if ui
                .button("A+")
                .accessible_name(lang.t("Ingrandisci il testo", "Make the text larger"))
                .on_hover_text(lang.t("Testo più grande (Ctrl +)", "Larger text (Ctrl +)"))
                .clicked()
            {
                self.actions.push(Action::Zoom(zoom + 0.25));
            }
        });
        group(ui, "diagnostics", true, |ui| {
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
        });
    }

    /// "Sportello": on or off, unless it was set at start (by the installer's settings or
    /// `--counter`), when the staff cannot switch it off and its guarantee holds all day.
    pub(crate) fn counter_checkbox(&mut self, ui: &mut egui::Ui) {
        let lang = self.lang;
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
    }

    /// Counter mode's switch with its explanation, for the Diagnostica page: where installers
    /// and office staff look, out of the citizen's way.
    pub(crate) fn counter_setting(&mut self, ui: &mut egui::Ui) {
        let lang = self.lang;
        ui.label(RichText::new(lang.t("Modalità sportello", "Counter mode")).strong());
        ui.label(lang.t(
            "Per gli sportelli che aiutano i cittadini: ogni dato personale sparisce quando la tessera viene tolta \
             e nulla è salvato su disco. Negli uffici la imposta l'installatore per tutti (mode = \"counter\").",
            "For the counters that help citizens: every personal datum disappears when the card is removed and \
             nothing is saved to disk. In offices the installer sets it for everyone (mode = \"counter\").",
        ));
        self.counter_checkbox(ui);
    }
}
