//! A PIN field that leaves no copies behind.
//!
//! egui's `TextEdit` keeps an undo history of the text in its memory even in password mode, so
//! the digits would outlive the operation. This widget handles the key and text events itself,
//! writes into a buffer allocated once at full size (no reallocation leaves old copies on the
//! heap), draws dots, and exposes only its label and length to AccessKit, never the digits.

use egui::{
    Event, Key, Response, Sense, Ui, Vec2, WidgetInfo,
    accesskit::{Invalid, Role},
};
use zeroize::{Zeroize, Zeroizing};

use cns_core::pin::MAX_LEN;

use crate::i18n::Lang;

use super::super::a11y;

/// Typed digits of one PIN or PUK. Wiped on [`PinBuffer::wipe`] and on drop; no `Debug`, no
/// `Clone`.
pub struct PinBuffer {
    digits: Zeroizing<String>,
    /// A character was refused since the last deletion. Sticky on purpose: a hint that vanished
    /// at the next digit would let a fast typist miss that a letter was dropped (pasted text
    /// keeps it, so typing must too).
    not_digit: bool,
    /// Input went past [`MAX_LEN`]: what is in the field is not what the user typed, so it must
    /// not be taken as is (see [`PinBuffer::overflowed`]).
    too_long: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    NotDigit,
    TooLong,
}

impl Default for PinBuffer {
    fn default() -> Self {
        PinBuffer {
            digits: Zeroizing::new(String::with_capacity(MAX_LEN)),
            not_digit: false,
            too_long: false,
        }
    }
}

impl PinBuffer {
    pub fn as_str(&self) -> &str {
        &self.digits
    }

    pub fn len(&self) -> usize {
        self.digits.len()
    }

    pub fn is_empty(&self) -> bool {
        self.digits.is_empty()
    }

    /// What was refused since the last deletion; too long first, as it blocks going on.
    pub fn refused(&self) -> Option<Refusal> {
        if self.too_long {
            Some(Refusal::TooLong)
        } else if self.not_digit {
            Some(Refusal::NotDigit)
        } else {
            None
        }
    }

    /// More digits were typed than a PIN can have. The field holds only the first 8: taking
    /// them would give the card a PIN the user never chose, so the step refuses to go on until
    /// the user deletes something.
    pub fn overflowed(&self) -> bool {
        self.too_long
    }

    /// Zeroes the digits (the allocation stays, ready for the next entry).
    pub fn wipe(&mut self) {
        self.digits.zeroize();
        self.not_digit = false;
        self.too_long = false;
    }

    /// Takes typed or pasted text: digits are kept up to the maximum, anything else is refused
    /// and remembered (see [`PinBuffer::refused`]).
    pub fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            if !c.is_ascii_digit() {
                self.not_digit = true;
            } else if self.digits.len() >= MAX_LEN {
                self.too_long = true;
            } else {
                // Capacity is MAX_LEN, so this never reallocates.
                self.digits.push(c);
            }
        }
    }

    /// Deleting is the user's answer to a refusal: the hints go.
    pub fn backspace(&mut self) {
        self.not_digit = false;
        self.too_long = false;
        if let Some(c) = self.digits.pop() {
            let mut c = c;
            c.zeroize();
        }
    }
}

/// What happened to the field this frame.
pub struct PinEntryResponse {
    pub response: Response,
    /// Enter was pressed in the field.
    pub submitted: bool,
}

/// The PIN field: a focusable box showing one dot per digit (or the digits, when `show`).
/// `label` is its accessible name; the caller shows the visible label above it.
pub fn pin_entry(ui: &mut Ui, buf: &mut PinBuffer, label: &str, show: bool) -> PinEntryResponse {
    pin_entry_at(ui, None, buf, label, show)
}

/// [`pin_entry`] under a fixed `id`: its focus survives a line appearing above it on a page
/// whose content changes around the field (an automatic id would change with it, and the
/// digits typed next would go nowhere).
pub fn pin_entry_with_id(
    ui: &mut Ui,
    id: egui::Id,
    buf: &mut PinBuffer,
    label: &str,
    show: bool,
) -> PinEntryResponse {
    pin_entry_at(ui, Some(id), buf, label, show)
}

