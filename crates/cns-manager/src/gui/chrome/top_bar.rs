//! Title, demo switch, language, text size, Diagnostica; and counter mode's switch, shown only
//! where it concerns someone.

use egui::RichText;

use crate::gui::page::{Action, Ctx};
use crate::gui::style;
use crate::gui::widgets::layout::group;
use crate::i18n::{Lang, msg};

use super::counter_setting;

/// Draws the bar; what the user asked for comes back as actions.
pub fn ui(ctx: &Ctx, ui: &mut egui::Ui) -> Vec<Action> {
    let mut actions = Vec::new();
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
        modes(ctx, ui, &mut actions);
        languages(ctx, ui, &mut actions);
        text_size(ctx, ui, &mut actions);
        group(ui, "diagnostics", true, |ui| {
            if ui
                .button(ctx.lang.tr(msg::diagnostics_title()))
                .on_hover_text(ctx.lang.tr(msg::window_diagnostics_hint()))
                .clicked()
            {
                actions.push(Action::ShowDiagnostics);
            }
        });
    });
    actions
}

fn modes(ctx: &Ctx, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
    let lang = ctx.lang;
    group(ui, "modes", false, |ui| {
        let mut demo = ctx.is_demo();
        if ui
            .checkbox(&mut demo, lang.tr(msg::window_demo()))
            .on_hover_text(lang.tr(msg::window_demo_hint()))
            .changed()
        {
            actions.push(if demo { Action::SwitchToDemo } else { Action::LeaveDemo });
        }
        // A citizen never needs the counter switch (it is in Diagnostica, next to the other
        // things installers look at); the clerk at a counter always sees that it is on.
        if ctx.counter {
            counter_setting::checkbox(ctx, ui, actions);
        }
    });
}

fn languages(ctx: &Ctx, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
    group(ui, "languages", true, |ui| {
        for l in Lang::ALL {
            let name = l.own_name();
            if ui.selectable_label(ctx.lang == l, name).clicked() && ctx.lang != l {
                actions.push(Action::SetLang(l));
            }
        }
    });
}

fn text_size(ctx: &Ctx, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
    let lang = ctx.lang;
    group(ui, "text_size", true, |ui| {
        let zoom = ui.ctx().zoom_factor();
        if ui
            .button("A−")
            .accessible_name(lang.tr(msg::window_text_smaller()))
            .on_hover_text(lang.tr(msg::window_text_smaller_hint()))
            .clicked()
        {
            actions.push(Action::Zoom(zoom - 0.25));
        }
        // The size the text has, counter mode's larger type included.
        ui.label(format!("{:.0} %", style::effective_text_percent(zoom, ctx.counter)))
            .on_hover_text(lang.tr(msg::window_text_size()));
        if ui
            .button("A+")
            .accessible_name(lang.tr(msg::window_text_larger()))
            .on_hover_text(lang.tr(msg::window_text_larger_hint()))
            .clicked()
        {
            actions.push(Action::Zoom(zoom + 0.25));
        }
    });
}
