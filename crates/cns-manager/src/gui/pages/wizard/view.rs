//! The PIN wizards: one question per step, "Passo n di m", the last-try confirmation, the
//! spinner while the card works, and a result that says what to do next.
//!
//! Every button here acts on a deliberate mouse click only: not the second click of a double
//! click, nor a click on a page that appeared less than `SETTLE_SECS` ago (see [`pressed`]).

use cns_core::flow::{Operation, Outcome};
use cns_core::pin::PinKind;
use egui::RichText;

use super::state::{Phase, StepProblem, Wizard};
use crate::gui::a11y;
use crate::gui::page::{Action, Ctx};
use crate::gui::widgets::pin_entry::{PinEntryResponse, describe_pin_field, pin_entry_with_id};
use crate::gui::widgets::{banner, live_banner, primary_button, secondary_button};
use crate::gui::words::{self, Tone};
use crate::i18n::{Lang, msg};

/// What the wizard's buttons asked this frame, applied once the page is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Asked {
    /// "Avanti", or the operation itself on the last step.
    Next,
    /// "Indietro" / "Annulla" while typing.
    Back,
    /// "Continua comunque" after the short-PUK warning.
    AcceptShortPuk,
    /// "Sì, usa l'ultimo tentativo".
    ConfirmLastTry,
    /// "Riprova": the whole form again.
    Retry,
    /// "Sblocca con il PUK": this wizard closes, the unblock one opens.
    Unblock,
    /// "Non hai il PIN o il PUK?": this wizard closes, the guidance opens.
    PinHelp,
    /// "Usa la tessera" after a success: this wizard closes, the services open.
    Services,
    Close,
}

/// Draws the wizard and applies what its buttons asked; a command for the card, and closing
/// or opening a wizard, come back as actions.
pub(crate) fn ui(w: &mut Wizard, ctx: &Ctx, ui: &mut egui::Ui) -> Vec<Action> {
    let lang = ctx.lang;
    let mut asked = Vec::new();
    // (no repaint needed for it to pass: a click brings its own frame, with its own time)
    let settled = w.settled(ui.input(|i| i.time));
    ui.add_space(8.0);
    a11y::heading_text(
        ui,
        RichText::new(words::op_title(lang, w.op)).size(crate::gui::style::headline(ctx.counter)).strong(),
    );
    ui.add_space(4.0);
    // Each step and phase under its own id: its widgets are new AccessKit nodes, so moving
    // the focus there is a focus event a screen reader speaks, not a silent rename of the
    // node that sat at the same place on the screen before.
    ui.push_id(step_id(w), |ui| match w.phase {
        Phase::Entering => entry_step(ui, lang, w, settled, &mut asked),
        Phase::ConfirmLastTry => confirm_step(ui, lang, w, settled, &mut asked),
        Phase::Busy => busy_step(ui, lang),
        Phase::Done(o) => result_step(ui, lang, w, o, !ctx.counter, settled, &mut asked),
        Phase::CardLeft => card_left_step(ui, lang, w, settled, &mut asked),
    });
    asked.into_iter().flat_map(|a| apply(w, a)).collect()
}

/// One press, to the wizard's own state; what only the app can do comes back.
fn apply(w: &mut Wizard, asked: Asked) -> Vec<Action> {
    let command = match asked {
        Asked::Next => w.next(),
        Asked::AcceptShortPuk => w.accept_short_puk(),
        Asked::ConfirmLastTry => w.confirm_last_try(),
        Asked::Retry => {
            w.retry();
            None
        }
        Asked::Back if w.back() => None,
        Asked::Back | Asked::Close => return vec![Action::CloseScreen],
        Asked::Unblock => return vec![Action::CloseScreen, Action::StartWizard(Operation::UnblockPin)],
        Asked::PinHelp => return vec![Action::CloseScreen, Action::ShowPinHelp],
        Asked::Services => return vec![Action::CloseScreen, Action::ShowServices],
    };
    command.map(Action::PinCommand).into_iter().collect()
}