fn pin_entry_at(
    ui: &mut Ui,
    id: Option<egui::Id>,
    buf: &mut PinBuffer,
    label: &str,
    show: bool,
) -> PinEntryResponse {
    let height = ui.spacing().interact_size.y.max(ui.text_style_height(&egui::TextStyle::Body) + 14.0);
    let size = Vec2::new(ui.spacing().text_edit_width.min(260.0), height);
    let (auto_id, space) = ui.allocate_space(size);
    let rect = ui.layout().align_size_within_rect(size, space);
    let mut response = ui.interact(rect, id.unwrap_or(auto_id), Sense::click());
    if response.clicked() {
        response.request_focus();
    }
    if response.has_focus() {
        // Arrow keys stay in the field, as in any text field: a numpad digit typed with NumLock
        // off is an arrow (Wine sends both the arrow and the digit), and the focus moving on
        // mid-PIN would send the next digits and Enter to another widget.
        let arrows =
            egui::EventFilter { horizontal_arrows: true, vertical_arrows: true, ..Default::default() };
        ui.memory_mut(|m| m.set_focus_lock_filter(response.id, arrows));
    }
    let (changed, submitted) =
        if response.has_focus() && ui.is_enabled() { take_typing(ui, buf) } else { (false, false) };
    describe(ui, &response, buf, label);
    if ui.is_rect_visible(rect) {
        paint(ui, &response, rect, buf, show);
    }
    if changed {
        response.mark_changed();
    }
    PinEntryResponse { response, submitted }
}

/// This frame's typing into the focused field: (the digits changed, Enter pressed).
fn take_typing(ui: &Ui, buf: &mut PinBuffer) -> (bool, bool) {
    let mut changed = false;
    let mut submitted = false;
    // Read the events in place: copying them would copy the digits.
    ui.input(|i| {
        for event in &i.events {
            match event {
                Event::Text(t) | Event::Paste(t) => {
                    buf.type_text(t);
                    changed = true;
                }
                Event::Key { key: Key::Backspace, pressed: true, .. } => {
                    buf.backspace();
                    changed = true;
                }
                // A held-down Enter repeats: only the press itself goes on, or one long press
                // would run through every step.
                Event::Key { key: Key::Enter, pressed: true, repeat: false, .. } => submitted = true,
                _ => {}
            }
        }
    });
    // The platform should not offer text completion or IME composition here.
    ui.ctx().output_mut(|o| o.ime = None);
    (changed, submitted)
}

/// What a screen reader learns: a password field named `label`, how many digits (never which),
/// and whether the entry was refused.
fn describe(ui: &Ui, response: &Response, buf: &PinBuffer, label: &str) {
    let enabled = ui.is_enabled();
    let n = buf.len();
    response.widget_info(|| {
        let mut info = WidgetInfo::labeled(Role::PasswordInput, enabled, label);
        // Only how many digits there are, as a screen reader says for password fields.
        info.current_text_value = Some("•".repeat(n));
        info
    });
    if buf.refused().is_some() {
        ui.ctx().accesskit_node_builder(response.id, |node| node.set_invalid(Invalid::True));
    }
}

/// The box, a dot (or, when `show`, a digit) per digit typed, and the caret when focused.
fn paint(ui: &Ui, response: &Response, rect: egui::Rect, buf: &PinBuffer, show: bool) {
    let visuals = ui.style().interact_selectable(response, response.has_focus());
    let bg = ui.visuals().text_edit_bg_color();
    let stroke = if response.has_focus() { ui.visuals().selection.stroke } else { visuals.bg_stroke };
    let painter = ui.painter_at(rect.expand(2.0));
    painter.rect(rect, 4.0, bg, stroke, egui::StrokeKind::Inside);
    let text_color = ui.visuals().text_color();
    let x0 = rect.left() + 12.0;
    let width = if show {
        paint_digits(ui, &painter, rect, x0, buf)
    } else {
        let r = (rect.height() * 0.14).max(4.0);
        for k in 0..buf.len() {
            let c = egui::pos2(x0 + r + k as f32 * (r * 3.0), rect.center().y);
            painter.circle_filled(c, r, text_color);
        }
        buf.len() as f32 * r * 3.0
    };
    if response.has_focus() {
        // A caret after the last digit, so the user sees where typing goes.
        let x = x0 + width + 2.0;
        painter.line_segment(
            [egui::pos2(x, rect.top() + 8.0), egui::pos2(x, rect.bottom() - 8.0)],
            egui::Stroke::new(2.0, text_color),
        );
    }
}

/// The digits themselves, one glyph at a time from a fixed table: painting the whole value
/// would put a copy of the PIN (one per length typed) into egui's text layout cache, never
/// wiped. Returns the width they take (monospace: no need to lay them out to measure).
fn paint_digits(ui: &Ui, painter: &egui::Painter, rect: egui::Rect, x0: f32, buf: &PinBuffer) -> f32 {
    const DIGITS: [&str; 10] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];
    let font = egui::TextStyle::Monospace.resolve(ui.style());
    let advance = ui.ctx().fonts_mut(|f| f.glyph_width(&font, '0'));
    let text_color = ui.visuals().text_color();
    for (k, b) in buf.as_str().bytes().enumerate() {
        let Some(glyph) = DIGITS.get(usize::from(b.wrapping_sub(b'0'))) else { continue };
        painter.text(
            egui::pos2(x0 + k as f32 * advance, rect.center().y),
            egui::Align2::LEFT_CENTER,
            *glyph,
            font.clone(),
            text_color,
        );
    }
    buf.len() as f32 * advance
}

