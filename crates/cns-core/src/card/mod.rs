//! Operations on a card, each in one short session: read everything the status screen shows,
//! read the certificate, query the counters when the card allows it, send one PIN command.

mod read;
mod status;

pub use read::fci_size;
pub use status::{CardStatus, read_status};

use crate::Command;
use crate::apdu::{ExchangeError, StatusWord, exchange};
use crate::cert;
use crate::commands;
use crate::files::id_carta;
use crate::flow;
use crate::pin::PinState;
use crate::profile::{CardProfile, Recognition};
use crate::transport::{CardSession, CardTransport, TransportError};

/// What can go wrong in a card operation.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CardError {
    #[error(transparent)]
    Transport(#[from] TransportError),
    #[error("the card's answer could not be understood")]
    Exchange(#[source] ExchangeError),
    #[error("{op} refused by the card ({sw})")]
    Status { op: &'static str, sw: StatusWord },
    /// The card answered, but it is not a TS-CNS.
    #[error("not a TS-CNS card")]
    NotCns(#[source] Option<Box<dyn std::error::Error + Send + Sync>>),
    #[error("{what} on the card could not be read")]
    Parse {
        what: &'static str,
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
}

/// Sizes of the files we read, from the TS-CNS file system: reads never go past them.
const ID_CARTA_SIZE: usize = 16;
const PERSONAL_DATA_SIZE: usize = 400;
const PROCESSOR_DATA_SIZE: usize = 54;
const CERTIFICATE_SIZE: usize = 2048;

/// Where the CNS files live on this card: the classic tree under the MF, or under an applet.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Root {
    Mf,
    Applet(Vec<u8>),
}

fn select(session: &mut dyn CardSession, root: &Root, path: &[u16]) -> Result<Option<usize>, CardError> {
    match root {
        Root::Mf => read::select_path(session, path),
        Root::Applet(aid) => read::select_in_applet(session, aid, path),
    }
}

fn read_file(
    session: &mut dyn CardSession,
    root: &Root,
    path: &[u16],
    limit: usize,
    total_from_prefix: &dyn Fn(&[u8]) -> Option<usize>,
) -> Result<Vec<u8>, CardError> {
    let size = select(session, root, path)?;
    read::read_selected(session, size, limit, total_from_prefix)
}

/// Finds the CNS files and reads EF.ID_Carta, which confirms the card is a TS-CNS: first the
/// classic tree, then the applets the profile lists.
fn identify(
    session: &mut dyn CardSession,
    profile: &CardProfile,
) -> Result<(Root, id_carta::CardId), CardError> {
    let mut roots = vec![Root::Mf];
    roots.extend(profile.aids.iter().map(|a| Root::Applet(a.to_vec())));
    let mut last = None;
    for root in roots {
        match read_file(session, &root, profile.id_carta_path, ID_CARTA_SIZE, &|_| None) {
            Ok(raw) => {
                return id_carta::parse(&raw)
                    .map(|id| (root, id))
                    .map_err(|e| CardError::NotCns(Some(Box::new(e))));
            }
            // Another root may hold the files.
            Err(CardError::Status { .. }) => last = None,
            Err(e) => last = Some(e),
        }
    }
    Err(last.unwrap_or(CardError::NotCns(None)))
}

/// Asks the counters with an empty VERIFY where the profile says it costs nothing; otherwise
/// reports them as unknown without sending anything.
fn query_counters(
    session: &mut dyn CardSession,
    profile: &CardProfile,
) -> Result<(PinState, PinState), CardError> {
    if !profile.empty_verify_safe {
        return Ok((PinState::Unknown, PinState::Unknown));
    }
    // The counters live under the MF.
    let _ = exchange(session, &commands::select_mf())?;
    let pin = flow::state_from_query(exchange(session, &commands::verify_status(profile.pin_ref))?.sw);
    let puk = flow::state_from_query(exchange(session, &commands::verify_status(profile.puk_ref))?.sw);
    // A PUK cannot be "verified" in a way that matters to the user; say what we know.
    let puk = if puk == PinState::Verified { PinState::Unknown } else { puk };
    Ok((pin, puk))
}

/// Reads the DER certificate from the card (only the certificate, not the file's padding).
pub fn read_certificate(transport: &mut dyn CardTransport) -> Result<Vec<u8>, CardError> {
    let recognition = crate::profile::recognize(transport.atr());
    let mut session = transport.session()?;
    let (root, _) = identify(session.as_mut(), recognition.profile)?;
    read_certificate_in(session.as_mut(), &root, recognition.profile)
}

fn read_certificate_in(
    session: &mut dyn CardSession,
    root: &Root,
    profile: &CardProfile,
) -> Result<Vec<u8>, CardError> {
    let der = read_file(session, root, profile.cert_path, CERTIFICATE_SIZE, &cert::der_total_length)?;
    match cert::der_total_length(&der) {
        Some(n) if n <= der.len() => Ok(der),
        _ => Err(CardError::Status { op: "certificate", sw: StatusWord::FileNotFound }),
    }
}

/// Sends one PIN command (from a [`flow::PinFlow`]) in its own session, exactly once, and then
/// resets the card so no verified state outlives the operation. The command, and the PIN in it,
/// is dropped (and wiped) before this returns.
pub fn send_pin_command(transport: &mut dyn CardTransport, cmd: Command) -> Result<StatusWord, CardError> {
    let atr = transport.atr().to_vec();
    let sw = {
        let mut session = transport.session()?;
        select_pin_root(session.as_mut(), recognize_atr(&atr))?;
        let r = exchange(session.as_mut(), &cmd);
        drop(cmd);
        r?.sw
    };
    // Failing to reset only matters for the verified state; the answer is what the user needs.
    if let Err(e) = transport.reset() {
        tracing::debug!("card reset after PIN command failed: {e}");
    }
    Ok(sw)
}

/// The PIN objects live under the MF on classic cards (select it so P2's "under the MF" is
/// unambiguous), under the CNS applet on the newer ones.
fn select_pin_root(session: &mut dyn CardSession, profile: &CardProfile) -> Result<(), CardError> {
    if exchange(session, &commands::select_mf())?.sw == StatusWord::Ok {
        return Ok(());
    }
    for aid in profile.aids {
        if let Ok(cmd) = commands::select_aid(aid)
            && exchange(session, &cmd)?.sw == StatusWord::Ok
        {
            return Ok(());
        }
    }
    Err(CardError::NotCns(None))
}

fn recognize_atr(atr: &[u8]) -> &'static CardProfile {
    crate::profile::recognize(atr).profile
}

/// The recognition the operations above use, for callers that need the profile.
pub fn recognize(transport: &dyn CardTransport) -> Recognition {
    crate::profile::recognize(transport.atr())
}
