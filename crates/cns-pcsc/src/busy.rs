//! A bounded wait for another program's transaction to end.
//!
//! pcsc-lite gives no way to ask "is another program inside a transaction on this card?" without
//! waiting for it: `SCardBeginTransaction` polls the service until the other transaction ends,
//! `SCardConnect` waits inside pcscd while any transaction is open on the reader, and
//! `SCardStatus`/`SCardTransmit` block too (unless `PCSCLITE_NO_BLOCKING` is set in the whole
//! process). None of them takes a timeout or can be cancelled (`SCardCancel` only interrupts
//! `SCardGetStatusChange`). A browser's PKCS#11 module or a signing tool that keeps a long
//! transaction open would freeze us for as long as it likes.
//!
//! So before we connect or begin a transaction, a helper thread does the waiting on a PC/SC
//! context and connection of its own: it connects (shared), begins and at once ends a
//! transaction, and disconnects leaving the card as it is. It sends no APDU. We wait for it at
//! most the bound; if it is not through by then, the caller gets [`TransportError::Busy`] and
//! nothing was sent to the card. A helper left behind finishes on its own when the other program
//! lets go (or the card or the service goes away); while it waits, later calls on the same reader
//! wait on it instead of starting another one, so at most one helper per reader exists.
//!
//! One window is left open: another program may begin a transaction in the instant between the
//! helper's end and ours; then we wait for that one transaction, as before.

use std::collections::HashMap;
use std::ffi::CString;
use std::sync::{Arc, Condvar, LazyLock, Mutex, PoisonError};
use std::time::Duration;

use cns_core::TransportError;
use pcsc::{Context, Disposition, Protocols, Scope, ShareMode};

/// How long an operation waits for another program to let go of the card, by default.
pub const DEFAULT_BUSY_WAIT: Duration = Duration::from_secs(5);

/// The environment variable that overrides [`DEFAULT_BUSY_WAIT`], in whole seconds (1–300).
pub const BUSY_WAIT_ENV: &str = "CNS_CARD_WAIT_SECS";

/// The bound in force: [`BUSY_WAIT_ENV`] when it holds a number of seconds from 1 to 300, else
/// [`DEFAULT_BUSY_WAIT`].
pub fn busy_wait() -> Duration {
    parse_busy_wait(std::env::var(BUSY_WAIT_ENV).ok().as_deref())
}

fn parse_busy_wait(value: Option<&str>) -> Duration {
    match value.map(str::trim).and_then(|v| v.parse::<u64>().ok()) {
        Some(secs @ 1..=300) => Duration::from_secs(secs),
        _ => DEFAULT_BUSY_WAIT,
    }
}

#[derive(Default)]
struct Gate {
    through: Mutex<bool>,
    cv: Condvar,
}

/// The helpers still waiting, by reader name.
static GATES: LazyLock<Mutex<HashMap<String, Arc<Gate>>>> = LazyLock::new(Default::default);

/// Waits at most `bound` until no other program holds a transaction on `reader`.
///
/// `Ok(())` also when the helper could not tell (no service, no card, a reader gone): the
/// caller's own call then meets the same problem and reports it with its own words.
pub(crate) fn wait_until_free(
    reader: &str,
    protocols: Protocols,
    bound: Duration,
) -> Result<(), TransportError> {
    let gate = {
        let mut gates = GATES.lock().unwrap_or_else(PoisonError::into_inner);
        match gates.get(reader) {
            Some(g) => Arc::clone(g),
            None => {
                let g = Arc::new(Gate::default());
                let (name, for_helper) = (reader.to_owned(), Arc::clone(&g));
                let spawned = std::thread::Builder::new()
                    .name("cns-pcsc-busy".into())
                    .spawn(move || helper(name, protocols, for_helper));
                if spawned.is_err() {
                    // no thread: fall back to pcsc-lite's own (unbounded) wait
                    return Ok(());
                }
                gates.insert(reader.to_owned(), Arc::clone(&g));
                g
            }
        }
    };
    let through = gate.through.lock().unwrap_or_else(PoisonError::into_inner);
    let (through, _) =
        gate.cv.wait_timeout_while(through, bound, |t| !*t).unwrap_or_else(PoisonError::into_inner);
    if *through {
        Ok(())
    } else {
        tracing::info!(
            reader,
            waited_ms = bound.as_millis(),
            "another program keeps the card in a transaction"
        );
        Err(TransportError::Busy)
    }
}

fn helper(reader: String, protocols: Protocols, gate: Arc<Gate>) {
    pass_through(&reader, protocols);
    {
        let mut gates = GATES.lock().unwrap_or_else(PoisonError::into_inner);
        if gates.get(&reader).is_some_and(|g| Arc::ptr_eq(g, &gate)) {
            gates.remove(&reader);
        }
    }
    *gate.through.lock().unwrap_or_else(PoisonError::into_inner) = true;
    gate.cv.notify_all();
}

/// Connects, begins and ends a transaction, disconnects: returns once no other program holds a
/// transaction on the reader (or when the helper cannot tell). Sends no APDU, resets nothing.
fn pass_through(reader: &str, protocols: Protocols) {
    let Ok(name) = CString::new(reader) else { return };
    let Ok(ctx) = Context::establish(Scope::User) else { return };
    // pcscd holds a shared connect while any transaction is open on the reader
    let Ok(mut card) = ctx.connect(&name, ShareMode::Shared, protocols) else { return };
    // other PC/SC stacks let the connect through and make the transaction wait
    if let Ok(tx) = card.transaction() {
        let _ = tx.end(Disposition::LeaveCard);
    }
    // pcsc's own Drop would reset the card under the other program
    let _ = card.disconnect(Disposition::LeaveCard);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bound_comes_from_the_environment_within_limits() {
        assert_eq!(parse_busy_wait(None), DEFAULT_BUSY_WAIT);
        assert_eq!(parse_busy_wait(Some("12")), Duration::from_secs(12));
        assert_eq!(parse_busy_wait(Some(" 2 ")), Duration::from_secs(2));
        assert_eq!(parse_busy_wait(Some("300")), Duration::from_secs(300));
        for bad in ["0", "301", "-1", "5s", "", "1e3", "99999999999999999999"] {
            assert_eq!(parse_busy_wait(Some(bad)), DEFAULT_BUSY_WAIT, "{bad:?}");
        }
    }

    #[test]
    fn a_helper_that_cannot_tell_lets_the_caller_through() {
        // no pcscd at this socket: the helper cannot tell, and says so by letting us go on (the
        // caller's own connect then reports the missing service); with a service, the reader
        // does not exist, and the same holds
        let r = wait_until_free("no such reader 00 00", Protocols::ANY, Duration::from_secs(30));
        assert!(r.is_ok(), "{r:?}");
    }
}
