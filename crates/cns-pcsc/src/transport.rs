//! [`CardTransport`] over PC/SC: a shared connection, one transaction per session.

use std::ffi::CString;
use std::time::{Duration, Instant};

use cns_core::{CardSession, CardTransport, TransportError};
use pcsc::{Card, Context, Disposition, Protocols, ReaderState, Scope, ShareMode, State};

use crate::busy::{busy_wait, wait_until_free};
use crate::error::{map_error, map_error_on};

// T=1 is what the CNS cards negotiate; T=0 is accepted so that readers which only offer T=0 work.
const PROTOCOLS: Protocols = Protocols::T0.union(Protocols::T1);

/// A shared PC/SC connection to the card in one reader.
///
/// Dropping it disconnects with `LeaveCard`, so middleware that shares the card (browsers,
/// PKCS#11) keeps its state; call [`CardTransport::reset`] to drop a verified PIN first.
pub struct PcscTransport {
    // Only `None` inside `drop`, which needs to move the card out to disconnect it.
    card: Option<Card>,
    reader: String,
    atr: Vec<u8>,
    // How long to wait for another program's transaction to end (see `busy.rs`).
    busy_wait: Duration,
    // Keeps the context alive for reconnects; the card also holds a clone of it.
    _ctx: Context,
}

impl std::fmt::Debug for PcscTransport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PcscTransport")
            .field("reader", &self.reader)
            .field("atr_len", &self.atr.len())
            .finish_non_exhaustive()
    }
}

impl PcscTransport {
    /// Connects (shared, T=1 or T=0) to the card in `reader` on the caller's context.
    ///
    /// Use a context of the thread that does the card work, not the monitor's: operations on
    /// one context are serialised by pcsc-lite, so a blocked monitor would stall us.
    ///
    /// When another program is connected to the card, waits at most [`crate::busy_wait`] for
    /// its transaction to end (pcscd holds a connect for as long as one is open), then gives
    /// [`TransportError::Busy`].
    pub fn connect(ctx: &Context, reader: &str) -> Result<Self, TransportError> {
        let name = CString::new(reader).map_err(TransportError::other)?;
        let bound = busy_wait();
        if others_connected(ctx, &name) {
            wait_until_free(reader, PROTOCOLS, bound)?;
        }
        let card = ctx.connect(&name, ShareMode::Shared, PROTOCOLS).map_err(map_error)?;
        let atr = read_atr(&card)?;
        tracing::debug!(reader, atr_len = atr.len(), "connected");
        Ok(PcscTransport {
            card: Some(card),
            reader: reader.to_owned(),
            atr,
            busy_wait: bound,
            _ctx: ctx.clone(),
        })
    }

    /// Sets how long [`CardTransport::session`] waits for another program's transaction to end
    /// before giving [`TransportError::Busy`] (default: [`crate::busy_wait`]).
    pub fn set_busy_wait(&mut self, bound: Duration) {
        self.busy_wait = bound;
    }

    /// Like [`PcscTransport::connect`], with a context of its own.
    pub fn open(reader: &str) -> Result<Self, TransportError> {
        let ctx = Context::establish(Scope::User).map_err(map_error)?;
        Self::connect(&ctx, reader)
    }

    /// The reader this transport is connected through.
    pub fn reader(&self) -> &str {
        &self.reader
    }

    /// True when the card this transport connected to has left the reader since, even if a
    /// card is back in it now: pcsc-lite keeps the removal on the handle until it reconnects.
    /// Asks the service only, never the card.
    pub fn card_left(&self) -> bool {
        let Some(card) = self.card.as_ref() else { return true };
        matches!(card.status2_owned(), Err(pcsc::Error::RemovedCard | pcsc::Error::NoSmartcard))
    }

    fn card_mut(&mut self) -> Result<&mut Card, TransportError> {
        self.card.as_mut().ok_or_else(|| TransportError::other(pcsc::Error::InvalidHandle))
    }
}

/// Whether some other connection to the card exists, as the service reports it without waiting
/// (`SCARD_STATE_INUSE`/`EXCLUSIVE`); when it cannot tell, yes. Only then can a transaction be
/// open on it, and only then is the bounded wait worth its helper thread.
fn others_connected(ctx: &Context, name: &std::ffi::CStr) -> bool {
    let mut states = [ReaderState::new(name.to_owned(), State::UNAWARE)];
    match ctx.get_status_change(Duration::ZERO, &mut states) {
        Ok(()) => states.iter().any(|s| s.event_state().intersects(State::INUSE | State::EXCLUSIVE)),
        Err(_) => true,
    }
}

