//! Title, demo switch, language, text size, Diagnostica; and counter mode's switch, shown only
//! where it concerns someone.

use egui::RichText;

use crate::i18n::{Lang, msg};

use super::super::app::{Action, CnsApp};
use super::super::style;
use super::super::widgets::layout::group;

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
                .checkbox(&mut demo, lang.tr(msg::window_demo()))
                .on_hover_text(lang.tr(msg::window_demo_hint()))
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
                .accessible_name(lang.tr(msg::window_text_smaller()))
                .on_hover_text(lang.tr(msg::window_text_smaller_hint()))
                .clicked()
            {
                self.actions.push(Action::Zoom(zoom - 0.25));
            }
            // The size the text has, counter mode's larger type included.
            ui.label(format!("{:.0} %", style::effective_text_percent(zoom, self.counter)))
                .on_hover_text(lang.tr(msg::window_text_size()));
            if ui
                .button("A+")
                .accessible_name(lang.tr(msg::window_text_larger()))
                .on_hover_text(lang.tr(msg::window_text_larger_hint()))
                .clicked()
            {
                self.actions.push(Action::Zoom(zoom + 0.25));
            }
        });
        group(ui, "diagnostics", true, |ui| {
            if ui
                .button(lang.tr(msg::diagnostics_title()))
                .on_hover_text(lang.tr(msg::window_diagnostics_hint()))
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
        let hint = lang.tr(if self.counter_locked {
            msg::window_counter_locked_hint()
        } else {
            msg::window_counter_hint()
        });
        let hint = hint.as_str();
        if ui
            .add_enabled(
                !self.counter_locked,
                egui::Checkbox::new(&mut counter, lang.tr(msg::window_counter())),
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
        ui.label(RichText::new(lang.tr(msg::window_counter_mode())).strong());
        ui.label(lang.tr(msg::window_counter_mode_explained()));
        self.counter_checkbox(ui);
    }
}
