//! The card at a glance: who, which card, until when, and the PIN/PUK state in words; under it
//! only the actions that make sense now. Without a card it says what is missing (a reader, the
//! card service, a card) and offers to check a signed file, which needs none.

use cns_core::PinState;
use cns_core::card::CardStatus;
use cns_core::flow::Operation;
use cns_core::italian_time::italian_date;
use egui::RichText;

use crate::card_words;
use crate::doctor::fixes;
use crate::gui::a11y;
use crate::gui::page::{Action, Ctx};
use crate::gui::pages::documents::{DocAction, Kind as DocKind};
use crate::gui::state::{CardView, ReadProblem, Service};
use crate::gui::style;
use crate::gui::widgets::layout;
use crate::gui::widgets::{banner, primary_button, secondary_button, technical};
use crate::gui::words::{self, Tone};
use crate::i18n::{Lang, msg};

/// The narrowest a PIN or PUK box may be beside the other (points, normal text size).
const STATE_BOX_MIN_WIDTH: f32 = 230.0;

/// The page's state: whether the next card shown puts the keyboard on its first action.
#[derive(Debug, Default)]
pub struct Status {
    focus_first_action: bool,
}

impl Status {
    /// A new card's status is coming: its first action takes the keyboard focus when shown.
    pub fn focus_first_action_of_next_card(&mut self) {
        self.focus_first_action = true;
    }
}

/// Draws the page; what it asks of the window comes back as actions.
pub fn ui(state: &mut Status, ctx: &Ctx, ui: &mut egui::Ui) -> Vec<Action> {
    let mut actions = Vec::new();
    if ctx.readers.list.is_empty() {
        no_reader(ctx, ui, &mut actions);
        verify_offer(ctx.lang, ui, &mut actions);
        return actions;
    }
    match ctx.card {
        CardView::Empty => {
            insert_card(ctx.lang, ui);
            pin_help_link(ctx.lang, ui, &mut actions);
        }
        CardView::Reading => reading(ctx.lang, ui),
        CardView::NotCns { atr, detail } => not_cns(ctx.lang, atr, detail, ui),
        CardView::Failed { problem, detail } => read_failed(ctx.lang, *problem, detail, ui, &mut actions),
        CardView::Ready(s) => card(state, ctx, s, ui, &mut actions),
    }
    if !matches!(ctx.card, CardView::Ready(_)) {
        verify_offer(ctx.lang, ui, &mut actions);
    }
    actions
}

fn insert_card(lang: Lang, ui: &mut egui::Ui) {
    ui.add_space(24.0);
    a11y::heading_text(ui, RichText::new(lang.tr(msg::window_insert_card())).heading());
    ui.add_space(8.0);
    ui.label(lang.tr(msg::window_insert_card_how()));
}

fn reading(lang: Lang, ui: &mut egui::Ui) {
    ui.add_space(24.0);
    ui.horizontal_wrapped(|ui| {
        ui.spinner();
        ui.label(RichText::new(lang.tr(msg::window_reading_card())).heading());
    });
    ui.label(lang.tr(msg::window_do_not_remove()));
}

fn not_cns(lang: Lang, atr: &[u8], detail: &str, ui: &mut egui::Ui) {
    ui.add_space(16.0);
    banner(ui, Tone::Bad, &lang.tr(msg::window_not_cns()));
    ui.add_space(8.0);
    ui.label(lang.tr(msg::window_not_cns_advice()));
    technical(ui, lang, |ui| {
        let rec = cns_core::profile::recognize(atr);
        ui.label(format!("ATR: {}", words::hex(atr)));
        ui.label(format!("{}: {}", lang.tr(msg::card_declared_type()), rec.marker));
        ui.label(detail);
    });
}

/// Checking a signed file needs no card: offered under every page of the status screen
/// (no reader, no card, reading, not a CNS, read failed, service down), with the drop hint.
fn verify_offer(lang: Lang, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
    ui.add_space(20.0);
    ui.separator();
    ui.add_space(6.0);
    ui.label(RichText::new(lang.tr(msg::window_verify_offer())).strong());
    ui.label(lang.tr(msg::window_verify_offer_how()));
    ui.add_space(4.0);
    if secondary_button(ui, &lang.tr(msg::docs_title_verify())).clicked() {
        actions.push(Action::Document(DocAction::Open(DocKind::Verify, None)));
    }
}