/// The card is working: a spinner, and not to remove the card.
fn busy_step(ui: &mut egui::Ui, lang: Lang) {
    ui.add_space(24.0);
    let working = ui
        .horizontal_wrapped(|ui| {
            ui.spinner();
            ui.label(RichText::new(lang.tr(msg::wizard_card_working())).heading())
        })
        .inner;
    a11y::mark_live(&working, Tone::Neutral);
    ui.add_space(8.0);
    live_banner(ui, Tone::Attention, &lang.tr(msg::wizard_do_not_remove()));
}

/// The id the widgets of the wizard's current step and phase live under.
fn step_id(w: &Wizard) -> (&'static str, u8, usize, u8) {
    let phase = match w.phase {
        Phase::Entering => 0,
        Phase::ConfirmLastTry => 1,
        Phase::Busy => 2,
        Phase::Done(_) => 3,
        Phase::CardLeft => 4,
    };
    ("wizard", w.op as u8, w.step, phase)
}

/// A step that asks for a PIN or PUK: what to type, the field, what is wrong, the buttons.
fn entry_step(ui: &mut egui::Ui, lang: Lang, w: &mut Wizard, settled: bool, asked: &mut Vec<Asked>) {
    // What the field's description says, in reading order: the warning, the step, its guidance,
    // then what is wrong.
    let mut about: Vec<String> = Vec::new();
    let step_words = step_counter(ui, lang, w);
    ui.add_space(10.0);
    if w.step == 0 {
        // The field that can use a try says how many are left.
        tries_left(ui, lang, w, &mut about);
    }
    let (label, guidance) = words::step_text(lang, w.op, w.step);
    let label = label.as_str();
    about.extend(step_words);
    about.push(guidance.to_owned());
    ui.label(guidance);
    ui.add_space(8.0);
    ui.label(RichText::new(label).strong());
    let entry = pin_field(ui, lang, w, label);
    field_hints(ui, lang, w, &mut about);
    if w.step_kind(w.step) == PinKind::Puk && pressed(&ui.link(lang.tr(msg::guidance_title())), settled) {
        asked.push(Asked::PinHelp);
    }
    let step = w.step;
    let typed = w.buffer_mut(step).len();
    let invalid = w.buffer_mut(step).refused().is_some() || w.problem.is_some();
    describe_pin_field(&entry.response, lang, typed, &about, invalid);
    ui.add_space(14.0);
    let stray = entry_buttons(ui, lang, w, &entry, settled, asked);
    let unsettled_click = !settled && ui.input(|i| i.pointer.any_pressed() || i.pointer.any_released());
    if stray || (unsettled_click && !entry.response.has_focus()) {
        // The click was meant for the page before: the focus stays where the user types.
        entry.response.request_focus();
    }
    ui.add_space(6.0);
    ui.label(RichText::new(lang.tr(msg::wizard_keys_hint())).small().weak());
}

/// "Passo n di m", shown and returned for the field's description (a one-question wizard has
/// no step counter).
fn step_counter(ui: &mut egui::Ui, lang: Lang, w: &Wizard) -> Option<String> {
    let steps = w.steps();
    let step_words =
        (steps > 1).then(|| lang.tr(msg::WizardStepOf { step: (w.step + 1).into(), steps: steps.into() }));
    if let Some(words) = &step_words {
        ui.label(RichText::new(words.as_str()).weak());
    }
    step_words
}

/// The tries left of the secret the first field spends: a warning on the last one or when
/// unknown, a plain line otherwise.
fn tries_left(ui: &mut egui::Ui, lang: Lang, w: &Wizard, about: &mut Vec<String>) {
    let kind = w.step_kind(w.step);
    match w.relevant_state() {
        s if s.is_last_try() => {
            let text = words::one_try_left(lang, kind);
            banner(ui, Tone::Attention, &text);
            ui.add_space(8.0);
            about.push(text);
        }
        cns_core::PinState::TriesLeft { tries_left } if tries_left > 1 => {
            let text = words::tries_left(lang, kind, tries_left);
            ui.label(text.as_str());
            ui.add_space(4.0);
            about.push(text);
        }
        cns_core::PinState::Unknown => {
            let text = words::unknown_tries_warning(lang, w.op);
            banner(ui, Tone::Attention, &text);
            ui.add_space(8.0);
            about.push(text);
        }
        _ => {}
    }
}

