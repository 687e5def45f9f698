//! The PIN wizards: one question per step, "Passo n di m", the last-try confirmation, the
//! spinner while the card works, and a result that says what to do next.
//!
//! Every button here acts on a deliberate mouse click only: not the second click of a double
//! click, nor a click on a page that appeared less than `SETTLE_SECS` ago (see [`pressed`]).

use cns_core::flow::{Operation, Outcome};
use cns_core::pin::PinKind;
use egui::RichText;

use super::super::app::{Action, CnsApp};
use super::super::state::Screen;
use super::super::widgets::pin_entry::pin_entry_with_id;
use super::super::wizard::{Phase, StepProblem, Wizard};
use super::super::words::{self, Tone};
use super::{banner, primary_button, secondary_button};
use crate::i18n::Lang;

impl CnsApp {
    pub(crate) fn wizard_view(&mut self, ui: &mut egui::Ui) {
        let lang = self.lang;
        let counter = self.counter;
        let Screen::Wizard(w) = &mut self.screen else {
            return;
        };
        let mut actions = Vec::new();
        // (no repaint needed for it to pass: a click brings its own frame, with its own time)
        let settled = w.settled(ui.input(|i| i.time));
        ui.add_space(8.0);
        ui.label(
            RichText::new(words::op_title(lang, w.op)).size(super::super::style::headline(counter)).strong(),
        );
        ui.add_space(4.0);
        match w.phase {
            Phase::Entering => entry_step(ui, lang, w, settled, &mut actions),
            Phase::ConfirmLastTry => confirm_step(ui, lang, w, settled, &mut actions),
            Phase::Busy => {
                ui.add_space(24.0);
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label(
                        RichText::new(lang.t("La tessera sta lavorando…", "The card is working…")).heading(),
                    );
                });
                ui.add_space(8.0);
                banner(ui, Tone::Attention, lang.t("Non rimuovere la tessera", "Do not remove the card"));
            }
            Phase::Done(o) => result_step(ui, lang, w, o, settled, &mut actions),
            Phase::CardLeft => card_left_step(ui, lang, w, settled, &mut actions),
        }
        self.actions.extend(actions);
    }
}

fn entry_step(ui: &mut egui::Ui, lang: Lang, w: &mut Wizard, settled: bool, actions: &mut Vec<Action>) {
    let steps = w.steps();
    if steps > 1 {
        ui.label(
            RichText::new(
                lang.s(format!("Passo {} di {steps}", w.step + 1), format!("Step {} of {steps}", w.step + 1)),
            )
            .weak(),
        );
    }
    ui.add_space(10.0);
    let step = w.step;
    let kind = w.step_kind(step);
    if step == 0 {
        // The field that can use a try says how many are left.
        match w.relevant_state() {
            s if s.is_last_try() => {
                banner(ui, Tone::Attention, &words::one_try_left(lang, kind));
                ui.add_space(8.0);
            }
            cns_core::PinState::TriesLeft { tries_left } if tries_left > 1 => {
                ui.label(words::tries_left(lang, kind, tries_left));
                ui.add_space(4.0);
            }
            _ => {}
        }
    }
    let (label, guidance) = words::step_text(lang, w.op, w.step);
    ui.label(guidance);
    ui.add_space(8.0);
    ui.label(RichText::new(label).strong());
    let show = w.show;
    let focus = std::mem::take(&mut w.focus_pending);
    let entry = ui.horizontal(|ui| {
        // One id per step: the focus stays in the field whatever line appears above it.
        let id = egui::Id::unique(("cns-wizard-pin", step));
        let e = pin_entry_with_id(ui, id, w.buffer_mut(step), label, show);
        ui.checkbox(&mut w.show, lang.t("Mostra le cifre", "Show digits"));
        e
    });
    let entry = entry.inner;
    if focus {
        entry.response.request_focus();
    }
    if entry.response.changed() {
        w.field_changed();
    }
    if let Some(p) = w.problem {
        hint(ui, Tone::Bad, &words::step_problem(lang, kind, p));
    } else {
        if let Some(r) = w.buffer_mut(step).refused() {
            hint(ui, Tone::Attention, &words::typed_refusal(lang, kind, r));
        }
        if step == 1
            && let Some(weak) = w.weakness()
        {
            hint(ui, Tone::Attention, words::weakness(lang, weak));
        }
    }
    let short_puk = matches!(w.problem, Some(StepProblem::PukLength { .. }));
    ui.add_space(14.0);
    let stray = ui
        .horizontal(|ui| {
            let back = if step == 0 { lang.t("Annulla", "Cancel") } else { lang.t("Indietro", "Back") };
            let back = secondary_button(ui, back);
            if pressed(&back, settled) {
                actions.push(Action::WizardBack);
            }
            let next =
                if step + 1 == w.steps() { confirm_label(lang, w.op) } else { lang.t("Avanti", "Next") };
            let next = primary_button(ui, next);
            if pressed(&next, settled) || entry.submitted {
                actions.push(Action::WizardNext);
            }
            // Only a click vouches for a short PUK: Enter in the field asks again.
            if short_puk && pressed(&secondary_button(ui, words::send_short_puk(lang)), settled) {
                actions.push(Action::WizardAcceptShortPuk);
            }
            [back, next].iter().any(|r| r.clicked() && !pressed(r, settled))
        })
        .inner;
    if stray {
        // The click was meant for the page before: the focus stays where the user types.
        entry.response.request_focus();
    }
    ui.add_space(6.0);
    ui.label(
        RichText::new(
            lang.t("Invio per continuare, Esc per tornare indietro.", "Enter to continue, Esc to go back."),
        )
        .small()
        .weak(),
    );
}

