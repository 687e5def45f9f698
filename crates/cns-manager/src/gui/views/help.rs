//! How to get a new card when the PUK is blocked (or the card has expired).

use egui::RichText;

use crate::i18n::Lang;

use super::super::app::{Action, CnsApp};
use super::super::words::Tone;
use super::{banner, primary_button};

impl CnsApp {
    pub(crate) fn new_card_view(&mut self, ui: &mut egui::Ui) {
        let lang = self.lang;
        ui.add_space(8.0);
        super::super::a11y::heading_text(
            ui,
            RichText::new(lang.t("Come richiedere una nuova tessera", "How to get a new card")).heading(),
        );
        ui.add_space(8.0);
        banner(
            ui,
            Tone::Bad,
            lang.t(
                "Con il PUK bloccato la tessera non può più essere sbloccata: va sostituita. Non è un errore che si possa annullare.",
                "With the PUK blocked the card can no longer be unblocked: it must be replaced. This cannot be undone.",
            ),
        );
        ui.add_space(8.0);
        new_card_text(ui, lang);
        ui.add_space(14.0);
        let back = primary_button(ui, lang.t("Torna allo stato della tessera", "Back to the card's state"));
        if back.clicked() {
            self.actions.push(Action::CloseScreen);
        }
    }
}

/// Where to ask for a replacement, and the help lines.
pub fn new_card_text(ui: &mut egui::Ui, lang: Lang) {
    let items = [
        lang.t(
            "Online, sul sito dell'Agenzia delle Entrate (servizio «Richiesta duplicato Tessera Sanitaria»), con SPID, CIE o CNS: la nuova tessera arriva per posta all'indirizzo di residenza.",
            "Online, on the Agenzia delle Entrate website (service «Richiesta duplicato Tessera Sanitaria»), with SPID, CIE or CNS: the new card arrives by post at your home address.",
        ),
        lang.t(
            "Di persona, in un ufficio dell'Agenzia delle Entrate, con un documento d'identità.",
            "In person, at an Agenzia delle Entrate office, with an identity document.",
        ),
        lang.t(
            "Presso gli sportelli della tua Regione o della tua ASL, che attivano anche i servizi della nuova tessera (PIN e PUK).",
            "At your Region's or local health authority's (ASL) counters, which also activate the new card's services (PIN and PUK).",
        ),
    ];
    for item in items {
        ui.horizontal_wrapped(|ui| {
            ui.label("•");
            ui.label(item);
        });
    }
    ui.add_space(8.0);
    help_lines(ui, lang);
}

/// The free help numbers, the same wherever the window gives them (a new card, the Diagnostica
/// page, next to the support report).
pub fn help_lines(ui: &mut egui::Ui, lang: Lang) {
    ui.label(RichText::new(lang.t("Numeri di aiuto (gratuiti)", "Help lines (free of charge)")).strong());
    ui.label(lang.t("Numero verde 800 030 606", "Toll-free number 800 030 606"));
    ui.label(lang.t("Sistema TS 800 030 070", "Sistema TS 800 030 070"));
}