/// The step's field with "Mostra le cifre"; it takes the focus when the step is new.
fn pin_field(ui: &mut egui::Ui, lang: Lang, w: &mut Wizard, label: &str) -> PinEntryResponse {
    let step = w.step;
    let show = w.show;
    let focus = std::mem::take(&mut w.focus_pending);
    // A fixed id under the step's own scope: the focus stays in the field whatever line appears
    // around it.
    let id = ui.scope_id().with("pin");
    let entry = ui.horizontal_wrapped(|ui| {
        let e = pin_entry_with_id(ui, id, w.buffer_mut(step), label, show);
        ui.checkbox(&mut w.show, lang.tr(msg::sign_show_digits()));
        e
    });
    let entry = entry.inner;
    if focus {
        entry.response.request_focus();
    }
    if entry.response.changed() {
        w.field_changed();
    }
    entry
}

/// Under the field: why the value cannot go on, else what the field refused and a weak new PIN.
fn field_hints(ui: &mut egui::Ui, lang: Lang, w: &mut Wizard, about: &mut Vec<String>) {
    let step = w.step;
    let kind = w.step_kind(step);
    let refused = w.buffer_mut(step).refused();
    if let Some(p) = w.problem {
        let text = super::words::step_problem(lang, kind, p);
        hint(ui, Tone::Bad, &text);
        about.push(text);
        return;
    }
    if let Some(r) = refused {
        let text = words::typed_refusal(lang, kind, r);
        hint(ui, Tone::Attention, &text);
        about.push(text);
    }
    if step == 1
        && let Some(weak) = w.weakness()
    {
        hint(ui, Tone::Attention, &words::weakness(lang, weak));
        about.push(words::weakness(lang, weak));
    }
}

/// "Annulla"/"Indietro", "Avanti" (or the operation on the last step) and, after a short PUK,
/// "Continua comunque". True when a click was meant for the page before.
fn entry_buttons(
    ui: &mut egui::Ui,
    lang: Lang,
    w: &Wizard,
    entry: &PinEntryResponse,
    settled: bool,
    asked: &mut Vec<Asked>,
) -> bool {
    let step = w.step;
    let short_puk = matches!(w.problem, Some(StepProblem::PukLength { .. }));
    ui.horizontal_wrapped(|ui| {
        let back = if step == 0 { msg::docs_cancel() } else { msg::wizard_back() };
        let back = secondary_button(ui, &lang.tr(back));
        if pressed(&back, settled) {
            asked.push(Asked::Back);
        }
        let next = if step + 1 == w.steps() { confirm_label(w.op) } else { msg::wizard_next() };
        let next = primary_button(ui, &lang.tr(next));
        if pressed(&next, settled) || entry.submitted {
            asked.push(Asked::Next);
        }
        // Only a click vouches for a short PUK: Enter in the field asks again.
        if short_puk && pressed(&secondary_button(ui, &words::send_short_puk(lang)), settled) {
            asked.push(Asked::AcceptShortPuk);
        }
        [back, next].iter().any(|r| r.clicked() && !pressed(r, settled))
    })
    .inner
}

fn confirm_label(op: Operation) -> crate::i18n::Message {
    match op {
        Operation::ChangePin => msg::pin_op_title_change(),
        Operation::UnblockPin => msg::wizard_confirm_unblock(),
        Operation::VerifyPin => msg::wizard_confirm_verify(),
    }
}

