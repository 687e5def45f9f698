//! Look: light theme, larger type than egui's default (people read this under stress, often
//! without their glasses), bigger targets; counter mode larger still.

use egui::{FontFamily, FontId, TextStyle};

/// How much larger than normal the whole look is: counter mode is read from further away, by
/// someone standing at the desk.
pub fn text_scale(counter: bool) -> f32 {
    if counter { 1.2 } else { 1.0 }
}

pub fn apply(ctx: &egui::Context, counter: bool) {
    let k = text_scale(counter);
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

/// The text size the user sees, as a percentage of the normal one: the zoom (A−/A+, Ctrl +/−)
/// times counter mode's larger type, so that the top bar does not say 100 % over text 20 %
/// larger.
pub fn effective_text_percent(zoom: f32, counter: bool) -> f32 {
    (zoom * text_scale(counter) * 100.0).round()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_percentage_shown_is_the_text_size_seen() {
        assert_eq!(effective_text_percent(1.0, false), 100.0);
        assert_eq!(effective_text_percent(1.25, false), 125.0);
        assert_eq!(effective_text_percent(1.0, true), 120.0);
        assert_eq!(effective_text_percent(1.5, true), 180.0);
    }
}
