//! # cns-sim
//!
//! A simulated Italian TS-CNS smart card, faithful enough for the card manager's tests, the
//! virtual reader behind pcscd, and the GUI's demo mode.
//!
//! * [`SimCard`]: the card itself. APDU bytes in, response bytes out: the file system of the CNS
//!   File System document (MF, DF0, DF1, DF2 and their EFs, with a fictitious holder and a CNS
//!   profile certificate), SELECT, READ BINARY, VERIFY, CHANGE REFERENCE DATA and RESET RETRY
//!   COUNTER on the PIN (BSO 0x10) and PUK (BSO 0x11).
//! * [`Quirks`] and [`QuirkMode`]: how real card families differ (P2 0x90, 63 00, empty VERIFY
//!   that costs a try, GET RESPONSE, 6Cxx, 6700 on Le = 00), each preset with a real ATR.
//! * [`Holder`]: the fictitious card holders and the EF.Dati_personali encoder.
//! * [`SimHandle`] / [`SimTransport`]: a reader slot shared between the test and the code under
//!   test, implementing cns-core's `CardTransport`, with card removal and a command log that
//!   never holds command data.
//! * State files ([`SimCard::save_state`] / [`SimCard::load_state`]), TOML.

#![forbid(unsafe_code)]

mod apdu;
mod card;
pub mod fixtures;
mod fs;
pub mod holder;
pub mod hostile;
mod pin;
pub mod quirks;
mod sign;
mod state;
mod transport;

pub use card::{DEFAULT_PIN, DEFAULT_PIN_TRIES, DEFAULT_PUK, DEFAULT_PUK_TRIES, InvalidSecret, SimCard};
pub use holder::{Holder, HolderPreset};
pub use hostile::Hostility;
pub use quirks::{EofStyle, QuirkMode, Quirks, UnknownMode};
pub use state::StateError;
pub use transport::{CardGuard, LoggedCommand, SimHandle, SimTransport};

/// File identifiers of the simulated card, for tests that walk the tree.
pub mod fid {
    pub use crate::fs::{
        DF_CERT_2025, DF0, DF1, DF2, EF_C_CARTA, EF_CARD_STATUS, EF_CERT_2025, EF_DATI_AGGIUNTIVI,
        EF_DATI_PERSONALI, EF_DATI_PROCESSORE, EF_GDO, EF_ID_CARTA, EF_INST_FILE, EF_KEYPUB,
        EF_MEMORIA_RESIDUA, EF_SERIAL_BCD, EF_SERVIZI_INSTALLATI, MF,
    };
}
