//! A PIN wizard's state: the steps, the typed buffers, and the cns-core [`PinFlow`] that decides
//! what may be sent. The wizard asks one thing per step and checks it locally; the flow has the
//! last word (validation again, one command per action, the last-try confirmation).
//!
//! A field the user cannot see into is never handed back filled: a step is always entered with
//! an empty field (forward, back, after a mismatch, after "Riprova"), so whatever is typed there
//! is the whole of the value, never an addition to an old one.

use cns_core::card::CardError;
use cns_core::flow::{Entry, Field, InputProblem, Operation, Outcome, PinFlow, Refusal, Step};
use cns_core::pin::{self, Pin, PinFormatError, PinKind, Weakness};
use cns_core::{Command, PinState, StatusWord, TransportError};
use zeroize::Zeroizing;

use crate::gui::widgets::pin_entry::PinBuffer;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    Entering,
    /// Exactly one try left: the command waits in the flow for an explicit yes.
    ConfirmLastTry,
    /// The card is working: no input.
    Busy,
    Done(Outcome),
    /// The card left before anything was sent: nothing changed on it.
    CardLeft,
}

/// How long a page must have been on screen before its buttons take a click: the second click
/// of a double click on "Avanti" lands on the next page's button, which sits in the same place.
pub const SETTLE_SECS: f64 = 0.4;

