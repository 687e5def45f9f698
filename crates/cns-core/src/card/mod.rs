//! Operations on a card, each in one short session: read everything the status screen shows,
//! read the certificate, query the counters when the card allows it, send one PIN command.
//!
//! Every operation finds the CNS files first ([`Location`]: the classic tree, or a CNS applet)
//! and then asks for as few APDUs as the card family allows: each one costs a citizen
//! milliseconds on a real reader.

mod locate;
mod read;
mod sign;
mod status;

pub use locate::Location;
pub use read::fci_size;
pub use sign::{SignedWithPin, sign_verified, sign_with_pin};
pub use status::{CardStatus, read_status};

use locate::{Cns, Counters};

use crate::Command;
use crate::apdu::{ExchangeError, StatusWord};
use crate::cert;
use crate::commands;
use crate::flow::{self, Operation};
use crate::pin::{PinKind, PinState};
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
    /// An answer to reset that no ISO 7816-3 card sends (longer than 33 bytes): nothing is
    /// sent to such a card.
    #[error("the card's answer to reset is not valid")]
    BadAtr(#[source] crate::profile::AtrError),
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

/// Asks one counter with an empty VERIFY where the profile says it costs nothing; otherwise
/// reports it as unknown without sending anything.
fn query_counter(cns: &mut Cns<'_>, kind: PinKind) -> Result<PinState, CardError> {
    if !cns.profile.empty_verify_safe {
        return Ok(PinState::Unknown);
    }
    // No-op where the PIN objects are already reachable (always, where `Cns::open` asks).
    cns.enter_pin_root()?;
    let reference = match kind {
        PinKind::Pin => cns.location.pin_ref(cns.profile),
        PinKind::Puk => cns.location.puk_ref(cns.profile),
    };
    let state = flow::state_from_query(cns.send(&commands::verify_status(reference))?);
    // A PUK cannot be "verified" in a way that matters to the user; say what we know.
    Ok(match (kind, state) {
        (PinKind::Puk, PinState::Verified) => PinState::Unknown,
        (_, s) => s,
    })
}

/// Refuses a card whose ATR is longer than ISO 7816-3 allows: whatever it is, it is not a card
/// that follows the standard, and its answers cannot be trusted to.
pub(crate) fn check_atr(atr: &[u8]) -> Result<(), CardError> {
    match crate::profile::parse_atr(atr) {
        Err(e @ crate::profile::AtrError::TooLong(_)) => Err(CardError::BadAtr(e)),
        _ => Ok(()),
    }
}

/// Reads the DER certificate from the card (only the certificate, not the file's padding).
pub fn read_certificate(transport: &mut dyn CardTransport) -> Result<Vec<u8>, CardError> {
    check_atr(transport.atr())?;
    let recognition = crate::profile::recognize(transport.atr());
    let mut session = transport.session()?;
    let (mut cns, _) = Cns::open(session.as_mut(), &recognition, Counters::None)?;
    read_certificate_in(&mut cns)?
        .ok_or(CardError::Status { op: "certificate", sw: StatusWord::FileNotFound })
}

/// Reads only the card's serial (EF.ID_Carta, or the applet's serial file): what says which
/// region issued it. Asks no counter, reads nothing personal.
pub fn read_card_id(transport: &mut dyn CardTransport) -> Result<crate::files::id_carta::CardId, CardError> {
    check_atr(transport.atr())?;
    let recognition = crate::profile::recognize(transport.atr());
    let mut session = transport.session()?;
    let (_, id) = Cns::open(session.as_mut(), &recognition, Counters::None)?;
    Ok(id)
}

/// The certificate at the first place this card keeps one; `None` when there is none.
fn read_certificate_in(cns: &mut Cns<'_>) -> Result<Option<Vec<u8>>, CardError> {
    for location in cns.cert_locations() {
        let der = match cns.read(location.path, CERTIFICATE_SIZE, &cert::der_total_length) {
            Ok(der) => der,
            // Another place may hold it; losing the card is not "elsewhere".
            Err(CardError::Status { .. }) => continue,
            Err(e) => return Err(e),
        };
        // Files may exist and hold zeros (OpenSC commit 5115785ac): only DER counts.
        if cert::der_total_length(&der).is_some_and(|n| n <= der.len()) {
            return Ok(Some(der));
        }
    }
    Ok(None)
}

/// Sends one PIN command (from a [`flow::PinFlow`]) in its own session, exactly once, to the
/// card whose CNS files are at `location` (from its status read), then resets the card so no
/// verified state outlives the operation. Under an applet the application is selected first
/// (after a reset it is not, and the PIN commands need it as the current DF); on a classic
/// card nothing is (see [`Cns::enter_pin_root`]). The command, and the PIN in it, is dropped
/// (and wiped) before this returns.
pub fn send_pin_command(
    transport: &mut dyn CardTransport,
    location: Location,
    cmd: Command,
) -> Result<StatusWord, CardError> {
    let sw = {
        let mut session = transport.session()?;
        let r = enter_pin_root(session.as_mut(), location).and_then(|()| {
            let r = crate::apdu::exchange(session.as_mut(), &cmd);
            drop(cmd);
            Ok(r?.sw)
        });
        r?
    };
    reset_after_pin(transport);
    Ok(sw)
}

/// The application again (after a reset it is not selected); nothing on a classic card.
fn enter_pin_root(session: &mut dyn CardSession, location: Location) -> Result<(), CardError> {
    match location {
        Location::Classic => Ok(()),
        Location::Applet(a) => locate::select_application(session, a),
    }
}

/// Failing to reset only matters for the verified state; the answer is what the user needs.
fn reset_after_pin(transport: &mut dyn CardTransport) {
    if let Err(e) = transport.reset() {
        tracing::debug!("card reset after PIN command failed: {e}");
    }
}

/// What a PIN operation knows when it decides whether to send its command.
#[derive(Debug, Clone, Copy)]
pub struct PinContext {
    pub location: Location,
    pub profile: &'static CardProfile,
    /// P2 for the PIN commands on this card (profile or applet).
    pub pin_ref: u8,
    pub pin: PinState,
    pub puk: PinState,
}

/// A PIN operation failed on the way; `command_sent` says whether its command may have reached
/// the card (then the counter may have moved: the user must check before trying again).
#[derive(Debug, thiserror::Error)]
#[error("{error}")]
pub struct PinOpError {
    #[source]
    pub error: CardError,
    pub command_sent: bool,
}

/// One PIN operation in one card session, at the fewest APDUs: find the CNS files and confirm
/// the card (its serial), ask the counter that `op` can consume where that is free (and the
/// PUK's when the PIN is blocked, for the right advice), let `decide` build the command or
/// stop, send it once, reset the card.
///
/// Returns the card's answer, or `None` when `decide` sent nothing.
pub fn pin_operation(
    transport: &mut dyn CardTransport,
    op: Operation,
    decide: impl FnOnce(&PinContext) -> Option<Command>,
) -> Result<Option<StatusWord>, PinOpError> {
    let r = pin_operation_in_session(transport, op, decide);
    if matches!(r, Ok(Some(_))) {
        reset_after_pin(transport);
    }
    r.map(|o| o.map(|(sw, _)| sw))
}

/// A login for middleware that holds one (PKCS#11's C_Login): the PIN is verified exactly as
/// [`pin_operation`] does it, but the card is **not** reset afterwards, so the card itself keeps
/// the verified state for [`sign_verified`] until the caller resets it (logout, card removal,
/// or another program's reset). No PIN is kept anywhere but on the card.
///
/// Returns the card's answer and where the CNS files are, or `None` when `decide` sent nothing.
pub fn verify_pin_keep_session(
    transport: &mut dyn CardTransport,
    decide: impl FnOnce(&PinContext) -> Option<Command>,
) -> Result<Option<(StatusWord, Location)>, PinOpError> {
    pin_operation_in_session(transport, Operation::VerifyPin, decide)
}

fn pin_operation_in_session(
    transport: &mut dyn CardTransport,
    op: Operation,
    decide: impl FnOnce(&PinContext) -> Option<Command>,
) -> Result<Option<(StatusWord, Location)>, PinOpError> {
    let not_sent = |error: CardError| PinOpError { error, command_sent: false };
    check_atr(transport.atr()).map_err(not_sent)?;
    let recognition = crate::profile::recognize(transport.atr());
    let profile = recognition.profile;
    let answer = {
        let mut session = transport.session().map_err(|e| not_sent(e.into()))?;
        let counters = match op.consumes() {
            PinKind::Pin => Counters::ForPin,
            PinKind::Puk => Counters::Puk,
        };
        let (mut cns, _) = Cns::open(session.as_mut(), &recognition, counters).map_err(not_sent)?;
        let location = cns.location;
        let ctx =
            PinContext { location, profile, pin_ref: location.pin_ref(profile), pin: cns.pin, puk: cns.puk };
        let Some(cmd) = decide(&ctx) else {
            return Ok(None);
        };
        cns.enter_pin_root().map_err(not_sent)?;
        let sw = cns.send(&cmd);
        drop(cmd);
        (sw.map_err(|error| PinOpError { error, command_sent: true })?, location)
    };
    Ok(Some(answer))
}

/// The recognition the operations above use, for callers that need the profile.
pub fn recognize(transport: &dyn CardTransport) -> Recognition {
    crate::profile::recognize(transport.atr())
}
