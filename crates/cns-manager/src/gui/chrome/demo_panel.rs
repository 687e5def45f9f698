//! Demo controls: put the simulated card in and out, reset it, choose how it behaves and what
//! state it is in, so trainers can show every screen without a real card.
//!
//! The panel shows the simulated card as it is, not as it was last chosen: a PIN blocked by
//! wrong tries, a PIN changed in a wizard or a card type given on the command line appear in
//! the choosers and in the PIN hint as they are on the card.

use cns_sim::{
    DEFAULT_PIN, DEFAULT_PIN_TRIES, DEFAULT_PUK, DEFAULT_PUK_TRIES, QuirkMode, SimCard, SimHandle,
};
use egui::RichText;

use crate::backend::demo_card;
use crate::gui::a11y;
use crate::gui::page::{Action, Ctx};
use crate::i18n::{Lang, msg};

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

    fn name(self, lang: Lang) -> String {
        lang.tr(match self {
            Scenario::Fresh => msg::demo_scenario_fresh(),
            Scenario::LastTry => msg::demo_scenario_last_try(),
            Scenario::PinBlocked => msg::demo_scenario_pin_blocked(),
            Scenario::PukBlocked => msg::demo_scenario_puk_blocked(),
        })
    }
}

/// The counters of the simulated card, as the panel describes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counters {
    pub pin_left: u8,
    pub pin_max: u8,
    pub puk_left: u8,
    pub puk_max: u8,
}

impl Counters {
    pub fn of(card: &SimCard) -> Counters {
        Counters {
            pin_left: card.pin_tries_left(),
            pin_max: card.pin_max_tries(),
            puk_left: card.puk_tries_left(),
            puk_max: card.puk_max_tries(),
        }
    }

    /// The scenario these counters are, if they are one (two tries left of three is none).
    pub fn scenario(self) -> Option<Scenario> {
        match (self.pin_left, self.puk_left) {
            (0, 0) => Some(Scenario::PukBlocked),
            (_, 0) => None,
            (0, _) => Some(Scenario::PinBlocked),
            (1, _) => Some(Scenario::LastTry),
            (p, k) if p == self.pin_max && k == self.puk_max => Some(Scenario::Fresh),
            _ => None,
        }
    }

    /// What the chooser shows: the scenario's name, or the counters in words.
    pub fn describe(self, lang: Lang) -> String {
        if let Some(s) = self.scenario() {
            return s.name(lang);
        }
        let said = |secret: &str, tries: u8| {
            lang.tr(msg::DemoSecretTries { secret: secret.into(), tries: tries.into() })
        };
        format!("{} · {}", said("PIN", self.pin_left), said("PUK", self.puk_left))
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

/// What the panel reads from the simulated card each frame (the card is the only truth).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoView {
    pub mode: QuirkMode,
    pub counters: Counters,
    pub default_pin: bool,
    pub default_puk: bool,
}

impl DemoView {
    pub fn of(h: &SimHandle) -> DemoView {
        let card = h.card();
        DemoView {
            mode: card.mode(),
            counters: Counters::of(&card),
            default_pin: card.pin_is(DEFAULT_PIN),
            default_puk: card.puk_is(DEFAULT_PUK),
        }
    }

    /// The hint under the choosers: the secrets the simulated card accepts now. A PIN changed
    /// in a wizard is the user's own: it is not shown, and the way back to 12345 is.
    pub fn hint(self, lang: Lang) -> String {
        let pin = if self.default_pin { format!("PIN {DEFAULT_PIN}") } else { lang.tr(msg::demo_pin_own()) };
        let puk = if self.default_puk { format!("PUK {DEFAULT_PUK}") } else { String::new() };
        let mut out = [pin, puk].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" · ");
        if !self.default_pin {
            out.push(' ');
            out.push_str(&lang.tr(msg::demo_pin_way_back(DEFAULT_PIN)));
        }
        out
    }
}

