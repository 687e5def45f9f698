//! The authentication certificate: who it names, who issued it, how long it lasts, whether it
//! matches the card, and export as PEM or DER.
//!
//! The page's state is the export under way ([`Export`]): the path typed into the in-window
//! fallback when there is no save dialog. Saving itself is the app's, on the card worker.

use cns_core::card::CardStatus;
use cns_core::cert::{CertSummary, Check, HashCheck};
use cns_core::italian_time::italian_date;
use egui::RichText;

use crate::gui::a11y;
use crate::gui::export::Export;
use crate::gui::page::{Action, Ctx};
use crate::gui::widgets::{primary_button, secondary_button};
use crate::gui::words::{self, Tone};
use crate::i18n::{Lang, msg};

/// Draws the page; what it asks of the window comes back as actions.
pub fn ui(export: &mut Export, ctx: &Ctx, ui: &mut egui::Ui) -> Vec<Action> {
    let lang = ctx.lang;
    let Some(s) = ctx.card.status() else {
        return Vec::new();
    };
    let mut actions = Vec::new();
    ui.add_space(8.0);
    a11y::heading_text(ui, RichText::new(lang.tr(msg::cert_title())).heading());
    ui.add_space(8.0);
    let Ok(c) = &s.certificate else {
        return actions;
    };
    facts(lang, c, ui);
    ui.add_space(10.0);
    matches_card(lang, s, ui);
    ui.add_space(12.0);
    if ctx.counter {
        ui.label(RichText::new(lang.tr(msg::cert_counter_no_save())).weak());
    } else {
        save_buttons(lang, export, ui, &mut actions);
    }
    ui.add_space(12.0);
    if primary_button(ui, &lang.tr(msg::page_back_to_card())).clicked() {
        actions.push(Action::CloseScreen);
    }
    actions
}

fn facts(lang: Lang, c: &CertSummary, ui: &mut egui::Ui) {
    egui::Grid::new("cert_facts").num_columns(2).spacing([16.0, 8.0]).show(ui, |ui| {
        row(ui, &lang.tr(msg::cert_subject()), &c.subject);
        row(ui, &lang.tr(msg::cert_issuer()), &c.issuer);
        row(
            ui,
            &lang.tr(msg::cert_valid()),
            &lang.tr(msg::CertValidFromTo {
                from: words::date(italian_date(c.not_before)).into(),
                to: words::date(italian_date(c.not_after)).into(),
            }),
        );
        row(ui, &lang.tr(msg::cert_key()), &format!("{} {} bit", c.key.algorithm, c.key.bits));
        ui.label(RichText::new(lang.tr(msg::cert_fingerprint())).weak());
        ui.add(egui::Label::new(RichText::new(&c.sha256_fingerprint).monospace().size(12.0)).wrap());
        ui.end_row();
    });
}

/// Whether the certificate names this card and its holder.
fn matches_card(lang: Lang, s: &CardStatus, ui: &mut egui::Ui) {
    ui.label(RichText::new(lang.tr(msg::cert_match_heading())).strong());
    let Some(k) = &s.consistency else { return };
    check_line(ui, lang, &lang.tr(msg::card_fiscal_code()), k.fiscal_code);
    check_line(ui, lang, &lang.tr(msg::cert_card_number()), k.card_serial);
    let (tone, text) = match k.personal_data_hash {
        HashCheck::MatchesWithHeader => (Tone::Good, msg::cert_hash_matches_with_header()),
        HashCheck::MatchesWithoutHeader => (Tone::Good, msg::cert_hash_matches_without_header()),
        HashCheck::Mismatch => (Tone::Attention, msg::cert_check_mismatch()),
        HashCheck::NotAvailable => (Tone::Neutral, msg::cert_check_unavailable()),
    };
    line(ui, &lang.tr(msg::cert_personal_data_hash()), tone, &lang.tr(text));
}

/// Export as PEM or DER through the save dialog, or the path field when there is none.
fn save_buttons(lang: Lang, export: &mut Export, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
    let dialog_open = export.dialog_open();
    if let Some(path) = export.fallback.as_mut() {
        ui.label(lang.tr(msg::cert_no_file_chooser()));
        let label = ui.label(RichText::new(lang.tr(msg::docs_path_label())).strong());
        ui.add(egui::TextEdit::singleline(path).desired_width(520.0)).labelled_by(label.id);
        ui.horizontal_wrapped(|ui| {
            if primary_button(ui, &lang.tr(msg::cert_save())).clicked() {
                actions.push(Action::ExportFallbackSave);
            }
            if secondary_button(ui, &lang.tr(msg::docs_cancel())).clicked() {
                actions.push(Action::ExportFallbackCancel);
            }
        });
        return;
    }
    ui.horizontal_wrapped(|ui| {
        ui.add_enabled_ui(!dialog_open, |ui| {
            if secondary_button(ui, &lang.tr(msg::cert_export_pem())).clicked() {
                actions.push(Action::ExportPem);
            }
            if secondary_button(ui, &lang.tr(msg::cert_export_der())).clicked() {
                actions.push(Action::ExportDer);
            }
        });
    });
}
fn row(ui: &mut egui::Ui, key: &str, value: &str) {
    ui.label(RichText::new(key).weak());
    ui.add(egui::Label::new(value).wrap());
    ui.end_row();
}

fn check_line(ui: &mut egui::Ui, lang: Lang, what: &str, c: Check) {
    let (tone, text) = match c {
        Check::Match => (Tone::Good, msg::cert_check_matches()),
        Check::Mismatch => (Tone::Attention, msg::cert_check_mismatch()),
        Check::NotAvailable => (Tone::Neutral, msg::cert_check_unavailable()),
    };
    line(ui, what, tone, &lang.tr(text));
}

fn line(ui: &mut egui::Ui, what: &str, tone: Tone, text: &str) {
    ui.horizontal_wrapped(|ui| {
        ui.label(format!("{what}:"));
        ui.label(RichText::new(format!("{} {text}", tone.icon())).color(tone.color()));
    });
}
