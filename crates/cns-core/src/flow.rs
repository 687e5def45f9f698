//! Pure state machines for the three PIN operations: verify PIN, change PIN, unblock with the PUK.
//!
//! They take what the user typed and what the card answered, and say what to do next. The rules
//! that protect the user's tries are built in, so no front end can forget them:
//!
//! * input is validated (5–8 digits, the two new PINs equal) before any command exists;
//! * at most one PIN-consuming command per user action, and none while one is in flight;
//! * when exactly one try is known to be left, an explicit confirmation comes first;
//! * a blocked PIN leads to the unblock; a blocked PUK is final: the card must be replaced;
//! * a wrong answer reports the tries left when the card says (63Cx), "unknown" when not (6300).

use crate::apdu::{Command, StatusWord};
use crate::commands;
use crate::pin::{Pin, PinFormatError, PinKind, PinState};

/// Which operation a flow performs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Operation {
    VerifyPin,
    ChangePin,
    UnblockPin,
}

impl Operation {
    /// The secret whose counter this operation can consume.
    pub fn consumes(self) -> PinKind {
        match self {
            Operation::VerifyPin | Operation::ChangePin => PinKind::Pin,
            Operation::UnblockPin => PinKind::Puk,
        }
    }
}

/// What the user typed for one attempt. Plain `&str` on purpose: validation happens here, so a
/// front end cannot send an unvalidated value.
pub enum Entry<'a> {
    Verify { pin: &'a str },
    Change { current: &'a str, new: &'a str, repeat: &'a str },
    Unblock { puk: &'a str, new: &'a str, repeat: &'a str },
}

/// Which field of the form a problem belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Pin,
    CurrentPin,
    Puk,
    NewPin,
    RepeatPin,
}

/// A local problem with the input: nothing was sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputProblem {
    Format(Field, PinFormatError),
    /// The two new PINs differ.
    Mismatch,
    /// The new PIN equals the current one.
    Unchanged,
    /// The entry does not belong to this operation (a front-end bug).
    WrongOperation,
}

/// Why the flow refuses to send anything, whatever the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The PIN is blocked: unblock it with the PUK instead.
    PinBlocked,
    /// The PUK is blocked: the card can no longer be unblocked and must be replaced.
    PukBlocked,
    /// A command is already on its way to the card.
    Busy,
    /// The flow has finished; start a new attempt.
    Finished,
}

/// The end of one attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Success,
    /// Wrong PIN or PUK; `tries_left` is `None` when the card did not say (63 00).
    Wrong {
        kind: PinKind,
        tries_left: Option<u8>,
    },
    /// Now blocked. PIN → unblock with the PUK; PUK → replace the card.
    Blocked {
        kind: PinKind,
    },
    /// The card refused for another reason (kept for the technical details).
    CardRefused(StatusWord),
    /// The command may or may not have reached the card (card removed, reader gone...). The
    /// counter state is unknown until the card is read again.
    Interrupted,
}

/// What the caller must do next.
#[derive(Debug)]
pub enum Step {
    /// Send this command, once, then report the answer with [`PinFlow::card_answered`].
    Send(Command),
    /// Exactly one try is left: ask the user to confirm, then call [`PinFlow::confirm_last_try`].
    ConfirmLastTry { kind: PinKind },
    /// Fix the input; nothing was sent.
    Invalid(Vec<InputProblem>),
    /// Nothing can be sent.
    Refused(Refusal),
    /// The attempt is over.
    Done(Outcome),
}

enum Phase {
    Ready,
    /// Validated command held back until the user confirms the last try.
    Confirming(Command),
    InFlight,
    Finished(Outcome),
}

/// One PIN operation on one card.
pub struct PinFlow {
    op: Operation,
    pin_ref: u8,
    pin: PinState,
    puk: PinState,
    phase: Phase,
}

impl PinFlow {
    /// Starts a flow, knowing what the card last told us about its counters.
    pub fn new(op: Operation, pin_ref: u8, pin: PinState, puk: PinState) -> Self {
        PinFlow { op, pin_ref, pin, puk, phase: Phase::Ready }
    }

    pub fn operation(&self) -> Operation {
        self.op
    }

    pub fn pin_state(&self) -> PinState {
        self.pin
    }

    pub fn puk_state(&self) -> PinState {
        self.puk
    }

    /// The counter this flow can consume.
    pub fn relevant_state(&self) -> PinState {
        match self.op.consumes() {
            PinKind::Pin => self.pin,
            PinKind::Puk => self.puk,
        }
    }