/// Nothing of its own: the controls act on the simulated card and read it back.
#[derive(Debug, Default)]
pub struct DemoControls;

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
                let mode = h.card().mode();
                h.replace_card(demo_card(mode));
                true
            }
            DemoAction::Mode(m) => {
                // Another card type is another card, in the same situation as the one shown.
                let counters = Counters::of(&h.card());
                let mut card = demo_card(m);
                card.set_pin_tries(counters.pin_left, counters.pin_max);
                card.set_puk_tries(counters.puk_left, counters.puk_max);
                h.replace_card(card);
                true
            }
            DemoAction::Scenario(s) => {
                let mut card = demo_card(h.card().mode());
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

/// The card family's name in the chooser (brands stay as they are; words are translated).
pub fn mode_label(lang: Lang, m: QuirkMode) -> String {
    let brand = match m {
        QuirkMode::Standard => "Standard (Athena)",
        QuirkMode::StIncard => "STIncard",
        QuirkMode::Siemens => "Siemens CardOS",
        QuirkMode::Idemia => "IDEMIA",
        QuirkMode::Legacy => return lang.tr(msg::demo_mode_legacy()),
        QuirkMode::NoCount => return lang.tr(msg::demo_mode_no_count()),
        QuirkMode::Applet2025 => "TS-CNS 2025 (applet)",
        QuirkMode::St2022 => "ST2022 JSign4 (NFC)",
        QuirkMode::Idemia2021 => "IDEMIA 2021",
    };
    brand.to_owned()
}

/// One line about how the family behaves, for the chooser's tooltip.
fn mode_hint(lang: Lang, m: QuirkMode) -> String {
    lang.tr(match m {
        QuirkMode::Standard => msg::demo_hint_standard(),
        QuirkMode::StIncard => msg::demo_hint_stincard(),
        QuirkMode::Siemens => msg::demo_hint_siemens(),
        QuirkMode::Idemia => msg::demo_hint_idemia(),
        QuirkMode::Legacy => msg::demo_hint_legacy(),
        QuirkMode::NoCount => msg::demo_hint_no_count(),
        QuirkMode::Applet2025 => msg::demo_hint_applet2025(),
        QuirkMode::St2022 => msg::demo_hint_st2022(),
        QuirkMode::Idemia2021 => msg::demo_hint_idemia2021(),
    })
}

/// Draws the controls (nothing while the real card service is used); what they change on the
/// simulated card comes back as actions.
pub fn ui(ctx: &Ctx, ui: &mut egui::Ui) -> Vec<Action> {
    let crate::backend::Backend::Demo(h) = ctx.backend else {
        return Vec::new();
    };
    let lang = ctx.lang;
    let view = DemoView::of(h);
    let mut actions = Vec::new();
    let (text, action) = if h.is_present() {
        (lang.tr(msg::demo_remove_card()), DemoAction::Remove)
    } else {
        (lang.tr(msg::demo_insert_card()), DemoAction::Insert)
    };
    if ui.add_sized([ui.available_width(), 32.0], egui::Button::new(text)).clicked() {
        actions.push(Action::Demo(action));
    }
    if ui
        .add_sized([ui.available_width(), 32.0], egui::Button::new(lang.tr(msg::demo_reset_card())))
        .clicked()
    {
        actions.push(Action::Demo(DemoAction::Reset));
    }
    ui.add_space(6.0);
    scenario_chooser(lang, view, ui, &mut actions);
    mode_chooser(lang, view, ui, &mut actions);
    ui.label(RichText::new(view.hint(lang)).small().weak());
    actions
}

/// The situation of the card (fresh, last try, blocked), as the card has it now.
fn scenario_chooser(lang: Lang, view: DemoView, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
    let situation = lang.tr(msg::demo_situation());
    ui.label(&situation);
    let now = view.counters.scenario();
    let mut scenario = now;
    let described = view.counters.describe(lang);
    let scenario_box = egui::ComboBox::from_id_salt("demo_scenario")
        .width(ui.available_width() - 8.0)
        .selected_text(described.as_str())
        .show_ui(ui, |ui| {
            for s in Scenario::ALL {
                ui.selectable_value(&mut scenario, Some(s), s.name(lang));
            }
        })
        .response;
    a11y::name_combo(&scenario_box, &situation, &described);
    if let Some(s) = scenario
        && scenario != now
    {
        actions.push(Action::Demo(DemoAction::Scenario(s)));
    }
}

/// The card family, each with a line on how it behaves.
fn mode_chooser(lang: Lang, view: DemoView, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
    let card_type = lang.tr(msg::card_type());
    ui.label(&card_type);
    let mut mode = view.mode;
    let mode_box = egui::ComboBox::from_id_salt("demo_mode")
        .width(ui.available_width() - 8.0)
        // every card type at once: the newest (the applet cards) are last, and a scrolled
        // list would hide them
        .height(f32::INFINITY)
        .selected_text(mode_label(lang, mode))
        .show_ui(ui, |ui| {
            for m in QuirkMode::all() {
                ui.selectable_value(&mut mode, *m, mode_label(lang, *m)).on_hover_text(mode_hint(lang, *m));
            }
        })
        .response;
    a11y::name_combo(&mode_box, &card_type, &mode_label(lang, view.mode));
    if mode != view.mode {
        actions.push(Action::Demo(DemoAction::Mode(mode)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_situation_is_read_from_the_card() {
        let h = SimHandle::default();
        let mut c = DemoControls;
        assert_eq!(DemoView::of(&h).counters.scenario(), Some(Scenario::Fresh));
        // Wrong PINs typed in a wizard: the chooser follows, by the counters alone.
        h.card().set_pin_tries(2, DEFAULT_PIN_TRIES);
        let v = DemoView::of(&h);
        assert_eq!(v.counters.scenario(), None);
        assert_eq!(v.counters.describe(Lang::It), "PIN: 2 tentativi · PUK: 8 tentativi");
        h.card().set_pin_tries(0, DEFAULT_PIN_TRIES);
        assert_eq!(DemoView::of(&h).counters.scenario(), Some(Scenario::PinBlocked));
        // A PUK blocked with a PIN still working is no scenario of the list: said in words.
        h.card().set_pin_tries(3, DEFAULT_PIN_TRIES);
        h.card().set_puk_tries(0, DEFAULT_PUK_TRIES);
        assert_eq!(DemoView::of(&h).counters.describe(Lang::En), "PIN: 3 tries · PUK blocked");
        // One try is said in the singular.
        h.card().set_pin_tries(1, DEFAULT_PIN_TRIES);
        assert_eq!(DemoView::of(&h).counters.describe(Lang::It), "PIN: 1 tentativo · PUK bloccato");
        assert_eq!(DemoView::of(&h).counters.describe(Lang::En), "PIN: 1 try · PUK blocked");

        // Another card type keeps the situation shown.
        assert!(c.apply(&h, DemoAction::Scenario(Scenario::LastTry)));
        assert!(c.apply(&h, DemoAction::Mode(QuirkMode::Idemia)));
        let v = DemoView::of(&h);
        assert_eq!((v.mode, v.counters.scenario()), (QuirkMode::Idemia, Some(Scenario::LastTry)));
        // Reset keeps the type.
        assert!(c.apply(&h, DemoAction::Reset));
        let v = DemoView::of(&h);
        assert_eq!((v.mode, v.counters.scenario()), (QuirkMode::Idemia, Some(Scenario::Fresh)));
    }

    #[test]
    fn the_pin_hint_follows_the_cards_pin() {
        let h = SimHandle::default();
        assert_eq!(DemoView::of(&h).hint(Lang::It), "PIN 12345 · PUK 12345678");
        h.card().set_pin("24680").unwrap();
        let hint = DemoView::of(&h).hint(Lang::It);
        assert!(!hint.contains("PIN 12345"), "{hint}");
        assert!(!hint.contains("24680"), "the user's PIN on screen: {hint}");
        assert!(hint.contains("PIN: quello che hai scelto") && hint.contains("PUK 12345678"), "{hint}");
        DemoControls.apply(&h, DemoAction::Reset);
        assert_eq!(DemoView::of(&h).hint(Lang::En), "PIN 12345 · PUK 12345678");
    }

    #[test]
    fn the_lombardy_crs_is_a_lombardy_card() {
        let h = SimHandle::default();
        DemoControls.apply(&h, DemoAction::Mode(QuirkMode::Legacy));
        let serial = h.card().holder().card_serial.clone();
        let id = cns_core::files::id_carta::parse(serial.as_bytes()).unwrap();
        assert_eq!(id.region().map(|r| r.name), Some("Lombardia"));
        DemoControls.apply(&h, DemoAction::Mode(QuirkMode::Siemens));
        let serial = h.card().holder().card_serial.clone();
        let id = cns_core::files::id_carta::parse(serial.as_bytes()).unwrap();
        assert_eq!(id.region().map(|r| r.name), Some("Toscana"));
    }

    #[test]
    fn no_card_type_is_named_in_both_languages_at_once() {
        for m in QuirkMode::all() {
            for lang in Lang::ALL {
                assert!(!mode_label(lang, *m).contains(" / "), "{m:?}");
            }
            assert!(!mode_hint(Lang::It, *m).is_empty());
        }
        assert_eq!(mode_label(Lang::It, QuirkMode::NoCount), "Senza contatore");
        assert_eq!(mode_label(Lang::En, QuirkMode::NoCount), "No counter");
    }
}
