//! Where cards come from: PC/SC readers, or the demo's simulated card in a virtual reader.

use cns_core::{CardTransport, TransportError};
use cns_pcsc::{PcscTransport, ReaderInfo};
use cns_sim::SimHandle;

/// The name of the demo's virtual reader.
pub const DEMO_READER: &str = "CNS Manager – lettore dimostrativo";

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
