//! The reader list: each reader with whether it holds a card. In a wide window it is a panel on
//! the left, with the demo controls under it; in a narrow one a strip on top of the page, with
//! the demo controls folded away.

use egui::RichText;

use crate::gui::page::{Action, Ctx};
use crate::gui::state::Service;
use crate::i18n::{Lang, msg};

use super::demo_panel;

/// The wide window's side panel: the readers, and under them the demo controls.
pub fn side(ctx: &Ctx, ui: &mut egui::Ui) -> Vec<Action> {
    let mut actions = Vec::new();
    // A short window must not cut the demo controls off at the bottom.
    egui::ScrollArea::vertical().id_salt("readers_scroll").show(ui, |ui| {
        panel(ctx, ui, &mut actions);
        if ctx.is_demo() {
            ui.add_space(16.0);
            ui.separator();
            ui.label(RichText::new(simulated_card(ctx.lang)).strong().size(18.0));
            actions.extend(demo_panel::ui(ctx, ui));
        }
    });
    actions
}

fn panel(ctx: &Ctx, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
    let lang = ctx.lang;
    ui.add_space(8.0);
    ui.label(RichText::new(lang.tr(msg::readers_title())).strong().size(18.0));
    ui.add_space(4.0);
    if ctx.readers.list.is_empty() {
        let text = lang.tr(match ctx.service {
            Service::Down => msg::window_readers_service_down(),
            Service::Unknown => msg::window_readers_searching(),
            Service::Up => msg::no_reader_title(),
        });
        ui.label(RichText::new(text).weak());
        return;
    }
    reader_buttons(ctx, ui, false, actions);
}

/// The narrow window's reader list, on top of the page: one line per reader (the page under
/// it already explains a missing reader or service), and the demo controls folded away.
pub fn strip(ctx: &Ctx, ui: &mut egui::Ui) -> Vec<Action> {
    let mut actions = Vec::new();
    if !ctx.readers.list.is_empty() {
        reader_buttons(ctx, ui, true, &mut actions);
    }
    if ctx.is_demo() {
        egui::CollapsingHeader::new(simulated_card(ctx.lang))
            .id_salt("demo_controls")
            .show(ui, |ui| actions.extend(demo_panel::ui(ctx, ui)));
    }
    ui.add_space(4.0);
    ui.separator();
    ui.add_space(4.0);
    actions
}

/// One button per reader, the whole width, its name wrapped; `one_line` puts the card's
/// state after the name instead of under it.
fn reader_buttons(ctx: &Ctx, ui: &mut egui::Ui, one_line: bool, actions: &mut Vec<Action>) {
    let lang = ctx.lang;
    for r in &ctx.readers.list {
        let selected = ctx.readers.selected.as_deref() == Some(r.name.as_str());
        let state = lang.tr(if r.card_present {
            msg::window_reader_card_inserted()
        } else {
            msg::report_empty()
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
            actions.push(Action::SelectReader(r.name.clone()));
        }
    }
}

/// The demo controls' title, beside the reader list or folded on top of the page.
fn simulated_card(lang: Lang) -> String {
    lang.tr(msg::window_simulated_card())
}
