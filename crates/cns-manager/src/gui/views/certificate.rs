//! The authentication certificate: who it names, who issued it, how long it lasts, whether it
//! matches the card, and export as PEM or DER.

use cns_core::cert::{Check, HashCheck};
use cns_core::italian_time::italian_date;
use egui::RichText;

use crate::i18n::Lang;

use super::super::app::{Action, CnsApp};
use super::super::words::{self, Tone};
use super::{primary_button, secondary_button};

impl CnsApp {
    pub(crate) fn certificate_view(&mut self, ui: &mut egui::Ui) {
        let lang = self.lang;
        let counter = self.counter;
        let Some(s) = self.card.status() else {
            return;
        };
        let mut actions = Vec::new();
        ui.add_space(8.0);
        super::super::a11y::heading_text(
            ui,
            RichText::new(lang.t("Certificato di autenticazione", "Authentication certificate")).heading(),
        );
        ui.add_space(8.0);
        let Ok(c) = &s.certificate else {
            return;
        };
        egui::Grid::new("cert_facts").num_columns(2).spacing([16.0, 8.0]).show(ui, |ui| {
            row(ui, lang.t("Intestato a", "Subject"), &c.subject);
            row(ui, lang.t("Emesso da", "Issuer"), &c.issuer);
            row(
                ui,
                lang.t("Valido", "Valid"),
                &lang.s(
                    format!(
                        "dal {} al {}",
                        words::date(italian_date(c.not_before)),
                        words::date(italian_date(c.not_after))
                    ),
                    format!(
                        "from {} to {}",
                        words::date(italian_date(c.not_before)),
                        words::date(italian_date(c.not_after))
                    ),
                ),
            );
            row(ui, lang.t("Chiave", "Key"), &format!("{} {} bit", c.key.algorithm, c.key.bits));
            ui.label(RichText::new(lang.t("Impronta SHA-256", "SHA-256 fingerprint")).weak());
            ui.add(egui::Label::new(RichText::new(&c.sha256_fingerprint).monospace().size(12.0)).wrap());
            ui.end_row();
        });
        ui.add_space(10.0);
        ui.label(RichText::new(lang.t("Corrispondenza con la tessera", "Match with the card")).strong());
        if let Some(k) = &s.consistency {
            check_line(ui, lang, lang.t("Codice fiscale", "Fiscal code"), k.fiscal_code);
            check_line(ui, lang, lang.t("Numero della tessera", "Card number"), k.card_serial);
            let (tone, text) = match k.personal_data_hash {
                HashCheck::MatchesWithHeader => (
                    Tone::Good,
                    lang.t(
                        "corrisponde (calcolata con l'intestazione del file)",
                        "matches (computed with the file header)",
                    ),
                ),
                HashCheck::MatchesWithoutHeader => (
                    Tone::Good,
                    lang.t(
                        "corrisponde (calcolata senza l'intestazione del file)",
                        "matches (computed without the file header)",
                    ),
                ),
                HashCheck::Mismatch => (Tone::Attention, lang.t("non corrisponde", "does not match")),
                HashCheck::NotAvailable => (Tone::Neutral, lang.t("non verificabile", "cannot be checked")),
            };
            line(ui, lang.t("Impronta dei dati personali", "Personal data hash"), tone, text);
        }
        ui.add_space(12.0);
        if counter {
            ui.label(
                RichText::new(lang.t(
                    "In modalità sportello non si salva nulla sul disco.",
                    "In counter mode nothing is saved to disk.",
                ))
                .weak(),
            );
        } else if let Some(path) = self.export.fallback.as_mut() {
            ui.label(lang.t(
                "Il selettore di file non è disponibile. Salva il certificato in questo percorso:",
                "The file chooser is not available. Save the certificate to this path:",
            ));
            let label = ui.label(RichText::new(lang.t("Percorso del file", "File path")).strong());
            ui.add(egui::TextEdit::singleline(path).desired_width(520.0)).labelled_by(label.id);
            ui.horizontal_wrapped(|ui| {
                if primary_button(ui, lang.t("Salva", "Save")).clicked() {
                    actions.push(Action::ExportFallbackSave);
                }
                if secondary_button(ui, lang.t("Annulla", "Cancel")).clicked() {
                    actions.push(Action::ExportFallbackCancel);
                }
            });
        } else {
            ui.horizontal_wrapped(|ui| {
                ui.add_enabled_ui(!self.export.dialog_open(), |ui| {
                    if secondary_button(ui, lang.t("Esporta PEM…", "Export PEM…")).clicked() {
                        actions.push(Action::ExportPem);
                    }
                    if secondary_button(ui, lang.t("Esporta DER…", "Export DER…")).clicked() {
                        actions.push(Action::ExportDer);
                    }
                });
            });
        }
        ui.add_space(12.0);
        if primary_button(ui, lang.t("Torna allo stato della tessera", "Back to the card's state")).clicked()
        {
            actions.push(Action::CloseScreen);
        }
        self.actions.extend(actions);
    }
}

fn row(ui: &mut egui::Ui, key: &str, value: &str) {
    ui.label(RichText::new(key).weak());
    ui.add(egui::Label::new(value).wrap());
    ui.end_row();
}

fn check_line(ui: &mut egui::Ui, lang: Lang, what: &str, c: Check) {
    let (tone, text) = match c {
        Check::Match => (Tone::Good, lang.t("corrisponde", "matches")),
        Check::Mismatch => (Tone::Attention, lang.t("non corrisponde", "does not match")),
        Check::NotAvailable => (Tone::Neutral, lang.t("non verificabile", "cannot be checked")),
    };
    line(ui, what, tone, text);
}

fn line(ui: &mut egui::Ui, what: &str, tone: Tone, text: &str) {
    ui.horizontal_wrapped(|ui| {
        ui.label(format!("{what}:"));
        ui.label(RichText::new(format!("{} {text}", tone.icon())).color(tone.color()));
    });
}