/// Why the user cannot go on from this step. Nothing was sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepProblem {
    Format(PinFormatError),
    Mismatch,
    Unchanged,
    Refused(Refusal),
    /// A PUK of this many digits, shorter than a TS-CNS PUK: a typo until the user says it is
    /// not ("Continua comunque").
    PukLength {
        typed: usize,
    },
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
    /// The user said the PUK typed, shorter than usual, is the right one.
    short_puk_accepted: bool,
    /// The page on screen and since when (egui time), for [`SETTLE_SECS`].
    shown: Option<(u8, usize)>,
    shown_since: f64,
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
            short_puk_accepted: false,
            shown: None,
            shown_since: 0.0,
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

    /// Which secret the field of `step` holds.
    pub fn step_kind(&self, step: usize) -> PinKind {
        if step == 0 && self.op == Operation::UnblockPin { PinKind::Puk } else { PinKind::Pin }
    }

    /// True once the page on screen has been there for [`SETTLE_SECS`]; `now` is egui's time.
    pub fn settled(&mut self, now: f64) -> bool {
        let page = match self.phase {
            Phase::Entering => 0,
            Phase::ConfirmLastTry => 1,
            Phase::Busy => 2,
            Phase::Done(_) => 3,
            Phase::CardLeft => 4,
        };
        let key = (page, self.step);
        if self.shown != Some(key) {
            self.shown = Some(key);
            self.shown_since = now;
        }
        now - self.shown_since >= SETTLE_SECS
    }

    /// The user edited the field of the current step: the old verdict on it no longer holds.
    pub fn field_changed(&mut self) {
        self.problem = None;
        if self.step == 0 {
            self.short_puk_accepted = false;
        }
    }

    /// "Continua comunque" next to the short-PUK warning: the user vouches for the PUK typed.
    pub fn accept_short_puk(&mut self) -> Option<Command> {
        if !matches!(self.problem, Some(StepProblem::PukLength { .. })) {
            return None;
        }
        self.short_puk_accepted = true;
        self.next()
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
        if let Some(problem) = self.check_step() {
            if problem == StepProblem::Mismatch {
                // Either of the two may hold the typo: both are asked again, in order.
                self.go_to(1);
            }
            self.problem = Some(problem);
            self.focus_pending = true;
            return None;
        }
        if self.step + 1 < self.steps() {
            self.go_to(self.step + 1);
            return None;
        }
        if self.op == Operation::UnblockPin
            && !self.short_puk_accepted
            && let Some(typed) = pin::puk_shorter_than_usual(self.secret.as_str())
        {
            // Step 0 already asked; this holds whatever path led here.
            self.go_to_keeping(0);
            self.problem = Some(StepProblem::PukLength { typed });
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
        let step = self.step.min(2);
        if match step {
            0 => &self.secret,
            1 => &self.new,
            _ => &self.repeat,
        }
        .overflowed()
        {
            return Some(StepProblem::Format(PinFormatError::TooLong));
        }
        match step {
            0 => match pin::validate(self.secret.as_str().as_bytes()) {
                Err(e) => Some(StepProblem::Format(e)),
                Ok(()) if self.op == Operation::UnblockPin && !self.short_puk_accepted => {
                    pin::puk_shorter_than_usual(self.secret.as_str())
                        .map(|typed| StepProblem::PukLength { typed })
                }
                Ok(()) => None,
            },
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
                // The command holds its own copy; nothing typed is needed any more (a retry
                // asks every value again).
                self.wipe_fields();
                self.phase = Phase::Busy;
                Some(cmd)
            }
            Step::ConfirmLastTry { .. } => {
                // The flow holds the command until the answer; "Annulla" closes the wizard.
                self.wipe_fields();
                self.phase = Phase::ConfirmLastTry;
                self.focus_pending = true;
                None
            }
            Step::Invalid(problems) => {
                let (step, problem) = problems.first().map_or((0, StepProblem::Mismatch), |p| locate(*p));
                self.go_to(step.min(self.steps() - 1));
                self.problem = Some(problem);
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
            Phase::Done(_) | Phase::ConfirmLastTry | Phase::CardLeft => false,
            Phase::Entering if self.step == 0 => false,
            Phase::Entering => {
                self.go_to(self.step - 1);
                true
            }
        }
    }

    /// Shows `step` with its field and every later one empty: the user types each value whole.
    fn go_to(&mut self, step: usize) {
        for s in step..self.steps() {
            self.buffer_mut(s).wipe();
        }
        if step == 0 {
            self.short_puk_accepted = false;
        }
        self.go_to_keeping(step);
    }

    /// Back to `step` with what its field holds, to show a problem with that very value.
    fn go_to_keeping(&mut self, step: usize) {
        self.step = step;
        self.problem = None;
        self.focus_pending = true;
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
        // Nothing typed outlives the answer: a retry asks every value again (module docs).
        self.wipe_fields();
    }

    fn wipe_fields(&mut self) {
        self.secret.wipe();
        self.new.wipe();
        self.repeat.wipe();
    }

    /// "Riprova" after a wrong PIN/PUK: the whole form again, from the first step, every field
    /// empty. Keeping the new PIN would leave two filled fields the user cannot see into, and
    /// typing it again there would append to it (issue 15: the card ended with 24680246).
    pub fn retry(&mut self) {
        self.flow.restart();
        self.phase = Phase::Entering;
        self.go_to(0);
    }

    /// The card left while the user was typing or being asked to confirm: nothing was sent,
    /// and the page says so instead of vanishing.
    pub fn card_left(&mut self) {
        self.wipe();
        self.phase = Phase::CardLeft;
        self.problem = None;
        self.focus_pending = true;
    }

    /// True while nothing has been sent for the current attempt (typing, or the last-try
    /// question).
    pub fn before_sending(&self) -> bool {
        matches!(self.phase, Phase::Entering | Phase::ConfirmLastTry)
    }

    /// A page about the card's removal, which stays until the user closes it.
    pub fn is_removal_page(&self) -> bool {
        match self.phase {
            Phase::CardLeft => true,
            Phase::Done(_) => self.card_removed,
            _ => false,
        }
    }

    pub fn is_busy(&self) -> bool {
        self.phase == Phase::Busy
    }

    /// The card is gone: nothing typed survives. A command in flight still gets its answer.
    pub fn wipe(&mut self) {
        self.wipe_fields();
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
        // Either new PIN may hold the typo: both are asked again.
        InputProblem::Mismatch => (1, StepProblem::Mismatch),
        InputProblem::Unchanged | InputProblem::WrongOperation => (1, StepProblem::Unchanged),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TRIES3: PinState = PinState::TriesLeft { tries_left: 3 };

    fn typed(w: &mut Wizard, digits: &str) -> Option<Command> {
        let step = w.step;
        w.buffer_mut(step).type_text(digits);
        w.field_changed();
        w.next()
    }

    fn all_empty(w: &Wizard) -> bool {
        w.secret.is_empty() && w.new.is_empty() && w.repeat.is_empty()
    }

    #[test]
    fn a_wrong_answer_wipes_every_field_and_retry_starts_over() {
        for (op, first) in [(Operation::ChangePin, "11111"), (Operation::UnblockPin, "87654321")] {
            let mut w = Wizard::new(op, 0x10, TRIES3, TRIES3, None);
            assert!(typed(&mut w, first).is_none());
            assert!(typed(&mut w, "24680").is_none());
            assert!(typed(&mut w, "24680").is_some(), "{op:?}: the command");
            assert!(all_empty(&w), "{op:?}: the command holds its own copy");
            let wrong = w.answered(Ok(StatusWord::WrongPin { tries_left: 2 }));
            assert!(matches!(wrong, Some(Outcome::Wrong { tries_left: Some(2), .. })));
            assert!(all_empty(&w));
            w.retry();
            assert_eq!((w.step, w.phase), (0, Phase::Entering));
            assert!(all_empty(&w));
            // the right values, typed whole, reach the command
            assert!(typed(&mut w, if op == Operation::UnblockPin { "12345678" } else { "12345" }).is_none());
            assert!(typed(&mut w, "24680").is_none());
            let cmd = typed(&mut w, "24680").expect("sent");
            assert_eq!(&cmd.data()[8..], b"24680\xFF\xFF\xFF", "{op:?}: the new PIN as typed");
        }
    }

    #[test]
    fn every_step_is_entered_empty() {
        let mut w = Wizard::new(Operation::ChangePin, 0x10, TRIES3, TRIES3, None);
        typed(&mut w, "12345");
        typed(&mut w, "24680");
        assert_eq!(w.step, 2);
        assert!(w.back());
        assert_eq!(w.step, 1);
        assert!(w.new.is_empty() && w.repeat.is_empty(), "the step returned to is empty");
        // a mismatch asks both new PINs again, from the first of them
        typed(&mut w, "24680");
        assert!(typed(&mut w, "24681").is_none());
        assert_eq!((w.step, w.problem), (1, Some(StepProblem::Mismatch)));
        assert!(w.new.is_empty() && w.repeat.is_empty());
        assert_eq!(w.secret.as_str(), "12345");
    }

    #[test]
    fn an_overflowed_field_does_not_go_on() {
        let mut w = Wizard::new(Operation::ChangePin, 0x10, TRIES3, TRIES3, None);
        assert!(typed(&mut w, "123456789").is_none());
        assert_eq!((w.step, w.problem), (0, Some(StepProblem::Format(PinFormatError::TooLong))));
        w.secret.backspace();
        w.field_changed();
        assert!(w.next().is_none());
        assert_eq!((w.step, w.problem), (1, None));
    }

    #[test]
    fn a_short_puk_needs_the_users_word_and_a_new_puk_needs_it_again() {
        let mut w = Wizard::new(Operation::UnblockPin, 0x10, PinState::Blocked, TRIES3, None);
        assert!(typed(&mut w, "1234567").is_none());
        assert_eq!((w.step, w.problem), (0, Some(StepProblem::PukLength { typed: 7 })));
        assert!(w.next().is_none());
        assert_eq!(w.step, 0, "Avanti again is not a yes");
        assert!(w.accept_short_puk().is_none());
        assert_eq!(w.step, 1);
        assert!(w.back());
        assert!(w.secret.is_empty());
        assert!(typed(&mut w, "7654321").is_none());
        assert_eq!((w.step, w.problem), (0, Some(StepProblem::PukLength { typed: 7 })));
        assert!(w.accept_short_puk().is_none());
        typed(&mut w, "24680");
        let cmd = typed(&mut w, "24680").expect("sent once accepted");
        assert_eq!(&cmd.data()[..8], b"7654321\xFF");
        // 8 digits are never asked about
        let mut w = Wizard::new(Operation::UnblockPin, 0x10, PinState::Blocked, TRIES3, None);
        typed(&mut w, "12345678");
        assert_eq!((w.step, w.problem), (1, None));
        // and the question is only for the PUK
        assert!(w.accept_short_puk().is_none());
        assert_eq!(w.step, 1);
    }

    #[test]
    fn a_card_leaving_before_anything_was_sent_is_a_page_of_its_own() {
        let mut w = Wizard::new(Operation::ChangePin, 0x10, TRIES3, TRIES3, None);
        typed(&mut w, "12345");
        assert!(w.before_sending());
        w.card_left();
        assert_eq!(w.phase, Phase::CardLeft);
        assert!(all_empty(&w) && w.is_removal_page() && !w.before_sending());
        assert!(!w.back(), "Esc closes it");
        assert!(w.next().is_none());
    }

    #[test]
    fn a_page_settles_after_its_time_on_screen() {
        let mut w = Wizard::new(Operation::VerifyPin, 0x10, TRIES3, TRIES3, None);
        assert!(!w.settled(10.0));
        assert!(!w.settled(10.0 + SETTLE_SECS / 2.0));
        assert!(w.settled(10.0 + SETTLE_SECS));
        typed(&mut w, "12345");
        assert_eq!(w.phase, Phase::Busy);
        assert!(!w.settled(11.0), "a new page starts again");
        assert!(w.settled(11.0 + SETTLE_SECS));
    }
}