fn read_failed(lang: Lang, problem: ReadProblem, detail: &str, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
    ui.add_space(16.0);
    let text = lang.tr(match problem {
        ReadProblem::Removed => msg::window_read_removed(),
        ReadProblem::InUse => msg::window_read_in_use(),
        ReadProblem::Unresponsive => msg::transport_card_unresponsive(),
        ReadProblem::ServiceDown => msg::window_read_service_down(),
        ReadProblem::Unreadable => msg::card_unreadable(),
        ReadProblem::Other => msg::window_read_other(),
    });
    banner(ui, Tone::Attention, &text);
    ui.add_space(8.0);
    if primary_button(ui, &lang.tr(msg::window_retry())).clicked() {
        actions.push(Action::Reread);
    }
    technical(ui, lang, |ui| {
        ui.label(detail);
    });
}

/// A card read: who, the facts, the PIN and PUK boxes, what can be done, the technical part.
fn card(state: &mut Status, ctx: &Ctx, s: &CardStatus, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
    let lang = ctx.lang;
    // A card just read puts the keyboard on its first action (no Tab through the top bar and
    // the reader panel), unless the user is already somewhere else.
    let focus_first =
        std::mem::take(&mut state.focus_first_action) && ui.ctx().memory(|m| m.focused().is_none());
    holder(ctx, s, ui);
    egui::Grid::new("card_facts").num_columns(2).spacing([16.0, 8.0]).show(ui, |ui| {
        fiscal_code_row(ui, lang, s);
        ui.label(RichText::new(lang.tr(msg::card_number())).weak());
        ui.add(
            egui::Label::new(match s.id.region() {
                Some(r) => format!("{} – {}", s.id.formatted(), crate::i18n::region_name(lang, &r)),
                None => s.id.formatted(),
            })
            .wrap(),
        );
        ui.end_row();
        expiry_rows(ui, lang, s, ctx.today);
    });
    ui.add_space(12.0);
    state_boxes(ctx, s, ui);
    ui.add_space(14.0);
    card_actions(ctx, s, focus_first, ui, actions);
    card_hints(lang, s, ui, actions);
    ui.add_space(10.0);
    card_technical(ctx, s, ui);
}

/// Who: the holder's name as a heading, or that it could not be read.
fn holder(ctx: &Ctx, s: &CardStatus, ui: &mut egui::Ui) {
    let name = s.personal.as_ref().map(|p| p.full_name()).unwrap_or_default();
    ui.add_space(8.0);
    if name.is_empty() {
        ui.label(
            RichText::new(ctx.lang.tr(msg::card_holder_unreadable())).size(style::headline(ctx.counter)),
        );
    } else {
        a11y::heading_text(ui, RichText::new(name).size(style::headline(ctx.counter)).strong());
    }
    ui.add_space(6.0);
}

/// The two boxes that matter most.
fn state_boxes(ctx: &Ctx, s: &CardStatus, ui: &mut egui::Ui) {
    let (pin_tone, pin_head, pin_detail) = words::pin_state(ctx.lang, s.pin, s.puk);
    let (puk_tone, puk_head, puk_detail) = words::puk_state(ctx.lang, s.puk);
    // Side by side while each keeps room for its words, else one above the other.
    layout::pair(
        ui,
        STATE_BOX_MIN_WIDTH * style::text_scale(ctx.counter),
        |ui, w| state_box(ui, w, pin_tone, &pin_head, &pin_detail),
        |ui, w| state_box(ui, w, puk_tone, &puk_head, &puk_detail),
    );
}

/// What can be done now, the most needed first (it takes the focus of a card just read).
fn card_actions(ctx: &Ctx, s: &CardStatus, focus_first: bool, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
    let lang = ctx.lang;
    let pin_blocked = s.pin == PinState::Blocked;
    let puk_blocked = s.puk == PinState::Blocked;
    let last_try = s.pin.is_last_try();
    let cert_ok = s.certificate.is_ok();
    ui.horizontal_wrapped(|ui| {
        let mut focus_first = focus_first;
        if pin_blocked && puk_blocked {
            let help = primary_button(ui, &lang.tr(msg::new_card_title()));
            if take_first_focus(&help, &mut focus_first).clicked() {
                actions.push(Action::ShowNewCardHelp);
            }
        } else if pin_blocked || last_try {
            let unblock = primary_button(ui, &lang.tr(msg::window_unblock_with_puk()));
            if take_first_focus(&unblock, &mut focus_first).clicked() {
                actions.push(Action::StartWizard(Operation::UnblockPin));
            }
        }
        pin_buttons(lang, pin_blocked, last_try, &mut focus_first, ui, actions);
        if cert_ok && secondary_button(ui, &lang.tr(msg::card_certificate())).clicked() {
            actions.push(Action::ShowCertificate);
        }
        if cert_ok && !pin_blocked && secondary_button(ui, &lang.tr(msg::docs_title_sign())).clicked() {
            actions.push(Action::Document(DocAction::Open(DocKind::Sign, None)));
        }
        if secondary_button(ui, &lang.tr(msg::docs_title_verify())).clicked() {
            actions.push(Action::Document(DocAction::Open(DocKind::Verify, None)));
        }
        // Setting up this PC's browsers is the citizen's business, not the counter's; and a
        // blocked PIN logs in nowhere.
        if cert_ok
            && !ctx.counter
            && !pin_blocked
            && secondary_button(ui, &lang.tr(msg::browser_page_title()))
                .on_hover_text(lang.tr(msg::window_use_in_browser_hint()))
                .clicked()
        {
            actions.push(Action::ShowBrowser);
        }
        // The region's services are the citizen's business too; a blocked PIN logs in nowhere.
        if cert_ok
            && !ctx.counter
            && !pin_blocked
            && secondary_button(ui, &lang.tr(msg::services_title())).clicked()
        {
            actions.push(Action::ShowServices);
        }
    });
}

