//! The signature's views: the PIN step, the last-try question, the signed result.

use std::path::Path;

use cns_core::PinKind;
use egui::{RichText, Ui};

use super::DocAction;
use super::flow::DocFlow;
use crate::gui::a11y;
use crate::gui::widgets::pin_entry::{describe_pin_field, pin_entry_with_id};
use crate::gui::widgets::{banner, live_banner, primary_button, secondary_button};
use crate::gui::words::Tone;
use crate::i18n::{Lang, msg};
use crate::signature_words as sig;

/// One PIN try left: "Annulla" (with the focus) or spend it.
pub(super) fn confirm_last_try(ui: &mut Ui, lang: Lang, focus: &mut bool, asked: &mut Vec<DocAction>) {
    // The last try in the words every PIN screen uses.
    let warning = crate::pin_words::one_try_left(lang, PinKind::Pin);
    let warning = warning.as_str();
    banner(ui, Tone::Bad, warning);
    ui.add_space(8.0);
    ui.horizontal_wrapped(|ui| {
        let cancel = primary_button(ui, &lang.tr(msg::docs_cancel()));
        a11y::describe(ui.ctx(), cancel.id, warning);
        if std::mem::take(focus) {
            cancel.request_focus();
        }
        if cancel.clicked() {
            asked.push(DocAction::CancelLastTry);
        }
        if secondary_button(ui, &lang.tr(msg::sign_use_last_try())).clicked() {
            asked.push(DocAction::ConfirmLastTry);
        }
    });
}

/// The signed file, where it is, and what next; returns the result's words.
pub(super) fn signed(
    ui: &mut Ui,
    lang: Lang,
    path: &Path,
    signers: usize,
    another: &str,
    asked: &mut Vec<DocAction>,
) -> String {
    let text = sig::document_signed(lang, path, signers);
    live_banner(ui, Tone::Good, &text);
    ui.add_space(8.0);
    ui.horizontal_wrapped(|ui| {
        if primary_button(ui, another).clicked() {
            asked.push(DocAction::Another);
        }
        if let Some(dir) = path.parent()
            && secondary_button(ui, &lang.tr(msg::docs_open_folder())).clicked()
        {
            asked.push(DocAction::OpenFolder(dir.to_path_buf()));
        }
    });
    text
}

/// The PIN step of a signature: the tries left, the field with "Mostra le cifre", why a PIN was
/// not accepted (under the field, which keeps its place and its focus), and "Firma".
pub(super) fn pin_step(
    ui: &mut Ui,
    lang: Lang,
    flow: &mut DocFlow,
    pin_state: Option<cns_core::PinState>,
    asked: &mut Vec<DocAction>,
) {
    let mut detached = flow.detached;
    if ui.checkbox(&mut detached, lang.tr(msg::sign_detached_choice())).changed() {
        asked.push(DocAction::Detached(detached));
    }
    ui.add_space(6.0);
    let pin_label = lang.tr(msg::sign_pin_label());
    ui.label(RichText::new(pin_label.as_str()).strong());
    // What the field's description says: the step, the tries, what is wrong.
    let mut about = vec![pin_label];
    // The tries in the PIN box's own words (one wording for the card's state everywhere).
    if let Some(s @ (cns_core::PinState::TriesLeft { .. } | cns_core::PinState::Unknown)) = pin_state {
        // (the PUK's state changes only the words about unblocking, which are not shown here)
        let (tone, head, detail) = crate::gui::words::pin_state(lang, s, cns_core::PinState::Unknown);
        let text = if s.is_last_try() { head } else { detail };
        about.push(text.clone());
        match tone {
            Tone::Good => {
                ui.label(text);
            }
            _ => hint(ui, tone, &text),
        }
    }
    // One PIN field on screen at a time, so a fixed id is unique.
    let id = egui::Id::unique("cns-sign-pin");
    let entry = ui.horizontal(|ui| {
        let e = pin_entry_with_id(ui, id, &mut flow.pin, "PIN", flow.show_digits);
        ui.checkbox(&mut flow.show_digits, lang.tr(msg::sign_show_digits()));
        e
    });
    let entry = entry.inner;
    if std::mem::take(&mut flow.focus_pin) {
        entry.response.request_focus();
    }
    if entry.response.changed() {
        flow.pin_hint = None;
    }
    if let Some(r) = flow.pin.refused() {
        let text = crate::gui::words::typed_refusal(lang, cns_core::PinKind::Pin, r);
        hint(ui, Tone::Attention, &text);
        about.push(text);
    }
    if let Some(h) = &flow.pin_hint {
        hint(ui, Tone::Bad, h);
        about.push(h.clone());
    }
    let invalid = flow.pin.refused().is_some() || flow.pin_hint.is_some();
    describe_pin_field(&entry.response, lang, flow.pin.len(), &about, invalid);
    ui.add_space(8.0);
    let submitted = entry.submitted && {
        // Enter on an empty field moves nothing: the field keeps the focus and says what it needs.
        if flow.pin.is_empty() {
            flow.pin_hint = Some(lang.tr(msg::sign_pin_empty()));
            entry.response.request_focus();
            false
        } else {
            true
        }
    };
    if primary_button(ui, &lang.tr(msg::sign_button())).clicked() || submitted {
        asked.push(DocAction::Start);
    }
}

/// A line under the PIN field: a live region, so that what is wrong is said as it appears.
fn hint(ui: &mut Ui, tone: Tone, text: &str) {
    let line = ui.label(RichText::new(format!("{} {text}", tone.icon())).color(tone.color()));
    a11y::mark_live(&line, tone);
}
