//! A PIN wizard's state: the steps, the typed buffers, and the cns-core [`PinFlow`] that decides
//! what may be sent. The wizard asks one thing per step and checks it locally; the flow has the
//! last word (validation again, one command per action, the last-try confirmation).

use cns_core::card::CardError;
use cns_core::flow::{Entry, Field, InputProblem, Operation, Outcome, PinFlow, Refusal, Step};
use cns_core::pin::{self, Pin, PinFormatError, Weakness};
use cns_core::{Command, PinState, StatusWord, TransportError};
use zeroize::Zeroizing;

use super::widgets::pin_entry::PinBuffer;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    Entering,
    /// Exactly one try left: the command waits in the flow for an explicit yes.
    ConfirmLastTry,
    /// The card is working: no input.
    Busy,
    Done(Outcome),
}

/// Why the user cannot go on from this step. Nothing was sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepProblem {
    Format(PinFormatError),
    Mismatch,
    Unchanged,
    Refused(Refusal),
}

pub struct Wizard {
    pub op: Operation,
    flow: PinFlow,
    pub step: usize,
    pub phase: Phase,
    /// Current PIN (change), PUK (unblock) or the PIN to check (verify).
    pub secret: PinBuffer,
    pub new: PinBuffer,
    pub repeat: PinBuffer,
    pub show: bool,
    pub problem: Option<StepProblem>,
    /// Focus the step's field on the next frame.
    pub focus_pending: bool,
    /// The operation ended because the card left the reader.
    pub card_removed: bool,
    /// DDMMYYYY, for the "that is your birth date" hint.
    birth_date: Option<Zeroizing<String>>,
}

impl Wizard {
    pub fn new(
        op: Operation,
        pin_ref: u8,
        pin: PinState,
        puk: PinState,
        birth_date: Option<String>,
    ) -> Wizard {
        Wizard {
            op,
            flow: PinFlow::new(op, pin_ref, pin, puk),
            step: 0,
            phase: Phase::Entering,
            secret: PinBuffer::default(),
            new: PinBuffer::default(),
            repeat: PinBuffer::default(),
            show: false,
            problem: None,
            focus_pending: true,
            card_removed: false,
            birth_date: birth_date.map(Zeroizing::new),
        }
    }

    pub fn steps(&self) -> usize {
        if self.op == Operation::VerifyPin { 1 } else { 3 }
    }

    /// The counter this operation may consume, as last known.
    pub fn relevant_state(&self) -> PinState {
        self.flow.relevant_state()
    }

    pub fn pin_state(&self) -> PinState {
        self.flow.pin_state()
    }

    pub fn puk_state(&self) -> PinState {
        self.flow.puk_state()
    }

    pub fn buffer_mut(&mut self, step: usize) -> &mut PinBuffer {
        match step {
            0 => &mut self.secret,
            1 => &mut self.new,
            _ => &mut self.repeat,
        }
    }

    /// A warning (never a refusal) about an easy-to-guess new PIN.
    pub fn weakness(&self) -> Option<Weakness> {
        let p = Pin::new(self.new.as_str()).ok()?;
        pin::weakness(&p, self.birth_date.as_deref().map(|s| s.as_str()))
    }

    /// "Avanti": checks this step; on the last one, asks the flow. Returns the command to send.
    pub fn next(&mut self) -> Option<Command> {
        if self.phase != Phase::Entering {
            return None;
        }
        self.problem = self.check_step();
        if self.problem.is_some() {
            if self.problem == Some(StepProblem::Mismatch) {
                self.repeat.wipe();
            }
            self.focus_pending = true;
            return None;
        }
        if self.step + 1 < self.steps() {
            self.step += 1;
            self.focus_pending = true;
            return None;
        }
        let step = match self.op {
            Operation::VerifyPin => self.flow.submit(Entry::Verify { pin: self.secret.as_str() }),
            Operation::ChangePin => self.flow.submit(Entry::Change {
                current: self.secret.as_str(),
                new: self.new.as_str(),
                repeat: self.repeat.as_str(),
            }),
            Operation::UnblockPin => self.flow.submit(Entry::Unblock {
                puk: self.secret.as_str(),
                new: self.new.as_str(),
                repeat: self.repeat.as_str(),
            }),
        };
        self.follow(step)
    }