fn read_atr(card: &Card) -> Result<Vec<u8>, TransportError> {
    Ok(card.status2_owned().map_err(map_error)?.atr().to_vec())
}

/// [`map_error`] for a connection that exists: the service going away now is a loss in the
/// middle of the user's operation ([`TransportError::ServiceLost`]), not a service that was
/// never there.
fn map_connected(e: pcsc::Error) -> TransportError {
    map_connected_on(crate::Stack::current(), e)
}

fn map_connected_on(stack: crate::Stack, e: pcsc::Error) -> TransportError {
    match map_error_on(stack, e) {
        TransportError::ServiceUnavailable => TransportError::ServiceLost,
        // On Windows the service stops when the last reader is unplugged: mid-operation, the
        // reader and the card left with it.
        TransportError::NoReader if stack.service_follows_readers() => TransportError::CardRemoved,
        other => other,
    }
}

impl CardTransport for PcscTransport {
    fn atr(&self) -> &[u8] {
        &self.atr
    }

    fn session(&mut self) -> Result<Box<dyn CardSession + '_>, TransportError> {
        // pcsc-lite's SCardBeginTransaction waits, without a timeout, for as long as another
        // program keeps its transaction open: wait for that ourselves, bounded. No APDU has been
        // sent yet, so giving up here costs nothing (and no PIN was ever sent).
        wait_until_free(&self.reader, PROTOCOLS, self.busy_wait)?;
        let reader = self.reader.as_str();
        let atr = &mut self.atr;
        let card = self.card.as_mut().ok_or_else(|| TransportError::other(pcsc::Error::InvalidHandle))?;
        match card.transaction2() {
            Ok(tx) => Ok(Box::new(PcscSession::new(tx, false))),
            Err((card, pcsc::Error::ResetCard)) => {
                // Someone else reset the card since our last session: whatever we had selected
                // or verified is gone. Re-attach without resetting again and tell the caller.
                tracing::info!(reader, "card was reset by another program; reconnecting");
                card.reconnect(ShareMode::Shared, PROTOCOLS, Disposition::LeaveCard)
                    .map_err(map_connected)?;
                if let Ok(new_atr) = read_atr(card) {
                    *atr = new_atr;
                }
                let tx = card.transaction().map_err(map_connected)?;
                Ok(Box::new(PcscSession::new(tx, true)))
            }
            Err((_, e)) => Err(map_connected(e)),
        }
    }

    fn reset(&mut self) -> Result<(), TransportError> {
        let card = self.card_mut()?;
        // A warm reset drops the security status of every PIN on the card, which is the
        // point: nothing verified may outlive our operation.
        card.reconnect(ShareMode::Shared, PROTOCOLS, Disposition::ResetCard).map_err(map_connected)?;
        let atr = read_atr(card)?;
        self.atr = atr;
        tracing::debug!(reader = %self.reader, "card reset");
        Ok(())
    }
}

impl Drop for PcscTransport {
    fn drop(&mut self) {
        // pcsc's own Drop for Card resets the card, which would break other programs using it.
        if let Some(card) = self.card.take()
            && let Err((_, e)) = card.disconnect(Disposition::LeaveCard)
        {
            tracing::debug!(reader = %self.reader, error = %e, "disconnect failed");
        }
    }
}

/// One PC/SC transaction; ends (leaving the card as is) when dropped.
struct PcscSession<'a> {
    tx: pcsc::Transaction<'a>,
    was_reset: bool,
    // Whether an APDU already went through in this session, i.e. the card holds state the
    // caller relies on (a selected file) that a reset would silently destroy.
    sent_any: bool,
}

impl<'a> PcscSession<'a> {
    fn new(tx: pcsc::Transaction<'a>, was_reset: bool) -> Self {
        PcscSession { tx, was_reset, sent_any: false }
    }

    fn transmit_once(&self, apdu: &[u8]) -> Result<Vec<u8>, pcsc::Error> {
        let mut buf = [0u8; pcsc::MAX_BUFFER_SIZE];
        let resp = self.tx.transmit(apdu, &mut buf)?;
        Ok(resp.to_vec())
    }
}

