//! What a screen reader needs that egui does not give by itself.
//!
//! egui names a widget's AccessKit node after its place on the screen, so a wizard step that
//! keeps the layout of the one before is, for AT-SPI, the same node renamed: no focus event,
//! and Orca says nothing. The wizard therefore draws each step under its own id and moves the
//! focus there; the node where the focus lands carries the step's words in its description;
//! results and errors are live regions, announced when they appear.
//!
//! Everything here only writes to AccessKit nodes, which exist only while an assistive
//! technology listens (or in the kittest harness): without one these calls cost nothing.

use egui::accesskit::{Live, Role};
use egui::{Context, Id, Response, Ui};

use crate::i18n::{Lang, msg};

use super::words::Tone;

/// The window's title and accessible name.
pub fn window_title(lang: Lang) -> String {
    lang.tr(msg::window_title())
}

/// Names the window in the accessibility tree (egui leaves the root node nameless) and keeps
/// the title bar in the same language.
pub fn name_window(ctx: &Context, lang: Lang) {
    let title = window_title(lang);
    ctx.accesskit_node_builder(egui::accesskit_root_id(), |node| node.set_label(title));
}

/// How many digits a PIN field holds, never which.
pub fn digits_typed(lang: Lang, n: usize) -> String {
    lang.tr(msg::window_digits_typed(n))
}

/// Sets the accessible description of `id`'s node (what a screen reader says after the name
/// and role when the focus lands there).
pub fn describe(ctx: &Context, id: Id, description: &str) {
    ctx.accesskit_node_builder(id, |node| node.set_description(description));
}

/// Gives a drawn text the heading role, so that screen reader users can jump between pages'
/// titles.
pub fn mark_heading(response: &Response, text: &str) {
    response.ctx.accesskit_node_builder(response.id, |node| {
        node.set_role(Role::Heading);
        node.set_level(1);
        // A heading is named by its label, not by a label's value.
        node.clear_value();
        node.set_label(text);
    });
}

/// A heading: a label in the heading text style with the heading role.
pub fn heading(ui: &mut Ui, text: &str) -> Response {
    heading_text(ui, egui::RichText::new(text).heading())
}

/// A heading styled by the caller.
pub fn heading_text(ui: &mut Ui, text: egui::RichText) -> Response {
    let words = text.text().to_owned();
    let response = ui.label(text);
    mark_heading(&response, &words);
    response
}

/// Texts read one after the other, each ended as a sentence so that a speech synthesizer
/// pauses between them.
pub fn sentences<S: AsRef<str>>(parts: &[S]) -> String {
    let mut out = String::new();
    for part in parts {
        let part = part.as_ref().trim();
        if part.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(part);
        if !part.ends_with(['.', '!', '?', '…', ':']) {
            out.push('.');
        }
    }
    out
}

/// Names a combo box and exposes the chosen entry: as its value (AccessKit), and as its
/// description, since AT-SPI has no text value for a combo box without children.
pub fn name_combo(response: &Response, name: &str, value: &str) {
    let enabled = response.enabled();
    response.widget_info(|| {
        let mut info = egui::WidgetInfo::labeled(Role::ComboBox, enabled, name);
        info.current_text_value = Some(value.to_owned());
        info
    });
    response.ctx.accesskit_node_builder(response.id, |node| node.set_description(value));
}

/// Makes a drawn text a live region: announced when it appears or changes. Bad news
/// interrupts (assertive); the rest waits for the current speech (polite).
pub fn mark_live(response: &Response, tone: Tone) {
    let live = if tone == Tone::Bad { Live::Assertive } else { Live::Polite };
    response.ctx.accesskit_node_builder(response.id, |node| node.set_live(live));
}

/// A button that opens another screen remembers it was pressed, so that the focus can go back
/// to it when that screen closes (by label: the status page may have changed meanwhile and
/// egui's ids follow positions).
pub fn note_pressed(response: &Response, label: &str) {
    if response.clicked() {
        let label = label.to_owned();
        response.ctx.data_mut(|d| d.insert_temp(pressed_key(), label));
    }
}

/// The button pressed during this frame, if it said so with [`note_pressed`]; forgotten once
/// read.
pub fn take_pressed(ctx: &Context) -> Option<String> {
    ctx.data_mut(|d| d.remove_temp::<String>(pressed_key()))
}

/// Asks the button labelled `label` to take the focus the next time it is drawn.
pub fn refocus_later(ctx: &Context, label: String) {
    ctx.data_mut(|d| d.insert_temp(refocus_key(), label));
}

/// Called by every button that may have opened a screen: takes the focus when it is the one
/// waiting for it.
pub fn take_focus_if_awaited(response: &Response, label: &str) {
    let awaited = response.ctx.data(|d| d.get_temp::<String>(refocus_key()));
    if awaited.as_deref() == Some(label) && response.enabled() {
        response.request_focus();
        response.ctx.data_mut(|d| d.remove_temp::<String>(refocus_key()));
    }
}

/// A screen that the awaited button is not on forgets it: the focus must not jump later, when
/// the user is elsewhere.
pub fn forget_refocus(ctx: &Context) {
    ctx.data_mut(|d| d.remove_temp::<String>(refocus_key()));
}

fn pressed_key() -> Id {
    Id::unique("cns_a11y_pressed")
}

fn refocus_key() -> Id {
    Id::unique("cns_a11y_refocus")
}