fn confirm_step(ui: &mut egui::Ui, lang: Lang, w: &mut Wizard, settled: bool, asked: &mut Vec<Asked>) {
    ui.add_space(10.0);
    let kind = w.op.consumes();
    let secret = if kind == PinKind::Puk { "PUK" } else { "PIN" };
    let warning = lang.tr(msg::wizard_last_try_warning(secret));
    banner(ui, Tone::Attention, &warning);
    ui.add_space(8.0);
    let question = format!("{} {}", words::last_try(lang, kind), lang.tr(msg::wizard_continue_question()));
    ui.label(question.as_str());
    ui.add_space(14.0);
    ui.horizontal_wrapped(|ui| {
        let cancel = secondary_button(ui, &lang.tr(msg::docs_cancel()));
        // The safe answer has the focus: Enter on this screen does not spend the last try. The
        // warning is what a screen reader says there, after "Annulla".
        a11y::describe(ui.ctx(), cancel.id, &a11y::sentences(&[warning.as_str(), question.as_str()]));
        if std::mem::take(&mut w.focus_pending) {
            cancel.request_focus();
        }
        if pressed(&cancel, settled) {
            asked.push(Asked::Close);
        }
        let yes = secondary_button(ui, &lang.tr(msg::wizard_use_last_try()));
        if pressed(&yes, settled) {
            asked.push(Asked::ConfirmLastTry);
        }
    });
}

/// The card's answer in words, what to do next, and the buttons that lead there.
fn result_step(
    ui: &mut egui::Ui,
    lang: Lang,
    w: &mut Wizard,
    o: Outcome,
    offer_services: bool,
    settled: bool,
    asked: &mut Vec<Asked>,
) {
    ui.add_space(10.0);
    let (tone, head, next) = words::outcome(lang, w.op, o, w.card_removed);
    live_banner(ui, tone, &head);
    ui.add_space(8.0);
    ui.label(next.as_str());
    if o == (Outcome::Blocked { kind: PinKind::Puk }) {
        ui.add_space(8.0);
        crate::gui::pages::new_card::new_card_text(ui, lang);
    }
    ui.add_space(14.0);
    let focus = std::mem::take(&mut w.focus_pending);
    let unblock_offered = !w.puk_state().is_blocked();
    ui.horizontal_wrapped(|ui| {
        let first = result_buttons(ui, lang, o, unblock_offered, settled, asked);
        // Done: the card can now be used where the region accepts it.
        if o == Outcome::Success
            && offer_services
            && pressed(&secondary_button(ui, &lang.tr(msg::services_title())), settled)
        {
            asked.push(Asked::Services);
        }
        // No PUK to unblock with: where to get it.
        if o == (Outcome::Blocked { kind: PinKind::Pin })
            && pressed(&secondary_button(ui, &lang.tr(msg::guidance_title())), settled)
        {
            asked.push(Asked::PinHelp);
        }
        // Where the focus lands says the result too, for screen readers that do not follow
        // live regions.
        a11y::describe(ui.ctx(), first.id, &a11y::sentences(&[head.as_str(), next.as_str()]));
        if focus {
            first.request_focus();
        }
    });
}

/// The result's buttons; returns the one that takes the focus.
fn result_buttons(
    ui: &mut egui::Ui,
    lang: Lang,
    o: Outcome,
    unblock_offered: bool,
    settled: bool,
    asked: &mut Vec<Asked>,
) -> egui::Response {
    match o {
        // One PIN try left: unsure users should not spend it. The unblock is offered
        // first and has the focus, so a reflex Enter does not lead to the last try.
        Outcome::Wrong { kind: PinKind::Pin, tries_left: Some(1) } if unblock_offered => {
            let unblock = unblock_button(ui, lang, settled, asked);
            if pressed(&secondary_button(ui, &lang.tr(msg::wizard_try_again())), settled) {
                asked.push(Asked::Retry);
            }
            if pressed(&secondary_button(ui, &lang.tr(msg::docs_cancel())), settled) {
                asked.push(Asked::Close);
            }
            unblock
        }
        Outcome::Wrong { tries_left, .. } => {
            let retry = if tries_left == Some(1) {
                secondary_button(ui, &lang.tr(msg::wizard_try_again()))
            } else {
                primary_button(ui, &lang.tr(msg::wizard_try_again()))
            };
            if pressed(&retry, settled) {
                asked.push(Asked::Retry);
            }
            let cancel = secondary_button(ui, &lang.tr(msg::docs_cancel()));
            if pressed(&cancel, settled) {
                asked.push(Asked::Close);
            }
            // On the last try, the safe answer has the focus.
            if tries_left == Some(1) { cancel } else { retry }
        }
        Outcome::Blocked { kind: PinKind::Pin } => {
            let unblock = unblock_button(ui, lang, settled, asked);
            if pressed(&secondary_button(ui, &lang.tr(msg::wizard_not_now())), settled) {
                asked.push(Asked::Close);
            }
            unblock
        }
        _ => done_button(ui, lang, settled, asked),
    }
}

