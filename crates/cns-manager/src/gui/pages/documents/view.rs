//! The document page: the title and the file, then what the phase shows (the chooser and the
//! PIN, the progress, the result), and "Chiudi". The buttons' actions are applied to the page's
//! own state at the end of the frame; the app gets only what is its own.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use egui::{RichText, Ui};

use super::flow::{DocFlow, Phase};
use super::{DocAction, Kind, sign_view, verify_view};
use crate::gui::a11y;
use crate::gui::page::{Action, Ctx};
use crate::gui::widgets::{banner, live_banner, secondary_button};
use crate::gui::words::Tone;
use crate::i18n::{Lang, msg};
use crate::ops::sign::Unready;

/// Draws the page and applies what was asked of it; the rest comes back as actions.
pub(crate) fn ui(flow: &mut DocFlow, ctx: &Ctx, ui: &mut Ui) -> Vec<Action> {
    let lang = ctx.lang;
    let mut asked = flow.poll(lang);
    title(ui, lang, flow);
    let result_words = phase_view(ui, ctx, flow, &mut asked);
    let close = close_button(ui, lang, flow, result_words);
    let mut actions: Vec<Action> =
        asked.into_iter().filter_map(|a| flow.apply(a, ctx)).map(Action::Document).collect();
    if close {
        actions.push(Action::CloseScreen);
    }
    actions
}

/// The page's title, and the file chosen with its size.
fn title(ui: &mut Ui, lang: Lang, flow: &DocFlow) {
    let title = lang.tr(match flow.kind {
        Kind::Sign => msg::docs_title_sign(),
        Kind::Verify => msg::docs_title_verify(),
    });
    a11y::heading(ui, &title);
    ui.add_space(8.0);
    if let Some((p, size)) = &flow.file {
        let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        ui.label(RichText::new(format!("{name} – {}", size_words(lang, *size))).strong());
    }
}

/// What the phase shows; a result's words, said again where the focus lands (on "Chiudi").
fn phase_view(ui: &mut Ui, ctx: &Ctx, flow: &mut DocFlow, asked: &mut Vec<DocAction>) -> Option<String> {
    let lang = ctx.lang;
    let another = lang.tr(match flow.kind {
        Kind::Sign => msg::docs_another_sign(),
        Kind::Verify => msg::docs_another_verify(),
    });
    match &mut flow.phase {
        Phase::Choose { .. } => choose_view(ui, ctx, flow, asked),
        Phase::ConfirmLastTry { focus } => sign_view::confirm_last_try(ui, lang, focus, asked),
        Phase::Working { progress, total, .. } => working_view(ui, lang, flow.kind, progress, *total),
        Phase::Signed { path, signers } => {
            return Some(sign_view::signed(ui, lang, path, *signers, &another, asked));
        }
        Phase::Verified { .. } => verify_view::verified(ui, ctx, flow, &another, asked),
        Phase::Failed { message, detail } => {
            live_banner(ui, Tone::Bad, message);
            if let Some(detail) = detail {
                crate::gui::widgets::technical(ui, lang, |ui| {
                    ui.label(detail.as_str());
                });
            }
            ui.add_space(8.0);
            if secondary_button(ui, &another).clicked() {
                asked.push(DocAction::Another);
            }
            return Some(message.clone());
        }
    }
    None
}

