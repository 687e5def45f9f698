//! The band above the page while the simulated card is shown: always that it is a demo, and,
//! when the window chose it by itself, why, and how to get to the real card.

use egui::RichText;

use crate::doctor::fixes;
use crate::gui::page::{Action, Ctx};
use crate::gui::why_demo::DemoReason;
use crate::gui::words::Tone;
use crate::i18n::msg;

/// The band above the page while the simulated card is shown: always that it is a demo, and,
/// when the window chose it, why and how to get to the real card.
pub fn ui(reason: Option<DemoReason>, ctx: &Ctx, ui: &mut egui::Ui) -> Vec<Action> {
    let lang = ctx.lang;
    let color = Tone::Attention.color();
    ui.label(RichText::new(lang.tr(msg::demo_banner())).strong().color(color));
    let Some(reason) = reason else { return Vec::new() };
    let (why, found, fix) = reason.words(fixes::Os::current(), lang);
    ui.label(RichText::new(why).color(color));
    ui.label(RichText::new(found).color(color));
    ui.label(RichText::new(format!("{}: {fix}", lang.tr(msg::how_to_fix()))).strong().color(color));
    let mut actions = Vec::new();
    ui.add_enabled_ui(!ctx.busy, |ui| {
        ui.horizontal_wrapped(|ui| {
            if ui.button(lang.tr(msg::demo_open_diagnostics())).clicked() {
                actions.push(Action::ShowDiagnostics);
            }
            if ui.button(lang.tr(msg::demo_leave())).clicked() {
                actions.push(Action::LeaveDemo);
            }
        })
    });
    actions
}