/// "Sblocca con il PUK": this wizard closes and the unblock one opens.
fn unblock_button(ui: &mut egui::Ui, lang: Lang, settled: bool, asked: &mut Vec<Asked>) -> egui::Response {
    let unblock = primary_button(ui, &lang.tr(msg::window_unblock_with_puk()));
    if pressed(&unblock, settled) {
        asked.push(Asked::Unblock);
    }
    unblock
}

/// The card left before anything was sent: nothing changed, and the page says so.
fn card_left_step(ui: &mut egui::Ui, lang: Lang, w: &mut Wizard, settled: bool, asked: &mut Vec<Asked>) {
    ui.add_space(10.0);
    let (head, next) = words::card_left(lang, w.op);
    live_banner(ui, Tone::Attention, &head);
    ui.add_space(8.0);
    ui.label(&next);
    ui.add_space(14.0);
    let done = done_button(ui, lang, settled, asked);
    a11y::describe(ui.ctx(), done.id, &a11y::sentences(&[head, next]));
    if std::mem::take(&mut w.focus_pending) {
        done.request_focus();
    }
}

fn done_button(ui: &mut egui::Ui, lang: Lang, settled: bool, asked: &mut Vec<Asked>) -> egui::Response {
    let done = primary_button(ui, &lang.tr(msg::wizard_done()));
    if pressed(&done, settled) {
        asked.push(Asked::Close);
    }
    done
}

/// A click that means it. A mouse click counts once the page has settled and when it is not
/// the second (or third) click of a multiple click: those were aimed at the page before. Enter,
/// Space and a screen reader's click act at once: they land where the focus is, not where a
/// button used to be.
fn pressed(r: &egui::Response, settled: bool) -> bool {
    if !r.clicked() {
        return false;
    }
    !r.clicked_by(egui::PointerButton::Primary) || (settled && !r.double_clicked() && !r.triple_clicked())
}

/// A line under the field: a live region, so that what is wrong is said as it appears, while the
/// focus stays in the field.
fn hint(ui: &mut egui::Ui, tone: Tone, text: &str) {
    let line = ui.label(RichText::new(format!("{} {text}", tone.icon())).color(tone.color()));
    a11y::mark_live(&line, tone);
}

#[cfg(test)]
mod tests {
    use cns_core::{PinState, StatusWord};

    use super::*;

    #[test]
    fn the_wizard_keeps_its_steps_and_asks_the_app_only_for_the_card_and_the_screen() {
        let tries = PinState::TriesLeft { tries_left: 3 };
        let mut w = Wizard::new(Operation::VerifyPin, 0x10, tries, tries, None);
        // Back on the first step has nothing to go back to: the wizard closes
        assert!(matches!(apply(&mut w, Asked::Back)[..], [Action::CloseScreen]));
        w.buffer_mut(0).type_text("12345");
        w.field_changed();
        assert!(matches!(apply(&mut w, Asked::Next)[..], [Action::PinCommand(_)]));
        assert!(apply(&mut w, Asked::Next).is_empty(), "one press, one command");
        assert!(apply(&mut w, Asked::Back).is_empty(), "nothing to do while the card works");
        w.answered(Ok(StatusWord::WrongPin { tries_left: 2 }));
        // "Riprova" is the page's own business
        assert!(apply(&mut w, Asked::Retry).is_empty());
        assert_eq!((w.phase, w.step), (Phase::Entering, 0));
        assert!(matches!(
            apply(&mut w, Asked::Unblock)[..],
            [Action::CloseScreen, Action::StartWizard(Operation::UnblockPin)]
        ));
    }
}
