//! A simulated reader: [`SimHandle`] (shared, cloneable: insert, remove, inspect) and
//! [`SimTransport`], cns-core's [`CardTransport`] over it.

use crate::card::SimCard;
use cns_core::{CardSession, CardTransport, TransportError};
use std::ops::{Deref, DerefMut};
use std::sync::{Arc, Mutex, MutexGuard};

/// What the log keeps of a command: the header and the lengths, never the data (PINs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoggedCommand {
    pub header: [u8; 4],
    /// Lc, when the command carried data.
    pub lc: Option<u8>,
    /// Le, when present.
    pub le: Option<u8>,
}

impl LoggedCommand {
    fn of(apdu: &[u8]) -> LoggedCommand {
        let mut header = [0u8; 4];
        for (h, b) in header.iter_mut().zip(apdu) {
            *h = *b;
        }
        let body = apdu.get(4..).unwrap_or_default();
        let (lc, le) = match body {
            [] => (None, None),
            [le] => (None, Some(*le)),
            [lc, rest @ ..] if rest.len() > usize::from(*lc) => (Some(*lc), rest.last().copied()),
            [lc, ..] => (Some(*lc), None),
        };
        LoggedCommand { header, lc, le }
    }
}

/// The reader slot's state behind a [`SimHandle`].
pub(crate) struct SimState {
    card: SimCard,
    present: bool,
    commands_received: u64,
    since_insert: u32,
    log: Vec<LoggedCommand>,
    /// Called whenever the slot changes (card in or out, another card): lets a reader monitor
    /// wait instead of polling.
    watchers: Vec<Box<dyn Fn() + Send>>,
}

impl SimState {
    fn changed(&self) {
        for w in &self.watchers {
            w();
        }
    }
}

/// A shared handle on the simulated reader and its card. Clones see the same card, so a test
/// can keep one while the code under test owns a [`SimTransport`].
#[derive(Clone)]
pub struct SimHandle(Arc<Mutex<SimState>>);

/// Exclusive access to the card, from [`SimHandle::card`].
pub struct CardGuard<'a>(MutexGuard<'a, SimState>);

impl Deref for CardGuard<'_> {
    type Target = SimCard;
    fn deref(&self) -> &SimCard {
        &self.0.card
    }
}

impl DerefMut for CardGuard<'_> {
    fn deref_mut(&mut self) -> &mut SimCard {
        &mut self.0.card
    }
}

impl Default for SimHandle {
    fn default() -> Self {
        SimHandle::new(SimCard::default())
    }
}

impl SimHandle {
    /// A reader with `card` inserted and powered.
    pub fn new(card: SimCard) -> SimHandle {
        let handle = SimHandle::empty(card);
        handle.insert();
        handle
    }

    /// A reader whose card is out (insert it with [`SimHandle::insert`]).
    pub fn empty(card: SimCard) -> SimHandle {
        SimHandle(Arc::new(Mutex::new(SimState {
            card,
            present: false,
            commands_received: 0,
            since_insert: 0,
            log: Vec::new(),
            watchers: Vec::new(),
        })))
    }

    fn lock(&self) -> MutexGuard<'_, SimState> {
        // A test that panicked while holding the lock must not hide the state from the others.
        self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Inserts (powers on) the card; the removal countdown starts again.
    pub fn insert(&self) {
        let mut s = self.lock();
        s.present = true;
        s.since_insert = 0;
        s.card.power_on();
        s.changed();
    }

    /// Pulls the card out: the next command fails with `CardRemoved`.
    pub fn remove(&self) {
        let mut s = self.lock();
        s.present = false;
        s.card.power_off();
        s.changed();
    }

    /// Calls `f` (from whichever thread made the change, with the slot locked: `f` must not
    /// use this handle) each time a card is inserted, removed or replaced.
    pub fn watch(&self, f: impl Fn() + Send + 'static) {
        self.lock().watchers.push(Box::new(f));
    }

    pub fn is_present(&self) -> bool {
        self.lock().present
    }

    /// The card, locked: `handle.card().pin_tries_left()`. Do not hold it across a transmit.
    pub fn card(&self) -> CardGuard<'_> {
        CardGuard(self.lock())
    }

    /// Puts another card in the slot (present or not as before; volatile state cleared).
    pub fn replace_card(&self, mut card: SimCard) {
        let mut s = self.lock();
        card.power_on();
        s.card = card;
        s.since_insert = 0;
        s.changed();
    }

    /// Commands the card has received (not those refused because it was out).
    pub fn commands_received(&self) -> u64 {
        self.lock().commands_received
    }

    /// Header, Lc and Le of every command received, oldest first.
    pub fn command_log(&self) -> Vec<LoggedCommand> {
        self.lock().log.clone()
    }

    /// The 4-byte headers of every command received.
    pub fn command_headers(&self) -> Vec<[u8; 4]> {
        self.lock().log.iter().map(|c| c.header).collect()
    }

    /// Forgets the counter and the log.
    pub fn clear_log(&self) {
        let mut s = self.lock();
        s.commands_received = 0;
        s.log.clear();
    }

    /// The card's ATR, or `NoCard`.
    pub fn atr(&self) -> Result<Vec<u8>, TransportError> {
        let s = self.lock();
        if s.present { Ok(crate::hostile::atr(&s.card)) } else { Err(TransportError::NoCard) }
    }

    /// Sends one APDU to the card, honouring removal (also the `remove_after_commands` knob:
    /// the N-th command is answered, then the card is gone).
    pub fn transmit(&self, apdu: &[u8]) -> Result<Vec<u8>, TransportError> {
        let mut s = self.lock();
        if !s.present {
            return Err(TransportError::CardRemoved);
        }
        s.commands_received += 1;
        s.since_insert = s.since_insert.saturating_add(1);
        s.log.push(LoggedCommand::of(apdu));
        let response = crate::hostile::answer(&mut s.card, apdu);
        if let Some(limit) = s.card.quirks().remove_after_commands
            && s.since_insert >= limit
        {
            s.present = false;
            s.card.power_off();
            s.changed();
        }
        Ok(response)
    }

    /// Warm reset: the verified state is gone, the MF is selected.
    pub fn reset_card(&self) -> Result<(), TransportError> {
        let mut s = self.lock();
        if !s.present {
            return Err(TransportError::NoCard);
        }
        s.card.reset();
        Ok(())
    }

    /// A transport on this reader.
    pub fn transport(&self) -> SimTransport {
        SimTransport::new(self.clone())
    }
}

/// cns-core's [`CardTransport`] on a simulated reader.
pub struct SimTransport {
    handle: SimHandle,
    atr: Vec<u8>,
}

impl SimTransport {
    pub fn new(handle: SimHandle) -> SimTransport {
        let atr = crate::hostile::atr(&handle.lock().card);
        SimTransport { handle, atr }
    }

    pub fn handle(&self) -> &SimHandle {
        &self.handle
    }
}

impl CardTransport for SimTransport {
    fn atr(&self) -> &[u8] {
        &self.atr
    }

    fn session(&mut self) -> Result<Box<dyn CardSession + '_>, TransportError> {
        // The card may have been swapped since the last session.
        self.atr = self.handle.atr()?;
        Ok(Box::new(SimSession { handle: &self.handle }))
    }

    fn reset(&mut self) -> Result<(), TransportError> {
        self.handle.reset_card()
    }
}

struct SimSession<'a> {
    handle: &'a SimHandle,
}

impl CardSession for SimSession<'_> {
    fn transmit(&mut self, apdu: &[u8]) -> Result<Vec<u8>, TransportError> {
        self.handle.transmit(apdu)
    }
}
