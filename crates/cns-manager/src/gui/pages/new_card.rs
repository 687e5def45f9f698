//! How to get a new card when the PUK is blocked (or the card has expired). A page without
//! state; its help lines are also given by the wizard and the Diagnostica page.

use egui::RichText;

use crate::gui::a11y;
use crate::gui::page::{Action, Ctx};
use crate::gui::widgets::{banner, primary_button, secondary_button};
use crate::gui::words::Tone;
use crate::i18n::{Lang, msg};

/// Draws the page; "back to the card" comes back as an action.
pub fn ui(ctx: &Ctx, ui: &mut egui::Ui) -> Vec<Action> {
    let lang = ctx.lang;
    ui.add_space(8.0);
    a11y::heading_text(ui, RichText::new(lang.tr(msg::new_card_title())).heading());
    ui.add_space(8.0);
    banner(ui, Tone::Bad, &lang.tr(msg::new_card_puk_blocked()));
    ui.add_space(8.0);
    new_card_text(ui, lang);
    ui.add_space(14.0);
    let mut actions = Vec::new();
    ui.horizontal_wrapped(|ui| {
        if primary_button(ui, &lang.tr(msg::page_back_to_card())).clicked() {
            actions.push(Action::CloseScreen);
        }
        // The new card needs a PIN and a PUK too.
        if secondary_button(ui, &lang.tr(msg::guidance_title())).clicked() {
            actions.push(Action::ShowPinHelp);
        }
    });
    actions
}
/// Where to ask for a replacement, and the help lines.
pub fn new_card_text(ui: &mut egui::Ui, lang: Lang) {
    let items = [msg::new_card_online(), msg::new_card_in_person(), msg::new_card_region()];
    for item in items {
        ui.horizontal_wrapped(|ui| {
            ui.label("•");
            ui.label(lang.tr(item));
        });
    }
    ui.add_space(8.0);
    help_lines(ui, lang);
}

/// The free help numbers, the same wherever the window gives them (a new card, the Diagnostica
/// page, next to the support report).
pub fn help_lines(ui: &mut egui::Ui, lang: Lang) {
    ui.label(RichText::new(lang.tr(msg::help_lines_title())).strong());
    ui.label(lang.tr(msg::help_line_toll_free()));
    ui.label(lang.tr(msg::help_line_sistema_ts()));
}
