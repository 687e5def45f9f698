//! # cns-vpcd
//!
//! Serves a virtual smart card to the vsmartcard `vpcd` driver loaded by pcscd, so that real
//! PC/SC clients (OpenSC, the `pcsc` crate, this project's own tools) talk to an emulated card.
//!
//! The card is the TCP client: vpcd listens on port 35963 for reader `Virtual PCD 00 00`
//! (35964 for `… 00 01`). Connecting is "card inserted", closing is "card removed".
//! See [`protocol`] for the wire format and [`serve`] for the loop.
//!
//! Never connect to a live vpcd port from a unit test: any connection is a card insertion.

#![forbid(unsafe_code)]

pub mod connection;
pub mod control;
pub mod foreign;
pub mod protocol;
#[cfg(feature = "sim")]
pub mod sim;

pub use connection::{EndReason, Event, log_connection_events, serve, serve_with};
pub use control::Control;
pub use protocol::{ApduHeader, ControlByte, Message, handle_message, read_frame, write_frame};

/// Default TCP port of vpcd's first slot (reader `Virtual PCD 00 00`).
pub const DEFAULT_PORT: u16 = 35963;

/// A card that vpcd can talk to. Must tolerate power and reset messages at any time: pcscd
/// powers an idle card off after about a second and back on at the next connect.
pub trait VirtualCard: Send {
    /// The answer-to-reset; vpcd asks for it on every presence poll (every 400 ms).
    fn atr(&self) -> Vec<u8>;
    fn power_on(&mut self);
    fn power_off(&mut self);
    /// Warm reset, e.g. from `SCardDisconnect(SCARD_RESET_CARD)`.
    fn reset(&mut self);
    /// Answers one C-APDU with the R-APDU (data followed by SW1 SW2).
    fn process(&mut self, apdu: &[u8]) -> Vec<u8>;
    /// Called each time the serve loop connects to vpcd, i.e. when the card enters the reader.
    fn inserted(&mut self) {}
}

impl<T: VirtualCard + ?Sized> VirtualCard for Box<T> {
    fn atr(&self) -> Vec<u8> {
        (**self).atr()
    }
    fn power_on(&mut self) {
        (**self).power_on()
    }
    fn power_off(&mut self) {
        (**self).power_off()
    }
    fn reset(&mut self) {
        (**self).reset()
    }
    fn process(&mut self, apdu: &[u8]) -> Vec<u8> {
        (**self).process(apdu)
    }
    fn inserted(&mut self) {
        (**self).inserted()
    }
}