/// "Non hai il PIN o il PUK?": where the region gives them (a card read, a blocked PIN, no card).
fn pin_help_link(lang: Lang, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
    ui.add_space(6.0);
    if ui.link(lang.tr(msg::guidance_title())).clicked() {
        actions.push(Action::ShowPinHelp);
    }
}

/// "Cambia PIN" and "Verifica PIN": disabled, with the reason, while the PIN is blocked; on the
/// last try the change is no longer the suggested action (unblocking is).
fn pin_buttons(
    lang: Lang,
    pin_blocked: bool,
    last_try: bool,
    focus_first: &mut bool,
    ui: &mut egui::Ui,
    actions: &mut Vec<Action>,
) {
    let change = lang.tr(msg::window_change_pin());
    let verify = lang.tr(msg::window_verify_pin());
    let (change, verify) = (change.as_str(), verify.as_str());
    if pin_blocked {
        let why = lang.tr(msg::pin_blocked_unblock_first());
        let why = why.as_str();
        ui.add_enabled(false, egui::Button::new(change).min_size(egui::vec2(0.0, 36.0)))
            .on_disabled_hover_text(why);
        ui.add_enabled(false, egui::Button::new(verify).min_size(egui::vec2(0.0, 36.0)))
            .on_disabled_hover_text(why);
        return;
    }
    let change_clicked = if last_try {
        secondary_button(ui, change).clicked()
    } else {
        take_first_focus(&primary_button(ui, change), focus_first).clicked()
    };
    if change_clicked {
        actions.push(Action::StartWizard(Operation::ChangePin));
    }
    if secondary_button(ui, verify).clicked() {
        actions.push(Action::StartWizard(Operation::VerifyPin));
    }
}

/// The lines under the buttons: dropping a file, and what a blocked PIN or PUK leaves.
fn card_hints(lang: Lang, s: &CardStatus, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
    let pin_blocked = s.pin == PinState::Blocked;
    let puk_blocked = s.puk == PinState::Blocked;
    ui.label(RichText::new(lang.tr(msg::window_drop_hint())).weak());
    if pin_blocked && !puk_blocked {
        ui.label(RichText::new(lang.tr(msg::pin_blocked_unblock_first())).weak());
    }
    if !puk_blocked {
        pin_help_link(lang, ui, actions);
    }
    if puk_blocked {
        ui.add_space(6.0);
        banner(ui, Tone::Bad, &lang.tr(msg::puk_blocked_replace()));
        if !pin_blocked && secondary_button(ui, &lang.tr(msg::new_card_title())).clicked() {
            actions.push(Action::ShowNewCardHelp);
        }
    }
}

fn card_technical(ctx: &Ctx, s: &CardStatus, ui: &mut egui::Ui) {
    let lang = ctx.lang;
    let reader = ctx.readers.selected.clone().unwrap_or_default();
    technical(ui, lang, |ui| {
        ui.label(format!("{}: {}", lang.tr(msg::card_reader()), crate::backend::reader_name(&reader, lang)));
        ui.label(format!("ATR: {}", words::hex(&s.atr)));
        ui.label(format!(
            "{}: {} ({})",
            lang.tr(msg::card_profile()),
            s.recognition.profile.name,
            s.recognition.marker
        ));
        if let cns_core::card::Location::Applet(applet) = s.location {
            ui.label(format!("Applet: {} ({})", applet.name, words::hex(applet.aid)));
        }
        ui.label(lang.tr(if s.counters_queried { msg::counters_read() } else { msg::counters_not_asked() }));
        if let Some(p) = &s.processor {
            ui.label(format!("{}: {}", lang.tr(msg::card_chip_maker()), p.chip_manufacturer.as_str()));
        }
    });
}

