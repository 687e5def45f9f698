//! The PIN wizards (change, unblock, verify): the state of one wizard ([`Wizard`], with the
//! cns-core flow that decides what may be sent) and its page ([`ui`]). The app sends the
//! command a step returns to the card worker and hands the answer back to the wizard.

mod state;
mod view;
mod words;

pub(crate) use state::{Phase, Wizard};
pub(crate) use view::ui;