    /// Refusal that applies whatever the user types, if any.
    pub fn standing_refusal(&self) -> Option<Refusal> {
        if self.puk.is_blocked() {
            // With the PUK blocked, nothing more can be done for a blocked PIN; a working PIN
            // can still be verified and changed.
            if self.op == Operation::UnblockPin || self.pin.is_blocked() {
                return Some(Refusal::PukBlocked);
            }
        }
        if self.pin.is_blocked() && self.op != Operation::UnblockPin {
            return Some(Refusal::PinBlocked);
        }
        None
    }

    /// The user submitted the form.
    pub fn submit(&mut self, entry: Entry<'_>) -> Step {
        match self.phase {
            Phase::InFlight => return Step::Refused(Refusal::Busy),
            Phase::Finished(_) => return Step::Refused(Refusal::Finished),
            Phase::Ready | Phase::Confirming(_) => {}
        }
        if let Some(r) = self.standing_refusal() {
            return Step::Refused(r);
        }
        let cmd = match self.build(entry) {
            Ok(cmd) => cmd,
            Err(problems) => {
                // A new submission replaces any command waiting for confirmation.
                self.phase = Phase::Ready;
                return Step::Invalid(problems);
            }
        };
        if self.relevant_state().is_last_try() {
            self.phase = Phase::Confirming(cmd);
            return Step::ConfirmLastTry { kind: self.op.consumes() };
        }
        self.phase = Phase::InFlight;
        Step::Send(cmd)
    }

    /// The user confirmed spending the last try.
    pub fn confirm_last_try(&mut self) -> Step {
        match std::mem::replace(&mut self.phase, Phase::InFlight) {
            Phase::Confirming(cmd) => Step::Send(cmd),
            other => {
                let step = match &other {
                    Phase::InFlight => Step::Refused(Refusal::Busy),
                    Phase::Finished(_) => Step::Refused(Refusal::Finished),
                    // Nothing to confirm: the user must submit first.
                    _ => Step::Invalid(vec![]),
                };
                self.phase = other;
                step
            }
        }
    }

    /// The user went back: drops a command waiting for confirmation.
    pub fn cancel(&mut self) {
        if let Phase::Confirming(_) = self.phase {
            self.phase = Phase::Ready;
        }
    }

    /// The card answered the command from the last [`Step::Send`].
    pub fn card_answered(&mut self, sw: StatusWord) -> Step {
        if !matches!(self.phase, Phase::InFlight) {
            // An answer nobody asked for changes nothing.
            return Step::Refused(Refusal::Finished);
        }
        let kind = self.op.consumes();
        let outcome = match sw {
            StatusWord::Ok => {
                self.pin = PinState::Unknown;
                if self.op == Operation::VerifyPin {
                    self.pin = PinState::Verified;
                }
                if self.op == Operation::UnblockPin {
                    self.puk = PinState::Unknown;
                }
                Outcome::Success
            }
            StatusWord::WrongPin { tries_left: 0 } => {
                self.set(kind, PinState::Blocked);
                Outcome::Blocked { kind }
            }
            StatusWord::WrongPin { tries_left } => {
                self.set(kind, PinState::TriesLeft { tries_left });
                Outcome::Wrong { kind, tries_left: Some(tries_left) }
            }
            StatusWord::WrongPinUnknownTries => {
                self.set(kind, PinState::Unknown);
                Outcome::Wrong { kind, tries_left: None }
            }
            StatusWord::Blocked | StatusWord::ReferenceDataNotUsable => {
                self.set(kind, PinState::Blocked);
                Outcome::Blocked { kind }
            }
            other => Outcome::CardRefused(other),
        };
        self.phase = Phase::Finished(outcome);
        Step::Done(outcome)
    }

    /// Sending failed at the transport level: we cannot know whether a try was spent.
    pub fn card_failed(&mut self) -> Step {
        if !matches!(self.phase, Phase::InFlight) {
            return Step::Refused(Refusal::Finished);
        }
        self.set(self.op.consumes(), PinState::Unknown);
        self.phase = Phase::Finished(Outcome::Interrupted);
        Step::Done(Outcome::Interrupted)
    }

    /// Starts another attempt of the same operation, keeping what the card told us.
    pub fn restart(&mut self) {
        if !matches!(self.phase, Phase::InFlight) {
            self.phase = Phase::Ready;
        }
    }

    pub fn outcome(&self) -> Option<Outcome> {
        match self.phase {
            Phase::Finished(o) => Some(o),
            _ => None,
        }
    }

