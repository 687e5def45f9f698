//! Counter mode's switch: in the top bar while it is on, and with its explanation under the
//! Diagnostica page, where installers and office staff look, out of the citizen's way.

use egui::RichText;

use crate::gui::page::{Action, Ctx};
use crate::i18n::msg;

/// The switch with its explanation, under the Diagnostica page.
pub fn ui(ctx: &Ctx, ui: &mut egui::Ui) -> Vec<Action> {
    let lang = ctx.lang;
    let mut actions = Vec::new();
    ui.label(RichText::new(lang.tr(msg::window_counter_mode())).strong());
    ui.label(lang.tr(msg::window_counter_mode_explained()));
    checkbox(ctx, ui, &mut actions);
    actions
}

/// "Sportello": on or off, unless it was set at start (by the installer's settings or
/// `--counter`), when the staff cannot switch it off and its guarantee holds all day.
pub fn checkbox(ctx: &Ctx, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
    let lang = ctx.lang;
    let mut counter = ctx.counter;
    let hint = lang.tr(if ctx.counter_locked {
        msg::window_counter_locked_hint()
    } else {
        msg::window_counter_hint()
    });
    let hint = hint.as_str();
    if ui
        .add_enabled(!ctx.counter_locked, egui::Checkbox::new(&mut counter, lang.tr(msg::window_counter())))
        .on_hover_text(hint)
        .on_disabled_hover_text(hint)
        .changed()
    {
        actions.push(Action::SetCounter(counter));
    }
}