    fn check_step(&self) -> Option<StepProblem> {
        if let Some(r) = self.flow.standing_refusal() {
            return Some(StepProblem::Refused(r));
        }
        match self.step {
            0 => pin::validate(self.secret.as_str().as_bytes()).err().map(StepProblem::Format),
            1 => match pin::validate(self.new.as_str().as_bytes()) {
                Err(e) => Some(StepProblem::Format(e)),
                Ok(()) if self.op == Operation::ChangePin && self.new.as_str() == self.secret.as_str() => {
                    Some(StepProblem::Unchanged)
                }
                Ok(()) => None,
            },
            _ => (self.repeat.as_str() != self.new.as_str()).then_some(StepProblem::Mismatch),
        }
    }

    fn follow(&mut self, step: Step) -> Option<Command> {
        match step {
            Step::Send(cmd) => {
                // The command holds its own copy; the typed secret is no longer needed. The new
                // PIN stays until the answer, so a wrong current PIN costs only that one field.
                self.secret.wipe();
                self.phase = Phase::Busy;
                Some(cmd)
            }
            Step::ConfirmLastTry { .. } => {
                self.secret.wipe();
                self.phase = Phase::ConfirmLastTry;
                self.focus_pending = true;
                None
            }
            Step::Invalid(problems) => {
                let (step, problem) = problems.first().map_or((0, StepProblem::Mismatch), |p| locate(*p));
                self.step = step.min(self.steps() - 1);
                self.problem = Some(problem);
                self.focus_pending = true;
                None
            }
            Step::Refused(r) => {
                self.problem = Some(StepProblem::Refused(r));
                None
            }
            Step::Done(o) => {
                self.finish(o);
                None
            }
        }
    }

    /// "Sì, continua" on the last-try screen.
    pub fn confirm_last_try(&mut self) -> Option<Command> {
        if self.phase != Phase::ConfirmLastTry {
            return None;
        }
        let step = self.flow.confirm_last_try();
        self.follow(step)
    }

    /// Esc / "Indietro": false when there is nothing to go back to (close the wizard).
    pub fn back(&mut self) -> bool {
        match self.phase {
            Phase::Busy => true,
            Phase::Done(_) | Phase::ConfirmLastTry => false,
            Phase::Entering if self.step == 0 => false,
            Phase::Entering => {
                self.buffer_mut(self.step).wipe();
                self.step -= 1;
                self.problem = None;
                self.focus_pending = true;
                true
            }
        }
    }

    /// The card's answer (or the failure to get one) to the command sent.
    pub fn answered(&mut self, result: Result<StatusWord, CardError>) -> Option<Outcome> {
        let step = match result {
            Ok(sw) => self.flow.card_answered(sw),
            Err(e) => {
                self.card_removed = matches!(
                    e,
                    CardError::Transport(
                        TransportError::CardRemoved | TransportError::NoCard | TransportError::NoReader
                    )
                );
                self.flow.card_failed()
            }
        };
        match step {
            Step::Done(o) => {
                self.finish(o);
                Some(o)
            }
            _ => None,
        }
    }

    fn finish(&mut self, o: Outcome) {
        self.phase = Phase::Done(o);
        self.focus_pending = true;
        self.secret.wipe();
        if !matches!(o, Outcome::Wrong { .. }) {
            self.new.wipe();
            self.repeat.wipe();
        }
    }

    /// "Riprova" after a wrong PIN/PUK: only the wrong field is asked again.
    pub fn retry(&mut self) {
        self.flow.restart();
        self.secret.wipe();
        self.step = 0;
        self.phase = Phase::Entering;
        self.problem = None;
        self.focus_pending = true;
    }

    pub fn is_busy(&self) -> bool {
        self.phase == Phase::Busy
    }

    /// The card is gone: nothing typed survives. A command in flight still gets its answer.
    pub fn wipe(&mut self) {
        self.secret.wipe();
        self.new.wipe();
        self.repeat.wipe();
        self.birth_date = None;
        self.flow.cancel();
    }
}

impl Drop for Wizard {
    fn drop(&mut self) {
        self.wipe();
    }
}

/// Which step a flow's input problem belongs to.
fn locate(p: InputProblem) -> (usize, StepProblem) {
    match p {
        InputProblem::Format(Field::Pin | Field::CurrentPin | Field::Puk, e) => (0, StepProblem::Format(e)),
        InputProblem::Format(Field::NewPin, e) => (1, StepProblem::Format(e)),
        InputProblem::Format(Field::RepeatPin, e) => (2, StepProblem::Format(e)),
        InputProblem::Mismatch => (2, StepProblem::Mismatch),
        InputProblem::Unchanged | InputProblem::WrongOperation => (1, StepProblem::Unchanged),
    }
}