    pub fn is_in_flight(&self) -> bool {
        matches!(self.phase, Phase::InFlight)
    }

    pub fn is_confirming(&self) -> bool {
        matches!(self.phase, Phase::Confirming(_))
    }

    fn set(&mut self, kind: PinKind, state: PinState) {
        match kind {
            PinKind::Pin => self.pin = state,
            PinKind::Puk => self.puk = state,
        }
    }

    fn build(&self, entry: Entry<'_>) -> Result<Command, Vec<InputProblem>> {
        match (self.op, entry) {
            (Operation::VerifyPin, Entry::Verify { pin }) => {
                let pin = field(Field::Pin, pin).map_err(|p| vec![p])?;
                Ok(commands::verify(self.pin_ref, &pin))
            }
            (Operation::ChangePin, Entry::Change { current, new, repeat }) => {
                let (current, new) = two_with_repeat((Field::CurrentPin, current), new, repeat)?;
                if current.same_as(&new) {
                    return Err(vec![InputProblem::Unchanged]);
                }
                Ok(commands::change_reference_data(self.pin_ref, &current, &new))
            }
            (Operation::UnblockPin, Entry::Unblock { puk, new, repeat }) => {
                let (puk, new) = two_with_repeat((Field::Puk, puk), new, repeat)?;
                Ok(commands::reset_retry_counter(self.pin_ref, &puk, &new))
            }
            _ => Err(vec![InputProblem::WrongOperation]),
        }
    }
}

fn field(which: Field, s: &str) -> Result<Pin, InputProblem> {
    Pin::new(s).map_err(|e| InputProblem::Format(which, e))
}

/// Validates the first secret and the new PIN typed twice, reporting every problem at once.
fn two_with_repeat(first: (Field, &str), new: &str, repeat: &str) -> Result<(Pin, Pin), Vec<InputProblem>> {
    let a = field(first.0, first.1);
    let n = field(Field::NewPin, new);
    let mut problems = Vec::new();
    if let Err(p) = &a {
        problems.push(*p);
    }
    if let Err(p) = &n {
        problems.push(*p);
    }
    if n.is_ok() && new != repeat {
        problems.push(InputProblem::Mismatch);
    }
    match (a, n) {
        (Ok(a), Ok(n)) if problems.is_empty() => Ok((a, n)),
        _ => Err(problems),
    }
}

/// Checks an entry for `op` without any card: what a front end runs before it even connects, so
/// invalid input never reaches the card.
pub fn validate_entry(op: Operation, entry: Entry<'_>) -> Result<(), Vec<InputProblem>> {
    PinFlow::new(op, 0x10, PinState::Unknown, PinState::Unknown).build(entry).map(|_| ())
}