/// No reader (or no service): how to get one, Retry, and the demo for a first look.
fn no_reader(ctx: &Ctx, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
    let lang = ctx.lang;
    ui.add_space(16.0);
    let service_down = ctx.service == Service::Down;
    let (title, steps) = fixes::no_reader_guidance(service_down, fixes::Os::current(), lang);
    if service_down {
        banner(ui, Tone::Attention, &title);
        ui.add_space(8.0);
        for line in steps {
            // Commands in monospace, so they read as something to type.
            if line.starts_with("sudo ") {
                ui.label(RichText::new(line).monospace())
            } else {
                ui.label(line)
            };
        }
    } else {
        a11y::heading(ui, &title);
        ui.add_space(8.0);
        for (i, line) in steps.iter().enumerate() {
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(format!("{}.", i + 1)).strong());
                ui.label(line);
            });
        }
    }
    ui.add_space(8.0);
    ui.label(RichText::new(lang.tr(msg::window_reader_appears())).weak());
    ui.add_space(12.0);
    ui.horizontal_wrapped(|ui| {
        if secondary_button(ui, &lang.tr(msg::window_retry())).clicked() {
            actions.push(Action::RetryReaders);
        }
        if !ctx.is_demo() && primary_button(ui, &lang.tr(msg::window_try_demo())).clicked() {
            actions.push(Action::SwitchToDemo);
        }
    });
}

/// Gives `button` the focus if the first action is still to be focused (see `card`).
fn take_first_focus<'a>(button: &'a egui::Response, pending: &mut bool) -> &'a egui::Response {
    if std::mem::take(pending) {
        button.request_focus();
    }
    button
}
fn fiscal_code_row(ui: &mut egui::Ui, lang: Lang, s: &CardStatus) {
    ui.label(RichText::new(lang.tr(msg::card_fiscal_code())).weak());
    let shown = match &s.fiscal_code {
        Some(Ok(cf)) => cf.as_str().to_owned(),
        // Not valid: shown as the card holds it.
        Some(Err(_)) => s.personal.as_ref().map(|p| p.fiscal_code.clone()).unwrap_or_default(),
        None => String::new(),
    };
    match card_words::fiscal_code_note(lang, s) {
        Some((tone, note)) => {
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(shown).monospace());
                let note = ui.label(RichText::new(format!("{} {note}", tone.icon())).color(tone.color()));
                if let Some(Err(e)) = &s.fiscal_code {
                    note.on_hover_text(&e.0);
                }
            });
        }
        None => {
            ui.label(RichText::new(lang.tr(msg::card_value_unreadable())).weak());
        }
    }
    ui.end_row();
}

fn expiry_rows(ui: &mut egui::Ui, lang: Lang, s: &CardStatus, today: time::Date) {
    let card_expiry = s.card_expiry();
    ui.label(RichText::new(lang.tr(msg::card_expiry())).weak());
    match card_expiry {
        Some(d) => {
            let (tone, note) = card_words::card_expiry_note(lang, d, today);
            tone_value(ui, &words::date(d), tone, &note);
        }
        None => {
            ui.label(RichText::new(lang.tr(msg::card_expiry_not_stated())).weak());
        }
    }
    ui.end_row();

    ui.label(RichText::new(lang.tr(msg::card_certificate())).weak());
    match &s.certificate {
        Ok(c) => {
            let (tone, note) = card_words::certificate_note(lang, c.not_after, card_expiry, today);
            tone_value(ui, &words::date(italian_date(c.not_after)), tone, &note);
        }
        Err(_) => {
            ui.label(RichText::new(lang.tr(msg::card_value_unreadable())).weak());
        }
    }
    ui.end_row();
}

fn tone_value(ui: &mut egui::Ui, value: &str, tone: Tone, note: &str) {
    ui.horizontal_wrapped(|ui| {
        ui.label(value);
        ui.label(RichText::new(format!("{} {note}", tone.icon())).color(tone.color()));
    });
}

fn state_box(ui: &mut egui::Ui, width: f32, tone: Tone, head: &str, detail: &str) {
    const MARGIN: i8 = 12;
    egui::Frame::new()
        .fill(tone.fill())
        .stroke(egui::Stroke::new(1.5, tone.color()))
        .corner_radius(8.0)
        .inner_margin(egui::Margin::same(MARGIN))
        .show(ui, |ui| {
            // Fixed: both boxes the same size, whatever their text.
            let inner = width - 2.0 * f32::from(MARGIN) - 3.0;
            ui.set_width(inner);
            ui.set_min_height(64.0);
            ui.vertical(|ui| {
                let size = egui::TextStyle::Body.resolve(ui.style()).size + 2.0;
                ui.label(
                    RichText::new(format!("{} {head}", tone.icon())).color(tone.color()).strong().size(size),
                );
                if !detail.is_empty() {
                    ui.label(RichText::new(detail).color(tone.color()));
                }
            });
        });
}