/// The file chooser, why the file cannot be used, and for a signature what the card allows:
/// the PIN step, or why not.
fn choose_view(ui: &mut Ui, ctx: &Ctx, flow: &mut DocFlow, asked: &mut Vec<DocAction>) {
    let lang = ctx.lang;
    if secondary_button(ui, &lang.tr(msg::docs_choose_file())).clicked() {
        asked.push(DocAction::Pick);
    }
    ui.label(RichText::new(lang.tr(msg::docs_or_drop())).weak());
    path_field(ui, lang, &mut flow.path_field, &mut flow.focus_path, asked);
    ui.add_space(10.0);
    if let Phase::Choose { problem: Some(p) } = &flow.phase {
        live_banner(ui, Tone::Bad, p);
        ui.add_space(6.0);
    }
    if flow.file.is_none() || flow.kind != Kind::Sign {
        return;
    }
    // The rules `ops::sign` applies again on the card before the PIN goes out (the last try
    // is asked about when "Firma" is pressed, so here it counts as confirmed).
    let now = time::OffsetDateTime::now_utc();
    let unready = ctx.card.status().map(|s| crate::ops::sign::check_card(s, true, now).err());
    match unready {
        None => banner(ui, Tone::Attention, &lang.tr(msg::sign_insert_card())),
        Some(Some(Unready::PinBlocked)) => banner(ui, Tone::Bad, &lang.tr(msg::sign_pin_blocked())),
        Some(Some(Unready::CertificateExpired { .. })) => {
            banner(ui, Tone::Bad, &lang.tr(msg::sign_card_certificate_expired()))
        }
        // (no certificate: the signature says so, in the card's own answer)
        Some(_) => sign_view::pin_step(ui, lang, flow, ctx.card.status().map(|s| s.pin), asked),
    }
}

/// The work under way: what is being done, and how far.
fn working_view(ui: &mut Ui, lang: Lang, kind: Kind, progress: &Arc<AtomicU64>, total: u64) {
    let done = progress.load(Ordering::Relaxed);
    let frac = (done as f64 / total.max(1) as f64).min(1.0) as f32;
    let what = lang.tr(match kind {
        Kind::Sign if frac >= 1.0 => msg::sign_working_card(),
        Kind::Sign => msg::sign_working_reading(),
        Kind::Verify => msg::verify_working(),
    });
    ui.label(what);
    ui.add(egui::ProgressBar::new(frac).show_percentage());
    ui.ctx().request_repaint_after(std::time::Duration::from_millis(100));
}

/// "Chiudi", except while the work runs or the last try is asked about. True when pressed.
fn close_button(ui: &mut Ui, lang: Lang, flow: &DocFlow, result_words: Option<String>) -> bool {
    if matches!(flow.phase, Phase::Working { .. } | Phase::ConfirmLastTry { .. }) {
        return false;
    }
    ui.add_space(16.0);
    let chiudi = secondary_button(ui, &lang.tr(msg::docs_close()));
    if let Some(words) = result_words {
        a11y::describe(ui.ctx(), chiudi.id, &words);
        // The field that had the focus is gone with the signature: the result is where
        // the focus goes next, so that a screen reader says it.
        if ui.ctx().memory(|m| m.focused().is_none()) {
            chiudi.request_focus();
        }
    }
    chiudi.clicked()
}

/// The in-window path field, when the desktop has no file dialog (a bare X server, a kiosk):
/// Enter or "Apri" opens what is typed.
pub(super) fn path_field(
    ui: &mut Ui,
    lang: Lang,
    text: &mut Option<String>,
    focus: &mut bool,
    actions: &mut Vec<DocAction>,
) {
    let focus = std::mem::take(focus);
    let Some(text) = text.as_mut() else { return };
    ui.add_space(6.0);
    ui.horizontal_wrapped(|ui| {
        let label = ui.label(RichText::new(lang.tr(msg::docs_path_label())).strong());
        let field = ui.add(egui::TextEdit::singleline(text).desired_width(420.0)).labelled_by(label.id);
        if focus {
            field.request_focus();
        }
        let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if secondary_button(ui, &lang.tr(msg::docs_open())).clicked() || entered {
            actions.push(DocAction::OpenTyped);
        }
    });
}

fn size_words(lang: Lang, n: u64) -> String {
    let (v, unit) = match n {
        n if n >= 1 << 30 => (n as f64 / (1u64 << 30) as f64, "GB"),
        n if n >= 1 << 20 => (n as f64 / (1u64 << 20) as f64, "MB"),
        n if n >= 1 << 10 => (n as f64 / 1024.0, "KB"),
        n => return lang.tr(msg::docs_size_bytes(n.to_string())),
    };
    let s = format!("{v:.1} {unit}");
    // Italian and German write a decimal comma.
    if lang == Lang::En { s } else { s.replace('.', ",") }
}