/// VERIFY, CHANGE REFERENCE DATA, RESET RETRY COUNTER: never re-sent by us, whatever happened,
/// so that one user action can never cost two tries.
fn can_spend_a_try(apdu: &[u8]) -> bool {
    matches!(apdu.get(1), Some(0x20 | 0x24 | 0x2C))
}

/// How long to wait for the service to notice a removal after an empty answer (pcsc-lite polls
/// its readers every 400 ms).
const REMOVAL_GRACE: Duration = Duration::from_millis(1500);

impl PcscSession<'_> {
    /// After an answer without a status word: the card left, or it is not answering.
    fn why_no_answer(&self) -> TransportError {
        let deadline = Instant::now() + REMOVAL_GRACE;
        loop {
            match self.tx.status2_owned() {
                Err(pcsc::Error::RemovedCard | pcsc::Error::NoSmartcard) => {
                    return TransportError::CardRemoved;
                }
                Ok(st) if !st.status().contains(pcsc::Status::PRESENT) => return TransportError::CardRemoved,
                Err(e) if !matches!(e, pcsc::Error::NotTransacted) => return map_connected(e),
                _ => {}
            }
            if Instant::now() >= deadline {
                return TransportError::Unresponsive;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl CardSession for PcscSession<'_> {
    fn transmit(&mut self, apdu: &[u8]) -> Result<Vec<u8>, TransportError> {
        // Lengths only: PINs travel through here.
        tracing::trace!(len = apdu.len(), "transmit");
        let result = match self.transmit_once(apdu) {
            Err(pcsc::Error::ResetCard) => {
                tracing::info!("card was reset by another program during a session; reconnecting");
                self.tx
                    .reconnect(ShareMode::Shared, PROTOCOLS, Disposition::LeaveCard)
                    .map_err(map_connected)?;
                self.was_reset = true;
                if self.sent_any || can_spend_a_try(apdu) {
                    // Retrying would run this command against a card that forgot the earlier
                    // ones (e.g. the SELECT before a READ BINARY), or re-send a PIN: the caller
                    // must start over, and the user decides whether to try again.
                    return Err(TransportError::CardReset);
                }
                self.transmit_once(apdu)
            }
            other => other,
        };
        let resp = result.map_err(map_connected)?;
        self.sent_any = true;
        tracing::trace!(len = resp.len(), "received");
        if resp.len() < 2 {
            // No status word at all: some drivers (vpcd 0.8) pass a card that went away in the
            // middle of a command on as an empty answer. Say what happened, not "malformed".
            return Err(self.why_no_answer());
        }
        Ok(resp)
    }

    fn was_reset(&self) -> bool {
        self.was_reset
    }
}

#[cfg(test)]
mod tests {
    use super::{can_spend_a_try, map_connected, map_connected_on};
    use crate::Stack;
    use cns_core::TransportError;

    #[test]
    fn the_service_lost_while_connected_is_a_loss_mid_operation() {
        for e in [pcsc::Error::NoService, pcsc::Error::ServiceStopped, pcsc::Error::CommError] {
            assert!(matches!(map_connected_on(Stack::PcscLite, e), TransportError::ServiceLost), "{e:?}");
        }
        // Windows: the last reader unplugged mid-operation stops the service; for the user the
        // card left (the operation may not have completed), and pcscd advice would be wrong.
        for e in [pcsc::Error::NoService, pcsc::Error::ServiceStopped] {
            assert!(matches!(map_connected_on(Stack::WinScard, e), TransportError::CardRemoved), "{e:?}");
        }
        assert!(matches!(map_connected(pcsc::Error::RemovedCard), TransportError::CardRemoved));
        assert!(matches!(map_connected(pcsc::Error::NotTransacted), TransportError::CardRemoved));
    }

    #[test]
    fn pin_commands_are_never_retried() {
        assert!(can_spend_a_try(&[0x00, 0x20, 0x00, 0x10, 0x08]));
        assert!(can_spend_a_try(&[0x00, 0x24, 0x00, 0x90]));
        assert!(can_spend_a_try(&[0x00, 0x2C, 0x00, 0x10]));
        assert!(!can_spend_a_try(&[0x00, 0xA4, 0x00, 0x00, 0x02, 0x3F, 0x00]));
        assert!(!can_spend_a_try(&[]));
    }
}
