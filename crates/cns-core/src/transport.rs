//! How cns-core reaches a card, without knowing how: the PC/SC backend and the simulated card both
//! implement these traits.

use std::error::Error as StdError;

/// What went wrong between us and the card, as the user needs to hear it.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum TransportError {
    #[error("no smart card reader found")]
    NoReader,
    #[error("no card in the reader")]
    NoCard,
    #[error("the card was removed")]
    CardRemoved,
    #[error("the card was reset by another program")]
    CardReset,
    #[error("another program is using the card")]
    SharingViolation,
    /// Another program kept the card inside a transaction longer than we wait (see cns-pcsc's
    /// bounded wait); nothing was sent to the card.
    #[error("another program kept the card busy longer than we wait")]
    Busy,
    #[error("the smart card service is not available")]
    ServiceUnavailable,
    /// The service went away (stopped, crashed, restarted) while we were connected to a card:
    /// the operation under way may or may not have completed.
    #[error("the smart card service stopped during the operation")]
    ServiceLost,
    #[error("the operation was cancelled")]
    Cancelled,
    #[error("the card does not respond")]
    Unresponsive,
    /// The card sent more than the answer to one short APDU can hold (a broken or hostile card).
    #[error("the card sent more data than one answer can hold")]
    OversizedResponse,
    #[error("smart card transport error")]
    Other(#[source] Box<dyn StdError + Send + Sync>),
}

impl TransportError {
    /// Wraps any error as [`TransportError::Other`], keeping it as the source.
    pub fn other(e: impl StdError + Send + Sync + 'static) -> Self {
        TransportError::Other(Box::new(e))
    }
}

/// A card in a reader: knows its ATR and opens short exclusive sessions.
pub trait CardTransport: Send {
    /// The card's answer to reset.
    fn atr(&self) -> &[u8];

    /// Opens a short exclusive session (one PC/SC transaction). One session per user operation,
    /// never held open while a person types.
    fn session(&mut self) -> Result<Box<dyn CardSession + '_>, TransportError>;

    /// Resets the card so that no verified-PIN state survives us (called after PIN operations).
    fn reset(&mut self) -> Result<(), TransportError> {
        Ok(())
    }
}

/// An open session: sends raw APDUs.
pub trait CardSession {
    /// Sends one command APDU and returns the raw response (data || SW1 SW2).
    fn transmit(&mut self, apdu: &[u8]) -> Result<Vec<u8>, TransportError>;

    /// True when the card had been reset by another program before this session began (our
    /// selected file and any verified state are gone).
    fn was_reset(&self) -> bool {
        false
    }
}
