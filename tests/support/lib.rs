//! Helpers shared by the cross-crate tests.

pub mod rig;

use cns_core::card::{self, CardError, Location};
use cns_core::flow::{Entry, Operation, Outcome, PinFlow, Step};
use cns_core::{CardTransport, PinState};

/// What one user action led to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Result_ {
    /// The flow asked for the last-try confirmation and the test did not give it.
    NeedsConfirmation,
    Outcome(Outcome),
    /// The flow refused or rejected locally: nothing was sent.
    NotSent,
}

/// Runs one user action the way the front ends do: read the counters, submit, confirm if
/// allowed, send at most one command, report the answer.
pub fn act(
    transport: &mut dyn CardTransport,
    flow: &mut CardFlow,
    entry: Entry<'_>,
    confirm_last: bool,
) -> Result<Result_, CardError> {
    flow.restart();
    let mut step = flow.submit(entry);
    if let Step::ConfirmLastTry { .. } = step {
        if !confirm_last {
            flow.cancel();
            return Ok(Result_::NeedsConfirmation);
        }
        step = flow.confirm_last_try();
    }
    match step {
        Step::Send(cmd) => match card::send_pin_command(transport, flow.location, cmd) {
            Ok(sw) => match flow.card_answered(sw) {
                Step::Done(o) => Ok(Result_::Outcome(o)),
                _ => Ok(Result_::NotSent),
            },
            Err(e) => {
                flow.card_failed();
                Err(e)
            }
        },
        _ => Ok(Result_::NotSent),
    }
}

/// A PIN flow and where the card keeps its CNS files, from the status read that seeded it.
pub struct CardFlow {
    pub flow: PinFlow,
    pub location: Location,
}

impl std::ops::Deref for CardFlow {
    type Target = PinFlow;
    fn deref(&self) -> &PinFlow {
        &self.flow
    }
}

impl std::ops::DerefMut for CardFlow {
    fn deref_mut(&mut self) -> &mut PinFlow {
        &mut self.flow
    }
}

/// A flow seeded from a fresh status read, as the window does.
pub fn new_flow(transport: &mut dyn CardTransport, op: Operation) -> Result<CardFlow, CardError> {
    let s = card::read_status(transport)?;
    let pin_ref = s.location.pin_ref(s.recognition.profile);
    Ok(CardFlow { flow: PinFlow::new(op, pin_ref, s.pin, s.puk), location: s.location })
}

pub fn tries(n: u8) -> PinState {
    PinState::TriesLeft { tries_left: n }
}
