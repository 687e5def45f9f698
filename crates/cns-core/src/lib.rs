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

/// An error and its sources on one line ("a: b: c"), for technical details and support.
pub fn error_chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut src = e.source();
    while let Some(inner) = src {
        s.push_str(": ");
        s.push_str(&inner.to_string());
        src = inner.source();
    }
    s
}
pub use pin::{Pin, PinKind, PinState};
pub use transport::{CardSession, CardTransport, TransportError};

#[cfg(test)]
mod tests {
    #[test]
    fn error_chain_joins_the_sources() {
        let e = crate::card::CardError::Transport(crate::TransportError::other(std::io::Error::other(
            "pcscd gone",
        )));
        assert_eq!(super::error_chain(&e), "smart card transport error: pcscd gone");
    }
}
