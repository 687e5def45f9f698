//! [`CardSigner`]: a [`DigestSigner`] that signs with a TS-CNS through any
//! [`CardTransport`] (PC/SC, the simulated card): the PIN goes through the project's
//! [`PinFlow`] (validation, last-try guard, never sent twice), and the PIN verification and the
//! signature happen in one card session, after which the card is reset
//! ([`cns_core::card::sign_with_pin`]).

use crate::DigestSigner;
use cns_core::card::{self, PinOpError};
use cns_core::flow::{Entry, InputProblem, Operation, Outcome, PinFlow, Refusal, Step};
use cns_core::{CardTransport, Pin};

/// Why the card did not sign.
#[derive(Debug, thiserror::Error)]
pub enum CardSignError {
    /// The PIN was sent and refused (wrong, blocked...): the flow's outcome.
    #[error("the card refused the PIN")]
    Pin(Outcome),
    /// Exactly one try is left and it was not confirmed: nothing was sent.
    #[error("one PIN try left: not confirmed")]
    NeedsConfirmation,
    /// The PIN is not valid (5–8 digits): nothing was sent.
    #[error("the PIN is not valid")]
    Invalid(Vec<InputProblem>),
    /// Nothing can be sent (PIN blocked...).
    #[error("nothing sent to the card")]
    Refused(Refusal),
    /// The PIN was accepted but the card did not sign, or the card was lost on the way.
    #[error(transparent)]
    Card(#[from] PinOpError),
    /// Asked twice: one user action sends the PIN once.
    #[error("the PIN was already used for this signature")]
    AlreadyUsed,
}

/// Signs with the card, once, with the PIN the user typed.
pub struct CardSigner<'a> {
    transport: &'a mut dyn CardTransport,
    /// Validated (5–8 digits) and wiped on drop; taken when sent, so it cannot go twice.
    pin: Option<Pin>,
    confirm_last_try: bool,
    /// The PIN flow's outcome once the card answered (for the caller's messages).
    pub outcome: Option<Outcome>,
}

impl<'a> CardSigner<'a> {
    /// `pin` is wiped when the signer is dropped or the PIN has been sent. Taking a [`Pin`]
    /// rather than text means a malformed PIN is refused before a signer exists.
    pub fn new(transport: &'a mut dyn CardTransport, pin: Pin, confirm_last_try: bool) -> Self {
        CardSigner { transport, pin: Some(pin), confirm_last_try, outcome: None }
    }
}

impl DigestSigner for CardSigner<'_> {
    type Error = CardSignError;

    fn sign_digest_info(&mut self, digest_info: &[u8]) -> Result<Vec<u8>, CardSignError> {
        let pin = self.pin.take().ok_or(CardSignError::AlreadyUsed)?;
        let confirm = self.confirm_last_try;
        let mut flow = None;
        let mut early = None;
        let answer = card::sign_with_pin(
            self.transport,
            |ctx| {
                let f = flow.insert(PinFlow::new(Operation::VerifyPin, ctx.pin_ref, ctx.pin, ctx.puk));
                let mut step = f.submit(Entry::Verify { pin: pin.expose_digits() });
                if let Step::ConfirmLastTry { .. } = step {
                    if !confirm {
                        f.cancel();
                        early = Some(CardSignError::NeedsConfirmation);
                        return None;
                    }
                    step = f.confirm_last_try();
                }
                match step {
                    Step::Send(cmd) => Some(cmd),
                    Step::Invalid(p) => {
                        early = Some(CardSignError::Invalid(p));
                        None
                    }
                    Step::Refused(r) => {
                        early = Some(CardSignError::Refused(r));
                        None
                    }
                    _ => None,
                }
            },
            digest_info,
        );
        drop(pin);
        let answer = match answer {
            Ok(Some(a)) => a,
            Ok(None) => return Err(early.unwrap_or(CardSignError::Refused(Refusal::Finished))),
            Err(e) => {
                if e.command_sent
                    && let Some(f) = flow.as_mut()
                {
                    f.card_failed();
                    self.outcome = Some(Outcome::Interrupted);
                }
                return Err(e.into());
            }
        };
        let outcome = match flow.as_mut().map(|f| f.card_answered(answer.pin_answer)) {
            Some(Step::Done(o)) => o,
            _ => Outcome::Interrupted,
        };
        self.outcome = Some(outcome);
        if outcome != Outcome::Success {
            return Err(CardSignError::Pin(outcome));
        }
        match answer.signature {
            Some(Ok(sig)) => Ok(sig),
            // The PIN was accepted: its try is settled, whatever became of the signature, so the
            // PIN command is not in doubt (only the signature failed; no file is written).
            Some(Err(error)) => Err(CardSignError::Card(PinOpError { error, command_sent: false })),
            None => Err(CardSignError::Pin(outcome)),
        }
    }
}
