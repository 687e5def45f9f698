//! The PIN wizards: one question per step, "Passo n di m", the last-try confirmation, the
//! spinner while the card works, and a result that says what to do next.

use cns_core::flow::{Operation, Outcome};
use cns_core::pin::PinKind;
use egui::RichText;

use super::super::a11y;
use super::super::app::{Action, CnsApp};
use super::super::state::Screen;
use super::super::widgets::pin_entry::{describe_pin_field, pin_entry};
use super::super::wizard::{Phase, Wizard};
use super::super::words::{self, Tone};
use super::{banner, live_banner, primary_button, secondary_button};
use crate::i18n::Lang;

impl CnsApp {
    pub(crate) fn wizard_view(&mut self, ui: &mut egui::Ui) {
        let lang = self.lang;
        let counter = self.counter;
        let Screen::Wizard(w) = &mut self.screen else {
            return;
        };
        let mut actions = Vec::new();
        ui.add_space(8.0);
        a11y::heading_text(
            ui,
            RichText::new(words::op_title(lang, w.op)).size(super::super::style::headline(counter)).strong(),
        );
        ui.add_space(4.0);
        // Each step and phase under its own id: its widgets are new AccessKit nodes, so moving
        // the focus there is a focus event a screen reader speaks, not a silent rename of the
        // node that sat at the same place on the screen before.
        ui.push_id(step_id(w), |ui| match w.phase {
            Phase::Entering => entry_step(ui, lang, w, &mut actions),
            Phase::ConfirmLastTry => confirm_step(ui, lang, w, &mut actions),
            Phase::Busy => {
                ui.add_space(24.0);
                let working = ui
                    .horizontal_wrapped(|ui| {
                        ui.spinner();
                        ui.label(
                            RichText::new(lang.t("La tessera sta lavorando…", "The card is working…"))
                                .heading(),
                        )
                    })
                    .inner;
                a11y::mark_live(&working, Tone::Neutral);
                ui.add_space(8.0);
                live_banner(
                    ui,
                    Tone::Attention,
                    lang.t("Non rimuovere la tessera", "Do not remove the card"),
                );
            }
            Phase::Done(o) => result_step(ui, lang, w, o, &mut actions),
        });
        self.actions.extend(actions);
    }
}

/// The id the widgets of the wizard's current step and phase live under.
fn step_id(w: &Wizard) -> (&'static str, u8, usize, u8) {
    let phase = match w.phase {
        Phase::Entering => 0,
        Phase::ConfirmLastTry => 1,
        Phase::Busy => 2,
        Phase::Done(_) => 3,
    };
    ("wizard", w.op as u8, w.step, phase)
}

