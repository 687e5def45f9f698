//! Where cards come from: PC/SC readers, or the demo's simulated card in a virtual reader.

use cns_core::{CardTransport, TransportError};
use cns_pcsc::{PcscTransport, ReaderInfo};
use cns_sim::{HolderPreset, QuirkMode, SimCard, SimHandle};

use crate::i18n::{Lang, msg};

/// The name of the demo's virtual reader.
pub const DEMO_READER: &str = "CNS Manager – lettore dimostrativo";

/// The demo reader's name in the user's language (the reader keeps one name inside: settings
/// and the reader monitor match it).
pub fn reader_name(name: &str, lang: Lang) -> String {
    if name == DEMO_READER { lang.tr(msg::demo_reader_name()) } else { name.to_owned() }
}

/// The holder a family of simulated cards comes with: the region on screen comes from the
/// card's serial, so the Lombardy CRS needs a Lombardy holder (serial 6030…) to say Lombardia.
pub fn demo_holder(mode: QuirkMode) -> HolderPreset {
    match mode {
        QuirkMode::Legacy => HolderPreset::RossiMario,
        _ => HolderPreset::BianchiGiulia,
    }
}

/// A fresh simulated card of family `mode`, with that family's holder (PIN 12345).
pub fn demo_card(mode: QuirkMode) -> SimCard {
    SimCard::new(mode, demo_holder(mode))
}

#[derive(Clone)]
pub enum Backend {
    /// Real readers through the platform's smart card service.
    Pcsc,
    /// The simulated TS-CNS in a virtual reader (demo mode, tests).
    Demo(SimHandle),
}

impl Backend {
    pub fn is_demo(&self) -> bool {
        matches!(self, Backend::Demo(_))
    }

    /// The readers and whether each holds a card.
    pub fn readers(&self) -> Result<Vec<ReaderInfo>, TransportError> {
        match self {
            Backend::Pcsc => cns_pcsc::list_readers(),
            Backend::Demo(h) => {
                let atr = if h.is_present() { h.atr().ok() } else { None };
                Ok(vec![ReaderInfo { name: DEMO_READER.to_owned(), card_present: atr.is_some(), atr }])
            }
        }
    }

    /// Connects to the card in `reader`.
    pub fn open(&self, reader: &str) -> Result<Box<dyn CardTransport>, TransportError> {
        match self {
            Backend::Pcsc => Ok(Box::new(PcscTransport::open(reader)?)),
            Backend::Demo(h) => {
                if reader != DEMO_READER {
                    return Err(TransportError::NoReader);
                }
                if !h.is_present() {
                    return Err(TransportError::NoCard);
                }
                Ok(Box::new(h.transport()))
            }
        }
    }
}