fn confirm_label(lang: Lang, op: Operation) -> &'static str {
    match op {
        Operation::ChangePin => lang.t("Cambia il PIN", "Change the PIN"),
        Operation::UnblockPin => lang.t("Sblocca", "Unblock"),
        Operation::VerifyPin => lang.t("Verifica", "Check"),
    }
}

fn confirm_step(ui: &mut egui::Ui, lang: Lang, w: &mut Wizard, settled: bool, actions: &mut Vec<Action>) {
    ui.add_space(10.0);
    let kind = w.op.consumes();
    banner(
        ui,
        Tone::Attention,
        match kind {
            PinKind::Puk => lang.t("È l'ultimo tentativo per il PUK.", "This is the last PUK try."),
            PinKind::Pin => lang.t("È l'ultimo tentativo.", "This is the last try."),
        },
    );
    ui.add_space(8.0);
    ui.label(format!("{} {}", words::last_try(lang, kind), lang.t("Continuo?", "Continue?")));
    ui.add_space(14.0);
    ui.horizontal(|ui| {
        let cancel = secondary_button(ui, lang.t("Annulla", "Cancel"));
        // The safe answer has the focus: Enter on this screen does not spend the last try.
        if std::mem::take(&mut w.focus_pending) {
            cancel.request_focus();
        }
        if pressed(&cancel, settled) {
            actions.push(Action::CloseScreen);
        }
        let yes = secondary_button(ui, lang.t("Sì, usa l'ultimo tentativo", "Yes, use the last try"));
        if pressed(&yes, settled) {
            actions.push(Action::WizardConfirm);
        }
    });
}

fn result_step(
    ui: &mut egui::Ui,
    lang: Lang,
    w: &mut Wizard,
    o: Outcome,
    settled: bool,
    actions: &mut Vec<Action>,
) {
    ui.add_space(10.0);
    let (tone, head, next) = words::outcome(lang, w.op, o, w.card_removed);
    banner(ui, tone, &head);
    ui.add_space(8.0);
    ui.label(next);
    if o == (Outcome::Blocked { kind: PinKind::Puk }) {
        ui.add_space(8.0);
        super::help::new_card_text(ui, lang);
    }
    ui.add_space(14.0);
    let focus = std::mem::take(&mut w.focus_pending);
    let unblock_offered = !w.puk_state().is_blocked();
    ui.horizontal(|ui| {
        let first = match o {
            // One PIN try left: unsure users should not spend it. The unblock is offered
            // first and has the focus, so a reflex Enter does not lead to the last try.
            Outcome::Wrong { kind: PinKind::Pin, tries_left: Some(1) } if unblock_offered => {
                let unblock = primary_button(ui, lang.t("Sblocca con il PUK", "Unblock with the PUK"));
                if pressed(&unblock, settled) {
                    actions.push(Action::CloseScreen);
                    actions.push(Action::StartWizard(Operation::UnblockPin));
                }
                if pressed(&secondary_button(ui, lang.t("Riprova", "Try again")), settled) {
                    actions.push(Action::WizardRetry);
                }
                if pressed(&secondary_button(ui, lang.t("Annulla", "Cancel")), settled) {
                    actions.push(Action::CloseScreen);
                }
                unblock
            }
            Outcome::Wrong { tries_left, .. } => {
                let retry = if tries_left == Some(1) {
                    secondary_button(ui, lang.t("Riprova", "Try again"))
                } else {
                    primary_button(ui, lang.t("Riprova", "Try again"))
                };
                if pressed(&retry, settled) {
                    actions.push(Action::WizardRetry);
                }
                let cancel = secondary_button(ui, lang.t("Annulla", "Cancel"));
                if pressed(&cancel, settled) {
                    actions.push(Action::CloseScreen);
                }
                // On the last try, the safe answer has the focus.
                if tries_left == Some(1) { cancel } else { retry }
            }
            Outcome::Blocked { kind: PinKind::Pin } => {
                let unblock = primary_button(ui, lang.t("Sblocca con il PUK", "Unblock with the PUK"));
                if pressed(&unblock, settled) {
                    actions.push(Action::CloseScreen);
                    actions.push(Action::StartWizard(Operation::UnblockPin));
                }
                if pressed(&secondary_button(ui, lang.t("Non ora", "Not now")), settled) {
                    actions.push(Action::CloseScreen);
                }
                unblock
            }
            _ => done_button(ui, lang, settled, actions),
        };
        if focus {
            first.request_focus();
        }
    });
}

/// The card left before anything was sent: nothing changed, and the page says so.
fn card_left_step(ui: &mut egui::Ui, lang: Lang, w: &mut Wizard, settled: bool, actions: &mut Vec<Action>) {
    ui.add_space(10.0);
    let (head, next) = words::card_left(lang, w.op);
    banner(ui, Tone::Attention, head);
    ui.add_space(8.0);
    ui.label(next);
    ui.add_space(14.0);
    let done = done_button(ui, lang, settled, actions);
    if std::mem::take(&mut w.focus_pending) {
        done.request_focus();
    }
}

fn done_button(ui: &mut egui::Ui, lang: Lang, settled: bool, actions: &mut Vec<Action>) -> egui::Response {
    let done = primary_button(ui, lang.t("Fatto", "Done"));
    if pressed(&done, settled) {
        actions.push(Action::CloseScreen);
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

fn hint(ui: &mut egui::Ui, tone: Tone, text: &str) {
    ui.label(RichText::new(format!("{} {text}", tone.icon())).color(tone.color()));
}