fn entry_step(ui: &mut egui::Ui, lang: Lang, w: &mut Wizard, actions: &mut Vec<Action>) {
    let steps = w.steps();
    let step_words =
        lang.s(format!("Passo {} di {steps}", w.step + 1), format!("Step {} of {steps}", w.step + 1));
    ui.label(RichText::new(step_words.as_str()).weak());
    ui.add_space(10.0);
    // What the field's description says, in reading order: the warning, the step, its guidance,
    // then what is wrong.
    let mut about: Vec<String> = Vec::new();
    if w.relevant_state().is_last_try() && w.step == 0 {
        let text = if w.op == Operation::UnblockPin {
            lang.t(
                "Attenzione: resta un solo tentativo per il PUK. Se è sbagliato, la tessera non si potrà più sbloccare.",
                "Careful: only one PUK try is left. If it is wrong, the card can never be unblocked again.",
            )
        } else {
            lang.t(
                "Attenzione: ti resta un solo tentativo. Se il PIN è sbagliato, la tessera si blocca.",
                "Careful: only one try left. If the PIN is wrong, the card gets blocked.",
            )
        };
        banner(ui, Tone::Attention, text);
        ui.add_space(8.0);
        about.push(text.to_owned());
    } else if w.relevant_state() == cns_core::PinState::Unknown && w.step == 0 {
        let text = words::unknown_tries_warning(lang, w.op);
        banner(ui, Tone::Attention, text);
        ui.add_space(8.0);
        about.push(text.to_owned());
    }
    let (label, guidance) = words::step_text(lang, w.op, w.step);
    about.push(step_words.clone());
    about.push(guidance.to_owned());
    ui.label(guidance);
    ui.add_space(8.0);
    ui.label(RichText::new(label).strong());
    let step = w.step;
    let show = w.show;
    let focus = std::mem::take(&mut w.focus_pending);
    let entry = ui.horizontal_wrapped(|ui| {
        let e = pin_entry(ui, w.buffer_mut(step), label, show);
        ui.checkbox(&mut w.show, lang.t("Mostra le cifre", "Show digits"));
        e
    });
    let entry = entry.inner;
    if focus {
        entry.response.request_focus();
    }
    if entry.response.changed() {
        w.problem = None;
    }
    let refused = w.buffer_mut(step).refused();
    if let Some(r) = refused {
        let text = words::typed_refusal(lang, r);
        hint(ui, Tone::Attention, text);
        about.push(text.to_owned());
    }
    if let Some(p) = w.problem {
        let text = words::step_problem(lang, p);
        hint(ui, Tone::Bad, &text);
        about.push(text);
    } else if step == 1
        && let Some(weak) = w.weakness()
    {
        hint(ui, Tone::Attention, words::weakness(lang, weak));
        about.push(words::weakness(lang, weak).to_owned());
    }
    let typed = w.buffer_mut(step).len();
    describe_pin_field(&entry.response, lang, typed, &about, refused.is_some() || w.problem.is_some());
    ui.add_space(14.0);
    ui.horizontal_wrapped(|ui| {
        let back = if step == 0 { lang.t("Annulla", "Cancel") } else { lang.t("Indietro", "Back") };
        if secondary_button(ui, back).clicked() {
            actions.push(Action::WizardBack);
        }
        let next = if step + 1 == w.steps() { confirm_label(lang, w.op) } else { lang.t("Avanti", "Next") };
        if primary_button(ui, next).clicked() || entry.submitted {
            actions.push(Action::WizardNext);
        }
    });
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

fn confirm_step(ui: &mut egui::Ui, lang: Lang, w: &mut Wizard, actions: &mut Vec<Action>) {
    ui.add_space(10.0);
    let puk = w.op == Operation::UnblockPin;
    let warning = if puk {
        lang.t("È l'ultimo tentativo per il PUK.", "This is the last PUK try.")
    } else {
        lang.t("È l'ultimo tentativo.", "This is the last try.")
    };
    banner(ui, Tone::Attention, warning);
    ui.add_space(8.0);
    let question = if puk {
        lang.t(
            "Se il PUK è sbagliato, la tessera non si potrà più sbloccare e andrà sostituita. Continuo?",
            "If the PUK is wrong, the card can never be unblocked and must be replaced. Continue?",
        )
    } else {
        lang.t(
            "Se il PIN è sbagliato la tessera si blocca e servirà il PUK. Continuo?",
            "If the PIN is wrong the card gets blocked and you will need the PUK. Continue?",
        )
    };
    ui.label(question);
    ui.add_space(14.0);
    ui.horizontal_wrapped(|ui| {
        let cancel = secondary_button(ui, lang.t("Annulla", "Cancel"));
        // The safe answer has the focus: Enter on this screen does not spend the last try. The
        // warning is what a screen reader says there, after "Annulla".
        a11y::describe(ui.ctx(), cancel.id, &a11y::sentences(&[warning, question]));
        if std::mem::take(&mut w.focus_pending) {
            cancel.request_focus();
        }
        if cancel.clicked() {
            actions.push(Action::CloseScreen);
        }
        if secondary_button(ui, lang.t("Sì, usa l'ultimo tentativo", "Yes, use the last try")).clicked() {
            actions.push(Action::WizardConfirm);
        }
    });
}

fn result_step(ui: &mut egui::Ui, lang: Lang, w: &mut Wizard, o: Outcome, actions: &mut Vec<Action>) {
    ui.add_space(10.0);
    let (tone, head, next) = words::outcome(lang, w.op, o, w.card_removed);
    live_banner(ui, tone, &head);
    ui.add_space(8.0);
    ui.label(next.as_str());
    if o == (Outcome::Blocked { kind: PinKind::Puk }) {
        ui.add_space(8.0);
        super::help::new_card_text(ui, lang);
    }
    ui.add_space(14.0);
    let focus = std::mem::take(&mut w.focus_pending);
    ui.horizontal_wrapped(|ui| {
        let first = match o {
            Outcome::Wrong { .. } => {
                let retry = primary_button(ui, lang.t("Riprova", "Try again"));
                if retry.clicked() {
                    actions.push(Action::WizardRetry);
                }
                if secondary_button(ui, lang.t("Annulla", "Cancel")).clicked() {
                    actions.push(Action::CloseScreen);
                }
                retry
            }
            Outcome::Blocked { kind: PinKind::Pin } => {
                let unblock = primary_button(ui, lang.t("Sblocca con il PUK", "Unblock with the PUK"));
                if unblock.clicked() {
                    actions.push(Action::CloseScreen);
                    actions.push(Action::StartWizard(Operation::UnblockPin));
                }
                if secondary_button(ui, lang.t("Non ora", "Not now")).clicked() {
                    actions.push(Action::CloseScreen);
                }
                unblock
            }
            _ => {
                let done = primary_button(ui, lang.t("Fatto", "Done"));
                if done.clicked() {
                    actions.push(Action::CloseScreen);
                }
                done
            }
        };
        // Where the focus lands says the result too, for screen readers that do not follow
        // live regions.
        a11y::describe(ui.ctx(), first.id, &a11y::sentences(&[head.as_str(), next.as_str()]));
        if focus {
            first.request_focus();
        }
    });
}

/// A line under the field: a live region, so that what is wrong is said as it appears, while the
/// focus stays in the field.
fn hint(ui: &mut egui::Ui, tone: Tone, text: &str) {
    let line = ui.label(RichText::new(format!("{} {text}", tone.icon())).color(tone.color()));
    a11y::mark_live(&line, tone);
}
