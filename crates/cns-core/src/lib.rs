//! # cns-core
//!
//! Everything about talking to an Italian TS-CNS (Tessera Sanitaria – Carta Nazionale dei Servizi)
//! card, with no I/O of its own: APDUs and status words, card recognition from the ATR, the card's
//! files and their parsers, the codice fiscale, the authentication certificate, and the PIN/PUK
//! state machines. A [`transport::CardTransport`] (PC/SC, or the simulated card) supplies the I/O.

#![forbid(unsafe_code)]

pub mod apdu;
pub mod card;
pub mod cert;
pub mod codice_fiscale;
pub mod commands;
pub mod files;
pub mod flow;
pub mod italian_time;
pub mod pin;
pub mod profile;
pub mod transport;

pub use apdu::{Command, Response, StatusWord, exchange};
pub use pin::{Pin, PinKind, PinState};
pub use transport::{CardSession, CardTransport, TransportError};