/// What a screen reader says about a PIN field after its name: `about` (the step, its
/// guidance, what is wrong), then how many digits it holds; `invalid` when its entry was
/// refused or failed a check. The field's name stays its label, so that it can be found by it.
pub fn describe_pin_field<S: AsRef<str>>(
    response: &Response,
    lang: Lang,
    typed: usize,
    about: &[S],
    invalid: bool,
) {
    let mut parts: Vec<&str> = about.iter().map(AsRef::as_ref).collect();
    let count = a11y::digits_typed(lang, typed);
    parts.push(&count);
    let description = a11y::sentences(&parts);
    response.ctx.accesskit_node_builder(response.id, |node| {
        node.set_description(description);
        if invalid {
            node.set_invalid(Invalid::True);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_digits_refuses_the_rest() {
        let mut b = PinBuffer::default();
        b.type_text("12a3");
        assert_eq!(b.as_str(), "123");
        assert_eq!(b.refused(), Some(Refusal::NotDigit));
        assert!(!b.overflowed());
        b.type_text("456789");
        assert_eq!(b.as_str(), "12345678");
        assert_eq!(b.refused(), Some(Refusal::TooLong));
        assert!(b.overflowed());
        b.backspace();
        assert_eq!(b.as_str(), "1234567");
        assert_eq!(b.refused(), None);
        assert!(!b.overflowed());
    }

    #[test]
    fn a_letter_typed_alone_is_remembered_as_a_pasted_one_is() {
        let (mut typed, mut pasted) = (PinBuffer::default(), PinBuffer::default());
        for c in ["1", "2", "a", "4", "5"] {
            typed.type_text(c);
        }
        pasted.type_text("12a45");
        assert_eq!(typed.as_str(), pasted.as_str());
        assert_eq!(typed.refused(), Some(Refusal::NotDigit));
        assert_eq!(typed.refused(), pasted.refused());
    }

    #[test]
    fn a_ninth_digit_is_refused_and_keeps_refusing_until_a_deletion() {
        let mut b = PinBuffer::default();
        b.type_text("24680");
        b.type_text("246");
        assert_eq!(b.as_str(), "24680246");
        assert!(!b.overflowed(), "8 digits are a PIN");
        b.type_text("8");
        assert_eq!(b.as_str(), "24680246", "the 9th digit is not added");
        assert!(b.overflowed());
        b.type_text("0");
        assert!(b.overflowed(), "more digits do not clear it");
        b.wipe();
        assert!(b.is_empty() && !b.overflowed() && b.refused().is_none());
    }

    /// Numpad digits typed with NumLock off arrive as arrow keys (under Wine, as an arrow and
    /// its digit together): the focus stays in the field, as in any text field, or the next
    /// digits and Enter would go to whatever widget the arrow reached.
    #[test]
    fn arrow_keys_leave_the_focus_in_the_field() {
        use egui_kittest::{Harness, kittest::Queryable};
        let mut h = Harness::new_ui_state(
            |ui, buf: &mut PinBuffer| {
                let _ = ui.button("Prima");
                pin_entry(ui, buf, "PIN", false);
                let _ = ui.button("Dopo");
            },
            PinBuffer::default(),
        );
        h.get_by_role_and_label(Role::PasswordInput, "PIN").click();
        h.step();
        h.step();
        for key in [Key::ArrowDown, Key::ArrowUp, Key::ArrowRight, Key::ArrowLeft] {
            h.key_press(key);
            h.event(Event::Text("1".to_owned()));
            h.step();
            h.step();
            assert!(
                h.get_by_role_and_label(Role::PasswordInput, "PIN").is_focused(),
                "{key:?} took the focus out of the PIN field"
            );
        }
        assert_eq!(h.state().as_str(), "1111", "a digit typed after an arrow key was lost");
    }

    #[test]
    fn never_reallocates_and_wipes() {
        let mut b = PinBuffer::default();
        let cap = b.digits.capacity();
        let ptr = b.digits.as_ptr();
        b.type_text("87654321");
        assert_eq!(b.digits.capacity(), cap);
        assert_eq!(b.digits.as_ptr(), ptr);
        b.wipe();
        assert!(b.is_empty());
        assert_eq!(b.digits.capacity(), cap);
    }
}
