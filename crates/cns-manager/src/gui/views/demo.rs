//! Demo controls: put the simulated card in and out, reset it, choose how it behaves and what
//! state it is in, so trainers can show every screen without a real card.

use cns_sim::{DEFAULT_PIN_TRIES, DEFAULT_PUK_TRIES, QuirkMode, SimCard, SimHandle};
use egui::RichText;

use super::super::app::{Action, CnsApp};

/// A starting situation for the demo card.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scenario {
    #[default]
    Fresh,
    LastTry,
    PinBlocked,
    PukBlocked,
}

impl Scenario {
    const ALL: [Scenario; 4] =
        [Scenario::Fresh, Scenario::LastTry, Scenario::PinBlocked, Scenario::PukBlocked];

    fn name(self, lang: crate::i18n::Lang) -> &'static str {
        match self {
            Scenario::Fresh => lang.t("Nuova", "New"),
            Scenario::LastTry => lang.t("PIN: un solo tentativo", "PIN: one try left"),
            Scenario::PinBlocked => lang.t("PIN bloccato", "PIN blocked"),
            Scenario::PukBlocked => lang.t("PIN e PUK bloccati", "PIN and PUK blocked"),
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub enum DemoAction {
    Insert,
    Remove,
    Reset,
    Mode(QuirkMode),
    Scenario(Scenario),
}

#[derive(Debug, Default)]
pub struct DemoControls {
    pub mode: QuirkMode,
    pub scenario: Scenario,
}

impl DemoControls {
    /// Applies a control to the simulated card; true when the card in the reader changed (so
    /// the app reads it again; insertion and removal reach it through the reader monitor).
    pub fn apply(&mut self, h: &SimHandle, a: DemoAction) -> bool {
        match a {
            DemoAction::Insert => {
                h.insert();
                false
            }
            DemoAction::Remove => {
                h.remove();
                false
            }
            DemoAction::Reset => {
                self.scenario = Scenario::Fresh;
                h.replace_card(SimCard::with_mode(self.mode));
                true
            }
            DemoAction::Mode(m) => {
                self.mode = m;
                let mut card = SimCard::with_mode(m);
                set_scenario(&mut card, self.scenario);
                h.replace_card(card);
                true
            }
            DemoAction::Scenario(s) => {
                self.scenario = s;
                let mut card = SimCard::with_mode(self.mode);
                set_scenario(&mut card, s);
                h.replace_card(card);
                true
            }
        }
    }
}

fn set_scenario(card: &mut SimCard, s: Scenario) {
    match s {
        Scenario::Fresh => {}
        Scenario::LastTry => card.set_pin_tries(1, DEFAULT_PIN_TRIES),
        Scenario::PinBlocked => card.set_pin_tries(0, DEFAULT_PIN_TRIES),
        Scenario::PukBlocked => {
            card.set_pin_tries(0, DEFAULT_PIN_TRIES);
            card.set_puk_tries(0, DEFAULT_PUK_TRIES);
        }
    }
}

fn mode_label(m: QuirkMode) -> &'static str {
    match m {
        QuirkMode::Standard => "Standard (Athena)",
        QuirkMode::StIncard => "STIncard",
        QuirkMode::Siemens => "Siemens CardOS",
        QuirkMode::Idemia => "IDEMIA",
        QuirkMode::Legacy => "CRS Lombardia (Siemens)",
        QuirkMode::NoCount => "Senza contatore / No counter",
        QuirkMode::Applet2025 => "TS-CNS 2025 (applet)",
        QuirkMode::St2022 => "ST2022 JSign4 (NFC)",
        QuirkMode::Idemia2021 => "IDEMIA 2021",
    }
}

impl CnsApp {
    pub(crate) fn demo_panel(&mut self, ui: &mut egui::Ui) {
        let lang = self.lang;
        let crate::backend::Backend::Demo(h) = &self.backend else {
            return;
        };
        let present = h.is_present();
        let (text, action) = if present {
            (lang.t("Rimuovi la tessera", "Remove the card"), DemoAction::Remove)
        } else {
            (lang.t("Inserisci la tessera", "Insert the card"), DemoAction::Insert)
        };
        if ui.add_sized([ui.available_width(), 32.0], egui::Button::new(text)).clicked() {
            self.actions.push(Action::Demo(action));
        }
        if ui
            .add_sized(
                [ui.available_width(), 32.0],
                egui::Button::new(lang.t("Reimposta la tessera", "Reset the card")),
            )
            .clicked()
        {
            self.actions.push(Action::Demo(DemoAction::Reset));
        }
        ui.add_space(6.0);
        ui.label(lang.t("Situazione", "Situation"));
        let mut scenario = self.demo.scenario;
        egui::ComboBox::from_id_salt("demo_scenario")
            .width(ui.available_width() - 8.0)
            .selected_text(scenario.name(lang))
            .show_ui(ui, |ui| {
                for s in Scenario::ALL {
                    ui.selectable_value(&mut scenario, s, s.name(lang));
                }
            })
            .response
            .widget_info(|| {
                egui::WidgetInfo::labeled(
                    egui::accesskit::Role::ComboBox,
                    true,
                    lang.t("Situazione", "Situation"),
                )
            });
        if scenario != self.demo.scenario {
            self.actions.push(Action::Demo(DemoAction::Scenario(scenario)));
        }
        ui.label(lang.t("Tipo di tessera", "Card type"));
        let mut mode = self.demo.mode;
        egui::ComboBox::from_id_salt("demo_mode")
            .width(ui.available_width() - 8.0)
            // every card type at once: the newest (the applet cards) are last, and a scrolled
            // list would hide them
            .height(f32::INFINITY)
            .selected_text(mode_label(mode))
            .show_ui(ui, |ui| {
                for m in QuirkMode::all() {
                    ui.selectable_value(&mut mode, *m, mode_label(*m)).on_hover_text(m.description());
                }
            })
            .response
            .widget_info(|| {
                egui::WidgetInfo::labeled(
                    egui::accesskit::Role::ComboBox,
                    true,
                    lang.t("Tipo di tessera", "Card type"),
                )
            });
        if mode != self.demo.mode {
            self.actions.push(Action::Demo(DemoAction::Mode(mode)));
        }
        ui.label(
            RichText::new(lang.t("PIN 12345 · PUK 12345678", "PIN 12345 · PUK 12345678")).small().weak(),
        );
    }
}