/// Reads the answer to an empty VERIFY (counter query) into a state.
pub fn state_from_query(sw: StatusWord) -> PinState {
    match sw {
        StatusWord::WrongPin { tries_left: 0 } | StatusWord::Blocked => PinState::Blocked,
        StatusWord::WrongPin { tries_left } => PinState::TriesLeft { tries_left },
        StatusWord::Ok => PinState::Verified,
        _ => PinState::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const TRIES3: PinState = PinState::TriesLeft { tries_left: 3 };
    const LAST: PinState = PinState::TriesLeft { tries_left: 1 };

    fn sent(step: Step) -> Command {
        match step {
            Step::Send(c) => c,
            other => panic!("expected Send, got {other:?}"),
        }
    }

    #[test]
    fn verify_sends_one_command_and_reports_tries() {
        let mut f = PinFlow::new(Operation::VerifyPin, 0x10, TRIES3, TRIES3);
        let c = sent(f.submit(Entry::Verify { pin: "12345" }));
        assert_eq!(&c.to_bytes()[..5], &[0x00, 0x20, 0x00, 0x10, 0x08]);
        assert!(matches!(f.submit(Entry::Verify { pin: "12345" }), Step::Refused(Refusal::Busy)));
        let done = f.card_answered(StatusWord::WrongPin { tries_left: 2 });
        assert!(matches!(done, Step::Done(Outcome::Wrong { kind: PinKind::Pin, tries_left: Some(2) })));
        assert_eq!(f.pin_state(), PinState::TriesLeft { tries_left: 2 });
        assert!(matches!(f.submit(Entry::Verify { pin: "12345" }), Step::Refused(Refusal::Finished)));
    }

    #[test]
    fn invalid_input_sends_nothing() {
        let mut f = PinFlow::new(Operation::ChangePin, 0x10, TRIES3, TRIES3);
        match f.submit(Entry::Change { current: "12a", new: "1234", repeat: "1234" }) {
            Step::Invalid(p) => {
                assert!(p.contains(&InputProblem::Format(Field::CurrentPin, PinFormatError::NotDigits)));
                assert!(p.contains(&InputProblem::Format(Field::NewPin, PinFormatError::TooShort)));
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            f.submit(Entry::Change { current: "12345", new: "54321", repeat: "54322" }),
            Step::Invalid(p) if p == vec![InputProblem::Mismatch]
        ));
        assert!(matches!(
            f.submit(Entry::Change { current: "12345", new: "12345", repeat: "12345" }),
            Step::Invalid(p) if p == vec![InputProblem::Unchanged]
        ));
        assert!(
            matches!(f.submit(Entry::Verify { pin: "12345" }), Step::Invalid(p) if p == vec![InputProblem::WrongOperation])
        );
        // and a correct entry then goes through
        let c = sent(f.submit(Entry::Change { current: "12345", new: "54321", repeat: "54321" }));
        assert_eq!(c.data().len(), 16);
    }

    #[test]
    fn last_try_needs_confirmation() {
        let mut f = PinFlow::new(Operation::ChangePin, 0x90, LAST, TRIES3);
        assert!(matches!(
            f.submit(Entry::Change { current: "12345", new: "54321", repeat: "54321" }),
            Step::ConfirmLastTry { kind: PinKind::Pin }
        ));
        assert!(f.is_confirming());
        f.cancel();
        assert!(matches!(f.confirm_last_try(), Step::Invalid(_)));
        assert!(matches!(
            f.submit(Entry::Change { current: "12345", new: "54321", repeat: "54321" }),
            Step::ConfirmLastTry { .. }
        ));
        let c = sent(f.confirm_last_try());
        assert_eq!(c.p2, 0x90);
        assert!(matches!(f.confirm_last_try(), Step::Refused(Refusal::Busy)));
        assert!(matches!(
            f.card_answered(StatusWord::WrongPin { tries_left: 0 }),
            Step::Done(Outcome::Blocked { kind: PinKind::Pin })
        ));
        assert!(f.pin_state().is_blocked());
    }

    #[test]
    fn blocked_pin_leads_to_unblock_and_blocked_puk_is_final() {
        let mut f = PinFlow::new(Operation::VerifyPin, 0x10, PinState::Blocked, TRIES3);
        assert!(matches!(f.submit(Entry::Verify { pin: "12345" }), Step::Refused(Refusal::PinBlocked)));
        let mut u = PinFlow::new(Operation::UnblockPin, 0x10, PinState::Blocked, PinState::Unknown);
        let c = sent(u.submit(Entry::Unblock { puk: "12345678", new: "24680", repeat: "24680" }));
        assert_eq!(c.ins, 0x2C);
        assert!(matches!(
            u.card_answered(StatusWord::Blocked),
            Step::Done(Outcome::Blocked { kind: PinKind::Puk })
        ));
        assert!(u.puk_state().is_blocked());
        u.restart();
        assert!(matches!(
            u.submit(Entry::Unblock { puk: "12345678", new: "24680", repeat: "24680" }),
            Step::Refused(Refusal::PukBlocked)
        ));
    }

    #[test]
    fn unknown_tries_and_interruptions() {
        let mut f = PinFlow::new(Operation::VerifyPin, 0x10, PinState::Unknown, PinState::Unknown);
        sent(f.submit(Entry::Verify { pin: "12345" }));
        assert!(matches!(
            f.card_answered(StatusWord::WrongPinUnknownTries),
            Step::Done(Outcome::Wrong { tries_left: None, .. })
        ));
        f.restart();
        sent(f.submit(Entry::Verify { pin: "12345" }));
        assert!(matches!(f.card_failed(), Step::Done(Outcome::Interrupted)));
        assert_eq!(f.pin_state(), PinState::Unknown);
        f.restart();
        sent(f.submit(Entry::Verify { pin: "12345" }));
        assert!(matches!(f.card_answered(StatusWord::Ok), Step::Done(Outcome::Success)));
        assert_eq!(f.pin_state(), PinState::Verified);
    }

    #[test]
    fn unblock_last_puk_try_needs_confirmation() {
        let mut u = PinFlow::new(Operation::UnblockPin, 0x10, PinState::Blocked, LAST);
        assert!(matches!(
            u.submit(Entry::Unblock { puk: "12345678", new: "24680", repeat: "24680" }),
            Step::ConfirmLastTry { kind: PinKind::Puk }
        ));
    }

    #[test]
    fn query_answers() {
        assert_eq!(state_from_query(StatusWord::WrongPin { tries_left: 3 }), TRIES3);
        assert_eq!(state_from_query(StatusWord::WrongPin { tries_left: 0 }), PinState::Blocked);
        assert_eq!(state_from_query(StatusWord::Blocked), PinState::Blocked);
        assert_eq!(state_from_query(StatusWord::Ok), PinState::Verified);
        assert_eq!(state_from_query(StatusWord::InsNotSupported), PinState::Unknown);
    }

    #[derive(Debug, Clone)]
    enum Act {
        Submit(String, String, String),
        Confirm,
        Cancel,
        Restart,
        Answer(u16),
        Fail,
    }

    fn act() -> impl Strategy<Value = Act> {
        let s = || prop_oneof!["[0-9]{5,8}", "[0-9a]{0,10}", Just("12345".to_string())];
        prop_oneof![
            (s(), s(), s()).prop_map(|(a, b, c)| Act::Submit(a, b, c)),
            Just(Act::Confirm),
            Just(Act::Cancel),
            Just(Act::Restart),
            prop_oneof![
                Just(0x9000u16),
                Just(0x63C1),
                Just(0x63C2),
                Just(0x63C0),
                Just(0x6300),
                Just(0x6983),
                any::<u16>()
            ]
            .prop_map(Act::Answer),
            Just(Act::Fail),
        ]
    }

    fn state() -> impl Strategy<Value = PinState> {
        prop_oneof![
            Just(PinState::Unknown),
            Just(PinState::Blocked),
            Just(PinState::Verified),
            (0u8..4).prop_map(|t| PinState::TriesLeft { tries_left: t })
        ]
    }

    proptest! {
        /// Whatever the user and the card do: one input yields at most one command; no second
        /// command before the card answered the first; never a command for invalid input; never
        /// a command on a known last try except right after that exact confirmation.
        #[test]
        fn the_rules_hold(
            op in prop_oneof![Just(Operation::VerifyPin), Just(Operation::ChangePin), Just(Operation::UnblockPin)],
            pin in state(), puk in state(),
            acts in proptest::collection::vec(act(), 0..40),
        ) {
            let mut f = PinFlow::new(op, 0x10, pin, puk);
            let mut in_flight = false;
            let mut awaiting_confirmation = false;
            for a in acts {
                let relevant_last = f.relevant_state().is_last_try();
                let step = match &a {
                    Act::Submit(x, y, z) => {
                        let e = match op {
                            Operation::VerifyPin => Entry::Verify { pin: x },
                            Operation::ChangePin => Entry::Change { current: x, new: y, repeat: z },
                            Operation::UnblockPin => Entry::Unblock { puk: x, new: y, repeat: z },
                        };
                        f.submit(e)
                    }
                    Act::Confirm => f.confirm_last_try(),
                    Act::Cancel | Act::Restart => {
                        if matches!(a, Act::Cancel) { f.cancel() } else { f.restart() }
                        awaiting_confirmation = false;
                        continue;
                    }
                    Act::Answer(sw) => f.card_answered(StatusWord::from_u16(*sw)),
                    Act::Fail => f.card_failed(),
                };
                match (&a, &step) {
                    (_, Step::Send(_)) => {
                        prop_assert!(!in_flight, "second command before an answer");
                        match &a {
                            Act::Submit(x, y, z) => {
                                prop_assert!(!relevant_last, "last try sent without confirmation");
                                prop_assert!(Pin::new(x).is_ok());
                                if op != Operation::VerifyPin {
                                    prop_assert!(Pin::new(y).is_ok() && y == z);
                                }
                            }
                            Act::Confirm => prop_assert!(awaiting_confirmation),
                            _ => prop_assert!(false, "command from a card answer"),
                        }
                        in_flight = true;
                        awaiting_confirmation = false;
                    }
                    (_, Step::ConfirmLastTry { .. }) => {
                        prop_assert!(relevant_last);
                        awaiting_confirmation = true;
                    }
                    (Act::Answer(_) | Act::Fail, Step::Done(_)) => { in_flight = false; }
                    (Act::Submit(..), Step::Invalid(_)) => { awaiting_confirmation = false; }
                    _ => {}
                }
            }
        }
    }
}
