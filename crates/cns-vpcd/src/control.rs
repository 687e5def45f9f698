//! Remote control of a running [`serve()`](crate::serve()) loop: simulated removal/insertion and stop.

use std::net::{Shutdown, TcpStream};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

/// Cloneable handle shared between the serve loop and whoever drives it (signal thread, tests).
///
/// Removal closes the live connection at once (to pcscd that is "card removed") and keeps the
/// loop from reconnecting until [`insert`](Self::insert).
#[derive(Clone, Debug, Default)]
pub struct Control {
    inner: Arc<Inner>,
}

#[derive(Debug, Default)]
struct Inner {
    state: Mutex<State>,
    changed: Condvar,
}

#[derive(Debug)]
struct State {
    inserted: bool,
    stopped: bool,
    /// A clone of the live socket, so removal/stop can interrupt a blocking read.
    conn: Option<TcpStream>,
}

impl Default for State {
    fn default() -> Self {
        Self { inserted: true, stopped: false, conn: None }
    }
}

/// What the serve loop should do after waiting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Wake {
    Stop,
    Connect,
}

impl Control {
    /// A control whose card starts inserted.
    pub fn new() -> Self {
        Self::default()
    }

    /// A control whose card starts removed; nothing connects until [`insert`](Self::insert).
    pub fn new_removed() -> Self {
        let c = Self::default();
        c.lock().inserted = false;
        c
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // The state stays consistent even if a holder panicked, so poisoning is ignored.
        self.inner.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Simulates pulling the card out of the reader.
    pub fn remove(&self) {
        let mut st = self.lock();
        st.inserted = false;
        close(&mut st);
        drop(st);
        self.inner.changed.notify_all();
    }

    /// Simulates putting the card (back) into the reader.
    pub fn insert(&self) {
        self.lock().inserted = true;
        self.inner.changed.notify_all();
    }

    /// Flips removed/inserted; returns `true` if the card is now inserted.
    pub fn toggle(&self) -> bool {
        let mut st = self.lock();
        st.inserted = !st.inserted;
        let now_inserted = st.inserted;
        if !now_inserted {
            close(&mut st);
        }
        drop(st);
        self.inner.changed.notify_all();
        now_inserted
    }

    /// Makes the serve loop return, closing the live connection.
    pub fn stop(&self) {
        let mut st = self.lock();
        st.stopped = true;
        close(&mut st);
        drop(st);
        self.inner.changed.notify_all();
    }

    pub fn is_inserted(&self) -> bool {
        self.lock().inserted
    }

    pub fn is_stopped(&self) -> bool {
        self.lock().stopped
    }

    /// Whether a vpcd connection is attached (a removal or stop closes it at once, even when
    /// the card is put back before anyone looks).
    pub(crate) fn is_attached(&self) -> bool {
        self.lock().conn.is_some()
    }

    /// Blocks until the card is inserted (→ `Connect`) or the loop is stopped (→ `Stop`).
    pub(crate) fn wait_inserted(&self) -> Wake {
        let mut st = self.lock();
        loop {
            if st.stopped {
                return Wake::Stop;
            }
            if st.inserted {
                return Wake::Connect;
            }
            st = self.inner.changed.wait(st).unwrap_or_else(PoisonError::into_inner);
        }
    }

    /// Sleeps for `dur` unless stopped or removed earlier; used as reconnect backoff.
    pub(crate) fn backoff(&self, dur: Duration) {
        let deadline = Instant::now() + dur;
        let mut st = self.lock();
        while !st.stopped && st.inserted {
            let now = Instant::now();
            if now >= deadline {
                return;
            }
            st = self
                .inner
                .changed
                .wait_timeout(st, deadline - now)
                .map(|(g, _)| g)
                .unwrap_or_else(|e| e.into_inner().0);
        }
    }

    /// Registers the live connection. Returns `false` (and the caller must drop the stream)
    /// if the card was removed or the loop stopped while connecting.
    pub(crate) fn attach(&self, stream: &TcpStream) -> bool {
        let mut st = self.lock();
        if st.stopped || !st.inserted {
            return false;
        }
        // Without a clone removal could not interrupt the blocking read; if cloning fails,
        // serve anyway: removal then takes effect at the next message (≤ 400 ms, the poll).
        st.conn = stream.try_clone().ok();
        true
    }

    pub(crate) fn detach(&self) {
        self.lock().conn = None;
    }
}

fn close(st: &mut State) {
    if let Some(conn) = st.conn.take() {
        // Errors only mean the socket is already gone, which is the goal.
        let _ = conn.shutdown(Shutdown::Both);
    }
}
