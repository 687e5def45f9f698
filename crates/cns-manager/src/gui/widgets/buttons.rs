//! The window's two kinds of buttons. Either may open a page: it says when it is pressed, and
//! takes the keyboard focus back when that page closes (see gui/a11y.rs).

use egui::RichText;

use crate::gui::a11y;

/// A primary button: filled, so the suggested action stands out.
pub fn primary_button(ui: &mut egui::Ui, text: &str) -> egui::Response {
    let button = ui.add(
        egui::Button::new(RichText::new(text).strong().color(egui::Color32::WHITE))
            .fill(egui::Color32::from_rgb(0x0B, 0x57, 0x9E))
            .min_size(egui::vec2(0.0, 36.0)),
    );
    focus_ring(ui, &button);
    opener_focus(&button, text);
    button
}

pub fn secondary_button(ui: &mut egui::Ui, text: &str) -> egui::Response {
    let button = ui.add(egui::Button::new(text).min_size(egui::vec2(0.0, 36.0)));
    focus_ring(ui, &button);
    opener_focus(&button, text);
    button
}

/// egui marks a focused button with a thin stroke of the selection colour, which all but
/// vanishes on the blue primary button: a keyboard user must see where Enter goes (WCAG 2.4.7),
/// so the focused button gets a ring of the strong text colour around it.
fn focus_ring(ui: &egui::Ui, button: &egui::Response) {
    if button.has_focus() {
        ui.painter().rect_stroke(
            button.rect.expand(3.0),
            6.0,
            egui::Stroke::new(2.0, ui.visuals().strong_text_color()),
            egui::StrokeKind::Outside,
        );
    }
}

/// Any of these buttons may open a screen: it says when it is pressed, and takes the focus
/// back when that screen closes.
fn opener_focus(button: &egui::Response, text: &str) {
    a11y::note_pressed(button, text);
    a11y::take_focus_if_awaited(button, text);
}
