//! Look: light theme, larger type than egui's default (people read this under stress, often
//! without their glasses), bigger targets; counter mode larger still.

use egui::{FontFamily, FontId, TextStyle};

pub fn apply(ctx: &egui::Context, counter: bool) {
    let k = if counter { 1.2 } else { 1.0 };
    ctx.set_theme(egui::Theme::Light);
    ctx.all_styles_mut(|style| {
        style.text_styles = [
            (TextStyle::Heading, FontId::new(26.0 * k, FontFamily::Proportional)),
            (TextStyle::Body, FontId::new(16.0 * k, FontFamily::Proportional)),
            (TextStyle::Button, FontId::new(16.0 * k, FontFamily::Proportional)),
            (TextStyle::Small, FontId::new(13.0 * k, FontFamily::Proportional)),
            (TextStyle::Monospace, FontId::new(15.0 * k, FontFamily::Monospace)),
        ]
        .into();
        style.spacing.button_padding = egui::vec2(12.0, 6.0) * k;
        style.spacing.item_spacing = egui::vec2(10.0, 8.0) * k;
        style.spacing.interact_size.y = 30.0 * k;
        style.spacing.text_edit_width = 260.0 * k;
    });
}

/// Size for the big headline (holder's name, wizard title).
pub fn headline(counter: bool) -> f32 {
    if counter { 30.0 } else { 26.0 }
}
